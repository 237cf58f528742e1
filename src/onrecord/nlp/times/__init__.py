"""Every temporal expression in an article, with its TimeML type and value resolved against the publication date.

``find_times(text, published)`` is the recogniser and normaliser (pure, no model needed); the registered spaCy
component ``onrecord_times`` runs it on the Doc, sets ``doc._.onrecord_times`` and, where no metadata gave a
publication date, first looks for one in the text (``find_published``: a dateline "WASHINGTON, March 12 (Reuters)
–", "Published 12 March 2025", "Updated: …", a date standing alone in the first lines) and records where it came
from in ``doc._.onrecord_published_source``.  ``onrecord_events`` points each event at its time by id.

Values follow TimeML / TIMEX3 (Pustejovsky et al. 2003; the TimeBank 1.2 guidelines): ``2025-03-11``, ``2025-02``,
``2025-W10``, ``2025-Q1``, ``2025-SU``, ``2025-03-11TMO``, ``2025-03-11T10:30``, ``198`` (the 1980s),
``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``; durations ``P10Y``, ``PT7H``, ``PXY`` (an unstated number of
years); sets ``P1Y`` ("each year", "annually"), ``XXXX-WXX-1`` ("every Monday").

Why by hand and not dateparser: dateparser (a dependency through trafilatura) turns one *already delimited*
date string into a ``datetime``; it does not find expressions in running text (``search_dates`` over-matches and
costs milliseconds per sentence), has no notion of durations, sets, quarters, seasons, weeks, decades or the
PAST/PRESENT/FUTURE references, and gives a full timestamp where TimeML keeps the precision the text states
("last month" → ``2025-02``, not 2025-02-12).  So the recogniser and the TimeML normalisation are ours — rules
naming classes of expressions (weekday names, relative offsets, month-year, fiscal quarters, durations), in the
manner of HeidelTime (Strötgen & Gertz 2010, 2013) — and dateparser is used for what it does well: a
publication date string in a format our patterns do not know ("Updated: 3/12/2025 10:31 a.m. EST", other
languages), once per article, imported only then.

The text is split into tokens once; each rule runs only in windows around its anchor words (a month name, a
unit, a weekday …), and each candidate is normalised with a bounded look at its sentence (tense: "will meet on
Friday" is the next Friday), so the cost is linear in the length of the document.  The package: ``vocab`` (words,
patterns, anchors), ``calendar`` and ``relative`` (the normaliser's rules), ``find`` (candidates, overlaps,
``find_times``), ``published`` (the date in the first lines).
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ...model import TimeExpression
from .find import candidates, find_times
from .published import find_published, published_in_text
from .vocab import parse_published

__all__ = ["TimeExpression", "TimesComponent", "candidates", "find_published", "find_times", "make_times",
           "parse_published", "published_in_text", "time_at"]

# -- spaCy --------------------------------------------------------------------------------------------------------
if not Doc.has_extension("onrecord_times"):
    Doc.set_extension("onrecord_times", default=())
if not Doc.has_extension("onrecord_published"):
    Doc.set_extension("onrecord_published", default=None)
if not Doc.has_extension("onrecord_published_source"):
    Doc.set_extension("onrecord_published_source", default=None)


@Language.factory("onrecord_times", assigns=["doc._.onrecord_times", "doc._.onrecord_published"])
def make_times(nlp: Language, name: str) -> "TimesComponent":
    return TimesComponent()


class TimesComponent:
    """Sets ``doc._.onrecord_times``; where ``doc._.onrecord_published`` is unset, first fills it from the text
    (and ``doc._.onrecord_published_source``).  Runs before ``onrecord_events``, which links events to times."""

    def __call__(self, doc: Doc) -> Doc:
        try:
            text = doc.user_data.get("onrecord_text") or doc.text
            found = published_in_text(text)
            # where the dateline (or "Published …" line) stands: its date is the article's, not an event's
            doc.user_data["onrecord_dateline"] = found[2] if found else None
            if not doc._.onrecord_published and found:
                doc._.onrecord_published, doc._.onrecord_published_source = found[:2]
            doc._.onrecord_times = tuple(find_times(text, parse_published(doc._.onrecord_published)))
        except Exception:  # one odd article must never stop a batch
            logging.getLogger(__name__).exception("time tagging failed for a document of %d chars", len(doc.text))
            doc._.onrecord_times = ()
        return doc


def time_at(times: tuple[TimeExpression, ...] | list[TimeExpression], start: int, end: int
            ) -> TimeExpression | None:
    """The time expression overlapping the character range [start, end), if any."""
    for t in times:
        if t.span[0] < end and start < t.span[1]:
            return t
    return None


def event_points(doc: Doc) -> list[tuple[TimeExpression, int]]:
    """The article's points in time an event can be at, each with its first token (the events layer asks once per
    Doc): not "now"/"recently" (they say little about when) and not the dateline's date (it dates the article)."""
    dateline = doc.user_data.get("onrecord_dateline") or (0, 0)
    out = []
    for tx in getattr(doc._, "onrecord_times", ()) or ():
        if tx.type not in {"DATE", "TIME"} or tx.value.endswith("_REF"):
            continue
        if tx.span[0] < dateline[1] and dateline[0] < tx.span[1]:
            continue
        span = doc.char_span(tx.span[0], tx.span[1], alignment_mode="expand")
        if span is not None:
            out.append((tx, span.start))
    return out
