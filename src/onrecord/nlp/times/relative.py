"""The normaliser's relative rules: today and weekdays, times of day, "that day", "ago", "last month",
seasons, durations, sets and the PAST/PRESENT/FUTURE references."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from .vocab import (MONTH_OF, MONTH_RE, NUMBER, PART_OF_DAY, REF, REF_KEEP, SEASON, SEASON_ORDER, SET_ADVERB, UNIT,
                    WEEKDAYS, WEEKDAY_REACH, YEAR, duration_value, iso_week, month_shift, number_of, unit_of)
from .calendar import CalendarRules, Cand


class Normaliser(CalendarRules):
    """The relative rules (today, weekdays, "that day", "ago", "last month"), durations, sets and references, on top
    of the calendar rules."""

    def n_relday(self, c: Cand):
        if self.dct is None:
            return None
        w = " ".join(c.m["w"].lower().split())
        d = self.dct + timedelta(days={"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                                       "the day after tomorrow": 2}.get(w, 0))
        v = self._day(d)
        if w == "tonight":
            return "TIME", f"{v}TNI"
        if c.m["pod"]:
            return "TIME", f"{v}T{PART_OF_DAY[c.m['pod'].lower()]}"
        return "DATE", v

    def n_lastnight(self, c: Cand):
        if self.dct is None:
            return None
        rel = c.m["rel"].lower()
        d = self.dct + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
        pod = c.m["pod"].lower()
        if rel == "last" and pod != "night":
            d = self.dct  # "last evening" is rare; "last morning" is not said
        return "TIME", f"{self._day(d)}T{PART_OF_DAY[pod]}"

    def n_weekday(self, c: Cand):
        if re.search(r"\b(?:every|each|on)\s*$", self.before(c, 7)) and \
                re.search(r"\b(?:every|each)\s*$", self.before(c, 7)):
            return None  # "every Monday" is a set (the set rule takes it)
        w = c.m["w"].lower().rstrip(".")
        target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(w[:3]))
        if self.dct is None:
            return "DATE", f"XXXX-WXX-{target + 1}"
        rel = " ".join((c.m["rel"] or "").lower().split())
        if rel.startswith("the "):  # "the previous Friday": the one before the day named last
            base = self.last_day or self.dct
            if rel == "the following":
                d = base + timedelta(days=(target - base.weekday() - 1) % 7 + 1)
            else:
                d = base - timedelta(days=(base.weekday() - target - 1) % 7 + 1)
            return "DATE", self._day(d)
        tense = self.tense(c, WEEKDAY_REACH)
        # no tense near it, but a deadline's preposition: "until 9 a.m. Tuesday", "as early as Friday"
        deadline = tense is None and re.search(r"\b(?:until|till|by|no\s+later\s+than|as\s+(?:soon|early)\s+as)\s*$",
                                               self.before(c, 20))
        fut = rel in {"next", "coming"} or (rel != "last" and rel != "past" and (tense == "future" or bool(deadline)))
        if fut:
            delta = (target - self.dct.weekday()) % 7
            if rel == "next" and delta == 0:
                delta = 7
            d = self.dct + timedelta(days=delta)
        else:
            delta = (self.dct.weekday() - target) % 7
            if rel == "last" and delta == 0:
                delta = 7
            d = self.dct - timedelta(days=delta)
        v = self._day(d)
        if c.m["tod"]:
            t = self._tod(c.m["tod"])
            if t:
                return "TIME", f"{v}T{t}"
        # "Friday night": TimeBank annotates a part of a named day with that day's date
        return "DATE", v

    def n_tod(self, c: Cand):
        t = self._tod(c.m["tod"])
        if t is None:
            return None
        base = self.dct
        if self.last_day is not None and self.last_day_at >= self.sent_starts[bisect_right(self.sent_starts,
                                                                                            c.start) - 1]:
            base = self.last_day  # "Friday … at 10 a.m." in one sentence
        rel = (c.m["rel"] or "").lower()
        if re.fullmatch(r"noon|midnight|midday", c.m["tod"].lower()) and not (rel or c.m["mon"]) and not \
                re.search(r"\b(?:at|by|until|before|after|since|from|around|till)\s*$", self.before(c, 10)):
            return None  # "High Noon", "the midnight sun"
        if c.m["mon"]:
            got = self._mdy(c)
            if got is None:
                return None
            return "TIME", f"{got[1][:10]}T{t}"
        if rel and rel[:3] in {w[:3] for w in WEEKDAYS} and self.dct is not None:
            wd = self.n_weekday(Cand(c.start, c.end, "weekday", re.match(r"(?P<rel>)(?P<w>\w+)(?P<pod>)(?P<tod>)",
                                                                          rel.capitalize())))
            return "TIME", f"{wd[1]}T{t}"
        if rel and self.dct is not None:
            if rel in {"today", "tonight"}:
                base = self.dct
            elif rel == "yesterday":
                base = self.dct - timedelta(days=1)
            elif rel == "tomorrow":
                base = self.dct + timedelta(days=1)
            else:
                target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(rel[:3]))
                base = self.dct - timedelta(days=(self.dct.weekday() - target) % 7)
        if base is None:
            return "TIME", f"XXXX-XX-XXT{t}"
        return "TIME", f"{base.isoformat()}T{t}"

    def n_anchored(self, c: Cand):
        text = " ".join(c.group_text().lower().split())
        unit = c.m["unit"].lower()
        base = self.last_day if self.last_day is not None else None if self.anchor_required else self.dct
        if base is None:
            return None
        shift = 1 if re.search(r"\b(?:next|following)\b", text) else -1 if re.search(r"\b(?:previous|preceding)\b",
                                                                                  text) else 0
        if unit in PART_OF_DAY or unit == "day":
            d = base + timedelta(days=shift)
            v = d.isoformat()
            if unit != "day":
                return "TIME", f"{v}T{PART_OF_DAY[unit]}"
            return "DATE", v
        if unit == "week":
            return "DATE", iso_week(base + timedelta(weeks=shift))
        if unit == "month":  # "in March … the following month": the month named last, else the day's
            y, m = month_shift(*(self.last_month or (base.year, base.month)), shift)
            return "DATE", f"{y:04d}-{m:02d}"
        return "DATE", f"{(self.last_year or base.year) + shift:04d}"

    def _offset_measure(self, c: Cand, n: float | None, unit: str):
        """'a month after Qantas suspended …', 'a few days later', 'at least 30 days before closing': an offset
        from an event whose date the text does not give.  TimeBank tags the measure alone ("a month") as a
        DURATION, the signal word ("after", "later") left out; years stay dates ("a year earlier" compares with
        a year-old figure).  The third item is where the expression ends."""
        if unit not in {"second", "minute", "hour", "day", "week", "month"}:
            return None
        if c.m["dir"].lower() not in {"before", "after", "later", "earlier"}:
            return None
        end = c.m.start("dir")
        while end > c.start and self.text[end - 1].isspace():
            end -= 1
        return "DURATION", duration_value(n, unit), end

    def n_daybefore(self, c: Cand):
        base = self.last_day if self.last_day is not None else self.dct
        if base is None:
            return None
        if not c.group_text().lower().startswith("the"):
            got = self._offset_measure(c, 1, unit_of(c.m["unit"]))
            if got:
                return got
        sign = 1 if c.m["dir"].lower() in {"after", "later"} else -1
        unit = unit_of(c.m["unit"])
        if unit == "year" and sign < 0 and self.last_quarter and self._quarter_context(c):
            y, q = self.last_quarter  # "up from a year earlier" in a quarterly report
            return "DATE", f"{y - 1:04d}-Q{q}"
        return self._shift(base if unit == "day" else self.dct or base, sign, unit)

    def _shift(self, base: date, n: float, unit: str):
        n = int(n)
        if unit == "day":
            return "DATE", (base + timedelta(days=n)).isoformat()
        if unit == "week":
            return "DATE", iso_week(base + timedelta(weeks=n))
        if unit == "month":
            y, m = month_shift(base.year, base.month, n)
            return "DATE", f"{y:04d}-{m:02d}"
        if unit == "year":
            return "DATE", f"{base.year + n:04d}"
        if unit == "decade":
            return "DATE", f"{(base.year + 10 * n) // 10:03d}"
        if unit == "quarter":
            k = base.year * 4 + (base.month - 1) // 3 + n
            return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}"
        if unit in {"hour", "minute", "second"}:
            return "TIME", f"{base.isoformat()}"
        return None

    def n_ago(self, c: Cand):
        n = number_of(c.m["n"])
        unit = unit_of(c.m["unit"])
        d = c.m["dir"].lower()
        got = self._offset_measure(c, n, unit)
        if got:
            return got
        if d in {"earlier", "before", "later"} and self.last_day is None and self.dct is None:
            return None
        if n is None:
            return "DATE", "PAST_REF" if d in {"ago", "earlier", "before"} else "FUTURE_REF"
        if self.dct is None:
            return None
        sign = -1 if d in {"ago", "earlier", "before"} else 1
        if unit == "year" and sign < 0 and self.last_quarter and self._quarter_context(c):
            # "profit rose 19% from a year ago" in a quarterly report: the same quarter a year before
            y, q = self.last_quarter
            return "DATE", f"{y - int(n):04d}-Q{q}"
        out = self._shift(self.dct, sign * n, unit)
        if out and unit in {"hour", "minute", "second"}:
            return "DATE", out[1]
        return out

    def n_rel_period(self, c: Cand):
        rel, unit = c.m["rel"].lower(), c.m["unit"].lower()
        if rel in {"past", "coming", "following", "previous", "latest"} and unit not in SEASON or (
                rel == "last" and re.match(r"(?:the\s+)", c.group_text(), re.I)):
            if unit == "half":
                return None
            # "the past week", "the coming year": a stretch of time ending (starting) now
            return "DURATION", duration_value(1, unit if unit in UNIT else "month")
        if self.dct is None:
            return None
        shift = {"this": 0, "current": 0, "present": 0, "same": 0, "last": -1, "next": 1}.get(rel, 0)
        if unit == "year" and shift == -1 and self.last_quarter and self._same_sentence_quarter(c):
            y, q = self.last_quarter  # "net was $3 million in the quarter, against a loss last year"
            return "DATE", f"{y - 1:04d}-Q{q}"
        if unit in SEASON or unit == "season":
            if unit == "season":
                return None
            s = SEASON[unit]
            cur = SEASON_ORDER[["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"]
                                [self.dct.month - 1]]
            y = self.dct.year
            if shift < 0 and SEASON_ORDER[s] >= cur:
                y -= 1
            elif shift > 0 and SEASON_ORDER[s] <= cur:
                y += 1
            return "DATE", f"{y:04d}-{s}"
        if unit == "half":
            h = (self.dct.month - 1) // 6 + shift
            return "DATE", f"{self.dct.year + h // 2:04d}-H{h % 2 + 1}"
        if unit == "weekend":
            return "DATE", iso_week(self.dct + timedelta(weeks=shift)) + "-WE"
        return self._shift(self.dct, shift, unit)

    def n_the_period(self, c: Cand):
        unit = c.m["unit"].lower()
        text = c.group_text().lower()
        if self.dct is None or unit in {"season"}:
            return None
        if not re.match(r"(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|rest|"
                        r"remainder))", text) and unit not in {"year", "quarter"}:
            return None
        if unit == "weekend":
            return "DATE", iso_week(self.dct) + "-WE"
        if unit == "year" and re.match(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\b", self.after(c, 20)):
            return "DURATION", "P1Y"  # "the year ended March 31": twelve months of accounts (as year_ended)
        if unit == "quarter":
            ended = self._quarter_ended(c)
            if ended:  # "the quarter ended Sept. 30": the quarter holding that day, not the publication's
                self.last_quarter = ended
                return "DATE", f"{ended[0]:04d}-Q{ended[1]}"
            return "DATE", f"{self.dct.year:04d}-Q{(self.dct.month - 1) // 3 + 1}"
        return self._shift(self.dct, 0, unit)

    def n_season(self, c: Cand):
        if c.m["rel"] is None and not re.match(r"(?:early|late|mid|the)", c.group_text(), re.I):
            if not re.search(r"\b(?:in|this|by|until|during|since|last|next)\s*$", self.before(c, 12)):
                return None
        if self.dct is None:
            return "DATE", f"XXXX-{SEASON[c.m['season'].lower()]}"
        rel = (c.m["rel"] or "").lower()
        s = SEASON[c.m["season"].lower()]
        cur = SEASON_ORDER[["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"]
                            [self.dct.month - 1]]
        y = self.dct.year
        if rel in {"last", "past"} and SEASON_ORDER[s] >= cur:
            y -= 1
        elif (rel in {"next", "coming"} or (rel != "this" and self.future(c))) and SEASON_ORDER[s] < cur:
            y += 1
        elif rel not in {"this", "next", "coming"} and not self.future(c) and SEASON_ORDER[s] > cur:
            y -= 1
        return "DATE", f"{y:04d}-{s}"

    def n_past_n(self, c: Cand):
        unit = unit_of(c.m["unit"])
        if unit not in UNIT:
            return None
        raw = c.m["n"]
        plural = c.m["unit"].lower().endswith("s") and unit != "century" or c.m["unit"].lower() == "centuries"
        n = number_of(raw) if raw else (None if plural else 1)
        if raw and n is None:
            n = None
        return "DURATION", duration_value(n, unit)

    def n_duration(self, c: Cand):
        unit = unit_of(c.m["unit"])
        if unit not in UNIT:
            return None
        n = number_of(c.m["n"])
        text = c.group_text().lower()
        if "and a half" in text and n is not None:
            n += 0.5
        if n is not None and n > 1000:
            return None
        if c.m["old"] and "old" in c.m["old"].lower() or re.match(r"-?old\b", self.after(c, 5)):
            return None  # ages ("a 44-year-old protester") are not times
        if c.m["n"].lower() in {"a", "an"} and unit in {"second", "quarter"}:
            return None  # "a second betrayal", "a quarter of the vote"
        if unit == "quarter" and re.match(r"\s+of\b", self.after(c, 5)):
            return None  # "three-quarters of its food"
        if c.m["n"].lower() in {"a", "an"} and re.search(r"(?:[$£€]\s?[\d.,]+(?:\s+(?:million|billion|"
                                                         r"trillion))?|\bonce|\btimes?|\bpercent|%)\s*$",
                                                         self.before(c, 40)):
            return "SET", duration_value(1, unit)
        return "DURATION", duration_value(n, unit)

    def n_long_adj(self, c: Cand):
        """'a monthlong ceasefire', 'a yearslong war': a duration said as one adjective."""
        return "DURATION", duration_value(None if c.m["pl"] else 1, c.m["unit"].lower())

    def n_year_ended(self, c: Cand):
        """'the year ended March 31': a fiscal year, a span of twelve months (TimeBank annotates a DURATION)."""
        return "DURATION", "P1Y"

    def n_plural_units(self, c: Cand):
        unit = unit_of(c.m["unit"])
        if re.match(r"\s+(?:ago|earlier|before)", self.after(c, 10)):
            return "DATE", "PAST_REF"
        return "DURATION", duration_value(None, unit)

    def n_set(self, c: Cand):
        q = c.m["q"].lower()
        u = c.m["unit"]
        ul = u.lower()
        if q in {"a", "an"}:
            # "$5 a year", "twice a week": a rate; "a year" alone is a duration (the duration rule takes it)
            if not re.search(r"(?:[$£€]\s?[\d.,]+(?:\s+(?:million|billion|trillion))?|\bonce|\btwice|\btimes|"
                             r"\bpercent|%|\d)\s*$", self.before(c, 40)):
                return None
        if ul.rstrip(".")[:3] in {w[:3] for w in WEEKDAYS} and u[0].isupper():
            k = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(ul[:3])) + 1
            return "SET", f"XXXX-WXX-{k}"
        if ul in PART_OF_DAY:
            return "SET", f"T{PART_OF_DAY[ul]}"
        if ul in SEASON:
            return "SET", f"XXXX-{SEASON[ul]}"
        if ul == "season":
            return "SET", "P3M"  # "each season": each of the year's four
        unit = unit_of(ul)
        if unit not in UNIT:
            return None
        n = number_of(c.m["n"]) if c.m["n"] else 1
        return "SET", duration_value(n, unit)

    def n_m_relyear(self, c: Cand):
        if self.dct is None:
            return None
        mon = MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
        y = self.dct.year + {"this": 0, "last": -1, "next": 1}[c.m["rel"].lower()]
        day = c.m["day"] or c.m["day2"]
        if day:
            try:
                return "DATE", self._day(date(y, mon, int(re.match(r"\d+", day).group())))
            except ValueError:
                return None
        return "DATE", self._month(y, mon)

    _TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
             "ninety": 90}

    def n_spoken_year(self, c: Cand):
        """'nineteen ninety-six' → 1996, 'two thousand' → 2000 (transcribed broadcast news)."""
        rest = " ".join((c.m["rest"] or "").lower().replace("-", " ").split())
        if c.m["c"].lower() == "nineteen":
            if not rest:
                return None  # "nineteen" alone is a number
            base = 1900
        else:
            base = 2000
        rest = rest.removeprefix("and ").removeprefix("o ")
        n = 0
        for w in rest.split():
            n += self._TENS.get(w) or NUMBER.get(w, 0)
        y = base + n
        if c.m["mon"]:
            return "DATE", f"{y}-{MONTH_OF[c.m['mon'].lower().rstrip('.')[:3]]:02d}"
        if c.m["season"]:
            return "DATE", f"{y}-{SEASON[c.m['season'].lower()]}"
        return "DATE", str(y)

    def n_year_end(self, c: Cand):
        if self.dct is None:
            return None
        rel = (c.m["rel"] or "").lower()
        y = self.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and re.search(r"\bsince\s*(?:the\s*)?$", self.before(c, 12)):
            y -= 1
        return "DATE", f"{y:04d}-12-31" if not re.search(r"\b(?:by|until|before)\s*$", self.before(c, 8)) \
            else f"{y:04d}"

    def n_year_earlier_adj(self, c: Cand):
        if self.dct is None:
            return None
        if self.last_quarter and self._quarter_context(c):
            y, q = self.last_quarter
            return "DATE", f"{y - 1:04d}-Q{q}"
        return "DATE", f"{self.dct.year - 1:04d}"

    def n_bare_plural(self, c: Cand):
        if c.m["the"] and c.m["unit"].lower() != "years":
            return None
        return "DURATION", duration_value(None, unit_of(c.m["unit"]))

    def n_quarter_anchor(self, c: Cand):
        rel, unit = (c.m["rel"] or "").lower(), " ".join(c.m["unit"].lower().split())
        if self.dct is None:
            return None
        if unit in {"year", "fiscal year"}:
            if rel in {"latest"}:
                return "DATE", f"{self.dct.year - 1:04d}"
            if rel in {"full", "fiscal"} or unit == "fiscal year" or c.group_text().lower().startswith("that"):
                return "DATE", f"{self.dct.year:04d}"
            return None
        if rel == "full":
            return None
        ended = self._quarter_ended(c) if unit == "quarter" else None
        if ended:
            self.last_quarter = ended
            return "DATE", f"{ended[0]:04d}-Q{ended[1]}"
        if self.last_quarter and (unit == "quarter" or self._quarter_context(c)):
            y, q = self.last_quarter
            return "DATE", f"{y:04d}-Q{q}"
        if unit == "quarter" or rel == "latest":
            k = self.dct.year * 4 + (self.dct.month - 1) // 3 - 1  # the last complete quarter
            return "DATE", f"{k // 4:04d}-Q{k % 4 + 1}"
        return None

    def _quarter_ended(self, c: Cand) -> tuple[int, int] | None:
        """'the quarter ended Sept. 30': the calendar quarter holding that date."""
        m = re.match(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\s+(?P<mon>" + MONTH_RE + r")\s+(?P<day>\d{1,2})"
                     r"(?:,?\s+(?P<year>" + YEAR + r"))?", self.text[c.end:c.end + 40])
        if not m:
            return None
        mon = MONTH_OF[m["mon"].lower().rstrip(".")[:4] if m["mon"].lower().startswith("sept")
                        else m["mon"].lower().rstrip(".")[:3]]
        year = int(m["year"]) if m["year"] else self._year_for_month(mon, int(m["day"]), c)
        if year is None:
            return None
        return year, (mon - 1) // 3 + 1

    def _quarter_context(self, c: Cand) -> bool:
        return bool(re.search(r"quarter", self.text[max(0, c.start - 400):c.end + 60], re.I))

    def n_year_period(self, c: Cand):
        """'the 1988 period' in a quarterly report: that year's quarter under discussion."""
        y = int(c.m["year"])
        if self.last_quarter and self._quarter_context(c):
            return "DATE", f"{y:04d}-Q{self.last_quarter[1]}"
        return "DATE", f"{y:04d}"

    def _same_sentence_quarter(self, c: Cand) -> bool:
        i = bisect_right(self.sent_starts, c.start) - 1
        a = self.sent_starts[i]
        b = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return bool(re.search(r"quarter", self.text[a:b], re.I))

    def n_weekend(self, c: Cand):
        if self.dct is None:
            return None
        d = self.dct
        if not self.future(c) and d.weekday() < 5:
            d -= timedelta(weeks=1)  # "over the weekend" told in the past: the one just gone
        return "DATE", iso_week(d) + "-WE"

    def n_pod(self, c: Cand):
        """'in the morning': of the day named in this sentence or the one before ("… dashed Friday. Dealers
        placed orders in the morning"), else of the publication day."""
        base = self.dct
        k = bisect_right(self.sent_starts, c.start) - 2  # the sentence before, past blank ones between paragraphs
        while k > 0 and not self.text[self.sent_starts[k]:self.sent_starts[k + 1]].strip():
            k -= 1
        if self.last_day is not None and self.last_day_at >= self.sent_starts[max(0, k)]:
            base = self.last_day
        if base is None:
            return None
        return "TIME", f"{base.isoformat()}T{PART_OF_DAY[c.m['pod'].lower()]}"

    def n_overnight(self, c: Cand):
        if self.dct is None or not re.match(r"\s+(?:\w+\s+)?(?:losses|gains|trading|session|rally|decline|"
                                            r"drop|rise|fall|advance)", self.after(c, 20)):
            return None
        return "TIME", f"{(self.dct - timedelta(days=1)).isoformat()}TNI"

    _HOLIDAY = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14)}

    def n_holiday(self, c: Cand):
        """Fixed holidays and the two US ones that move: Thanksgiving (4th Thursday of November) and Election
        Day (the Tuesday after the first Monday of November)."""
        h = " ".join(c.m["h"].lower().split())
        if c.m["h"][0].islower():
            return None
        if h in {"christmas", "thanksgiving"} and re.match(r"\s+(?:tree|card|gift|sale|shopping|season|holiday)",
                                                           self.after(c, 12)):
            return None
        years = [int(c.m["year"])] if c.m["year"] else ([self.dct.year - 1, self.dct.year, self.dct.year + 1]
                                                         if self.dct else [])
        if not years:
            return None

        def day_in(y: int) -> date:
            if h.startswith("thanksgiving"):
                first = date(y, 11, 1)
                return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            if h == "election day":
                first = date(y, 11, 1)
                return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
            m, d = self._HOLIDAY[h]
            return date(y, m, d)

        ref = self.dct or day_in(years[0])
        best = min((day_in(y) for y in years), key=lambda d: abs((d - ref).days))
        return "DATE", self._day(best)

    def n_spoken_decade(self, c: Cand):
        d = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
             "nineties": 9}[c.m["d"].lower()]
        century = 18 if (c.m["c"] or "").lower() == "eighteen" else 19
        return "DATE", f"{century}{d}"

    def n_soon(self, c: Cand):
        w = " ".join(c.m["w"].lower().split())
        if w == "soon" and (re.search(r"\bas\s*$", self.before(c, 4)) or re.match(r"\s+after\b",
                                                                                 self.after(c, 7))):
            return None  # "as soon as the threats end", "soon after" are conjunctions
        return "DATE", "FUTURE_REF"

    def n_near_future(self, c: Cand):
        return "DATE", "FUTURE_REF"

    def n_adj_ref(self, c: Cand):
        return "DATE", {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}[c.m["w"].lower()]

    def n_set_adverb(self, c: Cand):
        if re.match(r"\s+(?:dividend|loss|losses|profit|report|results|payment|meeting|earnings|rate|basis)\b",
                    self.after(c, 14)):
            return None  # "its quarterly dividend": a kind of payment, not a time
        return "SET", SET_ADVERB[c.m["w"].lower()]

    def n_set_annual(self, c: Cand):
        return None

    def n_ref(self, c: Cand):
        w = " ".join(c.m["w"].lower().split())
        if w not in REF_KEEP:
            return None
        if w == "the past" and re.match(r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)", self.after(c)):
            return None
        if w == "now" and re.match(r"\s*(?:that|,?\s+known)\b", self.after(c, 12)):
            return None
        return "DATE", REF[w]
