"""Red-team reproducers (issue 14): each case an attacker or an unlucky user tried that main let through.

Feeds: entries and redirects that point inside the network (SSRF with read-back), and a host that trickles its
answer past `watch --timeout`.  Everything runs on 127.0.0.1: a stub resolver gives the test names addresses
(``news.test`` a public one, ``intranet.test`` a private one) and a stub connector routes the public test address
to the local server, so the address checks see real-looking addresses while no packet leaves the machine.

Inputs: JSONL that the first-line sniff missed, corrupt and truncated WARC archives, impossible dates.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from test_cli import FakeNLP

from onrecord import cli, feeds, fetch, readers
from onrecord.config import Options
from onrecord.errors import FetchError
from onrecord.feeds import Fetcher, internal_kind, literal_address, watch
from onrecord.store import Store

PUBLIC_TEST_IP = "93.184.216.34"  # stands for a public web host; the stub connector sends it to 127.0.0.1
ARTICLE = (b"<html><head><title>Talks resume</title></head><body><article><p>Negotiators met again on Tuesday "
           b"in Cairo, officials said.</p><p>\"We will continue the talks next week,\" Rubio said after the "
           b"meeting.</p></article></body></html>")
SECRET = (b"<html><body><article><p>INTERNAL-ONLY admin credentials page, never to be stored.</p></article>"
          b"</body></html>")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        path = self.path.split("?", 1)[0]
        self.server.requests.append((self.headers.get("Host"), path))
        if path in self.server.redirects:
            self.send_response(302)
            self.send_header("Location", self.server.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, kind = {"/feed.rss": (self.server.feed, "application/rss+xml"),
                      "/articles/talks.html": (ARTICLE, "text/html"),
                      "/secret": (SECRET, "text/html")}.get(path, (b"not found", "text/plain"))
        self.send_response(200 if body != b"not found" else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.port = httpd.server_address[1]
    httpd.requests, httpd.redirects, httpd.feed = [], {}, b""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _stubs(site):
    """(resolver, connector, addresses connected to): names → addresses; the public test address → the site."""
    names = {"news.test": [PUBLIC_TEST_IP], "intranet.test": ["10.0.0.7"], "localhost": ["127.0.0.1", "::1"],
             "mixed.test": [PUBLIC_TEST_IP, "192.168.1.20"]}
    connected = []

    def resolve(host, port):
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return names[host]

    def connect(address, port, timeout):
        connected.append((address, port))
        if address == PUBLIC_TEST_IP:
            return socket.create_connection(("127.0.0.1", site.port), timeout=timeout)
        raise AssertionError(f"connected to {address}: the check should have refused it")

    return resolve, connect, connected


def _rss(links):
    items = "".join(f"<item><title>item {i}</title><link>{link}</link><guid>g{i}</guid></item>"
                    for i, link in enumerate(links))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>{items}</channel></rss>'
            ).encode()


INTERNAL_FORMS = ["http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret", "http://[::1]:{port}/secret",
                  "http://2130706433:{port}/secret", "http://0x7f.1:{port}/secret", "http://0177.0.0.1:{port}/secret",
                  "http://[::ffff:127.0.0.1]:{port}/secret", "http://intranet.test/secret",
                  "http://169.254.169.254/latest/meta-data/", "http://mixed.test/secret"]


# -- item 4: SSRF through watch -----------------------------------------------------------------------------------

def test_entries_and_redirects_to_internal_addresses_are_refused_and_recorded(site, tmp_path):
    site.redirects = {"/to-loopback": f"http://127.0.0.1:{site.port}/secret", "/to-intranet": "http://intranet.test/x",
                      "/to-decimal": f"http://2130706433:{site.port}/secret"}
    internal = [u.format(port=site.port) for u in INTERNAL_FORMS]
    redirects = ["http://news.test/to-loopback", "http://news.test/to-intranet", "http://news.test/to-decimal"]
    site.feed = _rss(["http://news.test/articles/talks.html", *internal, *redirects])
    resolve, connect, connected = _stubs(site)
    fetcher = Fetcher(timeout=5, resolver=resolve, connector=connect)
    db = tmp_path / "w.db"
    with Store(db) as store:
        [report] = watch(["http://news.test/feed.rss"], store, nlp=FakeNLP(), options=Options(), fetcher=fetcher,
                         max_polls=1)
        assert report.stored == 1  # the public article
        refused = sorted(e.source for e in report.errors if e.code == "E604")
        assert refused == sorted(internal + redirects), [str(e) for e in report.errors]
        assert all(a == PUBLIC_TEST_IP for a, _ in connected)
        assert not [r for r in site.requests if r[1] == "/secret"]
        assert all("INTERNAL-ONLY" not in a["title"] + str(a) for a in store.articles(limit=None))
    items = json.loads(CliRunner().invoke(cli.main, ["feeds", "--items", "--db", str(db), "--format", "json"]).stdout)
    by_url = {i["url"]: i for i in items}
    for url in internal + redirects:
        assert by_url[url]["status"] == "failed" and by_url[url]["error"].startswith("E604"), by_url[url]
    assert "loopback address" in by_url[internal[3]]["error"]  # 2130706433 is named for what it is
    assert "redirected to http://intranet.test/x" in by_url[redirects[1]]["error"]
    assert "private address" in by_url[redirects[1]]["error"]


def test_an_internal_feed_host_may_link_to_internal_pages_and_allow_private_opens_the_rest(site):
    site.feed = _rss([f"http://127.0.0.1:{site.port}/secret"])
    resolve, connect, _ = _stubs(site)
    with Store(":memory:") as store:  # the feed itself on loopback: its neighbours are its own business
        [report] = watch([f"http://127.0.0.1:{site.port}/feed.rss"], store, nlp=FakeNLP(), options=Options(),
                         fetcher=Fetcher(timeout=5, resolver=resolve), max_polls=1)
        assert report.stored == 1 and not report.errors
    site.redirects = {"/to-loopback": f"http://127.0.0.1:{site.port}/secret"}
    site.feed = _rss(["http://news.test/to-loopback"])

    def connect_all(address, port, timeout):  # with --allow-private the loopback address is connected to
        return socket.create_connection(("127.0.0.1", site.port if address == PUBLIC_TEST_IP else port),
                                        timeout=timeout)

    with Store(":memory:") as store:
        [report] = watch(["http://news.test/feed.rss"], store, nlp=FakeNLP(), options=Options(), max_polls=1,
                         fetcher=Fetcher(timeout=5, resolver=resolve, connector=connect_all, allow_private=True))
        assert report.stored == 1 and not report.errors


def test_watch_allow_private_option(site, tmp_path, monkeypatch):
    resolve, connect, _ = _stubs(site)

    def connect_all(address, port, timeout):
        return socket.create_connection(("127.0.0.1", site.port if address == PUBLIC_TEST_IP else port),
                                        timeout=timeout)

    monkeypatch.setattr(fetch, "system_resolve", resolve)
    monkeypatch.setattr(fetch, "system_connect", connect_all)
    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())
    site.feed = _rss([f"http://127.0.0.1:{site.port}/secret"])
    listing = tmp_path / "feeds.txt"
    listing.write_text("http://news.test/feed.rss\n")
    runner = CliRunner()
    refused = runner.invoke(cli.main, ["watch", str(listing), "--once", "--db", str(tmp_path / "a.db")])
    assert "E604" in refused.output and "0 new" in refused.output, refused.output
    allowed = runner.invoke(cli.main, ["watch", str(listing), "--once", "--allow-private", "--db",
                                       str(tmp_path / "b.db")])
    assert "1 new" in allowed.output and "E604" not in allowed.output, allowed.output


@pytest.mark.parametrize("host, address", [("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"),
                                           ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
                                           ("0x7f.0.0.1", "127.0.0.1"), ("3232235777", "192.168.1.1"),
                                           ("[::1]", "::1"), ("news.test", None), ("1.2.3.4.5", None),
                                           ("4294967296", None)])
def test_literal_addresses_in_every_form(host, address):
    found = literal_address(host)
    assert (str(found) if found is not None else None) == address


@pytest.mark.parametrize("address, internal", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.0.1", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "not globally routable"), ("::1", "loopback"), ("::", "unspecified"),
    ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"), ("::ffff:10.0.0.1", "private"),
    ("::ffff:127.0.0.1", "loopback"), ("2002:7f00:1::", "loopback"), ("8.8.8.8", None), ("2606:4700::1111", None),
    ("::ffff:8.8.8.8", None)])
def test_internal_address_kinds(address, internal):
    kind = internal_kind(address)
    assert (kind.split(" (")[0] if kind else None) == internal


def test_dns_answer_is_the_address_connected_to(site):
    """The name is resolved once per hop and the connection goes to the address checked (no rebinding window)."""
    answers = iter([[PUBLIC_TEST_IP], ["127.0.0.1"]])  # a rebinding resolver: public first, loopback after
    asked = []

    def rebinding(host, port):
        asked.append(host)
        return next(answers)

    _, connect, connected = _stubs(site)
    resp = Fetcher(timeout=5, resolver=rebinding, connector=connect).get("http://news.test/articles/talks.html")
    assert resp.status == 200 and asked == ["news.test"] and connected == [(PUBLIC_TEST_IP, 80)]


# -- item 3: watch --timeout bounds the whole response ----------------------------------------------------------

class _Trickle:
    """A loopback server that answers one byte every ``gap`` seconds (at most ``limit`` bytes), headers first or
    body only."""

    def __init__(self, *, slow_headers: bool, gap: float = 0.1, limit: int = 60):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(10)
        self.port = self.sock.getsockname()[1]
        self.slow_headers, self.gap, self.limit = slow_headers, gap, limit
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
            body = b"x" * 1000
            data = head + body if self.slow_headers else body
            if not self.slow_headers:
                conn.sendall(head)
            for byte in data[: self.limit]:
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(self.gap)

    def close(self):
        self.sock.close()
        self.thread.join(timeout=10)


@pytest.mark.parametrize("slow_headers", [False, True], ids=["slow-body", "slow-headers"])
def test_timeout_bounds_a_trickling_response_and_says_how_long_it_took(slow_headers):
    server = _Trickle(slow_headers=slow_headers)
    try:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out after 1\.\d s \(the limit is 1 s\)") as caught:
            Fetcher(timeout=1.0, allow_private=True).get(f"http://127.0.0.1:{server.port}/slow")
        elapsed = time.monotonic() - t0
        assert elapsed < 1.8, elapsed  # main waited for the whole trickle (6 s here; 60 s in the red-team run)
        assert caught.value.transient
    finally:
        server.close()


# -- item 6: JSONL that the first-line sniff missed --------------------------------------------------------------

def _docs_and_errors(paths):
    items = list(readers.iter_documents(paths))
    return [i for i in items if hasattr(i, "text")], [i for i in items if not hasattr(i, "text")]


def test_jsonl_with_a_long_key_before_text_is_read_as_jsonl(tmp_path):
    path = tmp_path / "dump.jsonl"
    rows = [{"summary": "s" * 9_000, "text": f"Article {i}: the minister said the talks would go on.",
             "published": "2025-03-12"} for i in range(3)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs, errors = _docs_and_errors([path])
    assert [d.text for d in docs] == [r["text"] for r in rows] and not errors  # main: one article of raw JSON


@pytest.mark.parametrize("first", ["this line is not JSON", '{"text": "cut off in the midd', "[1, 2, 3]"])
def test_a_bad_first_line_among_good_ones_is_one_error_and_the_rest_are_read(tmp_path, first):
    path = tmp_path / "dump.txt"
    good = [json.dumps({"text": f"Article {i} says the harbour wall will be built."}) for i in range(4)]
    path.write_text("\n".join([first, *good]) + "\n", encoding="utf-8")
    docs, errors = _docs_and_errors([path])
    assert len(docs) == 4 and not any("{" in d.text for d in docs)
    assert [(e.code, e.source) for e in errors] == [("E107", f"{path}:1")]


def test_gzip_jsonl_with_a_bad_first_line(tmp_path):
    path = tmp_path / "dump.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("garbage at the top\n" + json.dumps({"summary": "x" * 10_000, "text": "A body."}) + "\n")
    docs, errors = _docs_and_errors([path])
    assert [d.text for d in docs] == ["A body."] and [e.code for e in errors] == ["E107"]


def test_lines_of_json_with_no_body_and_a_pretty_printed_json_file_are_errors_not_articles(tmp_path):
    (tmp_path / "records.txt").write_text('{"id": 1, "body": "x"}\n{"id": 2, "body": "y"}\n', encoding="utf-8")
    (tmp_path / "pretty.json").write_text(json.dumps([{"text": "An article body."}], indent=2), encoding="utf-8")
    (tmp_path / "prose.txt").write_text("{Editor's note} The council met on Tuesday.\n\nIt voted.\n", encoding="utf-8")
    docs, errors = _docs_and_errors([tmp_path])
    assert [d.source.rsplit("/", 1)[1] for d in docs] == ["prose.txt"]  # prose that opens with { is still prose
    assert sorted((e.code, e.source.rsplit("/", 1)[1]) for e in errors) == [
        ("E107", "pretty.json"), ("E107", "records.txt:1"), ("E107", "records.txt:2")]


# -- item 7: corrupt and truncated WARC --------------------------------------------------------------------------

def _warc(path, n, *, compress):
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for i in range(n):
            body = f"Page {i}: the harbour council voted to build a sea wall, its leader said.".encode()
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{i}", "conversion", payload=io.BytesIO(body), warc_content_type="text/plain",
                warc_headers_dict={"WARC-Date": "2024-05-03T12:00:00Z"}))
    return path.read_bytes()


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("damage", ["random", "cut", "appended"])
def test_a_damaged_warc_is_reported_once_with_the_records_kept(tmp_path, compress, damage):
    data = _warc(tmp_path / "ok.warc", 4, compress=compress)
    rng = random.Random(7)
    bad = {"random": b"WARC/1.0\r\n" + rng.randbytes(5000),
           "cut": data[: len(data) * 3 // 4 + 97],  # inside the fourth record
           "appended": data + b"\r\n" + rng.randbytes(3000)}[damage]
    path = tmp_path / "bad.warc"
    path.write_bytes(bad)
    docs, errors = _docs_and_errors([path])
    kept = {"random": 0, "cut": 3, "appended": 4}[damage]
    assert len(docs) == kept
    assert [e.code for e in errors] == ["E108"] and errors[0].source == str(path)
    assert f"{kept} records before it kept" in errors[0].message


def test_random_bytes_after_a_warc_line_are_an_error_on_the_command_line(tmp_path, monkeypatch):
    path = tmp_path / "in" / "crawl.warc"
    path.parent.mkdir()
    path.write_bytes(b"WARC/1.0\r\n" + random.Random(3).randbytes(4000))
    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())
    result = CliRunner().invoke(cli.main, ["ingest", str(path.parent), "--db", str(tmp_path / "x.db")])
    assert "E108" in result.stderr and "no input files found" not in result.stderr, result.output


def test_an_intact_warc_gives_no_error(tmp_path):
    path = tmp_path / "ok.warc"
    _warc(path, 3, compress=True)
    docs, errors = _docs_and_errors([path])
    assert len(docs) == 3 and not errors


# -- item 8: impossible dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "2025-03-12T25:00:00", "2025-3-1", "last Tuesday"])
def test_impossible_dates_in_jsonl_are_refused_naming_the_line(tmp_path, value):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": "Good one.", "published": "2024-02-29T10:00:00Z"}) + "\n"
                    + json.dumps({"text": "Body.", "published": value}) + "\n", encoding="utf-8")
    docs, errors = _docs_and_errors([path])
    assert [d.published for d in docs] == ["2024-02-29T10:00:00Z"]
    assert [(e.code, e.source) for e in errors] == [("E109", f"{path}:2")]


def test_one_date_check_on_every_path(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="onrecord")
    from onrecord import ingest
    from onrecord.errors import InvalidDateError

    with pytest.raises(InvalidDateError):  # a Document cannot hold one, however it is made
        ingest.document_from_text("Some text here.", source="t", published="2025-13-45")
    doc = ingest.document_from_text("Some text here.", source="t", published="2025-03-12")
    with pytest.raises(InvalidDateError):
        import dataclasses

        dataclasses.replace(doc, published="2025-02-30")
    # a WARC-Date that cannot be is dropped with the code logged; the article stays
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "d.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        w.write_record(w.create_warc_record("https://x.example/a", "conversion", warc_content_type="text/plain",
                                            payload=io.BytesIO(b"A body of text, long enough."),
                                            warc_headers_dict={"WARC-Date": "2024-13-45T00:00:00Z"}))
    docs, errors = _docs_and_errors([path])
    assert len(docs) == 1 and docs[0].published is None and not errors
    assert "E109" in caplog.text
    # a feed entry date likewise
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><link>http://h/a</link>'
           b"<pubDate>2025-13-45</pubDate></item></channel></rss>")
    [entry] = feeds.parse_feed(rss, url="http://h/feed")[1]
    assert entry.published is None

    rfc = rss.replace(b"2025-13-45", b"Tue, 45 Mar 2025 09:00:00 GMT")
    assert feeds.parse_feed(rfc, url="http://h/feed")[1][0].published is None
    good = rss.replace(b"2025-13-45", b"Tue, 11 Mar 2025 09:00:00 GMT")
    assert feeds.parse_feed(good, url="http://h/feed")[1][0].published == "2025-03-11"


def test_a_rebinding_feed_host_cannot_claim_to_be_internal(site):
    """A feed host whose name answers "internal" once (to earn the exemption) and "public" after (to serve the
    attacker's feed) is judged and fetched on one answer: here public, so its internal entries are refused."""
    answers = {"news.test": iter([[PUBLIC_TEST_IP]] + [["10.0.0.9"]] * 10)}
    names = {"localhost": ["127.0.0.1"]}

    def resolve(host, port):
        return next(answers[host]) if host in answers else names[host]

    _, connect, connected = _stubs(site)
    site.feed = _rss([f"http://127.0.0.1:{site.port}/secret"])
    with Store(":memory:") as store:
        [report] = watch(["http://news.test/feed.rss"], store, nlp=FakeNLP(), options=Options(),
                         fetcher=Fetcher(timeout=5, resolver=resolve, connector=connect), max_polls=1)
    assert [e.code for e in report.errors] == ["E604"] and report.stored == 0
    assert {a for a, _ in connected} == {PUBLIC_TEST_IP}


def test_a_feed_host_that_answers_internal_first_is_fetched_there_not_from_outside(site):
    answers = iter([["10.0.0.9"]] + [[PUBLIC_TEST_IP]] * 10)  # internal (for the exemption), then public

    def connect(address, port, timeout):
        if address == "10.0.0.9":
            raise ConnectionRefusedError(111, "Connection refused")
        return socket.create_connection(("127.0.0.1", site.port if address == PUBLIC_TEST_IP else port),
                                        timeout=timeout)

    site.feed = _rss([f"http://127.0.0.1:{site.port}/secret"])
    with Store(":memory:") as store:
        [report] = watch(["http://news.test/feed.rss"], store, nlp=FakeNLP(), options=Options(), max_polls=1,
                         fetcher=Fetcher(timeout=5, resolver=lambda h, p: next(answers), connector=connect))
    assert report.feeds[0].status == "failed" and report.stored == 0
    assert not [r for r in site.requests if r[1] == "/secret"]
