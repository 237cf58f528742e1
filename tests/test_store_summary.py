"""The actor summaries (migration 0013, store/summary.py) say what grouping every row said, whatever was added,
replaced, deleted or corrected: ``actors``, ``actor`` and ``events(actor_id=…)`` are checked against the GROUP BY
queries they replaced, and the maintained tables against a fresh backfill, after random sequences of writes.

Tests taking ``db`` or ``store_target`` run on SQLite and on PostgreSQL (``ONRECORD_TEST_POSTGRES``)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.model import Actor, Article, Event, EventTime, LayerWarning, Speaker, Statement, TextSpan
from onrecord.store import Store, summary

TEXT = "Ann Lee met Bo Ray in Oslo. The UN said the talks went well, and she agreed. He did not."
IDS = ("p1", "p2", "g1", "c1")
NAMES = (("Ann Lee", "person"), ("Lee", "person"), ("Bo Ray", "person"), ("UN", "organisation"),
         ("UN", "group"), ("Ånn Lée", "person"))
TABLES = {"actor_names": "name, kind, fname, articles, statements",
          "actor_name_facets": "name, kind, facet, value, n",
          "actor_ids": "id, articles, statements",
          "actor_id_facets": "id, facet, value, kind, n",
          "event_parties": "article_id, event_id, actor_id, ingested_at, seq",
          "statement_speakers": "article_id, statement_id, actor_id, ingested_at, seq",  # (0015)
          "statement_days": "day, known, party, n",  # (0016)
          "timeline_keys": "article_id, what, id, seq, undated, date, pub_known, pub"}


# -- the queries the summaries replaced (reader.py before migration 0013), as the reference ----------------------

def ref_actors(s: Store, name: str | None = None, kind: str | None = None) -> list[dict]:
    cond, params = [], []
    if name:
        cond.append("instr(onrecord_fold(a.name), ?) > 0")
        params.append(s.dialect.fold(name))
    if kind:
        cond.append("a.kind = ?")
        params.append(kind)
    where = ("WHERE " + " AND ".join(cond)) if cond else ""
    sql = ("SELECT p.id, p.name, p.kind, p.articles, p.statements, "
           "(SELECT json_group_array(DISTINCT r.value) FROM actors a2, json_each(a2.roles_json) r "
           " WHERE a2.name = p.name AND a2.kind = p.kind) AS roles_json, "
           "(SELECT json_group_array(DISTINCT a3.affiliation) FROM actors a3 "
           " WHERE a3.name = p.name AND a3.kind = p.kind AND a3.affiliation IS NOT NULL) AS affiliations_json "
           "FROM (SELECT MIN(a.id) AS id, a.name, a.kind, COUNT(DISTINCT a.article_id) AS articles, "
           "COUNT(s.id) AS statements "
           "FROM actors a LEFT JOIN statements s ON s.article_id = a.article_id AND s.speaker_actor = a.id "
           f"{where} GROUP BY a.name, a.kind) p "
           # (the old query left (name, kind) ties in no order; the summary orders them by kind)
           "ORDER BY p.statements DESC, p.articles DESC, p.name, p.kind")
    out = []
    for r in s.con.execute(sql, params):
        d = dict(r)
        d["roles"] = sorted(json.loads(d.pop("roles_json")))
        d["affiliations"] = sorted(json.loads(d.pop("affiliations_json")))
        out.append(d)
    return out


def ref_actor(s: Store, actor_id: str) -> dict | None:
    row = s.con.execute("SELECT COUNT(*) AS articles, (SELECT COUNT(*) FROM statements s WHERE s.speaker_actor = ?) "
                        "AS statements FROM actors WHERE id = ?", (actor_id, actor_id)).fetchone()
    if not row["articles"]:
        return None
    names = [dict(r) for r in s.con.execute(
        "SELECT name, kind, COUNT(*) AS articles FROM actors WHERE id = ? GROUP BY name, kind "
        "ORDER BY articles DESC, name, kind", (actor_id,))]
    roles = [r[0] for r in s.con.execute(
        "SELECT DISTINCT r.value FROM actors a, json_each(a.roles_json) r WHERE a.id = ? ORDER BY r.value",
        (actor_id,))]
    affiliations = [r[0] for r in s.con.execute(
        "SELECT DISTINCT affiliation FROM actors WHERE id = ? AND affiliation IS NOT NULL ORDER BY affiliation",
        (actor_id,))]
    start, end = s.dialect.json_int("m.value", 0), s.dialect.json_int("m.value", 1)
    spellings = [dict(r) for r in s.con.execute(
        f"SELECT substr(t.text, {start} + 1, {end} - {start}) AS spelling, COUNT(*) AS mentions "
        "FROM actors a JOIN articles t ON t.id = a.article_id, json_each(a.mentions_json) m "
        "WHERE a.id = ? GROUP BY spelling ORDER BY mentions DESC, spelling", (actor_id,))]
    return {"id": actor_id, "name": names[0]["name"], "kind": names[0]["kind"], "names": names,
            "spellings": spellings, "roles": roles, "affiliations": affiliations,
            "articles": row["articles"], "statements": row["statements"]}


def ref_event_keys(s: Store, actor_id: str) -> list[tuple]:
    return [tuple(r) for r in s.con.execute(
        "SELECT e.article_id, e.id FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.article_id IN (SELECT article_id FROM actors WHERE id = ?) "
        "AND (EXISTS (SELECT 1 FROM json_each(e.sources_json) p WHERE p.value = ?) "
        "OR EXISTS (SELECT 1 FROM json_each(e.targets_json) p WHERE p.value = ?)) "
        "ORDER BY a.ingested_at, a.id, e.seq", (actor_id,) * 3)]


def ref_statement_keys(s: Store, actor_id: str) -> list[tuple]:
    # statements(actor=…) before migration 0015: every statement of the speaker, sorted by its article's ingest
    return [tuple(r) for r in s.con.execute(
        "SELECT s.article_id, s.id FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE s.speaker_actor = ? ORDER BY a.ingested_at, a.id, s.seq", (actor_id,))]


def ref_statements_per_day(s: Store, since: str | None = None, until: str | None = None) -> list[dict]:
    # statements_per_day before migration 0016: a GROUP BY over every statement
    cond, params = ["substr(a.published, 1, 10) IS NOT NULL"], []
    if since:
        cond.append("substr(a.published, 1, 10) >= ?")
        params.append(since)
    if until:
        cond.append("substr(substr(a.published, 1, 10), 1, length(?)) <= ?")
        params += [until, until]
    party = "coalesce(x.affiliation, CASE WHEN x.kind = 'country' THEN x.name END)"
    return [dict(r) for r in s.con.execute(
        f"SELECT substr(a.published, 1, 10) AS day, {party} AS party, COUNT(*) AS statements "
        "FROM statements s JOIN articles a ON a.id = s.article_id "
        "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
        f"WHERE {' AND '.join(cond)} GROUP BY day, party ORDER BY day, statements DESC, party NULLS FIRST", params)]


def ref_timeline_keys(s: Store, since: str | None = None, until: str | None = None) -> list[tuple]:
    # timeline() before migration 0016: every event and statement sorted by date
    day = "substr(a.published, 1, 10)"
    ev_date = f"COALESCE(e.time_resolved, {day})"
    def bounds(expr):
        cond, params = [], []
        if since:
            cond.append(f"{expr} >= ?")
            params.append(since)
        if until:
            cond.append(f"substr({expr}, 1, length(?)) <= ?")
            params += [until, until]
        return ("WHERE " + " AND ".join(cond)) if cond else "", params
    (ew, ep), (sw, sp) = bounds(ev_date), bounds(day)
    return [tuple(r) for r in s.con.execute(
        f"SELECT what, article_id, id FROM (SELECT 'event' AS what, e.article_id, e.id, e.seq, {ev_date} AS date, "
        f"a.published AS article_published FROM events e JOIN articles a ON a.id = e.article_id {ew} "
        f"UNION ALL SELECT 'statement', s.article_id, s.id, s.seq, {day}, a.published "
        f"FROM statements s JOIN articles a ON a.id = s.article_id {sw}) r "
        "ORDER BY r.date IS NULL, r.date, r.article_published NULLS FIRST, r.article_id, r.what, r.seq", ep + sp)]


def summary_rows(s: Store) -> dict[str, list]:
    return {t: sorted(tuple(r) for r in s.con.execute(f"SELECT {cols} FROM {t}"))  # noqa: S608 - fixed names
            for t, cols in TABLES.items()}


def rebuilt(s: Store) -> dict[str, list]:
    """What the backfill of migration 0013 makes of the stored articles (in a transaction rolled back)."""
    s.con.execute("BEGIN")
    try:
        for t in TABLES:
            s.con.execute(f"DELETE FROM {t}")  # noqa: S608 - fixed names
        for sql in summary.backfill(s.dialect) + summary.speakers_backfill(s.dialect) + summary.days_backfill(s.dialect):
            s.con.execute(sql)
        return summary_rows(s)
    finally:
        s.con.execute("ROLLBACK")


def check(s: Store) -> None:
    assert summary_rows(s) == rebuilt(s)
    assert s.counts()["actors"] == s.con.execute("SELECT COUNT(DISTINCT id) FROM actors").fetchone()[0]
    assert s.actors(limit=None) == ref_actors(s)
    for name, kind in (("lee", None), ("un", "group"), ("LÉE", None), (None, "person")):
        assert s.actors(name=name, kind=kind) == ref_actors(s, name, kind)
    for since, until in ((None, None), ("2025-02-01", None), (None, "2025-01"), ("2025-01-31", "2025-02-01")):
        assert s.statements_per_day(since=since, until=until) == ref_statements_per_day(s, since, until)
        keys = ref_timeline_keys(s, since, until)
        assert [(r["what"], r["article_id"], r["id"]) for r in s.timeline(since=since, until=until, limit=None)] == keys
        assert [(r["what"], r["article_id"], r["id"]) for r in s.timeline(since=since, until=until, limit=2,
                                                                          offset=1)] == keys[1:3]
    for actor_id in (*IDS, "zz"):
        assert s.actor(actor_id) == ref_actor(s, actor_id)
        assert [(e["article_id"], e["id"]) for e in s.events(actor_id=actor_id, limit=None)] == \
            ref_event_keys(s, actor_id)
        assert s.event_count(actor_id=actor_id) == len(ref_event_keys(s, actor_id))
        keys = ref_statement_keys(s, actor_id)
        assert [(r["article_id"], r["id"]) for r in s.statements(actor=actor_id, limit=None)] == keys
        assert [(r["article_id"], r["id"]) for r in s.statements(actor=actor_id, limit=2, offset=1)] == keys[1:3]


# -- random articles and writes ----------------------------------------------------------------------------------

def _span(needle: str) -> tuple[int, int]:
    i = TEXT.index(needle)
    return (i, i + len(needle))


MENTIONS = [_span(w) for w in ("Ann Lee", "Bo Ray", "UN", "she", "He", "Oslo")]

actor_st = st.tuples(st.sampled_from(NAMES), st.lists(st.sampled_from(("envoy", "chief", "spokesman")), max_size=2),
                     st.sampled_from((None, "UN", "Norway")),
                     st.lists(st.sampled_from(MENTIONS), min_size=1, max_size=3))


@st.composite
def articles(draw, article_id: str) -> Article:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
    actors = []
    for i in ids:
        (name, kind), roles, aff, mentions = draw(actor_st)
        actors.append(Actor(id=i, name=name, kind=kind, roles=tuple(roles), affiliation=aff,
                            mentions=tuple(mentions)))
    speakers = st.sampled_from((*ids, None, "zz"))  # zz: a speaker id that is no actor of the article
    statements = tuple(
        Statement(id=f"s{k}", kind="indirect", content_text="the talks went well",
                  content_spans=(_span("the talks went well"),), cue=TextSpan("said", _span("said")),
                  speaker=Speaker("The UN", _span("The UN"), who, "name" if who else "unresolved"), medium=None,
                  sentence_span=(0, 10))
        for k, who in enumerate(draw(st.lists(speakers, max_size=3))))
    events = tuple(
        Event(id=f"e{k}", type="CONSULT", trigger=TextSpan("met", _span("met")), sentence_span=(0, 27),
              sources=tuple(src), targets=tuple(tgt),
              time=EventTime("Monday", _span("met"), when) if when else None)
        for k, (src, tgt, when) in enumerate(draw(st.lists(st.tuples(
            st.lists(speakers.filter(bool), max_size=2), st.lists(speakers.filter(bool), max_size=2),
            st.sampled_from((None, "2025-01-30", "2025-02-01"))), max_size=3))))
    warned = draw(st.booleans())  # a stored article with warnings is replaced by the next add of its id
    published = draw(st.sampled_from(("2025-02-01", "2025-02-01T09:30:00+00:00", "2025-01-31", None)))
    return Article(id=article_id, text=TEXT, title="Talks", published=published, site="example.org",
                   actors=tuple(actors), statements=statements, events=events,
                   warnings=(LayerWarning("W100", "quotes", "cut short"),) if warned else ())


@st.composite
def operations(draw) -> list[tuple]:
    ops = []
    for _ in range(draw(st.integers(1, 10))):
        aid = draw(st.sampled_from(("a0", "a1", "a2")))
        what = draw(st.sampled_from(("add", "add", "add", "delete", "correct")))
        if what == "add":
            ops.append(("add", draw(articles(aid))))
        elif what == "delete":
            ops.append(("delete", aid))
        else:
            ops.append(("correct", aid, draw(st.sampled_from(("s0", "s1"))), draw(st.sampled_from((*IDS, None)))))
    return ops


def apply(s: Store, ops: list[tuple]) -> None:
    for op in ops:
        if op[0] == "add":
            s.add(op[1])
        elif op[0] == "delete":
            s.delete(op[1])
        else:
            _, aid, sid, who = op
            stored = s.get(aid)
            if stored is None or sid not in {x.id for x in stored.statements}:
                continue
            if who is not None and stored.actor(who) is None:
                who = None
            s.correct_speaker(aid, sid, who)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations())
def test_the_summaries_are_what_grouping_every_row_says_after_any_writes(ops):
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as s:
        apply(s, ops)
        check(s)


# A fixed sequence for both databases: adds, a replacement that changes names and speakers, corrections (one
# undone by a replacement that keeps it), deletions down to an empty store.
def _fixed(article_id: str, names: tuple, speakers: tuple, warned: bool) -> Article:
    actors = tuple(Actor(id=i, name=n, kind=k, roles=("envoy",) if i == "p1" else (),
                         affiliation="UN" if k == "person" else None, mentions=(MENTIONS[j % 6], MENTIONS[3]))
                   for j, (i, (n, k)) in enumerate(zip(IDS, names)))
    return Article(id=article_id, text=TEXT, title="Talks", published="2025-02-01", site="example.org",
                   actors=actors,
                   statements=tuple(Statement(id=f"s{k}", kind="direct", content_text="well",
                                              content_spans=((0, 4),), cue=None,
                                              speaker=Speaker("she", _span("she"), who, "name"), medium=None,
                                              sentence_span=(0, 10)) for k, who in enumerate(speakers)),
                   events=(Event(id="e0", type="CONSULT", trigger=TextSpan("met", _span("met")), sentence_span=(0, 27),
                                 sources=("p1",), targets=("p2", "p1")),),
                   warnings=(LayerWarning("W100", "quotes", "cut short"),) if warned else ())


def test_the_summaries_follow_adds_replacements_corrections_and_deletions(store_target):
    with Store(store_target) as s:
        check(s)
        s.add(_fixed("a0", NAMES[:3], ("p1", "p1", "p2"), warned=True))
        s.add(_fixed("a1", NAMES[2:5], ("p1", None), warned=False))
        check(s)
        assert s.actors(limit=1)[0]["name"] == "Ann Lee"
        s.correct_speaker("a0", "s0", "p2")
        check(s)
        s.add(_fixed("a0", NAMES[3:], ("p2", "g1"), warned=False))  # replaces the warned a0
        check(s)
        assert "Ann Lee" not in {a["name"] for a in s.actors(limit=None)}  # the replaced rows left the summary
        s.correct_speaker("a1", "s1", "g1")
        check(s)
        s.delete("a0")
        check(s)
        s.delete("a1")
        check(s)
        assert all(rows == [] for rows in summary_rows(s).values())


def test_migration_0013_fills_the_summaries_from_a_store_written_before_it(store_target):
    with Store(store_target) as s:
        s.add(_fixed("a0", NAMES[:3], ("p1", "p1", "p2"), warned=False))
        s.add(_fixed("a1", NAMES[2:5], ("p1", "zz"), warned=False))
        s.correct_speaker("a1", "s0", "g1")
        expected = summary_rows(s)
        # what a store of schema 12 is: none of the tables or indexes of 0013
        for t in TABLES:
            s.con.execute(f"DROP TABLE {t}")  # noqa: S608 - fixed names
        for i in ("stances_actor", "actor_cluster_members_actor", "articles_ingested"):
            s.con.execute(f"DROP INDEX {i}")
        # ... nor those of 0014, which came after it
        s.con.execute("ALTER TABLE quote_passages DROP COLUMN words")
        s.con.execute("DROP TABLE quote_bigram_df")
        s.con.execute("CREATE TABLE quote_common_bigrams (h BIGINT PRIMARY KEY)")
        s.con.execute("DROP INDEX actor_nodes_block_order")
        # ... nor the columns of 0015
        s.con.execute("ALTER TABLE articles DROP COLUMN fts_rowid")
        s.con.execute("ALTER TABLE statements DROP COLUMN fts_rowid")
        s.con.execute("DELETE FROM migrations WHERE version >= 13")
        if s.dialect.name == "sqlite":
            s.con.execute("PRAGMA user_version = 12")
    with Store(store_target) as s:
        assert [m["name"] for m in s.migrations()][12:] == ["0013_actor_summary", "0014_consolidation_signatures",
                                                            "0015_search_rowids", "0016_statement_speakers",
                                                            "0017_statement_days"]
        assert summary_rows(s) == expected
        check(s)


def test_an_actors_events_name_the_pages_actors_once_not_once_per_row(tmp_path):
    # events() looked up the actor names of every article of the page once for each row: 200 rows over 200
    # articles were 40,000 queries (12 s on a 58,605-article store)
    with Store(tmp_path / "s.db") as s:
        for k in range(30):
            s.add(_fixed(f"a{k:02d}", NAMES[:3], ("p1",), warned=False))
        seen: list[str] = []
        s.con.set_trace_callback(seen.append)
        rows = s.events(actor_id="p1", limit=None)
        s.con.set_trace_callback(None)
        assert len(rows) == 30
        assert len(seen) <= 30 + 5, len(seen)


def test_the_actor_list_is_read_from_the_summary_not_from_every_actor_row(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add(_fixed("a0", NAMES[:3], ("p1",), warned=False))
        plan = " ".join(str(tuple(r)) for r in s.con.execute(
            "EXPLAIN QUERY PLAN SELECT p.name FROM actor_names p ORDER BY p.statements DESC, p.articles DESC, "
            "p.name, p.kind LIMIT 20"))
        assert "actor_names_rank" in plan and "TEMP B-TREE" not in plan
        seen: list[str] = []
        s.con.set_trace_callback(seen.append)
        s.actors(limit=20)
        s.con.set_trace_callback(None)
        assert not any("FROM actors" in q for q in seen), seen


@pytest.mark.parametrize("sign", [1, -1])
def test_the_summary_sql_binds_one_article(sign):
    # every per-article statement filters on the bound article id, the backfill on none
    from onrecord.store.sqlite import SQLiteDialect

    for sql, binds in summary._counts(SQLiteDialect(), sign, "= ?"):
        assert sql.count("?") == binds
    assert all("?" not in sql for sql in summary.backfill(SQLiteDialect()))


def _stanced(article_id: str) -> Article:
    from onrecord.model import Stance, Topic

    base = _fixed(article_id, NAMES[:3], ("p1",), warned=False)
    topic = Topic(id="t1", name="talks", label="the talks", aliases=("talks",), mentions=(_span("the talks"),))
    stances = (Stance(id="st0", actor="p1", topic="t1", stance="support", evidence=("s0",)),
               # an event's sentence, twice (shown once), and an id that names nothing
               Stance(id="st1", actor="p2", topic="t1", stance="oppose", evidence=("e0", "e0", "nope")),
               # narration: spans only
               Stance(id="st2", actor="g1", topic="t1", stance="support", spans=(_span("went well"),)))
    from dataclasses import replace

    return replace(base, topics=(topic,), stances=stances)


def test_a_pages_stance_evidence_is_read_in_a_few_queries_with_the_same_texts(store_target):
    # one query per evidence id (and the article's whole text on every row): 8,600 queries for a topic page of
    # 1,960 stances on a 58,605-article store
    with Store(store_target) as s:
        for k in range(20):
            s.add(_stanced(f"a{k:02d}"))
        rows = s.stances(topic_name="talks", limit=None)
        assert len(rows) == 60
        by_id = {r["id"]: r for r in rows if r["article_id"] == "a00"}
        assert by_id["st0"]["evidence_text"] == ["well"] and by_id["st0"]["evidence_kinds"] == ["statement"]
        assert by_id["st1"]["evidence_text"] == [TEXT[0:27]]
        assert by_id["st1"]["evidence_kinds"] == ["event", "event", None]
        assert by_id["st2"]["evidence_text"] == ["went well"] and by_id["st2"]["evidence_kinds"] == []
        if s.dialect.name != "sqlite":
            return
        seen: list[str] = []
        s.con.set_trace_callback(seen.append)
        s.stances(topic_name="talks", limit=None)
        s.con.set_trace_callback(None)
        # the page's query, two for the evidence ids, one text per article that needs a snippet cut from it
        assert len(seen) <= 3 + 20, len(seen)


def test_parallel_writers_on_postgresql_share_summary_rows_without_losing_a_count(pg_store_url):
    # PostgreSQL writes different articles in parallel: writers whose articles share actors update the same
    # summary rows (in key order, so they queue on the row locks rather than deadlock); every count must survive
    import threading

    with Store(pg_store_url):
        pass  # migrated once, before the writers start
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            with Store(pg_store_url) as s:
                names = NAMES[:4] if k % 2 else tuple(reversed(NAMES[:4]))
                for j in range(6):
                    s.add(_fixed(f"w{k}-{j}", names, ("p1", "g1", "p2"), warned=False))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(pg_store_url) as s:
        assert s.count() == 24
        check(s)
        assert sum(a["articles"] for a in s.actors(limit=None) if a["name"] == "Bo Ray") == 24


def test_a_clusters_statements_start_from_its_members_not_from_every_statement(store_target):
    # statements(cluster=…) (the actor page of a consolidated store) checked an EXISTS for every statement of the
    # archive in ingest order; now the cluster's members are looked up first (an index)
    with Store(store_target) as s:
        for k in range(6):
            s.add(_fixed(f"a{k}", NAMES[:3] if k % 2 else NAMES[1:4], ("p1", "p2", "g1"), warned=False))
        s.consolidate(full=True)
        old = ("EXISTS (SELECT 1 FROM actor_cluster_members m WHERE m.cluster_id = ? "
               "AND m.article_id = s.article_id AND m.actor_id = s.speaker_actor)")
        for c in s.actor_clusters():
            expected = [tuple(r) for r in s.con.execute(
                f"SELECT s.article_id, s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE {old} "
                "ORDER BY a.ingested_at, a.id, s.seq", (c["id"],))]
            assert [(r["article_id"], r["id"]) for r in s.statements(cluster=c["id"], limit=None)] == expected
        if s.dialect.name == "sqlite":
            seen: list[str] = []
            s.con.set_trace_callback(seen.append)
            s.statements(cluster="any", limit=5)
            s.con.set_trace_callback(None)
            plan = " ".join(str(tuple(r)) for r in s.con.execute("EXPLAIN QUERY PLAN " + seen[0].replace(
                "'any'", "?").replace("LIMIT 5 OFFSET 0", "LIMIT 5"), ("any",)))
            assert "SCAN s" not in plan, plan


def test_a_speaker_that_is_no_actor_of_the_article_leaves_the_summary_when_corrected_away(tmp_path):
    # the zero row of the old speaker stayed: the clean-up looked only at the article's actors and present speakers
    with Store(tmp_path / "s.db") as s:
        s.add(_fixed("a0", NAMES[:3], ("zz",), warned=False))
        assert "zz" in {r[0] for r in s.con.execute("SELECT id FROM actor_ids")}
        s.correct_speaker("a0", "s0", "p1")
        assert "zz" not in {r[0] for r in s.con.execute("SELECT id FROM actor_ids")}
        assert summary_rows(s) == rebuilt(s)
