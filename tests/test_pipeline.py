"""The pipeline's drivers: the process pool gives the same records as one process; stored articles are skipped."""

from __future__ import annotations

import pytest

from onrecord import ingest
from onrecord.config import Options
from onrecord.errors import OnrecordError
from onrecord.pipeline import AlreadyStored, article_id, extract_documents, extract_many

TEXTS = [
    "“We will reopen the border on Friday,” Interior Minister Lena Vogt told reporters in Berlin.",
    "Mayor Tim Hale said the roads would reopen on Monday. “It has been a hard winter,” he added.",
    "Officials in Kyiv said talks with Washington would resume next week, according to a statement.",
]


@pytest.mark.slow
def test_two_worker_processes_give_the_same_records_as_one(nlp):
    docs = [ingest.document_from_text(t, source=f"t{i}") for i, t in enumerate(TEXTS)]
    options = Options(batch_size=2)
    one = list(extract_documents(docs, nlp=nlp, options=options, site_dedup=False))
    two = list(extract_documents(docs, options=options, site_dedup=False, workers=2))
    assert [a.to_dict() for a in one] == [a.to_dict() for a in two]
    assert sum(len(a.statements) for a in one) >= 3


@pytest.mark.slow
def test_extract_many_skips_what_the_store_has_and_reports_bad_files(tmp_path, nlp):
    good = tmp_path / "a.txt"
    good.write_text(TEXTS[0], encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01\x02\x03" * 100)
    stored = {article_id(ingest.read_document(good, max_bytes=10**6))}
    out = list(extract_many([tmp_path], nlp=nlp, skip=stored.__contains__))
    kinds = sorted(type(x).__name__ for x in out)
    assert kinds == ["AlreadyStored", "Article", "BinaryInputError"]
    assert next(x for x in out if isinstance(x, AlreadyStored)).id in stored
    assert all(isinstance(x, (AlreadyStored, OnrecordError)) or x.source.endswith("b.txt") for x in out)


def test_ingest_into_fans_out_to_every_sink_and_reports_each_input(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_cli import BODY, OTHER, FakeNLP

    from onrecord.errors import NotFoundError
    from onrecord.parquet import ParquetSink
    from onrecord.pipeline import ingest_into
    from onrecord.store import Store

    docs = [ingest.document_from_text(BODY, source="a"), NotFoundError("gone", source="b"),
            ingest.document_from_text(OTHER, source="c")]
    seen = []
    with Store(tmp_path / "x.db") as store, ParquetSink(tmp_path / "pq") as pq:
        summary = ingest_into(docs, [store, pq], Options(), nlp=FakeNLP(), on_outcome=seen.append)
        assert (summary.new, summary.old, summary.failed) == (2, 0, 1)
        assert store.count() == 2
        assert sorted((o.source, o.status) for o in seen) == [("a", "new"), ("b", "failed"), ("c", "new")]
        again = ingest_into(docs, [store, pq], Options(), nlp=FakeNLP())
        assert (again.new, again.old, again.failed) == (0, 2, 1)
        assert again.line() == f"0 new, 2 already stored, 1 errors ({store.location}, {tmp_path / 'pq'})"
