"""Statements on general news: the BBC gold outside politics (tests/data/general-news), both halves.

The gold follows the Gender Gap Tracker's definition of a quote (speech or writing attributed to a speaker), so
the headline rows score the record's ``speech`` and ``writing`` statements; a row per half also scores every
type (beliefs, attitudes and findings count as false positives there), to show what the typing is worth. The texts are read
from the shared BBC file by id and checked by sha256 (docs/gold-format.md); nothing of them is in the repository.

    python bench/general_news.py --eval-data ../shared/eval-data [--write-docs]

The dev half is the one whose errors were read while the rules were written; the held-out half's only figures
are these.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

from onrecord.evaluate.gate import GENERAL_NEWS, GENERAL_NEWS_TYPES  # noqa: E402
from onrecord.evaluate.gold import read_jsonl  # noqa: E402
from onrecord.evaluate.statements import default_predictor, evaluate_statements  # noqa: E402


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-data", type=Path, default=Path("../shared/eval-data"))
    ap.add_argument("--write-docs", action="store_true", help="update the general-news section of docs/benchmarks.md")
    args = ap.parse_args()
    predict = default_predictor()
    cache: dict[str, object] = {}

    def cached(g):  # one parse per article for both rows of a half
        if g.doc_id not in cache:
            cache[g.doc_id] = predict(g)
        return cache[g.doc_id]

    rows = []
    for half in ("dev", "heldout"):
        golds = list(read_jsonl(GENERAL_NEWS / f"{half}.jsonl", eval_data=args.eval_data))
        for label, types in (("speech + writing", GENERAL_NEWS_TYPES), ("every type", None)):
            t0 = time.perf_counter()
            r = evaluate_statements(golds, cached, types=types)
            t = r["thresholds"]
            rows.append(f"| {half} | {label} | {r['docs']} | {r['gold']} | {r['pred']} | {_pct(t['0.5']['precision'])} | "
                        f"{_pct(t['0.5']['recall'])} | {_pct(t['0.5']['f1'])} | {_pct(t['exact']['f1'])} | "
                        f"{_pct(r['cue']['accuracy'])} | {_pct(r['speaker_span']['accuracy'])} | "
                        f"{_pct(r['speaker_name']['accuracy'])} | {_pct(r['speaker_resolved']['accuracy'])} | "
                        f"{time.perf_counter() - t0:.1f} |")
            print(rows[-1])
    lines = _common.header_lines() + [
        "",
        "General news: 40 BBC News articles (2004-05) outside politics, drawn by seed (10 each from business, sport, "
        "tech, entertainment) and annotated by hand after the Gender Gap Tracker's quote definition "
        "(tests/data/general-news/README.md); split by a hash of the id into dev (errors read) and held-out (never "
        "read). Scored as PolNeAR (docs/gold-format.md): P/R/F1 at overlap ≥ 0.5, F1 exact, cue and speaker on the "
        "pairs matched at ≥ 0.5; the gold's speaker is the resolved name.",
        "",
        "| half | statements scored | articles | gold | pred | P ≥0.5 | R ≥0.5 | F1 ≥0.5 | F1 exact | cue | "
        "speaker span | speaker name | speaker resolved | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "Before the speech rule (main 9740ef4, every statement): dev P 56.2 R 76.8 F1 64.9, speaker name 68.5 / "
        "resolved 75.3; held-out P 50.7 R 80.4 F1 62.2, speaker name 72.2 / resolved 80.0.",
        "",
        "Before the speaker rules of nlp/actor_aliases.py and the coreference of organisations and descriptions "
        "(main 61754bb): speaker name 73.2 dev / 72.9 held-out, speaker resolved 82.9 / 83.0.",
    ]
    if args.write_docs:
        print("wrote", _common.write_section("general-news", lines))


if __name__ == "__main__":
    main()
