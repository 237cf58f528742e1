"""How long `consolidate` takes as a store grows, on BBC News articles (the record across articles).

Extracts the first N articles of the BBC corpus once (not timed here: see throughput.py), then times the pure
``consolidate()`` over growing prefixes (best of --repeat runs) and ``Store.consolidate()`` (read every article,
cluster, write the clusters in one transaction) over all of them.  Prints the multi-spelling actor clusters it
found so a reader can check them by eye.

    python bench/consolidation.py [--limit 400] [--write-docs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import header_lines, jsonl_documents, write_section  # noqa: E402

from onrecord.config import Options  # noqa: E402
from onrecord.consolidate import consolidate  # noqa: E402
from onrecord.pipeline import extract_documents  # noqa: E402
from onrecord.store import Store  # noqa: E402


def best_of(repeat: int, fn):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval-data/bbc-news/bbc-fulltext.jsonl"))
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    if not args.data.is_file():
        sys.exit(f"no BBC data at {args.data}")
    docs = jsonl_documents(args.data, args.limit)
    articles = [a for a in extract_documents(docs, options=Options()) if not isinstance(a, Exception)]
    rows = []
    sizes = sorted({n for n in (args.limit // 4, args.limit // 2, args.limit) if n})
    for n in sizes:
        part = articles[:n]
        secs, result = best_of(args.repeat, lambda part=part: consolidate(part))
        actors = sum(len(a.actors) for a in part)
        stmts = sum(len(a.statements) for a in part)
        multi = [c for c in result.actors if len({m.name for m in c.members}) > 1]
        quotes = sum(1 for q in result.quotes if len(q.sources) > 1)
        rows.append((n, actors, stmts, len(result.actors), len(multi), quotes, secs))
        print(f"{n} articles: {actors} actors → {len(result.actors)} clusters ({len(multi)} with several "
              f"spellings), {stmts} statements → {quotes} quotes with several sources; {secs * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        store.add_many(articles)
        store_secs, _ = best_of(args.repeat, store.consolidate)
        store.close()
    print(f"Store.consolidate over {len(articles)} articles (read, cluster, write): {store_secs * 1000:.0f} ms")
    print("\nactor clusters with several spellings (check by eye):")
    for c in [c for c in consolidate(articles).actors if len({m.name for m in c.members}) > 1][:40]:
        print(f"  {c.kind:12} {' | '.join(sorted({m.name for m in c.members}))}")

    lines = [
        f"`python bench/consolidation.py --limit {args.limit}`: `consolidate()` over the first articles of the BBC "
        "News corpus (extracted once, not timed), best of "
        f"{args.repeat}; `Store.consolidate()` reads every stored article, clusters and writes the result in one "
        "transaction.",
        "",
        *header_lines(),
        "",
        "| articles | actors | statements | actor clusters | with several spellings | quotes with several sources | "
        "consolidate() ms |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *[f"| {n} | {a} | {s} | {c} | {m} | {q} | {secs * 1000:.0f} |" for n, a, s, c, m, q, secs in rows],
        "",
        f"`Store.consolidate()` over {len(articles)} articles: {store_secs * 1000:.0f} ms.",
    ]
    if args.write_docs:
        print("wrote", write_section("consolidation", lines))
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
