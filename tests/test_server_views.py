"""The page geometry: text pieces cover the text exactly under nested marks, the marked text escapes everything and
keeps the text, charts stack what they are given."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

pytest.importorskip("markupsafe")
import _server_data as data  # noqa: E402
from onrecord.model import Removed  # noqa: E402
from onrecord.server import views  # noqa: E402


@pytest.mark.parametrize("article", [data.ordinary(), data.hostile()])
def test_pieces_cover_the_text_exactly(article):
    ps = views.pieces(article)
    assert "".join(p.text for p in ps) == article.text
    assert all(p.text for p in ps)
    starts = [p.start for p in ps]
    assert starts == sorted(starts) and starts[0] == 0


def test_pieces_carry_every_mark():
    a = data.ordinary()
    ps = views.pieces(a)
    at = {p.text: p for p in ps}
    assert "".join(p.text for p in ps if p.statement == 0) == "We are close to a deal,"
    assert at["a deal"].topic == "ceasefire" and at["a deal"].statement == 0
    assert at["Marco Rubio"].actor == "p1" and at["Marco Rubio"].speaker and at["Marco Rubio"].statement is None
    assert at["He"].speaker and at["He"].actor == "p1"
    assert at["Talks"].trigger == 0
    cue = [p for p in ps if p.cue]
    assert [p.text for p in cue] == ["said", "said", "added"]


def test_removed_chrome_is_placed_where_it_stood():
    a = replace(data.ordinary(), removed=(Removed("MENU", "nav", 0), Removed("FOOTER", "tail", len(data.TEXT))))
    ps = views.pieces(a, show_removed=True)
    assert ps[0].removed[0]["text"] == "MENU" and ps[-1].removed[0]["text"] == "FOOTER" and ps[-1].text == ""
    assert all(not p.removed for p in views.pieces(a))


@pytest.mark.parametrize("article", [data.ordinary(), data.hostile()])
def test_marked_text_escapes_and_keeps_the_text(article):
    out = str(views.text_html(article))
    assert "<script" not in out and "<img" not in out and "<iframe" not in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == article.text
    assert out.count("<span") == out.count("</span>") and out.count("<a ") == out.count("</a>")


def test_speaker_colours_and_legend():
    a = data.ordinary()
    assert views.speaker_colours(a) == {"p1": 0, "g1": 1, "?He": None}
    assert [(s["name"], s["count"]) for s in views.speakers(a)] == [("Marco Rubio", 1), ("Hamas", 1), ("He", 1)]


def test_bar_chart_stacks_by_series():
    rows = [{"day": "2025-01-01", "party": "A", "n": 2}, {"day": "2025-01-01", "party": None, "n": 1},
            {"day": "2025-01-02", "party": "A", "n": 4}]
    c = views.bar_chart(rows, x="day", series="party", value="n")
    assert [b["total"] for b in c["bars"]] == [3, 4]
    tallest = c["bars"][1]["parts"][0]
    assert tallest["y"] == pytest.approx(c["base"] - tallest["h"]) and tallest["y"] == pytest.approx(8)
    assert [(x["series"], x["total"]) for x in c["legend"]] == [("A", 6), (None, 1)]
    assert views.bar_chart([], x="day", series="party", value="n")["bars"] == []


def test_topic_mentions_link_to_their_topic_unless_an_actor_link_is_there():
    out = str(views.text_html(data.ordinary()))
    assert '<a class="topic-mention" href="/topics/ceasefire" title="topic: ceasefire">a deal</a>' in out
    hostile = str(views.text_html(data.hostile()))
    assert 'href="/topics/%3Cscript%3E' in hostile and "<a <" not in hostile
