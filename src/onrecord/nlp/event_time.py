"""Resolving an event's time expression against the article's publication date.

News copy dates events relative to the day it is published ("on Tuesday", "yesterday", "last month", "later that
day"), so an expression only becomes a date with that anchor.  The rules are deliberately small and say "don't
know" (None) rather than guess: a weekday is the most recent such day on or before publication for a past event
and the next one on or after it for a future event; months, weeks and years come out at their own precision
(``2025-02``, ``2025-W10``, ``2024``), which ISO 8601 allows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_SAME_DAY = re.compile(r"^(?:later|earlier)?\s*(?:that|the same)\s+(?:day|morning|afternoon|evening|night)$")
_PART_OF_DAY = ("morning", "afternoon", "evening", "night")
# "seven hours", "30-day", "the past decade": how long, not when
_DURATION = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\b|"
                       r"\b(?:past|next|coming|last)\s+(?:decade|\w+\s+(?:days|weeks|months|years)))", re.I)
_UNIT = re.compile(r"(?:^|[\s-])(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?)\b", re.I)


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or datetime; None when absent or not ISO."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def is_duration(text: str) -> bool:
    """'seven hours', 'around seven hours', 'the past decade', '30-day': a length of time, not a point in it."""
    t = text.strip().lower()
    if _SAME_DAY.match(t) or t in {"last month", "last week", "last year", "next month", "next week", "next year"}:
        return False
    if any(w in t.split() for w in WEEKDAYS) or any(m in t.split() for m in MONTHS):
        return bool(re.search(r"\b(?:hours?|days?)\b", t)) and not re.search(r"\b\d{1,2}\b", t)
    return bool(_UNIT.search(t) and _DURATION.search(t)) or t.startswith(("the past ", "over the "))


def _month_back(d: date, n: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) - n
    return m // 12, m % 12 + 1


def resolve(text: str, published: date | None, *, future: bool = False, anchor: str | None = None) -> str | None:
    """The ISO date (or month/week/year) an expression names, or None.

    ``anchor`` is the resolved date of the clause "that day" refers back to; ``future`` picks the next weekday
    instead of the last one.
    """
    t = " ".join(text.lower().replace("’s", "").replace("'s", "").split())
    for prefix in ("on ", "by ", "since ", "until ", "in ", "early ", "late "):
        if t.startswith(prefix):
            t = t[len(prefix):]
    if _SAME_DAY.match(t):
        return anchor if anchor and len(anchor) == 10 else None
    if published is None:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
        return t if m else None
    words = t.split()
    if words and words[-1] in _PART_OF_DAY:
        words = words[:-1]
        if not words or words == ["this"]:
            return published.isoformat()
    t = " ".join(words)
    if t in {"today", "tonight", "now"}:
        return published.isoformat()
    if t in {"yesterday", "last night"}:
        return (published - timedelta(days=1)).isoformat()
    if t == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    rel = {"last": -1, "this": 0, "next": 1}
    if len(words) == 2 and words[0] in rel and words[1] in {"month", "week", "year"}:
        n = rel[words[0]]
        if words[1] == "month":
            y, m = _month_back(published, -n)
            return f"{y:04d}-{m:02d}"
        if words[1] == "year":
            return f"{published.year + n:04d}"
        y, w, _ = (published + timedelta(weeks=n)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    # weekdays: "Tuesday", "last Tuesday", "next Friday"
    day = next((w for w in words if w in WEEKDAYS), None)
    if day is not None and len(words) <= 2:
        target = WEEKDAYS.index(day)
        if words[0] == "next" or (future and words[0] != "last"):
            delta = (target - published.weekday()) % 7
            if words[0] == "next" and delta == 0:
                delta = 7
            return (published + timedelta(days=delta)).isoformat()
        delta = (published.weekday() - target) % 7
        if words[0] == "last" and delta == 0:
            delta = 7
        return (published - timedelta(days=delta)).isoformat()
    return _absolute(t, published, future)


def _absolute(t: str, published: date, future: bool) -> str | None:
    """'March 11', '11 March 2025', 'March', '2025-03-11'."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return t
    t = t.replace(",", " ").replace(".", " ")
    words = t.split()
    month = next((_MONTH_ABBR.get(w[:4] if w.startswith("sept") else w[:3]) for w in words
                  if w.rstrip(".") in MONTHS or w[:3] in _MONTH_ABBR and len(w) <= 5), None)
    if month is None:
        return None
    nums = [w.rstrip("stndrh") for w in words if re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", w)]
    year = next((int(n) for n in nums if len(n) == 4), None)
    day = next((int(n) for n in nums if len(n) <= 2), None)
    if year is None:
        year = published.year
        if not future and (month, day or 1) > (published.month, published.day):
            year -= 1  # "on December 30" in a January article is last year
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
