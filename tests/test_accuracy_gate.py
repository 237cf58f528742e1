"""The accuracy gate: PolNeAR dev statements, AEB-plaintext extraction and TBAQ times must stay at or above the floors pinned
in tests/accuracy-floors.json (with the gold data's digest). A sabotaged extractor must fail the gate, and the floor
updater must refuse to lower a floor."""

from __future__ import annotations

import json

import pytest

from onrecord.evaluate import gate


@pytest.fixture(scope="module")
def floors():
    return gate.load_floors()


@pytest.mark.evaldata
@pytest.mark.slow
def test_statements_on_polnear_dev_stay_above_their_floors(eval_data, floors):
    digest, scores = gate.run_statements(eval_data)
    assert gate.check("statements/polnear-dev", digest, scores, floors) == []


@pytest.mark.evaldata
def test_extraction_on_aeb_plaintext_stays_above_its_floors(eval_data, floors):
    digest, scores = gate.run_extraction(eval_data)
    assert gate.check("extraction/aeb-plaintext", digest, scores, floors) == []


@pytest.mark.evaldata
def test_pronoun_resolution_on_gap_validation_stays_above_its_floors(eval_data, floors):
    digest, scores = gate.run_gap(eval_data)
    assert gate.check("coref/gap-validation", digest, scores, floors) == []


@pytest.mark.evaldata
def test_a_sabotaged_extractor_fails_the_gate(eval_data, floors):
    # keeps only every other line of the page: loses half the article
    def sabotaged(text: str) -> str:
        return "\n".join(text.splitlines()[::2])

    digest, scores = gate.run_extraction(eval_data, extractor=sabotaged)
    failures = gate.check("extraction/aeb-plaintext", digest, scores, floors)
    assert any("recall" in f for f in failures), failures


@pytest.mark.evaldata
def test_a_sabotaged_statement_extractor_fails_the_gate(eval_data, floors):
    from onrecord.model import Article

    # finds nothing at all: recall and F1 collapse (no parse needed, so this is fast)
    digest, scores = gate.run_statements(eval_data, predict=lambda g: Article(id=g.doc_id, text=g.text))
    failures = gate.check("statements/polnear-dev", digest, scores, floors)
    assert any("f1@0.5" in f for f in failures), failures


@pytest.mark.evaldata
def test_times_on_tbaq_stay_above_their_floors(eval_data, floors):
    digest, scores = gate.run_times(eval_data)
    assert gate.check("times/tbaq", digest, scores, floors) == []


@pytest.mark.evaldata
def test_a_sabotaged_time_normaliser_fails_the_gate(eval_data, floors):
    from onrecord.evaluate.times import default_predictor

    real = default_predictor()

    # resolves against no publication date: relative values keep their XXXX (and the rules that need an anchor
    # find nothing)
    def undated(doc):
        return real({**doc, "published": None})

    digest, scores = gate.run_times(eval_data, predict=undated)
    failures = gate.check("times/tbaq", digest, scores, floors)
    assert any("heldout_value_f1_datetime " in f for f in failures), failures


def _floors(**metrics):
    return {"epsilon": 0.005, "benchmarks": {"b": {"digest": "d1", "floors": dict(metrics)}}}


def test_check_reports_each_metric_that_fell_and_a_changed_digest():
    fl = _floors(f1=0.8, recall=0.9)
    assert gate.check("b", "d1", {"f1": 0.7981, "recall": 0.95}, fl) == []  # within epsilon
    failed = gate.check("b", "d2", {"f1": 0.70, "recall": 0.95}, fl)
    assert len(failed) == 2 and "digest" in failed[0] and "f1 0.7000" in failed[1]


def test_update_raises_floors_and_refuses_to_lower_them():
    fl = _floors(f1=0.8)
    up = gate.update(fl, "b", "d1", {"f1": 0.8567})
    assert up["benchmarks"]["b"]["floors"]["f1"] == 0.856
    assert fl["benchmarks"]["b"]["floors"]["f1"] == 0.8  # the input is not modified
    with pytest.raises(ValueError, match="refusing to lower"):
        gate.update(up, "b", "d1", {"f1": 0.80})
    with pytest.raises(ValueError, match="gold data changed"):
        gate.update(up, "b", "d9", {"f1": 0.99})


def test_update_command_refuses_and_leaves_the_file_alone(tmp_path, monkeypatch):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"epsilon": 0.005, "benchmarks": {"x": {"digest": "d", "floors": {"f1": 0.9}}}}))
    monkeypatch.setattr(gate, "BENCHMARKS", {"x": lambda _data: ("d", {"f1": 0.5})})
    before = path.read_text()
    assert gate.main(["--floors", str(path), "--update", "--eval-data", str(tmp_path)]) == 1
    assert path.read_text() == before
    assert gate.main(["--floors", str(path), "--eval-data", str(tmp_path)]) == 1  # and the check fails


@pytest.mark.evaldata
@pytest.mark.slow
@pytest.mark.parametrize("half", ["dev", "heldout"])
def test_statements_on_general_news_stay_above_their_floors(eval_data, floors, half):
    # the texts are the shared BBC file's; only offsets and digests are in the repository
    if not (eval_data / "bbc-news" / "bbc-fulltext.jsonl").is_file():
        pytest.skip("the BBC texts of the general-news gold are not in the shared eval data")
    digest, scores = gate.run_general_news(eval_data, half)
    assert gate.check(f"statements/general-news-{half}", digest, scores, floors) == []


@pytest.mark.evaldata
def test_a_statement_extractor_that_keeps_acts_fails_the_general_news_gate(eval_data, floors):
    from onrecord.evaluate.statements import default_predictor
    from onrecord.nlp import speech

    if not (eval_data / "bbc-news" / "bbc-fulltext.jsonl").is_file():
        pytest.skip("the BBC texts of the general-news gold are not in the shared eval data")
    real = speech.statement_type

    def keep_everything(*args, **kwargs):
        return real(*args, **kwargs) or "speech"  # the acts come back as statements

    predict = default_predictor()
    try:
        speech.statement_type = keep_everything
        digest, scores = gate.run_general_news(eval_data, "dev", predict=predict)
    finally:
        speech.statement_type = real
    failures = gate.check("statements/general-news-dev", digest, scores, floors)
    assert any("precision@0.5" in f for f in failures), failures


@pytest.mark.evaldata
@pytest.mark.slow
def test_events_on_the_bbc_sentence_gold_stay_above_their_floors(eval_data, floors):
    digest, scores = gate.run_events_bbc(eval_data)
    assert gate.check("events/plover-bbc", digest, scores, floors) == []


@pytest.mark.evaldata
@pytest.mark.slow
def test_events_on_the_second_bbc_sentence_gold_stay_above_their_floors(eval_data, floors):
    digest, scores = gate.run_events_bbc(eval_data, gold=gate.EVENT_GOLD_2)
    assert set(scores) == {"dev2/type", "dev2/type_source_target", "held-out2/type", "held-out2/type_source_target"}
    assert gate.check("events/plover-bbc-2", digest, scores, floors) == []


@pytest.mark.evaldata
@pytest.mark.slow
def test_events_on_the_plover_synthetic_stories_stay_above_their_floors(eval_data, floors):
    digest, scores = gate.run_events_synthetic(eval_data)
    assert gate.check("events/plover-synthetic", digest, scores, floors) == []


@pytest.mark.evaldata
@pytest.mark.slow
def test_an_event_coder_that_codes_nothing_fails_the_gate(eval_data, floors, nlp):
    with nlp.select_pipes(disable=["onrecord_events"]):
        digest, scores = gate.run_events_bbc(eval_data, nlp=nlp)
    failures = gate.check("events/plover-bbc", digest, scores, floors)
    assert any("dev/type" in f for f in failures), failures
