"""PostgreSQL for the store: the dialect that lets ``onrecord.store.Store`` run its one set of SQL on a server.

``Store`` writes its SQL once, in SQLite's flavour, with ``?`` placeholders.  This module supplies what differs:

* **Connection.**  psycopg 3 in autocommit mode (``Store`` issues ``BEGIN``/``COMMIT`` itself, as it does with
  SQLite), wrapped so ``execute`` takes ``?`` placeholders and returns rows that index by position and by name
  like ``sqlite3.Row``.
* **Functions SQLite has and PostgreSQL lacks** are created in the onrecord schema by the first migration:
  ``onrecord_fold`` (``str.casefold``, as the SQLite store registers it: ICU's ``lower`` and the casefold-only
  mappings), ``instr``, ``json_each(text)`` (the elements of a JSON array as rows named ``value``),
  ``json_array(text)`` and the aggregate ``json_group_array``.  So the query methods stay one text for both
  databases.
* **Column types** of SQLite DDL that mean something else here are translated (``translate_ddl``): an
  ``INTEGER PRIMARY KEY AUTOINCREMENT`` becomes an identity column, ``REAL`` a double.
* **NULLs** sort first in ascending order in SQLite and last in PostgreSQL: the shared queries say ``NULLS FIRST``
  where a sort key can be NULL (SQLite's default, so its plans do not change).
* **Full-text search.**  The FTS5 tables become ordinary tables of the same name and columns plus a generated
  ``tsvector`` column (``simple`` configuration: no stemming, like FTS5's ``unicode61``; accents folded with the
  ``unaccent`` extension, like ``remove_diacritics 2``) under a GIN index.  User input becomes a ``tsquery`` by
  ``pg_tsquery``: every word must match, a trailing ``*`` is a prefix, nothing else is an operator.
* **Locks.**  SQLite's ``BEGIN IMMEDIATE`` takes the one write lock; here a write transaction takes a
  transaction-scoped advisory lock on the article id, so two processes adding the same article serialise and the
  second sees the first's row and returns False, while different articles are written in parallel.  Migrations
  take one schema-wide advisory lock.
* **Schema version.**  There is no ``PRAGMA user_version``: the highest version in ``migrations`` is it.

One schema holds one store: ``postgresql://user@host/db?options=-csearch_path%3Dnews`` puts it in ``news``
(default ``public``).  The database must be UTF8; a ``C.UTF-8`` collation makes text sort by code point as in
SQLite.  PostgreSQL text cannot hold NUL (U+0000): an article containing one is refused with a ``StoreError``.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

try:
    import psycopg
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None

from ..errors import StoreError, StoreIntegrityError
from .schema import MIGRATIONS

# pg_advisory_xact_lock keys: one for migrations; article ids are hashed into the other half of the key space.
_MIGRATION_LOCK = 0x6F6E7265  # "onre"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


_WORD_RE = re.compile(r"[^\W_]+")  # what PostgreSQL's default parser keeps as word parts (no underscore)


def pg_tsquery(text: str | None) -> str | None:
    """User input → ``to_tsquery`` text with the meaning of ``store.sqlite.fts_query``: words ANDed, a word of several
    parts ("close-deal", "Rubio's") a phrase of them, a trailing ``*`` a prefix; anything else literal.
    None when the input has no words."""
    if not text:
        return None
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        parts = _WORD_RE.findall(unicodedata.normalize("NFC", word))
        if not parts:
            continue
        quoted = [f"'{p}'" for p in parts]
        if prefix:
            quoted[-1] += ":*"
        terms.append(quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")")
    return " & ".join(terms) or None


# -- schema: PostgreSQL variants of SQLite migration statements ----------------------------------------------------

@functools.cache
def _casefold_table() -> tuple[str, str, dict[str, str]]:
    """What ``str.casefold`` does beyond ``str.lower``, as a map from lowercased characters: (from, to) for
    ``translate`` (one character to one) and the rest (one to several: ß→ss, ﬁ→fi, ᾳ→αι).

    ``casefold(s) == g(lower(s))`` for every string, where g applies this map character by character (checked over
    all of Unicode in the tests), so the database needs only its own ``lower`` and the map."""
    one: dict[str, str] = {}
    several: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        low, folded = c.lower(), c.casefold()
        if low != folded and len(low) == 1:
            (one if len(folded) == 1 else several)[low] = folded
    return "".join(one), "".join(one.values()), several


@functools.cache
def _fold_function() -> str:
    """``onrecord_fold``: the database's side of ``str.casefold``, so substring filters match what SQLite's
    (Python's) folding matches.  ICU's ``lower`` (Unicode's full lowercase mapping, like ``str.lower``) where the
    server has ICU, else the database's own; then the casefold-only mappings."""
    src, dst, several = _casefold_table()

    def lit(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    low = "lower($1 COLLATE @collation@)"
    body = f"translate({low}, {lit(src)}, {lit(dst)})"
    chained = body
    for key, folded in several.items():
        chained = f"replace({chained}, {lit(key)}, {lit(folded)})"
    # ASCII text (most names) folds by ASCII rules alone: translate scans its whole map for every character
    # (each branch back to the default collation: the result must not carry the one the folding used)
    expr = (f'CASE WHEN octet_length($1) = char_length($1) THEN lower($1 COLLATE "C") COLLATE "default" '
            f"WHEN {low} ~ {lit('[' + ''.join(several) + ']')} THEN {chained} COLLATE \"default\" "
            f'ELSE {body} COLLATE "default" END')
    create = ("CREATE FUNCTION onrecord_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
              f"AS {lit('SELECT ' + expr)}")
    # whether the server has ICU is known only there
    return f"""DO $fold$
    DECLARE coll text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')
                                   THEN '"und-x-icu"' ELSE '"default"' END;
    BEGIN
        EXECUTE replace({lit(create)}, '@collation@', coll);
    END $fold$"""


# Functions SQLite has built in (or onrecord registers per connection) that the shared queries call.
_COMPAT_FUNCTIONS = (
    "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT strpos($1, $2)'",
    "CREATE FUNCTION json_each(text) RETURNS TABLE(value text) LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT json_array_elements_text($1::json)'",
    "CREATE FUNCTION onrecord_json_array(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT array_to_json($1)::text'",
    "CREATE AGGREGATE json_group_array(text) (SFUNC = array_append, STYPE = text[], "
    "FINALFUNC = onrecord_json_array, INITCOND = '{}')",
    # SQLite's json_array with one argument, as the timeline query calls it
    "CREATE FUNCTION json_array(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "AS 'SELECT json_build_array($1)::text'",
    # unaccent is in PostgreSQL's contrib (part of Debian's postgresql package); creating it needs the CREATE
    # privilege on the database unless an administrator has done it.  The fold function names the extension's
    # schema explicitly so that it is immutable, as a generated column requires.
    """DO $$
    DECLARE s text;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
        SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'unaccent';
        EXECUTE format('CREATE FUNCTION onrecord_fts_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
                       'AS %L', format('SELECT lower(%I.unaccent(%L::regdictionary, coalesce($1, '''')))',
                                       s, quote_ident(s) || '.unaccent'));
    END $$""",
)

_FTS_TABLES = {
    "articles_fts": ("article_id TEXT NOT NULL, title TEXT, text TEXT", "title || ' ' || text",
                     "article_id"),
    "statements_fts": ("article_id TEXT NOT NULL, statement_id TEXT NOT NULL, content TEXT, speaker TEXT",
                       "content || ' ' || speaker", "article_id, statement_id"),
}


def _fts_table(name: str) -> tuple[str, ...]:
    columns, document, key = _FTS_TABLES[name]
    return (
        f"CREATE TABLE {name} ({columns}, tsv tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple', onrecord_fts_fold({document}))) STORED)",
        f"CREATE INDEX {name}_tsv ON {name} USING GIN (tsv)",
        f"CREATE INDEX {name}_key ON {name} ({key})",
    )


# Column types SQLite accepts that mean something else (or nothing) on PostgreSQL.  SQLite's INTEGER is 64 bits and
# its REAL a double; PostgreSQL's INTEGER is 32 bits (enough for every counter and offset the schema holds, so kept)
# but its REAL is a 4-byte float, which would round the similarities consolidation stores.
_DDL_REWRITES = (
    # SQLite gives such a column (its rowid) the next id when none is given, AUTOINCREMENT or not
    (re.compile(r"\bINTEGER PRIMARY KEY(?: AUTOINCREMENT)?\b", re.I),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
)


def translate_ddl(statement: str) -> str:
    """A SQLite ``CREATE TABLE`` statement with its column types in PostgreSQL's words (others unchanged).

    ``INTEGER PRIMARY KEY`` (with or without ``AUTOINCREMENT``) becomes an identity column (ids from 1, never
    reused; an explicit id may still be given, as in SQLite), ``REAL`` a double and ``BLOB`` ``BYTEA``.  So a new migration needs a
    ``{"sqlite": …, "postgresql": …}`` pair only for what this cannot express (virtual tables, triggers)."""
    if not statement.lstrip().upper().startswith("CREATE TABLE"):
        return statement
    for pattern, replacement in _DDL_REWRITES:
        statement = pattern.sub(replacement, statement)
    return statement


def _variants(migrations=MIGRATIONS) -> dict[str, tuple[str, ...]]:
    initial = dict(migrations)["0001_initial"]
    articles, fts = initial[0], [s for s in initial if "USING fts5" in s]
    if not articles.startswith("CREATE TABLE articles") or len(fts) != 2:
        # a check, not an assert (python -O would skip it): the rewrites below key on these statements
        raise StoreIntegrityError("migration 0001_initial is not the one the PostgreSQL dialect rewrites "
                                  "(its first statement must create articles, and it must have two FTS5 tables)")
    return {
        # ids compare byte-wise ("C"), as in SQLite, whatever the database's collation: prefix lookups need it
        articles: (_fold_function(), *_COMPAT_FUNCTIONS,
                   articles.replace("id TEXT PRIMARY KEY", 'id TEXT COLLATE "C" PRIMARY KEY')),
        fts[0]: _fts_table("articles_fts"),
        fts[1]: _fts_table("statements_fts"),
    }


# -- connection -----------------------------------------------------------------------------------------------

class Row(tuple):
    """A result row that, like ``sqlite3.Row``, indexes by position and by column name and converts by ``dict``."""

    def __new__(cls, values: Sequence[Any], index: dict[str, int]):
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor):
    description = cursor.description or ()
    index = {}
    for i, col in enumerate(description):
        index.setdefault(col.name, i)  # "SELECT s.*, ..." may repeat a name; the first wins, as in sqlite3.Row

    def make(values):
        return Row(values, index)

    return make


class Connection:
    """psycopg connection with sqlite3's calling conventions: ``?`` placeholders, ``execute`` returns a cursor.

    Every ``?`` in a statement with parameters is a placeholder (the store's SQL has no ``?`` in string literals)."""

    def __init__(self, raw):
        self.raw = raw
        self._sql: dict[str, str] = {}

    def _translate(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def execute(self, sql: str, params: Sequence[Any] | None = None):
        if not params:
            return self.raw.execute(sql)
        _check_nul(params)
        return self.raw.execute(self._translate(sql), params)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]):
        rows = list(seq)
        for row in rows:
            _check_nul(row)
        cur = self.raw.cursor()
        cur.executemany(self._translate(sql), rows)
        return cur

    def close(self) -> None:
        self.raw.close()


def _check_nul(params: Sequence[Any]) -> None:
    # psycopg would refuse it too, but with a driver error; this says what is wrong with the input.
    for value in params:
        if isinstance(value, str) and "\x00" in value:
            raise StoreError(f"text with a NUL character (U+0000), which PostgreSQL cannot hold: {value[:60]!r}")


class PostgresDialect:
    name = "postgresql"
    no_limit = None  # LIMIT NULL is no limit; SQLite wants -1

    def __init__(self):
        if psycopg is None:
            raise StoreError("PostgreSQL needs psycopg: pip install 'onrecord[postgres]'")
        self.errors = (psycopg.Error,)
        self._variants = _variants()

    def connect(self, url: str, location: str) -> Connection:
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                  application_name="onrecord")
        except psycopg.Error as err:
            raise StoreError(f"cannot connect to PostgreSQL: {err}".strip(), source=location) from None
        con = Connection(raw)
        try:
            encoding = con.execute("SHOW server_encoding").fetchone()[0]
            if encoding.upper() not in ("UTF8", "UTF-8"):
                raise StoreError(f"the database encoding is {encoding}; onrecord needs UTF8 "
                                 "(CREATE DATABASE … ENCODING 'UTF8')", source=location)
            if con.execute("SELECT current_schema()").fetchone()[0] is None:
                raise StoreError("no schema to write to: the search_path names no existing schema "
                                 "(CREATE SCHEMA it first)", source=location)
        except BaseException:
            con.close()
            raise
        return con

    @staticmethod
    def fold(value: str | None) -> str | None:
        return value.casefold() if isinstance(value, str) else None  # what onrecord_fold() does in the database

    def begin(self, con: Connection, key: str | None = None, *more_keys: str) -> None:
        """A write transaction holding the lock of each key in turn, or the schema-wide migration lock without a
        key.  (The one pair the store takes together is an article's and then the consolidation's, always in that
        order, so two writers cannot deadlock.)"""
        con.execute("BEGIN")
        if key is None:
            con.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            return
        for k in (key, *more_keys):
            self.lock(con, k)

    @staticmethod
    def lock(con: Connection, key: str) -> None:
        """Take the lock of ``key`` inside the transaction (held until it ends)."""
        con.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))", (key,))

    @staticmethod
    def rollback(con: Connection) -> None:
        if con.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            con.execute("ROLLBACK")

    @staticmethod
    def is_full(err: BaseException) -> bool:
        return getattr(err, "sqlstate", None) in ("53100", "53200", "53400")  # disk full, out of memory, limits

    @staticmethod
    def is_denied(err: BaseException) -> bool:
        return getattr(err, "sqlstate", None) in ("42501", "25006")  # insufficient privilege, read-only tx

    @staticmethod
    def data_version(con: Connection) -> None:
        return None  # no cheap "has anyone committed?" counter: a reader asks the tables each time

    @staticmethod
    def json_int(expr: str, index: int) -> str:
        """An integer element of a JSON array held as text (SQLite: ``json_extract(expr, '$[i]')``)."""
        return f"(({expr})::json->>{int(index)})::integer"

    def user_version(self, con: Connection) -> int:
        if not self._has_migrations(con):
            return 0
        return int(con.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0])

    def set_user_version(self, con: Connection, version: int) -> None:
        pass  # the migrations table is the version

    @staticmethod
    def _has_migrations(con: Connection) -> bool:
        # A query on the catalog, not to_regclass: that may answer from this backend's cache, which an advisory
        # lock does not refresh, and miss the table another process created while we waited for the lock.
        return con.execute("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "
                           "WHERE schemaname = current_schema() AND tablename = 'migrations')").fetchone()[0]

    def has_tables(self, con: Connection) -> bool:
        return con.execute("SELECT EXISTS (SELECT 1 FROM information_schema.tables "
                           "WHERE table_schema = current_schema())").fetchone()[0]

    def is_initialised(self, con: Connection) -> bool:
        return self._has_migrations(con)

    def migration_sql(self, statement: str | dict[str, str]) -> tuple[str, ...]:
        if isinstance(statement, dict):
            return (statement[self.name],)
        return self._variants.get(statement) or (translate_ddl(statement),)

    @staticmethod
    def search_rowid(cursor) -> None:
        return None  # the search tables are indexed on their keys (``_fts_table``): no rowid to keep

    @staticmethod
    def delete_search_rows(con: Connection, article_id: str) -> None:
        con.execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        con.execute("DELETE FROM statements_fts WHERE article_id = ?", (article_id,))

    @staticmethod
    def set_search_speaker(con: Connection, article_id: str, statement_id: str, speaker: str) -> None:
        con.execute("UPDATE statements_fts SET speaker = ? WHERE article_id = ? AND statement_id = ?",
                    (speaker, article_id, statement_id))

    @staticmethod
    def fts(table: str, alias: str, search: str) -> tuple[str, str, str, str] | None:
        query = pg_tsquery(search)
        if query is None:
            return None
        q = f"{alias}_q"
        return (f" CROSS JOIN to_tsquery('simple', onrecord_fts_fold(?)) {q}", f"{alias}.tsv @@ {q}",
                f"ts_rank({alias}.tsv, {q}) DESC", query)
