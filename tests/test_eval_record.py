"""`onrecord eval record`: the gold reader, the scorers on hand-built articles, and the multi-article set end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.errors import GoldFormatError
from onrecord.evaluate.record import (evaluate_record, extract_inputs, names_same, read_record_gold)
from onrecord.model import Actor, Article, Event, Speaker, Stance, Statement, TextSpan, Topic

MULTI = Path(__file__).parent / "data" / "multi"
GOLD = MULTI / "gold.jsonl"


def write(tmp_path, *lines) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return p


ART = {"article": "a.html"}


@pytest.mark.parametrize("lines,line,message", [
    (["{not json"], 1, "not JSON"),
    ([ART, {"article": "b.html", "actors": ["X"]}], 2, "exactly one of"),
    ([{"article": "a.html", "event": []}], 1, "unknown key 'event'"),
    ([{"article": "a.html", "events": [{"type": "MEET"}]}], 1, "events[0].type 'MEET' is not one of"),
    ([{"article": "a.html", "events": [{"type": "AGREE", "modality": ["soon"]}]}], 1, "events[0].modality"),
    ([{"article": "a.html", "events": [{"type": "AGREE", "sources": "Russia"}]}], 1, "events[0].sources"),
    ([{"article": "a.html", "events": [{"type": "AGREE", "targts": []}]}], 1, "unknown key 'targts'"),
    ([{"article": "a.html", "stances": [{"actor": "X", "topic": "t", "stance": "for"}]}], 1, "stances[0].stance"),
    ([{"article": "a.html", "stances": [{"actor": "", "topic": "t", "stance": "support"}]}], 1, "stances[0].actor"),
    ([ART, ART], 2, "described twice"),
    ([{"article": "dir/a.html"}], 1, "file name"),
    ([ART, {"actors": ["Peskov"]}, {"actors": ["Dmitry Peskov", "peskov"]}], 3, "already in the actor cluster on line 2"),
    ([ART, {"actors": []}], 2, "non-empty list"),
    ([ART, {"quotes": [["b.html", "text"]]}], 2, "no article line"),
    ([ART, {"quotes": [["a.html"]]}], 2, "pairs"),
    (["[1, 2]"], 1, "JSON object"),
])
def test_gold_errors_name_file_and_line(tmp_path, lines, line, message):
    path = write(tmp_path, *lines)
    with pytest.raises(GoldFormatError) as info:
        read_record_gold(path)
    assert str(info.value).startswith(f"E400 {path}:{line}: ")
    assert message in str(info.value)


def test_the_sets_gold_reads():
    gold = read_record_gold(GOLD)
    assert len(gold.articles) == 6 and len(gold.actor_clusters) >= 15 and len(gold.quote_clusters) >= 10
    assert sum(len(a.events) for a in gold.articles) > 30
    # qualified entries keep same-named people apart
    assert ("abn-news-2025-03-12.html", "Johnson") in gold.actor_clusters[[
        i for i, c in enumerate(gold.actor_clusters) if (None, "Peter Johnson") in c][0]]


def test_names_same():
    assert names_same("Sir Keir Starmer", "Keir Starmer")
    assert names_same("Zelenskiy", "Volodymyr Zelenskyy")
    assert not names_same("Peter Johnson", "Eleanor Johnson")
    assert not names_same("Ukraine", None)


# ------------------------------------------------------------------------------------------------ scoring

def _event(eid, etype, sources=(), targets=(), modality="asserted", trigger="met"):
    return Event(id=eid, type=etype, trigger=TextSpan(trigger, (0, len(trigger))), sentence_span=(0, 1),
                 sources=tuple(sources), targets=tuple(targets), modality=modality)


def _stmt(sid, text, actor):
    return Statement(id=sid, kind="direct", content_text=text, content_spans=((0, len(text)),), cue=None,
                     speaker=Speaker("x", None, actor, "name"), medium=None, sentence_span=(0, 1))


def test_scores_on_hand_built_articles(tmp_path):
    gold = read_record_gold(write(
        tmp_path,
        {"article": "a.html", "published": "2025-03-11",
         "events": [{"type": "CONSULT", "sources": ["United States"], "targets": ["Ukraine"], "modality": "asserted",
                     "trigger": "met"},
                    {"type": "AID", "sources": ["United States"], "targets": ["Ukraine"], "modality": "planned"}],
         "stances": [{"actor": "Volodymyr Zelenskyy", "topic": "ceasefire", "stance": "support"},
                     {"actor": "Dmitry Peskov", "topic": "ceasefire", "stance": ["neutral", "unclear"]}]},
        {"article": "b.html"},
        {"actors": ["Volodymyr Zelenskyy", "Zelensky"]},
        {"actors": ["Peter Johnson"]}, {"actors": ["Eleanor Johnson"]},
        {"quotes": [["a.html", "Let us not get ahead of events"], ["b.html", "Let's not get ahead of events"]]},
        {"quotes": [["b.html", "A ceasefire without guarantees is an invitation to war"]]},
    ))
    a = Article(
        id="A", text="…", site="A", published="2025-03-11",
        actors=(Actor("r", "Marco Rubio", "person", affiliation="United States"),
                Actor("u", "Ukraine", "country"), Actor("z", "Volodymyr Zelenskyy", "person"),
                Actor("p", "Dmitry Peskov", "person"), Actor("j", "Peter Johnson", "person")),
        events=(_event("e1", "CONSULT", ["r"], ["u"]),  # Rubio names the United States through his affiliation
                _event("e2", "AID", ["r"], ["u"], modality="asserted"),  # right parties, wrong modality
                _event("e3", "REJECT", ["u"])),  # not in the gold
        statements=(_stmt("s1", "“Let us not get ahead of events,”", "p"),),
        topics=(Topic("t", "ceasefire", "ceasefire"),),
        stances=(Stance("x1", "z", "t", "support"), Stance("x2", "p", "t", "oppose"),
                 Stance("x3", "u", "t", "support")))
    b = Article(id="B", text="…", site="B", published="2025-03-12",
                actors=(Actor("z", "Zelensky", "person"), Actor("p", "Peskov", "person"),
                        Actor("j", "Eleanor Johnson", "person")),
                statements=(_stmt("s1", "“Let's not get ahead of events,”", "p"),
                            _stmt("s2", "“A ceasefire without guarantees is an invitation to war,”", "j")))
    r = evaluate_record(gold, {"a.html": a, "b.html": b})
    assert r["events"]["headline"] == {"tp": 2, "pred": 3, "gold": 2, "precision": 0.6667, "recall": 1.0,
                                       "f1": 0.8}
    assert r["events"]["full"]["tp"] == 1 and r["events"]["on_matched"]["modality"] == {"correct": 1, "total": 2}
    assert r["events"]["spurious"] == ["a.html: REJECT asserted Ukraine (met)"]
    assert r["stances"]["actor_topic"]["tp"] == 2 and r["stances"]["labelled"]["tp"] == 1
    assert r["stances"]["wrong_stance"] == ["a.html: Dmitry Peskov on ceasefire: oppose, gold neutral/unclear"]
    ac = r["actor_clusters"]
    assert ac["pairs"] == {"tp": 1, "pred": 1, "gold": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert "Dmitry Peskov" in ac["unscored_names"]
    qc = r["quote_clusters"]
    assert qc["pairs"]["tp"] == 1 and qc["pairs"]["precision"] == 1.0 and qc["not_found"] == []
    assert r["missing_articles"] == []


def test_missing_inputs_are_reported_not_scored(tmp_path):
    gold = read_record_gold(write(tmp_path, {"article": "nowhere.html", "events": [{"type": "AGREE"}]},
                                  {"quotes": [["nowhere.html", "words that are nowhere"]]}))
    articles, errors = extract_inputs(gold, [tmp_path], extract=lambda doc: pytest.fail("nothing to extract"))
    assert articles == {} and errors == []
    r = evaluate_record(gold, articles)
    assert r["missing_articles"] == ["nowhere.html"] and r["events"]["headline"]["gold"] == 0
    assert r["quote_clusters"]["quotes_scored"] == 0


# ------------------------------------------------------------------------------------------------ the set

@pytest.mark.slow
def test_multi_article_set_end_to_end(nlp, example_path):
    from onrecord.config import Options
    from onrecord.pipeline import extract_document

    gold = read_record_gold(GOLD)
    articles, errors = extract_inputs(gold, [MULTI / "articles", example_path],
                                      extract=lambda doc: extract_document(doc, nlp, Options()))
    assert errors == [] and len(articles) == 6
    assert articles["ceasefire-talks.txt"].published == "2025-03-12"  # from the gold line: the .txt has none
    assert articles["kyiv-ledger-2025-03-12.html"].site == "Kyiv Ledger"  # from the page's metadata
    r = evaluate_record(gold, articles)
    ac, qc = r["actor_clusters"], r["quote_clusters"]
    # no wrong merge (the two Johnsons, the two Waltzes stay apart) and every spelling variant merged
    assert ac["pairs"]["precision"] == 1.0 and ac["wrong_merges"] == []
    assert ac["cross_spelling"]["recall"] == 1.0 and ac["cross_spelling"]["gold"] >= 15
    assert qc["pairs"]["precision"] == 1.0 and qc["pairs"]["recall"] >= 0.9 and not qc["not_found"]
    # floors under today's figures (docs/consolidation.md): events 0.80 / 0.73, stances 0.81 / 0.81, actor pairs 1.0.
    # Events headline was 0.83 on this set we wrote ourselves; coding to the PLOVER manual (conditional force is
    # THREATEN, pledges are AGREE) with coreference took it to 0.80 while third-party gold rose (issue 12 note).
    # The gold then gained the example's two events borne by speech (Starmer's "Russia must now agree …", a
    # REQUEST of Russia; Dugin's "Trump … is wrong", an ACCUSE of Trump), which the record now codes: headline
    # 0.804 -> 0.811, full 0.717 (Dugin's target is missed)
    assert r["events"]["headline"]["f1"] >= 0.805 and r["events"]["full"]["f1"] >= 0.71
    assert r["stances"]["actor_topic"]["f1"] >= 0.80 and r["stances"]["labelled"]["f1"] >= 0.80
    assert r["stances"]["wrong_stance"] == [] and r["stances"]["spurious"] == []
    assert ac["pairs"]["recall"] == 1.0  # the Moscow-style article's "Trump" (tagged ORG) joins the person


@pytest.mark.slow
def test_cli_eval_record_json(nlp, tmp_path):
    r = CliRunner().invoke(cli.main, ["eval", "record", "--gold", str(GOLD), "--inputs", str(MULTI / "articles"),
                                      "--inputs", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["missing_articles"] == ["ceasefire-talks.txt"] and out["articles"] == 5
    assert out["actor_clusters"]["pairs"]["precision"] == 1.0


def test_cli_eval_record_bad_gold(tmp_path):
    path = write(tmp_path, {"article": "a.html", "events": [{"type": "HUG"}]})
    r = CliRunner().invoke(cli.main, ["eval", "record", "--gold", str(path), "--inputs", str(tmp_path)])
    assert r.exit_code == 1 and f"E400 {path}:1" in r.output
