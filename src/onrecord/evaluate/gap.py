"""GAP (Webster et al. 2018, "Mind the GAP: A Balanced Corpus of Gendered Ambiguous Pronouns"): pronoun → name.

Each row gives a Wikipedia passage, a pronoun (with its offset) and two names A and B (with offsets) and says
whether the pronoun refers to A, to B, or to neither.  The measure is the one GAP's own scorer uses: each
(pronoun, name) pair is a binary decision, and precision, recall and F1 are taken over the pairs predicted and
annotated true; F1 is also reported per pronoun gender and as the feminine/masculine ratio ("bias").

Our prediction is the resolver's (``onrecord.nlp.coref.decide``) on the passage's name mentions: A and B at their
offsets, every other occurrence of a word of their names, and the other PERSON entities the NER finds (with
``OTHERS`` set; GAP's task, and its baselines, choose between A and B only).  The pronoun is predicted to refer to A (or B) when the resolver picks A's
(B's) entity; unresolved predicts neither.

    onrecord eval gap --gold ../shared/eval-data/gap            # both splits
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..errors import GoldFormatError
from ..nlp import coref

SPLITS = ("development", "validation")
# GAP's task is the choice between A and B (its baselines see only those two); other people the NER finds are
# left out of the candidates unless this is set
OTHERS = False


@dataclass(frozen=True)
class GapRow:
    id: str
    text: str
    pronoun: str
    pronoun_offset: int
    a: str
    a_offset: int
    a_coref: bool
    b: str
    b_offset: int
    b_coref: bool


def read_gap(path: Path) -> list[GapRow]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            try:
                rows.append(GapRow(r["ID"], r["Text"], r["Pronoun"], int(r["Pronoun-offset"]), r["A"],
                                   int(r["A-offset"]), r["A-coref"].strip().upper() == "TRUE", r["B"],
                                   int(r["B-offset"]), r["B-coref"].strip().upper() == "TRUE"))
            except (KeyError, ValueError, AttributeError) as err:
                raise GoldFormatError(f"{path}:{n}: not a GAP row ({err})") from err
    return rows


def split_path(gold: Path, split: str) -> Path:
    p = Path(gold) / f"gap-{split}.tsv"
    if not p.exists():
        raise GoldFormatError(f"{p}: no such GAP file")
    return p


def _span(doc: Doc, off: int, text: str) -> tuple[int, int] | None:
    sp = doc.char_span(off, off + len(text), alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None else None


def mentions(doc: Doc, row: GapRow) -> tuple[list[coref.Mention], int | None]:
    """Name mentions keyed "A", "B" or an other person's surname, and the pronoun's token index."""
    pron = doc.char_span(row.pronoun_offset, row.pronoun_offset + len(row.pronoun), alignment_mode="expand")
    p_i = pron.start if pron is not None else None
    out: list[coref.Mention] = []
    taken: set[int] = set()
    words = {}
    for key, name, off in (("A", row.a, row.a_offset), ("B", row.b, row.b_offset)):
        sp = _span(doc, off, name)
        if sp is not None:
            out.append(coref.Mention(key, *sp))
            taken.update(range(*sp))
        words[key] = {w.lower() for w in name.replace(",", " ").split() if len(w) > 2 and w[:1].isupper()}
    shared = words["A"] & words["B"]
    i = 0
    while i < len(doc):
        t = doc[i]
        key = None
        if i not in taken and t.text[:1].isupper():
            for k in ("A", "B"):
                if t.lower_ in words[k] - shared:
                    key = k
        if key is None:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and doc[j].lower_ in words[key] - shared:
            j += 1
        out.append(coref.Mention(key, i, j))
        taken.update(range(i, j))
        i = j
    for e in doc.ents if OTHERS else ():
        if e.label_ == "PERSON" and not any(k in taken for k in range(e.start, e.end)):
            s, t = e.start, e.end
            while t > s and (doc[t - 1].is_punct or doc[t - 1].text in {"'s", "’s"}):
                t -= 1
            if t > s:
                out.append(coref.Mention("other:" + doc[t - 1].lower_, s, t))
    out.sort(key=lambda m: m.start)
    return out, p_i


def first_key(cands: list[coref.Mention]) -> object:
    return cands[0].key if cands else None


def predict(doc: Doc, row: GapRow, info: coref.DocInfo | None = None) -> tuple[bool, bool]:
    info = info or coref.DocInfo(doc)
    ms, p_i = mentions(doc, row)
    if p_i is None:
        return False, False
    cands = coref.window(info, doc[p_i], ms)
    key, _how = coref.decide(info, doc[p_i], cands, first_key(ms))
    return key == "A", key == "B"


def score(golds: list[GapRow], preds: list[tuple[bool, bool]]) -> dict:
    """GAP's measure: P/R/F1 over (pronoun, name) pairs, overall and per pronoun gender, and the F/M F1 ratio."""
    fem = {"she", "her", "hers", "herself"}
    counts = {"all": [0, 0, 0], "masculine": [0, 0, 0], "feminine": [0, 0, 0]}  # tp, fp, fn
    for g, (pa, pb) in zip(golds, preds, strict=True):
        gender = "feminine" if g.pronoun.lower() in fem else "masculine"
        for gold, pred in ((g.a_coref, pa), (g.b_coref, pb)):
            for key in ("all", gender):
                c = counts[key]
                if pred and gold:
                    c[0] += 1
                elif pred:
                    c[1] += 1
                elif gold:
                    c[2] += 1
    out = {}
    for key, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[key] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                    "tp": tp, "fp": fp, "fn": fn}
    m, f = out["masculine"]["f1"], out["feminine"]["f1"]
    out["bias"] = f / m if m else 0.0
    return out


def parse(rows: list[GapRow], model: str | None = None) -> Iterator[Doc]:
    import spacy

    from ..nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name(model))
    yield from nlp.pipe((r.text for r in rows), batch_size=64)


def evaluate_gap(path: Path, model: str | None = None, limit: int | None = None,
                 docs: list[Doc] | None = None) -> dict:
    rows = read_gap(path)
    if limit is not None:
        rows = rows[:limit]
    docs_iter = docs if docs is not None else parse(rows, model)
    preds = [predict(d, r) for d, r in zip(docs_iter, rows)]
    result = score(rows, preds)
    result["examples"] = len(rows)
    return result
