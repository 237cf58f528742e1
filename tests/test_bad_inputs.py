"""The issue's bad-input batch, end to end with the real model: a binary file, an empty file, a 50 MB file, invalid
UTF-8 and a text with unbalanced quote marks each get a clear per-file outcome, the batch goes on, and what was
already stored is neither lost nor duplicated."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.store import Store

pytestmark = pytest.mark.slow

GOOD = "“We will reopen the border on Friday,” Interior Minister Lena Vogt told reporters in Berlin.\n"
UNBALANCED = ("“This quotation is never closed and runs on, said a witness.\n\n"
              "Mayor Tim Hale said the roads would reopen on Monday.\n")


@pytest.fixture
def batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 16)
    (d / "empty.txt").write_bytes(b"")
    with open(d / "huge.txt", "wb") as f:  # sparse: 50 MB on paper, refused by size before reading
        f.truncate(50 * 1024 * 1024)
    (d / "latin1.txt").write_bytes("The minister said the cost was \xa3300m.".encode("utf-8").replace(b"\xc2\xa3", b"\xa3"))
    (d / "unbalanced.txt").write_text(UNBALANCED, encoding="utf-8")
    return d


def test_bad_inputs_each_get_a_clear_message_and_the_batch_goes_on(batch, tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(cli, "get_nlp", lambda options: nlp)
    runner = CliRunner()
    db = tmp_path / "news.db"
    first = runner.invoke(cli.main, ["ingest", str(batch), "--db", str(db)])
    assert first.exit_code == 0, first.output
    err = first.stderr
    assert "E103" in err and "binary.txt" in err          # binary
    assert "E102" in err and "empty.txt" in err           # empty
    assert "E104" in err and "huge.txt" in err and "52,428,800" in err  # too large, with the size
    assert "3 new, 0 already stored, 3 errors" in first.stdout
    with Store(db) as store:
        assert store.count() == 3
        rows = {r["source"]: r for r in store.articles(limit=None)}
        latin = next(v for k, v in rows.items() if k.endswith("latin1.txt"))
        assert "£300m" in store.get(latin["id"]).text        # invalid UTF-8 with a stray Latin-1 byte decodes
        unbalanced = store.get(next(v["id"] for k, v in rows.items() if k.endswith("unbalanced.txt")))
        assert any("roads would reopen" in s.content_text for s in unbalanced.statements)
    # a second run: nothing lost, nothing duplicated, the same errors reported again
    second = runner.invoke(cli.main, ["ingest", str(batch), "--db", str(db)])
    assert "0 new, 3 already stored, 3 errors" in second.stdout
    with Store(db) as store:
        assert store.count() == 3


def test_extract_jsonl_keeps_stdout_clean_with_bad_inputs(batch, nlp, monkeypatch):
    monkeypatch.setattr(cli, "get_nlp", lambda options: nlp)
    result = CliRunner().invoke(cli.main, ["extract", str(batch), "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    assert len([line for line in result.stderr.splitlines() if line.startswith("E1")]) == 3
