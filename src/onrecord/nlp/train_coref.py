"""Train the pronoun resolver's weights on GAP development; writes ``onrecord/data/coref.json``.

A mention-ranking model: for each pronoun, the candidates are the name mentions in its window (see
``onrecord.nlp.coref``) plus a "no antecedent" option with a learnt score; the loss is the negative log of the
softmax probability of the gold entity's mentions (or of the null option when GAP says neither name).  Plain
batch gradient descent with L2, in numpy::

    python -m onrecord.nlp.train_coref --gap ../shared/eval-data/gap

Only development is read; validation stays held out.  The output holds feature names and weights, no text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from ..evaluate import gap
from . import coref


def examples(docs, rows) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per pronoun: a matrix of candidate features (one row per mention) and a 0/1 gold vector (all 0 = null)."""
    out = []
    for doc, row in zip(docs, rows):
        info = coref.DocInfo(doc)
        ms, p_i = gap.mentions(doc, row)
        if p_i is None:
            continue
        cands = coref.window(info, doc[p_i], ms)
        if not cands:
            continue
        fk = gap.first_key(ms)
        ctx = coref.Context(info, doc[p_i], cands, fk)
        x = np.array([[f.get(k, 0.0) for k in coref.INPUTS] for f in (coref.conjoin(coref.features(ctx, j))
                                                                      for j in range(len(cands)))])
        y = np.array([(m.key == "A" and row.a_coref) or (m.key == "B" and row.b_coref) for m in cands], float)
        out.append((x, y))
    return out


def train(data, epochs: int = 1500, lr: float = 1.0, l2: float = 3e-3) -> dict:
    """Batch gradient descent on the softmax ranking loss; the null option is one extra row per pronoun whose
    only feature is the null weight."""
    n_f = data[0][0].shape[1]
    rows, gold, group = [], [], []
    for g, (x, y) in enumerate(data):
        rows.append(np.hstack([x, np.zeros((len(x), 1))]))
        rows.append(np.append(np.zeros(n_f), 1.0)[None, :])
        gold.append(np.append(y, 0.0 if y.any() else 1.0))
        group += [g] * (len(x) + 1)
    X = np.vstack(rows)
    G = np.concatenate(gold)
    grp = np.array(group)
    starts = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
    w = np.zeros(n_f + 1)
    for _ in range(epochs):
        s = X @ w
        mx = np.maximum.reduceat(s, starts)[grp]
        e = np.exp(s - mx)
        p = e / np.add.reduceat(e, starts)[grp]
        gp = G * p
        q = gp / np.add.reduceat(gp, starts)[grp]
        grad = X.T @ (p - q) / len(data) + l2 * np.r_[w[:-1], 0.0]
        w -= lr * grad
    return {"features": list(coref.FEATURES), "pairs": True,
            "weights": {k: round(float(v), 4) for k, v in zip(coref.INPUTS, w[:-1]) if round(float(v), 4)},
            "null": round(float(w[-1]), 4), "l2": l2, "trained_on": "GAP development (2,000 pronouns)"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gap", type=Path, required=True, help="folder with gap-development.tsv")
    ap.add_argument("--docs", type=Path, default=None, help="a DocBin of the parsed development texts (optional)")
    ap.add_argument("--out", type=Path, default=coref.WEIGHTS)
    args = ap.parse_args(argv)
    rows = gap.read_gap(gap.split_path(args.gap, "development"))
    if args.docs:
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.blank("en")
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
    else:
        docs = list(gap.parse(rows))
    model = train(examples(docs, rows))
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("wrote", args.out, json.dumps(model["weights"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
