"""The accuracy gate: PolNeAR dev statements and AEB-plaintext extraction must stay at or above the floors pinned
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
