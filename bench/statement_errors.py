"""Where onrecord's statements miss PolNeAR, grouped so that the biggest patterns show first.

For every document the gold attributions and onrecord's statements are matched as the scorer matches them
(``onrecord.evaluate.statements.match`` at overlap ≥ 0.5).  Then:

* a missed gold attribution is ``none`` (no statement touches it), ``boundary`` (a statement overlaps it, too
  little: its content is too long, too short or shifted) or ``taken`` (the statement that overlaps it most already
  matched another gold attribution); ``none`` misses are grouped by the gold cue's head — lemma, part of speech and
  dependency in our parse — which is what a rule would key on;
* an unmatched statement is a false positive, grouped by its cue (``<floating>`` for a cue-less quote) and by whether
  it overlaps any gold content at all.

Work on the train split and keep dev for checking.  Parsing is the slow part: ``--cache FILE`` keeps the parse (a
spaCy DocBin) so that a second run only re-runs onrecord's components::

    python bench/statement_errors.py --gold ../shared/eval-data/polnear/data/train --cache /tmp/train.spacy \\
        [--limit N] [--examples 5] [--json errors.json]

It prints tables; ``--json`` also writes every miss and false positive with its text, for reading.  The data stays
where it is (nothing of the corpus is written into the repository).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from spacy.tokens import DocBin

from onrecord.evaluate.gold import read_brat_dir
from onrecord.evaluate.statements import match, normalise, overlap
from onrecord.nlp import load_nlp

_COMPONENTS = ("onrecord_actors", "onrecord_quotes")


def parsed_docs(nlp, texts: list[str], cache: Path | None):
    """The parse of ``texts`` (spaCy model and onrecord_paragraphs only), from ``cache`` when it holds them."""
    skip = [n for n in nlp.pipe_names if n.startswith("onrecord_") and n != "onrecord_paragraphs"]
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=8, disable=skip))
    if cache is not None:
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def _text(text: str, spans) -> str:
    return " | ".join(text[a:b] for a, b in spans)


def analyse(gold_dir: Path, cache: Path | None = None, limit: int | None = None) -> dict:
    nlp = load_nlp()
    golds = list(read_brat_dir(gold_dir))[:limit]
    docs = parsed_docs(nlp, [g.text for g in golds], cache)
    comps = [nlp.get_pipe(n) for n in _COMPONENTS]
    misses, fps = [], []
    n_gold = n_pred = n_tp = 0
    for g, doc in zip(golds, docs):
        for comp in comps:
            doc = comp(doc)
        stmts = list(doc._.onrecord_statements)
        text = g.text
        gold = [normalise(text, s.content_spans) for s in g.statements]
        pred = [normalise(text, s.content_spans) for s in stmts]
        pairs = match(text, gold, pred, "0.5")
        by_gold = dict(pairs)
        matched_pred = {p for _, p in pairs}
        n_gold, n_pred, n_tp = n_gold + len(gold), n_pred + len(pred), n_tp + len(pairs)
        for gi, gs in enumerate(g.statements):
            if gi in by_gold:
                continue
            ovs = [(overlap(p, gold[gi]), pi) for pi, p in enumerate(pred)]
            best, bpi = max(ovs, default=(0.0, None))
            kind = "none" if not best else ("taken" if bpi in matched_pred else "boundary")
            head = ""
            if gs.cue_spans:
                span = doc.char_span(gs.cue_spans[0][0], gs.cue_spans[-1][1], alignment_mode="expand")
                if span is not None:
                    r = span.root
                    head = f"{r.lemma_.lower()}/{r.pos_}/{r.dep_}"
            misses.append({"doc": g.doc_id, "kind": kind, "gold_kind": gs.kind, "cue": _text(text, gs.cue_spans),
                           "cue_head": head, "source": gs.speaker_name, "gold": _text(text, gold[gi]),
                           "pred": _text(text, pred[bpi]) if best else None, "overlap": round(best, 2)})
        for pi, s in enumerate(stmts):
            if pi in matched_pred:
                continue
            best = max((overlap(pred[pi], gg) for gg in gold), default=0.0)
            fps.append({"doc": g.doc_id, "kind": s.kind, "cue": s.cue.text.lower() if s.cue else "<floating>",
                        "speaker": s.speaker.text, "pred": _text(text, pred[pi]), "overlap": round(best, 2)})
    p = n_tp / n_pred if n_pred else 0.0
    r = n_tp / n_gold if n_gold else 0.0
    return {"docs": len(golds), "gold": n_gold, "pred": n_pred, "tp": n_tp, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "misses": misses, "false_positives": fps}


def _table(title: str, counter: collections.Counter, examples: dict, top: int, n_ex: int) -> list[str]:
    lines = [f"\n{title}"]
    for key, n in counter.most_common(top):
        lines.append(f"{n:6d}  {key}")
        for ex in examples.get(key, [])[:n_ex]:
            lines.append(f"          · {ex[:140]}")
    return lines


def report(res: dict, top: int = 30, n_ex: int = 0) -> str:
    out = [f"{res['docs']} docs, gold {res['gold']}, predicted {res['pred']}, matched {res['tp']}: "
           f"P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f} (overlap ≥ 0.5)"]
    m = res["misses"]
    out += _table("missed gold attributions by kind of miss × gold kind",
                  collections.Counter(f"{x['kind']:8s} {x['gold_kind']}" for x in m), {}, top, 0)
    ex = collections.defaultdict(list)
    for x in m:
        if x["kind"] == "none":
            ex[x["cue_head"] or "<no cue>"].append(f"[{x['cue']}] {x['gold']}")
    out += _table("'none' misses by the gold cue's head (lemma/POS/dep in our parse)",
                  collections.Counter(x["cue_head"] or "<no cue>" for x in m if x["kind"] == "none"), ex, top, n_ex)
    ex = collections.defaultdict(list)
    for x in m:
        if x["kind"] == "boundary":
            rel = ("too long" if x["gold"] in (x["pred"] or "") else
                   "too short" if (x["pred"] or "") in x["gold"] else "shifted")
            x["boundary"] = rel
            ex[rel].append(f"G: {x['gold'][:60]}  P: {x['pred'][:60]}")
    out += _table("'boundary' misses: our content against the gold one",
                  collections.Counter(x["boundary"] for x in m if x["kind"] == "boundary"), ex, top, n_ex)
    f = res["false_positives"]
    ex = collections.defaultdict(list)
    for x in f:
        ex[x["cue"]].append(f"({x['speaker']}) {x['pred']}")
    out += _table("false positives by cue (no overlap with any gold content)",
                  collections.Counter(x["cue"] for x in f if not x["overlap"]), ex, top, n_ex)
    out += _table("false positives by cue (overlapping a gold content: a boundary problem)",
                  collections.Counter(x["cue"] for x in f if x["overlap"]), {}, top, 0)
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="PolNeAR split directory (text/ and attributions/)")
    ap.add_argument("--cache", type=Path, help="DocBin file keeping the parse between runs")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--top", type=int, default=30, help="rows per table")
    ap.add_argument("--examples", type=int, default=0, help="examples per row")
    ap.add_argument("--json", type=Path, help="write every miss and false positive here")
    args = ap.parse_args()
    if not (args.gold / "text").is_dir():
        sys.exit(f"{args.gold}: not a PolNeAR split directory (expected text/ and attributions/)")
    res = analyse(args.gold, args.cache, args.limit)
    print(report(res, args.top, args.examples))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
