"""The publication date an article states in its first lines (a dateline, "Published …", a date line)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from .vocab import DAYNUM, MONTH_RE, WEEKDAY_RE, YEAR
from .find import find_times


# -- the publication date from the text ---------------------------------------------------------------------------
PUB_LINE = re.compile(r"^\s*(?:(?:first\s+)?published|posted|updated|last\s+updated|date|dated)\b[:\s]*(?:on\s+)?"
                       r"(?P<rest>.+)$", re.I)
DATELINE = re.compile(r"^\s*(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)(?P<place>[A-Z][A-Za-z .'-]{1,40}"
                       r"(?:,\s*[A-Z][A-Za-z .'-]{1,30})?)\s*[,(]\s*(?P<rest>" + MONTH_RE + r"\s+" + DAYNUM +
                       r"(?:,?\s+" + YEAR + r")?)(?=\s*[,(–—-]|\s*\()")
DATE_ANY = re.compile(r"(?:" + WEEKDAY_RE + r",?\s+)?(?:" + MONTH_RE + r"\s+" + DAYNUM + r"(?:,?\s+" + YEAR + r")?|" +
                       DAYNUM + r"\.?\s+(?:of\s+)?" + MONTH_RE + r"(?:,?\s+" + YEAR + r")?|" + YEAR + r"-[01]\d-[0-3]\d|"
                       r"[0-3]?\d/[0-3]?\d/(?:19|20)\d\d|[0-3]?\d\.[0-3]?\d\.(?:19|20)\d\d)")
# what a byline or date line holds besides its date: a time, a zone, a weekday, separators, a few words of a name
_LINE_NOISE = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?|\b[ap]\.?m\b\.?|\b(?:[ECMP][SD]T|GMT|UTC|"
                         r"BST|CET|IST|ET|PT)\b|[+-]\d{1,2}\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b\.?|"
                         r"\b(?:by|at|on|am|the|of)\b|[|/•·,:;()\[\]–—-]", re.I)
BYLINE_WORDS = 4  # "By Joseph Tsidulko November 19, 2019, 07:47 PM EST": at most this many other words
HEADER_LINES = 15  # how many lines the cleaner took out above the body are read, nearest the body first
FIRST_LINES = 5
# the same words anywhere in a header line: "By Umair Irfan Updated Nov 13, 2019", "Bureau | Updated : 19 November"
PUB_ANY = re.compile(r"(?:^|[\s|,–—-])(?P<kw>(?:first\s+)?published|posted|updated|last\s+updated|publiziert)\b"
                     r"[:\s]*(?:on\s+|am\s+)?(?P<rest>.+)$", re.I)


def parse_date(s: str, reference: date | None = None) -> date | None:
    """One delimited date string → a date: our own forms first, dateparser for anything else."""
    m = re.search(r"\b([0-3]?\d)\.([0-3]?\d)\.((?:19|20)\d\d)\b", s)
    if m:  # 12.03.2025: day first wherever dots separate the parts, unless only month first is a date (11.14.2019)
        for day, mon in ((m.group(1), m.group(2)), (m.group(2), m.group(1))):
            try:
                return date(int(m.group(3)), int(mon), int(day))
            except ValueError:
                continue
        return None
    m = re.search(r"\b([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)\b", s)
    if m and int(m.group(1)) > 12:  # 27/09/2018: a first part over 12 is the day
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = DATE_ANY.search(s)
    if m:
        got = find_times(m.group(0), reference)
        for t in got:
            if t.type in {"DATE", "TIME"} and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", t.value):
                return date.fromisoformat(t.value[:10])
    if not re.search(r"(?:19|20)\d\d", s):
        return None  # a publication date names its year; "Posted: yesterday" is not one
    try:
        import dateparser  # noqa: PLC0415 -- once per article, only for strings our forms do not know
    except ImportError:
        return None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}
    try:
        got = dateparser.parse(s.strip()[:80], settings=settings)
    except Exception:  # noqa: BLE001 -- an odd string is "no date", not a failure
        return None
    return got.date() if got else None


def find_published(text: str, *, today: date | None = None, header: Sequence[str] = ()) -> tuple[str, str] | None:
    """(ISO date, source) from the text's first lines (``published_in_text``), else from ``header`` (the lines the
    cleaner took out above the body, in order); a dateline's yearless date gives way to a header's date."""
    found = published_in_text(text, today=today)
    if found and found[1] == "dateline" and header:
        # a dateline rarely names its year ("WASHINGTON, Nov. 18 (AP)"); a date above the body does
        return published_in_header(header) or found[:2]
    if found:
        return found[:2]
    return published_in_header(header)


def _date_line(line: str) -> date | None:
    """The date of a line that is a date, or a byline with one ("Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "14:53 GMT +3 20 November 2019", "Wednesday, 20 November 2019 08:05 GMT"); None for a sentence."""
    s = line.strip()
    m = DATE_ANY.search(s)
    if not m or not re.search(YEAR, m.group(0)) or len(s) > 110:
        return None
    rest = _LINE_NOISE.sub(" ", s[:m.start()] + " " + s[m.end():])
    if len(re.findall(r"[^\W\d_]{2,}", rest)) > BYLINE_WORDS:
        return None
    return parse_date(m.group(0))


def published_in_header(lines: Sequence[str]) -> tuple[str, str] | None:
    """The publication date in the lines the cleaner took out above the article body (site chrome, then the
    headline, byline and date block), as (ISO date, "text").  Read nearest the body first, so a sidebar's dates
    further up lose to the article's own; a "Published …" / "Posted …" line wins over an "Updated …" one, and
    either over a bare date line."""
    near = [ln for ln in reversed(lines[-HEADER_LINES:]) if ln.strip()]
    updated = None
    for ln in near:
        m = PUB_ANY.search(ln)
        if m:
            d = parse_date(m.group("rest"))
            if d and "updated" in m.group("kw").lower():
                updated = updated or d
            elif d:
                return d.isoformat(), "text"
    if updated:
        return updated.isoformat(), "text"
    for ln in near:
        d = _date_line(ln)
        if d:
            return d.isoformat(), "text"
    return None


def published_in_text(text: str, *, today: date | None = None) -> tuple[str, str, tuple[int, int]] | None:
    """The publication date an article states in its first lines, as (ISO date, source).

    ``text``: a "Published 12 March 2025" / "Updated: …" / "Posted on …" line, or a line that is (nearly) only a
    date; ``dateline``: "WASHINGTON, March 12 (Reuters) –".  A dateline gives no year: it is taken as the latest
    such day on or before ``today`` (the reading machine's date when None) — a wire dateline is this year's —
    unless the dateline carries a year.  None when the first lines hold no date.
    """
    lines = []  # (offset, line) of the first non-blank lines
    at = 0
    for ln in text.splitlines(keepends=True):
        if ln.strip():
            lines.append((at, ln.rstrip("\r\n")))
            if len(lines) == FIRST_LINES:
                break
        at += len(ln)
    for at, ln in lines:
        m = PUB_LINE.match(ln)
        if m:
            d = parse_date(m.group("rest"))
            if d:
                return d.isoformat(), "text", (at, at + len(ln))
    for at, ln in lines:
        s = ln.strip()
        m = DATE_ANY.search(s)
        # a line that is (nearly) only a date: "12 March 2025", "Wednesday, March 12, 2025 10:31 GMT"
        if m and re.search(YEAR, m.group(0)) and len(s) - len(m.group(0)) <= 16:
            d = parse_date(m.group(0))
            if d:
                return d.isoformat(), "text", (at, at + len(ln))
    for at, ln in lines:
        m = DATELINE.match(ln)
        if not m:
            continue
        if re.search(YEAR, m.group("rest")):
            d = parse_date(m.group("rest"))
        else:
            today = today or date.today()
            d = None
            for y in (today.year, today.year - 1):
                d = parse_date(f"{m.group('rest')}, {y}")
                if d and d <= today + timedelta(days=1):
                    break
                d = None
        if d:
            return d.isoformat(), "dateline", (at + m.start("rest"), at + m.end("rest"))
    return None
