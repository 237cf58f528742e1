"""Input shards: the driver plans, the workers read (``onrecord ingest --dask``, ``--workers``; docs/scaling.md).

A ``Shard`` names a piece of the input a worker reads for itself, so the driver never reads an article:

- ``files``: a list of small files (each one article, or a small dump a worker reads whole);
- ``jsonl``: ``count`` lines of a JSONL dump from line ``first_line``, which begins at byte ``start`` (a line
  boundary found by the planner's pass over the file; a gzip-compressed dump cannot seek, so its worker reads and
  passes over the lines before its own);
- ``warc``: ``count`` records of a WARC archive from byte ``start``, the offset of a record (found by a pass of
  warcio over the record headers: no page is decoded). Per-record gzip members (Common Crawl) seek as well.

The planner's pass over a dump costs a read of its bytes (JSONL: a newline scan; WARC: the record headers and the
decompression), well under 1% of the extraction here; a damaged archive or a corrupt gzip stream ends the pass,
and the last shard of that file then reads to its end, so its worker meets the damage and reports it as one
process would. Shard sizes are *guided* (``guided_sizes``): large at first, smaller towards the end of the input,
so the workers finish together. A shard's ``key`` is a hash of what it reads (path, size, modification time,
range) and of the options that change records, and names the Parquet part its worker writes.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import math
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import ingest, readers
from .config import DEFAULT_MAX_BYTES, Options
from .errors import OnrecordError
from .ingest import Document

MIN_RECORDS = 4  # records (lines, WARC records, files) per shard
MAX_RECORDS = 256
SNIFF_AT = 16 * 1024  # loose files smaller than this go to ``files`` shards unsniffed (a worker reads them whole)
FILES_SHARD_BYTES = 4 << 20
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Shard:
    kind: str  # "files" | "jsonl" | "warc"
    path: str = ""
    start: int = 0  # byte offset (plain JSONL, WARC)
    first_line: int = 0  # JSONL: lines before this shard; WARC: records before it
    count: int | None = None  # lines / records; None: to the end of the file
    files: tuple[str, ...] = ()
    stamp: str = ""  # size and mtime of the file(s) read

    @property
    def label(self) -> str:
        if self.kind == "files":
            return self.files[0] if len(self.files) == 1 else f"{self.files[0]} (+{len(self.files) - 1} files)"
        unit = "lines" if self.kind == "jsonl" else "records"
        end = "end" if self.count is None else f"{self.first_line + self.count:,}"
        return f"{self.path} {unit} {self.first_line + 1:,}-{end}"

    def key(self, options: Options) -> str:
        ident = [self.kind, self.path, self.start, self.first_line, self.count, list(self.files), self.stamp,
                 options_fingerprint(options)]
        return hashlib.sha256(json.dumps(ident).encode()).hexdigest()[:32]


def options_fingerprint(options: Options) -> str:
    """What of the options and the code changes records: the model, cleaning, date, limits, the layers' config and
    the onrecord version (``batch_size`` does not)."""
    from . import __version__

    d = dataclasses.asdict(options)
    d.pop("batch_size", None)
    return json.dumps([__version__, sorted(d.items())], default=str)


def _stamp(paths: Iterable[str]) -> str:
    parts = []
    for p in paths:
        try:
            st = Path(p).stat()
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return ",".join(parts)


def guided_sizes(total: int, workers: int, *, lo: int = MIN_RECORDS, hi: int = MAX_RECORDS) -> Iterator[int]:
    """Guided self-scheduling: each shard takes ``remaining / (2 × workers)`` records, within [lo, hi]."""
    remaining = total
    while remaining > 0:
        n = min(remaining, max(lo, min(hi, math.ceil(remaining / (2 * max(1, workers))))))
        yield n
        remaining -= n


# -- the planner's pass over one file ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Unit:
    """One input file as the planner sees it: where its records start (every ``min_records``-th line of a JSONL
    dump, every record of a WARC archive)."""

    kind: str
    path: str
    records: int  # how many lines / records are indexed (the end of the file, or up to the damage)
    starts: list  # (byte offset, record number) of indexed boundaries; [(0, 0)] at least
    to_end: bool = False  # the pass stopped early (damage): the last shard reads to the end of the file


def _index_jsonl(path: Path, every: int = MIN_RECORDS) -> _Unit:
    starts, lineno, offset, pending = [(0, 0)], 0, 0, False
    try:
        fh = readers._open_maybe_gzip(path)
    except OSError:
        return _Unit("jsonl", str(path), 0, starts, to_end=True)
    plain = not isinstance(fh, gzip.GzipFile)
    to_end = False
    with fh:
        try:
            while chunk := fh.read(_CHUNK):
                pos = chunk.find(b"\n")
                base = offset
                while pos >= 0:
                    lineno += 1
                    if lineno % every == 0:
                        starts.append((base + pos + 1 if plain else 0, lineno))
                    pos = chunk.find(b"\n", pos + 1)
                offset += len(chunk)
                pending = not chunk.endswith(b"\n")
        except (OSError, EOFError, zlib.error):
            to_end = True
    lines = lineno + (1 if pending else 0)
    if starts[-1][1] >= lines and len(starts) > 1:
        starts.pop()
    return _Unit("jsonl", str(path), lines, starts, to_end=to_end)


def _index_warc(path: Path, max_bytes: int) -> _Unit:
    offsets: list[int] = []
    damaged = False
    for item in readers.iter_warc(path, max_bytes=max_bytes, index=offsets):
        damaged = damaged or isinstance(item, OnrecordError)
    starts = [(o, i) for i, o in enumerate(offsets)] or [(0, 0)]
    return _Unit("warc", str(path), len(offsets), starts, to_end=damaged)


def _cut(unit: _Unit, sizes: Iterator[int], stamp: str) -> Iterator[Shard]:
    """Shards of one indexed file; they begin on indexed boundaries."""
    at = {n: off for off, n in unit.starts}
    begin = 0
    while begin < unit.records or (begin == 0 and unit.records == 0):
        want = next(sizes, MIN_RECORDS)
        end = min(unit.records, begin + want)
        while end < unit.records and end not in at:
            end += 1
        last = end >= unit.records
        # the last shard reads to the end of the file: a final line without a newline, the damage that ended the
        # planner's pass, bytes after the last WARC record are all its worker's to meet and report
        yield Shard(unit.kind, unit.path, at[begin], begin, None if last else end - begin, stamp=stamp)
        if last:
            return
        begin = end


def plan(paths: Iterable[str | Path], *, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
         exclude: set[str] = frozenset(), min_records: int | None = None, max_records: int | None = None
         ) -> list[Shard]:
    """The shards of ``paths`` (files and folders, as ``ingest.iter_paths``), in input order.

    Loose files under ``SNIFF_AT`` bytes are grouped unread (a worker tells what each is); bigger ones are sniffed,
    and JSONL dumps and WARC archives indexed and cut. ``exclude``: resolved paths that are not inputs (the
    outputs, when they sit in an input folder)."""
    min_records = min_records or MIN_RECORDS
    max_records = max_records or MAX_RECORDS
    units: list = []  # _Unit, or a str path (a loose file)
    for path in ingest.iter_paths(paths):
        try:
            resolved = str(path.resolve())
        except OSError:
            resolved = str(path)
        if resolved in exclude or str(Path(resolved).parent) in exclude:
            continue
        kind = None
        try:
            if path.is_file() and path.stat().st_size >= max(1, SNIFF_AT):
                kind = readers.sniff_container(path)
        except OSError:
            kind = None
        if kind == "jsonl":
            units.append(_index_jsonl(path, max(1, min_records)))
        elif kind == "warc":
            units.append(_index_warc(path, max_bytes))
        else:
            units.append(str(path))
    total = sum(u.records if isinstance(u, _Unit) else 1 for u in units)
    sizes = guided_sizes(total, workers, lo=min_records, hi=max_records)
    shards: list[Shard] = []
    group: list[str] = []
    group_bytes = 0
    want = 0

    def flush() -> None:
        nonlocal group, group_bytes, want
        if group:
            shards.append(Shard("files", files=tuple(group), stamp=_stamp(group)))
        group, group_bytes, want = [], 0, 0

    for unit in units:
        if isinstance(unit, str):
            if not group:
                want = next(sizes, min_records)
            group.append(unit)
            try:
                group_bytes += Path(unit).stat().st_size
            except OSError:
                pass
            if len(group) >= want or group_bytes >= FILES_SHARD_BYTES:
                flush()
            continue
        flush()
        shards.extend(_cut(unit, sizes, _stamp([unit.path])))
    flush()
    return shards


# -- a worker reads its shard -----------------------------------------------------------------------------------

def read(shard: Shard, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | OnrecordError]:
    """The documents (and input errors) of one shard, exactly as ``readers.iter_documents`` yields them for the
    same stretch of input."""
    if shard.kind == "files":
        yield from readers.iter_documents(shard.files, max_bytes=max_bytes)
    elif shard.kind == "jsonl":
        yield from readers.iter_jsonl(Path(shard.path), max_bytes=max_bytes, start=shard.start,
                                      first_line=shard.first_line, count=shard.count)
    elif shard.kind == "warc":
        yield from readers.iter_warc(Path(shard.path), max_bytes=max_bytes, start=shard.start, count=shard.count,
                                     kept_before=shard.first_line)
    else:
        raise ValueError(f"unknown shard kind {shard.kind!r}")
