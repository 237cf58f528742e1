"""The search rows of an article (SQLite's FTS5 tables) are found by rowid, never by scanning the table.

FTS5 indexes a table by rowid and by its text only; a ``WHERE article_id = ?`` on an UNINDEXED column reads every
row.  Removing or replacing one article in a 100k-article store took 0.85 s that way.  Since migration 0015 each
article and statement row keeps the rowid of its search row.
"""

from __future__ import annotations

import dataclasses

from test_store import make_article

from onrecord.store import Store


def _search_statements(s: Store) -> list[tuple]:
    return sorted(tuple(r) for r in s.con.execute("SELECT article_id, statement_id, speaker FROM statements_fts"))


def _trace(s: Store, fn) -> list[str]:
    seen: list[str] = []
    s.con.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        s.con.set_trace_callback(None)
    return seen


def test_removing_an_article_deletes_its_search_rows_by_rowid(tmp_path):
    with Store(tmp_path / "s.db") as s:
        for k in range(3):
            s.add(make_article(f"a{k}"))
        seen = _trace(s, lambda: s.delete("a1"))
        fts = [q for q in seen if "_fts" in q]
        assert fts and all("rowid" in q for q in fts if q.startswith("DELETE")), fts
        assert not any("_fts WHERE article_id" in q for q in fts), fts
        assert {r[0] for r in s.con.execute("SELECT article_id FROM articles_fts")} == {"a0", "a2"}
        assert {r[0] for r in _search_statements(s)} == {"a0", "a2"}
        assert len(_search_statements(s)) == 6
        assert {h["article_id"] for h in s.statements(search="ceasefire")} == {"a0", "a2"}


def test_a_replaced_article_has_one_search_row_set_and_corrections_follow_it(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add(make_article("a0"))
        s.add(make_article("a1"))
        warned = dataclasses.replace(make_article("a0"), title="Talks, again")
        s.con.execute("INSERT INTO article_warnings(article_id, seq, code, layer, message) "
                      "VALUES ('a0', 0, 'x', 'events', 'redo')")
        assert not s.has("a0")
        assert s.add(warned) is True  # a warned article is redone: its rows replaced
        assert [tuple(r) for r in s.con.execute("SELECT article_id, title FROM articles_fts ORDER BY 1")] == [
            ("a0", "Talks, again"), ("a1", "Ceasefire talks")]
        assert len(_search_statements(s)) == 6
        seen = _trace(s, lambda: s.correct_speaker("a0", "s3", "p1"))
        assert not any("_fts" in q and "WHERE article_id" in q for q in seen), seen
        rows = _search_statements(s)
        assert ("a0", "s3", "Marco Rubio He") in rows and ("a1", "s3", "He") in rows


def test_migration_0015_links_the_search_rows_of_a_store_written_before_it(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        for k in range(3):
            s.add(make_article(f"a{k}"))
        s.delete("a0")  # the search rowids and the base rowids no longer line up
        s.add(make_article("a0"))
        linked = sorted(tuple(r) for r in s.con.execute(
            "SELECT article_id, id, fts_rowid FROM statements"))
        # what a store of schema 14 is
        s.con.execute("ALTER TABLE articles DROP COLUMN fts_rowid")
        s.con.execute("ALTER TABLE statements DROP COLUMN fts_rowid")
        for table in ("statement_speakers", "statement_days", "timeline_keys"):  # (nor those of 0016, 0017)
            s.con.execute(f"DROP TABLE {table}")  # noqa: S608 - fixed names
        s.con.execute("DELETE FROM migrations WHERE version >= 15")
        s.con.execute("PRAGMA user_version = 14")
    with Store(path) as s:
        assert s.migrations()[14]["name"] == "0015_search_rowids"
        assert sorted(tuple(r) for r in s.con.execute("SELECT article_id, id, fts_rowid FROM statements")) == linked
        assert s.con.execute("SELECT COUNT(*) FROM articles a JOIN articles_fts f ON f.rowid = a.fts_rowid "
                             "AND f.article_id = a.id").fetchone()[0] == 3
        s.delete("a2")
        assert {r[0] for r in _search_statements(s)} == {"a0", "a1"}


def test_a_row_without_a_search_rowid_is_still_removed_whole(tmp_path):
    # no such row should exist after 0015; if one does, its article's search rows must not be left behind
    with Store(tmp_path / "s.db") as s:
        s.add(make_article("a0"))
        s.add(make_article("a1"))
        s.con.execute("UPDATE statements SET fts_rowid = NULL WHERE article_id = 'a0' AND id = 's2'")
        s.correct_speaker("a0", "s2", "p1")
        assert ("a0", "s2", "Marco Rubio Hamas") in _search_statements(s)
        s.delete("a0")
        assert {r[0] for r in _search_statements(s)} == {"a1"}
        assert {r[0] for r in s.con.execute("SELECT article_id FROM articles_fts")} == {"a1"}

