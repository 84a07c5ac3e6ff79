"""What owlrl adds once, before its rules run: the one-time triples of each profile.

owlrl (the reference closure, ``aikg.engines.reference.reason``) starts
each closure with a few statements that do not follow from rules over the
graph's triples: the OWL 2 RL datatypes and annotation properties declared,
owl:Thing and owl:Nothing declared as classes, the datatype disjointness
axioms for the datatypes the graph uses (``OWLRL._one_time_rules_datatypes``);
for RDFS, every subject and object typed rdfs:Resource and a triple with a
literal copied to every literal of the same Python value
(``RDFSClosure.one_time_rules``). The tables below are owlrl's
(``owlrl/XsdDatatypes.py``, ``owlrl/AxiomaticTriples.py``), restated so that
the fast engine needs neither owlrl nor rdflib.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import combinations

from aikg.namespaces import OWL, RDF, RDFS, XSD

_XSD_NAMES = (
    "integer decimal nonNegativeInteger nonPositiveInteger negativeInteger positiveInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte float double string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTimeStamp dateTime time date"
).split()
# owlrl's OWL_RL_Datatypes
RL_DATATYPES = (*(XSD + n for n in _XSD_NAMES), RDFS + "Literal", RDF + "XMLLiteral", RDF + "HTML",
                RDF + "langString", RDF + "PlainLiteral")

# owlrl's OWL_Datatype_Subsumptions: a datatype and the ones it is a subtype of.
_SUPERTYPES = """
dateTimeStamp: dateTime
integer: decimal
long: integer decimal
int: long integer decimal
short: int long integer decimal
byte: short int long integer decimal
nonNegativeInteger: integer decimal
positiveInteger: nonNegativeInteger integer decimal
unsignedLong: nonNegativeInteger integer decimal
unsignedInt: unsignedLong nonNegativeInteger integer decimal
unsignedShort: unsignedInt unsignedLong nonNegativeInteger integer decimal
unsignedByte: unsignedShort unsignedInt unsignedLong nonNegativeInteger integer decimal
nonPositiveInteger: integer decimal
negativeInteger: nonPositiveInteger integer decimal
normalizedString: string
token: normalizedString string
language: token normalizedString string
Name: token normalizedString string
NCName: Name token normalizedString string
NMTOKEN: Name token normalizedString string
"""
SUBSUMPTIONS = {XSD + name: tuple(XSD + s for s in supers.split())
                for name, _, supers in (line.partition(":") for line in _SUPERTYPES.strip().splitlines())}

# owlrl's OWLRL_Datatypes_Disjointness: every pair of these, in this order, but two.
_DISJOINT_ORDER = (*(XSD + n for n in "anyURI base64Binary boolean dateTime decimal double float hexBinary string".split()),
                   RDF + "PlainLiteral", RDF + "XMLLiteral")
_NOT_DISJOINT = {(XSD + "string", RDF + "PlainLiteral"), (RDF + "PlainLiteral", RDF + "XMLLiteral")}
DISJOINT_DATATYPES = tuple(pair for pair in combinations(_DISJOINT_ORDER, 2) if pair not in _NOT_DISJOINT)

# owlrl's OWLRL_Annotation_properties
ANNOTATION_PROPERTIES = (*(RDFS + n for n in ("label", "comment", "seeAlso", "isDefinedBy")),
                         *(OWL + n for n in ("deprecated", "versionInfo", "priorVersion", "backwardCompatibleWith",
                                             "incompatibleWith")))

# Literals rdflib reads without a datatype (plain and language-tagged): owlrl leaves them out of the datatypes used.
_UNTYPED = (XSD + "string", RDF + "langString")


def owlrl_axioms(store) -> list[tuple[str, str, str]]:
    """The OWL 2 RL profile's one-time triples for ``store`` (IRIs): cls-thing, cls-nothing1, prp-ap,
    dt-type1, the datatype disjointness of the datatypes used, and the supertypes of explicitly typed values."""
    triples = [(OWL + "Thing", RDF + "type", OWL + "Class"), (OWL + "Nothing", RDF + "type", OWL + "Class")]
    triples += [(p, RDF + "type", OWL + "AnnotationProperty") for p in ANNOTATION_PROPERTIES]
    triples += [(d, RDF + "type", RDFS + "Datatype") for d in RL_DATATYPES]
    used = set()
    for row in store.query("SELECT DISTINCT ?d { ?s ?p ?o FILTER isLiteral(?o) BIND (datatype(?o) AS ?d) }"):
        used.add(row["d"].value)
    used = {d for d in used if d in RL_DATATYPES and d not in _UNTYPED}
    typed = f"SELECT DISTINCT ?r ?d {{ ?r a ?d VALUES ?d {{ {' '.join(f'<{d}>' for d in RL_DATATYPES)} }} }}"
    for row in store.query(typed):
        datatype = row["d"].value
        used.add(datatype)
        triples += [(row["r"], RDF + "type", s) for s in SUBSUMPTIONS.get(datatype, ())]
    used |= {s for d in list(used) for s in SUBSUMPTIONS.get(d, ())}
    triples += [(a, OWL + "disjointWith", b) for a, b in DISJOINT_DATATYPES if a in used and b in used]
    return triples


_STRING_VALUED = {XSD + n for n in ("string", "normalizedString", "token", "language", "anyURI")} | {RDF + "langString"}
_INTEGERS = {XSD + n for n in ("integer", "nonPositiveInteger", "long", "nonNegativeInteger", "negativeInteger", "int",
                               "unsignedLong", "positiveInteger", "short", "unsignedInt", "byte", "unsignedShort",
                               "unsignedByte")}


def python_value(literal):
    """The Python value rdflib gives ``literal`` for owlrl's comparison of literals (None: no value).

    Values compare as Python compares them: 1, 1.0 and True are one value,
    as are "a", "a"@en and "a"^^xsd:anyURI. Dates and other kinds are left
    out (their equal values in different lexical forms are not looked for).
    """
    datatype, text = literal.datatype.value, literal.value
    try:
        if datatype in _STRING_VALUED:
            return text
        if datatype in _INTEGERS:
            return int(text)
        if datatype == XSD + "decimal":
            return Decimal(text)
        if datatype in (XSD + "double", XSD + "float"):
            return float(text)
        if datatype == XSD + "boolean":
            return text in ("true", "1")
    except (ValueError, InvalidOperation):
        return None
    return None


def same_value_literals(store) -> list[tuple[object, object]]:
    """Pairs of distinct literals of ``store`` with one Python value (owlrl's RDFS "hidden sameAs" on literals)."""
    groups: dict = {}
    for row in store.query("SELECT DISTINCT ?o { ?s ?p ?o FILTER isLiteral(?o) }"):
        value = python_value(row["o"])
        if value is not None:
            groups.setdefault(value, []).append(row["o"])
    return [(a, b) for group in groups.values() if len(group) > 1 for a in group for b in group if a != b]
