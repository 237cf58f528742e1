"""Incremental vs full consolidation on a synthetic store built from extracted BBC records.

Extracts the first --extract BBC articles once (cached as JSONL records under --cache; not timed), then builds a
store of --size articles from them: copy k of an article gets a new id, its date moved by k days, some person names
respelled (transliteration variants, given name dropped to the surname) and some quoted words changed, so ids differ,
spellings vary and quotes are shared across "outlets".  Times ``Store.consolidate(full=True)`` over the store, adds
--more articles (new copies: one more day of news, dated the day after the latest stored article, as bench/scale.py
adds its day; ``--interleaved`` dates them by copy number instead, on days the store already has), times the
incremental ``Store.consolidate()``, then the full rebuild over the grown store, and checks that both give
identical rows.

    python bench/consolidation_incremental.py [--size 10000] [--more 1000] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _common import header_lines, jsonl_documents, write_section

from onrecord.model import Article
from onrecord.store import Store

_RESPELL = (("y", "i"), ("ks", "x"), ("ff", "f"), ("ei", "ey"), ("sch", "sh"), ("ov", "off"))


def extracted(data: Path, limit: int, cache: Path) -> list[Article]:
    if cache.is_file():
        arts = [Article.from_dict(json.loads(line)) for line in cache.open(encoding="utf-8")]
        if len(arts) >= limit:
            return arts[:limit]
    from onrecord.config import Options
    from onrecord.pipeline import extract_documents

    docs = jsonl_documents(data, limit)
    arts = [a for a in extract_documents(docs, options=Options()) if not isinstance(a, Exception)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as fh:
        for a in arts:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    return arts


def _respell(rng: random.Random, name: str) -> str:
    words = name.split()
    if len(words) >= 2 and rng.random() < 0.15:
        return words[-1]  # the surname alone
    if rng.random() < 0.15:
        a, b = rng.choice(_RESPELL)
        if a in words[-1]:
            words[-1] = words[-1].replace(a, b, 1)
    return " ".join(words)


def perturbed(rng: random.Random, art: Article, k: int, site: str) -> Article:
    day = (date.fromisoformat((art.published or "2025-01-01")[:10]) if (art.published or "")[:4].isdigit()
           else date(2025, 1, 1)) + timedelta(days=k)
    actors = tuple(replace(a, name=_respell(rng, a.name)) if a.kind == "person" else a for a in art.actors)
    statements = []
    for s in art.statements:
        words = s.content_text.split()
        if words and rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(["now", "indeed", "also"])
        text = " ".join(words)
        statements.append(replace(s, content_text=text, content_spans=((0, len(text)),)))
    return replace(art, id=f"{art.id}-{k}", published=day.isoformat(), site=site, actors=actors,
                   statements=tuple(statements), warnings=())


def synthetic(base: list[Article], start: int, n: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    sites = [f"Outlet {i}" for i in range(40)]
    out = []
    for i in range(start, start + n):
        out.append(perturbed(rng, base[i % len(base)], i // len(base), rng.choice(sites)))
    return out


def next_day(stored: list[Article], more: list[Article]) -> list[Article]:
    """``more`` dated the day after the latest of ``stored``: one more day of news."""
    day = (max(date.fromisoformat(a.published[:10]) for a in stored) + timedelta(days=1)).isoformat()
    return [replace(a, published=day) for a in more]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval-data/bbc-news/bbc-fulltext.jsonl"))
    ap.add_argument("--extract", type=int, default=300)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-bbc-records.jsonl")
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--more", type=int, default=1000)
    ap.add_argument("--db", default=None, help="a SQLite path or PostgreSQL URL (default: a temporary file)")
    ap.add_argument("--distinct", action="store_true",
                    help="no copies: the store is the first --size extracted articles, then the next --more")
    ap.add_argument("--interleaved", action="store_true",
                    help="date the added copies by copy number (days the store has) instead of the next day")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    if not args.cache.is_file() and not args.data.is_file():
        sys.exit(f"no BBC data at {args.data}")
    from test_consolidate_incremental import snapshot

    base = extracted(args.data, args.extract, args.cache)
    if args.distinct:
        first, then = base[:args.size], base[args.size:args.size + args.more]
        args.size, args.more = len(first), len(then)
    else:
        first, then = synthetic(base, 0, args.size, 1), synthetic(base, args.size, args.more, 2)
        if not args.interleaved:
            then = next_day(first, then)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or Path(tmp) / "bench.db")
        t_add, _ = timed(lambda: store.add_many(first))
        t_full, s_full = timed(lambda: store.consolidate(full=True))
        t_add2, _ = timed(lambda: store.add_many(then))
        t_inc, s_inc = timed(store.consolidate)
        inc = snapshot(store)
        t_full2, _ = timed(lambda: store.consolidate(full=True))
        same = snapshot(store) == inc
        nodes = store.con.execute("SELECT COUNT(*) FROM actor_nodes").fetchone()[0]
        passages = store.con.execute("SELECT COUNT(*) FROM quote_passages").fetchone()[0]
        store.close()
    print(f"stored {args.size} articles in {t_add:.1f} s; +{args.more} in {t_add2:.1f} s")
    print(f"full over {args.size}: {t_full:.2f} s; incremental +{args.more}: {t_inc:.2f} s "
          f"({s_inc['recomputed_nodes']} of {nodes} nodes, {s_inc['recomputed_passages']} of {passages} passages "
          f"recomputed); full over {args.size + args.more}: {t_full2:.2f} s; identical: {same}")
    what = (f"the first {args.size} extracted BBC News articles, then the next {args.more} (distinct news)"
            if args.distinct else
            f"a synthetic store of {args.size} articles built from {len(base)} extracted BBC News records (copies "
            "with new ids, dates moved, person names respelled or cut to the surname, quoted words changed), then "
            f"{args.more} more such copies " + ("dated by copy number (on days the store has)" if args.interleaved
                                               else "dated the next day"))
    flags = (f"--size {args.size} --more {args.more}" + (f" --distinct --extract {args.extract}" if args.distinct else "")
             + (" --interleaved" if args.interleaved else ""))
    lines = [
        f"`python bench/consolidation_incremental.py {flags}`: {what}.",
        "",
        *header_lines(),
        "",
        "| store | full rebuild s | incremental s | incremental / full | nodes recomputed / appended | "
        "passages recomputed / appended | identical to full |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| {args.size} → {args.size + args.more} articles ({nodes} actor nodes, {passages} passages) | "
        f"{t_full2:.2f} | {t_inc:.2f} | {t_inc / t_full2:.1%} | {s_inc['recomputed_nodes']} / "
        f"{s_inc.get('appended_nodes', 0)} | {s_inc['recomputed_passages']} / {s_inc.get('appended_passages', 0)} | "
        f"{'yes' if same else 'NO'} |",
        "",
        f"Full rebuild over the first {args.size}: {t_full:.2f} s ({s_full['actor_clusters']} actor clusters, "
        f"{s_full['quote_clusters']} quote clusters).",
    ]
    if args.write_docs:
        print("wrote", write_section("consolidation-incremental" + ("-distinct" if args.distinct else ""), lines))
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
