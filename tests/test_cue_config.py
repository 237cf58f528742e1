"""Defect 2 of issue 10: the cue thresholds are settings (the ``onrecord_quotes`` factory's config, carried in
``Options``), not environment variables read when ``quotes`` was imported — so what a worker extracts depends on
the options it is given, never on the environment of the host it runs on."""

from __future__ import annotations

import pytest

from onrecord.config import Options
from onrecord.nlp import load_nlp
from onrecord.pipeline import extract

# "lambasted X" is a cue only by its learnt rate (PolNeAR train), "slammed X" also by the word lists; both are
# verbs of evaluation, so their noun-phrase contents are attitude statements (nlp/speech.py), not dropped as acts
TEXT = "Officials lambasted the plan to raise fuel taxes.\n\nShe slammed the rising costs of the war."
STRICT = Options(cue_threshold=2.0, strong_cue=2.0, strong_seen=10**9)  # no learnt rate is ever enough


def _cues(options: Options) -> list[str]:
    article = extract(TEXT, nlp=load_nlp(options), options=options)
    return [s.cue.text for s in article.statements if s.cue is not None]


def test_two_options_with_different_thresholds_give_different_records_in_one_process():
    assert _cues(Options()) == ["lambasted", "slammed"]
    assert _cues(STRICT) == ["slammed"]
    assert _cues(Options()) == ["lambasted", "slammed"]  # the first pipeline is unchanged by the second


def test_the_thresholds_are_the_quotes_factorys_config():
    nlp = load_nlp(STRICT)
    cfg = nlp.config["components"]["onrecord_quotes"]
    assert (cfg["cue_threshold"], cfg["strong_cue"], cfg["strong_seen"]) == (2.0, 2.0, 10**9)
    assert nlp.get_pipe("onrecord_quotes").cues.strong_cue == 2.0
    default = load_nlp(None).config["components"]["onrecord_quotes"]
    assert (default["cue_threshold"], default["strong_cue"], default["strong_seen"]) == (0.3, 0.4, 4)


def test_the_environment_feeds_options_in_one_place_and_nowhere_else(monkeypatch):
    monkeypatch.setenv("ONRECORD_STRONG_CUE", "2.0")
    monkeypatch.setenv("ONRECORD_CUE_THRESHOLD", "2.0")
    monkeypatch.setenv("ONRECORD_STRONG_SEEN", "1000000000")
    assert Options.from_env() == STRICT  # config loading reads them …
    # … and a worker built from explicit options does not (the variable is set after import, on "another host")
    assert _cues(Options()) == ["lambasted", "slammed"]
    monkeypatch.setenv("ONRECORD_STRONG_SEEN", "many")
    with pytest.raises(ValueError, match="ONRECORD_STRONG_SEEN"):
        Options.from_env()


def test_the_time_budget_comes_from_the_environment_too(monkeypatch):
    assert Options.from_env().time_budget == 60.0
    monkeypatch.setenv("ONRECORD_TIME_BUDGET", "2.5")
    assert Options.from_env().time_budget == 2.5
    monkeypatch.setenv("ONRECORD_TIME_BUDGET", "0")
    assert Options.from_env().time_budget == 0.0  # no limit
    for bad in ("a minute", "-1", "nan"):
        monkeypatch.setenv("ONRECORD_TIME_BUDGET", bad)
        with pytest.raises(ValueError, match="ONRECORD_TIME_BUDGET"):
            Options.from_env()
    monkeypatch.setenv("ONRECORD_TIME_BUDGET", "a minute")
    with pytest.raises(ValueError, match="ONRECORD_TIME_BUDGET"):
        Options.from_env()


def test_a_worker_mapping_extract_batch_uses_the_options_it_is_sent(monkeypatch):
    from onrecord import ingest
    from onrecord.pipeline import extract_batch

    monkeypatch.setenv("ONRECORD_STRONG_CUE", "2.0")  # the worker's environment differs from the client's
    job = [(ingest.document_from_text(TEXT, source="t"), frozenset())]
    got = {name: [s.cue.text for s in extract_batch(job, opts)[0].statements if s.cue is not None]
           for name, opts in (("default", Options(clean=False)), ("strict", Options(clean=False, cue_threshold=2.0,
                                                                                        strong_cue=2.0,
                                                                                        strong_seen=10**9)))}
    assert got == {"default": ["lambasted", "slammed"], "strict": ["slammed"]}
