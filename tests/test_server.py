"""The web server through FastAPI's TestClient: every endpoint, its JSON twin, pagination, bad parameters,
escaping of hostile stored text, SQL injection in every parameter, tokens, body limits, path traversal."""

from __future__ import annotations

import json
import logging
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the server tests need the serve extra (fastapi, jinja2)")
pytest.importorskip("jinja2")
from fastapi.testclient import TestClient  # noqa: E402

import _server_data as data  # noqa: E402
from onrecord.errors import StoreError  # noqa: E402
from onrecord.server import create_app  # noqa: E402
from onrecord.store import Store  # noqa: E402

TOKEN = "test-token-0123456789abcdef"
N_FILLER = 5


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db_path(request, tmp_path_factory):
    """The reading server's store: a SQLite file, or a fresh PostgreSQL schema (skipped without
    ONRECORD_TEST_POSTGRES; see tests/conftest.py)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("server") / "news.db"
    else:
        import uuid

        import psycopg

        url = request.getfixturevalue("pg_url")
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")

        def drop():
            with psycopg.connect(url, autocommit=True) as con:
                con.execute(f"DROP SCHEMA {schema} CASCADE")

        request.addfinalizer(drop)
        path = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"
    with Store(path) as s:
        for a in [data.ordinary(), data.hostile(), *data.filler(N_FILLER)]:
            s.add(a)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture
def writable(store_target):
    """A fresh database (SQLite, or a PostgreSQL schema) and a client of a server with writes enabled (these tests
    change data)."""
    path = store_target
    with Store(path) as s:
        s.add(data.ordinary())
        s.add(data.hostile())
    with TestClient(create_app(path, token=TOKEN, max_body=4096)) as c:
        yield c, path


def counts(path) -> dict:
    with Store(path, create=False) as s:
        return s.counts()


# -- pages, JSON twins, OpenAPI -----------------------------------------------------------------------------------

PAGES = ["/overview", "/articles", "/actors", "/search", "/search?q=deal", "/articles/a1", "/articles/a1?chrome=1",
         "/actors/p1", "/topics", "/topics/ceasefire", "/timeline", "/timeline?party=United%20States"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_and_has_a_json_twin(client, url):
    html = client.get(url)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    path, _, query = url.partition("?")
    twin = client.get(path + ".json" + ("?" + query if query else ""))
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    negotiated = client.get(url, headers={"Accept": "application/json"})
    assert negotiated.json() == twin.json()
    # the JSON has the shape /openapi.json documents for it
    from starlette.routing import Match

    from onrecord.server import pages

    route = next(r for r in pages.router.routes
                 if r.matches({"type": "http", "path": path + ".json", "method": "GET"})[0] == Match.FULL)
    route.responses[200]["model"].model_validate(twin.json())
    # the page's answer depends on Accept, and says so to caches; the .json twin's does not
    assert "accept" in html.headers["vary"].lower() and "accept" in negotiated.headers["vary"].lower()
    assert "vary" not in twin.headers
    assert 'href="/static/style.css"' in html.text and "http://" not in html.text.split("<main>")[0]


def test_root_redirects_to_overview(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/overview"


def test_openapi_documents_every_page_and_its_twin(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/overview", "/articles", "/articles/{article_id}", "/actors", "/actors/{actor_id}", "/search",
              "/topics", "/topics/{name}", "/timeline"):
        assert p in paths and p + ".json" in paths
    assert "/api/articles" in paths and "post" in spec["paths"]["/api/articles"]
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "text" in body["properties"]
    assert client.get("/docs").status_code == 404  # the Swagger UI would load scripts from a CDN


def test_overview_counts_and_chart(client):
    d = client.get("/overview.json").json()
    assert d["counts"]["articles"] == 2 + N_FILLER
    assert d["counts"]["statements"] == 3 * (1 + N_FILLER) + 1
    assert d["most_quoted"][0]["statements"] >= d["most_quoted"][-1]["statements"]
    days = {r["day"] for r in d["statements_per_day"]}
    assert "2025-01-15" in days and "2025-02-01" in days
    rubio = [r for r in d["statements_per_day"] if r["day"] == "2025-01-15" and r["party"] == "United States"]
    assert rubio and rubio[0]["statements"] == 1
    html = client.get("/overview").text
    assert "<svg" in html and "United States" in html


def test_article_page_marks_statements_speakers_mentions_and_events(client):
    d = client.get("/articles/a1.json").json()
    art = d["article"]
    assert art["id"] == "a1" and [s["speaker"]["name"] for s in art["statements"]] == ["Marco Rubio", "Hamas", None]
    assert d["removed_count"] == 1 and art["removed"] == []  # chrome only on request
    assert client.get("/articles/a1.json?chrome=true").json()["article"]["removed"][0]["text"] == "Share this article"
    html = client.get("/articles/a1").text
    assert 'data-speaker="Marco Rubio"' in html and "We are close to a deal," in html
    assert '<a class="mention" href="/actors/p1">Marco Rubio</a>' in html.replace('<span class="spk ">', "") \
        or 'href="/actors/p1"' in html
    assert 'id="ev-e1"' in html and "CONSULT" in html
    assert 'class="removed"' not in html
    assert 'class="removed"' in client.get("/articles/a1?chrome=1").text


def test_actor_page(client):
    d = client.get("/actors/p1.json").json()
    assert d["actor"]["name"] == "Marco Rubio" and d["actor"]["articles"] == 1 + N_FILLER
    assert d["actor"]["roles"] == ["secretary of state"] and d["actor"]["affiliations"] == ["United States"]
    assert {s["text"] if "text" in s else s["spelling"] for s in d["actor"]["spellings"]} == {"Marco Rubio", "He"}
    items = d["statements"]["items"]
    assert items and all(s["speaker_actor"] == "p1" for s in items)
    assert {"site", "published", "article_title"} <= set(items[0])
    assert d["events"] and d["events"][0]["as"] == "source"
    assert client.get("/actors/g1.json").json()["events"][0]["as"] == "target"


def test_topic_pages_matrix_and_chart(client):
    topics = client.get("/topics.json").json()["items"]
    assert topics[0]["name"] == "ceasefire" and topics[0]["articles"] == 1 + N_FILLER
    d = client.get("/topics/ceasefire.json").json()
    assert d["topic"]["stances"] == 2 * (1 + N_FILLER)
    assert {(r["actor"], r["stance"]) for r in d["stances"]} == {("Marco Rubio", "support"), ("Hamas", "conditional")}
    assert {tuple(r["evidence_kinds"]) for r in d["stances"]} == {("statement",)}
    html = client.get("/topics/ceasefire").text
    assert 'class="rows matrix"' in html and "<circle" in html
    assert 'href="/articles/a1#e-s1"' in html  # evidence links to the statement
    assert client.get("/topics/ceasefir.json").status_code == 404  # exact names, not substrings
    actor = client.get("/actors/p1.json").json()
    assert {r["topic"] for r in actor["stances"]} == {"ceasefire"}


def test_timeline_dated_and_filterable_by_party(client):
    d = client.get("/timeline.json?limit=500").json()
    dates = [r["date"] for r in d["items"] if r["date"]]
    assert dates == sorted(dates) and d["items"]
    first = d["items"][0]
    assert first["what"] == "event" and first["date"] == "2025-01-13"  # the event's own resolved time
    us = client.get("/timeline.json", params={"party": "united states", "limit": 500}).json()["items"]
    assert us and all("Marco Rubio" in r["who"] + r["whom"] for r in us)
    assert client.get("/timeline.json", params={"party": "Narnia"}).json()["items"] == []
    assert client.get("/timeline.json", params={"since": "2025-02-03", "until": "2025-02-03"}).json()["items"]


def test_search_over_quotes_and_articles_with_filters(client):
    d = client.get("/search.json", params={"q": "deal"}).json()
    assert d["quotes"]["items"] and all("deal" in s["content"] for s in d["quotes"]["items"])
    assert d["articles"]["items"]
    by = lambda **p: client.get("/search.json", params=p).json()["quotes"]["items"]  # noqa: E731
    assert {s["speaker"] for s in by(speaker="rubio")} == {"Marco Rubio"}
    assert {s["speaker_party"] for s in by(affiliation="united")} == {"United States"}
    assert {s["site"] for s in by(outlet="news.example")} == {"news.example"}
    assert {s["published"] for s in by(since="2025-02-02", until="2025-02-03")} == {"2025-02-02", "2025-02-03"}
    assert {s["kind"] for s in by(kind="direct")} == {"direct"}
    assert by(q="nothing-like-this") == []
    assert client.get("/search.json", params={"q": "deal", "speaker": "hamas"}).json()["articles"]["items"] == []


# -- pagination ---------------------------------------------------------------------------------------------------

def _walk(client, url, key=None):
    seen, pages = [], 0
    while url:
        d = client.get(url).json()
        page = d[key] if key else d
        seen += page["items"]
        url = page["next"]
        pages += 1
        assert pages < 50
    return seen, pages


def test_pagination_follows_next_links_to_every_row_once(client):
    rows, pages = _walk(client, "/articles.json?limit=2")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 2 + N_FILLER and pages == 4
    first = client.get("/articles.json?limit=2&offset=2").json()
    assert first["prev"] == "/articles.json?limit=2" and first["next"].endswith("offset=4")
    quotes, _ = _walk(client, "/search.json?speaker=rubio&limit=2", "quotes")
    assert len(quotes) == 1 + N_FILLER
    statements, _ = _walk(client, "/actors/p1.json?limit=4", "statements")
    assert len({(s["article_id"], s["id"]) for s in statements}) == 1 + N_FILLER
    actors, _ = _walk(client, "/actors.json?limit=1")
    assert len(actors) == 3
    html = client.get("/articles?limit=2").text
    assert 'rel="next" href="/articles?limit=2&amp;offset=2"' in html


# -- bad parameters -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, param", [
    ("/articles.json?limit=0", "limit"), ("/articles.json?limit=501", "limit"), ("/articles.json?limit=ten", "limit"),
    ("/articles.json?offset=-1", "offset"), ("/search.json?since=2025-13-01", "since"),
    ("/search.json?until=yesterday", "until"), ("/search.json?kind=shouted", "kind"),
    ("/search.json?since=2025-03-01&until=2025-02-01", "since"), ("/actors.json?kind=alien", "kind"),
    ("/search.json?q=" + "x" * 201, "q"), ("/articles/a1.json?chrome=maybe", "chrome"),
    ("/articles.json?limt=5", "limt"), ("/search.json?speaker=x&party=y", "party"),
])
def test_bad_parameters_are_a_clear_4xx(client, url, param):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert param in body["error"] and body["status"] == 422
    html = client.get(url.replace(".json", ""))
    assert html.status_code == 422 and param in html.text and "text/html" in html.headers["content-type"]


@pytest.mark.parametrize("url", ["/search?q=deal&speaker=&affiliation=&outlet=&since=&until=&kind=",
                                 "/articles?q=&outlet=&since=&until=", "/actors?name=&kind=",
                                 "/timeline?party=&actor=&since=&until=", "/topics?name="])
def test_blank_form_fields_mean_no_filter(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    path, _, query = url.partition("?")
    filled = "&".join(p for p in query.split("&") if not p.endswith("="))
    blank = client.get(path + ".json?" + query).json()
    assert blank == client.get(path + ".json" + ("?" + filled if filled else "")).json()  # as if left out


def test_unknown_things_are_404_with_a_message(client):
    r = client.get("/articles/nope.json")
    assert r.status_code == 404 and "nope" in r.json()["error"]
    assert client.get("/actors/nobody.json").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert "no article" in client.get("/articles/nope").text


# -- safety: escaping ------------------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def assert_inert(html: str) -> None:
    """No script but our own file, no event-handler attribute, no javascript: URL, no injected element."""
    p = _Tags()
    p.feed(html)
    for tag, attrs in p.tags:
        assert tag not in ("img", "iframe", "object", "embed"), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        for k, v in attrs.items():
            assert not k.startswith("on"), (tag, attrs)
            if k in ("href", "src", "action"):
                assert not v.strip().lower().startswith(("javascript:", "data:", "//")), (tag, attrs)
                assert v.startswith(("/", "#", "?")), (tag, attrs)
    assert "<script>alert" not in html and "<b>javascript" not in html


HOSTILE = quote(data.hostile().id, safe="")
HOSTILE_ACTOR = quote("javascript:alert(5)", safe="")
HOSTILE_TOPIC = quote(data.XSS, safe="")


@pytest.mark.parametrize("url", [f"/articles/{HOSTILE}", f"/articles/{HOSTILE}?chrome=1", f"/actors/{HOSTILE_ACTOR}",
                                 "/overview", "/articles", "/actors", "/search?q=alert", "/search?q=said",
                                 "/search?q=%3Cscript%3E", "/topics", "/timeline", "/timeline?since=2025-01-20",
                                 f"/topics/{HOSTILE_TOPIC}"])
def test_hostile_text_is_rendered_inert(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert_inert(r.text)


def test_hostile_text_is_shown_literally(client):
    html = client.get(f"/articles/{HOSTILE}?chrome=1").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html  # the text, escaped, still readable
    assert f'href="/actors/{HOSTILE_ACTOR}"' in html  # the id is a path segment, not a URL
    assert "&lt;iframe src=javascript:alert(1)&gt;" in html  # removed chrome, escaped
    assert client.get(f"/articles/{HOSTILE}.json").json()["article"]["title"].startswith("<script>")


def test_only_the_allowed_host_names_are_answered(db_path):
    app = create_app(db_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/overview.json").status_code == 200
        assert c.get("/overview.json", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/overview.json", headers={"Host": "rebound.example"}).status_code == 400


def test_failures_are_a_message_not_a_traceback(tmp_path, monkeypatch, caplog):
    path = tmp_path / "f.db"
    with Store(path) as s:
        s.add(data.ordinary())
    app = create_app(path)
    with TestClient(app, raise_server_exceptions=False) as c:
        monkeypatch.setattr(Store, "get", lambda self, i: 1 / 0)
        r = c.get("/articles/a1.json")
        assert r.status_code == 500 and r.json()["error"].startswith("internal error")
        assert "ZeroDivisionError" not in r.text and "ZeroDivisionError" in caplog.text
        monkeypatch.setattr(Store, "get", lambda self, i: (_ for _ in ()).throw(StoreError("disk gone")))
        r = c.get("/articles/a1")
        assert r.status_code == 503 and "E300" in r.text and "text/html" in r.headers["content-type"]


def test_security_headers(client):
    r = client.get("/overview")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


# -- safety: SQL injection in every parameter ---------------------------------------------------------------------

INJECTIONS = ["' OR '1'='1", "x'); DROP TABLE articles; --", '" OR 1=1 --', "%' UNION SELECT id, text FROM articles --",
              "1; DELETE FROM statements", "zz' --", "* OR *", "NEAR(a b)", "\\' OR 1=1 #"]


def _get_params(spec):
    for path, ops in spec["paths"].items():
        op = ops.get("get")
        if not op:
            continue
        yield path, [(p["name"], p["in"]) for p in op.get("parameters", [])]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_every_parameter_changes_nothing(client, db_path, payload):
    before = counts(db_path)
    spec = client.get("/openapi.json").json()
    tried = 0
    for path, params in _get_params(spec):
        base = {"{article_id}": "a1", "{actor_id}": "p1", "{name}": "ceasefire"}
        for name, where in params:
            url = path
            for k, v in base.items():
                url = url.replace(k, quote(payload, safe="") if k == "{" + name + "}" else v)
            query = {name: payload} if where == "query" else {}
            r = client.get(url, params=query)
            tried += 1
            allowed = (200, 404, 422) + ((403,) if url.startswith("/api/") else ())  # a job needs the token
            assert r.status_code in allowed, (url, name, r.status_code, r.text[:200])
            if r.status_code == 200 and where == "query" and name in ("q", "speaker", "affiliation", "outlet",
                                                                          "name"):
                d = r.json() if path.endswith(".json") else None
                if d is not None:  # a filter that matched everything would mean the string became SQL
                    lists = [d[k]["items"] for k in ("quotes", "articles") if k in d] or [d["items"]]
                    assert all(not rows for rows in lists), (url, name)
    assert tried > 30
    assert counts(db_path) == before


def test_read_connections_refuse_writes(db_path):
    with Store(db_path, create=False, readonly=True) as s:
        with pytest.raises(StoreError):
            s.add(data.ordinary("zz"))
        assert s.count() == 2 + N_FILLER


# -- safety: path traversal -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/store.py", "/static/%2e%2e%2fapp.py",
                                  "/static/..%5capp.py", "/static/....//app.py", "/static/%00", "/static/"])
def test_static_files_cannot_escape_their_folder(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "create_app" not in r.text and "MIGRATIONS" not in r.text


def test_static_files_are_served_locally(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript",
                                                                            "application/javascript"))


# -- writes: tokens, limits ---------------------------------------------------------------------------------------------

def test_writes_are_refused_without_a_configured_token(client, db_path):
    before = counts(db_path)
    r = client.post("/api/articles/a1/statements/s3/speaker", json={"actor": "p1"},
                    headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "token" in r.json()["error"]
    assert client.post("/api/articles", json={"text": "x"}).status_code == 403
    assert counts(db_path) == before


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": TOKEN}, 401), ({"Authorization": "Basic " + TOKEN}, 401),
    ({"Authorization": "Bearer "}, 401), ({"Authorization": "Bearer wrong-token-0123456789"}, 403),
    ({"Authorization": "Bearer " + TOKEN[:-1]}, 403), ({"Authorization": "Bearer " + TOKEN + "x"}, 403),
])
def test_missing_or_wrong_token(writable, headers, status):
    c, path = writable
    before = counts(path)
    r = c.post("/api/articles/a1/statements/s3/speaker", json={"actor": "p1"}, headers=headers)
    assert r.status_code == status and r.json()["error"]
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert counts(path) == before


def test_correct_a_speaker_keeps_the_old_attribution(writable, caplog):
    c, path = writable
    caplog.set_level(logging.DEBUG)
    auth = {"Authorization": "Bearer " + TOKEN}
    before = c.get("/actors.json").json()["items"]  # a cached page: the correction must show through
    assert {a["name"]: a["statements"] for a in before}["Marco Rubio"] == 1
    r = c.post("/api/articles/a1/statements/s3/speaker", json={"actor": "p1", "note": "he is Rubio"}, headers=auth)
    assert r.status_code == 200, r.text
    after = c.get("/actors.json").json()["items"]
    assert {a["name"]: a["statements"] for a in after}["Marco Rubio"] == 2
    assert c.get("/overview.json").json()["counts"]["corrections"] == 1
    assert r.json()["old"] == {"actor": None, "name": None, "resolution": "unresolved"}
    st = c.get("/articles/a1.json").json()["article"]["statements"][2]
    assert st["speaker"]["actor"] == "p1" and st["speaker"]["resolution"] == "corrected"
    assert st["speaker"]["text"] == "He"  # the mention in the text is unchanged
    assert c.get("/search.json?speaker=rubio").json()["quotes"]["items"][-1]["id"] == "s3"
    assert "he is Rubio" in c.get("/articles/a1").text
    assert counts(path)["corrections"] == 1
    # back to nobody
    assert c.post("/api/articles/a1/statements/s3/speaker", json={"actor": None}, headers=auth).status_code == 200
    with Store(path, create=False) as s:
        assert [x["new"]["actor"] for x in s.corrections()] == [None, "p1"]
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("url, body, status", [
    ("/api/articles/a1/statements/s3/speaker", {"actor": "nobody"}, 422),
    ("/api/articles/a1/statements/s9/speaker", {"actor": "p1"}, 404),
    ("/api/articles/zz/statements/s3/speaker", {"actor": "p1"}, 404),
    ("/api/articles/a1/statements/s3/speaker", {"actor": "p1", "extra": 1}, 422),
    ("/api/articles/a1/statements/s3/speaker", {}, 422),
    ("/api/articles/..%2F..%2Fetc%2Fpasswd/statements/s3/speaker", {"actor": "p1"}, 404),
    ("/api/articles/a1'%20OR%20'1'%3D'1/statements/s3/speaker", {"actor": "p1"}, 404),
    ("/api/articles/a1/statements/s3'%20OR%201%3D1%20--/speaker", {"actor": "p1"}, 404),
    ("/api/articles/a1/statements/s3/speaker", {"actor": "p1' OR '1'='1"}, 422),
])
def test_bad_corrections(writable, url, body, status):
    c, path = writable
    r = c.post(url, json=body, headers={"Authorization": "Bearer " + TOKEN})
    assert r.status_code == status and r.json()["error"]
    assert counts(path)["corrections"] == 0


def test_body_limits_and_content_type(writable):
    c, path = writable
    auth = {"Authorization": "Bearer " + TOKEN}
    big = json.dumps({"text": "x" * 5000})
    r = c.post("/api/articles", content=big, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(10):
            yield b" " * 1000

    r = c.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    r = c.post("/api/articles", content="text=hi", headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 415
    r = c.post("/api/articles", content="{not json", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 422
    assert counts(path)["articles"] == 2


@pytest.mark.slow
def test_post_an_article_ingests_it_once(tmp_path, nlp, caplog):
    path = tmp_path / "p.db"
    Store(path).close()
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(path, token=TOKEN, nlp=nlp)) as c:
        auth = {"Authorization": "Bearer " + TOKEN}
        body = {"text": 'Talks resumed. "We want peace <script>alert(1)</script>," Marco Rubio said on Monday.',
                "title": "<script>alert(2)</script>", "published": "2025-03-10", "site": "example.org",
                "source": "../../../../etc/passwd"}
        assert c.get("/overview.json").json()["counts"]["articles"] == 0
        r = c.post("/api/articles?wait=60", json=body, headers=auth)
        assert r.status_code == 201, r.text
        assert c.get("/overview.json").json()["counts"]["articles"] == 1  # the cached overview follows
        aid = r.json()["id"]
        again = c.post("/api/articles?wait=60", json=body, headers=auth)
        assert again.status_code == 200 and again.json() == {**r.json(), "stored": False}
        art = c.get(f"/articles/{aid}.json").json()["article"]
        assert art["text"] == body["text"] and art["source"] == body["source"]  # a label; the file was not read
        assert art["published"] == "2025-03-10" and art["statements"]
        assert_inert(c.get(f"/articles/{aid}").text)
        bad = c.post("/api/articles", json={"text": "   "}, headers=auth)
        assert bad.status_code == 422 and "E102" in bad.json()["error"]
        assert c.post("/api/articles", json={**body, "published": "March"}, headers=auth).status_code == 422
    with Store(path, create=False) as s:
        assert s.count() == 1
    assert TOKEN not in caplog.text


def test_actor_page_covers_the_actor_across_articles(tmp_path):
    """After `consolidate`, a surname-only spelling in another article is the same actor on the page."""
    from dataclasses import replace

    from onrecord.model import Actor, Speaker

    path = tmp_path / "c.db"
    other = data.ordinary("b1", published="2025-01-16")
    text = other.text
    rubio = Actor(id="p9", name="Rubio", kind="person", mentions=(data.span(text, "Marco Rubio"),))
    other = replace(other, actors=(rubio, other.actors[1]), stances=(),
                    statements=(replace(other.statements[0], speaker=Speaker("Rubio", data.span(text, "Marco Rubio"),
                                                                             "p9", "surname")),
                                *other.statements[1:]))
    with Store(path) as s:
        s.add(data.ordinary())
        s.add(other)
        s.consolidate()
    with TestClient(create_app(path)) as c:
        d = c.get("/actors/p1.json").json()
        assert d["cluster"] and {m["actor_id"] for m in d["cluster"]["members_detail"]} == {"p1", "p9"}
        assert {s["article_id"] for s in d["statements"]["items"]} == {"a1", "b1"}
        assert "The same actor across articles" in c.get("/actors/p1").text
        assert c.get("/actors/p9.json").json()["cluster"]["id"] == d["cluster"]["id"]
        plain = c.get("/actors.json").json()
        assert plain["consolidated"] and {a["name"] for a in plain["items"]} == {"Marco Rubio", "Rubio", "Hamas"}
        merged = c.get("/actors.json?merged=1").json()["items"]
        rubio = next(a for a in merged if "Rubio" in a["spellings"])
        assert rubio["spellings"] == ["Marco Rubio", "Rubio"] and rubio["statements"] == 2 and rubio["id"] in ("p1", "p9")
        assert "one row per spelling" in c.get("/actors?merged=1").text


# -- the command ---------------------------------------------------------------------------------------------------

def test_the_cli_works_without_the_serve_extra(tmp_path):
    """With FastAPI/uvicorn/Jinja2 unimportable, every other command works and `serve` says what to install."""
    import subprocess
    import sys

    Store(tmp_path / "x.db").close()
    code = ("import sys\n"
            "for m in ('fastapi', 'uvicorn', 'jinja2', 'starlette'): sys.modules[m] = None\n"
            "from onrecord.cli import main\n"
            "main()\n")
    run = lambda *args: subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,  # noqa: E731
                                       timeout=60)
    r = run("articles", "--db", str(tmp_path / "x.db"), "--format", "json")
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stderr
    r = run("serve", "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2 and 'pip install -e ".[serve]"' in r.stderr and "Traceback" not in r.stderr


def test_serve_command_is_registered_and_checks_its_options(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from onrecord.cli import main

    runner = CliRunner()
    assert "serve" in runner.invoke(main, ["--help"]).output
    assert "--token-file" in runner.invoke(main, ["serve", "--help"]).output
    r = runner.invoke(main, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "no database" in r.output
    short = tmp_path / "short.token"
    short.write_text("abc\n")
    Store(tmp_path / "x.db").close()
    r = runner.invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--token-file", str(short)])
    assert r.exit_code == 2 and "at least 16" in r.output
    monkeypatch.setenv("ONRECORD_TOKEN", "has spaces in it but is long")
    r = runner.invoke(main, ["serve", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "ONRECORD_TOKEN" in r.output


def test_every_link_on_every_page_resolves(client):
    """Crawl from the overview: each internal link (hostile ids and names included) answers 200."""
    from urllib.parse import urldefrag, urljoin

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs: list[str] = []

        def handle_starttag(self, tag, attrs):
            for k, v in attrs:
                if k in ("href", "src") and v:
                    self.hrefs.append(v)

    seen, todo, pages = set(), ["/overview"], 0
    while todo and pages < 400:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        pages += 1
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        if not r.headers["content-type"].startswith("text/html"):
            continue
        p = Links()
        p.feed(r.text)
        for href in p.hrefs:
            target = urldefrag(urljoin(url, href))[0]
            if target.startswith("/") and target not in seen:
                todo.append(target)
    assert pages > 30


def test_reads_while_another_process_writes(tmp_path):
    """WAL: pages keep answering, and follow the new data, while a writer adds articles."""
    import threading

    path = tmp_path / "busy.db"
    with Store(path) as s:
        s.add(data.ordinary())
    errors: list[str] = []

    def write():
        try:
            with Store(path) as w:
                for a in data.filler(30):
                    w.add(a)
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(err))

    with TestClient(create_app(path)) as c:
        writer = threading.Thread(target=write)
        writer.start()
        while writer.is_alive():
            for url in ("/overview.json", "/articles.json?limit=5", "/search.json?q=deal", "/actors/p1.json"):
                r = c.get(url)
                assert r.status_code == 200, (url, r.text[:200])
        writer.join()
        assert not errors
        assert c.get("/overview.json").json()["counts"]["articles"] == 31
        assert c.get("/actors/p1.json").json()["actor"]["articles"] == 31


def test_serve_takes_a_postgresql_url(pg_store_url, monkeypatch):
    """`onrecord serve --db postgresql://…` serves that database (the URL reaches the store intact)."""
    from click.testing import CliRunner

    import uvicorn

    from onrecord.cli import main

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    missing = CliRunner().invoke(main, ["serve", "--db", pg_store_url])
    assert missing.exit_code == 1 and "no onrecord store" in missing.output  # an empty schema is refused
    with Store(pg_store_url) as s:
        s.add(data.ordinary())
    r = CliRunner().invoke(main, ["serve", "--db", pg_store_url, "--port", "0"])
    assert r.exit_code == 0, r.output
    with TestClient(served["app"], base_url="http://127.0.0.1") as c:  # loopback: only its names are answered
        assert c.get("/overview.json").json()["counts"]["articles"] == 1
