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

Every pattern is a compiled regular expression run once over the text, and each candidate is normalised with a
bounded look at its sentence (tense: "will meet on Friday" is the next Friday), so the cost is linear in the
length of the document.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from ..model import TimeExpression, content_hash

# -- vocabulary ---------------------------------------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_OF = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
           "a half": 0.5, "single": 1, "dozen": 12, "a dozen": 12, "couple": 2, "a couple of": 2}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# unit → (TimeML duration designator, is a time-of-day unit)
_UNIT = {"second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
         "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
         "century": ("CE", False), "quarter": ("Q", False), "weekend": ("WE", False), "night": ("D", False),
         "season": ("M", False), "fortnight": ("W", False)}
_SEASON = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "tonight": "NI"}
_SET_ADVERB = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M"}

_W = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
_M = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMW = (r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
         r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
         r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+half|half\s+an?|single|a\s+dozen|dozen|"
         r"a\s+couple\s+of|couple\s+of)")
_VAGW = (r"(?:several|a\s+few|few|many|some|numerous|a\s+number\s+of)")
_UNITW = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|quarters?|weekends?)"
_UNIT1 = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|quarter|weekend)"
_PERIOD = r"(?:week|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|winter|season|half)"
_REL = r"(?:this|last|next|past|coming|current|previous|following|latest|same|present)"
_MOD = r"(?:(?:early|late|mid|earlier|later)[\s-]+|the\s+(?:end|beginning|start|middle|close|rest|remainder)\s+of\s+(?:the\s+)?)?"
_TOD = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d|"
        r"(?:[01]?\d)\s+o'clock|noon|midnight|midday)(?:\s+(?-i:[ECMP][SD]T|GMT|UTC))?")


def _c(p: str) -> re.Pattern:
    return re.compile(r"(?<![\w$-])" + p + r"(?![\w])", re.I)


# Each rule: a name and its pattern; the normaliser for the name is ``_Normaliser.n_<name>``.  Candidates from all
# rules are collected and the longest wins where they overlap.
_RULES: list[tuple[str, re.Pattern]] = [
    ("iso", _c(r"(?P<y>\d{4})-(?:(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<t>[0-2]\d:[0-5]\d)(?::[0-5]\d)?)?|"
               r"W(?P<w>[0-5]\d)|Q(?P<q>[1-4]))")),
    ("numeric", _c(r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)")),
    # Friday, March 12, 2025 | March 12, 2025 | March 12 | 12 March 2025 | March 2025 | early March
    ("mdy", _c(_MOD + r"(?:" + _W + r",?\s+(?:the\s+)?)?(?P<mon>" + _M + r")\s+(?P<day>" + _DAYNUM +
               r")(?![\d,]\d)(?:,?\s+(?P<year>" + _YEAR + r"))?(?:,?\s+(?:at\s+)?(?P<tod>" + _TOD + r"))?")),
    ("dmy", _c(r"(?:" + _W + r",?\s+)?(?:the\s+)?(?P<day>" + _DAYNUM + r")\s+(?:of\s+)?(?P<mon>" + _M +
               r")(?:,?\s+(?P<year>" + _YEAR + r"))?")),
    ("my", _c(_MOD + r"(?P<mon>" + _M + r")(?:\s+of)?,?\s+(?P<year>" + _YEAR + r"|'\d\d)")),
    ("m_relyear", _c(_MOD + r"(?:(?P<day>" + _DAYNUM + r")\s+)?(?P<mon>" + _M + r")(?:\s+(?P<day2>" + _DAYNUM +
                     r"))?,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")),
    ("spoken_year", _c(r"(?:the\s+year\s+)?(?:(?P<season>spring|summer|fall|autumn|winter)\s+of\s+|"
                       r"(?P<mon>" + _M + r")\s+)?(?P<c>nineteen|two\s+thousand)"
                       r"(?:\s+(?P<rest>(?:and\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                       r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
                       r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|"
                       r"eight|nine|o[\s-](?:one|two|three|four|five|six|seven|eight|nine))))?(?=\W)")),
    ("year_end", _c(r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year[\s-]end")),
    ("year_earlier_adj", _c(r"(?P<w>year-earlier|year-ago|prior-year)(?!\s+(?:quarter|period))")),
    ("bare_plural", _c(r"(?:" + "|".join(rf"(?<=\b{w} )" for w in ("for", "in", "over", "during", "within"))
                       + r")(?P<the>the\s+)?(?P<unit>years|months|weeks|decades|centuries|days|hours)"
                         r"(?!\s+(?:of|ago|earlier|later|before|after|old))")),
    ("year_period", _c(r"the\s+(?P<year>" + _YEAR + r")\s+(?P<unit>period|quarter)")),
    ("quarter_anchor", _c(r"(?:the|that)\s+(?:(?P<rel>full|same|fiscal)\s+)?(?P<unit>period|quarter|year|"
                          r"fiscal\s+year)(?!-|\s+(?:ended|ending|before|after|earlier|later|ago|old))")),
    ("month", _c(_MOD + r"(?:(?P<rel>this|last|next|past)\s+)?(?P<mon>(?-i:January|February|March|April|June|"
                 r"July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.))")),
    ("near_future", _c(r"the\s+(?:near|distant|foreseeable|immediate)\s+future")),
    ("adj_ref", _c(r"(?P<w>current|recent|future)(?=\s+(?:\w+\s+)?(?:losses|gains|results|quarters?|years?|"
                   r"months|weeks|days|levels?|rates?|prices?|difficulties|problems|share|situation|crisis|"
                   r"realities|advances?|sales?|decline|declines|rise|drop|plunge|trends?|period|generations?|"
                   r"earnings|conditions|growth|months|events|developments|weakness|strength|needs)\b)")),
    ("mayalone", _c(r"(?:" + "|".join(rf"(?<=\b{w} )" for w in ("in", "of", "since", "until", "by", "early", "late",
                                                                 "last", "next", "this", "during", "mid"))
                    + r"|(?<=\bmid-))(?-i:May)")),
    ("season_year", _c(_MOD + r"(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>" +
                       _YEAR + r")")),
    ("year_fiscal", _c(_MOD + r"(?:the\s+)?(?:(?P<fiscal>fiscal)(?:\s+year)?\s+|FY\s*)(?P<year>" + _YEAR +
                       r"|'\d\d)(?P<poss>'s)?")),
    ("year_span", _c(r"(?P<year>" + _YEAR + r")-(?P<year2>\d\d)(?!\d)")),
    ("year", _c(_MOD + r"(?P<year>" + _YEAR + r")(?![.,]\d|\s*(?:%|percent|shares|people|miles|tons))")),
    ("decade", _c(_MOD + r"(?:the\s+)?(?P<y>(?:1[89]|20)\d0|'\d0)'?s")),
    ("century", _c(r"(?:the\s+)?(?P<n>\d\d?)(?:st|nd|rd|th)\s+century")),
    ("quarter", _c(_MOD + r"(?:the\s+)?(?:(?P<year>" + _YEAR + r")(?:'s)?\s+)?(?:(?P<fiscal>fiscal)\s+)?"
                   r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
                   r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>" + _YEAR + r"))?")),
    ("rel_quarter", _c(r"(?:the\s+)?(?P<rel>latest|last|current|previous|past|next|coming|year-(?:earlier|ago)|"
                       r"same|this|recent|comparable|prior-year|year-before)[\s-]+(?P<unit>quarter|period)")),
    ("firstmonths", _c(r"the\s+(?P<first>first|last|past)\s+(?P<n>" + _NUMW + r")\s+(?P<unit>months|weeks|days|"
                       r"quarters)")),
    ("holiday", _c(r"(?P<h>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Independence\s+Day|"
                   r"Thanksgiving(?:\s+Day)?|Election\s+Day|Halloween|Valentine's\s+Day)(?:\s+(?P<year>" + _YEAR +
                   r"))?")),
    ("spoken_decade", _c(r"the\s+(?:(?P<c>nineteen|eighteen)[\s-])?(?P<d>twenties|thirties|forties|fifties|sixties|"
                         r"seventies|eighties|nineties)")),
    ("soon", _c(r"(?P<w>as\s+soon\s+as\s+possible|soon)")),
    ("relday", _c(r"(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+"
                  r"tomorrow)(?:'s)?(?:\s+(?P<pod>morning|afternoon|evening|night))?")),
    ("lastnight", _c(r"(?P<rel>last|this|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)")),
    ("weekday", _c(r"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<w>" + _W + r")(?:'s)?(?:\s+(?P<pod>morning|"
                   r"afternoon|evening|night))?(?:,?\s+(?:at\s+)?(?P<tod>" + _TOD + r"))?")),
    ("tod", _c(r"(?P<tod>" + _TOD + r")(?:,?\s+(?:on\s+)?(?:(?P<rel>today|yesterday|tomorrow|tonight|(?-i:" +
               _W[5:-1] + r"))|(?P<mon>" + _M + r")\s+(?P<day>" + _DAYNUM + r")(?:,?\s+(?P<year>" + _YEAR +
               r"))?))?")),
    ("pod", _c(r"(?:(?<=\bin )|(?<=\bduring )|(?<=\bby )|(?<=\buntil ))the\s+(?P<pod>morning|afternoon|evening)")),
    ("overnight", _c(r"(?P<w>overnight)")),
    ("anchored", _c(r"(?:(?P<mod>later|earlier)\s+)?(?:that|the\s+same|the\s+next|the\s+previous|the\s+following|"
                    r"the\s+preceding)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)")),
    ("daybefore", _c(r"(?:a|the|one)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|later|earlier)")),
    ("ago", _c(r"(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|roughly|"
               r"exactly|just)\s+)?(?P<n>" + _NUMW + r"|" + _VAGW + r")\s+(?P<unit>" + _UNITW + r")\s+(?P<dir>ago|earlier|before|"
               r"later|hence|from\s+now)")),
    ("rel_period", _c(_MOD + r"(?:the\s+)?(?P<rel>" + _REL + r")\s+(?:fiscal\s+)?(?P<unit>" + _PERIOD + r")(?!-)")),
    ("weekend", _c(r"(?:(?<=\bover )|(?<=\bof )|(?<=\bduring )|(?<=\bfor )|(?<=\bthrough ))the\s+weekend")),
    ("the_period", _c(_MOD + r"the\s+(?P<unit>year|month|week|quarter|season|weekend)(?!-|\s+(?:before|after|"
                      r"earlier|later|ago|old))")),
    ("season", _c(_MOD + r"(?:(?P<rel>this|last|next|the|past|coming)\s+)?(?P<season>spring|summer|fall|autumn|"
                  r"winter)(?!\s+(?:of|\d))")),
    ("past_n", _c(r"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first|final|recent)\s+"
                  r"(?:(?P<n>" + _NUMW + r"|" + _VAGW + r")\s+)?(?P<unit>" + _UNITW + r")")),
    ("duration", _c(r"(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|up\s+to)\s+)?"
                    r"(?P<n>" + _NUMW + r"|" + _VAGW + r")(?:\s+and\s+a\s+half)?[\s-]+"
                    r"(?:(?:more|additional|extra|further|full|straight|consecutive)\s+)?(?P<unit>" + _UNITW + r")"
                    r"(?:\s+and\s+a\s+half)?(?P<old>[\s-]+old|[\s-]+long)?")),
    ("year_ended", _c(r"the\s+(?:fiscal\s+)?(?P<unit>year|twelve\s+months|12\s+months)(?=\s+(?:ended|ending|that\s+"
                      r"ended|which\s+ended|to)\s+(?-i:[A-Z][a-z]{2}))")),
    ("long_adj", _c(r"(?P<unit>hour|day|week|month|year|decade|century|minute)(?P<pl>s)?-?long")),
    ("plural_units", _c(r"(?P<unit>years|months|weeks|days|hours|decades|minutes)(?=\s+(?:of|ago|later|earlier|"
                        r"before|after|to\s+come)\b)")),
    ("set", _c(r"(?P<q>every|each|per|a|an)\s+(?:(?P<n>" + _NUMW + r")\s+)?(?P<unit>" + _UNIT1 + r"s?|season|"
               r"(?-i:" + _W[5:-1] + r")|morning|night|evening|spring|summer|fall|winter)(?!-|\s+(?:ago|earlier|"
               r"later|before|after|old|long))")),
    ("set_adverb", _c(r"(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|"
                      r"semiannually)")),
    ("set_annual", _c(r"(?P<w>annual)(?=\s+(?:rate|basis|meeting|report|growth|pace|summit)\b)")),
    ("ref", _c(r"(?P<w>now|currently|nowadays|at\s+present|the\s+present|presently|these\s+days|at\s+the\s+moment|"
               r"right\s+now|so\s+far|to\s+date|current|recently|recent|lately|previously|formerly|in\s+the\s+past|"
               r"the\s+past|once|the\s+future|future|soon|someday|eventually|shortly|the\s+moment|immediately|"
               r"former|earlier|later)")),
]

# Anchors: a word every match of the rule contains.  Rules run only in windows around their anchors' hits, so
# a document pays one cheap scan per anchor and the full patterns only where a time word stands.
_MON_A = r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAY_A = r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_YEAR_A = r"(?:1[89]|20)\d\d|'\d\d"
_UNIT_A = r"second|minute|hour|day|week|fortnight|month|year|decade|centur|quarter|weekend|night"
_ANCHORS = {
    "iso": r"\d{4}-", "numeric": r"\d/\d", "mdy": _MON_A, "dmy": _MON_A, "my": _MON_A, "m_relyear": _MON_A,
    "spoken_year": r"nineteen|thousand", "year_end": r"year", "year_earlier_adj": r"year-|prior-year",
    "bare_plural": r"years|months|weeks|decades|centuries|days|hours", "year_period": _YEAR_A,
    "quarter_anchor": r"period|quarter|year", "month": _MON_A, "near_future": r"future",
    "adj_ref": r"current|recent|future", "mayalone": r"(?-i:May)", "season_year": _YEAR_A, "year_fiscal": _YEAR_A,
    "year_span": _YEAR_A, "year": _YEAR_A, "decade": r"\d0'?s", "century": r"century", "quarter": r"quarter|half",
    "rel_quarter": r"quarter|period", "firstmonths": r"months|weeks|days|quarters",
    "holiday": r"(?-i:Christmas|New|Independence|Thanksgiving|Election|Halloween|Valentine)",
    "spoken_decade": r"ties\b", "soon": r"soon", "relday": r"today|yesterday|tomorrow|tonight",
    "lastnight": r"morning|afternoon|evening|night", "weekday": _DAY_A,
    "tod": r"\d(?:am|pm)$|^(?:am|pm)$|a\.m|p\.m|o'clock|\d:\d|noon|midnight|midday",
    "pod": r"morning|afternoon|evening", "overnight": r"overnight",
    "anchored": r"day|morning|afternoon|evening|night|week|month|year", "daybefore": r"day|week|month|year",
    "ago": _UNIT_A, "rel_period": r"week|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|"
                                  r"winter|season|half",
    "weekend": r"weekend", "the_period": r"year|month|week|quarter|season|weekend",
    "season": r"spring|summer|fall|autumn|winter", "past_n": _UNIT_A, "duration": _UNIT_A,
    "long_adj": r"long", "year_ended": r"year|months", "plural_units": r"years|months|weeks|days|hours|decades|minutes",
    "set": _UNIT_A + r"|season|morning|evening|spring|summer|fall|winter|" + _DAY_A,
    "set_adverb": r"ly\b", "set_annual": r"annual",
    "ref": r"now|current|present|days|moment|far|date|recent|late|previous|former|past|once|future|"
           r"soon|someday|eventual|shortly|immediately|earlier|later",
}
_ANCHOR_RE = {name: re.compile(a, re.I) for name, a in _ANCHORS.items()}
_BEFORE, _AFTER = 72, 96  # how far a match may reach before and after its anchor
# one scan splits the text into tokens; each distinct token is tested against the anchors once (cached)
_TOKEN = re.compile(r"[\w'’.:/-]+")


@functools.lru_cache(maxsize=1 << 16)
def _rules_of(token: str) -> tuple[str, ...]:
    return tuple(name for name, a in _ANCHOR_RE.items() if a.search(token))

_REF = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
        "the present": "PRESENT_REF", "presently": "PRESENT_REF", "these days": "PRESENT_REF",
        "at the moment": "PRESENT_REF", "right now": "PRESENT_REF", "the moment": "PRESENT_REF",
        "current": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
        "previously": "PAST_REF", "formerly": "PAST_REF", "in the past": "PAST_REF", "the past": "PAST_REF",
        "former": "PAST_REF", "once": "PAST_REF", "earlier": "PAST_REF",
        "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "someday": "FUTURE_REF",
        "eventually": "FUTURE_REF", "shortly": "FUTURE_REF", "later": "FUTURE_REF", "so far": "PRESENT_REF",
        "to date": "PRESENT_REF", "immediately": "PRESENT_REF"}
# the references kept as such ("current", "former", "once", "earlier", "later" are mostly adjectives or
# comparisons: "current account", "former president")
_REF_KEEP = {"now", "currently", "nowadays", "at present", "the present", "presently", "these days",
             "at the moment", "right now", "recently", "lately", "formerly", "in the past",
             "the past", "the future", "someday"}

_FUTURE = re.compile(r"(?:\b(?:will|won't|shall|going\s+to|plans?\s+to|planning\s+to|scheduled|expects?\s+to|"
                     r"expected\s+to|is\s+to|are\s+to|would\s+(?:be\s+)?(?:hold|meet|begin|start|visit|travel|go|"
                     r"take|open|vote|decide|resume|return|arrive)|due\s+to|set\s+to|intends?\s+to|upcoming|"
                     r"aims?\s+to|hopes?\s+to|payable|effective|begins?|starts?|opens?|meets?|planned\s+to|as\s+soon\s+as|"
                     r"as\s+early\s+as|heads?\s+to|headed\s+to|leaves?\s+for|scheduled\s+(?:a|an|the|for)|"
                     r"would|wants?\s+to|to\s+be\s+held)\b|'ll\b)", re.I)
_PAST = re.compile(r"\b(?:said|says|told|was|were|had|did|met|made|took|came|went|began|held|gave|saw|left|ended|"
                   r"rose|fell|won|lost|got|found|sent|struck|killed|hit|led|ran|put|set\s+off|became|brought|"
                   r"spoke|wrote|announced|reported|agreed|signed|returned|arrived|\w{3,}ed)\b", re.I)
_SENT_END = re.compile(r"[.!?]\s|\n")


def _num(word: str) -> float | None:
    w = " ".join(word.lower().replace("-", " ").split())
    if w.endswith(" 1/2") and re.fullmatch(r"\d+", w[:-4]):
        return int(w[:-4]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in _NUMBER:
        return _NUMBER[w]
    if w.startswith("half"):
        return 0.5
    if w.startswith("twenty "):
        return 20 + (_NUMBER.get(w[7:]) or 0)
    if w.startswith("a couple") or w.startswith("couple"):
        return 2
    return None


def _fmt_n(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _unit_of(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in _UNIT else w


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration: P3Y, PT7H, P10Y (a decade), PXY (an unstated number of years)."""
    des, clock = _UNIT[unit]
    if unit == "decade":
        return f"P{_fmt_n(n * 10) if n is not None else 'X'}{'Y' if n is not None else 'DE'}"
    if unit == "century":
        return f"P{_fmt_n(n * 100) if n is not None else 'X'}{'Y' if n is not None else 'CE'}"
    if unit == "quarter":
        return f"P{_fmt_n(n * 3) if n is not None else 'X'}M" if n is not None else "PXQ"
    if n is not None and not float(n).is_integer():  # "half an hour" → PT30M, "a year and a half" → P18M
        sub = {"H": (60, "M"), "D": (24, "H"), "Y": (12, "M"), "M": (30, "D"), "W": (7, "D")}.get(des)
        if sub:
            des, n = sub[1], n * sub[0]
            clock = clock or des == "H"
    return ("PT" if clock else "P") + _fmt_n(n) + des


def _month_shift(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _year2(s: str) -> int:
    s = s.lstrip("'")
    n = int(s)
    if len(s) == 2:
        return 1900 + n if n >= 30 else 2000 + n
    return n


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rule: str
    m: re.Match


class _Normaliser:
    """Turns one candidate into (type, value) given the text, the publication date and the last day mentioned."""

    def __init__(self, text: str, published: date | None, *, tense: str | None = None, anchor: date | None = None,
                 anchor_required: bool = False):
        self.text = text
        self.dct = published
        self.forced_tense = tense
        # "that day" without an earlier day: the publication day, unless the caller wants None
        self.anchor_required = anchor_required
        self.last_day: date | None = anchor  # the last resolved day, the anchor of "that day", "the next day"
        self.last_quarter: tuple[int, int] | None = None
        self.at = 0  # where the candidate being normalised starts
        self.last_day_at = -1  # the quarter under discussion (earnings reports)
        self.sent_starts = [0] + [m.end() for m in _SENT_END.finditer(text)]

    # -- context --------------------------------------------------------------------------------------------------
    def tense(self, c: _Cand, reach: int = 160) -> str | None:
        """'future', 'past' or None: the nearest tense cue in the expression's sentence (before it, within
        ``reach`` characters, and just after it: "Friday will see …", "Monday said")."""
        if self.forced_tense:
            return self.forced_tense
        i = bisect_right(self.sent_starts, c.start) - 1
        before = self.text[max(self.sent_starts[i], c.start - reach):c.start]
        after = self.text[c.end:min(c.end + 50, self.sent_starts[i + 1] if i + 1 < len(self.sent_starts)
                                    else len(self.text))]
        fut = [m.end() for m in _FUTURE.finditer(before)]
        past = [m.end() for m in _PAST.finditer(before)]
        if fut or past:
            return "future" if (fut[-1] if fut else -1) > (past[-1] if past else -1) else "past"
        m_f, m_p = _FUTURE.search(after), _PAST.search(after)
        if m_f or m_p:
            return "future" if m_f and (not m_p or m_f.start() < m_p.start()) else "past"
        return None

    def future(self, c: _Cand, reach: int = 160) -> bool:
        return self.tense(c, reach) == "future"

    def before(self, c: _Cand, n: int = 30) -> str:
        return self.text[max(0, c.start - n):c.start].lower()

    def after(self, c: _Cand, n: int = 30) -> str:
        return self.text[c.end:c.end + n].lower()

    # -- helpers --------------------------------------------------------------------------------------------------
    def _day(self, d: date) -> str:
        self.last_day = d
        self.last_day_at = self.at
        return d.isoformat()

    def _year_for_month(self, month: int, day: int | None, c: _Cand) -> int | None:
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

    # -- rules ----------------------------------------------------------------------------------------------------
    def n_iso(self, c: _Cand):
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

    def n_numeric(self, c: _Cand):
        a, b, y = int(c.m["a"]), int(c.m["b"]), _year2(c.m["y"])
        try:
            return "DATE", self._day(date(y, a, b))  # US order, the common one in English news
        except ValueError:
            try:
                return "DATE", self._day(date(y, b, a))
            except ValueError:
                return None

    def _mdy(self, c: _Cand):
        g = c.m.groupdict()
        mon = _MONTH_OF[g["mon"].lower().rstrip(".")[:4] if g["mon"].lower().startswith("sept")
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

    def n_my(self, c: _Cand):
        mon = _MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
        return "DATE", f"{_year2(c.m['year']):04d}-{mon:02d}"

    def n_month(self, c: _Cand):
        mon = _MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
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
        return "DATE", f"{y:04d}-{mon:02d}"

    def n_mayalone(self, c: _Cand):
        return self.n_month(_Cand(c.start, c.end, "month", re.match(r"(?P<rel>)(?P<mon>May)", "May")))

    def n_season_year(self, c: _Cand):
        return "DATE", f"{c.m['year']}-{_SEASON[c.m['season'].lower()]}"

    def n_year_fiscal(self, c: _Cand):
        return "DATE", f"{_year2(c.m['year']):04d}"  # TimeBank writes fiscal 1989 as 1989

    def n_year_span(self, c: _Cand):
        return "DURATION", "P1Y"

    def n_year(self, c: _Cand):
        before = self.before(c, 12)
        if re.search(r"[$£€#]\s*$|\bno\.\s*$|\d[,.]?$", before) or re.match(r"\s*(?:-\d|\d)", self.after(c, 3)):
            return None
        return "DATE", c.m["year"]

    def n_decade(self, c: _Cand):
        y = c.m["y"]
        y = _year2(y.lstrip("'")[:2]) // 10 * 10 if y.startswith("'") else int(y)
        return "DATE", str(y)[:3]

    def n_century(self, c: _Cand):
        return "DATE", f"{int(c.m['n']) - 1:02d}"

    def n_quarter(self, c: _Cand):
        q = _ORDINAL[c.m["ord"].lower()]
        unit = c.m["unit"].lower()
        if unit == "half" and q > 2:
            return None
        y = c.m["year"] or c.m["year2"]
        if y:
            year = int(y)
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

    def n_rel_quarter(self, c: _Cand):
        if self.dct is None:
            return None
        rel, unit = c.m["rel"].lower(), c.m["unit"].lower()
        cur = (self.dct.month - 1) // 3 + 1
        y, q = self.dct.year, cur
        ended = self._quarter_ended(c) if unit == "quarter" else None
        if ended and rel in {"latest", "last", "current", "recent", "past"}:
            self.last_quarter = ended
            return "DATE", f"{ended[0]:04d}-Q{ended[1]}"
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

    def n_firstmonths(self, c: _Cand):
        n = _num(c.m["n"])
        return "DURATION", _duration(n, _unit_of(c.m["unit"]))

    def n_relday(self, c: _Cand):
        if self.dct is None:
            return None
        w = " ".join(c.m["w"].lower().split())
        d = self.dct + timedelta(days={"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                                       "the day after tomorrow": 2}.get(w, 0))
        v = self._day(d)
        if w == "tonight":
            return "TIME", f"{v}TNI"
        if c.m["pod"]:
            return "TIME", f"{v}T{_PART_OF_DAY[c.m['pod'].lower()]}"
        return "DATE", v

    def n_lastnight(self, c: _Cand):
        if self.dct is None:
            return None
        rel = c.m["rel"].lower()
        d = self.dct + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0))
        pod = c.m["pod"].lower()
        if rel == "last" and pod != "night":
            d = self.dct  # "last evening" is rare; "last morning" is not said
        return "TIME", f"{self._day(d)}T{_PART_OF_DAY[pod]}"

    def n_weekday(self, c: _Cand):
        if re.search(r"\b(?:every|each|on)\s*$", self.before(c, 7)) and \
                re.search(r"\b(?:every|each)\s*$", self.before(c, 7)):
            return None  # "every Monday" is a set (the set rule takes it)
        w = c.m["w"].lower().rstrip(".")
        target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(w[:3]))
        if self.dct is None:
            return "DATE", f"XXXX-WXX-{target + 1}"
        rel = (c.m["rel"] or "").lower()
        fut = rel in {"next", "coming"} or (rel != "last" and rel != "past" and self.future(c, WEEKDAY_REACH))
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

    def n_tod(self, c: _Cand):
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
            wd = self.n_weekday(_Cand(c.start, c.end, "weekday", re.match(r"(?P<rel>)(?P<w>\w+)(?P<pod>)(?P<tod>)",
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

    def n_anchored(self, c: _Cand):
        text = " ".join(c.group_text().lower().split())
        unit = c.m["unit"].lower()
        base = self.last_day if self.last_day is not None else None if self.anchor_required else self.dct
        if base is None:
            return None
        shift = 1 if re.search(r"\b(?:next|following)\b", text) else -1 if re.search(r"\b(?:previous|preceding)\b",
                                                                                  text) else 0
        if unit in _PART_OF_DAY or unit == "day":
            d = base + timedelta(days=shift)
            v = d.isoformat()
            if unit != "day":
                return "TIME", f"{v}T{_PART_OF_DAY[unit]}"
            return "DATE", v
        if unit == "week":
            return "DATE", _week(base + timedelta(weeks=shift))
        if unit == "month":
            y, m = _month_shift(base.year, base.month, shift)
            return "DATE", f"{y:04d}-{m:02d}"
        return "DATE", f"{base.year + shift:04d}"

    def n_daybefore(self, c: _Cand):
        base = self.last_day if self.last_day is not None else self.dct
        if base is None:
            return None
        sign = 1 if c.m["dir"].lower() in {"after", "later"} else -1
        unit = _unit_of(c.m["unit"])
        if unit == "year" and sign < 0 and self.last_quarter and self._quarter_context(c):
            y, q = self.last_quarter  # "up from a year earlier" in a quarterly report
            return "DATE", f"{y - 1:04d}-Q{q}"
        return self._shift(base if unit == "day" else self.dct or base, sign, unit)

    def _shift(self, base: date, n: float, unit: str):
        n = int(n)
        if unit == "day":
            return "DATE", (base + timedelta(days=n)).isoformat()
        if unit == "week":
            return "DATE", _week(base + timedelta(weeks=n))
        if unit == "month":
            y, m = _month_shift(base.year, base.month, n)
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

    def n_ago(self, c: _Cand):
        n = _num(c.m["n"])
        unit = _unit_of(c.m["unit"])
        d = c.m["dir"].lower()
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

    def n_rel_period(self, c: _Cand):
        rel, unit = c.m["rel"].lower(), c.m["unit"].lower()
        if rel in {"past", "coming", "following", "previous", "latest"} and unit not in _SEASON or (
                rel == "last" and re.match(r"(?:the\s+)", c.group_text(), re.I)):
            if unit == "half":
                return None
            # "the past week", "the coming year": a stretch of time ending (starting) now
            return "DURATION", _duration(1, unit if unit in _UNIT else "month")
        if self.dct is None:
            return None
        shift = {"this": 0, "current": 0, "present": 0, "same": 0, "last": -1, "next": 1}.get(rel, 0)
        if unit == "year" and shift == -1 and self.last_quarter and self._same_sentence_quarter(c):
            y, q = self.last_quarter  # "net was $3 million in the quarter, against a loss last year"
            return "DATE", f"{y - 1:04d}-Q{q}"
        if unit in _SEASON or unit == "season":
            if unit == "season":
                return None
            s = _SEASON[unit]
            cur = _SEASON_ORDER[["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"]
                                [self.dct.month - 1]]
            y = self.dct.year
            if shift < 0 and _SEASON_ORDER[s] >= cur:
                y -= 1
            elif shift > 0 and _SEASON_ORDER[s] <= cur:
                y += 1
            return "DATE", f"{y:04d}-{s}"
        if unit == "half":
            h = (self.dct.month - 1) // 6 + shift
            return "DATE", f"{self.dct.year + h // 2:04d}-H{h % 2 + 1}"
        if unit == "weekend":
            return "DATE", _week(self.dct + timedelta(weeks=shift)) + "-WE"
        return self._shift(self.dct, shift, unit)

    def n_the_period(self, c: _Cand):
        unit = c.m["unit"].lower()
        text = c.group_text().lower()
        if self.dct is None or unit in {"season"}:
            return None
        if not re.match(r"(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|rest|"
                        r"remainder))", text) and unit not in {"year", "quarter"}:
            return None
        if unit == "weekend":
            return "DATE", _week(self.dct) + "-WE"
        if unit == "quarter":
            return "DATE", f"{self.dct.year:04d}-Q{(self.dct.month - 1) // 3 + 1}"
        return self._shift(self.dct, 0, unit)

    def n_season(self, c: _Cand):
        if c.m["rel"] is None and not re.match(r"(?:early|late|mid|the)", c.group_text(), re.I):
            if not re.search(r"\b(?:in|this|by|until|during|since|last|next)\s*$", self.before(c, 12)):
                return None
        if self.dct is None:
            return "DATE", f"XXXX-{_SEASON[c.m['season'].lower()]}"
        rel = (c.m["rel"] or "").lower()
        s = _SEASON[c.m["season"].lower()]
        cur = _SEASON_ORDER[["WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"]
                            [self.dct.month - 1]]
        y = self.dct.year
        if rel in {"last", "past"} and _SEASON_ORDER[s] >= cur:
            y -= 1
        elif (rel in {"next", "coming"} or (rel != "this" and self.future(c))) and _SEASON_ORDER[s] < cur:
            y += 1
        elif rel not in {"this", "next", "coming"} and not self.future(c) and _SEASON_ORDER[s] > cur:
            y -= 1
        return "DATE", f"{y:04d}-{s}"

    def n_past_n(self, c: _Cand):
        unit = _unit_of(c.m["unit"])
        if unit not in _UNIT:
            return None
        raw = c.m["n"]
        plural = c.m["unit"].lower().endswith("s") and unit != "century" or c.m["unit"].lower() == "centuries"
        n = _num(raw) if raw else (None if plural else 1)
        if raw and n is None:
            n = None
        return "DURATION", _duration(n, unit)

    def n_duration(self, c: _Cand):
        unit = _unit_of(c.m["unit"])
        if unit not in _UNIT:
            return None
        n = _num(c.m["n"])
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
            return "SET", _duration(1, unit)
        return "DURATION", _duration(n, unit)

    def n_long_adj(self, c: _Cand):
        """'a monthlong ceasefire', 'a yearslong war': a duration said as one adjective."""
        return "DURATION", _duration(None if c.m["pl"] else 1, c.m["unit"].lower())

    def n_year_ended(self, c: _Cand):
        """'the year ended March 31': a fiscal year, a span of twelve months (TimeBank annotates a DURATION)."""
        return "DURATION", "P1Y"

    def n_plural_units(self, c: _Cand):
        unit = _unit_of(c.m["unit"])
        if re.match(r"\s+(?:ago|earlier|before)", self.after(c, 10)):
            return "DATE", "PAST_REF"
        return "DURATION", _duration(None, unit)

    def n_set(self, c: _Cand):
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
        if ul in _PART_OF_DAY:
            return "SET", f"T{_PART_OF_DAY[ul]}"
        if ul in _SEASON:
            return "SET", f"XXXX-{_SEASON[ul]}"
        if ul == "season":
            return "SET", "P3M"  # "each season": each of the year's four
        unit = _unit_of(ul)
        if unit not in _UNIT:
            return None
        n = _num(c.m["n"]) if c.m["n"] else 1
        return "SET", _duration(n, unit)

    def n_m_relyear(self, c: _Cand):
        if self.dct is None:
            return None
        mon = _MONTH_OF[c.m["mon"].lower().rstrip(".")[:3]]
        y = self.dct.year + {"this": 0, "last": -1, "next": 1}[c.m["rel"].lower()]
        day = c.m["day"] or c.m["day2"]
        if day:
            try:
                return "DATE", self._day(date(y, mon, int(re.match(r"\d+", day).group())))
            except ValueError:
                return None
        return "DATE", f"{y:04d}-{mon:02d}"

    _TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
             "ninety": 90}

    def n_spoken_year(self, c: _Cand):
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
            n += self._TENS.get(w) or _NUMBER.get(w, 0)
        y = base + n
        if c.m["mon"]:
            return "DATE", f"{y}-{_MONTH_OF[c.m['mon'].lower().rstrip('.')[:3]]:02d}"
        if c.m["season"]:
            return "DATE", f"{y}-{_SEASON[c.m['season'].lower()]}"
        return "DATE", str(y)

    def n_year_end(self, c: _Cand):
        if self.dct is None:
            return None
        rel = (c.m["rel"] or "").lower()
        y = self.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and re.search(r"\bsince\s*(?:the\s*)?$", self.before(c, 12)):
            y -= 1
        return "DATE", f"{y:04d}-12-31" if not re.search(r"\b(?:by|until|before)\s*$", self.before(c, 8)) \
            else f"{y:04d}"

    def n_year_earlier_adj(self, c: _Cand):
        if self.dct is None:
            return None
        if self.last_quarter and self._quarter_context(c):
            y, q = self.last_quarter
            return "DATE", f"{y - 1:04d}-Q{q}"
        return "DATE", f"{self.dct.year - 1:04d}"

    def n_bare_plural(self, c: _Cand):
        if c.m["the"] and c.m["unit"].lower() != "years":
            return None
        return "DURATION", _duration(None, _unit_of(c.m["unit"]))

    def n_quarter_anchor(self, c: _Cand):
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

    def _quarter_ended(self, c: _Cand) -> tuple[int, int] | None:
        """'the quarter ended Sept. 30': the calendar quarter holding that date."""
        m = re.match(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\s+(?P<mon>" + _M + r")\s+(?P<day>\d{1,2})"
                     r"(?:,?\s+(?P<year>" + _YEAR + r"))?", self.text[c.end:c.end + 40])
        if not m:
            return None
        mon = _MONTH_OF[m["mon"].lower().rstrip(".")[:4] if m["mon"].lower().startswith("sept")
                        else m["mon"].lower().rstrip(".")[:3]]
        year = int(m["year"]) if m["year"] else self._year_for_month(mon, int(m["day"]), c)
        if year is None:
            return None
        return year, (mon - 1) // 3 + 1

    def _quarter_context(self, c: _Cand) -> bool:
        return bool(re.search(r"quarter", self.text[max(0, c.start - 400):c.end + 60], re.I))

    def n_year_period(self, c: _Cand):
        """'the 1988 period' in a quarterly report: that year's quarter under discussion."""
        y = int(c.m["year"])
        if self.last_quarter and self._quarter_context(c):
            return "DATE", f"{y:04d}-Q{self.last_quarter[1]}"
        return "DATE", f"{y:04d}"

    def _same_sentence_quarter(self, c: _Cand) -> bool:
        i = bisect_right(self.sent_starts, c.start) - 1
        a = self.sent_starts[i]
        b = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return bool(re.search(r"quarter", self.text[a:b], re.I))

    def n_weekend(self, c: _Cand):
        if self.dct is None:
            return None
        d = self.dct
        if not self.future(c) and d.weekday() < 5:
            d -= timedelta(weeks=1)  # "over the weekend" told in the past: the one just gone
        return "DATE", _week(d) + "-WE"

    def n_pod(self, c: _Cand):
        base = self.dct
        if self.last_day is not None and self.last_day_at >= self.sent_starts[bisect_right(self.sent_starts,
                                                                                            c.start) - 1]:
            base = self.last_day
        if base is None:
            return None
        return "TIME", f"{base.isoformat()}T{_PART_OF_DAY[c.m['pod'].lower()]}"

    def n_overnight(self, c: _Cand):
        if self.dct is None or not re.match(r"\s+(?:\w+\s+)?(?:losses|gains|trading|session|rally|decline|"
                                            r"drop|rise|fall|advance)", self.after(c, 20)):
            return None
        return "TIME", f"{(self.dct - timedelta(days=1)).isoformat()}TNI"

    _HOLIDAY = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14)}

    def n_holiday(self, c: _Cand):
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

    def n_spoken_decade(self, c: _Cand):
        d = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
             "nineties": 9}[c.m["d"].lower()]
        century = 18 if (c.m["c"] or "").lower() == "eighteen" else 19
        return "DATE", f"{century}{d}"

    def n_soon(self, c: _Cand):
        w = " ".join(c.m["w"].lower().split())
        if w == "soon" and (re.search(r"\bas\s*$", self.before(c, 4)) or re.match(r"\s+after\b",
                                                                                 self.after(c, 7))):
            return None  # "as soon as the threats end", "soon after" are conjunctions
        return "DATE", "FUTURE_REF"

    def n_near_future(self, c: _Cand):
        return "DATE", "FUTURE_REF"

    def n_adj_ref(self, c: _Cand):
        return "DATE", {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}[c.m["w"].lower()]

    def n_set_adverb(self, c: _Cand):
        if re.match(r"\s+(?:dividend|loss|losses|profit|report|results|payment|meeting|earnings|rate|basis)\b",
                    self.after(c, 14)):
            return None  # "its quarterly dividend": a kind of payment, not a time
        return "SET", _SET_ADVERB[c.m["w"].lower()]

    def n_set_annual(self, c: _Cand):
        return None

    def n_ref(self, c: _Cand):
        w = " ".join(c.m["w"].lower().split())
        if w not in _REF_KEEP:
            return None
        if w == "the past" and re.match(r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)", self.after(c)):
            return None
        if w == "now" and re.match(r"\s*(?:that|,?\s+known)\b", self.after(c, 12)):
            return None
        return "DATE", _REF[w]


def _group_text(self: _Cand) -> str:
    return self.m.group(0)


_Cand.group_text = _group_text  # type: ignore[attr-defined]


def candidates(text: str, published: date | None = None) -> list[_Cand]:
    """Non-overlapping candidate spans: every rule's matches that its normaliser accepts, the longest kept where
    they overlap ("a three hour meeting": the set rule refuses "a … hour", the duration rule takes "three hour")."""
    found: list[_Cand] = []
    probe = _Normaliser(text, published)
    n = len(text)
    hits: dict[str, list[tuple[int, int]]] = {}
    for t in _TOKEN.finditer(text):
        for name in _rules_of(t.group()):
            hits.setdefault(name, []).append(t.span())
    for name, pat in _RULES:
        if name not in hits:
            continue
        norm = getattr(probe, "n_" + name)
        seen: set[int] = set()
        for a0, b0 in _windows(hits[name], n):
            for m in pat.finditer(text, a0, b0):
                if m.end() == b0 and b0 < n:
                    m = pat.match(text, m.start())  # cut by the window: match again without its end
                    if m is None:
                        continue
                a, b = m.span()
                if a in seen:
                    continue
                seen.add(a)
                c = _Cand(a, b, name, m)
                probe.at = a
                if norm(c) is not None:
                    found.append(c)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for c in found:
        i = bisect_right(taken, (c.start, 10 ** 12))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _windows(hits: list[tuple[int, int]], n: int) -> Iterator[tuple[int, int]]:
    """Merged [start, end) windows around a rule's anchor hits."""
    cur: list[int] | None = None
    for h0, h1 in hits:
        a, b = max(0, h0 - _BEFORE), min(n, h1 + _AFTER)
        if cur is not None and a <= cur[1]:
            cur[1] = b
            continue
        if cur is not None:
            yield cur[0], cur[1]
        cur = [a, b]
    if cur is not None:
        yield cur[0], cur[1]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    s = text[a:b]
    for suf in ("'s", "’s"):
        if s.endswith(suf):
            b -= 2
            s = s[:-2]
    while b > a and text[b - 1] in " ,":
        b -= 1
    return a, b


def find_times(text: str, published: date | None, *, id_prefix: str = "", tense: str | None = None,
               anchor: date | None = None, anchor_required: bool = False) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in order, with TimeML type and value (resolved against
    ``published`` where the expression is relative; unresolvable parts stay ``X`` as TimeML writes them).

    ``tense`` ('future' / 'past') overrides the tense read from the sentence; ``anchor`` is the day "that day"
    refers to before any day is mentioned (the publication day when None, or nothing with ``anchor_required``).
    """
    norm = _Normaliser(text, published, tense=tense, anchor=anchor, anchor_required=anchor_required)
    out: list[TimeExpression] = []
    key = id_prefix or content_hash(text)
    for c in candidates(text, published):
        norm.at = c.start
        got = getattr(norm, "n_" + c.rule)(c)
        if got is None:
            continue
        kind, value = got
        a, b = _trim(text, c.start, c.end)
        out.append(TimeExpression(id=content_hash(key, "time", str(a), str(b)), text=text[a:b], span=(a, b),
                                  type=kind, value=value))
    return out


# -- the publication date from the text ---------------------------------------------------------------------------
_PUB_LINE = re.compile(r"^\s*(?:(?:first\s+)?published|posted|updated|last\s+updated|date|dated)\b[:\s]*(?:on\s+)?"
                       r"(?P<rest>.+)$", re.I)
_DATELINE = re.compile(r"^\s*(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)(?P<place>[A-Z][A-Za-z .'-]{1,40}"
                       r"(?:,\s*[A-Z][A-Za-z .'-]{1,30})?)\s*[,(]\s*(?P<rest>" + _M + r"\s+" + _DAYNUM +
                       r"(?:,?\s+" + _YEAR + r")?)(?=\s*[,(–—-]|\s*\()")
_DATE_ANY = re.compile(r"(?:" + _W + r",?\s+)?(?:" + _M + r"\s+" + _DAYNUM + r"(?:,?\s+" + _YEAR + r")?|" +
                       _DAYNUM + r"\s+(?:of\s+)?" + _M + r"(?:,?\s+" + _YEAR + r")?|" + _YEAR + r"-[01]\d-[0-3]\d|"
                       r"[01]?\d/[0-3]?\d/(?:19|20)\d\d)")
FIRST_LINES = 5
# a weekday reads the tense of its own clause only (the nearest 30 characters: "will meet Friday"): cues further
# away belong to other clauses more often than not
WEEKDAY_REACH = 30


def _parse_date(s: str, reference: date | None = None) -> date | None:
    """One delimited date string → a date: our own forms first, dateparser for anything else."""
    m = re.search(r"\b([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)\b", s)
    if m:  # 12.03.2025: day first wherever dots separate the parts
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = _DATE_ANY.search(s)
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


def find_published(text: str, *, today: date | None = None) -> tuple[str, str] | None:
    found = published_in_text(text, today=today)
    return found[:2] if found else None


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
        m = _PUB_LINE.match(ln)
        if m:
            d = _parse_date(m.group("rest"))
            if d:
                return d.isoformat(), "text", (at, at + len(ln))
    for at, ln in lines:
        s = ln.strip()
        m = _DATE_ANY.search(s)
        # a line that is (nearly) only a date: "12 March 2025", "Wednesday, March 12, 2025 10:31 GMT"
        if m and re.search(_YEAR, m.group(0)) and len(s) - len(m.group(0)) <= 16:
            d = _parse_date(m.group(0))
            if d:
                return d.isoformat(), "text", (at, at + len(ln))
    for at, ln in lines:
        m = _DATELINE.match(ln)
        if not m:
            continue
        if re.search(_YEAR, m.group("rest")):
            d = _parse_date(m.group("rest"))
        else:
            today = today or date.today()
            d = None
            for y in (today.year, today.year - 1):
                d = _parse_date(f"{m.group('rest')}, {y}")
                if d and d <= today + timedelta(days=1):
                    break
                d = None
        if d:
            return d.isoformat(), "dateline", (at + m.start("rest"), at + m.end("rest"))
    return None


# -- spaCy --------------------------------------------------------------------------------------------------------
if not Doc.has_extension("onrecord_times"):
    Doc.set_extension("onrecord_times", default=())
if not Doc.has_extension("onrecord_published"):
    Doc.set_extension("onrecord_published", default=None)
if not Doc.has_extension("onrecord_published_source"):
    Doc.set_extension("onrecord_published_source", default=None)


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or datetime; None when absent or not ISO."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


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
            import logging

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

