"""Defect 1 of issue 10 (component side): a rule layer that fails, or runs out of the article's time budget
(issue 14), is a coded warning on the record — never a clean, empty layer."""

from __future__ import annotations

import json

import pytest

from onrecord.config import Options
from onrecord.model import Article, LayerWarning
from onrecord.nlp import events, failsoft, stances
from onrecord.nlp.quotes import Builder
from onrecord.pipeline import extract, extract_batch

pytestmark = pytest.mark.slow

TEXT = ("“We will continue the talks next week,” Rubio said on Tuesday.\n\n"
        "Moscow rejected the ceasefire proposal, the Kremlin said. Ukraine agreed to a 30-day ceasefire.")


def _boom(*args, **kwargs):
    raise IndexError("a rule tripped")


def _extract(nlp, options=None):
    return extract(TEXT, nlp=nlp, options=options or Options(), published="2025-03-12")


def test_a_whole_record_has_no_warnings_and_says_so(nlp):
    art = _extract(nlp)
    assert art.statements and art.events and art.warnings == ()
    assert art.to_dict()["warnings"] == []


def test_a_failing_quotes_layer_is_w100_on_the_record(nlp, monkeypatch):
    monkeypatch.setattr(Builder, "run", _boom)
    art = _extract(nlp)
    assert art.statements == ()
    assert [(w.code, w.layer) for w in art.warnings] == [("W100", "quotes")]
    assert "IndexError: a rule tripped" in art.warnings[0].message
    assert art.events  # the layers that do not need it stand


def test_a_failing_events_layer_is_w101(nlp, monkeypatch):
    monkeypatch.setattr(events._Coder, "run", _boom)
    art = _extract(nlp)
    assert art.events == () and art.statements
    assert [(w.code, w.layer) for w in art.warnings] == [("W101", "events")]


def test_a_failing_party_mapping_is_w103(nlp, monkeypatch):
    monkeypatch.setattr(events.parties, "assign", _boom)
    art = _extract(nlp)
    assert [(w.code, w.layer) for w in art.warnings] == [("W103", "actors")]


def test_a_failing_stances_layer_is_w102(nlp, monkeypatch):
    monkeypatch.setattr(stances, "read", _boom)
    art = _extract(nlp)
    assert art.stances == () and art.topics == ()
    assert [(w.code, w.layer) for w in art.warnings] == [("W102", "stances")]


def test_warnings_survive_the_batch_driver_and_the_json(nlp, monkeypatch):
    from onrecord import ingest

    monkeypatch.setattr(Builder, "run", _boom)
    jobs = [(ingest.document_from_text(TEXT, source="a.txt"), frozenset())] * 2
    out = extract_batch(jobs, Options(), nlp)
    assert all(isinstance(a, Article) and [w.code for w in a.warnings] == ["W100"] for a in out)
    d = json.loads(json.dumps(out[0].to_dict()))
    assert d["warnings"] == [{"code": "W100", "layer": "quotes", "message": out[0].warnings[0].message}]
    assert Article.from_dict(d) == out[0]


def test_a_record_without_the_warnings_key_reads_as_whole():
    d = Article(id="x", text="t", warnings=(LayerWarning("W200", "events", "m"),)).to_dict()
    del d["warnings"]
    assert Article.from_dict(d).warnings == ()


def test_a_spent_budget_skips_the_remaining_layers_and_keeps_the_article(nlp):
    art = _extract(nlp, Options(time_budget=1e-9))
    assert isinstance(art, Article) and art.actors  # stored with what is done
    assert art.statements == () and art.events == () and art.stances == ()
    assert {w.code for w in art.warnings} == {"W200"}
    assert [w.layer for w in art.warnings] == ["quotes", "events", "actors", "stances"]
    assert "1e-09 s" in art.warnings[0].message
    for none in (0, None):
        assert _extract(nlp, Options(time_budget=none)).warnings == ()


class _Countdown(failsoft.Clock):
    """A clock that runs out after ``n`` questions: where the passes ask, not how long they take."""

    def __init__(self, n: int):
        super().__init__(deadline=0.0, budget=1.0)
        self.n = n

    def over(self) -> bool:
        self.n -= 1
        return self.n < 0


def test_the_budget_is_checked_between_and_inside_the_passes(nlp, monkeypatch):
    doc = nlp.make_doc(TEXT)
    for name, proc in nlp.pipeline:
        if name == "onrecord_quotes":
            break
        doc = proc(doc)
    quotes = nlp.get_pipe("onrecord_quotes")
    full = quotes.statements(doc, doc._.onrecord_index)
    assert len(full) >= 2
    # pass 1 asks once per quote (one here) and once before it starts: the budget ends before pass 2
    b = Builder(doc, doc._.onrecord_index, quotes.cues, _Countdown(2))
    got = b.run()
    assert b.cut == ["quotes passes 2-5 not run"]
    assert [s.kind for s in got] == ["direct"]  # the quote, kept
    b = Builder(doc, doc._.onrecord_index, quotes.cues, _Countdown(0))
    assert b.run() == () and b.cut == ["quotes passes 1-5 not run"]


def test_an_article_stored_with_a_warning_is_redone_by_the_next_ingest(nlp, monkeypatch, tmp_path):
    # the whole of defect 1, end to end: the failed layer is counted and stored as a warning, the article is not
    # "already stored" for the next run, and that run replaces it with the whole record (once, not twice)
    from click.testing import CliRunner

    from onrecord import cli
    from onrecord.store import Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "x.db")
    monkeypatch.setattr(cli, "get_nlp", lambda options: nlp)
    runner = CliRunner()
    with monkeypatch.context() as m:
        m.setattr(Builder, "run", _boom)
        first = runner.invoke(cli.main, ["ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-03-12"])
    assert first.exit_code == 0, first.output
    assert "1 stored with warnings (W100 ×1)" in first.stdout
    with Store(db) as store:
        [aid] = [a["id"] for a in store.articles(limit=None)]
        assert not store.has(aid)
        assert [w.code for w in store.get(aid).warnings] == ["W100"] and store.get(aid).statements == ()
    second = runner.invoke(cli.main, ["ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-03-12"])
    assert second.exit_code == 0, second.output
    assert "1 new" in second.stdout and "with warnings" not in second.stdout
    with Store(db) as store:
        assert store.count() == 1 and store.has(aid)
        again = store.get(aid)
        assert again.warnings == () and again.statements
    third = runner.invoke(cli.main, ["ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-03-12"])
    assert "0 new" in third.stdout and "1 already stored" in third.stdout, third.stdout
