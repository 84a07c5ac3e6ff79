"""Talking to a triple store over HTTP: SPARQL 1.1 Protocol, Update and Graph Store Protocol.

The HTTP itself (authentication, keep-alive, retries, limits) is in
:mod:`aikg.stores.transport`; everything that fails becomes a StoreError
(exit 4) saying which request failed and what the store answered. Answers
are checked before they are trusted: SPARQL JSON results must have their
shape, and graph names from the store must be IRIs.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from aikg.errors import StoreError
from aikg.limits import JSON_DEPTH, json_depth
from aikg.namespaces import XSD
from aikg.sparql.results import QueryResult
from aikg.stores.credentials import Credentials
from aikg.stores.profiles import Endpoints
from aikg.stores.transport import Response, Transport, snippet

_XSD_BOOLEAN = XSD + "boolean"


NTRIPLES = "application/n-triples"


SPARQL_RESULTS_JSON = "application/sparql-results+json"


MAX_GRAPHS = 10_000  # aikg graphs listed by a store; more is not a dataset aikg wrote


class Store:
    """One store: its service URLs, and the HTTP transport (credentials, timeouts, retries) to reach it."""

    def __init__(self, endpoints: Endpoints, credentials: Credentials | None = None, *, timeout: float = 60,
                 retries: int = 2, backoff: float = 0.5, deadline: float | None = None):
        self.endpoints = endpoints
        self.transport = Transport(credentials, digest=endpoints.profile.digest_auth, timeout=timeout,
                                   retries=retries, backoff=backoff, deadline=deadline)

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None, *,
                idempotent: bool = True) -> Response:
        return self.transport.request(method, url, body, headers, idempotent=idempotent)

    # ------------------------------------------------------------- SPARQL

    def query(self, text: str, default_graphs=(), kind: str = "SELECT") -> QueryResult:
        """Run a query (SPARQL 1.1 Protocol, POST form); results as pyoxigraph terms."""
        url = self._need("query")
        form = [("query", text)] + [("default-graph-uri", g) for g in default_graphs]
        accept = NTRIPLES if kind in ("CONSTRUCT", "DESCRIBE") else SPARQL_RESULTS_JSON
        answer = self.request("POST", url, urlencode(form).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        self._refuse_truncated(answer)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(kind, graph=parse_ntriples_graph(answer.body, url))
        return parse_results_json(answer.body, kind, url)

    def update(self, text: str) -> None:
        url = self._need("update")
        self.request("POST", url, urlencode({"update": text}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})

    def count(self, graph: str) -> int:
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(result.rows[0][0].value) if result.rows else 0

    def graphs(self, prefix: str) -> list[str]:
        """The named graphs whose IRI starts with ``prefix``."""
        import pyoxigraph as ox

        result = self.query(self.endpoints.profile.list_graphs_query.format(prefix=prefix))
        # Only IRIs are graph names (pyoxigraph checked them); anything else the store sends is not
        # pasted into later requests.
        names = sorted({row[0].value for row in result.rows if isinstance(row[0], ox.NamedNode)})
        if len(names) > MAX_GRAPHS:
            raise StoreError(f"{self.endpoints.base} lists {len(names):,} graphs under <{prefix}>, more than {MAX_GRAPHS:,}",
                             hint="name the graphs to read with --graph IRI")
        return names

    # ------------------------------------------------------ Graph Store Protocol

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        self.request("PUT", self._graph_url(graph), ntriples, {"Content-Type": NTRIPLES})

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        self.request("POST", self._graph_url(graph), ntriples, {"Content-Type": NTRIPLES}, idempotent=False)

    def get_graph(self, graph: str):
        """The graph's triples, a list of pyoxigraph Triples (GSP GET, else CONSTRUCT)."""
        if self.endpoints.gsp is None:
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            return self.query(text, kind="CONSTRUCT").graph
        answer = self.request("GET", self._graph_url(graph), headers={"Accept": NTRIPLES})
        self._refuse_truncated(answer)
        return parse_ntriples_graph(answer.body, self._graph_url(graph))

    def _graph_url(self, graph: str) -> str:
        url = self._need("gsp")
        return url + ("&" if "?" in url else "?") + urlencode({self.endpoints.profile.gsp_graph_param: graph})

    def _need(self, service: str) -> str:
        url = getattr(self.endpoints, service)
        if url is None:
            option = {"query": "--query-path", "update": "--update-path", "gsp": "--gsp-path"}[service]
            raise StoreError(f"the {self.endpoints.profile.name} profile has no {service} service",
                             hint=f"give its path with {option}")
        return url

    @staticmethod
    def _refuse_truncated(answer: Response) -> None:
        # Virtuoso cuts answers at ResultSetMaxRows and says so only in this header.
        limit = answer.headers.get("x-sparql-maxrows")
        if limit is not None:
            raise StoreError(
                f"the store cut the answer at its limit of {limit} rows (X-SPARQL-MaxRows); "
                "the full answer may be longer",
                hint="raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini, or page with LIMIT/OFFSET",
            )


def parse_results_json(body: bytes, kind: str, url: str) -> QueryResult:
    """SPARQL JSON results as a QueryResult of pyoxigraph terms; StoreError when they are not that."""
    not_results = StoreError(f"{url}: the answer is not SPARQL JSON results: {snippet(body)[2:]}",
                             hint="is --endpoint (or --query-path) the store's SPARQL query service?")
    if json_depth(body) > JSON_DEPTH.value():
        raise StoreError(f"{url}: the answer is JSON nested more than {JSON_DEPTH.value()} levels deep; refused",
                         hint=f"SPARQL results are 5 levels deep; raise {JSON_DEPTH.variable} only for a store you trust")
    try:
        doc = json.loads(body)
        return _results(doc, kind)
    except _NotATerm as exc:
        raise StoreError(f"{url}: the answer holds a term that is not valid RDF: {exc}") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise not_results from None


class _NotATerm(ValueError):
    """A cell of SPARQL JSON results that pyoxigraph refuses as a term (an IRI with a space, a bad language tag)."""


def _results(doc: dict, kind: str) -> QueryResult:
    if "boolean" in doc:
        return QueryResult("ASK", boolean=bool(doc["boolean"]))
    names = doc.get("head", {}).get("vars", [])
    bindings = doc.get("results", {}).get("bindings", [])
    if kind == "ASK":
        # Virtuoso answers ASK with one row holding 1 or 0.
        cells = [v for b in bindings for v in b.values()]
        return QueryResult("ASK", boolean=bool(cells) and cells[0].get("value") not in ("0", "false"))
    rows = [tuple(_term(b.get(n)) for n in names) for b in bindings]
    return QueryResult("SELECT", vars=names, rows=rows)


def _term(cell: dict | None):
    if cell is None:
        return None
    try:
        return _cell_term(cell["type"], cell["value"], cell)
    except ValueError as exc:
        raise _NotATerm(f"{cell['type']} {str(cell['value'])[:100]!r} ({exc})") from None


def _cell_term(kind: str, value: str, cell: dict):
    import pyoxigraph as ox

    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return _blank_node(value)
    if "xml:lang" in cell:
        return ox.Literal(value, language=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype == _XSD_BOOLEAN and value in ("1", "0"):
        value = "true" if value == "1" else "false"  # Virtuoso's booleans, in canonical form
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)


def _blank_node(label: str):
    """The store's blank node label as a pyoxigraph blank node; a label pyoxigraph refuses (Virtuoso's
    ``nodeID://b10006``) is hex-encoded, so the same label stays the same node."""
    import pyoxigraph as ox

    try:
        return ox.BlankNode(label)
    except ValueError:
        return ox.BlankNode("x" + label.encode("utf-8").hex())


def parse_ntriples_graph(body: bytes, url: str):
    """The store's N-Triples answer as a list of pyoxigraph Triples; StoreError when it does not parse."""
    import pyoxigraph as ox

    try:
        # fresh blank-node ids: the same label in two answers is not the same node
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True)]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{url}: the store's N-Triples do not parse: {exc}") from None
    except MemoryError:
        raise StoreError(f"{url}: the store's N-Triples hold a term longer than the parser's 16 MiB") from None


def run_query_remote(store: Store, text: str, bindings: dict | None = None, source: str = "<query>", default_graphs=()) -> QueryResult:
    """A read-only query answered by the store, with the same checks and binding as the local engines."""
    from aikg.sparql.params import inline_bindings
    from aikg.sparql.syntax import check_query, query_kind

    check_query(text, source)  # no updates, no SERVICE, no crash-deep nesting: checked before anything is sent
    kind = query_kind(text, source)  # and the syntax, by pyoxigraph (rdflib's parser only to word an error)
    return store.query(inline_bindings(text, bindings or {}), default_graphs, kind)


def connect(base: str, store: str = "oxigraph", *, query_path=None, update_path=None, gsp_path=None,
            netrc_file=None, insecure_auth=False, timeout=60.0, retries=2, deadline=None) -> Store:
    """A Store for ``--endpoint`` and its options, with credentials found and checked."""
    from aikg.stores.credentials import find_credentials, refuse_plain_http
    from aikg.stores.profiles import endpoints

    urls = endpoints(base, store, query_path=query_path, update_path=update_path, gsp_path=gsp_path)
    credentials = find_credentials(base, netrc_file)
    for url in (urls.query, urls.update, urls.gsp):
        if url:
            refuse_plain_http(url, credentials, insecure_auth)
    return Store(urls, credentials, timeout=timeout, retries=retries, deadline=deadline)
