"""Several PLOVER sentence golds, each scored in its own halves: plover-bbc-gold.jsonl → dev / held-out,
plover-bbc-gold-2.jsonl → dev2 / held-out2 (evaluate/events.py); the repo's second gold is split about half and
half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import GoldFormatError
from onrecord.evaluate.events import evaluate_sentences, gold_suffix, read_sentence_gold

ROW = {"article": "politics/001", "start": 0, "end": 40, "type": "ACCUSE", "mode": "", "source": "A", "target": ""}


def _gold(path: Path, n: int = 12) -> Path:
    path.write_text("# header\n" + "\n".join(json.dumps({**ROW, "start": i * 50, "end": i * 50 + 40})
                                            for i in range(n)) + "\n", encoding="utf-8")
    return path


def test_each_gold_file_has_its_own_halves(tmp_path):
    assert gold_suffix(Path("plover-bbc-gold.jsonl")) == "" and gold_suffix(Path("x/plover-bbc-gold-2.jsonl")) == "2"
    one = {r["split"] for r in read_sentence_gold(_gold(tmp_path / "plover-bbc-gold.jsonl"))}
    two = {r["split"] for r in read_sentence_gold(_gold(tmp_path / "plover-bbc-gold-2.jsonl"))}
    assert one <= {"dev", "held-out"} and two <= {"dev2", "held-out2"} and two


def test_two_golds_that_would_share_halves_are_refused(tmp_path):
    a = _gold(tmp_path / "a.jsonl")
    (tmp_path / "b").mkdir()
    b = _gold(tmp_path / "b" / "a.jsonl")
    with pytest.raises(GoldFormatError):
        evaluate_sentences([a, b], tmp_path / "bbc.jsonl", nlp=None)


def test_the_second_gold_in_the_repo_is_split_about_half_and_half():
    rows = read_sentence_gold(Path(__file__).parent / "data" / "plover-bbc-gold-2.jsonl")
    dev = sum(r["split"] == "dev2" for r in rows)
    assert len(rows) >= 80 and {r["split"] for r in rows} == {"dev2", "held-out2"}
    assert 0.4 < dev / len(rows) < 0.6


def test_a_gold_whose_header_says_split_dev_is_dev_as_a_whole(tmp_path):
    path = _gold(tmp_path / "plover-bbc-gold-3.jsonl", n=20)
    path.write_text("# split: dev\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert {r["split"] for r in read_sentence_gold(path)} == {"dev3"}


def test_the_third_gold_in_the_repo_is_dev_only_and_wired_into_the_gate():
    from onrecord.evaluate import gate

    rows = read_sentence_gold(Path(__file__).parent / "data" / "plover-bbc-gold-3.jsonl")
    assert len(rows) >= 60 and {r["split"] for r in rows} == {"dev3"}
    assert "events/plover-bbc-3" in gate.BENCHMARKS
