"""Event evaluation on data nobody here wrote: PLOVER-labelled synthetic stories, and real BBC sentences coded by
hand per the PLOVER manual (``tests/data/plover-bbc-gold.jsonl``: references only — article id, character offsets
and the codes; the text is read from the shared BBC file by id).

**Synthetic stories** (``plover-synthetic/gpt_synthetic_events_*.csv.gz``, Halterman's NGEC training set: 4,500
stories a language model wrote from a prompt per PLOVER type; fiction, so smoke-test material, not a measure of
real news).  A story is its prompt's headline and the text; its gold is the prompt's type.  *Type recall* is the
share of stories whose gold type is among the story's events; the confusion table crosses the gold type with the
type of the story's first event ("none" when it has none).  Stories are split by a hash of their text: ~70% dev,
~30% held-out (``split_of``), reported side by side; the sentence gold is split half and half by a hash of its
reference.  A second gold file (``plover-bbc-gold-2.jsonl``, other articles) has its own halves, named after the
number its file name ends in: ``dev2`` and ``held-out2`` (``gold_suffix``); only the dev halves' errors are printed.
A gold file whose header has the line ``# split: dev`` is dev as a whole (``plover-bbc-gold-3.jsonl``: ``dev3``, no
held-out half), a set whose errors are all read.

**Real sentences**: each gold row is one event a coder reads in one sentence of a BBC article — type, mode, source
actor and target actor (names as the text gives them; ``|`` separates acceptable forms; "" is none, and accepts any).  A
sentence counts as *type* correct when one of our events whose trigger lies in the sentence has the gold type; *type +
source + target* when such an event's sources name the gold source and its targets the gold target (a gold target
of "" accepts any; for the reciprocal types CONSULT, COOPERATE and AGREE the two may be on either side).  An actor
names a gold form when its name, or for a person or group its affiliation, equals the form or contains it as whole
words ("Blair" ~ "Tony Blair").
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..errors import GoldFormatError
from ..model import EVENT_TYPES

RECIPROCAL = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def split_of(key: str, dev_share: float = 0.7) -> str:
    """'dev' (``dev_share``, ~70% by default) or 'held-out', fixed by a hash of the key (a story's text, a gold
    row's reference)."""
    return "dev" if hashlib.sha1(key.encode("utf-8")).digest()[0] < round(256 * dev_share) else "held-out"


# -- synthetic stories ------------------------------------------------------------------------------------------------
def read_synthetic(path: Path) -> list[dict[str, str]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error, UnicodeDecodeError) as err:
        raise GoldFormatError(f"cannot read PLOVER synthetic stories {path}: {err}") from err
    out = []
    for r in rows:
        if "text" not in r or "label" not in r:
            raise GoldFormatError(f"{path}: a row lacks 'text' or 'label'")
        headline = (r.get("prompt") or "").split("\n", 1)[0].strip()
        out.append({"text": (headline + "\n\n" + r["text"]) if headline else r["text"], "label": r["label"].upper(),
                    "mode": (r.get("mode") or "").lower(), "key": r["text"]})
    return out


def evaluate_synthetic(path: Path, nlp, *, limit: int | None = None, split: str | None = None, every: int = 1,
                       batch_size: int = 16) -> dict[str, Any]:
    """Type recall and confusion per split; ``split`` keeps one split, ``every`` every n-th story (a quick look)."""
    stories = read_synthetic(path)
    if split:
        stories = [s for s in stories if split_of(s["key"]) == split]
    stories = stories[::max(1, every)]
    if limit:
        stories = stories[:limit]
    per: dict[str, dict[str, Any]] = {}
    texts = (s["text"] for s in stories)
    for story, doc in zip(stories, nlp.pipe(texts, batch_size=batch_size)):
        events = sorted(doc._.onrecord_events, key=lambda e: e.trigger.span[0])
        types = {e.type for e in events}
        first = events[0].type if events else "none"
        sp = per.setdefault(split_of(story["key"]), {"n": 0, "hit": 0, "by_type": {}, "confusion": {}})
        sp["n"] += 1
        hit = story["label"] in types
        sp["hit"] += hit
        bt = sp["by_type"].setdefault(story["label"], [0, 0])
        bt[0] += 1
        bt[1] += hit
        sp["confusion"].setdefault(story["label"], Counter())[first] += 1
    out: dict[str, Any] = {"path": str(path), "stories": len(stories)}
    for name, sp in per.items():
        out[name] = {
            "stories": sp["n"], "type_recall": sp["hit"] / sp["n"] if sp["n"] else 0.0,
            "by_type": {t: {"n": n, "recall": h / n} for t, (n, h) in sorted(sp["by_type"].items())},
            "confusion": {t: dict(c.most_common()) for t, c in sorted(sp["confusion"].items())},
        }
    return out


# -- real sentences -------------------------------------------------------------------------------------------------
def gold_suffix(path: Path) -> str:
    """The label a gold file's halves carry: '' for ``plover-bbc-gold.jsonl``, '2' for ``plover-bbc-gold-2.jsonl``
    (the number its stem ends in after a hyphen), so the halves of two gold sets never mix."""
    m = re.search(r"-(\d+)$", Path(path).stem)
    return m.group(1) if m else ""


def read_sentence_gold(path: Path) -> list[dict[str, Any]]:
    suffix = gold_suffix(path)
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise GoldFormatError(f"cannot read event gold {path}: {err}") from err
    all_dev = any(re.fullmatch(r"#\s*split:\s*dev\s*", line) for line in lines)  # the header marks the whole file dev
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            r = json.loads(line)
            row = {"article": str(r["article"]), "start": int(r["start"]), "end": int(r["end"]),
                   "type": str(r["type"]).upper(), "mode": str(r.get("mode") or ""),
                   "source": str(r.get("source") or ""), "target": str(r.get("target") or "")}
        except (ValueError, KeyError, TypeError) as err:
            raise GoldFormatError(f"{path}:{n}: not an event gold row ({err})") from err
        if row["type"] not in EVENT_TYPES or row["end"] <= row["start"]:
            raise GoldFormatError(f"{path}:{n}: type {row['type']!r} or span {row['start']}-{row['end']} is not valid")
        half = "dev" if all_dev else split_of(f"{row['article']}:{row['start']}", dev_share=0.5)  # else half held out
        row["split"] = half + suffix
        rows.append(row)
    return rows


def read_bbc(path: Path, ids: Iterable[str]) -> dict[str, str]:
    want = set(ids)
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not want - out.keys():
                break
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("id") in want:
                out[r["id"]] = r["text"]
    return out


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def names(actor, form: str) -> bool:
    """Whether an actor answers to one gold name form."""
    f = _words(form)
    if not f:
        return False
    for cand in (actor.name, actor.affiliation if actor.kind in {"person", "group", "organisation"} else None):
        if not cand:
            continue
        w = _words(cand)
        if w == f or any(w[i:i + len(f)] == f for i in range(len(w) - len(f) + 1)):
            return True
    return False


def _match(actors: list, gold: str) -> bool:
    if not gold:
        return True
    forms = [g for g in gold.split("|") if g.strip()]
    return any(names(a, g) for a in actors for g in forms)


def _parties_ok(ev, by_id, gold: dict) -> bool:
    src = [by_id[i] for i in ev.sources if i in by_id]
    tgt = [by_id[i] for i in ev.targets if i in by_id]
    if _match(src, gold["source"]) and _match(tgt, gold["target"]):
        return True
    if gold["type"] in RECIPROCAL:
        both = src + tgt
        return _match(both, gold["source"]) and _match(both, gold["target"])
    return False


def evaluate_sentences(gold_path: Path | Iterable[Path], bbc_path: Path, nlp) -> dict[str, Any]:
    """Type and type + source + target per half of one gold file or several (each file its own halves); errors and
    confusion for the dev halves only."""
    from ..pipeline import extract

    paths = [Path(gold_path)] if isinstance(gold_path, (str, Path)) else [Path(p) for p in gold_path]
    if len({gold_suffix(p) for p in paths}) < len(paths):
        raise GoldFormatError("two event gold files would share split names: "
                              + ", ".join(str(p) for p in paths))
    gold = [row for p in paths for row in read_sentence_gold(p)]
    texts = read_bbc(bbc_path, {g["article"] for g in gold})
    by_article: dict[str, list[dict]] = {}
    for g in gold:
        if g["article"] in texts:
            by_article.setdefault(g["article"], []).append(g)
    per: dict[str, Counter] = {}
    errors: list[dict[str, Any]] = []
    confusion: dict[str, Counter] = {}
    for aid, rows in by_article.items():
        art = extract(texts[aid], nlp=nlp)
        # offsets are into the BBC text; extract() may clean it: map through the text it kept
        by_id = {a.id: a for a in art.actors}
        shift = _offset_map(texts[aid], art.text)
        for g in rows:
            c = per.setdefault(g["split"], Counter())
            c["n"] += 1
            a, b = shift(g["start"]), shift(g["end"])
            evs = [e for e in art.events if a is not None and b is not None and a <= e.trigger.span[0] < b]
            typed = [e for e in evs if e.type == g["type"]]
            c["type"] += bool(typed)
            full = any(_parties_ok(e, by_id, g) for e in typed)
            c["full"] += full
            if g["split"].startswith("dev"):
                confusion.setdefault(g["type"], Counter())[typed[0].type if typed else
                                                           (evs[0].type if evs else "none")] += 1
                if not full:
                    errors.append({"split": g["split"], "article": aid, "start": g["start"], "gold": g["type"],
                                   "source": g["source"], "target": g["target"],
                                   "ours": [(e.type, [by_id[i].name for i in e.sources if i in by_id],
                                             [by_id[i].name for i in e.targets if i in by_id]) for e in evs]})
    out: dict[str, Any] = {"gold": ", ".join(str(p) for p in paths), "rows": len(gold),
                           "skipped": len(gold) - sum(len(r) for r in by_article.values())}
    for name, c in sorted(per.items()):
        out[name] = {"sentences": c["n"], "type_accuracy": c["type"] / c["n"] if c["n"] else 0.0,
                     "type_source_target": c["full"] / c["n"] if c["n"] else 0.0}
    out["dev_confusion"] = {t: dict(v.most_common()) for t, v in sorted(confusion.items())}
    out["dev_errors"] = errors
    return out


def _offset_map(src: str, kept: str):
    """Char offset in the source text → offset in the text the record kept (the same text when nothing was
    cleaned; else found by the sentence's opening words)."""
    if src == kept:
        return lambda i: i
    import difflib

    sm = difflib.SequenceMatcher(None, src, kept, autojunk=False)
    blocks = sm.get_matching_blocks()

    def f(i: int) -> int | None:
        for a, b, size in blocks:
            if a <= i < a + size or (i == a + size and size):
                return b + (i - a)
        return None
    return f
