"""Store defects and faults (issues 10 and 14): one meaning of a date bound, articles stored with layer warnings
redone, a full disk and a read-only folder as coded errors, and the small guards (fingerprint, the PostgreSQL
migration check, one greedy matcher).

Tests taking ``db`` run on SQLite and on PostgreSQL (``ONRECORD_TEST_POSTGRES``; skipped when unset).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace

import pytest
from click.testing import CliRunner

from onrecord import consolidate as consolidate_mod
from onrecord.errors import StorageFullError, StoreAccessError, StoreError, StoreIntegrityError
from onrecord.evaluate import record as record_eval
from onrecord.evaluate.statements import greedy, match
from onrecord.model import Article, LayerWarning, Stance, Topic
from onrecord.store import Store, sql
from onrecord.store.postgres import _variants
from onrecord.store.schema import MIGRATIONS

from test_store import make_article

WARNED = (LayerWarning("W100", "quotes", "the quotes component failed: RuntimeError('boom')"),)


def dated_article(article_id: str = "a1", published: str = "2025-03-14") -> Article:
    art = make_article(article_id)
    topic = Topic(id="t1", name="ceasefire", label="the ceasefire", mentions=((0, 5),))
    stance = Stance(id="st1", actor="p1", topic="t1", stance="support", evidence=("s1",), spans=(), date=None,
                    because="test")
    return replace(art, published=published, topics=(topic,), stances=(stance,))


@pytest.fixture
def db(store_target):
    with Store(store_target) as s:
        yield s


# -- defect 3: "until" means one thing -------------------------------------------------------------------------

@pytest.mark.parametrize("until, kept", [("2025-03", 1), ("2025", 1), ("2025-03-14", 1), ("2025-03-13", 0),
                                         ("2025-02", 0), ("2024", 0)])
def test_until_is_prefix_inclusive_in_every_query(db, until, kept):
    db.add(dated_article())
    counts = {
        "statements": len(db.statements(until=until)) and 1,
        "articles": len(db.articles(until=until)),
        "statements_per_day": len(db.statements_per_day(until=until)) and 1,
        "stances": len(db.stances(until=until)),
        "timeline": len(db.timeline(until=until)) and 1,
    }
    assert counts == dict.fromkeys(counts, kept)


@pytest.mark.parametrize("since, kept", [("2025-03", 1), ("2025", 1), ("2025-03-14", 1), ("2025-03-15", 0),
                                         ("2025-04", 0)])
def test_since_starts_at_the_first_day_of_a_month_or_year(db, since, kept):
    db.add(dated_article())
    assert [len(db.statements(since=since)) and 1, len(db.articles(since=since)), len(db.stances(since=since)),
            len(db.timeline(since=since)) and 1] == [kept] * 4


def test_cli_takes_a_month_as_until_for_quotes_and_articles(tmp_path):
    from onrecord.cli import main

    path = tmp_path / "db.sqlite"
    with Store(path) as s:
        s.add(dated_article())
    runner = CliRunner()
    for command in ("quotes", "articles", "stances"):
        result = runner.invoke(main, [command, "--db", str(path), "--until", "2025-03", "--format", "json"])
        assert result.exit_code == 0, (command, result.output)
        assert '"a1"' in result.output, command
    bad = runner.invoke(main, ["quotes", "--db", str(path), "--until", "March"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


# -- warnings: an article stored with a missing layer is redone ----------------------------------------------------

def test_warnings_round_trip_and_the_article_is_not_taken_as_stored(db):
    warned = replace(make_article(), statements=(), warnings=WARNED)
    assert db.add(warned) is True
    assert db.get("a1") == warned and db.get("a1").warnings == WARNED
    assert db.has("a1") is False  # the next ingest redoes it
    assert db.count() == 1


def test_a_warned_article_is_replaced_whole_by_the_rerun(db):
    db.add(replace(make_article(), statements=(), warnings=WARNED))
    whole = make_article()
    assert db.add(whole) is True
    assert db.get("a1") == whole and db.has("a1")
    assert db.count() == 1
    for table, n in (("articles", 1), ("statements", 3), ("actors", 2), ("articles_fts", 1), ("statements_fts", 3),
                     ("article_warnings", 0)):
        assert db.con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == n, table
    assert db.add(whole) is False  # now stored whole: idempotent again
    assert len(db.statements(search="deal")) == 1  # search rows replaced, not duplicated


EVENTS_FAILED = (LayerWarning("W101", "events", "the events component failed: RuntimeError('boom')"),)


def test_a_hand_correction_survives_the_rerun_that_replaces_a_warned_article(db):
    # statements were stored (only the events layer failed); a person fixed one speaker; the rerun redoes the
    # article and must not undo that fix nor lose its history
    db.add(replace(make_article(), warnings=EVENTS_FAILED))
    fix = db.correct_speaker("a1", "s3", "p1", note="he = Rubio")
    assert db.add(make_article()) is True and db.has("a1")
    st = {s.id: s for s in db.get("a1").statements}["s3"]
    assert (st.speaker.actor, st.speaker.resolution) == ("p1", "corrected")
    assert [(c["id"], c["note"], c["new"]["actor"]) for c in db.corrections()] == [(fix["id"], "he = Rubio", "p1")]
    assert db.statements(search="Rubio", limit=None) and db.counts()["corrections"] == 1
    again = db.correct_speaker("a1", "s1", None)  # ids go on after the restored one
    assert again["id"] > fix["id"]


def test_a_correction_that_no_longer_fits_stays_in_the_history_unapplied(db, monkeypatch):
    from onrecord.store import corrections

    said = []
    monkeypatch.setattr(corrections.log, "warning", lambda msg, *args: said.append(msg % args))
    db.add(replace(make_article(), warnings=EVENTS_FAILED))
    db.correct_speaker("a1", "s3", "g1")
    redone = make_article()
    renamed = tuple(replace(a, name="Hamas movement") if a.id == "g1" else a for a in redone.actors)
    assert db.add(replace(redone, actors=renamed)) is True
    st = {s.id: s for s in db.get("a1").statements}["s3"]
    assert (st.speaker.actor, st.speaker.resolution) == (None, "unresolved")  # the extractor's, not a wrong fix
    assert len(db.corrections(article_id="a1")) == 1
    assert len(said) == 1 and "no longer fits" in said[0]


def test_a_whole_article_is_not_replaced_by_a_warned_one(db):
    db.add(make_article())
    assert db.add(replace(make_article(), statements=(), warnings=WARNED)) is False
    assert db.get("a1") == make_article()


def test_a_failed_replacement_keeps_the_warned_article(db, monkeypatch):
    from onrecord.store import rows

    warned = replace(make_article(), statements=(), warnings=WARNED)
    db.add(warned)

    def boom(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(rows, "statement_row", boom)
    with pytest.raises(RuntimeError):
        db.add(make_article())
    assert db.get("a1") == warned  # atomic: the old row is back, nothing half-replaced


def test_the_warnings_migration_is_named_and_migrations_are_numbered_in_order():
    names = [name for name, _ in MIGRATIONS]
    assert "0007_warnings" in names
    assert [int(n.split("_", 1)[0]) for n in names] == list(range(1, len(names) + 1))


# -- issue 14: full disk, read-only folder -------------------------------------------------------------------------

def _big_article(i: int) -> Article:
    return make_article(f"big{i}", text=make_article().text + " filler" * 20_000)


def test_a_full_disk_is_a_coded_error_and_nothing_is_half_stored(tmp_path):
    with Store(tmp_path / "db.sqlite") as s:
        s.add(make_article())
        pages = s.con.execute("PRAGMA page_count").fetchone()[0]
        s.con.execute(f"PRAGMA max_page_count = {pages + 8}")  # SQLite's own size limit: a tiny "disk"
        with pytest.raises(StorageFullError) as err:
            s.add(_big_article(1))
        assert err.value.code == "E301" and "full" in str(err.value)
        assert s.count() == 1 and not s.con.in_transaction
        assert s.con.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 1
        s.con.execute("PRAGMA max_page_count = 1073741823")
        assert s.add(_big_article(1)) is True  # the connection is usable again; the rerun completes
    with Store(tmp_path / "db.sqlite") as s:
        assert s.count() == 2


class _FullAtCommit:
    """A SQLite connection whose COMMIT fails as it does on a full disk: SQLite has already rolled back."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, statement, *args):
        if statement == "COMMIT":
            self._con.execute("ROLLBACK")
            err = sqlite3.OperationalError("database or disk is full")
            err.sqlite_errorcode = 13  # SQLITE_FULL
            raise err
        return self._con.execute(statement, *args)


def test_a_commit_on_a_full_disk_is_a_coded_error_not_a_rollback_traceback(tmp_path):
    with Store(tmp_path / "db.sqlite") as s:
        real = s.con
        s.con = _FullAtCommit(real)
        with pytest.raises(StorageFullError, match="database or disk is full"):
            s.add(make_article())
        s.con = real
        assert s.count() == 0 and not real.in_transaction
        assert s.add(make_article()) is True


_READ_ONLY_SCENARIO = """
import os, sys
from onrecord.errors import OnrecordError
from onrecord.store import Store
folder = os.path.join(sys.argv[1], "ro")
os.mkdir(folder)
with Store(os.path.join(folder, "db.sqlite")):
    pass
for name in ("db.sqlite-wal", "db.sqlite-shm"):
    if os.path.exists(os.path.join(folder, name)):
        os.unlink(os.path.join(folder, name))
os.chmod(folder, 0o555)
try:
    Store(os.path.join(folder, "db.sqlite"))
    print("opened")
except OnrecordError as err:
    print(type(err).__name__, err)
finally:
    os.chmod(folder, 0o755)
"""


def test_a_database_in_a_read_only_folder_says_so(tmp_path):
    import shutil
    import subprocess
    import sys

    import tempfile

    command = [sys.executable, "-c", _READ_ONLY_SCENARIO, str(tmp_path)]
    if os.geteuid() == 0:  # root writes anywhere: run the scenario as nobody, in a folder nobody can reach
        if shutil.which("setpriv") is None:
            pytest.skip("running as root and no setpriv to drop to another user")
        shared = tempfile.mkdtemp(prefix="onrecord-ro-")
        os.chmod(shared, 0o777)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                   _READ_ONLY_SCENARIO, shared]
    src = os.path.join(os.path.dirname(__file__), "..", "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.path.abspath(src), os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    finally:
        if os.geteuid() == 0:
            shutil.rmtree(shared, ignore_errors=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("StoreAccessError E302"), out.stdout
    assert "read-only" in out.stdout and "not an onrecord" not in out.stdout
    assert "/ro is read-only" in out.stdout  # names the folder, which is what is read-only here


def test_a_read_only_error_is_told_apart_from_a_foreign_file(tmp_path):
    from onrecord.store.sqlite import opening_error

    denied = sqlite3.OperationalError("attempt to write a readonly database")
    denied.sqlite_errorcode = 8  # SQLITE_READONLY
    assert isinstance(opening_error(tmp_path / "db.sqlite", denied), StoreAccessError)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all, just text " * 100)
    with pytest.raises(StoreError, match="not an onrecord SQLite database") as err:
        Store(junk)
    assert not isinstance(err.value, StoreAccessError)


# -- defect 5: the small guards ------------------------------------------------------------------------------------

def test_fingerprint_cache_is_set_up_by_init(db):
    assert vars(db)["_fingerprint"] is None
    first = db.fingerprint()
    db.add(make_article())
    assert db.fingerprint() != first


def test_the_postgres_migration_check_is_a_real_check_not_an_assert():
    broken = (("0001_initial", ("CREATE TABLE something_else (x TEXT)",)),)
    with pytest.raises(StoreIntegrityError) as err:
        _variants(broken)
    assert err.value.code == "E303"
    assert len(_variants()) == 3  # the real migrations pass


def test_one_greedy_matcher_for_every_evaluator():
    assert not hasattr(record_eval, "_greedy")
    assert record_eval.greedy is greedy
    # best key first; each side used once; taken order returned
    assert greedy([((2,), 0, 0), ((1,), 0, 1), ((1,), 1, 1), ((3,), 1, 0)]) == [(0, 1), (1, 0)]
    text = "aaaa bbbb cccc"
    assert match(text, [((0, 9),), ((10, 14),)], [((10, 14),), ((0, 4),)], "0.1") == [(0, 1), (1, 0)]


def test_dead_quoted_text_is_gone():
    assert not hasattr(consolidate_mod, "quoted_text")


def test_transaction_turns_database_errors_into_coded_ones(tmp_path):
    with Store(tmp_path / "db.sqlite") as s:
        with pytest.raises(StoreError, match="cannot test the builder"):
            with sql.transaction(s, "k", what="test the builder"):
                s.con.execute("INSERT INTO no_such_table VALUES (1)")
        assert not s.con.in_transaction
