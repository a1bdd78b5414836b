"""Recording ``url`` documents into ``cassettes/``: the only part of attrib that touches the network.

All of attrib's httpx use lives in this module, and no httpx type leaves it, so a move to another HTTP client is a
one-file change. One client per run: an honest User-Agent, timeouts, a redirect cap, bounded retries with backoff,
a body-size cap, HTML/PDF/plain-text only, robots.txt respected, a bounded number of requests in flight.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import os
import sys
import threading
import urllib.parse
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from attrib.cassette import KEPT_HEADERS, Recording, cassette_path, write_cassette
from attrib.errors import FetchError
from attrib.models import Document, Registry

FetchState = Literal["recorded", "already recorded", "unreachable", "skipped"]

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain")
MAX_REDIRECTS = 5
MAX_RETRIES = 3
MAX_BACKOFF = 30.0  # seconds; exponential backoff stops growing here
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer gets this and no more
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to read at least 500 KiB
ROBOTS_AGENT = "attrib"
DEFAULT_CONTACT = "see attrib --help"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class FetchResult:
    """What happened to one document: ``detail`` is the status or error for people to read."""

    document_id: str
    state: FetchState
    detail: str = ""
    status: int | None = None


class _Unreachable(Exception):
    """One document could not be recorded; ``retry`` says whether trying again might help."""

    def __init__(self, detail: str, *, retry: bool = False, status: int | None = None, wait: float | None = None):
        super().__init__(detail)
        self.detail = detail
        self.retry = retry
        self.status = status
        self.wait = wait  # seconds the server asked for (Retry-After)


@dataclass(frozen=True)
class _Fetched:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


def user_agent(contact: str | None) -> str:
    """``attrib/<version> (+<contact>)``: names the tool and who to write to, never pretends to be a browser."""
    from attrib import __version__

    return f"attrib/{__version__} (+{contact or DEFAULT_CONTACT})"


def retry_after_seconds(value: str | None, *, now: dt.datetime | None = None, cap: float = MAX_RETRY_AFTER) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP-date), capped; ``None`` if absent or bad."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(max(seconds, 0.0), cap)


def backoff_seconds(attempt: int, base: float) -> float:
    """Exponential backoff for retry ``attempt`` (0-based): base, 2·base, 4·base …, capped."""
    return min(base * (2**attempt), MAX_BACKOFF)


def kept_headers(headers: dict[str, str], body_length: int) -> dict[str, str]:
    """The response headers worth recording; Content-Length is restated for the decoded body we store."""
    kept = {name: value for name, value in headers.items() if name in KEPT_HEADERS and name != "content-length"}
    kept["content-length"] = str(body_length)
    return kept


class _Fetcher:
    """One run's client, robots.txt cache and limits, shared by the worker threads."""

    def __init__(self, *, contact: str | None, timeout: float, retry_base: float, max_bytes: int, concurrency: int):
        import httpx

        self.httpx = httpx
        self.agent = user_agent(contact)
        self.timeout = timeout
        self.retry_base = retry_base
        self.max_bytes = max_bytes
        self.stop = threading.Event()  # set on Ctrl-C so sleeping retries end at once
        self.client = httpx.Client(
            headers={"User-Agent": self.agent, "Accept": "text/html, application/pdf;q=0.9, text/plain;q=0.8, */*;q=0.1"},
            timeout=httpx.Timeout(timeout),
            max_redirects=MAX_REDIRECTS,  # bounds robots.txt, the one request httpx follows itself
            follow_redirects=False,  # followed by hand, so each hop is checked against robots.txt and counted
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # ---------------------------------------------------------------------------------------------------------
    # robots.txt

    def allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of /robots.txt per host per run, however many threads ask at once
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin + "/robots.txt")
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's rules, or ``None`` (everything allowed) when robots.txt is missing or cannot be read."""
        httpx = self.httpx
        try:
            with self.client.stream("GET", url, follow_redirects=True) as response:
                if response.status_code != 200:
                    return None  # RFC 9309: an unavailable robots.txt allows everything
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > ROBOTS_MAX_BYTES:
                        break
        except (httpx.HTTPError, httpx.InvalidURL):
            return None
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(bytes(data[:ROBOTS_MAX_BYTES]).decode("utf-8", errors="replace").splitlines())
        return rules

    # ---------------------------------------------------------------------------------------------------------
    # one document

    def fetch(self, url: str) -> _Fetched:
        """GET ``url``, following at most MAX_REDIRECTS redirects; raises ``_Unreachable``."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allowed(current):
                raise _Unreachable("disallowed by robots.txt")
            outcome = self._with_retries(current)
            if isinstance(outcome, _Fetched):
                return outcome
            current = outcome  # the next hop of a redirect
        raise _Unreachable(f"too many redirects (more than {MAX_REDIRECTS})")

    def _with_retries(self, url: str) -> _Fetched | str:
        for attempt in range(MAX_RETRIES + 1):
            try:
                return self._get(url)
            except _Unreachable as error:
                if not error.retry or attempt == MAX_RETRIES:
                    if error.retry:
                        raise _Unreachable(f"{error.detail} (after {MAX_RETRIES} retries)", status=error.status) from None
                    raise
                delay = error.wait if error.wait is not None else backoff_seconds(attempt, self.retry_base)
                if self.stop.wait(delay):
                    raise _Unreachable("interrupted") from None
        raise AssertionError(url)  # the loop above always returns or raises

    def _get(self, url: str) -> _Fetched | str:
        """One request: a recording, the URL a redirect points to, or ``_Unreachable``."""
        httpx = self.httpx
        try:
            with self.client.stream("GET", url) as response:
                return self._response(url, response)
        except _Unreachable:
            raise
        except httpx.ConnectTimeout:
            raise _Unreachable(f"connect timeout after {self.timeout:g} s", retry=True) from None
        except httpx.TimeoutException:
            raise _Unreachable(f"timeout after {self.timeout:g} s", retry=True) from None
        except httpx.DecodingError as error:
            raise _Unreachable(f"body cannot be decoded ({error})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise _Unreachable(f"invalid URL ({error})") from None
        except httpx.TransportError as error:
            kind = "connection failed" if isinstance(error, httpx.ConnectError) else type(error).__name__
            raise _Unreachable(f"{kind}: {error}" if str(error) else kind, retry=True) from None

    def _response(self, url: str, response) -> _Fetched | str:
        status = response.status_code
        reason = response.reason_phrase or self.httpx.codes.get_reason_phrase(status)
        described = f"HTTP {status} {reason}".rstrip()
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise _Unreachable(f"{described} without a Location header", status=status)
            target = str(response.url.join(location))
            if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                raise _Unreachable(f"redirect to a non-HTTP URL: {target}", status=status)
            return target
        if status == 429:
            wait = retry_after_seconds(response.headers.get("retry-after"))
            raise _Unreachable(described, retry=True, status=status, wait=wait)
        if status >= 500:
            # a 503 may say when to come back, as a 429 does
            raise _Unreachable(described, retry=True, status=status, wait=retry_after_seconds(response.headers.get("retry-after")))
        if status != 200:
            raise _Unreachable(described, status=status)
        content_type = response.headers.get("content-type", "")
        media_type = content_type.split(";")[0].strip().lower()
        if media_type not in ACCEPTED_TYPES:
            raise _Unreachable(f"unsupported content type {media_type or '(none)'}", status=status)
        declared = response.headers.get("content-length", "")
        # Content-Length counts encoded bytes; when the body is not encoded it tells us early that it is too big
        if declared.isdigit() and int(declared) > self.max_bytes and "content-encoding" not in response.headers:
            raise _Unreachable(f"body over {self.max_bytes:,} bytes (Content-Length {int(declared):,})", status=status)
        body = bytearray()
        for chunk in response.iter_bytes():  # decoded (gzip, deflate) as it arrives
            body += chunk
            if len(body) > self.max_bytes:
                raise _Unreachable(f"body over {self.max_bytes:,} bytes", status=status)
        headers = {name.lower(): value for name, value in response.headers.items()}
        return _Fetched(url=str(response.url), status=status, headers=headers, body=bytes(body))

    def record(self, registry: Registry, document: Document) -> FetchResult:
        """Fetch one document and write its cassette; an existing cassette is replaced only by a success."""
        assert document.url is not None
        if urllib.parse.urlsplit(document.url).scheme not in ("http", "https"):
            return FetchResult(document.id, "unreachable", f"not an http(s) URL: {document.url}")
        try:
            fetched = self.fetch(document.url)
        except _Unreachable as error:
            return FetchResult(document.id, "unreachable", error.detail, error.status)
        recording = Recording(
            document_id=document.id,
            request_url=document.url,
            url=fetched.url,
            status=fetched.status,
            headers=kept_headers(fetched.headers, len(fetched.body)),
            body=fetched.body,
            recorded_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            sha256=hashlib.sha256(fetched.body).hexdigest(),
            request_headers={"User-Agent": self.agent},
        )
        try:
            write_cassette(cassette_path(registry.root, document.id), recording)
        except OSError as error:
            return FetchResult(document.id, "unreachable", f"fetched but the cassette cannot be written: {error}", fetched.status)
        detail = f"HTTP {fetched.status}, {len(fetched.body):,} bytes"
        if fetched.url != document.url:
            detail += f", from {fetched.url}"
        return FetchResult(document.id, "recorded", detail, fetched.status)


def _select(registry: Registry, ids: list[str] | None) -> list[Document]:
    """The documents asked for, in registry order; unknown ids are one error naming all of them."""
    if not ids:
        return list(registry.documents)
    known = {document.id for document in registry.documents}
    unknown = [doc_id for doc_id in dict.fromkeys(ids) if doc_id not in known]
    if unknown:
        noun = "document id" if len(unknown) == 1 else "document ids"
        raise FetchError(f"{registry.path}: unknown {noun}: {', '.join(unknown)}")
    wanted = set(ids)
    return [document for document in registry.documents if document.id in wanted]


def fetch_documents(
    registry: Registry,
    ids: list[str] | None,
    *,
    refresh: bool = False,
    contact: str | None = None,
    concurrency: int = 4,
    timeout: float = 20.0,
    retry_base: float = 0.5,
    max_bytes: int = 20_000_000,
    progress: bool = False,
) -> list[FetchResult]:
    """Record each selected ``url`` document not yet recorded (all of them with ``refresh``), in registry order.

    ``ids`` empty or ``None`` means every document. Raises ``FetchError`` for unknown ids or bad limits.
    """
    if concurrency < 1:
        raise FetchError(f"--concurrency must be at least 1 (got {concurrency})")
    if timeout <= 0:
        raise FetchError(f"--timeout must be more than 0 seconds (got {timeout:g})")
    documents = _select(registry, ids)
    results: dict[str, FetchResult] = {}
    todo: list[Document] = []
    for document in documents:
        if document.path is not None:
            results[document.id] = FetchResult(document.id, "skipped", f"local file {document.path}")
        elif document.url is None:
            results[document.id] = FetchResult(document.id, "skipped", "no url")
        elif not refresh and cassette_path(registry.root, document.id).exists():
            results[document.id] = FetchResult(document.id, "already recorded", f"cassettes/{document.id}.yaml")
        else:
            todo.append(document)
    if todo:
        fetcher = _Fetcher(
            contact=contact, timeout=timeout, retry_base=retry_base, max_bytes=max_bytes, concurrency=concurrency
        )
        try:
            for result in _run(fetcher, registry, todo, concurrency, progress):
                results[result.document_id] = result
        finally:
            fetcher.close()
    return [results[document.id] for document in documents]


def _run(fetcher: _Fetcher, registry: Registry, todo: list[Document], concurrency: int, progress: bool):
    """Fetch ``todo`` on a pool of ``concurrency`` threads, yielding results as they finish."""
    from concurrent.futures import as_completed

    bar = _progress_bar(len(todo)) if progress else None
    pool = ThreadPoolExecutor(max_workers=min(concurrency, len(todo)), thread_name_prefix="attrib-fetch")
    try:
        futures = [pool.submit(fetcher.record, registry, document) for document in todo]
        for future in as_completed(futures):
            result = future.result()
            if bar is not None:
                bar[0].update(bar[1], advance=1, description=result.document_id)
            yield result
    except BaseException:
        fetcher.stop.set()  # wake retries that are waiting out a backoff
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        if bar is not None:
            bar[0].stop()


def _progress_bar(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("", total=total)
    progress.start()
    return progress, task


def format_table(results: list[FetchResult]) -> str:
    """The end-of-run table (plain text, so it survives pipes and CI logs) and a one-line summary."""
    rows = [("DOCUMENT", "STATE", "DETAIL")] + [(r.document_id, r.state, r.detail) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows]
    counts = {state: sum(r.state == state for r in results) for state in ("recorded", "already recorded", "unreachable", "skipped")}
    lines.append(", ".join(f"{n} {state}" for state, n in counts.items()))
    return "\n".join(lines) + "\n"


def _configured(args: argparse.Namespace) -> tuple[str | None, str]:
    """The User-Agent contact and the registry path: ``--sources``, else the config's ``sources``, else a
    ``sources.yaml`` beside the config file, else ``sources.yaml`` in the working folder."""
    from attrib.config import load_settings

    loaded = load_settings(getattr(args, "config", None), os.getcwd())
    settings = loaded.settings
    if getattr(args, "sources", None):
        return settings.user_agent_contact, args.sources
    if settings.sources:
        return settings.user_agent_contact, settings.sources
    beside_config = os.path.relpath(os.path.join(loaded.root, "sources.yaml"))  # short paths in messages
    return settings.user_agent_contact, beside_config if os.path.isfile(beside_config) else "sources.yaml"


def run_fetch(args: argparse.Namespace) -> int:
    """``attrib sources fetch``: exit 1 if any document was unreachable, else 0."""
    from attrib.registry import load_registry

    contact, sources = _configured(args)
    registry = load_registry(sources)
    results = fetch_documents(
        registry,
        args.ids,
        refresh=args.refresh,
        contact=contact,
        concurrency=args.concurrency,
        timeout=args.timeout,
        progress=sys.stderr.isatty(),
    )
    sys.stdout.write(format_table(results))
    return 1 if any(result.state == "unreachable" for result in results) else 0
