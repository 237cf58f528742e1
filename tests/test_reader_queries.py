"""The store queries the web reader added (shared with the CLI): filters by party, outlet and date, one actor
across articles, counts, statements per day and party, speaker corrections that keep what they replace.

Every test runs on SQLite and on PostgreSQL (``store_target``, see tests/conftest.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import _server_data as data
from onrecord.cli import main
from onrecord.errors import StoreError
from onrecord.store import Store


@pytest.fixture
def db(store_target):
    with Store(store_target) as s:
        for a in [data.ordinary(), *data.filler(4)]:
            s.add(a)
        s.target = store_target  # what --db and a second connection name
        yield s


def test_statement_filters(db):
    assert {r["speaker_party"] for r in db.statements(affiliation="UNITED")} == {"United States"}
    assert {r["site"] for r in db.statements(site="news.")} == {"news.example"}
    rows = db.statements(since="2025-02-02", until="2025-02-03")
    assert {r["published"] for r in rows} == {"2025-02-02", "2025-02-03"}
    assert {r["id"] for r in db.statements(actor="g1")} == {"s2"}
    assert db.statements(affiliation="%") == [] and db.statements(site="_") == []  # not LIKE wildcards


def test_pages_cut_after_ordering(db):
    everything = db.statements(limit=None)
    pages = [db.statements(limit=4, offset=o) for o in range(0, len(everything), 4)]
    assert [r["id"] for p in pages for r in p] == [r["id"] for r in everything]
    found = db.statements(search="deal", limit=None)
    assert [r["article_id"] for r in db.statements(search="deal", limit=2, offset=2)] == \
        [r["article_id"] for r in found[2:4]]
    arts = db.articles(limit=None)
    assert [a["id"] for a in db.articles(limit=2, offset=1)] == [a["id"] for a in arts[1:3]]
    assert [a["id"] for a in db.articles(site="news", until="2025-02-02")] == ["f01"]


def test_actor_counts_and_statements_per_day(db):
    a = db.actor("p1")
    assert a["name"] == "Marco Rubio" and a["articles"] == 5 and a["statements"] == 5
    assert {s["spelling"]: s["mentions"] for s in a["spellings"]} == {"Marco Rubio": 5, "He": 5}
    assert db.actor("nobody") is None
    assert db.counts() == {"articles": 5, "statements": 15, "events": 5, "actors": 2, "corrections": 0}
    per_day = db.statements_per_day()
    assert {(r["day"], r["party"]): r["statements"] for r in per_day if r["day"] == "2025-01-15"} == \
        {("2025-01-15", "United States"): 1, ("2025-01-15", None): 2}
    assert all(r["day"] >= "2025-02-02" for r in db.statements_per_day(since="2025-02-02"))


def test_correct_speaker_is_atomic_and_kept(db):
    c = db.correct_speaker("a1", "s3", "p1", note="he = Rubio")
    assert c["old"]["resolution"] == "unresolved" and c["new"] == {"actor": "p1", "name": "Marco Rubio",
                                                                   "resolution": "corrected"}
    st = db.get("a1").statements[2]
    assert st.speaker.actor == "p1" and st.speaker.resolution == "corrected" and st.speaker.text == "He"
    assert [r["id"] for r in db.statements(search="Rubio", article_id="a1")] == ["s1", "s3"]
    with pytest.raises(StoreError):
        db.correct_speaker("a1", "s3", "no-such-actor")
    with pytest.raises(StoreError):
        db.correct_speaker("a1", "nope", "p1")
    assert len(db.corrections()) == 1 and db.counts()["corrections"] == 1
    db.delete("a1")
    assert db.corrections() == []  # they go with their article


def test_cli_filters_share_the_queries(db):
    runner = CliRunner()
    r = runner.invoke(main, ["quotes", "--db", db.target, "--affiliation", "united", "--outlet", "news.example",
                             "--since", "2025-02-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [(x["article_id"], x["published"]) for x in json.loads(r.output)] == [("f01", "2025-02-02"),
                                                                               ("f03", "2025-02-04")]
    r = runner.invoke(main, ["articles", "--db", db.target, "--until", "2025-02-01", "--format", "json"])
    assert {x["id"] for x in json.loads(r.output)} == {"a1", "f00"}
    r = runner.invoke(main, ["articles", "--db", db.target, "--since", "2025-02-31"])
    assert r.exit_code == 2 and "--since" in r.output


def test_fingerprint_follows_writes_from_any_connection(db):
    first = db.fingerprint()
    assert db.fingerprint() == first
    with Store(db.target, create=False) as other:
        other.add(data.ordinary("z9"))
    second = db.fingerprint()
    assert second != first
    db.correct_speaker("z9", "s3", "p1")  # a write on this connection itself
    assert db.fingerprint() != second


def test_a_search_by_words_alone_ranks_the_newest_matches(tmp_path, monkeypatch):
    # SQLite: words alone rank the SEARCH_WINDOW most recently stored matches (bm25), so a common word's search
    # costs the window, not the archive; any other filter ranks every match
    from onrecord.store import reader

    monkeypatch.setattr(reader, "SEARCH_WINDOW", 3)
    with Store(tmp_path / "w.db") as s:
        for i in range(5):
            s.add(data.ordinary(f"w{i}", published=f"2025-01-{10 + i}"))
        newest = ["w2", "w3", "w4"]
        assert sorted(r["article_id"] for r in s.statements(search="deal", limit=None)) == newest
        assert sorted(a["id"] for a in s.articles(search="deal", limit=None)) == newest
        pages = [s.statements(search="deal", limit=1, offset=o) for o in range(4)]
        assert [r["article_id"] for p in pages for r in p] == [r["article_id"] for r in
                                                               s.statements(search="deal", limit=None)]
        assert pages[3] == []  # paging stops at the window
        # with a filter, every match is ranked
        assert len(s.statements(search="deal", site="example", limit=None)) == 5
        assert len(s.articles(search="deal", site="example", limit=None)) == 5
        monkeypatch.setattr(reader, "SEARCH_WINDOW", 500)
        assert len(s.statements(search="deal", limit=None)) == 5
