"""A small SPARQL store on 127.0.0.1 that requires Basic auth and records every request.

Enough of the Oxigraph server's protocol for `aikg load` and remote queries
(GSP PUT/POST per graph, COUNT and graph-listing queries), plus switches to
misbehave: answer slowly, redirect, answer too much, ask for a retry.
"""

from __future__ import annotations

import base64
import http.server
import json
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

USER, PASSWORD = "loader", "s3cret"


@dataclass
class Seen:
    method: str
    path: str
    size: int
    authorized: bool
    at: float


@dataclass
class FakeStore:
    requests: list[Seen] = field(default_factory=list)
    connections: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    answer: bytes | None = None  # a fixed answer to every query instead of the real one
    content_type: str = "application/sparql-results+json"
    drip: bool = False  # send the answer one byte per second
    redirect: str | None = None  # answer every query with a 302 to this URL
    busy: int = 0  # answer this many requests with 503 Retry-After: 1 first
    open_access: bool = False  # answer without asking for credentials
    url: str = ""

    def start(self):
        store = self

        class Handler(_Handler):
            owner = store

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def sent(self, *methods) -> list[Seen]:
        return [r for r in self.requests if r.method in methods]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    owner: FakeStore

    def setup(self):
        super().setup()
        self.owner.connections += 1

    def log_message(self, *args):
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def _authorized(self) -> bool:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        return self.headers.get("authorization") == f"Basic {token}"

    def _answer(self, status: int, body: bytes = b"", headers: dict | None = None):
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.owner.drip:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        else:
            self.wfile.write(body)

    def _handle(self):
        body = self._body()
        seen = Seen(self.command, urlparse(self.path).path, len(body), self._authorized(), time.monotonic())
        self.owner.requests.append(seen)
        if not (seen.authorized or self.owner.open_access):
            return self._answer(401, b"who are you?", {"WWW-Authenticate": 'Basic realm="store"'})
        if self.owner.busy:
            self.owner.busy -= 1
            return self._answer(503, b"busy", {"Retry-After": "1"})
        if seen.path == "/store":
            graph = parse_qs(urlparse(self.path).query)["graph"][0]
            triples = sum(1 for line in body.splitlines() if line.strip())
            self.owner.graphs[graph] = triples + (self.owner.graphs.get(graph, 0) if self.command == "POST" else 0)
            return self._answer(204)
        if seen.path == "/query":
            if self.owner.redirect:
                return self._answer(302, b"", {"Location": self.owner.redirect})
            return self._answer(200, self.owner.answer or self._results(parse_qs(body.decode())["query"][0]),
                                {"Content-Type": self.owner.content_type})
        return self._answer(404, b"no such service")

    do_GET = do_POST = do_PUT = _handle

    def _results(self, query: str) -> bytes:
        graph = re.search(r"GRAPH <([^>]+)>", query)
        if "COUNT" in query and graph:
            cell = {"type": "literal", "value": str(self.owner.graphs.get(graph.group(1), 0))}
            return json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": cell}]}}).encode()
        rows = [{"g": {"type": "uri", "value": g}} for g in self.owner.graphs]
        return json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": rows}}).encode()
