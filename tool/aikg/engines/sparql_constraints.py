"""SHACL-SPARQL constraints of node shapes, run once over the whole store.

pyshacl-turbo evaluates a SPARQL constraint once per focus node, each time
over the whole graph, so its cost grows with the square of the data (the
inherited-duties check took minutes at 10k triples). A constraint whose
WHERE clause binds ``$this`` in its first pattern gives the same solutions
whether ``$this`` is pre-bound or bound by a target pattern put in front of
that first pattern, so it can run as one query that selects the shape's
focus nodes itself. A subquery may stay when it does not mention ``$this``
(it is evaluated on its own either way); SHACL allows one that leaves ``$this``
out of its SELECT only when the constraint is marked
``aikg:subqueriesIndependentOfFocus`` (:func:`aikg.engines.routing.refused_query`). Constraints that do not have that
form (``$this`` in a subquery, a VALUES or BIND, ``$shapesGraph``…) stay
with pyshacl-turbo.

The query is read as SPARQL tokens (:mod:`aikg.sparql.tokens`), so a
``$this``, a brace or a keyword inside a string, an IRI or a comment is never
taken for syntax, and the only change made to its text is the target group put
in front: ``$this`` and ``?this`` are one variable in SPARQL, which the
targets bind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aikg.namespaces import OWL, SH
from aikg.sparql.tokens import Token, tokens

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
# SHACL's other pre-bound variables (and $PATH, which a property shape's path replaces): a
# whole-graph run binds none of them, so a constraint naming one stays with pyshacl-turbo.
_OTHER_PREBOUND = {"shapesGraph", "currentShape", "PATH"}
# Forms SHACL-SPARQL forbids or that would see ?this unbound where pre-binding binds it.
_NOT_SAFE_KEYWORDS = ("VALUES", "MINUS", "SERVICE")
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


def _prefix_holders(shapes, constraint) -> list:
    """The nodes whose sh:declare the constraint's prefixes come from: its sh:prefixes values
    and the ontologies they owl:imports, transitively (SHACL 1.0, 5.2.1)."""
    holders, todo = [], list(_all(shapes, constraint, SH + "prefixes"))
    while todo:
        holder = todo.pop()
        if holder not in holders:
            holders.append(holder)
            todo += _all(shapes, holder, OWL + "imports")
    return holders


def _prefix_header(shapes, constraint) -> str:
    """The PREFIX lines of the constraint's sh:prefixes declarations."""
    lines = []
    for holder in _prefix_holders(shapes, constraint):
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


def _is_this(token: Token) -> bool:
    return token.variable == "this"


def _safe(query: list[Token]) -> bool:
    """Whether no token stops the whole-graph run: another pre-bound variable, VALUES, MINUS,
    SERVICE, or ``this`` bound by the query itself (in a BIND, or ``AS ?this``)."""
    depth_of_bind = None  # the parenthesis depth a BIND's expression started at, inside one
    depth = 0
    for before, token in zip([None, *query], query):
        if token.variable in _OTHER_PREBOUND or token.is_keyword(*_NOT_SAFE_KEYWORDS):
            return False
        if _is_this(token) and (depth_of_bind is not None or (before is not None and before.is_keyword("AS"))):
            return False
        if token.text == "(":
            depth += 1
            if before is not None and before.is_keyword("BIND") and depth_of_bind is None:
                depth_of_bind = depth
        elif token.text == ")":
            depth_of_bind = None if depth == depth_of_bind else depth_of_bind
            depth -= 1
    return True


def _this_always_bound(body: list[Token]) -> bool:
    """Whether every ``$this`` sits where ?this is already bound once the targets come first.

    That holds in the top group, in a FILTER (NOT) EXISTS group of such a
    place, and in a nested group (a UNION branch, an OPTIONAL) that starts
    with a pattern on ``$this``. Elsewhere, say a NOT EXISTS inside a UNION
    branch or a subquery (whose group starts with SELECT), ?this would be
    unbound where pre-binding puts the focus node. ``body`` follows the
    WHERE clause's opening brace.
    """
    bound: list = [True]  # per open group: ?this bound there (None until its first token is read)
    for before, token in zip([None, *body], body):
        if bound[-1] is None:
            bound[-1] = _is_this(token) and all(bound[:-1])
        if token.text == "}":
            bound.pop()
            if not bound:
                return True
        elif token.text == "{":
            bound.append(bound[-1] if before is not None and before.is_keyword("EXISTS") else None)
        elif _is_this(token) and not bound[-1]:
            return False
    return True


def _whole_graph_query(select: str, targets: str) -> str | None:
    """The constraint's query with the targets in front of its WHERE group, or None when that would change it."""
    query = tokens(select)
    if query is None:
        return None
    opening = next((i for i, token in enumerate(query) if token.text == "{"), None)
    if not opening or not query[opening - 1].is_keyword("WHERE"):
        return None
    if not _safe(query) or not _this_always_bound(query[opening + 1:]):
        return None
    where = query[opening].end
    return select[:where] + " " + targets + " " + select[where:]


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
