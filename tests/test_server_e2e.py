"""End to end: `onrecord serve` in a subprocess on 127.0.0.1, a database built by the real pipeline from the
example article (plus a hostile hand-built one), and Debian's headless Chromium driven through Playwright.

Screenshots go to test-artifacts/ (gitignored). Skips with a message when chromium or playwright is missing;
never downloads a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the server tests need the serve extra")
import _server_data as data  # noqa: E402
from onrecord.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
TOKEN = "e2e-token-abcdefghijklmnop"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, example_path, nlp):
    from onrecord.pipeline import extract

    path = tmp_path_factory.mktemp("e2e") / "news.db"
    article = extract(example_path, nlp=nlp, published="2025-03-12")
    with Store(path) as s:
        s.add(article)
        s.add(data.hostile())
    return path, article


@pytest.fixture(scope="module")
def server(example_db):
    path, _ = example_db
    port = _free_port()
    log = path.parent / "server.log"
    env = {**os.environ, "ONRECORD_TOKEN": TOKEN}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "serve", "--db", str(path), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the server did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.2)
        yield base, port, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser():
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium); the browser test needs it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the python package playwright is not installed (pip install playwright; no browser download)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_server_listens_on_loopback_only(server):
    base, port, log = server
    assert base.startswith("http://127.0.0.1:")
    assert "read-only" not in log.read_text()  # the token from the environment enabled writes


def test_raw_path_traversal_is_refused(server):
    """Paths sent byte for byte (a client library would normalise the dots away)."""
    _, port, _ = server
    for raw in ("/static/../../store.py", "/static/../app.py", "/static/..%2f..%2fstore.py",
                "/static/%2e%2e/%2e%2e/pyproject.toml", "/articles/../../etc/passwd"):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(f"GET {raw} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        status = int(reply.split(b" ", 2)[1])
        assert status in (400, 404), (raw, reply[:200])
        assert b"MIGRATIONS" not in reply and b"create_app" not in reply and b"root:" not in reply
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:  # DNS rebinding: a foreign Host header
        s.sendall(b"GET /overview.json HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n")
        assert s.recv(65536).split(b" ", 2)[1] == b"400"


def test_token_enables_writes_and_is_never_logged(server, example_db):
    base, _, log = server
    _, article = example_db
    # re-attribute a statement that is not Rubio's to someone who is not Rubio: the browser test reads his quotes
    rubio = {a.id for a in article.actors if a.name == "Marco Rubio"}
    st = next(s for s in reversed(article.statements) if s.speaker.actor not in rubio)
    target = next(a.id for a in article.actors if a.id not in rubio and a.id != st.speaker.actor)
    url = f"{base}/api/articles/{article.id}/statements/{quote(st.id)}/speaker"
    body = json.dumps({"actor": target, "note": "e2e"}).encode()
    for headers, status in (({}, 401), ({"Authorization": "Bearer wrong-token-0123456789"}, 403),
                            ({"Authorization": "Bearer " + TOKEN}, 200)):
        req = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", **headers})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                got = r.status
        except urllib.error.HTTPError as err:
            got = err.code
        assert got == status
    big = urllib.request.Request(f"{base}/api/articles", data=b"{" + b" " * (3 * 1024 * 1024) + b"}", method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
    try:
        urllib.request.urlopen(big, timeout=20)
        code = 200
    except urllib.error.HTTPError as err:
        code = err.code
    except (ConnectionError, urllib.error.URLError):  # the server may close the connection after answering
        code = 413
    assert code == 413
    time.sleep(0.2)
    assert TOKEN not in log.read_text(errors="replace")


def test_browser_reads_the_example(server, browser, example_db):
    base, _, _ = server
    _, article = example_db
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append("off-host request " + r.url) if not r.url.startswith(base) else None)

    page.goto(f"{base}/articles/{article.id}")
    rubio = page.locator('.st[data-speaker="Marco Rubio"]')
    assert rubio.count() >= 4
    texts = rubio.evaluate_all("els => els.map(e => e.textContent).join('')")  # pieces of one quote run on
    assert "We’re going to bring it to them directly" in texts and "If their response is ‘yes,’" in texts
    assert "Marco Rubio" in (rubio.first.get_attribute("title") or "")
    colour = rubio.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator(".speakers a", has_text="Marco Rubio").wait_for()
    # the quote is cut into pieces at every actor mention inside it ("them" is linked to Russia), so click the
    # piece of the article text that opens it, not a link inside it
    page.locator("article .st", has_text="We’re going to bring it to").first.click()
    assert page.locator("#d-speaker").inner_text() == "Marco Rubio"
    assert page.locator("#d-cue").inner_text() == "told"
    assert page.locator("#d-kind").inner_text() == "direct"
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=False)

    page.locator("#d-speaker").click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text() == "Marco Rubio"
    assert page.locator("table.quotes tbody tr").count() >= 4
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)

    ceasefire = page.locator('a[href="/topics/ceasefire"]')
    if ceasefire.count() == 0:  # no stance of Rubio's on it: reach the topic from the topics list instead
        page.goto(f"{base}/topics")
        ceasefire = page.locator('a[href="/topics/ceasefire"]')
        if ceasefire.count() == 0:
            pytest.fail("the stance layer found no ceasefire topic in the example article")
    ceasefire.first.click()
    page.wait_for_url("**/topics/ceasefire")
    assert page.locator("h1").inner_text() == "ceasefire"
    assert page.locator("table.matrix td.who").count() >= 1
    assert page.locator("figure.chart svg circle").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "topic.png"), full_page=True)

    page.goto(f"{base}/timeline")
    assert page.locator("ol.timeline li.event").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=False)

    page.goto(f"{base}/overview")
    assert page.locator("figure.chart svg rect").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    page.goto(f"{base}/search?q=ceasefire")
    assert page.locator("table.quotes tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.goto(f"{base}/search")  # the filter form, the other fields left blank
    page.fill("form.filters input[name=speaker]", "Rubio")
    page.select_option("form.filters select[name=kind]", "direct")
    page.locator("form.filters button").click()
    page.wait_for_url("**/search?*speaker=Rubio*")
    who = page.locator("table.quotes td.who").all_inner_texts()
    kinds = page.locator("table.quotes .kind").all_inner_texts()
    assert who and all("Marco Rubio" in w for w in who) and set(kinds) == {"direct"}
    assert not problems, problems


def test_browser_runs_nothing_from_hostile_text(server, browser):
    base, _, _ = server
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    hostile = data.hostile()
    page.goto(f"{base}/articles/{quote(hostile.id, safe='')}?chrome=1")
    page.locator(".st").first.hover()
    page.locator(".st").first.click()
    page.goto(f"{base}/actors/{quote(hostile.actors[0].id, safe='')}")
    page.goto(f"{base}/search?q=alert")
    page.wait_for_timeout(300)
    assert fired == []
    assert page.locator("img").count() == 0


def test_several_worker_processes(example_db, tmp_path):
    """--workers 2: each process builds the app from the command's settings; the token file is read again."""
    path, article = example_db
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "serve", "--db", str(path), "--port", str(port),
                             "--workers", "2", "--token-file", str(token_file)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 40
        while True:
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        for _ in range(6):
            status, body = _get(f"{base}/articles/{article.id}.json")
            assert status == 200 and json.loads(body)["article"]["id"] == article.id
        req = urllib.request.Request(f"{base}/api/articles", data=b'{"text": ""}', method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
        try:
            urllib.request.urlopen(req, timeout=10)
            code = 200
        except urllib.error.HTTPError as err:
            code = err.code
        assert code == 422  # authorised (the token was read from the file), then the empty text refused
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert TOKEN.encode() not in err
