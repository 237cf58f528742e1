"""The normaliser's context (tense, the last day named, the quarter under discussion) and its calendar rules:
ISO dates, month-day-year, months, years, decades, centuries, quarters."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from .vocab import (FUTURE_CUE, MONTH_OF, ORDINAL, PAST_CUE, SEASON, SENT_END, duration_value, four_digit_year,
                    iso_week, number_of, unit_of)


# an "-ed" word after an article, "be" or "still" is a participle used as an adjective or a passive ("a still
# unspecified date", "would be paid"), not a past tense: the word before a past cue, tested at its end
_ADJECTIVAL = re.compile(r"\b(?:a|an|the|be|been|being|still|newly|recently|previously)\s+$", re.I)


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    rule: str
    m: re.Match

    def group_text(self) -> str:
        return self.m.group(0)


class CalendarRules:
    """Turns one candidate into (type, value) given the text, the publication date and the last day mentioned:
    the context (tense, the last day named, the quarter under discussion) and the calendar rules."""
    AFTER_REACH = 90



    def __init__(self, text: str, published: date | None, *, tense: str | None = None, anchor: date | None = None,
                 anchor_required: bool = False):
        self.text = text
        self.dct = published
        self.forced_tense = tense
        # "that day" without an earlier day: the publication day, unless the caller wants None
        self.anchor_required = anchor_required
        self.last_day: date | None = anchor  # the last resolved day, the anchor of "that day", "the next day"
        # the last month and year named (by a day, a month or a year): "in March … the following month"
        self.last_month: tuple[int, int] | None = (anchor.year, anchor.month) if anchor else None
        self.last_year: int | None = anchor.year if anchor else None
        self.last_quarter: tuple[int, int] | None = None
        self.at = 0  # where the candidate being normalised starts
        self.last_day_at = -1  # the quarter under discussion (earnings reports)
        self.sent_starts = [0] + [m.end() for m in SENT_END.finditer(text)]

    # -- context --------------------------------------------------------------------------------------------------
    def tense(self, c: Cand, reach: int = 160) -> str | None:
        """'future', 'past' or None: the nearest tense cue in the expression's sentence (before it, within
        ``reach`` characters, and just after it: "Friday will see …", "Monday said")."""
        if self.forced_tense:
            return self.forced_tense
        i = bisect_right(self.sent_starts, c.start) - 1
        before = self.text[max(self.sent_starts[i], c.start - reach):c.start]
        after = self.text[c.end:min(c.end + self.AFTER_REACH, self.sent_starts[i + 1] if i + 1 < len(self.sent_starts)
                                    else len(self.text))]
        fut = [m.end() for m in FUTURE_CUE.finditer(before)]
        past = [m.end() for m in PAST_CUE.finditer(before) if not _ADJECTIVAL.search(before, 0, m.start())]
        if fut or past:
            # a word both lists know ("scheduled", "planned to") is the future cue: the past pattern's
            # catch-all "-ed" is what matched it
            return "future" if (fut[-1] if fut else -1) >= (past[-1] if past else -1) else "past"
        m_f = FUTURE_CUE.search(after)
        m_p = next((m for m in PAST_CUE.finditer(after) if not _ADJECTIVAL.search(after, 0, m.start())), None)
        if m_f or m_p:
            return "future" if m_f and (not m_p or m_f.start() <= m_p.start()) else "past"
        return None

    def future(self, c: Cand, reach: int = 160) -> bool:
        return self.tense(c, reach) == "future"

    def before(self, c: Cand, n: int = 30) -> str:
        return self.text[max(0, c.start - n):c.start].lower()

    def after(self, c: Cand, n: int = 30) -> str:
        return self.text[c.end:c.end + n].lower()

    # -- helpers --------------------------------------------------------------------------------------------------
    def _day(self, d: date) -> str:
        self.last_day = d
        self.last_month, self.last_year = (d.year, d.month), d.year
        self.last_day_at = self.at
        return d.isoformat()

    def _year_for_month(self, month: int, day: int | None, c: Cand) -> int | None:
        if self.dct is None:
            return None
        # the year that puts the date nearest the publication date, on the side the tense says
        tense = self.tense(c)
        here = self.dct.year * 12 + self.dct.month - 1 + (self.dct.day - 1) / 31
        best = None
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            dist = y * 12 + month - 1 + ((day or 16) - 1) / 31 - here
            if tense == "past" and dist > 0.5 or tense == "future" and dist < -0.5:
                dist *= 4  # the tense can be wrong; a date far on the other side is still possible
            if best is None or abs(dist) < best[0]:
                best = (abs(dist), y)
        return best[1]

    def _tod(self, s: str) -> str | None:
        s = s.lower().strip()
        s = re.sub(r"\s+[a-z]{3}$", "", s)
        if s in {"noon", "midday"}:
            return "12:00"
        if s == "midnight":
            return "24:00"
        m = re.match(r"(\d{1,2})(?::(\d\d))?\s*(a\.m\.|p\.m\.|am|pm|o'clock)?", s)
        if not m:
            return None
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        ap = (m.group(3) or "").replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        return f"{h:02d}:{mi:02d}"

    def _month(self, y: int, m: int) -> str:
        self.last_month, self.last_year = (y, m), y
        return f"{y:04d}-{m:02d}"

    def _year(self, y: int) -> str:
        self.last_year = y
        return f"{y:04d}"

    # -- rules ----------------------------------------------------------------------------------------------------
    def n_iso(self, c: Cand):
        g = c.m.groupdict()
        if g["w"]:
            return "DATE", f"{g['y']}-W{g['w']}"
        if g["q"]:
            return "DATE", f"{g['y']}-Q{g['q']}"
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        v = self._day(d)
        return ("TIME", f"{v}T{g['t']}") if g["t"] else ("DATE", v)

    def n_numeric(self, c: Cand):
        a, b, y = int(c.m["a"]), int(c.m["b"]), four_digit_year(c.m["y"])
        try:
            return "DATE", self._day(date(y, a, b))  # US order, the common one in English news
        except ValueError:
            try:
                return "DATE", self._day(date(y, b, a))
            except ValueError:
                return None

    def _mdy(self, c: Cand):
        g = c.m.groupdict()
        mon = MONTH_OF[g["mon"].lower().rstrip(".")[:4] if g["mon"].lower().startswith("sept")
                        else g["mon"].lower().rstrip(".")[:3]]
        day = int(re.match(r"\d+", g["day"]).group())
        year = int(g["year"]) if g.get("year") else self._year_for_month(mon, day, c)
        if year is None:
            return "DATE", f"XXXX-{mon:02d}-{day:02d}"
        try:
            v = self._day(date(year, mon, day))
        except ValueError:
            return None
        if g.get("tod"):
            t = self._tod(g["tod"])
            if t:
                return "TIME", f"{v}T{t}"
        return "DATE", v

    n_mdy = n_dmy = _mdy

    def n_week_of(self, c: Cand):
        """'the week of March 6': the ISO week holding that day."""
        got = self._mdy(c)
        if got is None or "X" in got[1]:
            return got
        return "DATE", iso_week(date.fromisoformat(got[1][:10]))

    def n_my(self, c: Cand):
        mon = MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
        return "DATE", self._month(four_digit_year(c.m['year']), mon)

    def n_month(self, c: Cand):
        mon = MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
        if re.match(r"\s+(?:for|of\s+the|on)\s+[A-Z]", self.text[c.end:c.end + 14]):
            return None  # "the March for Life", "the March of the Mothers": a march, not a month
        if self.dct is None:
            return "DATE", f"XXXX-{mon:02d}"
        rel = (c.m["rel"] or "").lower()
        y = self.dct.year
        if rel in {"last", "past"}:
            y = y if mon < self.dct.month else y - 1
        elif rel == "next":
            y = y if mon > self.dct.month else y + 1
        elif rel != "this":
            y = self._year_for_month(mon, None, c)
        return "DATE", self._month(y, mon)

    def n_mayalone(self, c: Cand):
        return self.n_month(Cand(c.start, c.end, "month", re.match(r"(?P<rel>)(?P<mon>May)", "May")))

    def n_season_year(self, c: Cand):
        return "DATE", f"{c.m['year']}-{SEASON[c.m['season'].lower()]}"

    def n_year_fiscal(self, c: Cand):
        return "DATE", f"{four_digit_year(c.m['year']):04d}"  # TimeBank writes fiscal 1989 as 1989

    def n_year_span(self, c: Cand):
        return "DURATION", "P1Y"

    def n_year(self, c: Cand):
        before = self.before(c, 12)
        if re.search(r"[$£€#]\s*$|\bno\.\s*$|\d[,.]?$", before) or re.match(r"\s*(?:-\d|\d)", self.after(c, 3)):
            return None
        return "DATE", self._year(int(c.m["year"]))

    def n_decade(self, c: Cand):
        y = c.m["y"]
        y = four_digit_year(y.lstrip("'")[:2]) // 10 * 10 if y.startswith("'") else int(y)
        return "DATE", str(y)[:3]

    def n_century(self, c: Cand):
        return "DATE", f"{int(c.m['n']) - 1:02d}"

    def n_quarter(self, c: Cand):
        q = ORDINAL[c.m["ord"].lower()]
        unit = c.m["unit"].lower()
        if unit == "half" and q > 2:
            return None
        y = c.m["year"] or c.m["year2"]
        if y:
            year = int(y)
        elif c.m["rely"] and self.dct is not None:  # "next year's first quarter"
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[c.m["rely"].lower()]
        elif self.dct is None:
            return "DATE", f"XXXX-{'Q' if unit == 'quarter' else 'H'}{q}"
        else:
            cur = (self.dct.month - 1) // 3 + 1 if unit == "quarter" else (self.dct.month - 1) // 6 + 1
            year = self.dct.year
            if q > cur and not self.future(c):
                year -= 1
        if unit == "quarter":
            self.last_quarter = (year, q)
        return "DATE", f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{q}"

    def n_q_code(self, c: Cand):
        """'Q3', '3Q 2025', 'H1': a quarter or half as businesses write it.  Without a year it must stand where a
        time does ("in Q3", "Q3's results"), not as a name ("the Audi Q3"); the year is the latest one whose
        quarter has begun, unless the sentence speaks of the future."""
        half = bool(c.m["h"] or c.m["h2"])
        n = int(c.m["q"] or c.m["q2"] or c.m["h"] or c.m["h2"])
        y = c.m["year"] or c.m["year2"]
        if y:
            year = four_digit_year(y)
        elif not re.search(r"(?:\b(?:in|for|during|by|since|until|from|to|through|and|of|the|its|their|or|vs\.?|"
                           r"versus|than)|,)\s*$", self.before(c, 10)):
            return None
        elif self.dct is None:
            return "DATE", f"XXXX-{'H' if half else 'Q'}{n}"
        else:
            cur = (self.dct.month - 1) // (6 if half else 3) + 1
            year = self.dct.year - (1 if n > cur and not self.future(c) else 0)
        if not half:
            self.last_quarter = (year, n)
        return "DATE", f"{year:04d}-{'H' if half else 'Q'}{n}"

    def n_rel_quarter(self, c: Cand):
        if self.dct is None:
            return None
        rel, unit = c.m["rel"].lower(), c.m["unit"].lower()
        cur = (self.dct.month - 1) // 3 + 1
        y, q = self.dct.year, cur
        ended = self._quarter_ended(c) if unit == "quarter" else None
        if ended and rel in {"latest", "last", "current", "recent", "past"}:
            self.last_quarter = ended
            return "DATE", f"{ended[0]:04d}-Q{ended[1]}"
        if rel == "this" and unit == "quarter" and self.last_quarter and self._quarter_context(c):
            y, q = self.last_quarter  # "this quarter's loss" in a report on the quarter ended Sept. 30
            return "DATE", f"{y:04d}-Q{q}"
        if rel in {"latest", "last", "previous", "past", "recent"}:
            q -= 1
        elif rel in {"next", "coming"}:
            q += 1
        elif rel in {"year-earlier", "year-ago", "prior-year", "year-before", "comparable", "same"}:
            if self.last_quarter:
                y, q = self.last_quarter
                return "DATE", f"{y - (0 if rel == 'same' else 1):04d}-Q{q}"
            y, q = y - 1, q - 1
        if unit == "period" and not (self.last_quarter and self._quarter_context(c)):
            return None
        if unit == "period" and rel in {"latest", "current", "recent"}:
            y, q = self.last_quarter
            return "DATE", f"{y:04d}-Q{q}"
        y += (q - 1) // 4
        q = (q - 1) % 4 + 1
        return "DATE", f"{y:04d}-Q{q}"

    def n_firstmonths(self, c: Cand):
        n = number_of(c.m["n"])
        return "DURATION", duration_value(n, unit_of(c.m["unit"]))
