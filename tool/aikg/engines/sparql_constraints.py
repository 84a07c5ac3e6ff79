"""SHACL-SPARQL constraints of node shapes, run once over the whole store.

pyshacl-turbo evaluates a SPARQL constraint once per focus node, each time
over the whole graph, so its cost grows with the square of the data (the
inherited-duties check took minutes at 10k triples). A constraint whose
WHERE clause binds ``$this`` in its first pattern gives the same solutions
whether ``$this`` is pre-bound or bound by a target pattern put in front of
that first pattern, so it can run as one query that selects the shape's
focus nodes itself. A subquery may stay when it does not mention ``$this``
(it is evaluated on its own either way). Constraints that do not have that
form (``$this`` in a subquery, a VALUES or BIND, ``$shapesGraph``…) stay
with pyshacl-turbo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aikg.namespaces import SH

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
_NOT_SAFE = re.compile(r"(?i)\bVALUES\b|\bBIND\b[^)]*\$this|\bMINUS\b|\$shapesGraph|\$currentShape|\$PATH")
_TOKENS = re.compile(r"(?i)\bEXISTS\s*\{|\{|\}|\$this\b|\S")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')  # a brace in a literal is no group
_TARGET_PATTERNS = {
    SH + "targetClass": "{{ ?this <%s>/<%s>* {} }}" % (_RDF_TYPE, _SUBCLASS),
    SH + "targetNode": "{{ VALUES ?this {{ {} }} }}",
    SH + "targetSubjectsOf": "{{ ?this {} [] }}",
    SH + "targetObjectsOf": "{{ [] {} ?this }}",
}


@dataclass(frozen=True)
class WholeGraphConstraint:
    shape: object  # pyoxigraph terms, as found in the shapes store
    constraint: object
    query: str  # the constraint's SELECT with the shape's targets in front
    messages: tuple
    severity: object


def _one(store, subject, predicate):
    import pyoxigraph as ox

    for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None):
        return quad.object
    return None


def _all(store, subject, predicate) -> list:
    import pyoxigraph as ox

    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _prefix_header(shapes, constraint) -> str:
    """The PREFIX lines of the constraint's sh:prefixes declarations."""
    lines, holders = [], _all(shapes, constraint, SH + "prefixes")
    for holder in holders:  # an owl:imports of a holder declares its prefixes too (SHACL 1.0, 5.2.1)
        holders += [imported for imported in _all(shapes, holder, _IMPORTS) if imported not in holders]
        for declaration in _all(shapes, holder, SH + "declare"):
            prefix, namespace = _one(shapes, declaration, SH + "prefix"), _one(shapes, declaration, SH + "namespace")
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
    return "\n".join(lines) + "\n"


def _targets(shapes, shape) -> str | None:
    """A SPARQL group binding ?this to the shape's focus nodes, or None for targets it cannot express."""
    groups = []
    for predicate, pattern in _TARGET_PATTERNS.items():
        groups += [pattern.format(str(value)) for value in _all(shapes, shape, predicate)]
    if _all(shapes, shape, SH + "target"):  # SHACL-AF targets: left to pyshacl-turbo
        return None
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(groups) + " } }" if groups else None


def _this_always_bound(body: str) -> bool:
    """Whether every ``$this`` sits where ?this is already bound once the targets come first.

    That holds in the top group, in a FILTER (NOT) EXISTS group of such a
    place, and in a nested group (a UNION branch, an OPTIONAL) that starts
    with a pattern on ``$this``. Elsewhere, say a NOT EXISTS inside a UNION
    branch or a subquery (whose group starts with SELECT), ?this would be
    unbound where pre-binding puts the focus node.
    """
    bound: list = [True]  # per open group: ?this bound there (None until its first token is read)
    for token in _TOKENS.findall(_STRINGS.sub('""', body)):
        first = bound[-1] is None
        if first:
            bound[-1] = token == "$this" and all(bound[:-1])
        if token == "}":
            bound.pop()
            if not bound:
                return True
        elif token == "{":
            bound.append(None)
        elif token.upper().startswith("EXISTS"):
            bound.append(bound[-1])
        elif token == "$this" and not bound[-1]:
            return False
    return True


def _whole_graph_query(select: str, targets: str) -> str | None:
    """The constraint's query with the targets in front of its WHERE group, or None when that would change it."""
    head, brace, body = select.partition("{")
    if not brace or "WHERE" not in head.upper() or _NOT_SAFE.search(body) or not _this_always_bound(body):
        return None
    return (head + brace + " " + targets + " " + body).replace("$this", "?this")


def _is_active(shapes, node) -> bool:
    flag = _one(shapes, node, SH + "deactivated")
    return flag is None or flag.value != "true"


def whole_graph_constraints(shapes) -> list[WholeGraphConstraint]:
    """The SPARQL constraints of the shapes store that can run once over the whole graph."""
    import pyoxigraph as ox

    found = []
    for quad in shapes.quads_for_pattern(None, ox.NamedNode(SH + "sparql"), None):
        shape, constraint = quad.subject, quad.object
        select = _one(shapes, constraint, SH + "select")
        targets = _targets(shapes, shape)
        if select is None or targets is None or _one(shapes, shape, SH + "path") is not None:
            continue
        if not (_is_active(shapes, shape) and _is_active(shapes, constraint)):
            continue
        query = _whole_graph_query(select.value, targets)
        if query is not None:
            found.append(WholeGraphConstraint(
                shape, constraint, _prefix_header(shapes, constraint) + query,
                # pySHACL, the reference, words such a result with the shape's messages too
                tuple(dict.fromkeys([*_all(shapes, constraint, SH + "message"), *_all(shapes, shape, SH + "message")])),
                _one(shapes, shape, SH + "severity") or ox.NamedNode(SH + "Violation"),
            ))
    return found


def without(shapes, constraints: list[WholeGraphConstraint]):
    """A copy of the shapes store in which the shapes no longer point at ``constraints``."""
    import pyoxigraph as ox

    copy = ox.Store()
    copy.bulk_extend(shapes)
    for c in constraints:
        for quad in list(copy.quads_for_pattern(c.shape, ox.NamedNode(SH + "sparql"), c.constraint)):
            copy.remove(quad)
    return copy


def run(store, constraint: WholeGraphConstraint) -> list[dict]:
    """One dict per violation: focus, path, value, message terms (pyoxigraph), shape and constraint."""
    results = []
    solutions = store.query(constraint.query)
    names = {v.value for v in solutions.variables}
    for solution in solutions:
        row = {name: solution[name] for name in names}
        focus = row.get("this")
        results.append({
            "focus": focus,
            "path": row.get("path"),
            "value": row["value"] if row.get("value") is not None else focus,
            "messages": [_fill(m, row) for m in constraint.messages],
        })
    return results


def _fill(template, row: dict):
    import pyoxigraph as ox

    def fill(match):
        term = row.get(match.group(1))
        return "" if term is None else term.value

    text = re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", fill, template.value)
    return ox.Literal(text, language=template.language) if template.language else ox.Literal(text)


def add_to_report(report, constraint: WholeGraphConstraint, results: list[dict]) -> None:
    """Write the results into the report Store (pyoxigraph), as pySHACL words them."""
    import pyoxigraph as ox
    from aikg.validation import SEVERITY_OF, Finding, add_result

    if not results:
        return
    if constraint.severity.value == SH + "Violation":  # warnings and infos are allowed, as for turbo
        for flag in list(report.quads_for_pattern(None, ox.NamedNode(SH + "conforms"), None)):
            report.remove(flag)
            report.add(ox.Quad(flag.subject, flag.predicate, ox.Literal(False)))
    severity = SEVERITY_OF.get(constraint.severity.value, "violation")
    for found in results:
        finding = Finding(found["focus"], found["path"], found["value"], severity, "", constraint.shape,
                          ox.NamedNode(SH + "SPARQLConstraintComponent"), ox.BlankNode())
        extra = [(ox.NamedNode(SH + "sourceConstraint"), constraint.constraint)]
        add_result(report, finding, extra + [(ox.NamedNode(SH + "resultMessage"), m) for m in found["messages"]])
