"""Scale-out: the Dask backend and the process pool give the same records, in the same order, as one process;
Parquet output round-trips exactly and is idempotent; the CLI wires --workers, --dask and --parquet."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from onrecord import cli, ingest
from onrecord.config import Options
from onrecord.errors import EmptyInputError, OnrecordError
from onrecord.executors import DaskExecutor, parse_dask_address
from onrecord.parquet import ParquetSink, part_files, read_articles
from onrecord.pipeline import extract_stream
from onrecord.store import Store

TEXTS = [
    "“We will reopen the border on Friday,” Interior Minister Lena Vogt told reporters in Berlin.",
    "Mayor Tim Hale said the roads would reopen on Monday. “It has been a hard winter,” he added.",
    "Officials in Kyiv said talks with Washington would resume next week, according to a statement.",
    "Ceasefire talks resume\n\n“We are close to a deal,” said Marco Rubio on Monday. Negotiators met for six "
    "hours in the capital. “Nothing is agreed until everything is agreed,” said Ayman Safadi after the meeting.",
    "The harbour council voted on Tuesday to build a sea wall. Council leader Ines Oduya said the plan would "
    "protect the fish market, while opponents argued it would harm tourism.",
]


def items():
    out: list = [ingest.document_from_text(t, source=f"t{i}") for i, t in enumerate(TEXTS)]
    out.insert(2, EmptyInputError("file is empty (0 bytes)", source="empty.txt"))
    return out


def as_dicts(results):
    return [r.to_dict() if not isinstance(r, OnrecordError) else str(r) for r in results]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_records_as_one_process(nlp):
    from dask.distributed import Client, LocalCluster

    options = Options(batch_size=2)
    one = as_dicts(extract_stream(items(), nlp=nlp, options=options))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        dask = as_dicts(extract_stream(items(), options=options, dask=client))
        assert "onrecord-model" in client.run(lambda dask_worker: list(dask_worker.plugins)).popitem()[1]
    assert dask == one
    assert sum(len(d["statements"]) for d in one if isinstance(d, dict)) >= 5
    assert "E102 empty.txt: file is empty (0 bytes)" in one and len(one) == len(TEXTS) + 1


@pytest.mark.slow
def test_dask_workers_without_the_model_fail_at_once():
    from dask.distributed import Client, LocalCluster

    from onrecord.errors import ModelError

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        with pytest.raises(ModelError, match="Dask workers cannot load the spaCy model: cannot load spaCy model "
                                             "'no_such_model'"):
            DaskExecutor(Options(model="no_such_model"), client=client)


@pytest.mark.slow
def test_process_pool_gives_the_same_records_as_one_process(nlp):
    options = Options(batch_size=2)
    one = as_dicts(extract_stream(items(), nlp=nlp, options=options))
    pool = as_dicts(extract_stream(items(), options=options, workers=2))
    assert pool == one


@pytest.mark.slow
def test_cli_dask_and_pool_match_the_single_process_cli(tmp_path):
    """The real CLI, end to end: ``--dask local:2`` (two worker processes, each loading the model through the
    worker plugin) and ``--workers 2`` write the same records as a plain run."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": t, "url": f"https://x.example/{i}"}) + "\n"
                            for i, t in enumerate(TEXTS)), encoding="utf-8")
    runs = {}
    for name, extra in (("plain", []), ("dask", ["--dask", "local:2"]), ("pool", ["--workers", "2"])):
        proc = subprocess.run([sys.executable, "-m", "onrecord.cli", "extract", str(dump), "--format", "jsonl",
                               *extra], capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
        runs[name] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(runs["plain"]) == len(TEXTS)
    assert runs["dask"] == runs["plain"] and runs["pool"] == runs["plain"]


def test_parse_dask_address():
    assert parse_dask_address("local") == ("local", None)
    assert parse_dask_address("local:3") == ("local", 3)
    assert parse_dask_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    with pytest.raises(ValueError):
        parse_dask_address("local:zero")


def test_cli_rejects_workers_with_dask_and_bad_dask_address(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    runner = CliRunner()
    both = runner.invoke(cli.main, ["extract", str(tmp_path), "--workers", "2", "--dask", "local"])
    assert both.exit_code == 2 and "exclude each other" in both.output
    bad = runner.invoke(cli.main, ["extract", str(tmp_path), "--dask", "local:0"])
    assert bad.exit_code == 2 and "positive number" in bad.output


def test_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(OnrecordError, match="cannot reach the Dask scheduler"):
        DaskExecutor(Options(), "tcp://127.0.0.1:9", connect_timeout="1s")


# -- Parquet ----------------------------------------------------------------------------------------------------

def test_ingest_parquet_round_trips_and_is_idempotent(tmp_path, monkeypatch):
    from test_cli import FakeNLP

    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())
    src = tmp_path / "in"
    src.mkdir()
    dump = src / "dump.jsonl"
    lines = [json.dumps({"text": f'"We are close to deal number {i}," said Marco Rubio on Monday.',
                         "url": f"https://x.example/{i}", "published": "2025-03-12"}) for i in range(7)]
    dump.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    out, db = src / "parquet", tmp_path / "news.db"   # the output folder inside the input folder is not read
    runner = CliRunner()
    first = runner.invoke(cli.main, ["ingest", str(src), "--parquet", str(out), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "7 new, 0 already stored, 1 errors" in first.stdout and ":8: line is not valid JSON" in first.stderr
    parquet = list(read_articles(out))
    with Store(db) as store:
        assert [store.get(a.id) for a in parquet] == parquet      # the same records, exactly
    assert len(parquet) == 7 and all(a.statements for a in parquet)
    (out / ".part-stale.tmp").write_bytes(b"half a part from a killed run")
    second = runner.invoke(cli.main, ["ingest", str(src), "--parquet", str(out), "--db", str(db)])
    assert "0 new, 7 already stored" in second.stdout
    assert len(part_files(out)) == 1 and not list(out.glob(".*.tmp"))
    only = tmp_path / "only"
    third = runner.invoke(cli.main, ["ingest", str(dump), "--parquet", str(only)])
    assert "7 new" in third.stdout and not (only / "news.db").exists()
    assert sorted(a.id for a in read_articles(only)) == sorted(a.id for a in parquet)


def test_parquet_parts_roll_over_and_schema_is_documented(tmp_path):
    import pyarrow.parquet as pq

    from onrecord.model import Article
    from onrecord.parquet import schema

    with ParquetSink(tmp_path, rows_per_part=2) as sink:
        for i in range(5):
            assert sink.add(Article(id=f"id{i}", text=f"text {i}", title=None if i % 2 else "T"))
        assert not sink.add(Article(id="id0", text="again"))
    assert len(part_files(tmp_path)) == 3
    assert [a.id for a in read_articles(tmp_path)] == [f"id{i}" for i in range(5)]
    doc = (pytest.importorskip("pathlib").Path(__file__).parent.parent / "docs" / "schema.md").read_text()
    for field in schema():
        assert f"`{field.name}`" in doc, field.name
    assert pq.read_schema(part_files(tmp_path)[0]).metadata[b"onrecord.schema"] == b"2"


def test_a_failed_task_becomes_one_error_per_article_and_the_run_goes_on():
    from onrecord.executors import _ordered

    docs = [ingest.document_from_text(t, source=f"t{i}") for i, t in enumerate(TEXTS[:3])]
    batches = [[(docs[0], frozenset())], [(docs[1], frozenset()), (docs[2], frozenset())]]

    def result(handle):
        if handle == 1:
            raise RuntimeError("KilledWorker: worker died")
        return ["ok"]

    out = list(_ordered(lambda b: batches.index(b), result, batches, inflight=1))
    assert out[0] == ["ok"]
    assert [e.code for e in out[1]] == ["E210", "E210"] and [e.source for e in out[1]] == ["t1", "t2"]


def test_a_rerun_over_stored_articles_reports_as_it_goes():
    """Skipped articles are handed out in bounded groups, not collected until the input ends."""
    from onrecord import pipeline

    docs = (ingest.document_from_text(f"Article number {i} says little.", source=f"s{i}") for i in range(2000))
    seen = 0

    def skip(article_id):
        nonlocal seen
        seen += 1
        return True

    out = extract_stream(docs, options=Options(), skip=skip)
    first = next(out)
    assert isinstance(first, pipeline.AlreadyStored) and seen <= pipeline.PASS_EVERY
    assert 1 + sum(1 for _ in out) == 2000


# -- sharded runs: the workers read their shards and write their parts ------------------------------------------

def _shard_inputs(tmp_path):
    """A folder with a JSONL dump (a bad line in it), a WARC archive cut short in its last record, a loose text
    file and an empty one: every kind of shard, damage included."""
    from test_shards import _warc

    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": t, "url": f"https://x.example/{i}"}) for i, t in enumerate(TEXTS)]
    lines.insert(3, "{broken")
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = _warc(tmp_path / "ok.warc", 5, compress=True)
    (folder / "crawl.warc.gz").write_bytes(data[: len(data) * 9 // 10])
    (folder / "loose.txt").write_text(TEXTS[3].replace("Marco Rubio", "Ines Oduya"), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    return folder


def _articles_and_errors(results):
    arts = sorted((r.to_dict() for r in results if not isinstance(r, OnrecordError)), key=lambda d: (d["source"], d["id"]))
    errs = sorted(str(r) for r in results if isinstance(r, OnrecordError))
    return arts, errs


@pytest.fixture
def small_shards(monkeypatch):
    from onrecord import shards

    monkeypatch.setattr(shards, "SNIFF_AT", 0)
    monkeypatch.setattr(shards, "MIN_RECORDS", 1)
    monkeypatch.setattr(shards, "MAX_RECORDS", 2)


@pytest.mark.slow
def test_dask_workers_reading_their_shards_give_the_same_records_as_one_process(nlp, tmp_path, small_shards):
    from dask.distributed import Client, LocalCluster

    from onrecord import shardwork
    from onrecord.pipeline import extract_many

    folder = _shard_inputs(tmp_path)
    options = Options(batch_size=2)
    one = _articles_and_errors(list(extract_many([folder], nlp=nlp, options=options)))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client, DaskExecutor(options, client=client) as executor:
        sharded = list(shardwork.extract([folder], options, executor))
    assert _articles_and_errors(sharded) == one
    assert len(one[0]) == len(TEXTS) + 1 + 4 and any("E108" in e and "(4 articles)" in e for e in one[1])
    assert any(":4: line is not valid JSON" in e for e in one[1])


@pytest.mark.slow
def test_dask_workers_write_their_own_parts_and_a_rerun_skips_them(nlp, tmp_path, small_shards, monkeypatch):
    from dask.distributed import Client, LocalCluster

    from onrecord import shards, shardwork
    from onrecord.pipeline import ingest_into

    folder = _shard_inputs(tmp_path)
    options = Options(batch_size=2)
    with ParquetSink(tmp_path / "one") as sink:
        one_summary = ingest_into([folder], [sink], options, nlp=nlp)
    one = sorted((a.to_dict() for a in read_articles(tmp_path / "one")), key=lambda d: (d["source"], d["id"]))
    out = tmp_path / "parts"
    real_read = shards.read

    def read_failing_on_the_loose_file(shard, **kw):
        if shard.kind == "files" and any(f.endswith("loose.txt") for f in shard.files):
            raise RuntimeError("disk error reading the shard")
        return real_read(shard, **kw)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client, DaskExecutor(options, client=client) as executor:
        monkeypatch.setattr(shards, "read", read_failing_on_the_loose_file)
        first = shardwork.ingest([folder], options, executor, parquet_dir=out)
        monkeypatch.setattr(shards, "read", real_read)
        # the failed shard wrote nothing; every other shard is there, whole
        got = {a["id"] for a in one} - {a.id for a in read_articles(out)}
        assert [a["source"] for a in one if a["id"] in got] == [str(folder / "loose.txt")]
        assert first.failed == one_summary.failed + 1 and first.new == one_summary.new - 1
        written = {p.name: p.stat().st_mtime_ns for p in part_files(out)}
        (out / ".part-killed.123.tmp").write_bytes(b"half a part of a killed run")
        second = shardwork.ingest([folder], options, executor, parquet_dir=out)
        assert second.new == 1 and second.failed == one_summary.failed  # the input errors are reported again
        assert {p.name: p.stat().st_mtime_ns for p in part_files(out) if p.name in written} == written
        assert not list(out.glob(".*.tmp"))
        third = shardwork.ingest([folder], options, executor, parquet_dir=out)
    assert (third.new, third.old, third.failed) == (0, one_summary.new, one_summary.failed)
    assert sorted((a.to_dict() for a in read_articles(out)), key=lambda d: (d["source"], d["id"])) == one
    assert len(part_files(out)) == len(written) + 1


@pytest.mark.slow
def test_sharded_ingest_into_sqlite_keeps_the_driver_the_one_writer(nlp, tmp_path, small_shards):
    from onrecord import shardwork
    from onrecord.executors import PoolExecutor
    from onrecord.pipeline import ingest_into

    folder = _shard_inputs(tmp_path)
    options = Options(batch_size=2)
    with Store(tmp_path / "one.db") as store:
        one_summary = ingest_into([folder], [store], options, nlp=nlp)
        one = sorted((a.to_dict() for a in store.all_articles()), key=lambda d: (d["source"], d["id"]))
    with Store(tmp_path / "two.db") as store, PoolExecutor(options, 2) as executor:
        first = shardwork.ingest([folder], options, executor, sinks=[store])
        again = shardwork.ingest([folder], options, executor, sinks=[store])
        got = sorted((a.to_dict() for a in store.all_articles()), key=lambda d: (d["source"], d["id"]))
    assert got == one
    assert (first.new, first.old, first.failed) == (one_summary.new, one_summary.old, one_summary.failed)
    assert (again.new, again.old) == (0, one_summary.new)


def test_parquet_rows_carry_the_layer_warnings(tmp_path):
    from onrecord.model import Article, LayerWarning

    warned = Article(id="w1", text="Text.", warnings=(LayerWarning.from_dict(
        {"code": "W100", "layer": "quotes", "message": "the component failed (ValueError: x)"}),))
    with ParquetSink(tmp_path) as sink:
        sink.add(warned)
        sink.add(Article(id="w2", text="Whole."))
    back = list(read_articles(tmp_path))
    assert back == [warned, Article(id="w2", text="Whole.")] and back[0].warnings[0].code == "W100"
