"""Cost of one article as it grows (issue 14): the rule layers must stay linear in the article's length.

Three generated articles, each at several sizes, parsed once and timed component by component:

- ``talks``: n paragraphs of ``"We will continue the talks number {i} next week," Rubio said.`` (quotes, cues and
  events grow together; 65 KB at n = 1000);
- ``said-a``: ``said "a" `` repeated n times in one paragraph (many tiny quotes in one long sentence);
- ``marks``: n quotation marks between short words, one paragraph (a 100 KB file at n = 10,000).

    python bench/scaling_cost.py [--case talks|said-a|marks|all] [--sizes 250,500,1000] [--profile] [--write-docs]

``--profile`` prints the 25 costliest functions (cProfile, cumulative) of the largest size. The figure that matters
is the ratio of the largest to the smallest size against the ratio of their lengths (linear: equal ratios).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

CASES = {
    "talks": (lambda n: "\n\n".join(f'"We will continue the talks number {i} next week," Rubio said.'
                                    for i in range(n)), (250, 500, 1000)),
    "said-a": (lambda n: 'said "a" ' * n, (500, 1000, 2000)),
    "marks": (lambda n: " ".join(f'w{i % 97} "' for i in range(n)), (2500, 5000, 10000)),
}
RULE_LAYERS = ("onrecord_actors", "onrecord_quotes", "onrecord_events", "onrecord_stances")


def timed(nlp, text: str) -> dict[str, float]:
    """Seconds per component for one text (the parser and NER together as ``parse``)."""
    out = {"parse": 0.0}
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        doc = proc(doc)
        key = name if name in RULE_LAYERS else "parse"
        out[key] = out.get(key, 0.0) + time.perf_counter() - t0
    return out


def layer_calls(nlp, text: str) -> int:
    """Function calls (cProfile) in the rule layers: the work, without the noise of a shared machine's clock."""
    prof = cProfile.Profile()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in RULE_LAYERS:
            prof.enable()
        doc = proc(doc)
        prof.disable()
    return pstats.Stats(prof).total_calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", choices=[*CASES, "all"], default="all")
    ap.add_argument("--sizes", help="comma-separated sizes (default: the case's own)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()

    from onrecord.nlp import load_nlp

    nlp = load_nlp(None)
    nlp.max_length = 2_000_000
    timed(nlp, "Warm-up: Rubio said the talks would go on.")
    rows = []
    for case in (CASES if args.case == "all" else [args.case]):
        make, sizes = CASES[case]
        if args.sizes:
            sizes = tuple(int(x) for x in args.sizes.split(","))
        first = None
        for n in sizes:
            text = make(n)
            t = timed(nlp, text)
            calls = layer_calls(nlp, text)
            layers = sum(v for k, v in t.items() if k != "parse")
            first = first or (len(text), layers, calls)
            rows.append((case, n, len(text), t, layers, calls / first[2], len(text) / first[0]))
            print(f"{case:7} n={n:6} {len(text):8,} chars  parse {t['parse']:7.2f} s  rule layers {layers:7.2f} s "
                  f"{calls:10,} calls (×{calls / first[2]:.1f} for ×{len(text) / first[0]:.1f} the text)  " +
                  "  ".join(f"{k.removeprefix('onrecord_')} {v:.2f}" for k, v in t.items() if k != "parse"),
                  flush=True)
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(timed, nlp, make(sizes[-1]))
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    if args.write_docs:
        lines = [*_common.header_lines(), "",
                 "Cost of one generated article as it grows (`python bench/scaling_cost.py --write-docs`): the "
                 "rule layers (actors, quotes, events, stances) beside the spaCy parse; × calls: the rule layers' "
                 "function calls (cProfile), × length: the text, both against the smallest size of the case. "
                 "Linear cost: the two ratios match. Seconds on a shared machine jitter; the calls do not.", "",
                 "| case | n | chars | parse s | rule layers s | × calls | × length | quotes s | events s |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for case, n, chars, t, layers, xc, xl in rows:
            lines.append(f"| {case} | {n:,} | {chars:,} | {t['parse']:.2f} | {layers:.2f} | {xc:.1f} | {xl:.1f} | "
                         f"{t.get('onrecord_quotes', 0):.2f} | {t.get('onrecord_events', 0):.2f} |")
        print(f"wrote {_common.write_section('scaling-cost', lines)}")


if __name__ == "__main__":
    main()
