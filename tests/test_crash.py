"""Nothing lost, nothing duplicated: ``onrecord ingest`` killed with SIGKILL at random points, many times, always
leaves a consistent database that a rerun completes; and readers query while an ingest writes (WAL).

Kills land at random times during start-up, and after a random number of committed articles (plus a random few
milliseconds, so inside or between transactions). After every kill the database must pass ``PRAGMA
integrity_check`` and ``foreign_key_check``, every stored article must equal the one a clean run stores (so none
is half-stored: same actors, statements, events), the FTS tables must hold exactly one row per base row, and no
article may be stored twice; the stand-in runs also write Parquet, checked the same way. The kills are seeded,
and ``ONRECORD_CRASH_KILLS`` raises their number (default 12 with the light stand-in pipeline, 3 with the real model).

The stand-in kill test and the readers test also run against PostgreSQL (``store_target``; skipped without
``ONRECORD_TEST_POSTGRES``): there the server's own constraints stand in for SQLite's integrity checks.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.store import Store

HERE = Path(__file__).resolve().parent
KILLS = int(os.environ.get("ONRECORD_CRASH_KILLS", "12"))
REAL_KILLS = max(3, KILLS // 6)
NAMES = ["Marco Rubio", "Ayman Safadi", "Lena Vogt", "Tim Hale", "Ines Oduya", "Maria Lopez", "Omar Haddad"]


def make_inputs(root: Path, n_jsonl: int = 60, n_files: int = 10) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1)
    lines = []
    for i in range(n_jsonl):
        a, b = rnd.sample(NAMES, 2)
        text = (f"Report {i}: talks on item {i} went on\n\n"
                f'"We are close to a deal on point {i}," said {a} on Monday. Delegates met for {i} hours. '
                f'"Nothing is agreed until everything is agreed on {i}," said {b} after the meeting.')
        lines.append(json.dumps({"text": text, "url": f"https://news.example/{i}", "published": "2025-03-12"}))
    lines.insert(17, "{not json")
    (root / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(n_files):
        (root / f"file{i:02d}.txt").write_text(
            f'File article {i}\n\n"The harbour wall number {i} will be built," said {NAMES[i % len(NAMES)]}.\n',
            encoding="utf-8")
    return root


def _is_url(db) -> bool:
    return isinstance(db, str) and db.startswith("postgresql://")


def _pg_schema(url: str) -> str:
    return url.rsplit("%3D", 1)[1].split(",")[0]  # the fresh schema of the pg_store_url fixture


def db_exists(db) -> bool:
    """Whether the store's schema is there: a kill before the first migration committed can leave an empty
    SQLite file (the migration is one transaction, so it is all there or not at all)."""
    if not _is_url(db):
        if not Path(db).exists():
            return False
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone() is not None
        finally:
            con.close()
    import psycopg

    with psycopg.connect(db) as con:
        return con.execute("SELECT to_regclass('articles') IS NOT NULL").fetchone()[0]


def check_consistent(db, reference: dict) -> int:
    """Assert the database is whole and every article in it is the reference article; return how many."""
    if _is_url(db):
        import psycopg

        con = psycopg.connect(db, autocommit=True)  # foreign keys and the whole-page checks are the server's own
    else:
        con = sqlite3.connect(db)
    try:
        if not _is_url(db):
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        arts = {r[0] for r in con.execute("SELECT id FROM articles")}
        assert {r[0] for r in con.execute("SELECT article_id FROM articles_fts")} == arts
        assert con.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == len(arts)
        stmts = sorted(tuple(r) for r in con.execute("SELECT article_id, id FROM statements"))
        assert sorted(tuple(r) for r in con.execute("SELECT article_id, statement_id FROM statements_fts")) == stmts
        sources = [r[0] for r in con.execute("SELECT source FROM articles")]
        assert len(sources) == len(set(sources)), "an article is stored twice"
    finally:
        con.close()
    with Store(db, create=False) as store:
        for aid in arts:
            assert store.get(aid) == reference[aid], f"article {aid} differs from a clean run (half-stored?)"
    return len(arts)


def check_parquet(out: Path | None, reference: dict) -> int:
    """Parquet parts, when written: no article twice, each equal to the reference (a part is whole or absent)."""
    if out is None or not out.exists():
        return 0
    from onrecord.parquet import read_articles

    articles = list(read_articles(out))
    assert len({a.id for a in articles}) == len(articles), "an article is in the Parquet output twice"
    for a in articles:
        assert a == reference[a.id]
    return len(articles)


def remove_db(db, parquet: Path | None = None) -> None:
    if _is_url(db):
        import psycopg

        schema = _pg_schema(db)
        with psycopg.connect(db, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")
            con.execute(f"CREATE SCHEMA {schema}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    if parquet is not None:
        shutil.rmtree(parquet, ignore_errors=True)


def stored_count(db) -> int:
    """Articles committed so far, read without creating the file or taking a write lock."""
    if _is_url(db):
        import psycopg

        try:
            with psycopg.connect(db) as con:
                return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except psycopg.Error:  # the schema not yet committed
            return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or the schema not yet committed
        return 0


def kill_at_random_points(cmd: list[str], db: Path, reference: dict, *, kills: int, seed: int,
                          early: float = 0.25, parquet: Path | None = None) -> dict:
    """Start ``cmd`` and SIGKILL it at a random point, then check the database; ``kills`` times.

    A fraction ``early`` of the kills fall at a random time in the first second (start-up, schema creation,
    reading); the others wait until a random number of further articles is committed, then a random 0–30 ms
    more, so they land inside or between the transactions of a running batch whatever the machine's load. A
    database that a run managed to complete is removed so that the next run has work to be killed in."""
    rnd = random.Random(seed)
    total = len(reference)
    stats = {"kills": 0, "mid_batch": 0, "early": 0, "completed": 0}
    for _ in range(3 * kills):
        if stats["kills"] >= kills:
            break
        before = check_consistent(db, reference) if db_exists(db) else 0
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if rnd.random() < early:
            time.sleep(rnd.uniform(0.0, 1.0))
        else:
            target = before + rnd.randint(1, max(1, total - before - 1))
            deadline = time.monotonic() + 60
            while proc.poll() is None and stored_count(db) < target and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rnd.uniform(0.0, 0.03))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            stats["kills"] += 1
        proc.wait()
        after = check_consistent(db, reference) if db_exists(db) else 0
        check_parquet(parquet, reference)
        if before < after < total:
            stats["mid_batch"] += 1
        elif after == before:
            stats["early"] += 1
        if after == total:
            stats["completed"] += 1
            remove_db(db, parquet)
    return stats


def finish_and_check(cmd: list[str], db: Path, reference: dict, parquet: Path | None = None) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert check_consistent(db, reference) == len(reference)
    if parquet is not None:
        assert check_parquet(parquet, reference) == len(reference)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert f"0 new, {len(reference)} already stored" in again.stdout
    assert check_consistent(db, reference) == len(reference)


def reference_store(inputs: Path, tmp: Path, nlp_factory) -> dict:
    db = tmp / "reference.db"
    runner = CliRunner()
    old = cli.get_nlp
    cli.get_nlp = nlp_factory
    try:
        result = runner.invoke(cli.main, ["ingest", str(inputs), "--db", str(db)])
    finally:
        cli.get_nlp = old
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        return {r["id"]: store.get(r["id"]) for r in store.articles(limit=None)}


def test_ingest_killed_at_random_points_never_loses_or_duplicates(tmp_path, store_target):
    from test_cli import FakeNLP

    inputs = make_inputs(tmp_path / "in")
    reference = reference_store(inputs, tmp_path, lambda options: FakeNLP())
    assert len(reference) == 70
    db, parquet = store_target, tmp_path / "parquet"
    cmd = [sys.executable, str(HERE / "_slow_fake_ingest.py"), "0.01", str(inputs), "--db", str(db),
           "--parquet", str(parquet)]
    stats = kill_at_random_points(cmd, db, reference, kills=KILLS, seed=6, parquet=parquet)
    print(f"stand-in pipeline: {stats}")
    assert stats["kills"] == KILLS and stats["mid_batch"] >= KILLS // 4, stats
    finish_and_check(cmd, db, reference, parquet)


@pytest.mark.slow
def test_real_cli_killed_mid_batch_is_completed_by_a_rerun(tmp_path, nlp):
    inputs = make_inputs(tmp_path / "in", n_jsonl=80, n_files=4)
    reference = reference_store(inputs, tmp_path, lambda options: nlp)
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "onrecord.cli", "ingest", str(inputs), "--db", str(db)]
    stats = kill_at_random_points(cmd, db, reference, kills=REAL_KILLS, seed=7, early=0.0)
    print(f"real CLI: {stats}")
    assert stats["kills"] == REAL_KILLS and stats["mid_batch"] >= 1, stats
    finish_and_check(cmd, db, reference)


def test_readers_query_while_an_ingest_writes(tmp_path, store_target):
    from test_cli import FakeNLP

    inputs = make_inputs(tmp_path / "in")
    reference = reference_store(inputs, tmp_path, lambda options: FakeNLP())
    db = store_target
    Store(db).close()  # the schema exists before readers start
    errors: list[BaseException] = []
    seen: list[list[int]] = [[], []]
    stop = threading.Event()

    def reader(seen: list[int]) -> None:
        try:
            with Store(db, create=False) as store:
                while not stop.is_set():
                    rows = store.articles(limit=None)
                    seen.append(len(rows))
                    store.statements(search="deal", limit=50)
                    store.statements(speaker="rubio", limit=None)
                    store.actors(limit=20)
                    store.articles(search="harbour wall", limit=10)
                    for row in rows[:5]:
                        assert store.get(row["id"]) == reference[row["id"]]
        except BaseException as err:  # noqa: BLE001 -- reported by the test thread
            errors.append(err)

    threads = [threading.Thread(target=reader, args=(s,)) for s in seen]
    for t in threads:
        t.start()
    cmd = [sys.executable, str(HERE / "_slow_fake_ingest.py"), "0.005", str(inputs), "--db", str(db)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    stop.set()
    for t in threads:
        t.join()
    assert done.returncode == 0, done.stderr
    assert not errors, errors[0]
    for counts in seen:  # each reader saw the articles arrive one whole article at a time, never go away
        assert len(counts) > 10 and counts == sorted(counts) and counts[-1] == len(reference)
        assert any(0 < n < len(reference) for n in counts), "the readers never saw the ingest in progress"
