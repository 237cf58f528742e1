"""Writes cannot starve reads (issue 14 item 5): posted articles are extracted by their own bounded queue and
worker, page handlers keep their threads; and the small ones of item 9 (IPv6 loopback, a client gone mid-body)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="the server tests need the serve extra (fastapi, jinja2)")
from fastapi.testclient import TestClient  # noqa: E402
from test_cli import FakeNLP  # noqa: E402

from onrecord.server import create_app  # noqa: E402
from onrecord.store import Store  # noqa: E402

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": "Bearer " + TOKEN}


def _text(i: int) -> str:
    return f'Talks resumed in round {i}. "We want peace number {i}," said Marco Rubio on Monday.'


class Blocking(FakeNLP):
    """Extraction that does not finish until the test releases it (a very slow article)."""

    def __init__(self):
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, text):
        self.started.set()
        assert self.release.wait(60), "the test never released the extraction"
        return super().__call__(text)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.db"
    Store(path).close()
    return path


def _in_thread(fn):
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as err:  # noqa: BLE001 -- handed to the test
            out["error"] = err

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t, out


def test_health_and_pages_answer_while_slow_posts_wait_for_the_nlp(db):
    nlp = Blocking()
    with TestClient(create_app(db, token=TOKEN, nlp=nlp)) as c:
        posts = [_in_thread(lambda i=i: c.post("/api/articles", json={"text": _text(i)}, headers=AUTH))
                 for i in range(4)]
        assert nlp.started.wait(10)
        health, got = _in_thread(lambda: c.get("/healthz"))
        health.join(10)  # the NLP is blocked for as long as the test likes: the answer must not wait for it
        assert "value" in got and got["value"].status_code == 200, got
        assert not nlp.release.is_set()
        assert c.get("/overview.json").status_code == 200
        nlp.release.set()
        for t, out in posts:
            t.join(10)
        answers = [out["value"] for _, out in posts]
        assert [r.status_code for r in answers] == [202] * 4
        for r in answers:
            assert r.headers["location"] == r.json()["url"] and r.json()["status"] in ("queued", "running")
        ids = set()
        for r in answers:  # poll each job until it is done
            deadline = time.monotonic() + 20
            while (job := c.get(r.json()["url"], headers=AUTH).json())["status"] in ("queued", "running"):
                assert time.monotonic() < deadline
                time.sleep(0.02)
            assert job["status"] == "done" and job["result"]["stored"] is True, job
            ids.add(job["result"]["id"])
        assert len(ids) == 4 and c.get("/healthz").json()["articles"] == 4
        assert c.get(answers[0].json()["url"]).status_code == 401  # a job is read with the token too


def test_a_full_queue_is_refused_with_503_and_retry_after(db):
    nlp = Blocking()
    with TestClient(create_app(db, token=TOKEN, nlp=nlp, queue_size=1)) as c:
        first = c.post("/api/articles", json={"text": _text(1)}, headers=AUTH)
        assert first.status_code == 202
        assert nlp.started.wait(10)  # the worker holds the first; the queue has room for one more
        second = c.post("/api/articles", json={"text": _text(2)}, headers=AUTH)
        assert second.status_code == 202
        third = c.post("/api/articles", json={"text": _text(3)}, headers=AUTH)
        assert third.status_code == 503 and int(third.headers["retry-after"]) > 0
        assert "busy" in third.json()["error"]
        nlp.release.set()
        deadline = time.monotonic() + 20
        while c.get(second.json()["url"], headers=AUTH).json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        done = c.post("/api/articles?wait=20", json={"text": _text(2)}, headers=AUTH)
        assert done.status_code == 200 and done.json()["stored"] is False  # the queued one got stored first
    with Store(db, create=False) as s:
        assert s.count() == 2


def test_bad_input_is_refused_before_it_is_queued(db):
    with TestClient(create_app(db, token=TOKEN, nlp=FakeNLP(), queue_size=1)) as c:
        r = c.post("/api/articles", json={"text": "   "}, headers=AUTH)
        assert r.status_code == 422 and "E102" in r.json()["error"]
        assert c.get("/api/jobs/nonesuch", headers=AUTH).status_code == 404


def test_a_client_that_disconnects_mid_body_is_one_line_not_a_traceback(db, caplog):
    app = create_app(db, token=TOKEN)
    messages = [{"type": "http.request", "body": b'{"text": "half a bo', "more_body": True},
                {"type": "http.disconnect"}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        pass

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/articles", "raw_path": b"/api/articles", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                         (b"authorization", AUTH["Authorization"].encode())],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    caplog.set_level(logging.DEBUG, logger="onrecord")
    asyncio.run(app(scope, receive, send))
    ours = [r for r in caplog.records if r.name.startswith("onrecord")]
    assert not [r for r in ours if r.levelno >= logging.ERROR or r.exc_info], [r.getMessage() for r in ours]
    gone = [r for r in ours if "disconnected" in r.getMessage()]
    assert len(gone) == 1 and gone[0].levelno in (logging.INFO, logging.WARNING)


def test_serve_on_ipv6_loopback_answers_its_own_address_and_prints_it_bracketed(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from onrecord.cli import main

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", "::1", "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert "http://[::1]:8123/" in r.output and "http://::1:" not in r.output
    assert served["host"] == "::1"
    with TestClient(served["app"], base_url="http://[::1]:8123") as c:
        assert c.get("/healthz").status_code == 200
    with TestClient(served["app"], base_url="http://localhost:8123") as c:
        assert c.get("/healthz").status_code == 200
    with TestClient(served["app"], base_url="http://evil.example:8123") as c:  # still no DNS rebinding
        assert c.get("/healthz").status_code == 400
