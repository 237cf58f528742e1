"""Partitioned Parquet output: one row per article, in part files under one folder (``onrecord ingest --parquet``).

Schema (``SCHEMA``, documented in docs/schema.md): the article's scalar fields as strings, and each nested list
of the record (``removed``, ``actors``, ``statements``, ``events``, ``topics``, ``stances``, ``times``) as a JSON string
holding exactly what ``Article.to_dict()`` holds, so ``Article.from_dict`` reads a row back to an equal article.
JSON strings rather than Arrow structs keep the file schema fixed while the record grows new fields (an older
reader still opens a newer file), and DuckDB, Spark and pandas query JSON columns directly.

Parts are written whole or not at all: each is written to a hidden ``.tmp`` file, fsynced, then renamed, so a
killed ingest leaves no half-written part, and a rerun (which skips the ids already present in the folder)
neither loses nor duplicates an article. Leftover ``.tmp`` files of a killed run are removed on open.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import StoreError
from .model import Article

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"  # 2: warnings_json (the layer warnings an article was extracted with)
NESTED = ("removed", "actors", "statements", "events", "topics", "stances", "times", "warnings")
SCALARS = ("id", "source", "title", "published", "site", "author", "text", "published_source")
ROWS_PER_PART = 1000


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise StoreError("Parquet output needs pyarrow: pip install 'onrecord[dask]'") from err
    return pa, pq


def schema():
    pa, _ = _pa()
    from . import __version__

    fields = [pa.field("id", pa.string(), nullable=False)]
    fields += [pa.field(name, pa.string()) for name in SCALARS[1:]]
    fields += [pa.field(f"{name}_json", pa.string(), nullable=False) for name in NESTED]
    return pa.schema(fields, metadata={"onrecord.schema": SCHEMA_VERSION, "onrecord.version": __version__})


def article_row(article: Article) -> dict[str, str | None]:
    d = article.to_dict()
    row = {name: d[name] for name in SCALARS}
    row.update({f"{name}_json": json.dumps(d[name], ensure_ascii=False, separators=(",", ":")) for name in NESTED})
    return row


def row_article(row: dict) -> Article:
    d = {name: row.get(name) for name in SCALARS}
    d.update({name: json.loads(row.get(f"{name}_json") or "[]") for name in NESTED})
    return Article.from_dict(d)


def part_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in Path(out_dir).glob("part-*.parquet") if p.is_file())


def read_articles(out_dir: str | Path) -> Iterator[Article]:
    """Every article stored in a Parquet folder, part by part in name order (a sink's parts are named in ingest
    order; a shard's part by its hash), each id once: two shards of one run holding the same article (the same
    text in two inputs) each wrote it, and the first part's copy is the one read."""
    _, pq = _pa()
    seen: set[str] = set()
    for part in part_files(Path(out_dir)):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=256):
            for row in batch.to_pylist():
                if row["id"] not in seen:
                    seen.add(row["id"])
                    yield row_article(row)


def folder_ids(out_dir: str | Path) -> set[str]:
    """The article ids in every part of a Parquet folder (the id column alone is read)."""
    pa, pq = _pa()
    ids: set[str] = set()
    for part in part_files(Path(out_dir)):
        try:
            ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        except (OSError, pa.ArrowException) as err:
            raise StoreError(f"unreadable Parquet part {part.name}: {err}", source=str(out_dir)) from None
    return ids


def write_part(path: Path, rows: list[dict], metadata: dict[str, str] | None = None) -> None:
    """Write one part whole or not at all: to a hidden ``.tmp`` file beside it, fsynced, then renamed over
    ``path``. ``metadata`` (strings) goes into the file's key-value metadata beside the schema's."""
    pa, pq = _pa()
    sch = schema()
    if metadata:
        sch = sch.with_metadata({**sch.metadata, **{k.encode(): v.encode() for k, v in metadata.items()}})
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=sch), tmp, compression="zstd")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StoreError(f"cannot write Parquet part {path.name}: {err}", source=str(path.parent)) from err


def part_metadata(path: Path) -> dict[str, str] | None:
    """A part's key-value metadata and its row count (``rows``), from the footer; None if it is unreadable."""
    pa, pq = _pa()
    try:
        meta = pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return None
    out = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
    out["rows"] = str(meta.num_rows)
    return out


def remove_stale_tmp(out_dir: Path) -> None:
    """Leftover ``.tmp`` files of a killed run (a part half written) are removed."""
    for stale in Path(out_dir).glob(".part-*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


class ParquetSink:
    """Appends articles to a Parquet folder, ``rows_per_part`` per part file; idempotent by article id."""

    def __init__(self, out_dir: str | Path, *, rows_per_part: int = ROWS_PER_PART):
        pa, pq = _pa()
        self.path = Path(out_dir)
        self.rows_per_part = max(1, rows_per_part)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            for stale in self.path.glob(".part-*.tmp"):
                stale.unlink()
        except OSError as err:
            raise StoreError(f"cannot use the Parquet folder: {err}", source=str(self.path)) from err
        self._ids: set[str] = set()
        for part in part_files(self.path):
            try:
                self._ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
            except (OSError, pa.ArrowException) as err:
                raise StoreError(f"unreadable Parquet part {part.name}: {err}", source=str(self.path)) from err
        self._rows: list[dict] = []
        self._seq = 0
        self._stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}"

    def has(self, article_id: str) -> bool:
        return article_id in self._ids

    def ids(self) -> set[str]:
        return set(self._ids)

    def add(self, article: Article) -> bool:
        if article.id in self._ids:
            return False
        self._rows.append(article_row(article))
        self._ids.add(article.id)
        if len(self._rows) >= self.rows_per_part:
            self.flush()
        return True

    def flush(self) -> None:
        if not self._rows:
            return
        name = f"part-{self._stamp}-{self._seq:05d}.parquet"
        write_part(self.path / name, self._rows)
        log.info("%s: wrote %d articles", self.path / name, len(self._rows))
        self._rows = []
        self._seq += 1

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "ParquetSink":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
