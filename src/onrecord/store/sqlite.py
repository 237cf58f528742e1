"""SQLite for the store: opening the file, and what its SQL does differently from PostgreSQL (``postgres.py``).

Why SQLite from the stdlib: one file, no server, transactions, and FTS5 for search.  ``BEGIN IMMEDIATE`` takes
the database-wide write lock before any "already stored?" check, so two processes ingesting the same file cannot
both insert it.  The FTS5 tables are plain ones (not external-content): they hold their own copy of the text, so
they cannot drift from the base tables through rowid changes (``VACUUM``) and need no triggers.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StoreAccessError, StoreError

# FTS5 is in every CPython build of SQLite this recent; older libraries are refused with a clear message.
MIN_SQLITE = (3, 35, 0)
BUSY_TIMEOUT_MS = 10_000

# SQLite's primary result codes (https://www.sqlite.org/rescode.html) that say why a file cannot be used.
_PERM, _READONLY, _IOERR, _FULL, _CANTOPEN, _NOTADB = 3, 8, 10, 13, 14, 26


def fold(value: str | None) -> str | None:
    # Unicode-aware case folding for substring filters; SQLite's own lower()/LIKE only fold ASCII.
    return value.casefold() if isinstance(value, str) else None


def fts_query(text: str | None) -> str | None:
    """Turn user input into a safe FTS5 query: every word becomes a quoted phrase, words are ANDed.

    A trailing ``*`` on a word keeps its meaning (prefix search); all other FTS5 syntax (``-``, ``OR``, ``NEAR``,
    column filters, stray quotes) is taken literally.  Returns None for input with no words.
    """
    if not text:
        return None
    # FTS5 reads the query as a C string: a NUL would end it mid-phrase ("unterminated string").
    text = text.replace("\x00", " ")
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if not core:
            continue
        terms.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def _code(err: BaseException) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # the primary code of an extended one


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """An open connection on the database file, set up for the store (not yet migrated)."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreError(
            f"SQLite {sqlite3.sqlite_version} is too old; onrecord needs {'.'.join(map(str, MIN_SQLITE))}+ "
            "with FTS5", source=str(path))
    if not create and not path.exists():
        raise StoreError("no database here (run `onrecord ingest` first)", source=str(path))
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the database folder: {err}", source=str(path)) from err
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        raise opening_error(path, err) from err
    try:
        con.row_factory = sqlite3.Row
        con.create_function("onrecord_fold", 1, fold, deterministic=True)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a crash never corrupts the database or half-stores an article; only a power loss can
        # drop the last commits. FULL fsyncs every per-article transaction (18 ms each here).
        con.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as err:
        con.close()
        raise opening_error(path, err) from err
    return con


def opening_error(path: Path, err: sqlite3.Error) -> StoreError:
    """Why a SQLite file could not be opened or set up, as a coded error with the true reason."""
    code = _code(err)
    if code in (_PERM, _READONLY, _CANTOPEN) or (code == _IOERR and not _writable(path)):
        where = path if path.exists() and not os.access(path, os.W_OK) else path.parent
        return StoreAccessError(f"cannot open the database for writing: {where} is read-only or not ours to "
                                f"write (SQLite keeps its journal files beside the database) ({err})",
                                source=str(path))
    if code == _NOTADB or isinstance(err, sqlite3.DatabaseError) and "not a database" in str(err):
        return StoreError(f"not an onrecord SQLite database ({err})", source=str(path))
    return StoreError(f"cannot open database: {err}", source=str(path))


def _writable(path: Path) -> bool:
    return os.access(path if path.exists() else path.parent, os.W_OK) and os.access(path.parent, os.W_OK)


class SQLiteDialect:
    """What the SQLite store does differently from PostgreSQL (see ``postgres.PostgresDialect``)."""

    name = "sqlite"
    errors = (sqlite3.Error,)
    no_limit = -1
    fold = staticmethod(fold)

    @staticmethod
    def begin(con, key: str | None = None, *more_keys: str) -> None:
        con.execute("BEGIN IMMEDIATE")  # the database-wide write lock, before any "already stored?" check

    @staticmethod
    def lock(con, key: str) -> None:
        pass  # BEGIN IMMEDIATE already holds the one write lock

    @staticmethod
    def rollback(con) -> None:
        # SQLite rolls a transaction back itself on some errors (SQLITE_FULL at COMMIT): then there is none to end
        if con.in_transaction:
            con.execute("ROLLBACK")

    @staticmethod
    def is_full(err: BaseException) -> bool:
        return _code(err) == _FULL

    @staticmethod
    def is_denied(err: BaseException) -> bool:
        return _code(err) in (_PERM, _READONLY, _CANTOPEN)

    @staticmethod
    def search_rowid(cursor) -> int:
        """The rowid of the search row an INSERT just wrote, which the article or statement row keeps."""
        return cursor.lastrowid

    @staticmethod
    def delete_search_rows(con, article_id: str) -> None:
        """Remove an article's search rows by their rowids (before its base rows go).  FTS5 finds rows by rowid
        only: ``WHERE article_id = ?`` reads every row of the table."""
        for fts, base, key in (("articles_fts", "articles", "id"), ("statements_fts", "statements", "article_id")):
            if con.execute(f"SELECT 1 FROM {base} WHERE {key} = ? AND fts_rowid IS NULL LIMIT 1",
                           (article_id,)).fetchone():
                # a row 0015 found no search row for (none should exist): the slow way, so none is left behind
                con.execute(f"DELETE FROM {fts} WHERE article_id = ?", (article_id,))
            else:
                con.execute(f"DELETE FROM {fts} WHERE rowid IN (SELECT fts_rowid FROM {base} WHERE {key} = ?)",
                            (article_id,))

    @staticmethod
    def set_search_speaker(con, article_id: str, statement_id: str, speaker: str) -> None:
        """Rewrite the speaker words a statement is searched by (a corrected speaker)."""
        row = con.execute("SELECT fts_rowid FROM statements WHERE article_id = ? AND id = ?",
                          (article_id, statement_id)).fetchone()
        if row and row[0] is not None:
            con.execute("UPDATE statements_fts SET speaker = ? WHERE rowid = ?", (speaker, row[0]))
        else:
            con.execute("UPDATE statements_fts SET speaker = ? WHERE article_id = ? AND statement_id = ?",
                        (speaker, article_id, statement_id))

    @staticmethod
    def user_version(con) -> int:
        return int(con.execute("PRAGMA user_version").fetchone()[0])

    @staticmethod
    def set_user_version(con, version: int) -> None:
        con.execute(f"PRAGMA user_version = {version:d}")

    @staticmethod
    def has_tables(con) -> bool:
        return con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None

    def migration_sql(self, statement: str | dict[str, str]) -> tuple[str, ...]:
        return (statement[self.name],) if isinstance(statement, dict) else (statement,)

    @staticmethod
    def data_version(con) -> tuple[int, int]:
        # changes when another connection commits (data_version) or this one writes (total_changes)
        return (con.execute("PRAGMA data_version").fetchone()[0], con.total_changes)

    @staticmethod
    def json_int(expr: str, index: int) -> str:
        return f"json_extract({expr}, '$[{int(index)}]')"

    @staticmethod
    def fts(table: str, alias: str, search: str) -> tuple[str, str, str, str] | None:
        """(join suffix, condition, ranking, parameter) of a full-text filter; None when the input has no words."""
        query = fts_query(search)
        return None if query is None else ("", f"{table} MATCH ?", f"{alias}.rank", query)
