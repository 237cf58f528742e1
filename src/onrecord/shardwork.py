"""Sharded runs: the driver plans shards (``shards``), the workers read, extract and write; the driver collects counts.

``onrecord ingest --dask … --parquet DIR`` (and ``--workers N``) without a database: each task reads its shard,
extracts it (chrome found across the shard's pages, as one process finds it across a window), and writes the
shard's articles as one Parquet part named ``part-<shard key>.parquet``, whole or not at all (``parquet.write_part``:
a temporary file, then ``os.replace``). Only counts, ids, errors and layer warnings come back. A rerun skips every
shard whose part is there (its footer gives the counts and the input errors to report again), except a part whose
shard had an extraction error (E210): that shard is redone and its part replaced. A shard whose task died (a worker
killed) has no part: its error names the shard, the other shards are kept, and a rerun does just that one.

With a database (``--db``), SQLite cannot take writes from several processes at once, and a PostgreSQL store is
one transaction per article: the driver stays the single writer. The workers still read their own shards, skip the
ids the store has (sent to each worker once) and return each shard's articles in one message; the driver adds
them (``pipeline.store_stream``: the same counting, full-disk stop and Parquet sink as one process). Having the
workers write Parquet for the driver to load instead would add a write, a read and a JSON decode of every record
on the driver, for the same inserts.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import errors as errors_mod
from . import parquet, pipeline, readers, shards
from .config import Options
from .errors import ExtractionError, OnrecordError, StorageFullError, StoreError
from .model import Article
from .shards import Shard

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ShardResult:
    """What one shard's task sends back: counts, ids, errors and warnings, or (``keep``) the articles."""

    label: str
    key: str = ""
    path: str = ""
    ran: bool = True  # False: its part was already written; counts from the part's footer
    failed: bool = False  # the task itself failed: nothing written
    documents: int = 0  # documents read
    old: int = 0  # skipped: already stored, or the same article twice in the shard
    ids: list = field(default_factory=list)  # the ids written to the part
    errors: list = field(default_factory=list)
    warned: list = field(default_factory=list)  # (source, id, warnings) of the articles written with warnings
    items: list = field(default_factory=list)  # keep mode: Article | OnrecordError | AlreadyStored, in input order
    cpu_s: float = 0.0


def part_path(out_dir: str | Path, key: str) -> Path:
    return Path(out_dir) / f"part-{key}.parquet"


# -- the worker's side ------------------------------------------------------------------------------------------

def run_shards(batch: Sequence[Shard], options: Options, nlp=None, *, out_dir: str | None = None,
               skip: frozenset | set | None = None) -> list[ShardResult]:
    """The task every executor maps: each shard of ``batch`` read, extracted and (``out_dir``) written."""
    return [run_shard(s, options, nlp, out_dir=out_dir, skip=skip) for s in batch]


def run_shard(shard: Shard, options: Options, nlp=None, *, out_dir: str | None = None,
              skip: frozenset | set | None = None) -> ShardResult:
    cpu0 = time.process_time()
    res = ShardResult(shard.label, shard.key(options), shard.path)
    collected: list = []
    try:
        window: list = []
        chars = 0

        def flush() -> None:
            for batch in pipeline._window_batches(window, options, True):
                collected.extend(pipeline.extract_batch(batch, options, nlp))

        for item in shards.read(shard, max_bytes=options.max_bytes):
            if isinstance(item, OnrecordError):
                collected.append(item)
                continue
            res.documents += 1
            doc = dataclasses.replace(item, published=options.published) if options.published else item
            aid = pipeline.article_id(doc)
            if skip is not None and aid in skip:
                res.old += 1
                collected.append(pipeline.AlreadyStored(source=doc.source, id=aid))
                continue
            window.append(doc)
            chars += len(doc.text)
            if len(window) >= pipeline.WINDOW_DOCS or chars >= pipeline.WINDOW_CHARS:
                flush()
                window, chars = [], 0
        flush()
    except Exception as err:  # noqa: BLE001 -- the shard fails, the run goes on
        log.exception("%s: the shard failed", shard.label)
        res.failed = True
        res.errors = [ExtractionError(f"the shard failed ({type(err).__name__}: {err}); nothing of it is stored",
                                      source=shard.label)]
        return res
    if out_dir is None:
        res.items = collected
    else:
        _write(res, collected, Path(out_dir))
    res.cpu_s = time.process_time() - cpu0
    return res


def _write(res: ShardResult, collected: list, out_dir: Path) -> None:
    rows: list[dict] = []
    seen: set[str] = set()
    for item in collected:
        if isinstance(item, OnrecordError):
            res.errors.append(item)
        elif isinstance(item, Article):
            if item.id in seen:
                res.old += 1
                continue
            seen.add(item.id)
            rows.append(parquet.article_row(item))
            res.ids.append(item.id)
            if item.warnings:
                res.warned.append((item.source, item.id, tuple(item.warnings)))
    meta = {"onrecord.shard": res.label, "onrecord.documents": str(res.documents), "onrecord.old": str(res.old),
            "onrecord.errors": json.dumps([_error_row(e) for e in res.errors], ensure_ascii=False),
            "onrecord.retry": "1" if any(isinstance(e, ExtractionError) for e in res.errors) else "0"}
    try:
        parquet.write_part(part_path(out_dir, res.key), rows, meta)
    except StoreError as err:
        res.failed = True
        res.ids, res.warned = [], []
        res.errors.append(err)


def _error_row(err: OnrecordError) -> list:
    return [type(err).__name__, err.message, err.source, list(getattr(err, "damage", None) or ()) or None]


def _error_from_row(row: list) -> OnrecordError:
    cls = getattr(errors_mod, row[0], None)
    if not (isinstance(cls, type) and issubclass(cls, OnrecordError)):
        cls = OnrecordError
    err = cls(row[1], source=row[2])
    if row[3]:
        err.damage = tuple(row[3])  # type: ignore[attr-defined]
    return err


# -- the driver's side ------------------------------------------------------------------------------------------

def _done_result(shard: Shard, key: str, meta: dict) -> ShardResult:
    errs = [_error_from_row(r) for r in json.loads(meta.get("onrecord.errors") or "[]")]
    return ShardResult(shard.label, key, shard.path, ran=False, documents=int(meta.get("onrecord.documents", 0)),
                       old=int(meta.get("rows", 0)) + int(meta.get("onrecord.old", 0)), errors=errs)


def run(paths: Iterable[str | Path], options: Options, executor, *, out_dir: str | Path | None = None,
        skip: set | None = None, exclude: set[str] = frozenset(), ordered: bool = True,
        plan_kwargs: dict | None = None) -> Iterator[ShardResult]:
    """Plan the shards of ``paths`` and run them on ``executor``; one ``ShardResult`` per shard (in plan order
    when ``ordered``). ``out_dir``: the workers write Parquet parts there (and a shard whose part is there is not
    run); else they send their articles back. ``skip``: article ids not to extract (sent to each worker once)."""
    plan = shards.plan(paths, workers=executor.workers, max_bytes=options.max_bytes, exclude=exclude,
                       **(plan_kwargs or {}))
    per_path = {}
    for s in plan:
        if s.path:
            per_path[s.path] = per_path.get(s.path, 0) + 1
    fixer = _DamageCounts(per_path)
    todo: list[Shard] = []
    if out_dir is not None:
        out_dir = Path(out_dir)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot use the Parquet folder: {err}", source=str(out_dir)) from err
        parquet.remove_stale_tmp(out_dir)
    for s in plan:
        key = s.key(options)
        meta = parquet.part_metadata(part_path(out_dir, key)) if out_dir is not None and \
            part_path(out_dir, key).is_file() else None
        if meta is not None and meta.get("onrecord.retry") == "0":
            yield from fixer.add(_done_result(s, key, meta))
        else:
            todo.append(s)
    log.info("%d shards planned, %d to run", len(plan), len(todo))
    kwargs = {"out_dir": str(out_dir) if out_dir is not None else None,
              "skip": executor.share(frozenset(skip)) if skip else None}
    for results in executor.map(run_shards, ([s] for s in todo), kwargs=kwargs, ordered=ordered):
        for r in results:
            if isinstance(r, OnrecordError):  # the task died: executors made one error for the shard
                r = ShardResult(r.source or "?", failed=True, errors=[r], path=_path_of(todo, r.source))
            yield from fixer.add(r)
    yield from fixer.rest()


def _path_of(todo: list[Shard], label: str | None) -> str:
    return next((s.path for s in todo if s.label == label), "")


class _DamageCounts:
    """A damaged WARC's error counts the articles before the damage; its shard knows only its own, so the error
    waits for the file's other shards and is then rewritten with their documents added."""

    def __init__(self, shards_per_path: dict[str, int]):
        self.left = dict(shards_per_path)
        self.docs: dict[str, int] = {}
        self.held: dict[str, list[ShardResult]] = {}

    def add(self, r: ShardResult) -> Iterator[ShardResult]:
        if not r.path:
            yield r
            return
        self.docs[r.path] = self.docs.get(r.path, 0) + r.documents
        self.left[r.path] = self.left.get(r.path, 1) - 1
        if any(getattr(e, "damage", None) for e in (*r.errors, *r.items)):
            self.held.setdefault(r.path, []).append(r)
        else:
            yield r
        if self.left[r.path] <= 0:
            yield from self._release(r.path)

    def _release(self, path: str) -> Iterator[ShardResult]:
        for held in self.held.pop(path, []):
            before = self.docs.get(path, 0) - held.documents
            held.errors = [_recount(e, before) for e in held.errors]
            held.items = [_recount(e, before) for e in held.items]
            yield held

    def rest(self) -> Iterator[ShardResult]:
        for path in list(self.held):
            yield from self._release(path)


def _recount(item, before: int):
    damage = getattr(item, "damage", None)
    if not damage or not before:
        return item
    what, offset, size, kept, articles = damage
    return readers.damage_error(item.source, what, offset, size, kept, articles + before)


# -- what the CLI calls -----------------------------------------------------------------------------------------

def extract(paths: Iterable[str | Path], options: Options, executor) -> Iterator[Article | OnrecordError]:
    """``onrecord extract --dask``/``--workers``: the records of ``paths``, in input order, read by the workers."""
    for r in run(paths, options, executor, ordered=True):
        if r.failed:
            yield from r.errors
            continue
        for item in r.items:
            if isinstance(item, OnrecordError):
                log.warning("%s", item)
            yield item


def ingest(paths: Iterable[str | Path], options: Options, executor, *, sinks: Sequence = (),
           parquet_dir: str | Path | None = None, on_outcome: Callable | None = None) -> pipeline.IngestSummary:
    """``onrecord ingest --dask``/``--workers``. With ``parquet_dir`` and no ``sinks``: the workers write the
    parts; else the workers send articles and the driver adds them to ``sinks`` (module docstring)."""
    sinks = list(sinks)

    def report(outcome) -> None:
        if on_outcome is not None:
            on_outcome(outcome)

    if sinks:
        summary = pipeline.IngestSummary(locations=tuple(pipeline.sink_location(s) for s in sinks))
        stored = None
        for s in sinks:
            ids = s.complete_ids() if hasattr(s, "complete_ids") else s.ids() if hasattr(s, "ids") else set()
            stored = ids if stored is None else stored & ids
        exclude = pipeline._own_files(sinks) | {str(Path(getattr(s, "path")).resolve()) for s in sinks
                                                if isinstance(getattr(s, "path", None), Path)}
        results = run(paths, options, executor, skip=stored, exclude=exclude, ordered=False)

        def stream():
            for r in results:
                yield from (r.errors if r.failed else r.items)

        return pipeline.store_stream(stream(), sinks, summary, report)
    if parquet_dir is None:
        raise ValueError("ingest needs sinks or a Parquet folder")
    out = Path(parquet_dir)
    summary = pipeline.IngestSummary(locations=(str(out),))
    seen = parquet.folder_ids(out) if out.is_dir() else set()
    exclude = {str(out.resolve())}
    results = run(paths, options, executor, out_dir=out, skip=seen, exclude=exclude, ordered=False)
    try:
        for r in results:
            summary.old += r.old
            for err in r.errors:
                if pipeline.disk_full(err):
                    summary.stopped = StorageFullError(f"the disk is full: {err}", source=str(out))
                summary.failed += 1
                report(pipeline.Outcome("failed", err.source, error=err))
            fresh = [i for i in r.ids if i not in seen]
            summary.old += len(r.ids) - len(fresh)  # written by another shard of this run too: read once
            seen.update(r.ids)
            summary.new += len(fresh)
            for source, aid, warnings in r.warned:
                summary.warned += 1
                for w in warnings:
                    code = getattr(w, "code", "W?")
                    summary.warning_codes[code] = summary.warning_codes.get(code, 0) + 1
                report(pipeline.Outcome("new", source, aid, warnings=warnings))
            if summary.stopped is not None:
                break
    finally:
        results.close()
    return summary
