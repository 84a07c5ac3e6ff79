"""Which shapes pyshacl-turbo validates and which go to pySHACL, and one report from both.

pyshacl-turbo is the default validator; a shape using a feature it is known
to get wrong where pySHACL gets it right (``ROUTED``) is validated by pySHACL
over the same data instead, and so is every shape that uses such a shape
(through sh:node, sh:property, sh:qualifiedValueShape, sh:not, or a member of
an sh:and / sh:or / sh:xone list): its result depends on the routed one's.

Both validators receive every shape, so references resolve either way; each
keeps the targets only of the shapes it validates, so no focus node is
validated twice.

What is routed, and why (W3C SHACL core and SHACL-SPARQL suites,
../shared/w3c/shacl, compared on pyoxigraph terms; tests/test_shacl_w3c.py):

- the core suite: pyshacl-turbo 0.6.5 passes every case pySHACL 0.40 passes.
  The six cases it fails (node/qualified-001, node/xone-duplicate,
  path/path-complex-002, path/path-unused-001, property/datatype-ill-formed,
  validation-reports/shared) pySHACL fails with the same results, so routing
  sh:qualifiedValueShape, sh:xone, the complex paths or sh:datatype would cost
  time and change no answer; they are not routed;
- SHACL-SPARQL: a SPARQL constraint left to pyshacl-turbo (one aikg does not
  run once over the whole graph, :mod:`aikg.engines.sparql_constraints`) is
  pre-bound wrongly where ``$this`` sits in a nested group before it is bound
  (sparql/pre-binding/pre-binding-005); pySHACL pre-binds it right. pySHACL
  does not support ``$shapesGraph`` and ``$currentShape``; those stay with turbo.
  A SPARQL constraint SHACL forbids — a SERVICE (unsupported-sparql-003), a
  nested SELECT that does not project ``$this`` (unsupported-sparql-004) unless
  the constraint is marked ``aikg:subqueriesIndependentOfFocus`` — goes to
  pySHACL, which refuses the shapes as the suite expects, instead of being run.
"""

from __future__ import annotations

from aikg.namespaces import AIKG, RDF, RDFS, OWL, SH, XSD

_SHAPE_LINKS = {SH + name for name in ("node", "property", "qualifiedValueShape", "not")} | {RDF + "first"}
TARGETS = tuple(SH + name for name in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target"))
_CLASSES = (RDFS + "Class", OWL + "Class")  # a shape that is a class targets its instances (implicit class target)


def _constraints(shapes, shape) -> list[tuple[object, str]]:
    """Each SPARQL constraint of ``shape`` (its node) with its query text."""
    import pyoxigraph as ox

    return [(link.object, select.object.value)
            for link in shapes.quads_for_pattern(shape, ox.NamedNode(SH + "sparql"), None)
            for select in shapes.quads_for_pattern(link.object, ox.NamedNode(SH + "select"), None)]


def _selects(shapes, shape) -> list[str]:
    """The query text of each SPARQL constraint of ``shape``."""
    return [text for _constraint, text in _constraints(shapes, shape)]


def _sparql_left_to_turbo(shapes, shape) -> bool:
    """A SPARQL constraint turbo would pre-bind, not one using what pySHACL lacks."""
    unsupported = {"shapesGraph", "currentShape"}
    return any(not unsupported & {t.variable for t in _tokens(text)} for text in _selects(shapes, shape))


def _tokens(select: str) -> list:
    """The query's SPARQL tokens (strings, IRIs and comments whole), so nothing inside a literal counts."""
    from aikg.sparql.tokens import tokens

    return tokens(select) or []


def refused_query(select: str, independent_subqueries: bool = False) -> bool:
    """Whether SHACL forbids the constraint's query (SHACL 1.0, 5.3.1): a SERVICE, or a nested
    SELECT that does not project ``$this`` (MINUS and VALUES pyshacl-turbo refuses itself).

    ``independent_subqueries``: the constraint is marked
    ``aikg:subqueriesIndependentOfFocus``; its nested SELECTs neither mention
    nor project ``$this``, and aikg runs them once over the whole graph, where
    they give the answers pre-binding would (the bundled
    InheritedNamingOrAttributionNotShown is one). Without the mark such a
    query is refused, as SHACL says.
    """
    return any(token.is_keyword("SERVICE") for token in _tokens(select)) or (
        not independent_subqueries and nested_select_without_this(select))


def nested_select_without_this(select: str) -> bool:
    """A SELECT inside the query whose projection leaves out ``$this`` (``SELECT *`` included,
    as pySHACL reads it: it does not name the pre-bound variable)."""
    found = _tokens(select)
    starts = [i for i, token in enumerate(found) if token.is_keyword("SELECT")][1:]
    for start in starts:
        projected = set()
        for token in found[start + 1:]:
            if token.is_keyword("WHERE") or token.text == "{":
                break
            projected.add(token.variable)
        if "this" not in projected:
            return True
    return False


def _independent_subqueries(shapes, constraint) -> bool:
    import pyoxigraph as ox

    mark = ox.NamedNode(AIKG + "subqueriesIndependentOfFocus")
    return any(q.object.value == "true" for q in shapes.quads_for_pattern(constraint, mark, None))


def refused_sparql(shapes, shape) -> bool:
    """A SPARQL constraint of ``shape`` that SHACL forbids: pySHACL refuses the shapes, as the suite expects."""
    return any(refused_query(text, _independent_subqueries(shapes, constraint))
               for constraint, text in _constraints(shapes, shape))


def using(*predicates: str):
    """A feature test: the shape node has a triple with one of ``predicates`` (full IRIs)."""
    def has(shapes, shape) -> bool:
        import pyoxigraph as ox

        return any(True for p in predicates for _ in shapes.quads_for_pattern(shape, ox.NamedNode(p), None))
    return has


# feature -> how a shape that has it is recognised (the shapes store, the shape node)
ROUTED = {
    "SPARQL constraint pre-bound by pyshacl-turbo": _sparql_left_to_turbo,
    "SPARQL constraint SHACL forbids (pyshacl-turbo runs it)": refused_sparql,
}


def _subjects(shapes) -> set:
    return {q.subject for q in shapes.quads_for_pattern(None, None, None)}


def _users(shapes) -> dict:
    """For each node, the nodes that use it: a blank object is part of its subject, a linked shape is used by its linker."""
    import pyoxigraph as ox

    users: dict = {}
    for quad in shapes.quads_for_pattern(None, None, None):
        if isinstance(quad.object, ox.BlankNode) or (quad.predicate.value in _SHAPE_LINKS and not isinstance(quad.object, ox.Literal)):
            users.setdefault(quad.object, set()).add(quad.subject)
    return users


def routed_shapes(shapes, features=None) -> set:
    """The shape nodes whose results pySHACL must give: those with a routed feature and those using them."""
    features = ROUTED if features is None else features
    found = {node for node in _subjects(shapes) if any(has(shapes, node) for has in features.values())}
    users, todo = _users(shapes), list(found)
    while todo:
        for user in users.get(todo.pop(), ()):
            if user not in found:
                found.add(user)
                todo.append(user)
    return found


def _targeted(shapes) -> set:
    import pyoxigraph as ox

    found = set()
    for predicate in (*TARGETS, RDF + "type"):
        for quad in shapes.quads_for_pattern(None, ox.NamedNode(predicate), None):
            if predicate != RDF + "type" or quad.object.value in _CLASSES:
                found.add(quad.subject)
    return found


def targets_kept(shapes, keep) -> object:
    """A copy of the shapes store in which only the shapes in ``keep`` have targets."""
    import pyoxigraph as ox

    copy = ox.Store()
    copy.bulk_extend(shapes)
    for shape in _targeted(shapes) - set(keep):
        for predicate in TARGETS:
            for quad in list(copy.quads_for_pattern(shape, ox.NamedNode(predicate), None)):
                copy.remove(quad)
        for cls in _CLASSES:
            copy.remove(ox.Quad(shape, ox.NamedNode(RDF + "type"), ox.NamedNode(cls)))
    return copy


def split(shapes, features=None) -> tuple:
    """(the shapes for pyshacl-turbo, the shapes for pySHACL or None when no targeted shape is routed)."""
    routed = routed_shapes(shapes, features) & _targeted(shapes)
    if not routed:
        return shapes, None
    return targets_kept(shapes, _targeted(shapes) - routed), targets_kept(shapes, routed)


def merge(report, other) -> None:
    """Add the results of the report store ``other`` to the report store ``report``, one sh:ValidationReport still."""
    import pyoxigraph as ox

    is_report = ox.NamedNode(SH + "ValidationReport")
    top = next(q.subject for q in report.quads_for_pattern(None, ox.NamedNode(RDF + "type"), is_report))
    tops = {q.subject for q in other.quads_for_pattern(None, ox.NamedNode(RDF + "type"), is_report)}
    conforms = ox.NamedNode(SH + "conforms")
    for quad in other.quads_for_pattern(None, None, None):
        if quad.subject not in tops:
            report.add(ox.Quad(quad.subject, quad.predicate, quad.object))
        elif quad.predicate == conforms:
            if quad.object.value not in ("true", "1"):
                for flag in list(report.quads_for_pattern(top, conforms, None)):
                    report.remove(flag)
                report.add(ox.Quad(top, conforms, quad.object))
        elif quad.predicate.value == SH + "result":
            report.add(ox.Quad(top, quad.predicate, quad.object))


# Datatypes a pyoxigraph Store does not keep: it stores their literals as xsd:integer or xsd:dateTime.
REWRITTEN_DATATYPES = frozenset(XSD + name for name in (
    "byte", "short", "int", "long", "unsignedByte", "unsignedShort", "unsignedInt", "unsignedLong",
    "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "dateTimeStamp",
))


def needs_written_literals(shapes) -> bool:
    """Whether a shape checks sh:datatype against a datatype the store rewrites: its validators must then
    read the data as written, not from the store ("5"^^xsd:int would fail sh:datatype xsd:int there)."""
    import pyoxigraph as ox

    return any(q.object.value in REWRITTEN_DATATYPES for q in shapes.quads_for_pattern(None, ox.NamedNode(SH + "datatype"), None)
               if isinstance(q.object, ox.NamedNode))
