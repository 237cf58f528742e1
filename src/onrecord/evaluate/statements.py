"""Score predicted statements against gold statements: content P/R/F1 at several overlap thresholds, per kind,
and cue and speaker accuracy on the matched pairs.

Definitions (also in docs/gold-format.md, which is the reference):

* A content is the set of character offsets of its fragments after each fragment is trimmed of surrounding
  whitespace, quotation marks and punctuation — so ``“We will win,”`` and ``We will win`` are the same content.
* overlap(pred, gold) = |pred ∩ gold| / max(|pred|, |gold|) on those character sets.  It is at least t only when
  the shared text covers a fraction t of *both* spans, so a one-sentence prediction inside a three-paragraph gold
  quote does not pass 0.5.
* thresholds: ``exact`` (same character sets), ``0.8``, ``0.5`` (the headline: "content overlap ≥ 50% with a gold
  content") and ``any`` (the intersection holds at least one letter or digit).
* Matching is one-to-one and greedy: per document, all (gold, pred) pairs passing the threshold are taken in
  order of decreasing overlap (ties: document order), skipping pairs whose gold or prediction is already used.
  Two predictions covering one gold statement therefore count one true positive and one false positive.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ..errors import OnrecordError
from ..model import Article, Statement
from .gold import DOUBLE_QUOTES, GoldDoc, GoldStatement

log = logging.getLogger(__name__)

Span = tuple[int, int]
THRESHOLDS: tuple[str, ...] = ("exact", "0.8", "0.5", "any")
HEADLINE = "0.5"
MATCHING = "greedy one-to-one by decreasing overlap, per threshold"
OVERLAP = "chars(pred ∩ gold) / max(chars(pred), chars(gold)), spans trimmed of space, quote marks, punctuation"

_TRIM = set(DOUBLE_QUOTES + "‘’'‚‹›" + " \t\n\r\u00a0.,;:!?—–-…()[]")

# Words that do not identify anyone: titles, determiners, pronouns.  Used by the speaker-name comparison.
TITLES = frozenset("""mr mrs ms miss dr prof sir dame lord lady gen col capt lt sgt rev sen rep gov pres president
senator representative governor congressman congresswoman secretary minister chairman chairwoman ceo judge
justice mayor ambassador former interim acting vice deputy chief""".split())
_STOP = frozenset("the a an of and s in for to on at by with".split())
PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their who whom this that
these those one""".split())


# ------------------------------------------------------------------------------------------------ spans

def trim_span(text: str, span: Span) -> Span | None:
    """The span without surrounding whitespace, quotation marks and punctuation; None when nothing is left."""
    a, b = span
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return (a, b) if a < b else None


def normalise(text: str, spans: Iterable[Span]) -> tuple[Span, ...]:
    """Trimmed, sorted, merged (disjoint) intervals."""
    ivs = sorted(s for s in (trim_span(text, sp) for sp in spans) if s)
    merged: list[list[int]] = []
    for a, b in ivs:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return tuple((a, b) for a, b in merged)


def _size(ivs: tuple[Span, ...]) -> int:
    return sum(b - a for a, b in ivs)


def intersection(p: tuple[Span, ...], g: tuple[Span, ...]) -> list[Span]:
    out = []
    for a, b in p:
        for c, d in g:
            lo, hi = max(a, c), min(b, d)
            if lo < hi:
                out.append((lo, hi))
    return out


def overlap(p: tuple[Span, ...], g: tuple[Span, ...]) -> float:
    """|p ∩ g| / max(|p|, |g|) on normalised intervals (0.0 when either is empty)."""
    denom = max(_size(p), _size(g))
    if not denom:
        return 0.0
    return sum(b - a for a, b in intersection(p, g)) / denom


def spans_touch(a: Iterable[Span], b: Iterable[Span]) -> bool:
    """At least one character in common."""
    return any(max(x, y) < min(x2, y2) for x, x2 in a for y, y2 in b)


def passes(threshold: str, text: str, p: tuple[Span, ...], g: tuple[Span, ...], ov: float) -> bool:
    if threshold == "exact":
        return bool(p) and p == g
    if threshold == "any":
        return any(re.search(r"[^\W_]", text[a:b]) for a, b in intersection(p, g))
    return ov >= float(threshold)


def match(text: str, gold: list[tuple[Span, ...]], pred: list[tuple[Span, ...]],
          threshold: str) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of normalised contents; returns (gold index, pred index) pairs in gold order."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap(p, g)
            if ov > 0 and passes(threshold, text, p, g, ov):
                cands.append((-ov, gi, pi))
    return sorted(greedy(cands))


def greedy(cands: list[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """The one greedy one-to-one matcher of the evaluators: ``cands`` are (sort key, gold index, pred index),
    best first once sorted (ties by gold, then pred index); each gold and each prediction is used at most once.
    Returns the pairs in the order they were taken (best first)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(cands):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


# ------------------------------------------------------------------------------------------------ speakers

def name_tokens(name: str | None) -> set[str]:
    """Lower-case word tokens that can identify someone: no titles, determiners or possessive 's."""
    if not name:
        return set()
    toks = re.findall(r"[^\W_]+", name.lower().replace("’", "'"))
    return {t for t in toks if t not in TITLES and t not in _STOP}


def names_match(pred: str | None, gold: str | None) -> bool:
    """Case-insensitive token overlap ignoring titles: "Sen. Marco Rubio" ~ "Rubio" ~ "Marco Rubio's office"."""
    p = name_tokens(pred) - PRONOUNS
    g = name_tokens(gold) - PRONOUNS
    return bool(p & g)


def is_nameable(gold_name: str | None) -> bool:
    """False for gold speakers that are only pronouns ("he", "They"): no name to compare with."""
    return bool(name_tokens(gold_name) - PRONOUNS)


def predicted_name(article: Article, stmt: Statement) -> str | None:
    actor = article.actor(stmt.speaker.actor)
    return actor.name if actor is not None else stmt.speaker.text


# ------------------------------------------------------------------------------------------------ scoring

def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0.0 where undefined), rounded to 4 places, with the counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def _acc(correct: int, total: int) -> dict[str, float | int]:
    return {"correct": correct, "total": total, "accuracy": round(correct / total, 4) if total else 0.0}


def default_predictor(nlp=None, model: str | None = None) -> Callable[[GoldDoc], Article]:
    """onrecord's pipeline on the gold text, with cleaning off so that offsets are those of the gold text."""
    from .. import ingest
    from ..config import Options

    from ..pipeline import extract_document

    options = Options(model=model, clean=False)
    state = {"nlp": nlp}

    def predict(gold: GoldDoc) -> Article:
        if state["nlp"] is None:
            from ..nlp import load_nlp

            state["nlp"] = load_nlp(model)
        doc = ingest.document_from_text(gold.text, source=gold.doc_id)
        if doc.text != gold.text:  # NFC or line-end normalisation would shift every offset: keep the gold text
            doc = replace(doc, text=gold.text)
        return extract_document(doc, state["nlp"], options)

    return predict


def evaluate_statements(golds: Iterable[GoldDoc], predict: Callable[[GoldDoc], Article] | None = None, *,
                        limit: int | None = None, types: Iterable[str] | None = None) -> dict:
    """Score ``predict`` (default: onrecord's pipeline) on ``golds``; see the module docstring for definitions.

    ``types`` keeps only the predicted statements of those types (``speech``, ``writing``, ``belief``): a gold set
    that annotates what was said or written (the Gender Gap Tracker's definition) is scored against the record's
    speech and writing, not against the beliefs it also holds. None scores every statement.

    An ``OnrecordError`` from the predictor counts the document as predicting nothing, and is listed in
    ``errors``.  An article whose text differs from the gold text is scored anyway and counted in ``misaligned``.
    """
    predict = predict or default_predictor()
    keep = frozenset(types) if types is not None else None
    kinds = ("direct", "indirect", "mixed")
    tp = dict.fromkeys(THRESHOLDS, 0)
    kind_gold = {k: 0 for k in kinds}
    kind_pred = {k: 0 for k in kinds}
    kind_tp_gold = {t: dict.fromkeys(kinds, 0) for t in THRESHOLDS}  # recall by gold kind
    kind_tp_pred = {t: dict.fromkeys(kinds, 0) for t in THRESHOLDS}  # precision by predicted kind
    n_gold = n_pred = n_docs = 0
    cue = [0, 0]
    spk_span = [0, 0]
    spk_name = [0, 0]
    spk_res = [0, 0]
    errors: list[str] = []
    misaligned: list[str] = []

    for gdoc in golds:
        if limit is not None and n_docs >= limit:
            break
        n_docs += 1
        try:
            article = predict(gdoc)
            stmts = [s for s in article.statements if keep is None or s.type in keep]
        except OnrecordError as err:
            log.warning("%s: prediction failed: %s", gdoc.doc_id, err)
            errors.append(f"{gdoc.doc_id}: {err}")
            article, stmts = None, []
        if article is not None and article.text != gdoc.text:
            log.warning("%s: predicted text differs from the gold text; offsets may not align", gdoc.doc_id)
            misaligned.append(gdoc.doc_id)
        text = gdoc.text
        gold = [normalise(text, g.content_spans) for g in gdoc.statements]
        pred = [normalise(text, s.content_spans) for s in stmts]
        n_gold += len(gold)
        n_pred += len(pred)
        for g in gdoc.statements:
            if g.kind in kind_gold:
                kind_gold[g.kind] += 1
        for s in stmts:
            if s.kind in kind_pred:
                kind_pred[s.kind] += 1
        for t in THRESHOLDS:
            pairs = match(text, gold, pred, t)
            tp[t] += len(pairs)
            for gi, pi in pairs:
                if gdoc.statements[gi].kind in kinds:
                    kind_tp_gold[t][gdoc.statements[gi].kind] += 1
                if stmts[pi].kind in kinds:
                    kind_tp_pred[t][stmts[pi].kind] += 1
            if t == HEADLINE:
                for gi, pi in pairs:
                    _score_pair(article, gdoc.statements[gi], stmts[pi], cue, spk_span, spk_name, spk_res)

    return {
        "docs": n_docs,
        "gold": n_gold,
        "pred": n_pred,
        "matching": MATCHING,
        "overlap": OVERLAP,
        "headline": HEADLINE,
        "thresholds": {t: prf(tp[t], n_pred, n_gold) for t in THRESHOLDS},
        "by_kind": {
            k: {t: {"gold": kind_gold[k], "pred": kind_pred[k],
                    "recall": round(kind_tp_gold[t][k] / kind_gold[k], 4) if kind_gold[k] else 0.0,
                    "precision": round(kind_tp_pred[t][k] / kind_pred[k], 4) if kind_pred[k] else 0.0}
                for t in THRESHOLDS}
            for k in kinds
        },
        "cue": _acc(*cue),
        "speaker_span": _acc(*spk_span),
        "speaker_name": _acc(*spk_name),
        "speaker_resolved": _acc(*spk_res),
        "errors": errors,
        "misaligned": misaligned,
    }


def actor_mentions(article: Article, actor_id: str | None) -> list[Span]:
    """Every span the record ties to ``actor_id``: the actor's mentions and the speaker mentions resolved to it."""
    if actor_id is None or article is None:
        return []
    actor = article.actor(actor_id)
    spans = [tuple(m) for m in actor.mentions] if actor is not None else []
    spans += [s.speaker.span for s in article.statements if s.speaker.actor == actor_id and s.speaker.span]
    return spans


def _score_pair(article: Article, g: GoldStatement, s: Statement, cue: list[int], spk_span: list[int],
                spk_name: list[int], spk_res: list[int] | None = None) -> None:
    """Cue and speaker checks on one matched pair; a check whose gold part is missing is not counted.

    ``spk_res`` (speaker resolved): the pairs the name check counts; correct when the names match, or when the gold
    source mention is one of the predicted actor's mentions in our record ("The Republican nominee" read as Donald
    Trump). PolNeAR's Source is the mention, not a name, so a role there shares no word with the actor we resolved
    it to; this check reads the gold mention through our actors instead."""
    if g.cue_spans:
        cue[1] += 1
        if s.cue is not None and spans_touch([s.cue.span], g.cue_spans):
            cue[0] += 1
    if g.source_spans:
        spk_span[1] += 1
        if s.speaker.span is not None and spans_touch([s.speaker.span], g.source_spans):
            spk_span[0] += 1
    if is_nameable(g.speaker_name):
        spk_name[1] += 1
        if names_match(predicted_name(article, s), g.speaker_name):
            spk_name[0] += 1
    if spk_res is not None and is_nameable(g.speaker_name):
        spk_res[1] += 1
        if names_match(predicted_name(article, s), g.speaker_name) or \
                spans_touch(actor_mentions(article, s.speaker.actor), g.source_spans):
            spk_res[0] += 1
