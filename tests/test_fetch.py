"""Tests for attrib.fetch against a real HTTP server on 127.0.0.1 serving fixture pages of our own."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import http.server
import importlib.util
import io
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from attrib.cassette import cassette_path, read_cassette
from attrib.errors import FetchError
from attrib.fetch import (
    FetchResult,
    backoff_seconds,
    fetch_documents,
    format_table,
    kept_headers,
    retry_after_seconds,
    user_agent,
)
from attrib.models import Document, Publisher, Registry

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
HTML = (FIXTURES / "briefing.html").read_bytes()
PDF = (FIXTURES / "briefing.pdf").read_bytes()
NOTES = (FIXTURES / "notes.txt").read_bytes()
ROBOTS = (FIXTURES / "robots.txt").read_bytes()
CONTACT = "https://desk.example/attrib-contact"
REPO = Path(__file__).resolve().parent.parent

# Fast limits for tests: the retry schedule and timeouts shrink, the behaviour does not.
FAST = {"contact": CONTACT, "retry_base": 0.01, "timeout": 5.0}


class FixtureServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping in /slow must not hold up shutdown

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[str, float, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.robots: bytes | None = ROBOTS

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: FixtureServer

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def send(self, status: int, body: bytes = b"", content_type: str | None = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except ConnectionError:
            pass  # the client gave up on purpose (body cap)

    def do_GET(self) -> None:  # noqa: C901 - one branch per fixture route
        path = self.path
        with self.server.lock:
            self.server.hits[path] += 1
            hit = self.server.hits[path]
            self.server.log.append((path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()}))
        if path == "/robots.txt":
            if self.server.robots is None:
                return self.send(404, b"no robots here", "text/plain")
            return self.send(200, self.server.robots, "text/plain")
        if path in ("/briefing.html", "/hop/0"):
            return self.send(200, HTML, Set_Cookie="session=s3cr3t; HttpOnly", ETag='"v1"', X_Cache="HIT", Last_Modified="Mon, 03 Mar 2031 09:00:00 GMT")
        if path == "/briefing.pdf":
            return self.send(200, PDF, "application/pdf")
        if path == "/notes.txt":
            return self.send(200, NOTES, "text/plain; charset=utf-8")
        if path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            return self.send(302, b"", None, Location=f"/hop/{left - 1}")
        if path == "/forbidden":
            return self.send(403, b"<p>denied</p>")
        if path == "/missing":
            return self.send(404, b"<p>not here</p>")
        if path == "/busy":
            if hit == 1:
                return self.send(429, b"slow down", "text/plain", Retry_After="1")
            return self.send(200, HTML)
        if path == "/flaky":
            if hit == 1:
                return self.send(500, b"oops", "text/plain")
            return self.send(200, HTML)
        if path == "/broken":
            return self.send(500, b"oops", "text/plain")
        if path == "/slow":
            self.server.stopping.wait(1.0)
            return self.send(200, HTML)
        if path == "/huge":
            # no Content-Length: the cap has to be enforced while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>\n")
            except ConnectionError:
                pass
            return None
        if path == "/huge-declared":
            return self.send(200, b"y" * 60_000, "text/plain")
        if path == "/data.json":
            return self.send(200, b'{"said": "nothing"}', "application/json")
        if path == "/image.png":
            return self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        if path == "/gzip.html":
            return self.send(200, gzip.compress(HTML), Content_Encoding="gzip")
        return self.send(404, b"unknown fixture route")


@pytest.fixture()
def server():
    srv = FixtureServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.stopping.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    # a proxy from the environment must not sit between the client and the test server
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def make_registry(root: Path, base: str, docs: dict[str, str], local: dict[str, str] | None = None) -> Registry:
    documents = [
        Document(id=doc_id, title=f"Fixture {doc_id}", publisher="harbour", date=dt.date(2031, 3, 3), kind="transcript", url=base + route)
        for doc_id, route in docs.items()
    ]
    documents += [
        Document(id=doc_id, title=f"Local {doc_id}", publisher="harbour", date=dt.date(2031, 3, 4), kind="interview", path=path)
        for doc_id, path in (local or {}).items()
    ]
    return Registry(
        publishers=[Publisher(id="harbour", name="Harbour Authority")],
        documents=documents,
        root=str(root),
        path=str(root / "sources.yaml"),
    )


def by_id(results: list[FetchResult]) -> dict[str, FetchResult]:
    return {result.document_id: result for result in results}


# ---------------------------------------------------------------------------------------------------------------
# recordings


def test_html_pdf_and_text_are_recorded_with_clean_cassettes(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"html": "/briefing.html", "pdf": "/briefing.pdf", "notes": "/notes.txt"})
    results = by_id(fetch_documents(registry, None, **FAST))
    assert {doc_id: r.state for doc_id, r in results.items()} == {"html": "recorded", "pdf": "recorded", "notes": "recorded"}

    html = read_cassette(cassette_path(tmp_path, "html"), "html")
    assert html.status == 200
    assert html.url == html.request_url == server.base + "/briefing.html"
    assert html.body == HTML
    assert html.sha256 == hashlib.sha256(HTML).hexdigest()
    assert html.headers["etag"] == '"v1"'
    assert html.headers["last-modified"] == "Mon, 03 Mar 2031 09:00:00 GMT"
    assert "set-cookie" not in html.headers and "x-cache" not in html.headers and "server" not in html.headers
    text = cassette_path(tmp_path, "html").read_text(encoding="utf-8")
    assert "s3cr3t" not in text and "interactions:" in text
    assert html.recorded_at.tzinfo is not None and html.recorded_at.utcoffset() == dt.timedelta(0)

    pdf = read_cassette(cassette_path(tmp_path, "pdf"), "pdf")
    assert pdf.body == PDF and pdf.content_type == "application/pdf"
    assert pdf.sha256 == hashlib.sha256(PDF).hexdigest()
    assert "!!binary" in cassette_path(tmp_path, "pdf").read_text(encoding="utf-8")
    import pypdf

    assert "ferry resumes on Monday" in pypdf.PdfReader(io.BytesIO(pdf.body)).pages[0].extract_text()

    notes = read_cassette(cassette_path(tmp_path, "notes"), "notes")
    assert notes.body == NOTES  # CRLF, tabs and trailing spaces survive the YAML round trip

    # the honest user agent, and robots.txt asked for once for the host however many documents it serves
    agents = {headers["user-agent"] for path, _, headers in server.log}
    assert agents == {f"attrib/0.1.0 (+{CONTACT})"}
    assert server.hits["/robots.txt"] == 1


def test_redirect_chain_of_five_is_followed_and_the_final_url_recorded(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"hops": "/hop/5"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "recorded"
    recording = read_cassette(cassette_path(tmp_path, "hops"), "hops")
    assert recording.request_url == server.base + "/hop/5"
    assert recording.url == server.base + "/hop/0"
    assert recording.body == HTML


def test_a_sixth_redirect_is_too_many(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"hops": "/hop/6"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "unreachable"
    assert "too many redirects" in result.detail
    assert server.hits["/hop/1"] == 1 and server.hits["/hop/0"] == 0
    assert not cassette_path(tmp_path, "hops").exists()


def test_403_and_404_are_unreachable_with_the_status_and_not_retried(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"denied": "/forbidden", "gone": "/missing"})
    results = by_id(fetch_documents(registry, None, **FAST))
    assert (results["denied"].state, results["denied"].detail, results["denied"].status) == ("unreachable", "HTTP 403 Forbidden", 403)
    assert (results["gone"].state, results["gone"].detail) == ("unreachable", "HTTP 404 Not Found")
    assert server.hits["/forbidden"] == 1 and server.hits["/missing"] == 1
    assert not (tmp_path / "cassettes").exists() or not list((tmp_path / "cassettes").iterdir())


def test_429_waits_for_retry_after_then_records(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"busy": "/busy"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "recorded"
    times = [when for path, when, _ in server.log if path == "/busy"]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.9  # Retry-After: 1, not the 0.01 s backoff


def test_500_is_retried_then_records(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"flaky": "/flaky"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "recorded"
    assert server.hits["/flaky"] == 2
    assert read_cassette(cassette_path(tmp_path, "flaky"), "flaky").body == HTML


def test_persistent_500_gives_up_after_three_retries(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"broken": "/broken"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "unreachable"
    assert result.detail == "HTTP 500 Internal Server Error (after 3 retries)"
    assert server.hits["/broken"] == 4


def test_a_response_slower_than_the_timeout_is_unreachable(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"slow": "/slow"})
    started = time.monotonic()
    [result] = fetch_documents(registry, None, **{**FAST, "timeout": 0.2})
    assert result.state == "unreachable"
    assert result.detail.startswith("timeout after 0.2 s")
    assert server.hits["/slow"] == 4  # timeouts are retried too
    assert time.monotonic() - started < 3.5
    assert not cassette_path(tmp_path, "slow").exists()


def test_a_body_over_the_cap_is_unreachable(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"streamed": "/huge", "declared": "/huge-declared"})
    results = by_id(fetch_documents(registry, None, **FAST, max_bytes=10_000))
    assert results["streamed"].state == "unreachable"
    assert results["streamed"].detail == "body over 10,000 bytes"
    assert results["declared"].state == "unreachable"
    assert results["declared"].detail.startswith("body over 10,000 bytes (Content-Length 60,000)")
    assert not (tmp_path / "cassettes").exists() or not list((tmp_path / "cassettes").iterdir())


def test_other_content_types_are_unreachable(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"json": "/data.json", "png": "/image.png"})
    results = by_id(fetch_documents(registry, None, **FAST))
    assert (results["json"].state, results["json"].detail) == ("unreachable", "unsupported content type application/json")
    assert (results["png"].state, results["png"].detail) == ("unreachable", "unsupported content type image/png")


def test_gzip_is_stored_decoded(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"zipped": "/gzip.html"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "recorded"
    [(_, _, headers)] = [entry for entry in server.log if entry[0] == "/gzip.html"]
    assert "gzip" in headers["accept-encoding"]
    recording = read_cassette(cassette_path(tmp_path, "zipped"), "zipped")
    assert recording.body == HTML
    assert recording.sha256 == hashlib.sha256(HTML).hexdigest()
    assert "content-encoding" not in recording.headers
    assert recording.headers["content-length"] == str(len(HTML))


def test_robots_txt_disallow_is_respected(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"secret": "/private/secret.html", "open": "/briefing.html"})
    results = by_id(fetch_documents(registry, None, **FAST))
    assert (results["secret"].state, results["secret"].detail) == ("unreachable", "disallowed by robots.txt")
    assert results["open"].state == "recorded"
    assert not any(path.startswith("/private/") for path, _, _ in server.log)


def test_a_missing_robots_txt_allows_everything(tmp_path, server):
    server.robots = None
    registry = make_registry(tmp_path, server.base, {"secret": "/private/secret.html"})
    [result] = fetch_documents(registry, None, **FAST)
    # allowed, so it is asked for (and this fixture server has no such page)
    assert (result.state, result.detail) == ("unreachable", "HTTP 404 Not Found")
    assert server.hits["/private/secret.html"] == 1


def test_an_unreachable_host_is_reported_with_the_error(tmp_path):
    # a port nothing listens on: take one from the OS and close it again
    probe = FixtureServer()
    port = probe.server_address[1]
    probe.server_close()
    registry = make_registry(tmp_path, f"http://127.0.0.1:{port}", {"nowhere": "/briefing.html"})
    [result] = fetch_documents(registry, None, **FAST)
    assert result.state == "unreachable"
    assert result.detail.startswith("connection failed") and result.detail.endswith("(after 3 retries)")


def test_a_url_that_is_not_http_is_unreachable_without_a_request(tmp_path, server):
    registry = make_registry(tmp_path, "", {"ftp": "ftp://127.0.0.1/briefing.html"})
    [result] = fetch_documents(registry, None, **FAST)
    assert (result.state, result.detail) == ("unreachable", "not an http(s) URL: ftp://127.0.0.1/briefing.html")
    assert server.log == []


def test_progress_output_stays_off_stdout(tmp_path, server, capsys):
    registry = make_registry(tmp_path, server.base, {"html": "/briefing.html", "pdf": "/briefing.pdf"})
    results = fetch_documents(registry, None, progress=True, **FAST)
    assert [r.state for r in results] == ["recorded", "recorded"]
    captured = capsys.readouterr()
    assert captured.out == ""  # progress goes to stderr only, never into the table on stdout


# ---------------------------------------------------------------------------------------------------------------
# re-runs, refresh, selection


def test_existing_cassettes_are_already_recorded_and_refresh_records_again(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"html": "/briefing.html"})
    assert fetch_documents(registry, None, **FAST)[0].state == "recorded"
    again = fetch_documents(registry, None, **FAST)[0]
    assert (again.state, again.detail) == ("already recorded", "cassettes/html.yaml")
    assert server.hits["/briefing.html"] == 1
    assert fetch_documents(registry, ["html"], refresh=True, **FAST)[0].state == "recorded"
    assert server.hits["/briefing.html"] == 2


def test_a_failed_refresh_leaves_the_existing_cassette_untouched(tmp_path, server):
    good = make_registry(tmp_path, server.base, {"doc": "/briefing.html"})
    assert fetch_documents(good, None, **FAST)[0].state == "recorded"
    path = cassette_path(tmp_path, "doc")
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    for failing_route in ("/forbidden", "/huge", "/data.json", "/broken"):
        bad = make_registry(tmp_path, server.base, {"doc": failing_route})
        [result] = fetch_documents(bad, None, refresh=True, max_bytes=10_000, **FAST)
        assert result.state == "unreachable", failing_route
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before, failing_route
    assert sorted(p.name for p in (tmp_path / "cassettes").iterdir()) == ["doc.yaml"]  # no temp files left


def test_local_path_documents_are_skipped(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"html": "/briefing.html"}, local={"interview": "notes/interview.txt"})
    results = by_id(fetch_documents(registry, None, **FAST))
    assert (results["interview"].state, results["interview"].detail) == ("skipped", "local file notes/interview.txt")
    assert results["html"].state == "recorded"
    assert not cassette_path(tmp_path, "interview").exists()


def test_ids_select_documents_and_results_come_in_registry_order(tmp_path, server):
    routes = {"a-slowish": "/busy", "b": "/briefing.html", "c": "/notes.txt", "d": "/briefing.pdf", "e": "/forbidden"}
    registry = make_registry(tmp_path, server.base, routes)
    results = fetch_documents(registry, ["e", "a-slowish", "c", "e"], concurrency=3, **FAST)
    assert [r.document_id for r in results] == ["a-slowish", "c", "e"]
    assert [r.state for r in results] == ["recorded", "recorded", "unreachable"]
    assert server.hits["/briefing.html"] == 0


def test_unknown_ids_are_one_error_naming_them(tmp_path, server):
    registry = make_registry(tmp_path, server.base, {"html": "/briefing.html"})
    with pytest.raises(FetchError) as caught:
        fetch_documents(registry, ["html", "nope", "nada"], **FAST)
    assert str(caught.value) == f"{tmp_path / 'sources.yaml'}: unknown document ids: nope, nada"
    assert "\n" not in str(caught.value)
    assert server.log == []


def test_bad_limits_are_errors(tmp_path):
    registry = make_registry(tmp_path, "http://127.0.0.1:9", {})
    with pytest.raises(FetchError, match="--concurrency"):
        fetch_documents(registry, None, concurrency=0)
    with pytest.raises(FetchError, match="--timeout"):
        fetch_documents(registry, None, timeout=0)


def test_a_second_run_with_the_server_stopped_reads_the_same_bytes(tmp_path, server):
    routes = {"html": "/briefing.html", "pdf": "/briefing.pdf", "notes": "/notes.txt", "zipped": "/gzip.html", "hops": "/hop/2"}
    served = {"html": HTML, "pdf": PDF, "notes": NOTES, "zipped": HTML, "hops": HTML}
    registry = make_registry(tmp_path, server.base, routes)
    assert {r.state for r in fetch_documents(registry, None, **FAST)} == {"recorded"}
    server.shutdown()
    server.server_close()

    again = fetch_documents(registry, None, **FAST)
    assert [(r.document_id, r.state) for r in again] == [(doc_id, "already recorded") for doc_id in routes]
    for doc_id, body in served.items():
        recording = read_cassette(cassette_path(tmp_path, doc_id), doc_id)
        assert recording.body == body, doc_id
        assert hashlib.sha256(recording.body).hexdigest() == recording.sha256, doc_id


# ---------------------------------------------------------------------------------------------------------------
# small pieces


def test_retry_after_seconds_reads_delta_seconds_and_http_dates():
    now = dt.datetime(2031, 3, 3, 9, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("7", now=now) == 7.0
    assert retry_after_seconds("Mon, 03 Mar 2031 09:00:12 GMT", now=now) == 12.0
    assert retry_after_seconds("Mon, 03 Mar 2031 08:59:00 GMT", now=now) == 0.0  # already past
    assert retry_after_seconds("86400", now=now) == 60.0  # capped
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds(None) is None


def test_backoff_grows_exponentially_and_is_capped():
    assert [backoff_seconds(n, 0.5) for n in range(3)] == [0.5, 1.0, 2.0]
    assert backoff_seconds(20, 0.5) == 30.0


def test_user_agent_names_attrib_and_a_contact():
    assert user_agent("mailto:desk@example.org") == "attrib/0.1.0 (+mailto:desk@example.org)"
    assert user_agent(None) == "attrib/0.1.0 (+see attrib --help)"
    assert "Mozilla" not in user_agent(None)


def test_kept_headers_drop_cookies_auth_and_volatile_headers():
    headers = {
        "content-type": "text/html",
        "set-cookie": "a=b",
        "authorization": "Bearer x",
        "date": "now",
        "age": "3",
        "etag": '"e"',
        "content-length": "99",
        "content-encoding": "gzip",
    }
    assert kept_headers(headers, 120) == {"content-type": "text/html", "etag": '"e"', "content-length": "120"}


def test_format_table_lists_every_document_and_a_summary():
    table = format_table(
        [
            FetchResult("dod-briefing", "recorded", "HTTP 200, 1,200 bytes", 200),
            FetchResult("isw-report", "already recorded", "cassettes/isw-report.yaml"),
            FetchResult("state-briefing", "unreachable", "HTTP 403 Forbidden", 403),
        ]
    )
    assert table.splitlines() == [
        "DOCUMENT        STATE             DETAIL",
        "dod-briefing    recorded          HTTP 200, 1,200 bytes",
        "isw-report      already recorded  cassettes/isw-report.yaml",
        "state-briefing  unreachable       HTTP 403 Forbidden",
        "1 recorded, 1 already recorded, 1 unreachable, 0 skipped",
    ]


# ---------------------------------------------------------------------------------------------------------------
# the command line


needs_registry = pytest.mark.skipif(
    importlib.util.find_spec("attrib.registry") is None, reason="attrib.registry (load_registry) not written yet"
)

SOURCES_YAML = """\
version: 1
publishers:
  - id: harbour
    name: Harbour Authority
documents:
  - id: harbour-briefing
    title: Harbour Authority Press Briefing
    publisher: harbour
    date: 2031-03-03
    kind: transcript
    url: {base}/briefing.html
  - id: harbour-notice
    title: Harbour Authority Notice
    publisher: harbour
    date: 2031-03-03
    kind: release
    url: {base}/briefing.pdf
  - id: harbour-denied
    title: Harbour Authority Closed Page
    publisher: harbour
    date: 2031-03-03
    kind: statement
    url: {base}/forbidden
  - id: pilot-interview
    title: Interview with the pilot
    publisher: harbour
    date: 2031-03-04
    kind: interview
    path: notes.txt
"""


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "attrib", "sources", "fetch", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@needs_registry
def test_cli_exit_codes_and_an_offline_rerun(tmp_path, server):
    (tmp_path / "sources.yaml").write_text(SOURCES_YAML.format(base=server.base), encoding="utf-8")
    (tmp_path / "notes.txt").write_bytes(NOTES)
    (tmp_path / "attrib.toml").write_text('user_agent_contact = "mailto:desk@harbour.example"\n', encoding="utf-8")

    good = run_cli("harbour-briefing", "harbour-notice", cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert {headers["user-agent"] for _, _, headers in server.log} == {"attrib/0.1.0 (+mailto:desk@harbour.example)"}
    assert "harbour-briefing  recorded" in good.stdout and "harbour-notice    recorded" in good.stdout
    assert cassette_path(tmp_path, "harbour-briefing").exists()

    everything = run_cli("--sources", str(tmp_path / "sources.yaml"), cwd=REPO)
    assert everything.returncode == 1
    lines = everything.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:5]] == ["harbour-briefing", "harbour-notice", "harbour-denied", "pilot-interview"]
    assert "already recorded" in lines[1] and "HTTP 403 Forbidden" in lines[3] and "skipped" in lines[4]

    unknown = run_cli("harbour-briefing", "no-such-doc", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "no-such-doc" in unknown.stderr and len(unknown.stderr.strip().splitlines()) == 1

    server.shutdown()
    server.server_close()
    offline = run_cli("harbour-briefing", "harbour-notice", cwd=tmp_path)
    assert offline.returncode == 0, offline.stderr
    assert offline.stdout.count("already recorded") == 2 + 1  # two rows and the summary line
    assert read_cassette(cassette_path(tmp_path, "harbour-notice"), "harbour-notice").body == PDF
