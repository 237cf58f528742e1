"""Latency of the web server: p50/p99 for the article, actor and search pages, and a mix of them, at 1 and 50
concurrent clients, measured by two load generators.

Builds (once; reused when the file already holds them) a database of the BBC News corpus (or its first
``--articles N`` lines) plus the example article with the real pipeline, starts ``onrecord serve`` on 127.0.0.1 in
a subprocess, and drives it after a warm-up with

- ``asyncio``: this process, HTTP/1.1 keep-alive clients (one connection each);
- ``wrk`` (Debian's ``wrk``, C, epoll, one thread): the same URL lists, through ``bench/wrk_paths.lua``.

Each cell runs for ``--seconds`` (no request cap: a short burst hides the queue that builds at 50 clients) and
reports every round (no best-of), with the CPU seconds the server and the client each used: client and server
share the machine's cores, so a costly client slows the server it measures.

    python bench/latency.py --data ../shared/eval-data/bbc-news/bbc-fulltext.jsonl [--articles 200] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_DB = HERE / ".cache" / "latency-bbc.db"
EXAMPLE = HERE.parent.parent / "shared" / "examples" / "ceasefire-talks.txt"


def build_db(db: Path, data: Path, example: Path, workers: int) -> dict:
    """Ingest the corpus into ``db`` with ``workers`` processes; articles already stored are skipped."""
    from onrecord import ingest
    from onrecord.config import Options
    from onrecord.pipeline import article_id, extract, extract_documents
    from onrecord.store import Store

    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with Store(db) as store:
        docs, inputs, ids = [], 0, set()
        with data.open("rb") as f:
            for line in f:
                row = json.loads(line.decode("utf-8", "replace"))
                doc = ingest.document_from_text(row["text"], source=f"bbc-news/{row['id']}", title=row.get("title"),
                                                site="bbc.co.uk")
                inputs += 1
                aid = article_id(doc)
                if aid not in ids and not store.has(aid):  # the id hashes the text: a repeated text is one article
                    docs.append(doc)
                ids.add(aid)
        added = errors = 0
        if docs:
            print(f"ingesting {len(docs)} articles with {workers} processes …", file=sys.stderr, flush=True)
            for art in extract_documents(docs, options=Options.from_env(), site_dedup=False, workers=workers):
                if isinstance(art, Exception):
                    errors += 1
                    print(f"  {art}", file=sys.stderr)
                elif store.add(art):
                    added += 1
                    if added % 250 == 0:
                        print(f"  {added}", file=sys.stderr, flush=True)
        if example.is_file():
            added += store.add(extract(example, published="2025-03-12"))
        return {"articles": store.count(), "inputs": inputs, "distinct": len(ids), "added": added, "errors": errors,
                "seconds": time.perf_counter() - t0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, workers: int = 1) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


class Client:
    """One keep-alive HTTP/1.1 connection; ``get`` returns (status, seconds) for the whole response."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, float]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        t0 = time.perf_counter()
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode()
        try:
            self.writer.write(request)
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            # the server closed an idle keep-alive connection (uvicorn: after 5 s): reconnect, as a browser does;
            # the time to reconnect counts
            self.writer.close()
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.writer.write(request)
            head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status, time.perf_counter() - t0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process and its children alive now (uvicorn's worker processes;
    Linux /proc)."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        kids = [int(k) for t in Path(f"/proc/{pid}/task").iterdir()
                for k in (t / "children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def run_wrk(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """One cell with wrk (one thread, ``clients`` connections, ``seconds`` long) over ``paths`` in turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s",
                              "-s", str(HERE / "wrk_paths.lua"), f"http://127.0.0.1:{port}", "--", fh.name],
                             capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    finally:
        os.unlink(fh.name)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    return {"requests": r["requests"], "errors": r["errors"] + r["status_errors"], "p50_ms": r["p50_us"] / 1000,
            "p90_ms": r["p90_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "max_ms": r["max_us"] / 1000,
            "rps": r["requests"] / (r["duration_us"] / 1e6),
            "client_cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}


def run_threads(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """One cell with ``clients`` Python threads, each a keep-alive ``http.client`` connection: the kind of client
    a quick script (or a red-team harness) is; it costs CPU the server then lacks."""
    import http.client
    import threading

    queue = list(paths)
    random.Random(clients).shuffle(queue)
    lat: list[float] = []
    errors = [0]
    counter = iter(range(10 ** 9))
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", queue[0], headers={"Accept": "text/html"})  # warm-up
        conn.getresponse().read()
        start.wait()
        while time.perf_counter() < deadline[0]:
            with lock:
                path = queue[next(counter) % len(queue)]
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "text/html"})
            resp = conn.getresponse()
            resp.read()
            dt = time.perf_counter() - t0
            with lock:
                lat.append(dt)
                errors[0] += resp.status != 200
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    deadline[0] = time.perf_counter() + seconds  # until the barrier; reset there
    cpu0, t0 = time.process_time(), time.perf_counter()
    start.wait()
    deadline[0] = time.perf_counter() + seconds
    for t in threads:
        t.join()
    wall, client_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    lat.sort()
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {"requests": len(lat), "errors": errors[0], "p50_ms": q[49] * 1000, "p90_ms": q[89] * 1000,
            "p99_ms": q[98] * 1000, "max_ms": lat[-1] * 1000, "rps": len(lat) / wall, "client_cpu_s": client_cpu}


async def run_cell(port: int, paths: list[str], clients: int, requests: int, seconds: float,
                   think: float = 0.0) -> dict:
    queue = list(paths)
    random.Random(clients).shuffle(queue)
    lat: list[float] = []
    errors = 0
    issued = 0
    rng = random.Random(clients + 1)

    async def worker(c: Client):
        nonlocal issued, errors
        while (not requests or issued < requests) and time.perf_counter() < deadline:
            path = queue[issued % len(queue)]
            issued += 1
            status, dt = await c.get(path)
            if status != 200:
                errors += 1
            lat.append(dt)
            if think:  # a reader reading: an exponential pause (mean ``think``) before the next page
                await asyncio.sleep(rng.expovariate(1 / think))

    conns = [Client(port) for _ in range(clients)]
    # warm-up: every connection opened and each worker thread of the server has answered
    await asyncio.gather(*(c.get(queue[i % len(queue)]) for i, c in enumerate(conns)))
    deadline = time.perf_counter() + seconds
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    wall = time.perf_counter() - t0
    client_cpu = time.process_time() - cpu0
    for c in conns:
        c.close()
    lat.sort()
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [lat[0]] * 99
    return {"requests": len(lat), "errors": errors, "p50_ms": q[49] * 1000, "p90_ms": q[89] * 1000,
            "p99_ms": q[98] * 1000, "max_ms": lat[-1] * 1000, "rps": len(lat) / wall, "client_cpu_s": client_cpu}


def warm_up(port: int, pools: dict[str, list[str]]) -> None:
    """Every page once, in turn, before any cell: the cached list pages are built and SQLite's pages are in memory,
    so neither tool is charged for a cold start the other was spared."""
    for path in dict.fromkeys(p for pool in pools.values() for p in pool):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            r.read()


def url_pools(db: Path, n: int, seed: int = 7) -> dict[str, list[str]]:
    from onrecord.store import Store

    rnd = random.Random(seed)
    with Store(db, create=False, readonly=True) as s:
        arts = s.articles(limit=None)
        actors = s.actors(limit=None)
    titles = [a["title"] or "" for a in arts]
    words = [w.strip(".,:;'\"!?()").lower() for t in titles for w in t.split()]
    words = sorted({w for w in words if len(w) > 4 and w.isalpha()})
    quoted = [a for a in actors if a["statements"]]
    pools = {
        "article": ["/articles/" + quote(a["id"], safe="") for a in rnd.sample(arts, min(n, len(arts)))],
        "actor": ["/actors/" + quote(a["id"], safe="") for a in rnd.sample(quoted, min(n, len(quoted)))],
        "search": ["/search?" + urlencode({"q": w}) for w in rnd.sample(words, min(n, len(words)))],
    }
    # what a reader clicks through: the front page and lists as well as single pages
    lists = ["/overview", "/articles", "/actors", "/topics", "/timeline"]
    mix = [p for trio in zip(pools["article"], pools["actor"], pools["search"]) for p in trio]
    pools["mix"] = [p for i, path in enumerate(mix) for p in ([path, lists[i // 3 % len(lists)]] if i % 3 == 2
                                                            else [path])]
    return pools


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval-data/bbc-news/bbc-fulltext.jsonl"))
    ap.add_argument("--articles", type=int, default=None, help="only the first N lines of --data")
    ap.add_argument("--example", type=Path, default=EXAMPLE)
    ap.add_argument("--db", type=Path, default=None, help="database to build or reuse (cached by path) "
                    "[default: bench/.cache/latency-bbc.db, or latency-bbcN.db with --articles N]")
    ap.add_argument("--workers", type=int, default=2, help="processes for building the database")
    ap.add_argument("--requests", type=int, default=0, help="requests per cell at most (0: no cap; asyncio only)")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each cell")
    ap.add_argument("--clients", default="1,50")
    ap.add_argument("--pages", default="article,actor,search,mix")
    ap.add_argument("--tools", default="wrk,asyncio,threads,readers" if shutil.which("wrk") else "asyncio,threads,readers",
                    help="wrk; asyncio (keep-alive clients, no pause); threads (Python threads, http.client); "
                         "readers (asyncio clients pausing --think s on average between pages)")
    ap.add_argument("--server-workers", type=int, default=1, help="onrecord serve --workers N (processes)")
    ap.add_argument("--think", type=float, default=1.0, help="mean pause of a 'readers' client, seconds")
    ap.add_argument("--repeat", type=int, default=1, help="rounds over all cells; every round is reported")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"data not found: {args.data}")
    data = args.data
    if args.articles:
        data = Path(tempfile.mkdtemp()) / f"first-{args.articles}.jsonl"
        with args.data.open("rb") as src, data.open("wb") as dst:
            for _, line in zip(range(args.articles), src):
                dst.write(line)
    db = args.db or HERE / ".cache" / (f"latency-bbc{args.articles}.db" if args.articles else "latency-bbc.db")
    built = build_db(db, data, args.example, args.workers)
    print(f"database: {built['articles']} articles ({built['added']} added in {built['seconds']:.0f} s)", flush=True)
    pools = url_pools(db, 300)
    proc, port = start_server(db, args.server_workers)
    warm_up(port, pools)
    rows: list[dict] = []
    load = os.getloadavg()[0]
    try:
        for rnd in range(args.repeat):  # rounds over all cells, so drift in the machine's load hits every cell alike
            for endpoint in args.pages.split(","):
                for clients in (int(c) for c in args.clients.split(",")):
                    for tool in args.tools.split(","):
                        server0 = cpu_seconds(proc.pid)
                        if tool == "wrk":
                            r = run_wrk(port, pools[endpoint], clients, args.seconds)
                        elif tool == "threads":
                            r = run_threads(port, pools[endpoint], clients, args.seconds)
                        elif tool == "readers":  # asyncio clients with a think time: an offered rate, not a flood
                            r = asyncio.run(run_cell(port, pools[endpoint], clients, args.requests, args.seconds,
                                                     think=args.think))
                        else:
                            r = asyncio.run(run_cell(port, pools[endpoint], clients, args.requests, args.seconds))
                        r.update(endpoint=endpoint, clients=clients, tool=tool, round=rnd + 1,
                                 server_cpu_s=cpu_seconds(proc.pid) - server0)
                        rows.append(r)
                        print(f"{endpoint:8} {clients:3} clients {tool:7} {r['requests']:6} req  "
                              f"p50 {r['p50_ms']:7.1f}  p90 {r['p90_ms']:7.1f}  p99 {r['p99_ms']:7.1f} ms  "
                              f"{r['rps']:6.1f} req/s  cpu server {r['server_cpu_s']:5.1f} s "
                              f"client {r['client_cpu_s']:5.1f} s  errors {r['errors']}", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    from importlib import metadata

    versions = []
    for pkg in ("fastapi", "starlette", "uvicorn", "httptools", "uvloop", "jinja2"):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"no {pkg}")
    versions = ", ".join(versions)
    source = f"the first {args.articles:,} lines of" if args.articles else f"the {built['inputs']:,} lines of"
    lines = _common.header_lines() + [
        f"Server: `onrecord serve --workers {args.server_workers}` ({args.server_workers} uvicorn process(es), 4 "
        f"handler threads each; {versions}) on 127.0.0.1. Database: "
        f"{built['articles']:,} articles ({source} `{args.data.name}`, plus the example article when present). "
        f"Pages: 300 random articles, quoted actors, title-word searches, and a mix of the three with the front page "
        f"and the lists. Each cell: {args.seconds:g} s of load after a warm-up, every round shown "
        f"({args.repeat}); clients and server share the same cores (1-minute load average {load:.1f} when the run "
        "began). Tools: `wrk` (C, one thread, no pause), `asyncio` (keep-alive clients in Python, no pause), `threads` "
        f"(one Python thread per client, http.client), `readers` (asyncio clients pausing {args.think:g} s on average "
        "between pages: an offered load, not a flood). CPU: seconds used during the cell by the server process and "
        "by the load generator.",
        "",
        "| page | clients | tool | requests | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests/s | CPU server / client (s) | server CPU per request (ms) | server cores used | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    names = {"article": "article `/articles/{id}`", "actor": "actor `/actors/{id}`", "search": "search `/search?q=`",
             "mix": "mix (pages + lists)"}
    for r in rows:
        lines.append(f"| {names[r['endpoint']]} | {r['clients']} | {r['tool']} | {r['requests']} | {r['p50_ms']:.1f} | "
                     f"{r['p90_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['rps']:.0f} | "
                     f"{r['server_cpu_s']:.1f} / {r['client_cpu_s']:.1f} | "
                     f"{1000 * r['server_cpu_s'] / max(r['requests'], 1):.2f} | {r['server_cpu_s'] / args.seconds:.2f} | "
                     f"{r['errors']} |")
    rerun = "python bench/latency.py --data ../shared/eval-data/bbc-news/bbc-fulltext.jsonl"
    rerun += f" --articles {args.articles}" if args.articles else ""
    rerun += f" --pages {args.pages} --clients {args.clients} --tools {args.tools} --seconds {args.seconds:g}"
    rerun += f" --think {args.think:g}" if "readers" in args.tools else ""
    rerun += f" --server-workers {args.server_workers}" if args.server_workers != 1 else ""
    lines += ["", f"Rerun: `apt-get install wrk; nice {rerun} --write-docs` (builds the database on first use)"]
    print("\n".join(lines))
    if args.write_docs:
        print("wrote", _common.write_section("latency", lines))


if __name__ == "__main__":
    main()
