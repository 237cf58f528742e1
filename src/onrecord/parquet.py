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

SCHEMA_VERSION = "1"
NESTED = ("removed", "actors", "statements", "events", "topics", "stances", "times")
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
    """Every article stored in a Parquet folder, part by part (parts are written in ingest order)."""
    _, pq = _pa()
    for part in part_files(Path(out_dir)):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=256):
            for row in batch.to_pylist():
                yield row_article(row)


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
        pa, pq = _pa()
        name = f"part-{self._stamp}-{self._seq:05d}.parquet"
        tmp = self.path / f".{name}.tmp"
        table = pa.Table.from_pylist(self._rows, schema=schema())
        try:
            pq.write_table(table, tmp, compression="zstd")
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path / name)
        except OSError as err:
            raise StoreError(f"cannot write Parquet part {name}: {err}", source=str(self.path)) from err
        log.info("%s: wrote %d articles", self.path / name, len(self._rows))
        self._rows = []
        self._seq += 1

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "ParquetSink":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
