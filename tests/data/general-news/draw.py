"""The seeded draw of the general-news gold articles (BBC News 2004-05, outside politics).

Run: ``python tests/data/general-news/draw.py /work/shared/eval-data`` prints the drawn BBC ids, the ones the gold
set annotates.  The draw: for each category in CATEGORIES, the category's articles in id order, duplicates of an
earlier text dropped, then ``random.Random(f"{SEED}:{category}").sample(ids, PER_CATEGORY)``.  Changing the seed
or the count draws a different set; the annotations in gold.jsonl are for this draw only.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 20261202
PER_CATEGORY = 10
CATEGORIES = ("business", "sport", "tech", "entertainment")
SOURCE_FILE = "bbc-news/bbc-fulltext.jsonl"


def draw(shared: str | Path) -> list[str]:
    by_cat: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    seen: set[str] = set()
    with (Path(shared) / SOURCE_FILE).open(encoding="utf-8", errors="replace") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in sorted(rows, key=lambda r: r["id"]):
        key = row["text"].strip()
        if key in seen:
            continue
        seen.add(key)
        if row["category"] in by_cat:
            by_cat[row["category"]].append(row["id"])
    out = []
    for cat in CATEGORIES:
        out.extend(sorted(random.Random(f"{SEED}:{cat}").sample(by_cat[cat], PER_CATEGORY)))
    return out


if __name__ == "__main__":
    for doc_id in draw(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval-data"):
        print(doc_id)
