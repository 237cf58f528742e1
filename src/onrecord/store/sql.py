"""The SQL every query and write shares: one ``Where`` builder and one ``transaction()``.

``Where`` collects the conditions of one query and their parameters in step (user input is only ever bound as a
parameter), with the filters the reader's queries have in common written once: case-insensitive substrings
(``contains``), the outlet and publication-day bounds, the party of an actor, a full-text match, and the page
(``LIMIT ? OFFSET ?``).  Date bounds are **prefix-inclusive** everywhere: ``until="2025-03"`` keeps all of March
2025, ``until="2025"`` all of 2025, ``until="2025-03-14"`` that day; ``since`` likewise starts at the first day
of a month or year given.

``transaction(store, *keys)`` is the one ``BEGIN … COMMIT`` of the store: a failure rolls back (when the database
has not already done so, as SQLite does when a ``COMMIT`` finds the disk full) and a database error becomes a coded
``StoreError`` (``StorageFullError`` for a full disk), so nothing is half-stored and nothing uncoded escapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import StorageFullError, StoreAccessError, StoreError

# The "party" of a speaker or event actor: its stated affiliation, or the country itself for a country actor.
# Used by the affiliation filters and the per-party counts, so both mean the same thing.
PARTY = "coalesce(x.affiliation, CASE WHEN x.kind = 'country' THEN x.name END)"
# The day an article (and what it reports) is dated by: the first 10 characters of its ISO publication date.
DAY = "substr(a.published, 1, 10)"
# An exact (case-insensitive) party: the actor ``x``'s affiliation, or a country's own name.
PARTY_IS = "(onrecord_fold(x.affiliation) = ? OR (x.kind = 'country' AND onrecord_fold(x.name) = ?))"


class NoWords(Exception):
    """A full-text filter whose input has no words: the query can match nothing."""


def rank_key(rank: str) -> tuple[str, str]:
    """A dialect's rank ordering ("f.rank", "ts_rank(…) DESC") split into the expression and its direction, so a
    query can select it as a key and order by that key."""
    return (rank[:-5], " DESC") if rank.endswith(" DESC") else (rank, "")


class Where:
    """The conditions of one query, with their parameters in order.  ``str(where)`` is the ``WHERE …`` clause
    (empty without conditions); ``params`` what to bind, in the order the clause and ``page`` were built."""

    def __init__(self, dialect, *conditions: str):
        self.dialect = dialect
        self.conditions: list[str] = list(conditions)
        self.params: list[Any] = []

    def __str__(self) -> str:
        return "WHERE " + " AND ".join(self.conditions) if self.conditions else ""

    def __len__(self) -> int:
        return len(self.conditions)

    def add(self, condition: str, *params: Any) -> "Where":
        self.conditions.append(condition)
        self.params.extend(params)
        return self

    def equal(self, expr: str, value: Any) -> "Where":
        """``expr = value`` when a value is given (an exact filter)."""
        return self.add(f"{expr} = ?", value) if value else self

    def contains(self, expr: str, value: str | None) -> "Where":
        """``value`` (case-insensitive, Unicode case folding) is a substring of ``expr``, when given."""
        return self.add(f"instr(onrecord_fold({expr}), ?) > 0", self.fold(value)) if value else self

    def fold(self, value: str | None) -> str | None:
        return self.dialect.fold(value)

    def dates(self, expr: str, since: str | None = None, until: str | None = None) -> "Where":
        """ISO date bounds on ``expr``, prefix-inclusive: a year or month given as ``until`` includes all of it."""
        if since:
            self.add(f"{expr} >= ?", since)
        if until:
            self.add(f"substr({expr}, 1, length(?)) <= ?", until, until)
        return self

    def outlet_and_days(self, site: str | None = None, since: str | None = None,
                        until: str | None = None) -> "Where":
        """The filters the reader's queries share: the outlet (a substring of ``a.site``) and the publication day
        bounds (``a`` is the articles table)."""
        return self.contains("a.site", site).dates(DAY, since, until)

    def party(self, party: str | None) -> "Where":
        """The actor ``x`` is affiliated with ``party`` or is that country (exact, case-insensitive)."""
        return self.add(PARTY_IS, *[self.fold(party)] * 2) if party else self

    def fts(self, table: str, alias: str, search: str, on: str) -> tuple[str, str]:
        """Add a full-text match on ``table`` (aliased ``alias``, joined ``on`` a condition); returns (join, rank
        ordering).

        Raises ``NoWords`` when the input has no words (then nothing can match)."""
        query = self.dialect.fts(table, alias, search)
        if query is None:
            raise NoWords(search)
        extra, condition, rank, value = query
        self.add(condition, value)
        return f"JOIN {table} {alias} ON {on}{extra}", rank

    def page(self, limit: int | None, offset: int = 0) -> str:
        """``LIMIT ? OFFSET ?`` with its two parameters appended (``limit`` None: no limit)."""
        self.params += [limit_value(self.dialect, limit), int(offset)]
        return "LIMIT ? OFFSET ?"


def limit_value(dialect, limit: int | None):
    """What to bind to ``LIMIT ?``: the dialect's "no limit" for None."""
    return dialect.no_limit if limit is None else int(limit)


def store_error(store, err: BaseException, what: str) -> StoreError:
    """A database error as a coded one: a full disk (or a full database) is ``StorageFullError``, a write the
    file system refuses ``StoreAccessError``."""
    if store.dialect.is_full(err):
        return StorageFullError(f"cannot {what}: the disk (or the database's size limit) is full ({err}); "
                                "nothing of it was stored", source=store.location)
    if store.dialect.is_denied(err):
        return StoreAccessError(f"cannot {what}: the database or its folder is read-only, or not ours to write "
                                f"({err})", source=store.location)
    return StoreError(f"cannot {what}: {err}", source=store.location)


@contextmanager
def transaction(store, *keys: str, what: str = "write to the database") -> Iterator[None]:
    """One write transaction on ``store`` holding the dialect's locks for ``keys`` (none: the schema-wide lock).

    Commits when the block ends, rolls back when it raises; a database error (at any statement or at the
    ``COMMIT``) is re-raised as a coded ``StoreError`` naming ``what`` was being done."""
    con, dialect = store.con, store.dialect
    try:
        dialect.begin(con, *keys)
    except dialect.errors as err:
        raise store_error(store, err, "start a write") from err
    try:
        yield
        con.execute("COMMIT")
    except BaseException as err:
        dialect.rollback(con)
        if isinstance(err, dialect.errors):
            raise store_error(store, err, what) from err
        raise
