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
import os
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import cli, feeds, readers
from onrecord.config import Options
from onrecord.errors import FetchError, InternalAddressError
from onrecord.feeds import Fetcher, internal_kind, literal_address, watch
from onrecord.store import Store
from test_cli import FakeNLP

PUBLIC_TEST_IP = "93.184.216.34"  # stands for a public web host; the stub connector sends it to 127.0.0.1
ARTICLE = (b"<html><head><title>Talks resume</title></head><body><article><p>Negotiators met again on Tuesday "
           b"in Cairo, officials said.</p><p>\"We will continue the talks next week,\" Rubio said after the "
           b"meeting.</p></article></body></html>")
SECRET = b"<html><body><article><p>INTERNAL-ONLY admin credentials page, never to be stored.</p></article></body></html>"


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

    monkeypatch.setattr(feeds, "system_resolve", resolve)
    monkeypatch.setattr(feeds, "system_connect", connect_all)
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
