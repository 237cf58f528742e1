"""An event's (or a stance's) time as an ISO date, from the one normaliser in ``onrecord.nlp.times``.

Events and stances want a calendar date they can sort and compare ("2025-03-11", or a month/week/year at its
own precision: ``2025-02``, ``2025-W10``, ``2024``, which ISO 8601 allows), where the times layer keeps the full
TimeML value (``2025-03-11TMO``, ``2025-Q1``, ``PRESENT_REF``).  This module is the bridge: ``resolve`` runs the
times normaliser on one expression, with the event's own tense when the caller knows it (a planned meeting "on
Tuesday" is the next Tuesday) and the anchor "that day" refers to, and returns the ISO part of the value, or
None rather than a guess.  ``iso_date`` does the same for an expression already in ``Article.times``.
"""

from __future__ import annotations

import re
from datetime import date

from .times import find_times, parse_published  # noqa: F401  (parse_published is part of this module's API)

_ISO = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?")


def iso_date(value: str | None, published: date | None = None) -> str | None:
    """The ISO 8601 calendar part of a TimeML value: '2025-03-11TMO' → '2025-03-11', 'PRESENT_REF' → the
    publication date, '2025-Q1' / 'XXXX-03' / 'P3D' → None."""
    if not value:
        return None
    if value == "PRESENT_REF":
        return published.isoformat() if published else None
    head = value.split("T", 1)[0]
    return head if _ISO.fullmatch(head) else None


def resolve(text: str, published: date | None, *, future: bool = False, anchor: str | None = None) -> str | None:
    """The ISO date (or month/week/year) one expression names, or None.

    ``anchor`` is the resolved date of the clause "that day" refers back to (without one, "later that day" is
    None); ``future`` resolves a weekday to the next such day instead of the last one.
    """
    t = " ".join(text.replace("’s", "").replace("'s", "").split())
    anchor_day = parse_published(anchor) if anchor and len(anchor) == 10 else None
    got = find_times(t, published, tense="future" if future else None, anchor=anchor_day, anchor_required=True)
    points = [x for x in got if x.type in {"DATE", "TIME"}]
    if not points:
        return None
    best = max(points, key=lambda x: x.span[1] - x.span[0])
    return iso_date(best.value, published)


def is_duration(text: str) -> bool:
    """'seven hours', 'around seven hours', 'the past decade', '30-day': a length of time, not a point in it."""
    # the type does not depend on the anchor; any date lets the relative rules run
    got = find_times(" ".join(text.split()), date(2000, 1, 1))
    if not got:
        return False
    return max(got, key=lambda x: x.span[1] - x.span[0]).type in {"DURATION", "SET"}
