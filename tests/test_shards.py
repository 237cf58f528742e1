"""Shard planning and reading (``onrecord.shards``): the shards of an input, read one by one, give exactly the
documents and errors one pass of ``readers.iter_documents`` gives, damaged and compressed inputs included; JSONL
shards start at line boundaries and WARC shards at record offsets. No NLP here (test_scale runs the workers)."""

from __future__ import annotations

import gzip
import io
import json
import random

import pytest

from onrecord import readers, shards
from onrecord.errors import OnrecordError


def _texts(n):
    return [f"Minister {i} said on Monday that the harbour wall would be built. “It is needed,” she added."
            for i in range(n)]


def _dump(path, n, *, bad=(), compress=False, tail_newline=True):
    lines = [json.dumps({"text": t, "url": f"https://x.example/{i}"}) for i, t in enumerate(_texts(n))]
    for at in bad:
        lines.insert(at, "{broken")
    data = ("\n".join(lines) + ("\n" if tail_newline else "")).encode()
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def _warc(path, n, *, compress):
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for i, body in enumerate(_texts(n)):
            writer.write_record(writer.create_warc_record(
                f"https://x.example/{i}", "conversion", payload=io.BytesIO(body.encode()),
                warc_content_type="text/plain", warc_headers_dict={"WARC-Date": "2024-05-03T12:00:00Z"}))
    return path.read_bytes()


def _key(item):
    return str(item) if isinstance(item, OnrecordError) else (item.source, item.text, item.published)


def _one_pass(paths):
    return [_key(i) for i in readers.iter_documents(paths)]


def _sharded(paths, **kw):
    plan = shards.plan(paths, workers=2, min_records=1, max_records=3, **kw)
    return plan, [_key(i) for s in plan for i in shards.read(s)]


@pytest.fixture(autouse=True)
def _sniff_all(monkeypatch):
    monkeypatch.setattr(shards, "SNIFF_AT", 0)  # the test inputs are small: index them all


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("tail_newline", [True, False])
def test_jsonl_shards_read_the_same_lines_once(tmp_path, compress, tail_newline):
    path = _dump(tmp_path / "d.jsonl", 23, bad=(5, 17), compress=compress, tail_newline=tail_newline)
    plan, got = _sharded([path])
    assert len(plan) > 4 and got == _one_pass([path])
    raw = path.read_bytes()
    for s in plan:
        assert s.kind == "jsonl"
        if not compress and s.start:
            assert raw[s.start - 1:s.start] == b"\n"  # a shard begins at a line boundary
    assert [s.count for s in plan][-1] is None  # the last shard reads to the end of the file


def test_a_corrupt_gzip_dump_is_reported_as_one_process_reports_it(tmp_path):
    path = _dump(tmp_path / "d.jsonl.gz", 40, compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])  # truncated download
    plan, got = _sharded([path])
    assert got == _one_pass([path]) and any(g.startswith("E107") for g in got if isinstance(g, str))


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("damage", [None, "cut", "appended", "random"])
def test_warc_shards_start_at_records_and_damage_is_met_by_the_last(tmp_path, compress, damage):
    data = _warc(tmp_path / "ok.warc", 11, compress=compress)
    rng = random.Random(5)
    bad = {None: data, "cut": data[: len(data) * 9 // 10], "appended": data + b"\r\n" + rng.randbytes(2000),
           "random": b"WARC/1.0\r\n" + rng.randbytes(3000)}[damage]
    path = tmp_path / "in.warc"
    path.write_bytes(bad)
    plan, got = _sharded([path])
    one = _one_pass([path])
    # the damage error counts the articles of the earlier shards too: that is the driver's to add (shardwork)
    assert [g for g in got if not isinstance(g, str)] == [g for g in one if not isinstance(g, str)]
    assert [g[:60] for g in got if isinstance(g, str)] == [g[:60] for g in one if isinstance(g, str)]
    if damage in (None, "appended"):
        assert len(plan) > 3
    for s in plan[1:]:  # each shard begins at a record (a gzip member of its own, when compressed)
        assert bad[s.start:s.start + 2] == b"\x1f\x8b" if compress else bad[s.start:s.start + 5] == b"WARC/"


def test_loose_files_and_a_mix_plan_in_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr(shards, "SNIFF_AT", 1 << 20)  # small files go unsniffed to files shards
    folder = tmp_path / "in"
    folder.mkdir()
    for i, t in enumerate(_texts(7)):
        (folder / f"a{i}.txt").write_text(t)
    (folder / "empty.txt").write_text("")
    _dump(folder / "z.jsonl", 5, bad=(2,))
    plan, got = _sharded([folder, tmp_path / "missing.txt"])
    assert got == _one_pass([folder, tmp_path / "missing.txt"])
    assert {s.kind for s in plan} == {"files"} and len(plan) > 2


def test_guided_sizes_shrink_towards_the_end():
    sizes = list(shards.guided_sizes(300, 2))
    assert sum(sizes) == 300 and sizes[0] == 75 and sizes == sorted(sizes, reverse=True) and sizes[-1] <= 4


def test_shard_keys_follow_the_input_the_range_and_the_options(tmp_path):
    from onrecord.config import Options

    path = _dump(tmp_path / "d.jsonl", 12)
    plan = shards.plan([path], workers=1, min_records=4, max_records=4)
    keys = {s.key(Options()) for s in plan}
    assert len(keys) == len(plan) == 3
    assert plan[0].key(Options()) == shards.plan([path], workers=1, min_records=4, max_records=4)[0].key(Options())
    assert plan[0].key(Options(batch_size=3)) == plan[0].key(Options())  # batch size changes no record
    assert plan[0].key(Options(clean=False)) != plan[0].key(Options())
    path.write_bytes(path.read_bytes() + b"\n")  # the input changed: new keys, the old parts are not reused
    assert shards.plan([path], workers=1, min_records=4, max_records=4)[0].key(Options()) != plan[0].key(Options())
