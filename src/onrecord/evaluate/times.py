"""Temporal expressions against TimeML gold (TimeBank + AQUAINT as cleaned for TempEval-3, "TBAQ").

Scoring follows TempEval-3 (UzZaman et al., SemEval 2013): a system expression matches a gold one *strictly* when
the spans are equal and *relaxed* when they overlap (one-to-one, each gold expression matched at most once);
*value F1* counts a match whose TimeML value is equal — precision over the system's expressions, recall over the
gold's.  Per type, recall is counted on the gold type and precision on the system's type, so a DATE found as a
DURATION costs both rows; "DATE/TIME" pools the two point types.

The gold is split once by a hash of the document id into a development part (~70%, the one errors may be read
on) and a held-out part (~30%, only ever scored): ``split_of``.  Only the held-out figure says how well the
rules generalise.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError

TYPES = ("DATE", "TIME", "DURATION", "SET")
GROUPS = {"DATE": ("DATE",), "TIME": ("TIME",), "DURATION": ("DURATION",), "SET": ("SET",),
          "DATE/TIME": ("DATE", "TIME"), "all": TYPES}
HEIDELTIME_VALUE_F1 = 0.776  # TempEval-3 platinum test, all types (UzZaman et al. 2013, table of task A results)


def split_of(doc_id: str) -> str:
    """'dev' for ~70% of documents, 'heldout' for the rest, fixed by the id alone (sha256)."""
    return "dev" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 10 < 7 else "heldout"


def load_tbaq(path: Path | str) -> list[dict[str, Any]]:
    """TimeML gold as JSON: a list of ``{"id", "published", "text", "timex": [{"start", "end", "type", "value"}]}``
    (the shape of ``eval-data/timebank/tbaq.json``). A file not of that shape is a ``GoldFormatError`` (E400)."""
    path = Path(path)
    try:
        docs = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GoldFormatError(f"cannot read gold file ({err.strerror or err})", source=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise GoldFormatError(f"not valid UTF-8 JSON ({err})", source=str(path)) from None
    if not isinstance(docs, list):
        raise GoldFormatError("expected a JSON list of documents", source=str(path))
    for i, d in enumerate(docs):
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("text"), str) \
                or not isinstance(d.get("timex"), list):
            raise GoldFormatError(f"document {i}: needs string 'id' and 'text' and a 'timex' list", source=str(path))
        for t in d["timex"]:
            if not isinstance(t, dict) or not all(k in t for k in ("start", "end", "type", "value")):
                raise GoldFormatError(f"document {d['id']!r}: a timex lacks start/end/type/value", source=str(path))
            if t["type"] not in TYPES:
                raise GoldFormatError(f"document {d['id']!r}: timex type {t['type']!r} is not one of {TYPES}",
                                      source=str(path))
    return docs


def default_predictor() -> Callable[[dict], list[tuple[int, int, str, str]]]:
    """onrecord's times layer on the gold text, anchored at the gold publication date (as the pipeline is when
    the article's metadata gives it); no spaCy model is needed."""
    from ..nlp.times import find_times, parse_published

    def predict(doc: dict) -> list[tuple[int, int, str, str]]:
        published = parse_published(doc.get("published"))
        return [(t.span[0], t.span[1], t.type, t.value) for t in find_times(doc["text"], published)]

    return predict


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": n_gold,
            "system": n_sys}


def _match(gold: list[tuple], sys: list[tuple], strict: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index): equal spans (strict) or overlap, largest overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(sys):
            if strict:
                if g[0] == s[0] and g[1] == s[1]:
                    pairs.append((g[1] - g[0], i, j))
            else:
                ov = min(g[1], s[1]) - max(g[0], s[0])
                if ov > 0:
                    pairs.append((ov, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_s, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def evaluate_times(docs: Iterable[dict], predict: Callable | None = None, *,
                   errors: list | None = None) -> dict[str, Any]:
    """Span and value P/R/F1, strict and relaxed, per type group. ``errors`` (a list) collects per-document
    misses and wrong values — call it on the dev part only."""
    predict = predict or default_predictor()
    counts: dict[tuple[str, str, str], list[int]] = {}  # (group, match, what) -> [tp_sys, n_sys, tp_gold, n_gold]
    n_docs = 0
    for doc in docs:
        n_docs += 1
        gold = [(t["start"], t["end"], t["type"], t["value"]) for t in doc["timex"]]
        sys = sorted(set(predict(doc)))
        for strict in (True, False):
            m = "strict" if strict else "relaxed"
            pairs = _match(gold, sys, strict)
            for group, types in GROUPS.items():
                for what in ("span", "value"):
                    ok = [(i, j) for i, j in pairs if what == "span" or gold[i][3] == sys[j][3]]
                    c = counts.setdefault((group, m, what), [0, 0, 0, 0])
                    c[0] += sum(1 for _, j in ok if sys[j][2] in types)
                    c[1] += sum(1 for s in sys if s[2] in types)
                    c[2] += sum(1 for i, _ in ok if gold[i][2] in types)
                    c[3] += sum(1 for g in gold if g[2] in types)
            if errors is not None and not strict:
                matched = dict(pairs)
                sys_matched = set(matched.values())
                for i, g in enumerate(gold):
                    j = matched.get(i)
                    if j is None:
                        errors.append(("missed", doc["id"], g, None, _context(doc["text"], g)))
                    elif sys[j][3] != g[3] or sys[j][2] != g[2]:
                        errors.append(("value", doc["id"], g, sys[j], _context(doc["text"], g)))
                for j, s in enumerate(sys):
                    if j not in sys_matched:
                        errors.append(("spurious", doc["id"], None, s, _context(doc["text"], s)))
    out: dict[str, Any] = {"documents": n_docs, "groups": {}}
    for (group, m, what), (tp_s, n_s, tp_g, n_g) in counts.items():
        out["groups"].setdefault(group, {}).setdefault(m, {})[what] = _prf(tp_s, n_s, tp_g, n_g)
    return out


def _context(text: str, item: tuple) -> str:
    a, b = item[0], item[1]
    return (text[max(0, a - 60):a] + "[" + text[a:b] + "]" + text[b:b + 40]).replace("\n", " ")


def evaluate_tbaq(path: Path | str, predict: Callable | None = None) -> dict[str, Any]:
    """Both parts of the split, scored apart: ``{"dev": result, "heldout": result}``."""
    docs = load_tbaq(path)
    return {part: evaluate_times([d for d in docs if split_of(d["id"]) == part], predict)
            for part in ("dev", "heldout")}


def markdown_table(result: dict[str, Any]) -> str:
    """The per-type table docs/benchmarks.md carries: value F1 (relaxed / strict) and span F1 per part."""
    lines = ["| type | gold (dev / held-out) | value F1 relaxed, dev | value F1 relaxed, held-out | "
             "value F1 strict, dev | value F1 strict, held-out | span F1 relaxed, dev | span F1 relaxed, "
             "held-out |", "|---|---|---|---|---|---|---|---|"]
    for group in ("DATE", "TIME", "DURATION", "SET", "DATE/TIME", "all"):
        d, h = result["dev"]["groups"][group], result["heldout"]["groups"][group]
        lines.append(f"| {group} | {d['relaxed']['value']['gold']} / {h['relaxed']['value']['gold']} | "
                     f"{d['relaxed']['value']['f1']:.3f} | {h['relaxed']['value']['f1']:.3f} | "
                     f"{d['strict']['value']['f1']:.3f} | {h['strict']['value']['f1']:.3f} | "
                     f"{d['relaxed']['span']['f1']:.3f} | {h['relaxed']['span']['f1']:.3f} |")
    return "\n".join(lines)
