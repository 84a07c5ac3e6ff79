"""Triple-store profiles: where each store keeps its endpoints, and its quirks.

``--endpoint`` is the store's base URL (the server for Oxigraph and
Virtuoso, the dataset for Fuseki, the repository for GraphDB); a profile
appends the path of each service to it.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urljoin

from aikg.errors import UsageError

# Lists the named graphs whose IRI starts with {prefix}. GRAPH ?g {} is cheap
# where the store keeps a graph table, but Virtuoso answers it with no rows, so
# it scans the quads instead; the filter lets Virtuoso use its graph index
# (0.1 s instead of 8 s on a fresh server, whose system graphs are large).
_GRAPHS_BY_TABLE = 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'


_GRAPHS_BY_QUADS = 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'


# NamedTuples, not frozen dataclasses: every command with --store builds these at start-up, at a third of the cost.
class StoreProfile(NamedTuple):
    """Where one kind of store keeps its services (paths under --endpoint), and its quirks."""

    name: str
    query_path: str | None
    update_path: str | None
    gsp_path: str | None  # None: the store has no Graph Store Protocol; load by SPARQL Update
    gsp_graph_param: str = "graph"
    list_graphs_query: str = _GRAPHS_BY_QUADS
    digest_auth: bool = False  # the store asks for Digest: credentials wait for its first challenge


PROFILES = {
    p.name: p
    for p in (
        # Oxigraph has no authentication: keep it on loopback or behind a proxy.
        StoreProfile("oxigraph", "query", "update", "store", list_graphs_query=_GRAPHS_BY_TABLE),
        # The -auth services need digest authentication and SPARQL_UPDATE; large
        # answers need a higher [SPARQL] ResultSetMaxRows (see Store._refuse_truncated).
        StoreProfile("virtuoso", "sparql", "sparql-auth", "sparql-graph-crud-auth", gsp_graph_param="graph-uri",
                     digest_auth=True),
        StoreProfile("fuseki", "query", "update", "data", list_graphs_query=_GRAPHS_BY_TABLE),
        StoreProfile("graphdb", "", "statements", "rdf-graphs/service"),
        StoreProfile("generic", None, None, None),
    )
}


STORE_NAMES = tuple(PROFILES)


class Endpoints(NamedTuple):
    """The absolute URLs of one store's services."""

    profile: StoreProfile
    base: str
    query: str | None
    update: str | None
    gsp: str | None


def endpoints(base: str, store: str = "oxigraph", *, query_path=None, update_path=None, gsp_path=None) -> Endpoints:
    """The service URLs of the store at ``base``; explicit paths override the profile's."""
    if not base.startswith(("http://", "https://")):
        raise UsageError(f"--endpoint {base!r} is not an http(s) URL")
    if store not in PROFILES:
        raise UsageError(f"unknown store profile {store!r}", hint="use one of: " + ", ".join(STORE_NAMES))
    profile = PROFILES[store]
    profile = profile._replace(
        query_path=query_path if query_path is not None else profile.query_path,
        update_path=update_path if update_path is not None else profile.update_path,
        gsp_path=gsp_path if gsp_path is not None else profile.gsp_path,
    )
    if store == "generic" and profile.query_path is None and profile.update_path is None and profile.gsp_path is None:
        raise UsageError(
            "--store generic needs at least one of --query-path, --update-path, --gsp-path",
            hint="paths are relative to --endpoint, or absolute URLs",
        )
    root = base if base.endswith("/") else base + "/"

    def url(path):
        if path is None:
            return None
        return base if path == "" else urljoin(root, path)

    return Endpoints(profile, base, url(profile.query_path), url(profile.update_path), url(profile.gsp_path))


# Loading: how triples travel to a store, and how many per request.
LOAD_METHODS = ("auto", "gsp", "update")
DEFAULT_BATCH = 100_000
