"""Scale bench: a synthetic archive of 10k, 100k (1M) articles through the SQLite store and Parquet, with full and
incremental consolidation, driver memory, sizes and page latency.

Extracts ``--extract`` BBC News articles and the example article ONCE with the real pipeline and caches their
records as Parquet (``<workdir>/base.parquet/``; when the JSONL cache of bench/consolidation_incremental.py exists
it is read instead of extracting again). The archive is built from them without NLP (bench/scale_archive.py: ids
differ, dates move one day per ``--per-day`` articles, quotes shared by the outlets of a story, names respelled).

One size per run (each in its own process, so its peak RSS is its own), results kept in ``<workdir>/results.json``:

1. ingest the N articles into SQLite (``Store.add``, one transaction each) and into Parquet (``ParquetSink``);
2. ``Store.consolidate(full=True)`` over the archive;
3. add one more day (``--more`` articles, dated the next day) and run the incremental ``Store.consolidate()``;
4. (``--latency``) ``onrecord serve`` on the store, p50/p99 of the actor, search and topic pages and the actor list
   at each of ``--clients`` (default 1 and 50; the load generators of bench/latency.py);
5. ``Store.consolidate(full=True)`` again and compare every consolidation row with what the incremental run left
   (a digest of the rows in a canonical order).

    nice python bench/scale.py --size 10000
    nice python bench/scale.py --size 100000 --latency --keep
    nice python bench/scale.py --size 100000 --only-latency [--db copy.db --pools-file pools.json --label after]
    python bench/scale.py --report [--write-docs]     # the table, the plot (docs/scaling-curve.svg), 1M projected
    nice python bench/scale.py --size 100000 --from-db old/scale-100000.db [--profile]

``--from-db`` skips the ingest (35 min at 100k): it copies a store that an earlier run left holding the N + ``--more``
articles (the original is never opened) and, each step in its own process (so each peak RSS is its own):
``full`` opens the copy (migrating it, timed) and runs ``Store.consolidate(full=True)`` over all N + more articles
(the full rebuild, its digest kept); ``cycle`` reads the ``--more`` articles of the last day back from the store
(checked equal to what bench/scale_archive.py regenerates), deletes them and consolidates (incremental: the store
is back to N articles), adds them again and times the incremental ``Store.consolidate()`` (``--profile``: under
cProfile, the top functions into ``<workdir>/incremental.prof.txt``), then compares its digest with the full one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scale_archive

SHARED = Path(os.environ.get("ONRECORD_SHARED", "")) if os.environ.get("ONRECORD_SHARED") else next(
    (p for p in (HERE.parent.parent / "shared", Path("/work/shared")) if p.is_dir()), HERE.parent.parent / "shared")
DEFAULT_DATA = SHARED / "eval-data" / "bbc-news" / "bbc-fulltext.jsonl"
DEFAULT_EXAMPLE = SHARED / "examples" / "ceasefire-talks.txt"
JSONL_CACHE = Path(tempfile.gettempdir()) / "onrecord-bbc-records-all.jsonl"  # bench/consolidation_incremental.py
DOCS = HERE.parent / "docs" / "scaling.md"
PLOT = HERE.parent / "docs" / "scaling-curve.svg"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def base_records(workdir: Path, data: Path, example: Path, n: int) -> list:
    """The extracted base records: from the Parquet cache, else extracted once (and cached)."""
    from onrecord import parquet
    from onrecord.model import Article

    cache = workdir / "base.parquet"
    if parquet.part_files(cache):
        return list(parquet.read_articles(cache))
    if JSONL_CACHE.is_file():  # records another bench extracted from the same file
        with JSONL_CACHE.open(encoding="utf-8") as fh:
            lines = fh.readlines()
        step = max(1, len(lines) // n)  # every k-th: the file is sorted by section (the first 300 are business)
        arts = [Article.from_dict(json.loads(line)) for line in lines[::step][:n]]
        how = f"read from {JSONL_CACHE} (every {step}th)"
    else:
        from onrecord import ingest
        from onrecord.config import Options
        from onrecord.pipeline import extract_documents

        with data.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        step = max(1, len(rows) // n)  # every k-th: the file is sorted by section
        docs = [ingest.document_from_text(r["text"], source=f"bbc-news/{r['id']}", title=r.get("title"),
                                          site="bbc.co.uk") for r in rows[::step][:n]]
        arts = [a for a in extract_documents(docs, options=Options(), workers=1) if not isinstance(a, Exception)]
        how = "extracted"
    if example.is_file():
        from onrecord.pipeline import extract

        arts.append(extract(example, published="2025-03-12"))
        how += " + the example article"
    print(f"base: {len(arts)} records {how}", file=sys.stderr)
    with parquet.ParquetSink(cache) as sink:
        for a in arts:
            sink.add(a)
    return list(parquet.read_articles(cache))


def digest(store) -> str:
    """A digest of every consolidation row a reader sees, in a canonical order (streamed, not held)."""
    h = hashlib.sha256()
    for sql in ("SELECT id, name, kind FROM actor_clusters ORDER BY 1, 2, 3",
                "SELECT cluster_id, article_id, actor_id, seq, because FROM actor_cluster_members ORDER BY 1, 2, 3, 4",
                "SELECT id, text, speaker_cluster FROM quote_clusters ORDER BY 1, 2, 3",
                ("SELECT cluster_id, article_id, statement_id, segment, seq, quote_text, similarity, because "
                "FROM quote_cluster_members ORDER BY 1, 2, 3, 4, 5"),
                ("SELECT cluster_id, topic, stance, date, article_id, stance_id, evidence_json, because "
                "FROM stance_points ORDER BY 1, 2, 3, 4, 5, 6")):
        h.update(sql.encode())
        for row in store.con.execute(sql):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def dir_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def pools_for(db: Path, pool: int, pools_file: Path | None) -> dict[str, list[str]]:
    """The URLs of each page kind: the actor, search and topic pages of bench/latency.py's pools and the actor list
    (pages of it, whole and by kind). Read from ``pools_file`` when it exists (so a run on another copy of the store,
    or under other code, asks for the same pages), else built and saved there."""
    from urllib.parse import quote

    import latency as lat  # bench/latency.py: its URL pools

    from onrecord.store import Store

    if pools_file is not None and pools_file.is_file():
        return json.loads(pools_file.read_text())
    pools = lat.url_pools(db, pool)
    with Store(db, create=False, readonly=True) as s:
        topics = [t["name"] for t in s.topics(limit=pool)]
    pools["topic"] = ["/topics/" + quote(t, safe="") for t in topics]
    kinds = ("", "&kind=person", "&kind=organisation", "&kind=country")
    pools["actors"] = [f"/actors?limit=50&offset={50 * (i // len(kinds))}{kinds[i % len(kinds)]}"
                       for i in range(pool)]
    pools = {k: pools[k] for k in ("actor", "search", "topic", "actors")}
    if pools_file is not None:
        pools_file.write_text(json.dumps(pools, indent=1))
    return pools


def latency(db: Path, clients: list[int], seconds: float, tool: str, *, pool: int = 100,
            pools_file: Path | None = None, pages: list[str] | None = None, warm_up_s: float = 600,
            requests: int = 0, think: float = 1.0, server_workers: int = 1) -> dict:
    """p50/p99 of each page kind at each number of clients: ``{clients: {page: cell}}``.

    The warm-up asks every URL once (SQLite's pages in memory, the cached list pages built) but stops after
    ``warm_up_s`` (a store where one page takes seconds would otherwise spend the run warming up); a page that
    fails or times out in it is counted, not fatal. ``requests`` caps the requests of an asyncio cell (0: none)."""
    import asyncio
    import urllib.request

    import latency as lat  # bench/latency.py: its server start-up and load generators

    pools = pools_for(db, pool, pools_file)
    pools = {k: v for k, v in pools.items() if not pages or k in pages}
    proc, port = lat.start_server(db, server_workers)
    out: dict = {"warm_up": {"urls": 0, "failed": 0, "s": 0.0}}
    try:
        t0 = time.perf_counter()
        for path in dict.fromkeys(p for paths in pools.values() for p in paths):
            if time.perf_counter() - t0 > warm_up_s:
                break
            out["warm_up"]["urls"] += 1
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as resp:
                    resp.read()
            except OSError:
                out["warm_up"]["failed"] += 1
        out["warm_up"]["s"] = round(time.perf_counter() - t0, 1)
        for n in clients:
            cells = out.setdefault(str(n), {})
            for page, paths in pools.items():
                if tool == "wrk":
                    r = lat.run_wrk(port, paths, n, seconds)
                else:  # readers: asyncio clients pausing ``think`` s on average between pages (an offered load)
                    r = asyncio.run(lat.run_cell(port, paths, n, requests, seconds,
                                                 think=think if tool == "readers" else 0.0))
                cells[page] = {k: round(r[k], 1) for k in ("p50_ms", "p99_ms", "rps")} | {
                    "requests": r["requests"], "errors": r["errors"]}
                print(f"  {page:6} {n:2} clients ({tool}): p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms, "
                      f"{r['rps']:.0f} req/s, {r['errors']} errors", file=sys.stderr, flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still answering a backlog the load left queued
            proc.kill()
            proc.wait(timeout=10)
    return out


def latency_run(args, db: Path) -> dict:
    """One latency run on ``db`` with what it ran on: the store's size and schema, whether it was consolidated."""
    from onrecord import __version__
    from onrecord.store import Store

    with Store(db, create=False, readonly=True) as s:  # (opening migrates it first: a backfill is timed here)
        run = {"label": args.label, "articles": s.count(), "schema": len(s.migrations()),
               "consolidated": bool(s.con.execute("SELECT COUNT(*) FROM actor_clusters").fetchone()[0])}
    clients = [int(c) for c in str(args.clients).split(",")]
    t0 = time.time()
    run["at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(t0))
    run["load_avg_start"] = round(os.getloadavg()[0], 2)
    run["cells"] = latency(db, clients, args.seconds, args.tool, pool=args.pool, pools_file=args.pools_file,
                           pages=args.pages.split(","), warm_up_s=args.warm_up_s, requests=args.requests,
                           think=args.think, server_workers=args.server_workers)
    run.update(server_workers=args.server_workers, tool=args.tool, seconds=args.seconds, think=args.think if args.tool == "readers" else None, version=__version__,
               load_avg_end=round(os.getloadavg()[0], 2))
    return run


def run_size(args, base) -> dict:
    from onrecord import parquet
    from onrecord.store import Store

    n, kw = args.size, {"per_day": args.per_day, "seed": args.seed}
    db = args.workdir / f"scale-{n}.db"
    pq_dir = args.workdir / f"scale-{n}.parquet"
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    for p in parquet.part_files(pq_dir):
        p.unlink()
    r: dict = {"size": n, "base": len(base), "more": args.more, "per_day": args.per_day,
               "load_avg_start": round(os.getloadavg()[0], 2)}
    log = lambda msg: print(f"[{n}] {msg}", file=sys.stderr, flush=True)

    store = Store(db)
    stats = {"statements": 0, "actors": 0}

    def counted(it):
        for a in it:
            stats["statements"] += len(a.statements)
            stats["actors"] += len(a.actors)
            yield a
    r["sqlite_ingest_s"], _ = timed(lambda: store.add_many(counted(scale_archive.archive(base, 0, n, **kw))))
    r.update(statements=stats["statements"], actors=stats["actors"], rss_after_ingest_mib=round(peak_rss_mib()))
    log(f"SQLite: {n} articles in {r['sqlite_ingest_s']:.0f} s")

    def to_parquet():
        with parquet.ParquetSink(pq_dir) as sink:
            for a in scale_archive.archive(base, 0, n, **kw):
                sink.add(a)
    r["parquet_ingest_s"], _ = timed(to_parquet)
    r["parquet_bytes"] = dir_bytes(pq_dir)
    log(f"Parquet: {r['parquet_ingest_s']:.0f} s, {r['parquet_bytes'] / 2**20:.0f} MiB")
    r["sqlite_bytes_before_more"] = sum(dir_bytes(p) for p in (db, Path(f"{db}-wal")) if p.exists())
    save(args.workdir, r)  # each phase saved as it ends: a run cut short still leaves what it measured

    r["full_s"], s_full = timed(lambda: store.consolidate(full=True))
    r.update(actor_clusters=s_full.get("actor_clusters"), quote_clusters=s_full.get("quote_clusters"),
             rss_after_full_mib=round(peak_rss_mib()))
    log(f"full consolidation: {r['full_s']:.1f} s")
    save(args.workdir, r)

    r["more_ingest_s"], _ = timed(lambda: store.add_many(scale_archive.archive(base, n, args.more, **kw)))
    r["incremental_s"], s_inc = timed(store.consolidate)
    r.update(recomputed_nodes=s_inc.get("recomputed_nodes"), recomputed_passages=s_inc.get("recomputed_passages"),
             actor_nodes=store.con.execute("SELECT COUNT(*) FROM actor_nodes").fetchone()[0],
             passages=store.con.execute("SELECT COUNT(*) FROM quote_passages").fetchone()[0],
             rss_after_incremental_mib=round(peak_rss_mib()))
    log(f"+{args.more} articles: incremental {r['incremental_s']:.1f} s "
        f"({r['recomputed_nodes']} of {r['actor_nodes']} nodes recomputed)")
    store.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    r["sqlite_bytes"] = sum(dir_bytes(p) for p in (db, Path(f"{db}-wal")) if p.exists())
    save(args.workdir, r)
    inc_digest = digest(store)
    store.close()

    if args.latency:
        r.setdefault("latency_runs", []).append(latency_run(args, db))
        save(args.workdir, r)

    if not args.no_check:
        store = Store(db)
        r["full_after_s"], _ = timed(lambda: store.consolidate(full=True))
        r["identical"] = digest(store) == inc_digest
        store.close()
        log(f"full over {n + args.more}: {r['full_after_s']:.1f} s; identical to incremental: {r['identical']}")
    r["peak_rss_mib"] = round(peak_rss_mib())
    r["load_avg_end"] = round(os.getloadavg()[0], 2)
    save(args.workdir, r)
    if not args.keep:
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
    return r


def copy_db(src: Path, dst: Path) -> None:
    import sqlite3

    for p in (dst, Path(f"{dst}-wal"), Path(f"{dst}-shm")):
        p.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as s, sqlite3.connect(dst) as d:
        s.backup(d)  # a consistent copy even when the source has a WAL; the source is only read


def from_db_run(args, base) -> dict:
    """``--from-db``: the full rebuild and the incremental cycle on a copy of an existing store (module docstring)."""
    n = args.size
    db = args.workdir / f"scale-{n}-from-db.db"
    if args.phase is None:
        r = {"size": n, "more": args.more, "per_day": args.per_day, "from_db": str(args.from_db),
             "load_avg_start": round(os.getloadavg()[0], 2)}
        t = time.perf_counter()
        copy_db(args.from_db, db)
        r["copy_s"] = round(time.perf_counter() - t, 1)
        save(args.workdir, r, key=f"{n}-from-db")
        for phase in ("full", "cycle"):
            cmd = [sys.executable, __file__, *sys.argv[1:], "--phase", phase]
            subprocess.run(cmd, check=True)
        return json.loads((args.workdir / "results.json").read_text())[f"{n}-from-db"]

    from onrecord.store import Store

    key = f"{n}-from-db"
    r = json.loads((args.workdir / "results.json").read_text())[key]
    log = lambda msg: print(f"[{n} from-db {args.phase}] {msg}", file=sys.stderr, flush=True)
    if args.phase == "full":
        r["open_migrate_s"], store = timed(lambda: Store(db))
        r["schema"] = len(store.migrations())
        r["articles"] = store.count()
        log(f"opened (migrated to {r['schema']} migrations) in {r['open_migrate_s']:.1f} s; {r['articles']} articles")
        r["full_s"], s_full = timed(lambda: store.consolidate(full=True))
        r.update(actor_clusters=s_full.get("actor_clusters"), quote_clusters=s_full.get("quote_clusters"),
                 full_nodes=s_full.get("recomputed_nodes"), full_passages=s_full.get("recomputed_passages"),
                 rss_full_mib=round(peak_rss_mib()))
        log(f"full consolidation over {r['articles']}: {r['full_s']:.1f} s, peak RSS {r['rss_full_mib']} MiB")
        r["full_digest"] = digest(store)
        store.close()
        save(args.workdir, r, key=key)
        return r

    # cycle: the last day out and back in (a --profile cycle is kept apart, under "profile_run")
    top = r
    if args.profile:
        r = {"full_s": top["full_s"], "full_digest": top["full_digest"]}
    store = Store(db)
    ids = [a.id for a in scale_archive.archive(base, n, args.more, per_day=args.per_day, seed=args.seed)]
    more = [store.get(i) for i in ids]
    if any(a is None for a in more):
        sys.exit(f"{sum(a is None for a in more)} of the {len(ids)} articles of the last day are not in {db}")
    regen = {a.id: a.to_dict() for a in scale_archive.archive(base, n, args.more, per_day=args.per_day,
                                                                seed=args.seed)}
    r["more_equal_regenerated"] = sum(a.to_dict() == regen[a.id] for a in more)
    t = time.perf_counter()
    for i in ids:
        store.delete(i)
    r["delete_s"] = round(time.perf_counter() - t, 1)
    r["delete_consolidate_s"], s_del = timed(store.consolidate)
    r.update(delete_mode=s_del["mode"], delete_recomputed_nodes=s_del["recomputed_nodes"],
             delete_recomputed_passages=s_del["recomputed_passages"])
    log(f"{len(ids)} deleted in {r['delete_s']} s; consolidate {r['delete_consolidate_s']:.1f} s ({s_del['mode']})")
    rss_before = peak_rss_mib()
    r["more_ingest_s"], _ = timed(lambda: store.add_many(more))
    if args.profile:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        r["incremental_s"], s_inc = timed(lambda: prof.runcall(store.consolidate))
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
        (args.workdir / "incremental.prof.txt").write_text(out.getvalue())
        r["profiled"] = True
    else:
        r["incremental_s"], s_inc = timed(store.consolidate)
        r["profiled"] = False
    r.update({f"incremental_{k}": s_inc.get(k) for k in (
        "mode", "recomputed_nodes", "recomputed_passages", "appended_nodes", "appended_passages",
        "new_passages_alone")})
    r.update(actor_nodes=store.con.execute("SELECT COUNT(*) FROM actor_nodes").fetchone()[0],
             passages=store.con.execute("SELECT COUNT(*) FROM quote_passages").fetchone()[0],
             rss_before_incremental_mib=round(rss_before), rss_after_incremental_mib=round(peak_rss_mib()))
    r["ratio"] = round(r["incremental_s"] / r["full_s"], 4)
    log(f"+{len(more)} articles: incremental {r['incremental_s']:.1f} s = {100 * r['ratio']:.1f}% of full "
        f"({r['incremental_recomputed_nodes']} of {r['actor_nodes']} nodes, {r['incremental_recomputed_passages']} "
        f"passages recomputed)")
    r["identical"] = digest(store) == r["full_digest"]
    log(f"identical to the full rebuild: {r['identical']}")
    store.close()
    r["load_avg_end"] = round(os.getloadavg()[0], 2)
    if args.profile:
        top["profile_run"] = {k: v for k, v in r.items() if k not in ("full_s", "full_digest")}
        r = top
    save(args.workdir, r, key=key)
    return r


def save(workdir: Path, r: dict, key: str | None = None) -> None:
    path = workdir / "results.json"
    results = json.loads(path.read_text()) if path.is_file() else {}
    results[key or str(r["size"])] = r
    path.write_text(json.dumps(results, indent=1, sort_keys=True))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--example", type=Path, default=DEFAULT_EXAMPLE)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-scale")
    ap.add_argument("--extract", type=int, default=300, help="BBC articles extracted once for the base records")
    ap.add_argument("--size", type=int, help="articles in the archive")
    ap.add_argument("--more", type=int, default=1000, help="the day added for the incremental run")
    ap.add_argument("--per-day", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--latency", action="store_true", help="p99 of the actor, search and topic pages")
    ap.add_argument("--clients", default="1,50", help="numbers of clients, one cell each (comma-separated)")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--pages", default="actor,search,topic,actors", help="page kinds to measure")
    ap.add_argument("--pool", type=int, default=100, help="URLs per page kind")
    ap.add_argument("--pools-file", type=Path, help="the URLs to ask: read when it exists, else written there "
                    "(the same pages before and after a change)")
    ap.add_argument("--warm-up-s", type=float, default=600, help="stop the warm-up after this long")
    ap.add_argument("--requests", type=int, default=0, help="requests per asyncio cell at most (0: no cap)")
    ap.add_argument("--server-workers", type=int, default=1, help="onrecord serve --workers N (processes)")
    ap.add_argument("--label", default="", help="what this latency run measured (e.g. before/after a change)")
    ap.add_argument("--db", type=Path, help="with --only-latency: this store instead of scale-N.db in the workdir")
    ap.add_argument("--tool", default="wrk" if __import__("shutil").which("wrk") else "asyncio",
                    help="wrk | asyncio (no pause between requests) | readers (asyncio clients pausing --think s)")
    ap.add_argument("--think", type=float, default=1.0, help="mean pause of a readers client, seconds")
    ap.add_argument("--no-check", action="store_true", help="skip the second full run and the identity check")
    ap.add_argument("--keep", action="store_true", help="keep the SQLite file in the workdir")
    ap.add_argument("--only-latency", action="store_true",
                    help="only the page latency, on the store an earlier run left (scale-N.db in the workdir)")
    ap.add_argument("--from-db", type=Path, help="a store an earlier run left with N + more articles: full and "
                    "incremental on a copy of it, no ingest (module docstring)")
    ap.add_argument("--phase", choices=("full", "cycle"), help=argparse.SUPPRESS)  # --from-db's steps
    ap.add_argument("--profile", action="store_true", help="with --from-db: the incremental run under cProfile")
    ap.add_argument("--report", action="store_true", help="print the table and write the plot from results.json")
    ap.add_argument("--write-docs", action="store_true", help="with --report: the table into docs/scaling.md")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.report:
        import scale_report

        scale_report.report(args.workdir / "results.json", PLOT, DOCS if args.write_docs else None)
        return
    if not args.size:
        ap.error("--size N or --report")
    if not (args.workdir / "base.parquet").is_dir() and not JSONL_CACHE.is_file() and not args.data.is_file():
        print(f"skipped: no BBC data at {args.data}", file=sys.stderr)
        return
    if args.only_latency:
        db = args.db or args.workdir / f"scale-{args.size}.db"
        if not db.is_file():
            sys.exit(f"no store at {db}")
        path = args.workdir / "results.json"
        r = json.loads(path.read_text()).get(str(args.size), {"size": args.size}) if path.is_file() else {
            "size": args.size}
        r.setdefault("latency_runs", []).append(latency_run(args, db))
        save(args.workdir, r)
        print(json.dumps(r["latency_runs"][-1], indent=1))
        return
    base = base_records(args.workdir, args.data, args.example, args.extract)
    if args.from_db:
        print(json.dumps(from_db_run(args, base), indent=1))
        return
    print(json.dumps(run_size(args, base), indent=1))


if __name__ == "__main__":
    main()
