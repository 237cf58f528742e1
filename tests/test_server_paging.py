"""The actor and topic pages cost their size, not the actor's or the topic's (issue 13): their events, stances and
evidence come a page at a time with a total and links to the next and previous pages, and the pages, read one after
another, list what the whole lists were before.  A speaker's statements are a range of ``statement_speakers``
(migration 0016).  Tests taking ``store_target`` run on SQLite and on PostgreSQL (``ONRECORD_TEST_POSTGRES``)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("fastapi", reason="the server tests need the serve extra (fastapi, jinja2)")
pytest.importorskip("jinja2")
from fastapi.testclient import TestClient  # noqa: E402

import _server_data as data  # noqa: E402
from onrecord.model import Article  # noqa: E402
from onrecord.server import create_app, views  # noqa: E402
from onrecord.store import Store  # noqa: E402

ATTR = data.ATTR_BREAK  # the hostile article's speaker's affiliation

N_P1, N_P9 = 7, 4  # articles where Marco Rubio is p1, and where the same name has another id (one cluster)


def _renamed(article: Article, old: str, new: str) -> Article:
    """The article with one actor id replaced everywhere it appears."""
    text = json.dumps(article.to_dict()).replace(json.dumps(old), json.dumps(new))
    return Article.from_dict(json.loads(text))


def _undated(article: Article) -> Article:
    d = article.to_dict()
    d["published"] = None
    for st in d["stances"]:
        st["date"] = None
    return Article.from_dict(d)


def _fill(target: str) -> None:
    with Store(target) as s:
        for i in range(N_P1):
            a = data.ordinary(f"a{i:02d}", published=f"2025-03-{(i * 5) % 28 + 1:02d}")
            s.add(_undated(a) if i == 3 else a)
        for i in range(N_P9):
            s.add(_renamed(data.ordinary(f"b{i:02d}", published=f"2025-03-{i * 3 + 2:02d}"), "p1", "p9"))
        s.consolidate(full=True)


def _walk(client: TestClient, url: str, key: str, next_key: str) -> tuple[list, list[dict]]:
    """Every row of one list of a page, following its next links (a .json URL's links stay .json); and the pages."""
    rows, pages = [], []
    while url:
        d = client.get(url).json()
        pages.append(d)
        rows += d[key]
        url = d[next_key]
    return rows, pages


@pytest.fixture
def filled(store_target):
    _fill(store_target)
    return store_target


def test_the_actor_pages_lists_read_page_after_page_are_what_the_page_listed_whole(filled):
    with Store(filled, create=False, readonly=True) as s:
        clusters = s.actor_clusters(actor_id="p1")
        assert len(clusters) == 1
        members = sorted({m["actor_id"] for m in clusters[0]["members_detail"]})
        assert members == ["p1", "p9"]
        # what the page listed before: each member's events in turn, and all their stances sorted in Python
        old_events = [(e["article_id"], e["id"], m) for m in members for e in s.events(actor_id=m, limit=None)]
        old_stances = sorted([r for m in members for r in s.stances(actor_id=m, limit=None)],
                             key=lambda r: (r["topic"], r["date"] or "9999", r["article_id"]))
    assert len(old_events) == N_P1 + N_P9 and len(old_stances) == N_P1 + N_P9
    with TestClient(create_app(filled)) as client:
        events, pages = _walk(client, "/actors/p1.json?limit=3", "events", "events_next")
        assert [(e["article_id"], e["id"], "p9" if e["article_id"].startswith("b") else "p1") for e in events] \
            == old_events
        assert all(e["as"] == "source" for e in events)
        assert len(pages) == 4 and {p["events_total"] for p in pages} == {N_P1 + N_P9}
        assert pages[0]["events_prev"] is None and "events_offset=0" not in pages[1]["events_prev"]
        assert pages[-1]["events_next"] is None and len(pages[-1]["events"]) == (N_P1 + N_P9) % 3
        stances, pages = _walk(client, "/actors/p1.json?limit=4", "stances", "stances_next")
        assert [(r["article_id"], r["id"]) for r in stances] == [(r["article_id"], r["id"]) for r in old_stances]
        assert stances[-1]["date"] is None  # the undated one last, as "9999" sorted it
        assert {p["stances_total"] for p in pages} == {N_P1 + N_P9}
        d = client.get("/actors/p1.json?limit=2&offset=1").json()  # statements keep their own offset
        assert len(d["statements"]["items"]) == 2 and d["statements"]["offset"] == 1
        assert d["events_offset"] == 0 and len(d["events"]) == 2
        html = client.get("/actors/p1?limit=3&events_offset=3").text
        assert "events 4–6 of 11" in html and "events_offset=6" in html and "<circle" in html
        # the chart covers every stance, not only the page's: its marks link to articles of both members
        assert 'href="/articles/b00#e-s1"' in html and 'href="/articles/a00#e-s1"' in html
        past = client.get("/actors/p1?events_offset=500").text
        assert "No events past row 11." in past


def test_the_topic_pages_evidence_is_paged_and_its_matrix_bounded(filled):
    with Store(filled, create=False, readonly=True) as s:
        old = [(r["article_id"], r["id"]) for r in s.stances(topic_name="ceasefire", limit=None)]
    assert len(old) == 2 * (N_P1 + N_P9)
    with TestClient(create_app(filled)) as client:
        rows, pages = _walk(client, "/topics/ceasefire.json?limit=5", "stances", "stances_next")
        assert [(r["article_id"], r["id"]) for r in rows] == old
        assert {p["stances_total"] for p in pages} == {len(old)} == {pages[0]["topic"]["stances"]}
        assert parse_qs(urlsplit(pages[0]["stances_next"]).query) == {"limit": ["5"], "offset": ["5"]}
        html = client.get("/topics/ceasefire").text
        # one matrix row per actor across articles (p1 and p9 clustered): 11 support stances, 5 links and a count
        assert 'class="rows matrix"' in html and "and 6 more" in html
        assert html.count('<div class="evidence">') == 5 + 5  # Rubio's 5 (and 6 more), Hamas's 5 (and 6 more)
        assert html.count("and 6 more") == 2


def test_a_stance_chart_keeps_the_mark_on_top_of_each_place():
    # a lane's stances of one date take 4 places side by side and the 5th is drawn over the 1st: only the last
    # drawn at each place is kept, so a chart of 3,000 stances does not draw 3,000 marks
    rows = [{"actor": "A", "topic": "t", "stance": s, "date": "2025-01-01", "article_id": f"a{i}",
             "evidence": [f"s{i}"], "evidence_kinds": ["statement"]}
            for i, s in enumerate(("support", "oppose", "support", "neutral", "conditional", "oppose"))]
    asked: list = []
    chart = views.stance_chart(rows, by="actor", evidence=asked.extend)
    assert [m["href"] for m in chart["marks"]] == [f"/articles/a{i}#e-s{i}" for i in (2, 3, 4, 5)]
    assert [r["article_id"] for r in asked] == ["a2", "a3", "a4", "a5"]  # evidence looked up for the kept only
    every = views.stance_chart(rows[:4], by="actor")
    assert [m["href"] for m in every["marks"]] == [f"/articles/a{i}#e-s{i}" for i in range(4)]
    assert {(m["x"], m["y"]) for m in chart["marks"]} == {(m["x"], m["y"]) for m in every["marks"]}


def test_migrations_0016_and_0017_fill_their_tables_from_a_store_written_before_them(store_target):
    with Store(store_target) as s:
        for i in range(3):
            s.add(data.ordinary(f"a{i}"))
        s.add(data.hostile())
        s.correct_speaker("a1", "s3", "p1")  # a correction before the migration: its statement is p1's now
        want = {m: [(r["article_id"], r["id"]) for r in s.statements(actor=m, limit=None)]
                for m in ("p1", "g1", "javascript:alert(5)")}
        rows = sorted(tuple(r) for r in s.con.execute("SELECT * FROM statement_speakers"))
        per_day = s.statements_per_day()
        assert {r["party"] for r in per_day} == {"United States", None, ATTR} and len(per_day) == 3
        s.con.execute("DROP TABLE statement_speakers")  # what a store of schema 15 is
        timeline = s.timeline(limit=None)
        s.con.execute("DROP TABLE statement_days")  # (and of 0017)
        s.con.execute("DROP TABLE timeline_keys")
        s.con.execute("DELETE FROM migrations WHERE version >= 16")
        if s.dialect.name == "sqlite":
            s.con.execute("PRAGMA user_version = 15")
    with Store(store_target) as s:
        assert [m["name"] for m in s.migrations()][15:] == ["0016_statement_speakers", "0017_statement_days"]
        assert s.statements_per_day() == per_day
        assert s.timeline(limit=None) == timeline and len(timeline) == 3 * 4 + 1 + 1
        assert sorted(tuple(r) for r in s.con.execute("SELECT * FROM statement_speakers")) == rows
        assert {m: [(r["article_id"], r["id"]) for r in s.statements(actor=m, limit=None)] for m in want} == want
        assert want["p1"] == [("a0", "s1"), ("a1", "s1"), ("a1", "s3"), ("a2", "s1")]
        s.delete("a1")  # and it leaves with its article
        assert s.con.execute("SELECT COUNT(*) FROM statement_speakers WHERE article_id = 'a1'").fetchone()[0] == 0


def test_a_speakers_statements_are_a_range_of_an_index(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add(data.ordinary("a1"))
        seen: list[str] = []
        s.con.set_trace_callback(seen.append)
        assert [r["id"] for r in s.statements(actor="p1", limit=5)] == ["s1"]
        s.con.set_trace_callback(None)
        sql = next(q for q in seen if "statement_speakers" in q)
        inner = sql[sql.index("SELECT ss."):sql.index("OFFSET") + len("OFFSET 0")]
        plan = " ".join(str(tuple(r)) for r in s.con.execute("EXPLAIN QUERY PLAN " + inner))
        assert "statement_speakers_actor" in plan and "TEMP B-TREE" not in plan, plan


def test_the_topic_charts_lanes_are_the_matrixs_actors(filled, monkeypatch):
    from onrecord.server import pages

    with TestClient(create_app(filled)) as client:
        both = client.get("/topics/ceasefire").text
        assert both.count('class="axis-label"') == 2  # Marco Rubio (one cluster of p1 and p9) and Hamas
    monkeypatch.setattr(pages, "MATRIX_ACTORS", 1)
    with TestClient(create_app(filled)) as client:
        html = client.get("/topics/ceasefire").text
        assert "The 1 actors with most stances on it, of 2." in html
        assert html.count('class="axis-label"') == 1  # a lane for the matrix's one actor, none for the other


def test_a_cached_pages_html_follows_the_database(store_target):
    # the topic page and the lists keep their rendered HTML per URL until the database changes
    with Store(store_target) as s:
        s.add(data.ordinary("a1"))
    with TestClient(create_app(store_target)) as client:
        first = client.get("/topics/ceasefire")
        assert first.text == client.get("/topics/ceasefire").text and "1 article<" in first.text
        assert first.headers["vary"] == "Accept" and first.headers["content-type"].startswith("text/html")
        assert client.get("/topics/ceasefire", headers={"Accept": "application/json"}).json()["topic"]["articles"] == 1
        assert client.get("/topics/ceasefire?offset=bad").status_code == 422  # checked before the cache is asked
        assert client.get("/topics/ceasefire?limt=5").status_code == 422
        with Store(store_target) as s:
            s.add(data.ordinary("a2", published="2025-01-16"))
        assert "2 articles<" in client.get("/topics/ceasefire").text
        assert "2025-01-16" in client.get("/topics/ceasefire").text


def test_an_actor_page_lists_its_twelve_commonest_names_and_counts_the_rest(tmp_path):
    # an id can carry many names across a year of articles (spellings, transliterations): the page lists the
    # twelve found in most articles, the JSON all of them
    path = tmp_path / "n.db"
    with Store(path) as s:
        for i in range(14):
            d = data.ordinary(f"n{i:02d}").to_dict()
            d["actors"][0]["name"] = "Marco Rubio" if i < 2 else f"Marco Rubio {i:02d}"
            s.add(Article.from_dict(d))
    with TestClient(create_app(path)) as client:
        names = client.get("/actors/p1.json").json()["actor"]["names"]
        assert len(names) == 13 and names[0] == {"name": "Marco Rubio", "kind": "person", "articles": 2}
        html = client.get("/actors/p1").text
        assert "and 1 more" in html and 'href="/actors/p1.json"' in html
        assert "Marco Rubio 02" in html and "Marco Rubio 13" not in html.split("<dt>names</dt>")[1].split("</dd>")[0]


def test_an_actor_page_lists_a_page_of_its_clusters_members_and_covers_them_all(filled, monkeypatch):
    from onrecord.server import pages

    monkeypatch.setattr(pages, "CLUSTER_MEMBERS", 3)
    with TestClient(create_app(filled)) as client:
        d = client.get("/actors/p9.json").json()
        assert d["cluster"]["members"] == N_P1 + N_P9 and len(d["cluster"]["members_detail"]) == 3
        assert d["actor_ids"] == ["p1", "p9"]  # the page covers every member, not only those listed
        assert d["statements"]["items"] and {s["speaker_actor"] for s in d["statements"]["items"]} <= {"p1", "p9"}
        assert "The first 3 of 11 members" in client.get("/actors/p9").text
        assert client.get("/actors/g1.json").json()["actor_ids"] == ["g1"]
