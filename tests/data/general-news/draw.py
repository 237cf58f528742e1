"""The seeded draw of the general-news gold articles (BBC News 2004-05, outside politics).

Run: ``python tests/data/general-news/draw.py /work/shared/eval-data`` prints the drawn BBC ids, the ones the gold
set annotates (``--dev2``: the dev2 draw, see draw2).  The draw: for each category in CATEGORIES, the category's
articles in id order, duplicates of an earlier text dropped, then
``random.Random(f"{SEED}:{category}").sample(ids, PER_CATEGORY)``.  Changing the seed or the count draws a different
set; the annotations in dev.jsonl/heldout.jsonl are for this draw only.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261202
PER_CATEGORY = 10
CATEGORIES = ("business", "sport", "tech", "entertainment")
SOURCE_FILE = "bbc-news/bbc-fulltext.jsonl"
# dev2 (dev-only, see README): a second draw from the articles the first did not take, kept to quote-rich ones
# of annotatable length with a pronoun or role speaker, so that resolution classes dev does not show appear
SEED2 = 20261204
PER_CATEGORY2 = 3
MAX_CHARS2 = 2600
ROLE_SPEAKER = re.compile(
    r"\b(?:he|she|they|the (?:firm|company|club|group|star|singer|player|manager|coach)|a spokes(?:man|woman))"
    r" (?:said|added|told|says)\b"
)


def _rows(shared: str | Path) -> list[dict]:
    """The BBC articles in id order, duplicates of an earlier text dropped."""
    seen: set[str] = set()
    out = []
    with (Path(shared) / SOURCE_FILE).open(encoding="utf-8", errors="replace") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in sorted(rows, key=lambda r: r["id"]):
        key = row["text"].strip()
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    return out


def draw(shared: str | Path) -> list[str]:
    by_cat: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for row in _rows(shared):
        if row["category"] in by_cat:
            by_cat[row["category"]].append(row["id"])
    out = []
    for cat in CATEGORIES:
        out.extend(sorted(random.Random(f"{SEED}:{cat}").sample(by_cat[cat], PER_CATEGORY)))
    return out


def draw2(shared: str | Path) -> list[str]:
    """The dev2 draw: per category, the articles the first draw left with at least three quotation pairs, at most
    MAX_CHARS2 characters and a pronoun or role speaker (ROLE_SPEAKER), then a seeded sample of PER_CATEGORY2."""
    taken = set(draw(shared))
    by_cat: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for row in _rows(shared):
        text = row["text"]
        if (
            row["category"] in by_cat
            and row["id"] not in taken
            and text.count('"') >= 6
            and len(text) <= MAX_CHARS2
            and ROLE_SPEAKER.search(text)
        ):
            by_cat[row["category"]].append(row["id"])
    out = []
    for cat in CATEGORIES:
        out.extend(sorted(random.Random(f"{SEED2}:{cat}").sample(by_cat[cat], PER_CATEGORY2)))
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--dev2"]
    for doc_id in (draw2 if "--dev2" in sys.argv else draw)(args[0] if args else "/work/shared/eval-data"):
        print(doc_id)
