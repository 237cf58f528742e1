"""Vocabulary and patterns of the times layer: the rules, their anchor words, the tense cues and the small
helpers that turn numbers and units into TimeML durations."""

from __future__ import annotations

import re
import functools
from datetime import date


# -- vocabulary ---------------------------------------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_OF = {m: i + 1 for i, m in enumerate(MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
           "a half": 0.5, "single": 1, "dozen": 12, "a dozen": 12, "couple": 2, "a couple of": 2}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# unit → (TimeML duration designator, is a time-of-day unit)
UNIT = {"second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
         "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
         "century": ("CE", False), "quarter": ("Q", False), "weekend": ("WE", False), "night": ("D", False),
         "season": ("M", False), "fortnight": ("W", False)}
SEASON = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "tonight": "NI"}
SET_ADVERB = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M"}

WEEKDAY_RE = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
MONTH_RE = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
NUMW = (r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
         r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
         r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+half|half\s+an?|single|a\s+dozen|dozen|"
         r"a\s+couple\s+of|couple\s+of)")
VAGW = (r"(?:several|a\s+few|few|many|some|numerous|a\s+number\s+of)")
UNITW = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|quarters?|weekends?)"
UNIT1 = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|quarter|weekend)"
PERIOD = r"(?:week|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|winter|season|half)"
REL = r"(?:this|last|next|past|coming|current|previous|following|latest|same|present)"
MOD = r"(?:(?:early|late|mid|earlier|later)[\s-]+|the\s+(?:end|beginning|start|middle|close|rest|remainder)\s+of\s+(?:the\s+)?)?"
TOD = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d|"
        r"(?:[01]?\d)\s+o'clock|noon|midnight|midday)(?:\s+(?-i:[ECMP][SD]T|GMT|UTC))?")


def compile_rule(p: str) -> re.Pattern:
    return re.compile(r"(?<![\w$-])" + p + r"(?![\w])", re.I)


# Each rule: a name and its pattern; the normaliser for the name is ``Normaliser.n_<name>``.  Candidates from all
# rules are collected and the longest wins where they overlap.
RULES: list[tuple[str, re.Pattern]] = [
    ("iso", compile_rule(r"(?P<y>\d{4})-(?:(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<t>[0-2]\d:[0-5]\d)(?::[0-5]\d)?)?|"
               r"W(?P<w>[0-5]\d)|Q(?P<q>[1-4]))")),
    ("numeric", compile_rule(r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)")),
    # Friday, March 12, 2025 | March 12, 2025 | March 12 | 12 March 2025 | March 2025 | early March
    ("mdy", compile_rule(MOD + r"(?:" + WEEKDAY_RE + r",?\s+(?:the\s+)?)?(?P<mon>" + MONTH_RE + r")\s+(?P<day>" + DAYNUM +
               r")(?![\d,]\d)(?:,?\s+(?P<year>" + YEAR + r"))?(?:,?\s+(?:at\s+)?(?P<tod>" + TOD + r"))?")),
    ("week_of", compile_rule(r"the\s+week\s+of\s+(?P<mon>" + MONTH_RE + r")\s+(?P<day>" + DAYNUM + r")(?![\d,]\d)(?:,?\s+(?P<year>" +
               YEAR + r"))?")),
    ("dmy", compile_rule(r"(?:" + WEEKDAY_RE + r",?\s+)?(?:the\s+)?(?P<day>" + DAYNUM + r")\s+(?:of\s+)?(?P<mon>" + MONTH_RE +
               r")(?:,?\s+(?P<year>" + YEAR + r"))?")),
    ("my", compile_rule(MOD + r"(?P<mon>" + MONTH_RE + r")(?:\s+of)?,?\s+(?P<year>" + YEAR + r"|'\d\d)")),
    ("m_relyear", compile_rule(MOD + r"(?:(?P<day>" + DAYNUM + r")\s+)?(?P<mon>" + MONTH_RE + r")(?:\s+(?P<day2>" + DAYNUM +
                     r"))?,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")),
    ("spoken_year", compile_rule(r"(?:the\s+year\s+)?(?:(?P<season>spring|summer|fall|autumn|winter)\s+of\s+|"
                       r"(?P<mon>" + MONTH_RE + r")\s+)?(?P<c>nineteen|two\s+thousand)"
                       r"(?:\s+(?P<rest>(?:and\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                       r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
                       r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|"
                       r"eight|nine|o[\s-](?:one|two|three|four|five|six|seven|eight|nine))))?(?=\W)")),
    ("year_end", compile_rule(r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year[\s-]end")),
    ("year_earlier_adj", compile_rule(r"(?P<w>year-earlier|year-ago|prior-year)(?!\s+(?:quarter|period))")),
    ("bare_plural", compile_rule(r"(?:" + "|".join(rf"(?<=\b{w} )" for w in ("for", "in", "over", "during", "within"))
                       + r")(?P<the>the\s+)?(?P<unit>years|months|weeks|decades|centuries|days|hours)"
                         r"(?!\s+(?:of|ago|earlier|later|before|after|old))")),
    ("year_period", compile_rule(r"the\s+(?P<year>" + YEAR + r")\s+(?P<unit>period|quarter)")),
    ("quarter_anchor", compile_rule(r"(?:the|that)\s+(?:(?P<rel>full|same|fiscal)\s+)?(?P<unit>period|quarter|year|"
                          r"fiscal\s+year)(?!-|\s+(?:ended|ending|before|after|earlier|later|ago|old))")),
    ("month", compile_rule(MOD + r"(?:(?P<rel>this|last|next|past)\s+)?(?P<mon>(?-i:January|February|March|April|June|"
                 r"July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.))")),
    ("near_future", compile_rule(r"the\s+(?:near|distant|foreseeable|immediate)\s+future")),
    ("adj_ref", compile_rule(r"(?P<w>current|recent|future)(?=\s+(?:\w+\s+)?(?:losses|gains|results|quarters?|years?|"
                   r"months|weeks|days|levels?|rates?|prices?|difficulties|problems|share|situation|crisis|"
                   r"realities|advances?|sales?|decline|declines|rise|drop|plunge|trends?|period|generations?|"
                   r"earnings|conditions|growth|months|events|developments|weakness|strength|needs)\b)")),
    ("mayalone", compile_rule(r"(?:" + "|".join(rf"(?<=\b{w} )" for w in ("in", "of", "since", "until", "by", "early", "late",
                                                                 "last", "next", "this", "during", "mid"))
                    + r"|(?<=\bmid-))(?-i:May)")),
    ("season_year", compile_rule(MOD + r"(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>" +
                       YEAR + r")")),
    ("year_fiscal", compile_rule(MOD + r"(?:the\s+)?(?:(?P<fiscal>fiscal)(?:\s+year)?\s+|FY\s*)(?P<year>" + YEAR +
                       r"|'\d\d)(?P<poss>'s)?")),
    ("year_span", compile_rule(r"(?P<year>" + YEAR + r")-(?P<year2>\d\d)(?!\d)")),
    ("year", compile_rule(MOD + r"(?P<year>" + YEAR + r")(?![.,]\d|\s*(?:%|percent|shares|people|miles|tons))")),
    ("decade", compile_rule(MOD + r"(?:the\s+)?(?P<y>(?:1[89]|20)\d0|'\d0)'?s")),
    ("century", compile_rule(r"(?:the\s+)?(?P<n>\d\d?)(?:st|nd|rd|th)\s+century")),
    ("quarter", compile_rule(MOD + r"(?:the\s+)?(?:(?P<year>" + YEAR + r")(?:'s)?\s+|(?P<rely>this|last|next)\s+year['’]s\s+)?(?:(?P<fiscal>fiscal)\s+)?"
                   r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
                   r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>" + YEAR + r"))?")),
    # "Q3", "Q3 2025", "2025 Q3", "3Q", "H1 2025", "Q4 FY2024": the quarter or half written as a code
    ("q_code", compile_rule(r"(?:(?P<year>" + YEAR + r")\s+)?(?-i:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<h2>[12])H)"
                  r"(?:\s+(?:FY\s*)?(?P<year2>" + YEAR + r"|'\d\d))?")),
    ("rel_quarter", compile_rule(r"(?:the\s+)?(?P<rel>latest|last|current|previous|past|next|coming|year-(?:earlier|ago)|"
                       r"same|this|recent|comparable|prior-year|year-before)[\s-]+(?P<unit>quarter|period)")),
    ("firstmonths", compile_rule(r"the\s+(?P<first>first|last|past)\s+(?P<n>" + NUMW + r")\s+(?P<unit>months|weeks|days|"
                       r"quarters)")),
    ("holiday", compile_rule(r"(?P<h>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Independence\s+Day|"
                   r"Thanksgiving(?:\s+Day)?|Election\s+Day|Halloween|Valentine's\s+Day)(?:\s+(?P<year>" + YEAR +
                   r"))?")),
    ("spoken_decade", compile_rule(r"the\s+(?:(?P<c>nineteen|eighteen)[\s-])?(?P<d>twenties|thirties|forties|fifties|sixties|"
                         r"seventies|eighties|nineties)")),
    ("soon", compile_rule(r"(?P<w>as\s+soon\s+as\s+possible|soon)")),
    ("relday", compile_rule(r"(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+"
                  r"tomorrow)(?:'s)?(?:\s+(?P<pod>morning|afternoon|evening|night))?")),
    ("lastnight", compile_rule(r"(?P<rel>last|this|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)")),
    ("weekday", compile_rule(r"(?:(?P<rel>last|next|this|coming|past|the\s+previous|the\s+following|the\s+preceding)\s+)?(?P<w>" + WEEKDAY_RE + r")(?:'s)?(?:\s+(?P<pod>morning|"
                   r"afternoon|evening|night))?(?:,?\s+(?:at\s+)?(?P<tod>" + TOD + r"))?")),
    ("tod", compile_rule(r"(?P<tod>" + TOD + r")(?:,?\s+(?:on\s+)?(?:(?P<rel>today|yesterday|tomorrow|tonight|(?-i:" +
               WEEKDAY_RE[5:-1] + r"))|(?P<mon>" + MONTH_RE + r")\s+(?P<day>" + DAYNUM + r")(?:,?\s+(?P<year>" + YEAR +
               r"))?))?")),
    ("pod", compile_rule(r"(?:(?<=\bin )|(?<=\bduring )|(?<=\bby )|(?<=\buntil ))the\s+(?P<pod>morning|afternoon|evening)")),
    ("overnight", compile_rule(r"(?P<w>overnight)")),
    ("anchored", compile_rule(r"(?:(?P<mod>later|earlier)\s+)?(?:that|the\s+same|the\s+next|the\s+previous|the\s+following|"
                    r"the\s+preceding)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)")),
    ("daybefore", compile_rule(r"(?:a|the|one)\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|later|earlier)")),
    ("ago", compile_rule(r"(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|roughly|"
               r"exactly|just)\s+)?(?P<n>" + NUMW + r"|" + VAGW + r")\s+(?P<unit>" + UNITW + r")\s+(?P<dir>ago|earlier|before|"
               r"later|hence|from\s+now)")),
    ("rel_period", compile_rule(MOD + r"(?:the\s+)?(?P<rel>" + REL + r")\s+(?:fiscal\s+)?(?P<unit>" + PERIOD + r")(?!-)")),
    ("weekend", compile_rule(r"(?:(?<=\bover )|(?<=\bof )|(?<=\bduring )|(?<=\bfor )|(?<=\bthrough ))the\s+weekend")),
    ("the_period", compile_rule(MOD + r"the\s+(?P<unit>year|month|week|quarter|season|weekend)(?!-|\s+(?:before|after|"
                      r"earlier|later|ago|old))")),
    ("season", compile_rule(MOD + r"(?:(?P<rel>this|last|next|the|past|coming)\s+)?(?P<season>spring|summer|fall|autumn|"
                  r"winter)(?!\s+(?:of|\d))")),
    ("past_n", compile_rule(r"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first|final|recent)\s+"
                  r"(?:(?P<n>" + NUMW + r"|" + VAGW + r")\s+)?(?P<unit>" + UNITW + r")")),
    ("duration", compile_rule(r"(?:(?:about|around|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|up\s+to)\s+)?"
                    r"(?P<n>" + NUMW + r"|" + VAGW + r")(?:\s+and\s+a\s+half)?[\s-]+"
                    r"(?:(?:more|additional|extra|further|full|straight|consecutive)\s+)?(?P<unit>" + UNITW + r")"
                    r"(?:\s+and\s+a\s+half)?(?P<old>[\s-]+old|[\s-]+long)?")),
    ("year_ended", compile_rule(r"the\s+(?:fiscal\s+)?(?P<unit>year|twelve\s+months|12\s+months)(?=\s+(?:ended|ending|that\s+"
                      r"ended|which\s+ended|to)\s+(?-i:[A-Z][a-z]{2}))")),
    ("long_adj", compile_rule(r"(?P<unit>hour|day|week|month|year|decade|century|minute)(?P<pl>s)?-?long")),
    ("plural_units", compile_rule(r"(?P<unit>years|months|weeks|days|hours|decades|minutes)(?=\s+(?:of|ago|later|earlier|"
                        r"before|after|to\s+come)\b)")),
    ("set", compile_rule(r"(?P<q>every|each|per|a|an)\s+(?:(?P<n>" + NUMW + r")\s+)?(?P<unit>" + UNIT1 + r"s?|season|"
               r"(?-i:" + WEEKDAY_RE[5:-1] + r")|morning|night|evening|spring|summer|fall|winter)(?!-|\s+(?:ago|earlier|"
               r"later|before|after|old|long))")),
    ("set_adverb", compile_rule(r"(?P<w>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|"
                      r"semiannually)")),
    ("set_annual", compile_rule(r"(?P<w>annual)(?=\s+(?:rate|basis|meeting|report|growth|pace|summit)\b)")),
    ("ref", compile_rule(r"(?P<w>now|currently|nowadays|at\s+present|the\s+present|presently|these\s+days|at\s+the\s+moment|"
               r"right\s+now|so\s+far|to\s+date|current|recently|recent|lately|previously|formerly|in\s+the\s+past|"
               r"the\s+past|once|the\s+future|future|soon|someday|eventually|shortly|the\s+moment|immediately|"
               r"former|earlier|later)")),
]

# Anchors: a word every match of the rule contains.  Rules run only in windows around their anchors' hits, so
# a document pays one cheap scan per anchor and the full patterns only where a time word stands.
MON_A = r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
DAY_A = r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
YEAR_A = r"(?:1[89]|20)\d\d|'\d\d"
UNIT_A = r"second|minute|hour|day|week|fortnight|month|year|decade|centur|quarter|weekend|night"
ANCHORS = {
    "iso": r"\d{4}-", "numeric": r"\d/\d", "mdy": MON_A, "week_of": MON_A, "dmy": MON_A, "my": MON_A, "m_relyear": MON_A,
    "spoken_year": r"nineteen|thousand", "year_end": r"year", "year_earlier_adj": r"year-|prior-year",
    "bare_plural": r"years|months|weeks|decades|centuries|days|hours", "year_period": YEAR_A,
    "quarter_anchor": r"period|quarter|year", "month": MON_A, "near_future": r"future",
    "adj_ref": r"current|recent|future", "mayalone": r"(?-i:May)", "season_year": YEAR_A, "year_fiscal": YEAR_A,
    "year_span": YEAR_A, "year": YEAR_A, "decade": r"\d0'?s", "century": r"century", "quarter": r"quarter|half",
    "rel_quarter": r"quarter|period", "q_code": r"^(?-i:Q[1-4]|[1-4]Q|H[12]|[12]H)$", "firstmonths": r"months|weeks|days|quarters",
    "holiday": r"(?-i:Christmas|New|Independence|Thanksgiving|Election|Halloween|Valentine)",
    "spoken_decade": r"ties\b", "soon": r"soon", "relday": r"today|yesterday|tomorrow|tonight",
    "lastnight": r"morning|afternoon|evening|night", "weekday": DAY_A,
    "tod": r"\d(?:am|pm)$|^(?:am|pm)$|a\.m|p\.m|o'clock|\d:\d|noon|midnight|midday",
    "pod": r"morning|afternoon|evening", "overnight": r"overnight",
    "anchored": r"day|morning|afternoon|evening|night|week|month|year", "daybefore": r"day|week|month|year",
    "ago": UNIT_A, "rel_period": r"week|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|"
                                  r"winter|season|half",
    "weekend": r"weekend", "the_period": r"year|month|week|quarter|season|weekend",
    "season": r"spring|summer|fall|autumn|winter", "past_n": UNIT_A, "duration": UNIT_A,
    "long_adj": r"long", "year_ended": r"year|months", "plural_units": r"years|months|weeks|days|hours|decades|minutes",
    "set": UNIT_A + r"|season|morning|evening|spring|summer|fall|winter|" + DAY_A,
    "set_adverb": r"ly\b", "set_annual": r"annual",
    "ref": r"now|current|present|days|moment|far|date|recent|late|previous|former|past|once|future|"
           r"soon|someday|eventual|shortly|immediately|earlier|later",
}
ANCHOR_RE = {name: re.compile(a, re.I) for name, a in ANCHORS.items()}
REACH_BEFORE, REACH_AFTER = 72, 96  # how far a match may reach before and after its anchor
# one scan splits the text into tokens; each distinct token is tested against the anchors once (cached)
TOKEN = re.compile(r"[\w'’.:/-]+")


@functools.lru_cache(maxsize=1 << 16)
def rules_of(token: str) -> tuple[str, ...]:
    return tuple(name for name, a in ANCHOR_RE.items() if a.search(token))

REF = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
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
REF_KEEP = {"now", "currently", "nowadays", "at present", "the present", "presently", "these days",
             "at the moment", "right now", "recently", "lately", "formerly", "in the past",
             "the past", "the future", "someday"}

FUTURE_CUE = re.compile(r"(?:\b(?:will|won't|shall|going\s+to|plans?\s+to|planning\s+to|scheduled|expects?\s+to|"
                     r"expected\s+to|is\s+to|are\s+to|would\s+(?:be\s+)?(?:hold|meet|begin|start|visit|travel|go|"
                     r"take|open|vote|decide|resume|return|arrive)|due\s+to|set\s+to|intends?\s+to|upcoming|"
                     r"aims?\s+to|hopes?\s+to|payable|effective|begins?|starts?|opens?|meets?|planned\s+to|as\s+soon\s+as|"
                     r"as\s+early\s+as|heads?\s+to|headed\s+to|leaves?\s+for|scheduled\s+(?:a|an|the|for)|"
                     r"would|wants?\s+to|to\s+be\s+held)\b|'ll\b)", re.I)
PAST_CUE = re.compile(r"\b(?:said|says|told|was|were|had|did|met|made|took|came|went|began|held|gave|saw|left|ended|"
                   r"rose|fell|won|lost|got|found|sent|struck|killed|hit|led|ran|put|set\s+off|became|brought|"
                   r"spoke|wrote|announced|reported|agreed|signed|returned|arrived|\w{3,}ed)\b", re.I)
SENT_END = re.compile(r"[.!?]\s|\n")


def number_of(word: str) -> float | None:
    w = " ".join(word.lower().replace("-", " ").split())
    if w.endswith(" 1/2") and re.fullmatch(r"\d+", w[:-4]):
        return int(w[:-4]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in NUMBER:
        return NUMBER[w]
    if w.startswith("half"):
        return 0.5
    if w.startswith("twenty "):
        return 20 + (NUMBER.get(w[7:]) or 0)
    if w.startswith("a couple") or w.startswith("couple"):
        return 2
    return None


def fmt_number(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def unit_of(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNIT else w


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration: P3Y, PT7H, P10Y (a decade), PXY (an unstated number of years)."""
    des, clock = UNIT[unit]
    if unit == "decade":
        return f"P{fmt_number(n * 10) if n is not None else 'X'}{'Y' if n is not None else 'DE'}"
    if unit == "century":
        return f"P{fmt_number(n * 100) if n is not None else 'X'}{'Y' if n is not None else 'CE'}"
    if unit == "quarter":
        return f"P{fmt_number(n * 3) if n is not None else 'X'}M" if n is not None else "PXQ"
    if n is not None and not float(n).is_integer():
        # a fraction goes to the next smaller unit: "half an hour" → PT30M, "5 1/2 hours" → PT5H30M,
        # "2 1/2 years" → P2Y6M, "a minute and a half" → PT1M30S (TimeBank's form; P2.5Y is legal but rarer)
        sub = {"hour": (60, "M", True), "minute": (60, "S", True), "day": (24, "H", True), "year": (12, "M", False),
               "month": (30, "D", False), "week": (7, "D", False)}.get(unit)
        if sub:
            whole, part = int(n), fmt_number(round((n - int(n)) * sub[0], 3))
            head = f"{whole}{des}" if whole else ""
            if clock or not sub[2]:  # PT5H30M, P2Y6M: both parts on the same side of the T
                return ("PT" if clock else "P") + head + part + sub[1]
            return "P" + head + "T" + part + sub[1]  # P1DT12H
    return ("PT" if clock else "P") + fmt_number(n) + des


def month_shift(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def four_digit_year(s: str) -> int:
    s = s.lstrip("'")
    n = int(s)
    if len(s) == 2:
        return 1900 + n if n >= 30 else 2000 + n
    return n

# a weekday reads the tense of its own clause only (the nearest 30 characters: "will meet Friday"): cues further
# away belong to other clauses more often than not
WEEKDAY_REACH = 30


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or datetime; None when absent or not ISO."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
