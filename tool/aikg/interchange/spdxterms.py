"""The SPDX 3.0.1 JSON-LD names aikg reads and writes, with the IRIs the official context gives them.

SPDX documents name the remote context https://spdx.org/rdf/3.0.1/spdx-context.jsonld,
which aikg never fetches: documents are read as JSON by these compacted names, and
written either with them (for SPDX tools) or expanded to full IRIs (for RDF tools).
tests/test_spdx.py checks the table against a local copy of the official context.
"""

from __future__ import annotations

SPDX_VERSION = "3.0.1"
CONTEXT_URL = f"https://spdx.org/rdf/{SPDX_VERSION}/spdx-context.jsonld"
TERMS = f"https://spdx.org/rdf/{SPDX_VERSION}/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

CLASSES = {
    "SpdxDocument": "Core/SpdxDocument", "CreationInfo": "Core/CreationInfo", "Relationship": "Core/Relationship",
    "Agent": "Core/Agent", "Organization": "Core/Organization", "Person": "Core/Person",
    "SoftwareAgent": "Core/SoftwareAgent", "Tool": "Core/Tool",
    "ai_AIPackage": "AI/AIPackage", "dataset_DatasetPackage": "Dataset/DatasetPackage",
    "software_Package": "Software/Package", "software_File": "Software/File",
    "simplelicensing_LicenseExpression": "SimpleLicensing/LicenseExpression",
    "expandedlicensing_CustomLicense": "ExpandedLicensing/CustomLicense",
    "expandedlicensing_ListedLicense": "ExpandedLicensing/ListedLicense",
}

# compact property name -> (IRI path under TERMS, how its values expand: "id", "vocab:<path>/" or an XSD type)
PROPERTIES = {
    "creationInfo": ("Core/creationInfo", "id"),
    "name": ("Core/name", "string"),
    "comment": ("Core/comment", "string"),
    "description": ("Core/description", "string"),
    "specVersion": ("Core/specVersion", "string"),
    "created": ("Core/created", "dateTimeStamp"),
    "createdBy": ("Core/createdBy", "id"),
    "createdUsing": ("Core/createdUsing", "id"),
    "from": ("Core/from", "id"),
    "to": ("Core/to", "id"),
    "relationshipType": ("Core/relationshipType", "vocab:Core/RelationshipType/"),
    "element": ("Core/element", "id"),
    "rootElement": ("Core/rootElement", "id"),
    "profileConformance": ("Core/profileConformance", "vocab:Core/ProfileIdentifierType/"),
    "suppliedBy": ("Core/suppliedBy", "id"),
    "originatedBy": ("Core/originatedBy", "id"),
    "releaseTime": ("Core/releaseTime", "dateTimeStamp"),
    "software_primaryPurpose": ("Software/primaryPurpose", "vocab:Software/SoftwarePurpose/"),
    "software_downloadLocation": ("Software/downloadLocation", "anyURI"),
    "software_packageVersion": ("Software/packageVersion", "string"),
    "dataset_datasetType": ("Dataset/datasetType", "vocab:Dataset/DatasetType/"),
    "simplelicensing_licenseExpression": ("SimpleLicensing/licenseExpression", "string"),
}

NO_ASSERTION_LICENSE = TERMS + "ExpandedLicensing/NoAssertionLicense"
NONE_LICENSE = TERMS + "ExpandedLicensing/NoneLicense"


def expand(node: dict) -> dict:
    """One compacted SPDX node object as expanded JSON-LD (full IRIs, typed values)."""
    out = {}
    for key, value in node.items():
        if key == "spdxId" or key == "@id":
            out["@id"] = value
        elif key == "type":
            out["@type"] = [TERMS + CLASSES[value]]
        else:
            path, kind = PROPERTIES[key]
            out[TERMS + path] = [_expand_value(v, kind) for v in (value if isinstance(value, list) else [value])]
    return out


def _expand_value(value, kind: str) -> dict:
    if kind == "id":
        return {"@id": value}
    if kind.startswith("vocab:"):
        return {"@id": TERMS + kind[len("vocab:"):] + value}
    return {"@value": value, "@type": XSD + kind}


_BY_IRI = {TERMS + path: name for name, (path, _) in PROPERTIES.items()}
_CLASS_BY_IRI = {TERMS + path: name for name, path in CLASSES.items()}


def compact(node: dict) -> dict:
    """An expanded SPDX node object back to compacted names (what the importer reads)."""
    out = {}
    for key, values in node.items():
        if key == "@id":
            out["spdxId"] = values
        elif key == "@type":
            kinds = values if isinstance(values, list) else [values]
            out["type"] = next((_CLASS_BY_IRI[k] for k in kinds if k in _CLASS_BY_IRI), kinds[0])
        elif key in _BY_IRI:
            name = _BY_IRI[key]
            kind = PROPERTIES[name][1]
            compacted = [_compact_value(v, kind) for v in (values if isinstance(values, list) else [values])]
            out[name] = compacted[0] if len(compacted) == 1 else compacted
    return out


def _compact_value(value, kind: str):
    if not isinstance(value, dict):
        return value
    if "@id" in value:
        return value["@id"].removeprefix(TERMS + kind[len("vocab:"):]) if kind.startswith("vocab:") else value["@id"]
    return value.get("@value")
