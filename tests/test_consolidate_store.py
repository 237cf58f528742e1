"""Consolidation stored and queried (Store.consolidate, overrides, cluster queries) and its CLI commands.

Tests taking ``db`` or ``store_target`` run on SQLite and on PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.errors import StoreError
from onrecord.model import Actor, Article, Speaker, Stance, Statement, Topic
from onrecord.store import Store


def _article(aid: str, site: str, published: str, names: list[tuple[str, str]], quotes: list[tuple[str, str]]):
    actors = tuple(Actor(id=f"x{i}", name=n, kind=k) for i, (n, k) in enumerate(names))
    by_name = {a.name: a.id for a in actors}
    statements = tuple(
        Statement(id=f"s{i}", kind="direct", content_text=q, content_spans=((0, len(q)),), cue=None,
                  speaker=Speaker(who, None, by_name.get(who), "name"), medium=None, sentence_span=(0, len(q)))
        for i, (who, q) in enumerate(quotes))
    return Article(id=aid, text=f"text of {aid}", site=site, published=published, actors=actors,
                   statements=statements)


ARTICLES = [
    _article("art1", "Meridian Wire", "2025-03-11",
             [("Volodymyr Zelenskiy", "person"), ("Dmitry Peskov", "person"), ("Russia", "country")],
             [("Dmitry Peskov", "“Let us not get ahead of events,”"),
              ("Volodymyr Zelenskiy", "“Ukraine is ready to accept this proposal,”")]),
    _article("art2", "ABN News", "2025-03-12",
             [("Zelensky", "person"), ("Peskov", "person"), ("Peter Johnson", "person")],
             [("Peskov", "“Let's not get ahead of events,”"),
              ("Peter Johnson", "“A ceasefire without guarantees is an invitation to the next war,”")]),
    _article("art3", "Capitol Courier", "2025-03-14",
             [("Volodymyr Zelenskyy", "person"), ("Eleanor Johnson", "person"), ("Russia", "country")],
             [("Eleanor Johnson", "“The Kremlin wants the benefits of a pause,”")]),
]


@pytest.fixture
def db(store_target):
    store = Store(store_target)
    store.add_many(ARTICLES)
    store.target = store_target  # for the CLI tests: --db takes the same file or URL
    yield store
    store.close()


def _snapshot(store: Store):
    return (store.actor_clusters(), store.quote_clusters(), store.stance_timeline())


def test_consolidate_stores_clusters_and_is_idempotent(db):
    summary = db.consolidate()
    assert summary["articles"] == 3 and summary["quotes_with_several_sources"] == 1
    first = _snapshot(db)
    db.consolidate()
    assert _snapshot(db) == first
    z = db.actor_clusters(name="zelensk")
    assert len(z) == 1 and z[0]["spellings"] == ["Volodymyr Zelenskiy", "Volodymyr Zelenskyy", "Zelensky"]
    assert z[0]["articles"] == 3 and z[0]["statements"] == 1
    assert {m["because"].split(" ")[0] for m in z[0]["members_detail"]} >= {"first", "surname"}
    johnsons = db.actor_clusters(name="johnson")
    assert len(johnsons) == 2
    q = db.quote_clusters(min_sources=2)
    assert len(q) == 1 and q[0]["speaker"] == "Dmitry Peskov" and q[0]["sources"] == 2
    assert [o["site"] for o in q[0]["outlets"]] == ["Meridian Wire", "ABN News"]
    assert db.quote_clusters(speaker="peskov", min_sources=2) == q
    assert db.quote_clusters(speaker="johnson", min_sources=2) == []
    merged = db.actor_clusters(merged_only=True)
    assert {r["name"] for r in merged} == {"Volodymyr Zelenskiy", "Dmitry Peskov", "Russia"} or \
        {r["name"] for r in merged} == {"Volodymyr Zelenskyy", "Dmitry Peskov", "Russia"}


def test_overrides_survive_reconsolidation_and_can_be_removed(db):
    db.consolidate()
    oid, new = db.add_override("forbid", "Zelensky", "Volodymyr Zelenskiy", note="test")
    assert new and db.add_override("forbid", "Volodymyr Zelenskiy", "Zelensky") == (oid, False)
    db.consolidate()
    db.consolidate()
    z = db.actor_clusters(name="zelensk")
    assert len(z) == 2
    # the opposite decision replaces it
    oid2, _ = db.add_override("force", "Zelensky", "Volodymyr Zelenskiy")
    assert [o["action"] for o in db.overrides()] == ["force"]
    assert db.delete_override(oid2) and not db.delete_override(oid2)
    db.consolidate()
    assert len(db.actor_clusters(name="zelensk")) == 1


@pytest.mark.parametrize("action,a,b,message", [
    ("merge", "A", "B", "override action"), ("force", "", "B", "non-empty"), ("force", "Zelensky", "zelensky", "different"),
])
def test_bad_overrides_are_refused_and_store_nothing(db, action, a, b, message):
    with pytest.raises(StoreError, match=message):
        db.add_override(action, a, b)
    assert db.overrides() == []


def test_a_failing_consolidation_keeps_the_previous_result(db, monkeypatch):
    db.consolidate()
    db.delete("art2")  # (its members go with it: the rest must stay as it was)
    before = _snapshot(db)
    import onrecord.consolidate as mod

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(mod, "cluster_nodes", boom)  # both the full and the incremental run cluster through it
    for full in (False, True):
        with pytest.raises(RuntimeError):
            db.consolidate(full=full)
        assert _snapshot(db) == before


def test_deleting_an_article_drops_its_members(db):
    db.consolidate()
    db.delete("art2")
    db.consolidate()
    z = db.actor_clusters(name="zelensk")
    assert z[0]["spellings"] == ["Volodymyr Zelenskiy", "Volodymyr Zelenskyy"]
    assert db.quote_clusters(min_sources=2) == []


def test_stance_points_are_stored_in_date_order_with_changes(db):
    topic = Topic("t1", "ceasefire", "a ceasefire")
    with_stances = [
        replace(ARTICLES[0], topics=(topic,), stances=(Stance("st1", "x0", "t1", "support"),)),
        replace(ARTICLES[1], topics=(topic,), stances=(Stance("st1", "x0", "t1", "conditional", date="2025-03-12"),)),
        ARTICLES[2],
    ]
    for art in with_stances[:2]:  # stored again, now with their stances
        db.delete(art.id)
        db.add(art)
    assert db.consolidate()["stance_points"] == 2
    rows = db.stance_timeline(actor="zelensky", topic="Ceasefire")
    assert [(r["date"], r["stance"], r["changed"], r["site"]) for r in rows] == [
        ("2025-03-11", "support", False, "Meridian Wire"), ("2025-03-12", "conditional", True, "ABN News")]
    assert db.stance_timeline(topic="sanctions") == []


# ------------------------------------------------------------------------------------------------ CLI

def run(*args):
    result = CliRunner().invoke(cli.main, list(args))
    return result


def test_cli_consolidate_actors_merged_merge_split_overrides(db):
    path = db.target
    r = run("actors", "--merged", "--db", path)
    assert r.exit_code == 0 and "no consolidation yet" in r.output
    r = run("consolidate", "--db", path)
    assert r.exit_code == 0, r.output
    assert "3 articles" in r.output and "1 with several sources" in r.output
    r = run("actors", "--merged", "--db", path, "--format", "json", "--name", "zelensk")
    rows = json.loads(r.output)
    assert len(rows) == 1 and len(rows[0]["spellings"]) == 3
    r = run("split", "Zelensky", "Volodymyr Zelenskyy", "--db", path, "--note", "checking")
    assert r.exit_code == 0 and "override #1: forbid" in r.output
    rows = json.loads(run("actors", "--merged", "--db", path, "--format", "json", "--name", "zelensk").output)
    assert len(rows) == 2
    r = run("merge", "Nobody Atall", "Zelensky", "--db", path)
    assert r.exit_code == 0 and "matches no stored actor" in r.output
    listed = json.loads(run("overrides", "--db", path, "--format", "json").output)
    assert [o["action"] for o in listed] == ["forbid", "force"]
    r = run("overrides", "--delete", "1", "--db", path)
    assert r.exit_code == 0 and "removed" in r.output
    rows = json.loads(run("actors", "--merged", "--db", path, "--format", "json", "--name", "zelensk").output)
    assert len(rows) == 1
    r = run("overrides", "--delete", "99", "--db", path)
    assert r.exit_code == 1 and "E300" in r.output
    r = run("quote-clusters", "--db", path, "--format", "json")
    assert [q["speaker"] for q in json.loads(r.output)] == ["Dmitry Peskov"]
    r = run("stance-timeline", "--db", path, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    db.add(replace(ARTICLES[0], id="art4", text="another text"))
    r = run("quote-clusters", "--db", path)
    assert "the clusters cover 3 of 4 stored articles" in r.output


def test_cli_consolidate_without_database_fails_cleanly(store_target):
    r = run("consolidate", "--db", store_target)  # a file not there yet, an empty schema
    assert r.exit_code == 1 and "E300" in r.output


def test_cli_ingest_then_consolidate(tmp_path, monkeypatch, store_target):
    import re
    from types import SimpleNamespace

    quote = re.compile(r'"([^"]+?),?" said ([A-Z]\w+(?: [A-Z]\w+)?)')

    class StandIn:  # one direct statement and one person per '"…," said Name' (no model)
        def pipe(self, texts, batch_size=16):
            return (self(t) for t in texts)

        def __call__(self, text):
            actors, statements = {}, []
            for i, m in enumerate(quote.finditer(text)):
                a = actors.setdefault(m.group(2), Actor(id=f"a{len(actors)}", name=m.group(2), kind="person"))
                statements.append(Statement(id=f"s{i}", kind="direct", content_text=m.group(1),
                                            content_spans=(m.span(1),), cue=None,
                                            speaker=Speaker(m.group(2), m.span(2), a.id, "name"), medium=None,
                                            sentence_span=m.span()))
            return SimpleNamespace(text=text, _=SimpleNamespace(onrecord_actors=tuple(actors.values()),
                                                                onrecord_statements=tuple(statements)))

    monkeypatch.setattr(cli, "get_nlp", lambda options: StandIn())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text('Talks\n\n"Let us not get ahead of events," said Dmitry Peskov.\n')
    (tmp_path / "in" / "two.txt").write_text('Kremlin\n\n"Let\'s not get ahead of events," said Peskov.\n')
    db = store_target
    r = run("ingest", str(tmp_path / "in"), "--db", db, "--consolidate")
    assert r.exit_code == 0, r.output
    assert "2 new" in r.output and "1 with several sources" in r.output
    rows = json.loads(run("actors", "--merged", "--db", db, "--format", "json").output)
    assert [(r["name"], r["spellings"]) for r in rows] == [("Dmitry Peskov", ["Dmitry Peskov", "Peskov"])]
    r = run("ingest", str(tmp_path / "in"), "--db", db, "--consolidate")  # nothing new: the same clusters
    assert "0 new, 2 already stored" in r.output
    assert json.loads(run("actors", "--merged", "--db", db, "--format", "json").output) == rows
