"""`onrecord watch`: canned RSS/Atom feeds and pages (tests/feeds/) served by a local HTTP server on 127.0.0.1.

The server fills in its own address for {{BASE}}, answers conditional requests for feeds with 304, serves 500 for
/dead.rss and a page after a delay for /articles/slow.html, and logs every request so the tests can check what was
fetched.  Fast tests use the rule-based stand-in pipeline of test_cli; one test runs the real model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import cli, feeds
from onrecord.config import Options
from onrecord.feeds import Fetcher, parse_duration, parse_feed, poll_feed, read_feed_list, watch
from onrecord.errors import InputError
from onrecord.store import Store
from test_cli import FakeNLP

CANNED = Path(__file__).parent / "feeds"
SLOW_SECONDS = 1.5
TIMEOUT = 0.4


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        server = self.server
        path = self.path.split("?", 1)[0]
        with server.lock:
            server.requests.append((path, dict(self.headers)))
        if path == "/dead.rss":
            return self._send(500, b"internal error", "text/plain")
        if path in server.overrides:
            status, body, kind = server.overrides[path]
            return self._send(status, body, kind, length=not path.endswith(".stream"))
        if path == "/articles/slow.html":
            time.sleep(SLOW_SECONDS)
        file = (CANNED / path.lstrip("/")).resolve()
        if CANNED.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"not found", "text/plain")
        body = file.read_bytes().replace(b"{{BASE}}", server.base.encode())
        kind = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".txt": "text/plain"}.get(
            file.suffix, "text/html; charset=utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if file.suffix in (".rss", ".atom") and self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", kind, etag)
        return self._send(200, body, kind, etag if file.suffix in (".rss", ".atom") else None)

    def _send(self, status, body, kind, etag=None, length=True):
        try:
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", kind)
            if length:
                self.send_header("Content-Length", str(len(body)))
            else:  # no length said in advance: the limit must be enforced while reading
                self.close_connection = True
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the fetcher gave up (timeout): expected
            pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.requests, httpd.lock, httpd.overrides = [], threading.Lock(), {}
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetched(server) -> Counter:
    return Counter(path for path, _ in server.requests)


def _feeds(server) -> list[str]:
    return [f"{server.base}/news.rss", f"{server.base}/dead.rss", f"http://127.0.0.1:{_closed_port()}/gone.rss",
            f"{server.base}/world.atom"]


def _poll(urls, store, **kw):
    fetcher = Fetcher(timeout=TIMEOUT, max_bytes=kw.pop("max_bytes", 1_000_000))
    return list(watch(urls, store, nlp=FakeNLP(), options=Options(), fetcher=fetcher, **kw))


@pytest.fixture
def store(store_target):
    with Store(store_target) as s:
        yield s


def test_first_poll_stores_new_articles_and_reports_each_failure(server, store, caplog):
    caplog.set_level(logging.WARNING, logger="onrecord")
    [report] = _poll(_feeds(server), store, max_polls=1)
    by_url = {f.url.rsplit("/", 1)[1]: f for f in report.feeds}
    # the news feed: two articles stored; robots, 404 and timeout reported; the slow page cost one timeout
    news = by_url["news.rss"]
    assert (news.status, news.entries, news.new, news.stored) == ("ok", 5, 5, 2)
    codes = sorted((e.code, e.source.rsplit("/", 1)[1]) for e in news.errors)
    assert codes == [("E601", "missing.html"), ("E601", "slow.html"), ("E602", "secret.html")]
    assert any("timed out" in str(e) for e in news.errors) and any("HTTP 404" in str(e) for e in news.errors)
    # dead feeds are failures of their own and do not stop the others
    assert by_url["dead.rss"].status == "failed" and "HTTP 500" in str(by_url["dead.rss"].errors[0])
    assert by_url["gone.rss"].status == "failed" and "cannot connect" in str(by_url["gone.rss"].errors[0])
    # the Atom feed: one new article; its copy of the ceasefire page is the same article (same content hash),
    # and the ceasefire URL with a #fragment is the page the RSS feed already gave, so it is not fetched again
    world = by_url["world.atom"]
    assert (world.status, world.entries, world.new, world.stored, world.duplicates) == ("ok", 3, 2, 1, 1)
    assert report.stored == 3 and store.count() == 3 and report.failed_feeds == 2
    titles = {a["title"] for a in store.articles()}
    assert titles == {"Ceasefire talks resume in Cairo", "Harvest festival draws crowds", "Election count goes on"}
    fetched = _fetched(server)
    assert fetched["/private/secret.html"] == 0  # robots.txt honoured
    assert fetched["/articles/ceasefire.html"] == 1 and fetched["/robots.txt"] == 1
    assert all(h.get("User-Agent", "").startswith("onrecord/") for _, h in server.requests)
    logged = caplog.text
    assert "dead.rss" in logged and "HTTP 500" in logged and "E602" in logged
    # what each entry came to is in the store
    items = {i["url"].rsplit("/", 1)[1]: i for i in store.feed_items(limit=None)}
    assert items["secret.html"]["status"] == "failed" and "E602" in items["secret.html"]["error"]
    assert items["slow.html"]["status"] == "retry" and items["missing.html"]["status"] == "failed"
    assert items["ceasefire.html"]["status"] == "stored" and items["ceasefire.html"]["article_id"]
    assert items["ceasefire-copy.html"]["status"] == "duplicate"
    assert items["ceasefire-copy.html"]["article_id"] == items["ceasefire.html"]["article_id"]
    stored = store.get(items["harvest.html"]["article_id"])
    assert stored.source == f"{server.base}/articles/harvest.html" and stored.published == "2025-03-10"
    assert [s.content_text for s in stored.statements] == ["It was the best year yet"]


def test_later_polls_fetch_nothing_twice(server, store):
    urls = [f"{server.base}/news.rss", f"{server.base}/world.atom"]
    waits = []
    reports = _poll(urls, store, max_polls=4, every=900, sleep=waits.append)
    assert [r.stored for r in reports] == [3, 0, 0, 0]
    assert len(waits) == 3 and all(899 < w <= 900 for w in waits)  # bounded: exactly max_polls polls
    assert [f.status for f in reports[1].feeds] == ["not-modified", "not-modified"]  # ETag → 304
    fetched = _fetched(server)
    for page in ("ceasefire.html", "harvest.html", "election.html", "ceasefire-copy.html", "missing.html"):
        assert fetched[f"/articles/{page}"] == 1, page
    # a timeout may pass: tried again on later polls, MAX_ATTEMPTS times in all, then left alone
    assert fetched["/articles/slow.html"] == feeds.MAX_ATTEMPTS == 3
    assert fetched["/news.rss"] == 4
    conditional = [h for p, h in server.requests if p == "/news.rss"][1:]
    assert all(h.get("If-None-Match") for h in conditional)
    assert store.count() == 3
    state = store.feed_state(urls[0])
    assert state["polls"] == 4 and state["last_status"] == "not-modified" and state["title"] == "Example News"


def test_a_restart_remembers_what_was_fetched(server, store_target):
    urls = [f"{server.base}/world.atom"]
    with Store(store_target) as s:
        assert _poll(urls, s, max_polls=1)[0].stored == 2  # the election and the ceasefire page
    server.requests.clear()
    with Store(store_target) as s:  # a new process would see the same
        assert _poll(urls, s, max_polls=1)[0].stored == 0
    assert _fetched(server) == Counter({"/robots.txt": 1, "/world.atom": 1})  # and a 304 for the feed


def test_a_changed_feed_fetches_only_its_new_entries(server, store):
    url = f"{server.base}/world.atom"
    _poll([url], store, max_polls=1)
    server.requests.clear()
    body = (CANNED / "world.atom").read_text().replace(
        "<entry>", "<entry><title>New</title><id>urn:new</id>"
        '<link rel="alternate" href="{{BASE}}/articles/harvest.html"/></entry>\n  <entry>', 1)
    server.overrides["/world.atom"] = (200, body.replace("{{BASE}}", server.base).encode(), "application/atom+xml")
    [report] = _poll([url], store, max_polls=1)
    assert (report.feeds[0].new, report.stored) == (1, 1)
    assert _fetched(server) == Counter({"/world.atom": 1, "/robots.txt": 1, "/articles/harvest.html": 1})


def test_robots_disallow_all_blocks_every_fetch_from_that_host(server, store):
    server.overrides["/robots.txt"] = (200, b"User-agent: onrecord\nDisallow: /\n", "text/plain")
    [report] = _poll([f"{server.base}/news.rss"], store, max_polls=1)
    assert report.feeds[0].status == "failed" and report.feeds[0].errors[0].code == "E602"
    assert _fetched(server) == Counter({"/robots.txt": 1})
    assert store.count() == 0


def test_oversized_page_and_non_feed_are_specific_errors(server, store):
    server.overrides["/articles/harvest.html"] = (200, b"<html><body>" + b"x" * 5000 + b"</body></html>", "text/html")
    server.overrides["/notafeed.rss"] = (200, b"<html><body><p>just a page</p></body></html>", "text/html")
    [report] = _poll([f"{server.base}/notafeed.rss", f"{server.base}/news.rss"], store, max_polls=1,
                     max_bytes=4000)
    assert report.feeds[0].errors[0].code == "E603"
    big = [e for e in report.feeds[1].errors if e.source.endswith("harvest.html")]
    assert big and "the limit is 4,000 bytes" in str(big[0])
    assert report.feeds[1].stored == 1  # the ceasefire page still arrived
    server.overrides["/big.stream"] = (200, b"<p>" + b"y" * 10_000 + b"</p>", "text/html")
    with pytest.raises(feeds.FetchError, match="more than the limit of 4,000 bytes"):
        Fetcher(timeout=TIMEOUT, max_bytes=4000, allow_private=True).get(f"{server.base}/big.stream")


def test_max_items_spreads_a_flood_over_polls(server, store):
    reports = _poll([f"{server.base}/news.rss"], store, max_polls=2, max_items=1, sleep=lambda s: None)
    assert [r.feeds[0].new for r in reports] == [1, 0]  # the second poll is a 304: nothing more this time
    assert store.count() == 1


# -- the command ------------------------------------------------------------------------------------------------

def test_cli_watch_once(server, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{server.base}/news.rss   # news\n\n{server.base}/dead.rss\n"
                       f"{server.base}/world.atom\n", encoding="utf-8")
    db = tmp_path / "w.db"
    runner = CliRunner()
    result = runner.invoke(cli.main, ["watch", str(listing), "--once", "--db", str(db), "--timeout", "400ms"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("poll 1: 2/3 feeds read, 3 new, 1 already stored, 4 errors")
    assert "E601" in result.stderr and "dead.rss: HTTP 500" in result.stderr and "E602" in result.stderr
    quotes = runner.invoke(cli.main, ["quotes", "--db", str(db), "--speaker", "lopez", "--format", "json"])
    assert [q["content"] for q in json.loads(quotes.stdout)] == ["It was the best year yet"]
    listed = {r["url"].rsplit("/", 1)[1]: r for r in json.loads(
        runner.invoke(cli.main, ["feeds", "--db", str(db), "--format", "json"]).stdout)}
    assert listed["news.rss"]["stored"] == 2 and listed["news.rss"]["failed_items"] == 3
    assert listed["dead.rss"]["last_status"] == "failed" and "HTTP 500" in listed["dead.rss"]["last_error"]
    items = json.loads(runner.invoke(cli.main, ["feeds", "--items", "--status", "retry", "--db", str(db),
                                                "--format", "json"]).stdout)
    assert [i["url"].rsplit("/", 1)[1] for i in items] == ["slow.html"] and "timed out" in items[0]["error"]


def test_cli_watch_stops_on_ctrl_c_and_bad_arguments(server, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())

    def interrupt(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(feeds, "_sleep", interrupt)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{server.base}/world.atom\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli.main, ["watch", str(listing), "--db", str(tmp_path / "w.db"), "--every", "1h"])
    assert result.exit_code == 0 and "poll 1:" in result.stdout and "stopped" in result.stderr
    assert "poll 2:" not in result.stdout
    assert runner.invoke(cli.main, ["watch", str(listing), "--every", "soon"]).exit_code == 2
    listing.write_text("ftp://example.org/feed\n", encoding="utf-8")
    bad = runner.invoke(cli.main, ["watch", str(listing), "--db", str(tmp_path / "w.db")])
    assert bad.exit_code == 1 and "E100" in bad.stderr and "line 1" in bad.stderr
    dead = tmp_path / "dead.txt"
    dead.write_text(f"{server.base}/dead.rss\n", encoding="utf-8")
    assert runner.invoke(cli.main, ["watch", str(dead), "--once", "--db", str(tmp_path / "w.db")]).exit_code == 1


# -- the pieces -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, seconds", [("15m", 900), ("1h30m", 5400), ("90", 90), ("2.5s", 2.5),
                                           ("250ms", 0.25), (" 1H ", 3600)])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "soon", "0", "0s", "5 parsecs", "m", "-5m", "1m x"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_read_feed_list(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("# c\nhttps://a.example/feed#frag\n  https://b.example/rss   # b\nhttps://a.example/feed#frag\n")
    assert read_feed_list(f) == ["https://a.example/feed#frag", "https://b.example/rss"]
    f.write_text("# nothing\n\n")
    with pytest.raises(InputError, match="no feeds"):
        read_feed_list(f)
    with pytest.raises(InputError, match="no such"):
        read_feed_list(tmp_path / "missing.txt")


def test_parse_feed_rss_and_atom():
    rss = (CANNED / "news.rss").read_bytes().replace(b"{{BASE}}", b"http://h")
    title, entries = parse_feed(rss, url="http://h/news.rss")
    assert title == "Example News" and len(entries) == 5
    assert entries[0].url == "http://h/articles/ceasefire.html" and entries[0].guid == "urn:example-news:1001"
    assert entries[0].published == "2025-03-11" and entries[2].published is None
    atom = (CANNED / "world.atom").read_bytes().replace(b"{{BASE}}", b"http://h")
    title, entries = parse_feed(atom, url="http://h/world.atom")
    assert [e.url for e in entries][1] == "http://h/articles/ceasefire.html"  # fragment dropped
    with pytest.raises(feeds.NotAFeedError):
        parse_feed(b"\x00\x01 not xml", url="http://h/x")


@pytest.mark.slow
def test_real_pipeline_on_fetched_pages(server, tmp_path, nlp):
    with Store(tmp_path / "real.db") as s:
        fetcher = Fetcher(timeout=TIMEOUT)
        result = poll_feed(f"{server.base}/world.atom", s, fetcher, nlp=nlp, options=Options())
        assert result.stored == 2 and result.duplicates == 1
        rows = s.statements(limit=None)
        assert any(r["speaker"] == "Ayman Safadi" and "Every vote will be counted" in r["content"] for r in rows)
        assert any(a["name"] == "Ayman Safadi" for a in s.actors())


def test_robots_crawl_delay_and_missing_or_forbidden_robots(server):
    waits = []
    server.overrides["/robots.txt"] = (200, b"User-agent: onrecord\nCrawl-delay: 7\nDisallow: /private/\n",
                                       "text/plain")
    fetcher = Fetcher(timeout=TIMEOUT, sleep=waits.append, allow_private=True)
    for page in ("ceasefire.html", "harvest.html"):
        fetcher.check_robots(f"{server.base}/articles/{page}")
        fetcher.get(f"{server.base}/articles/{page}")
    assert len(waits) == 2 and all(6 < w <= 7 for w in waits)  # before the second request and the third
    server.overrides["/robots.txt"] = (404, b"", "text/plain")  # no robots.txt: everything allowed
    Fetcher(timeout=TIMEOUT, allow_private=True).check_robots(f"{server.base}/private/secret.html")
    server.overrides["/robots.txt"] = (403, b"", "text/plain")  # forbidden robots.txt: nothing allowed
    with pytest.raises(feeds.RobotsDisallowed):
        Fetcher(timeout=TIMEOUT, allow_private=True).check_robots(f"{server.base}/articles/harvest.html")


def test_redirects_followed_over_http_only(server):
    server.overrides["/moved.html"] = (301, b"/articles/harvest.html", "text/html")
    resp = Fetcher(timeout=TIMEOUT, allow_private=True).get(f"{server.base}/moved.html")
    assert resp.status == 200 and resp.url == f"{server.base}/articles/harvest.html"
    server.overrides["/sneaky.html"] = (302, b"ftp://127.0.0.1/etc/passwd", "text/html")
    with pytest.raises(feeds.FetchError, match="not http"):
        Fetcher(timeout=TIMEOUT, allow_private=True).get(f"{server.base}/sneaky.html")
