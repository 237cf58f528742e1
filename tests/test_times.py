"""The times layer: every temporal expression with its TimeML type and value (no model needed), the publication
date found in the text, the component on a Doc, and the record's JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from onrecord.model import Article, Event, EventTime, TextSpan, TimeExpression
from onrecord.nlp.times import find_published, find_times

PUB = date(2025, 3, 12)  # a Wednesday


def _one(text: str, published: date | None = PUB) -> tuple[str, str, str]:
    got = find_times(text, published)
    assert len(got) == 1, got
    return got[0].text, got[0].type, got[0].value


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The talks were held on Tuesday.", ("Tuesday", "DATE", "2025-03-11")),
    ("Prices fell last month.", ("last month", "DATE", "2025-02")),
    ("Output has doubled over the past decade.", ("the past decade", "DURATION", "P10Y")),
    ("The club sells out each season.", ("each season", "SET", "P3M")),
    ("The figures for 1998-W08 were revised.", ("1998-W08", "DATE", "1998-W08")),
    ("Sales in 1998-Q1 rose.", ("1998-Q1", "DATE", "1998-Q1")),
    ("The group is now larger.", ("now", "DATE", "PRESENT_REF")),
    ("He had recently resigned.", ("recently", "DATE", "PAST_REF")),
    ("They will meet in the near future.", ("the near future", "DATE", "FUTURE_REF")),
    ("A monthlong ceasefire began.", ("monthlong", "DURATION", "P1M")),
    ("The seven-hour negotiations ended.", ("seven-hour", "DURATION", "PT7H")),
    ("It happened three weeks ago.", ("three weeks ago", "DATE", "2025-W08")),
    ("Profit is paid annually.", ("annually", "SET", "P1Y")),
    ("The 1990s were calm.", ("The 1990s", "DATE", "199")),
    ("They spoke at 10:30 a.m. about it.", ("10:30 a.m.", "TIME", "2025-03-12T10:30")),
    ("He arrived yesterday.", ("yesterday", "DATE", "2025-03-11")),
    ("He will speak tonight.", ("tonight", "TIME", "2025-03-12TNI")),
    ("The vote is next week.", ("next week", "DATE", "2025-W12")),
    ("It rose in the third quarter.", ("the third quarter", "DATE", "2024-Q3")),
    ("It ended on Dec. 30.", ("Dec. 30", "DATE", "2024-12-30")),  # the nearest December 30, in the past
    ("It was signed on March 4, 1998.", ("March 4, 1998", "DATE", "1998-03-04")),
    ("It was signed in nineteen ninety-six.", ("nineteen ninety-six", "DATE", "1996")),
    ("The shop opens every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
    ("Sales are $5 million a year.", ("a year", "SET", "P1Y")),
    ("He served for 13 years.", ("13 years", "DURATION", "P13Y")),
    ("Rates fell last spring.", ("last spring", "DATE", "2024-SP")),
    ("They met on Christmas Day.", ("Christmas Day", "DATE", "2024-12-25")),
])
def test_expressions_and_their_values(sentence, expected):
    assert _one(sentence) == expected


def test_the_tense_picks_the_weekday_a_future_meeting_is_on():
    assert _one("The two sides will meet Friday.")[2] == "2025-03-14"
    assert _one("The two sides met Friday.")[2] == "2025-03-07"


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # an offset from an event with no date of its own: the measure alone, a DURATION (TimeBank's tagging)
    ("This move comes barely a month after Qantas suspended flights.", date(1998, 2, 13),
     [("a month", "DURATION", "P1M")]),
    ("A few days later, the company announced losses.", date(1989, 10, 27), [("A few days", "DURATION", "PXD")]),
    ("The banks must wait at least 30 days before closing the purchase.", date(1989, 10, 27),
     [("at least 30 days", "DURATION", "P30D")]),
    # … but a year back is still the year-old figure compared with
    ("Sales rose 15% from a year earlier.", date(1998, 2, 6), [("a year earlier", "DATE", "1997")]),
    # accounts: the quarter holding the day it ended, and a twelve-month year
    ("It lost $92.2 million for the quarter ended Sept. 30.", date(1989, 11, 1),
     [("the quarter", "DATE", "1989-Q3"), ("Sept. 30", "DATE", "1989-09-30")]),
    ("Net income for the year ended Aug. 31 rose.", date(1989, 10, 30),
     [("the year", "DURATION", "P1Y"), ("Aug. 31", "DATE", "1989-08-31")]),
    ("It lost $9 million for the quarter ended Sept. 30. This quarter's loss includes charges.", date(1989, 11, 1),
     [("the quarter", "DATE", "1989-Q3"), ("Sept. 30", "DATE", "1989-09-30"), ("This quarter", "DATE", "1989-Q3")]),
    ("The spin-off could be effective as early as next year's first quarter.", date(1989, 10, 31),
     [("next year's first quarter", "DATE", "1990-Q1")]),
    ("The case may be heard the week of March 6, he said.", date(2000, 2, 24),
     [("the week of March 6", "DATE", "2000-W10")]),
    # fractions of a unit go to the next smaller one
    ("She spent about 5 1/2 hours in Nairobi.", PUB, [("about 5 1/2 hours", "DURATION", "PT5H30M")]),
    ("They lived in camps for 2 1/2 years.", PUB, [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("It lasted a minute and a half.", PUB, [("a minute and a half", "DURATION", "PT1M30S")]),
    # the weekday's direction: a future cue the catch-all "-ed" also matches, and a deadline
    ("The attorney has scheduled a news conference Thursday.", date(1999, 5, 5), [("Thursday", "DATE", "1999-05-06")]),
    ("The agency has given the relatives until 9 a.m. Tuesday to sign.", date(2000, 4, 3),
     [("9 a.m. Tuesday", "TIME", "2000-04-04T09:00")]),
    # quarters and halves as businesses write them; a car's model name is not one
    ("Sales rose in Q3 and in Q4 2024; H1 2025 will be better.", PUB,
     [("Q3", "DATE", "2024-Q3"), ("Q4 2024", "DATE", "2024-Q4"), ("H1 2025", "DATE", "2025-H1")]),
    ("He drove the new Audi Q3 home.", PUB, []),
    # a participle is not a past tense: the January after an October publication is the coming one
    ("The dividend would be paid on a still unspecified date in January.", date(1989, 10, 26),
     [("January", "DATE", "1990-01")]),
    # anchoring on what was named last: a month, a year, a weekday, a day in the sentence before
    ("The board met in March. The following month, the company was put up for sale.", date(1989, 10, 27),
     [("March", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")]),
    ("In 1995 he was promoted, and the following year he retired.", date(1998, 4, 18),
     [("1995", "DATE", "1995"), ("the following year", "DATE", "1996")]),
    ("Stocks fell Friday, down 4.5% from the previous Friday.", date(1989, 10, 30),
     [("Friday", "DATE", "1989-10-27"), ("the previous Friday", "DATE", "1989-10-20")]),
    ("Hopes were dashed Friday.\n\nDealers placed heavy buy orders in the morning.", date(1989, 10, 30),
     [("Friday", "DATE", "1989-10-27"), ("the morning", "TIME", "1989-10-27TMO")]),
])
def test_offsets_accounts_fractions_and_weekday_direction(sentence, published, expected):
    assert [(t.text, t.type, t.value) for t in find_times(sentence, published)] == expected


def test_that_day_is_the_day_last_named():
    got = find_times("Rubio flew to Jeddah on Monday. Later that day he met the delegation.", PUB)
    assert [(t.text, t.value) for t in got] == [("Monday", "2025-03-10"), ("Later that day", "2025-03-10")]


def test_a_year_ago_in_a_quarterly_report_is_that_quarter_a_year_before():
    got = find_times("Net income rose in the third quarter, ended Sept. 30, from a year ago.", date(1989, 10, 26))
    assert [(t.text, t.value) for t in got][-1] == ("a year ago", "1988-Q3")


def test_ages_numbers_and_names_are_not_times():
    for text in ("a 44-year-old protester", "the 2082.1 close", "the March for Life", "Gary Cooper in High Noon",
                 "its quarterly dividend", "as soon as the threats end"):
        assert find_times(text, PUB) == [], text


def test_without_a_publication_date_relative_values_keep_their_unknown_parts():
    assert _one("They met on Tuesday.", None) == ("Tuesday", "DATE", "XXXX-WXX-2")
    assert _one("It was signed on March 4, 1998.", None)[2] == "1998-03-04"


def test_offsets_point_into_the_text_and_ids_are_stable():
    text = "On Tuesday, and again last month, for seven hours."
    a, b = find_times(text, PUB), find_times(text, PUB)
    assert [t.id for t in a] == [t.id for t in b] and len({t.id for t in a}) == len(a) == 3
    for t in a:
        assert text[t.span[0]:t.span[1]] == t.text


def test_the_recogniser_is_linear_in_the_document_length():
    unit = "On Tuesday the talks went on for seven hours; last month they had failed. " * 10
    assert len(find_times(unit * 20, PUB)) == 20 * len(find_times(unit, PUB))


# -- the publication date from the text -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("WASHINGTON, March 12 (Reuters) – The talks went on.", ("2025-03-12", "dateline")),
    ("NAIROBI, Kenya, Aug. 7, 1998 (AP) - Bombs exploded.", ("1998-08-07", "dateline")),
    ("Published 12 March 2025\n\nThe talks went on.", ("2025-03-12", "text")),
    ("Updated: 3/12/2025 10:31 a.m. EST\nThe talks went on.", ("2025-03-12", "text")),
    ("Last updated on March 12, 2025 at 10:31 GMT\nThe talks.", ("2025-03-12", "text")),
    ("By Jane Doe\nWednesday, March 12, 2025\n\nKYIV — The talks.", ("2025-03-12", "text")),
    ("Updated 12.03.2025 10:31\nThe talks.", ("2025-03-12", "text")),  # dots: day first
    ("Updated: 12-Mar-2025 10:31\nThe talks.", ("2025-03-12", "text")),  # dateparser's format
    ("KYIV, Ukraine (AP) — The talks went on Tuesday.", None),
    ("Posted: yesterday\nThe talks.", None),
    ("The talks went on.\n" * 6 + "Published 12 March 2025", None),  # only the first lines count
])
def test_publication_date_found_in_the_text(text, expected):
    assert find_published(text, today=date(2025, 3, 13)) == expected


def test_a_yearless_dateline_is_the_latest_such_day_up_to_today():
    assert find_published("PARIS, Dec. 30 (AFP) - x", today=date(2025, 3, 13)) == ("2024-12-30", "dateline")


@pytest.mark.parametrize(("header", "expected"), [
    # the shapes of the date block above an article body on the ScrapingHub pages (written here, not copied)
    (["Jane Doe - Nov 19, 2019, 10:31 pm CST"], "2019-11-19"),
    (["By Jane Doe Updated Nov 13, 2019, 10:28am EST"], "2019-11-13"),
    (["New Delhi, Example Bureau | Updated : 19 November 2019, 09:01 AM"], "2019-11-19"),
    (["PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 20, 2019 at 10:16 pm"], "2019-11-19"),
    (["Posted: Fri 6:45 PM, Feb 16, 2018 |", "Updated: Sat 8:31 PM, Feb 17, 2018"], "2018-02-16"),
    (["Updated: 18 Nov 2019 9:38 pm"], "2019-11-18"),
    (["14:53 GMT +3 20 November 2019"], "2019-11-20"),
    (["By Jane Doe, Wednesday, 20 November 2019 08:05 GMT"], "2019-11-20"),
    (["11.14.2019 09:00 AM"], "2019-11-14"),  # dots, month first: the only reading that is a date
    (["Jane Doe 27/09/2018 2 comments Reviews"], "2018-09-27"),  # a first part over 12 is the day
    (["Von Jane Doe publiziert am 25. September 2018"], "2018-09-25"),
    (["By Jane Doe Contributor 2019-11-19T12:48:14Z Space"], "2019-11-19"),
    # the line nearest the body wins over a sidebar's date further up
    (["Most read", "April 09, 2019", "Ministers meet over quotas", "November 18, 2019"], "2019-11-18"),
    # a sentence naming a date is not a date line; no date at all is None
    (["The fleet sailed on November 18, 2019 from the harbour where it had waited for weeks with its crews."], None),
    (["Home", "World", "Sign in"], None),
])
def test_publication_date_in_the_lines_above_the_body(header, expected):
    got = find_published("Ministers met in Brussels on Tuesday.", header=header)
    assert (got[0] if got else None) == expected and (got is None or got[1] == "text")


def test_a_header_date_names_the_year_a_dateline_leaves_out():
    text = "WASHINGTON, Nov. 18 (AP) — Ministers met on Tuesday."
    assert find_published(text, today=date(2025, 3, 13)) == ("2024-11-18", "dateline")
    assert find_published(text, today=date(2025, 3, 13), header=["Nov 18, 2019 | 4:10pm"]) == ("2019-11-18", "text")


@pytest.mark.slow
def test_the_pipeline_reads_the_date_line_the_cleaner_took_out(nlp):
    from onrecord.pipeline import extract

    page = ("Home\nWorld\nBusiness\nSport\nSubscribe\nSign in\nMost read: March 2, 2024\n"
            "Ministers meet over fishing quotas\nBy Jane Doe - Nov 19, 2019, 10:31 pm CST\n\n"
            "Fisheries ministers met in Brussels on Tuesday to settle next year's quotas, officials said after the "
            "talks ended late in the evening.\n\nThe meeting lasted seven hours and ended without a deal, according "
            "to two diplomats who attended the session and spoke afterwards.\n\nAnother round is planned for next "
            "week, the officials said, adding that the fleets would keep fishing until then.\n")
    art = extract(page, nlp=nlp)
    assert (art.published, art.published_source) == ("2019-11-19", "text")
    assert next(t for t in art.times if t.text == "Tuesday").value == "2019-11-19"
    assert "Nov 19, 2019" not in art.text  # the date line stays out of the article text


# -- the record ---------------------------------------------------------------------------------------------------

def test_times_and_published_source_round_trip_and_old_records_read():
    t = TimeExpression(id="t1", text="Tuesday", span=(3, 10), type="DATE", value="2025-03-11")
    ev = Event(id="e1", type="CONSULT", trigger=TextSpan("met", (0, 3)), sentence_span=(0, 20),
               time=EventTime(text="Tuesday", span=(3, 10), resolved="2025-03-11", time_id="t1"))
    art = Article(id="a", text="met Tuesday " * 2, published="2025-03-12", published_source="dateline", times=(t,),
                  events=(ev,))
    d = json.loads(json.dumps(art.to_dict()))
    assert d["times"] == [{"id": "t1", "text": "Tuesday", "span": [3, 10], "type": "DATE", "value": "2025-03-11"}]
    assert d["published_source"] == "dateline" and d["events"][0]["time"]["time_id"] == "t1"
    assert Article.from_dict(d) == art
    for key in ("times", "published_source"):
        del d[key]
    del d["events"][0]["time"]["time_id"]
    old = Article.from_dict(d)
    assert old.times == () and old.published_source is None and old.events[0].time.time_id is None


# -- the component --------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_pipeline_records_times_and_a_dateline_date(nlp):
    from onrecord.pipeline import extract

    art = extract("WASHINGTON, March 12, 2025 (Reuters) – Rubio met Ukrainian officials in Jeddah on Tuesday, "
                  "and the talks lasted seven hours.", nlp=nlp)
    assert (art.published, art.published_source) == ("2025-03-12", "dateline")
    by_text = {t.text: t for t in art.times}
    assert by_text["Tuesday"].value == "2025-03-11"
    assert by_text["seven hours"].type == "DURATION"
    meeting = next(e for e in art.events if e.type == "CONSULT")
    assert meeting.time.time_id == by_text["Tuesday"].id and meeting.time.resolved == by_text["Tuesday"].value


@pytest.mark.slow
def test_a_given_date_wins_over_the_text_and_says_so(nlp):
    from onrecord.pipeline import extract

    art = extract("WASHINGTON, March 12 (Reuters) – Rubio met officials on Tuesday.", nlp=nlp, published="2024-01-10")
    assert (art.published, art.published_source) == ("2024-01-10", "option")
    assert next(t for t in art.times if t.text == "Tuesday").value == "2024-01-09"


# -- the evaluator ----------------------------------------------------------------------------------------------------

def _gold_doc(doc_id="d1"):
    text = "Talks ended Tuesday after seven hours, officials said last month."
    return {"id": doc_id, "published": "2025-03-12", "text": text, "timex": [
        {"start": 12, "end": 19, "text": "Tuesday", "type": "DATE", "value": "2025-03-11"},
        {"start": 26, "end": 37, "text": "seven hours", "type": "DURATION", "value": "PT7H"},
        {"start": 54, "end": 64, "text": "last month", "type": "DATE", "value": "2025-02"}]}


def test_scoring_strict_relaxed_and_value():
    from onrecord.evaluate.times import evaluate_times

    # one exact and right, one overlapping with the right value, one exact with a wrong value, one spurious
    def predict(_doc):
        return [(12, 19, "DATE", "2025-03-11"), (20, 37, "DURATION", "PT7H"), (54, 64, "DATE", "2025-03"),
                (0, 5, "DATE", "PRESENT_REF")]

    r = evaluate_times([_gold_doc()], predict)["groups"]
    assert r["all"]["strict"]["span"]["recall"] == pytest.approx(2 / 3)
    assert r["all"]["relaxed"]["span"]["recall"] == 1.0
    assert r["all"]["relaxed"]["value"]["recall"] == pytest.approx(2 / 3)
    assert r["all"]["relaxed"]["value"]["precision"] == pytest.approx(2 / 4)
    assert r["all"]["strict"]["value"]["recall"] == pytest.approx(1 / 3)
    assert r["DATE/TIME"]["relaxed"]["value"]["gold"] == 2 and r["DURATION"]["relaxed"]["value"]["f1"] == 1.0


def test_the_split_is_fixed_by_the_id_and_about_seventy_thirty():
    from onrecord.evaluate.times import split_of

    parts = [split_of(f"doc{i}") for i in range(1000)]
    assert 0.65 < parts.count("dev") / 1000 < 0.75
    assert parts == [split_of(f"doc{i}") for i in range(1000)]


def test_eval_times_command_and_a_bad_gold_file(tmp_path):
    from click.testing import CliRunner

    from onrecord import cli

    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([_gold_doc(f"d{i}") for i in range(6)]), encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["eval", "times", "--gold", str(gold), "--part", "all", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["all"]["groups"]["all"]["relaxed"]["value"]["f1"] == 1.0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x", "text": "t", "timex": [{"start": 0}]}]), encoding="utf-8")
    res = CliRunner().invoke(cli.main, ["eval", "times", "--gold", str(bad)])
    assert res.exit_code == 1 and "E400" in res.output


def test_the_store_keeps_times_published_source_and_time_ids(tmp_path):
    from onrecord.store import Store

    t = TimeExpression(id="t1", text="Tuesday", span=(4, 11), type="DATE", value="2025-03-11")
    ev = Event(id="e1", type="CONSULT", trigger=TextSpan("met", (0, 3)), sentence_span=(0, 20),
               time=EventTime(text="Tuesday", span=(4, 11), resolved="2025-03-11", time_id="t1"))
    art = Article(id="a1", text="met Tuesday for seven hours", published="2025-03-12", published_source="dateline",
                  times=(t, TimeExpression(id="t2", text="seven hours", span=(16, 27), type="DURATION",
                                           value="PT7H")), events=(ev,))
    with Store(tmp_path / "r.db") as s:
        assert s.add(art)
        assert s.get("a1") == art
