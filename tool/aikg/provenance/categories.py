"""The plain names lineage data is sorted into (no imports: the CLI reads its choices from here)."""

# How well the claims behind a derivation edge support it.
CONFIRMED, HEDGED, UNSOURCED = "confirmed", "hedged", "unsourced"

# Access categories, by the concept an access level falls under.
OPEN, CLOSED, UNRELEASED, UNKNOWN = "open-weights", "closed", "unreleased", "unknown"

# Which way to walk the derivation graph from the named models.
DIRECTIONS = ("up", "down", "both")
