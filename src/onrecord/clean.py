"""Drop site chrome (menus, footers, contact forms, login boxes, share bars) from plain text, keep every article line.

Scraped text keeps the page's chrome as lines around the article. No list of phrases can know every site, so each
line is classified by its shape, and position decides how strict to be:

1. **Line shape.** A *sentence-like* line has at least four words and ends as a sentence does (. ! ? or a closing
   quote); a *chrome-like* line is short, has no sentence ending, is in capitals, is a run of menu items, or carries
   markers that prose rarely has (©, "cookies", "javascript", "|"-separated menus).
2. **Head and tail.** Chrome gathers before and after the article. From each end, chrome-like lines are dropped, and
   so is a sentence-like line *sandwiched* between chrome-like lines ("We're not around right now…" between "CONTACT
   US" and "Sending"). The sweep stops at the first sentence-like line that has prose next to it: the article.
3. **Body.** Inside the article the rules are lenient (a one-line paragraph or a subheading stays); only lines with
   strong chrome markers go.
4. **Repeated across a site.** A line that recurs across several pages of the same site (``repeated``, from
   ``repeated_lines_by_group``) is chrome wherever it stands, unless it is long prose.

Every dropped line is kept in ``Cleaned.removed`` with its reason and where it stood, so nothing disappears unseen.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .model import Removed

_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
# Markers that prose almost never carries; general web chrome vocabulary, not any one site's phrases.
_STRONG = re.compile(
    r"(©|\(c\)\s*\d{4}|all rights reserved|cookie|javascript|\bsubscribe\b|\bnewsletter\b|sign up for|"
    r"\bsign in\b|\blog ?in\b|\blog ?out\b|\bpassword\b|privacy policy|terms of (use|service)|"
    r"\badvertisement\b|^share( this)?\b|^follow us\b|^read more\b|^related( stories| articles)?:?$|"
    r"click here|skip to (main )?content|^image (source|caption)|^photo:|^getty images|"
    r"^(tweet|email|print|facebook|twitter|whatsapp|linkedin)$)",
    re.IGNORECASE,
)
_MENU_SEP = re.compile(r"\s[|•·»›/]\s|\s{3,}|\t")
MAX_REPEATED_PROSE = 200  # a repeated line longer than this is kept: probably a shared wire paragraph


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[Removed, ...] = ()


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # excluding the newline
    text: str
    sentence: bool = False
    chrome: str | None = None  # why this line looks like chrome (None: it does not)


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()


def _classify(line: _Line, repeated: frozenset[str]) -> None:
    t = line.text.strip()
    words = _WORD.findall(t)
    n = len(words)
    line.sentence = n >= 4 and bool(_SENTENCE_END.search(t))
    if repeated and _norm(t) in repeated and len(t) <= MAX_REPEATED_PROSE:
        line.chrome = "repeated across the site's pages"
    elif _STRONG.search(t) and n < 30:
        line.chrome = "web chrome marker"
    elif len(_MENU_SEP.findall(t)) >= 2 and not line.sentence:
        line.chrome = "menu-like line"
    elif not line.sentence:
        letters = [c for c in t if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and n <= 8:
            line.chrome = "capitalised heading outside the article"
        elif n < 4:
            line.chrome = "short line without a sentence"
        elif n < 12:
            line.chrome = "line without a sentence ending"
        elif sum(w[0].isupper() for w in words) / n > 0.7:
            line.chrome = "title-cased line of links"


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _sweep(lines: list[_Line], order: range) -> set[int]:
    """Indices of chrome at one end of the page (see the module docstring, rule 2)."""
    drop: set[int] = set()
    idx = list(order)
    for k, i in enumerate(idx):
        line = lines[i]
        if line.chrome and not line.sentence:
            drop.add(i)
            continue
        # a sentence-like line: chrome only when chrome stands on both sides of it (the page's real neighbours,
        # which past the main block are chrome by definition)
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if line.chrome:  # sentence-shaped but marked (repeated line, strong marker)
            drop.add(i)
            continue
        if before is not None and after is not None and before.chrome and after.chrome and \
                len(_WORD.findall(line.text)) < 40:
            line.chrome = "sentence between chrome lines"
            drop.add(i)
            continue
        break
    return drop


GAP_COST = 8.0  # what a chrome line between two prose blocks costs, in words of prose


def _body(lines: list[_Line]) -> tuple[int, int]:
    """The article's main block: the run of lines with the largest prose score (sentence lines score their word
    count; other lines cost ``GAP_COST``), i.e. the maximum-sum contiguous run (Kadane)."""
    best, best_lo, best_hi = float("-inf"), 0, len(lines) - 1
    cur, cur_lo = 0.0, 0
    for i, line in enumerate(lines):
        if line.sentence and not line.chrome:
            score = float(len(_WORD.findall(line.text)))
        elif line.sentence:
            score = -GAP_COST / 2
        else:
            score = -GAP_COST
        if cur <= 0:
            cur, cur_lo = score, i
        else:
            cur += score
        if cur > best:
            best, best_lo, best_hi = cur, cur_lo, i
    return best_lo, best_hi


def clean_text(text: str, *, repeated: frozenset[str] = frozenset()) -> Cleaned:
    """Return the article text without chrome lines, and what was removed (with reasons and positions)."""
    lines = _lines(text)
    if not lines:
        return Cleaned(text=text.strip(), removed=())
    for line in lines:
        _classify(line, repeated)
    if not any(line.sentence for line in lines):
        # nothing looks like prose: do not guess, keep the text as it is
        return Cleaned(text=text.strip(), removed=())
    lo, hi = _body(lines)
    drop = {i for i in range(len(lines)) if i < lo or i > hi}
    for i in drop:
        lines[i].chrome = lines[i].chrome or "outside the article's main block"
    head = _sweep(lines, range(lo, hi + 1))
    tail = _sweep(lines, range(hi, lo - 1, -1))
    drop |= head | tail
    # body: only strong evidence
    for i, line in enumerate(lines):
        if i not in drop and line.chrome in {"web chrome marker", "repeated across the site's pages", "menu-like line"}:
            if not line.sentence or line.chrome != "menu-like line":
                drop.add(i)
    if len(drop) == len(lines):  # never drop everything
        return Cleaned(text=text.strip(), removed=())
    # rebuild from the original so kept lines, and the separators between adjacent kept lines, stay exactly as
    # they were; where lines were cut out between two kept ones, one blank line (or newline) joins them
    pieces: list[str] = []
    removed: list[Removed] = []
    out_len = 0
    prev: _Line | None = None
    cut_since_prev = False
    for i, line in enumerate(lines):
        if i in drop:
            removed.append(Removed(text=line.text, reason=line.chrome or "chrome", at=out_len))
            cut_since_prev = True
            continue
        if prev is None:
            piece = line.text
        else:
            gap = text[prev.end:line.start]
            if cut_since_prev:
                gap = "\n\n" if gap.count("\n") >= 2 else "\n"
            piece = gap + line.text
        pieces.append(piece)
        out_len += len(piece)
        prev, cut_since_prev = line, False
    return Cleaned(text="".join(pieces), removed=tuple(removed))


def _group_key(doc) -> str:
    site = getattr(doc, "site", None)
    if site:
        return f"site:{site.lower()}"
    source = getattr(doc, "source", None) or ""
    if "://" in source:
        return f"host:{urlparse(source).hostname or ''}"
    return f"dir:{Path(source).parent}"


def repeated_lines(texts: Sequence[str], min_docs: int = 2) -> frozenset[str]:
    """Lines (normalised) that occur in at least ``min_docs`` of ``texts``."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update({_norm(line) for line in t.split("\n") if line.strip()})
    return frozenset(k for k, v in counts.items() if v >= min_docs and len(k) <= MAX_REPEATED_PROSE)


def repeated_lines_by_group(docs: Sequence) -> dict[int, frozenset[str]]:
    """For plain-text documents grouped by site (or by folder), the lines each shares with others of its group."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if getattr(d, "kind", "text") == "text":
            groups[_group_key(d)].append(i)
    out: dict[int, frozenset[str]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        rep = repeated_lines([docs[i].text for i in members])
        if rep:
            for i in members:
                out[i] = rep
    return out
