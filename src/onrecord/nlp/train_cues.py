"""Learn the cue lexicon from PolNeAR train: which words act as attribution cues, and how often.

For every token of the training texts we count how often its lemma (by part of speech) occurs and how often it is
the head of a gold ``Cue`` span; "verb+preposition" cues ("talk about", "call for") are counted as such. The result
is a small table of rates, shipped as ``onrecord/data/cues.json`` and read by ``onrecord.nlp.quotes.cues``::

    python -m onrecord.nlp.train_cues --polnear ../shared/eval-data/polnear/data/train

It holds lemmas and counts only — no text of the corpus. Trained on train only; dev stays for evaluation.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "cues.json"


def _cue_spans(ann: Path) -> list[tuple[int, int]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("Cue "):
            for frag in parts[1][4:].split(";"):
                a, b = frag.split()
                spans.append((int(a), int(b)))
    return spans


def train(root: Path, model: str | None = None, min_count: int = 3) -> dict:
    import spacy

    from . import resolve_model_name

    nlp = spacy.load(resolve_model_name(model), exclude=["ner"])
    texts, cues = [], []
    for tf in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(tf.stem + "_*.ann"))
        if not anns:
            continue
        texts.append(tf.read_text(encoding="utf-8"))
        cues.append(_cue_spans(anns[0]))
    seen: collections.Counter[str] = collections.Counter()
    hit: collections.Counter[str] = collections.Counter()
    for doc, spans in zip(nlp.pipe(texts, batch_size=8), cues):
        cue_chars = set()
        for a, b in spans:
            cue_chars.update(range(a, b))
        for t in doc:
            if t.pos_ not in {"VERB", "NOUN", "ADJ", "ADP"}:
                continue
            keys = [f"{t.pos_}:{t.lemma_.lower()}"]
            for c in t.children:
                if c.dep_ == "prep" and c.i > t.i:
                    keys.append(f"{t.pos_}:{t.lemma_.lower()}+{c.lower_}")
            is_cue = t.idx in cue_chars
            for k in keys:
                seen[k] += 1
                if is_cue:
                    hit[k] += 1
    table = {k: [hit[k], seen[k]] for k in seen if hit[k] >= min_count}
    return {"source": "PolNeAR v1.0 train (counts only)", "docs": len(texts), "cues": table}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, required=True, help="PolNeAR split directory (text/ and attributions/)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    result = train(args.polnear, args.model)
    args.out.write_text(json.dumps(result, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(result['cues'])} cue entries from {result['docs']} documents → {args.out}")


if __name__ == "__main__":
    main()
