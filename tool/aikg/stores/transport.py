"""HTTP to a triple store, through httpx: one kept-alive connection, bounded in time and size.

Credentials go with the first request (Basic), or, for a store that asks for
Digest, with every request after the first challenge (the nonce is reused),
so no batch is uploaded twice. Redirects are reported, never followed: a
POST must not turn into a GET somewhere else. Answers are streamed and cut
at ``AIKG_MAX_ANSWER``; each request is bounded as a whole (not per read)
by ``--request-timeout`` and by the command's ``--timeout``. Transient
failures (refused or reset connections, timeouts, 429/502/503/504) are
retried with jittered back-off, waiting as long as ``Retry-After`` asks.
"""

from __future__ import annotations

import base64
import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from aikg.deadline import within
from aikg.errors import StoreError, TimeLimitReached
from aikg.limits import ANSWER_BYTES
from aikg.stores.credentials import Credentials

_TRANSIENT_STATUS = {429, 502, 503, 504}


_LONGEST_RETRY_AFTER = 60.0  # seconds; a longer Retry-After is cut to this (and to the --timeout)


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes


class StoreAuth(httpx.Auth):
    """Basic credentials sent with the first request; Digest once the store asks for it."""

    def __init__(self, credentials: Credentials, digest: bool = False):
        token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode()
        self._basic = f"Basic {token}"
        self._digest = httpx.DigestAuth(credentials.user, credentials.password)
        self.use_digest = digest

    def auth_flow(self, request):
        if not self.use_digest:
            request.headers["Authorization"] = self._basic
            response = yield request
            challenge = response.headers.get("www-authenticate", "")
            if response.status_code != 401 or not challenge.lower().startswith("digest"):
                return
            self.use_digest = True
            del request.headers["Authorization"]
        yield from self._digest.auth_flow(request)


class Transport:
    """One client for one store; ``deadline`` (time.monotonic) bounds everything it does."""

    def __init__(self, credentials: Credentials | None = None, *, digest: bool = False, timeout: float = 60,
                 retries: int = 2, backoff: float = 0.5, deadline: float | None = None):
        self.timeout, self.retries, self.backoff, self.deadline = timeout, retries, backoff, deadline
        auth = StoreAuth(credentials, digest) if credentials else None
        self._client = httpx.Client(auth=auth, follow_redirects=False, trust_env=False, timeout=timeout)

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None, *,
                idempotent: bool = True) -> Response:
        """One HTTP request, retried on transient failures; StoreError on failure."""
        attempt = 0
        while True:
            try:
                return self._bounded(method, url, body, headers or {})
            except _Transient as exc:
                # A non-idempotent request (POST appends) is retried only when it never reached the store.
                pause = exc.retry_after if exc.retry_after is not None else self.backoff * 2**attempt * random.uniform(0.5, 1.5)
                if attempt >= self.retries or (not idempotent and not exc.unsent) or pause > self._seconds_left():
                    raise StoreError(f"{method} {url}: {exc.reason}", hint=exc.hint) from None
                time.sleep(pause)
                attempt += 1

    def _seconds_left(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def _bounded(self, method, url, body, headers) -> Response:
        """The exchange, given up as a whole after --request-timeout (a store trickling bytes included)."""
        seconds = min(self.timeout, self._seconds_left())
        if seconds <= 0:
            raise TimeLimitReached(f"{method} {url}: no time left (--timeout)", hint="raise --timeout")
        try:
            return within(seconds, lambda: self._exchange(method, url, body, headers, seconds), f"{method} {url}")
        except TimeLimitReached:
            if seconds < self.timeout:
                raise
            raise _Transient(f"no complete answer within {seconds:g} s (--request-timeout)",
                             hint="is the store overloaded? raise --request-timeout for slow stores") from None

    def _exchange(self, method, url, body, headers, seconds) -> Response:
        try:
            with self._client.stream(method, url, content=body, headers=headers, timeout=seconds) as answer:
                if answer.is_redirect:
                    raise StoreError(
                        f"{method} {url}: the store redirects to {answer.headers.get('location', '?')}; not followed",
                        hint="give the final URL as --endpoint (a followed redirect could turn a POST into a GET elsewhere)")
                data = _read_bounded(answer, url)
        except httpx.ConnectError as exc:
            raise _Transient(f"cannot reach the store: {exc}", unsent=True,
                             hint="is the store running, and is --endpoint right?") from None
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed: {type(exc).__name__}: {exc}") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"{method} {url}: {type(exc).__name__}: {exc}") from None
        if answer.status_code >= 400:
            _refuse_status(method, url, answer, data)
        return Response(answer.status_code, {k.lower(): v for k, v in answer.headers.items()}, data)


def _read_bounded(answer: httpx.Response, url: str) -> bytes:
    limit = ANSWER_BYTES.value()
    declared = answer.headers.get("content-length", "")
    chunks, size = [], int(declared) if declared.isdigit() else 0
    if size <= limit:
        size = 0
        for chunk in answer.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                break
    if size > limit:
        raise StoreError(f"{url}: the answer is larger than {limit:,} bytes ({ANSWER_BYTES.variable}); not read",
                         hint=f"narrow the query (LIMIT, fewer graphs), or raise {ANSWER_BYTES.variable}")
    return b"".join(chunks)


def _refuse_status(method: str, url: str, answer: httpx.Response, data: bytes) -> None:
    reason = f"HTTP {answer.status_code} {answer.reason_phrase}{snippet(data)}"
    if answer.status_code in _TRANSIENT_STATUS:
        raise _Transient(reason, retry_after=_retry_after(answer.headers.get("retry-after")))
    hint = None
    if answer.status_code == 401:
        hint = "check AIKG_STORE_USER/AIKG_STORE_PASSWORD (or --netrc) and the user's rights"
    elif answer.status_code == 403:
        hint = "the user lacks the right for this request (Virtuoso: GRANT SPARQL_UPDATE)"
    raise StoreError(f"{method} {url}: {reason}", hint=hint)


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date); None without one."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), _LONGEST_RETRY_AFTER)


class _Transient(Exception):
    def __init__(self, reason: str, *, unsent: bool = False, hint: str | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.unsent, self.hint, self.retry_after = reason, unsent, hint, retry_after


def snippet(body: bytes) -> str:
    """The start of an answer's text, on one line, for an error message."""
    text = " ".join(body[:2000].decode("utf-8", "replace").split())
    return f": {text[:300]}" if text else ""
