"""The database: extracted articles in one SQLite file (or a PostgreSQL schema), queryable by speaker, kind,
article and full text.

``Store`` is composed of one mixin per concern, each its own module, over one connection and one dialect:

========================  ==========================================================================================
``schema.py``             the named, append-only migrations and how they are applied
``sqlite.py``             opening a SQLite file; what SQLite's SQL does differently (``SQLiteDialect``)
``postgres.py``           the same for PostgreSQL (``PostgresDialect``: placeholders, locks, full-text search)
``sql.py``                the one ``Where`` builder (filters, date bounds, page, full text) and ``transaction()``
``rows.py``               records ↔ rows, and the shapes of output rows
``articles.py``           adding, replacing, deleting and reading whole articles (``ArticlesMixin``)
``reader.py``             the reader's queries, shared by the CLI and the server (``ReaderMixin``)
``consolidation.py``      overrides, ``consolidate`` and the cross-article queries (``ConsolidationMixin``)
``feeds.py``              what ``onrecord watch`` keeps per feed and entry (``FeedsMixin``)
``corrections.py``        hand corrections (``CorrectionsMixin``)
========================  ==========================================================================================

Every write is one transaction (``sql.transaction``): an article is stored whole or not at all; a database error is
a coded ``StoreError`` (E300; E301 a full disk, E302 a read-only database or folder).  A ``Store`` wraps one
connection: use one per thread.  ``Store("postgresql://…")`` opens a PostgreSQL database instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from . import sqlite as _sqlite
from .articles import ArticlesMixin
from .consolidation import ConsolidationMixin
from .corrections import CorrectionsMixin
from .feeds import FeedsMixin
from .postgres import PostgresDialect, redact
from .reader import ReaderMixin
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate
from .sqlite import BUSY_TIMEOUT_MS, MIN_SQLITE, SQLiteDialect, fts_query

__all__ = ["BUSY_TIMEOUT_MS", "MIGRATIONS", "MIN_SQLITE", "SCHEMA_VERSION", "Store", "fts_query",
           "is_database_url"]


def is_database_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (``postgresql://…``) rather than a SQLite file."""
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


class Store(ArticlesMixin, ReaderMixin, ConsolidationMixin, FeedsMixin, CorrectionsMixin):
    """One database of extracted articles: a SQLite file, or a PostgreSQL database given by URL."""

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False):
        self._fingerprint: tuple | None = None  # (data version, fingerprint) of the last ``fingerprint()``
        if is_database_url(path):
            self._open_postgres(str(path), create=create, readonly=readonly)
            return
        self.dialect = SQLiteDialect()
        self.path = Path(path)
        self.location = str(self.path)
        self.con = _sqlite.connect(self.path, create=create)
        try:
            migrate(self)
            if readonly:  # after migrating: from here on SQLite itself refuses any write on this connection
                self.con.execute("PRAGMA query_only = ON")
        except sqlite3.Error as err:
            self.con.close()
            raise _sqlite.opening_error(self.path, err) from err
        except BaseException:
            self.con.close()
            raise

    def _open_postgres(self, url: str, *, create: bool, readonly: bool = False) -> None:
        self.path = None
        self.location = redact(url)
        self.dialect = PostgresDialect()
        self.con = self.dialect.connect(url, self.location)
        try:
            if not create and not self.dialect.is_initialised(self.con):
                raise StoreError("no onrecord store in this database schema (run `onrecord ingest` first)",
                                 source=self.location)
            migrate(self)
            if readonly:  # after migrating: from here on the server refuses any write in this session
                self.con.execute("SET default_transaction_read_only = on")
        except self.dialect.errors as err:
            self.con.close()
            raise StoreError(f"cannot set up the PostgreSQL store: {err}", source=self.location) from err
        except BaseException:
            self.con.close()
            raise

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, readonly: bool = False) -> "Store":
        return cls(path, create=create, readonly=readonly)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
