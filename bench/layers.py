"""What the time, event and stance layers cost: extract time per article on the BBC News corpus with

  (a) actors + quotes only (``onrecord_times``, ``onrecord_events`` and ``onrecord_stances`` disabled),
  (b) + times (every temporal expression, and the publication date from the text),
  (c) + times + events (with the party mapping that runs inside ``onrecord_events``),
  (d) + times + events + stances (topics and stances: the full pipeline),

on the same documents and the same loaded, warmed model in one process (``nlp.select_pipes``), so only the layers
differ. Times are the process's CPU time (the machine is shared: wall time drifts with other people's load); the
configurations run in interleaved rounds, each round's overhead is taken against the same round's base (so drift
between rounds cancels), and the median over rounds is reported beside the range. A last full run also clocks the
three components from inside, which gives their share independent of drift between runs. The load average is
printed before and after: a figure taken on a loaded machine says so.
The budget (issue 12): times, events and stances together add at most 15% to the extract time.

    python bench/layers.py --data ../shared/eval-data/bbc-news/bbc-fulltext.jsonl [--limit 200] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

CONFIGS = [
    ("actors + quotes", ("onrecord_times", "onrecord_events", "onrecord_stances")),
    ("+ times", ("onrecord_events", "onrecord_stances")),
    ("+ times + events", ("onrecord_stances",)),
    ("+ times + events + stances", ()),
]


def load_texts(path: Path, limit: int) -> tuple[list[str], dict[str, int]]:
    """``limit`` texts spread evenly over the file (every k-th line: the corpus is sorted by section, so the first
    ``limit`` would all be business news) and how many come from each section (the id's prefix, "sport/001")."""
    with path.open("rb") as f:
        rows = [json.loads(line.decode("utf-8", "replace")) for line in f if line.strip()]
    step = max(1, len(rows) // max(1, limit))
    out, sections = [], {}
    for row in rows[::step][:limit]:
        out.append(row["text"])
        section = str(row.get("id", "?")).split("/")[0]
        sections[section] = sections.get(section, 0) + 1
    return out, sections


class LayerClock:
    """CPU time spent inside the time, event and stance components, measured within a full run (so the share is
    immune to load that slows the whole run)."""

    def __init__(self) -> None:
        from onrecord.nlp import events, stances, times

        self.spent = {"times": 0.0, "events": 0.0, "stances": 0.0}
        self._orig = {}
        for name, cls in (("times", times.TimesComponent), ("events", events.EventsComponent),
                          ("stances", stances.StancesComponent)):
            self._orig[cls] = cls.__call__

            def timed(this, doc, _name=name, _call=cls.__call__):
                t0 = time.process_time()
                try:
                    return _call(this, doc)
                finally:
                    self.spent[_name] += time.process_time() - t0

            cls.__call__ = timed

    def close(self) -> None:
        for cls, call in self._orig.items():
            cls.__call__ = call


def time_config(nlp, docs, options, disable: tuple[str, ...]) -> tuple[float, dict[str, int]]:
    """CPU seconds (this process) to extract ``docs`` with the named components disabled."""
    from onrecord.pipeline import extract_documents

    counts = {"times": 0, "events": 0, "topics": 0, "stances": 0}
    with nlp.select_pipes(disable=list(disable)):
        t0 = time.process_time()
        for art in extract_documents(docs, nlp=nlp, options=options, site_dedup=False):
            counts["times"] += len(art.times)
            counts["events"] += len(art.events)
            counts["topics"] += len(art.topics)
            counts["stances"] += len(art.stances)
        return time.process_time() - t0, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval-data/bbc-news/bbc-fulltext.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5, help="interleaved rounds; the median of each row is reported")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"data not found: {args.data}")

    from onrecord import ingest
    from onrecord.config import Options
    from onrecord.nlp import load_nlp, resolve_model_name

    model = resolve_model_name(None)
    nlp = load_nlp(model)
    options = Options(model=model)
    texts, sections = load_texts(args.data, args.limit)
    docs = [ingest.document_from_text(t, source=f"bbc-{i}") for i, t in enumerate(texts)]
    load_before = os.getloadavg()
    time_config(nlp, docs, options, ())  # warm up on the same documents: lazy tables, caches, first-call costs
    runs: dict[str, list[float]] = {name: [] for name, _ in CONFIGS}
    counts: dict[str, dict[str, int]] = {}
    for _ in range(args.repeat):
        for name, disable in CONFIGS:
            dt, c = time_config(nlp, docs, options, disable)
            runs[name].append(dt)
            counts[name] = c
    base_name = CONFIGS[0][0]
    # each round's overhead against that round's base: drift between rounds (other people's load) cancels
    over = {name: [100 * (t / b - 1) for t, b in zip(runs[name], runs[base_name])] for name, _ in CONFIGS}
    med = {name: statistics.median(v) for name, v in runs.items()}
    clock = LayerClock()
    full, _ = time_config(nlp, docs, options, ())
    clock.close()
    layers = clock.spent["times"] + clock.spent["events"] + clock.spent["stances"]
    share = 100 * layers / (full - layers)
    load_after = os.getloadavg()
    lines = _common.header_lines() + [
        f"Data: {len(texts)} articles spread evenly over `{args.data.name}` (BBC News 2004-05; sections: "
        f"{', '.join(f'{k} {v}' for k, v in sections.items())}), model `{model}`, one process; "
        f"clean + parse + components + record. Times are CPU seconds of the process (the machine is shared, so "
        f"wall time drifts), {args.repeat} interleaved rounds after a warm-up run on the same documents; medians, "
        "and each round's overhead against the same round's base. The budget (issue 12): times, events and "
        "stances add at most 15% to the extract time per article. Load average (1/5/15 min) "
        f"{'/'.join(f'{x:.2f}' for x in load_before)} before, {'/'.join(f'{x:.2f}' for x in load_after)} after "
        f"on {os.cpu_count()} cores.",
        "",
        f"Inside one full run, the three components took {1000 * clock.spent['times'] / len(texts):.2f} ms (times), "
        f"{1000 * clock.spent['events'] / len(texts):.2f} ms (events, with party mapping) and "
        f"{1000 * clock.spent['stances'] / len(texts):.2f} ms (topics and stances) per "
        f"article: **{share:+.1f}%** on top of the rest of the extraction "
        f"({1000 * (full - layers) / len(texts):.1f} ms/article).",
        "",
        "| pipeline | articles per CPU-s | CPU ms/article (median) | overhead vs actors + quotes (median of rounds; "
        "range) | times | events | topics | stances |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, _disable in CONFIGS:
        dt = med[name]
        c = counts[name]
        lines.append(f"| {name} | {len(texts) / dt:.2f} | {1000 * dt / len(texts):.1f} | "
                     f"{statistics.median(over[name]):+.1f}% ({min(over[name]):+.1f}% … {max(over[name]):+.1f}%) | "
                     f"{c['times']} | {c['events']} | {c['topics']} | {c['stances']} |")
    lines += ["", "Rerun: `python bench/layers.py --data ../shared/eval-data/bbc-news/bbc-fulltext.jsonl "
              f"--limit {args.limit} --repeat {args.repeat} --write-docs`"]
    print("\n".join(lines))
    if args.write_docs:
        print("wrote", _common.write_section("layers", lines))


if __name__ == "__main__":
    main()
