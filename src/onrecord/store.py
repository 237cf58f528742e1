"""The database: extracted articles in one SQLite file, queryable by speaker, kind, article and full text.

Why SQLite from the stdlib: one file, no server, transactions, and FTS5 for search.  Design choices:

* **One transaction per article.**  ``add`` writes the article, its actors, statements, events and the search
  rows inside ``BEGIN IMMEDIATE … COMMIT``; any failure rolls everything back, so an article is stored whole or not
  at all.  ``BEGIN IMMEDIATE`` takes the write lock before the "already stored?" check, so two processes
  ingesting the same file cannot both insert it.
* **Idempotent by id.**  Article ids hash the input text (see ``pipeline``); adding a stored id is a no-op that
  returns ``False``.
* **Exact round trip.**  Every field of the record has a column (spans as JSON lists) and actors/statements keep
  their order in a ``seq`` column, so ``get(id) == article``.
* **Plain FTS5 tables**, not external-content ones: ``articles_fts`` (title, text) and ``statements_fts``
  (content, speaker) hold their own copy of the text, keyed by article id (and statement id).  This costs disk
  space but cannot drift from the base tables through rowid changes (``VACUUM``) and needs no triggers; the rows
  are written and deleted in the same transaction as the base rows.
* **Named, ordered migrations.**  ``MIGRATIONS`` is append-only; each applied one is recorded in ``migrations``
  and ``PRAGMA user_version`` holds their count, so later schema changes are additive and a database written by a
  newer onrecord is refused instead of misread.
* **Queries live here** (``statements``, ``events``, ``topics``, ``stances``, ``timeline``, ``actors``,
  ``articles``, ``actor``, ``counts``, ``statements_per_day``, ``actor_clusters``, ``quote_clusters``,
  ``stance_timeline``) and return plain dict rows, so the CLI and any server share them.  User input is only
  ever bound as a parameter; full-text input is turned into quoted FTS5 phrases (``fts_query``) so quotes, dashes
  or operators in it cannot raise syntax errors.

A ``Store`` wraps one connection: use one per thread.  ``Store("postgresql://…")`` opens a PostgreSQL database
instead, running the same SQL through a small dialect (``store_pg``: placeholders, locks, full-text search, the
schema version); a migration statement that must differ there is written as ``{"sqlite": …, "postgresql": …}``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import StoreError
from .model import (Actor, Article, Event, EventTime, Place, Removed, Speaker, Stance, Statement, TextSpan,
                    TimeExpression, Topic)

log = logging.getLogger(__name__)

# FTS5 is in every CPython build of SQLite this recent; older libraries are refused with a clear message.
MIN_SQLITE = (3, 35, 0)
BUSY_TIMEOUT_MS = 10_000

_TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"

# Append-only: (name, statements).  Never edit an applied migration; add a new one.
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001_initial", (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT, title TEXT, published TEXT, site TEXT, author TEXT,
            text TEXT NOT NULL,
            removed_json TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL)""",
        """CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            roles_json TEXT NOT NULL DEFAULT '[]',
            affiliation TEXT,
            mentions_json TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, id))""",
        """CREATE TABLE statements (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            content_text TEXT NOT NULL,
            content_spans_json TEXT NOT NULL,
            cue_text TEXT, cue_span_json TEXT,
            speaker_text TEXT, speaker_span_json TEXT,
            speaker_actor TEXT,
            speaker_name TEXT,
            resolution TEXT NOT NULL,
            medium_text TEXT, medium_span_json TEXT,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            PRIMARY KEY (article_id, id))""",
        "CREATE INDEX actors_name ON actors(name)",
        "CREATE INDEX statements_speaker_name ON statements(speaker_name)",
        "CREATE INDEX statements_kind ON statements(kind)",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, {_TOKENIZER})",
        "CREATE VIRTUAL TABLE statements_fts USING fts5("
        f"article_id UNINDEXED, statement_id UNINDEXED, content, speaker, {_TOKENIZER})",
    )),
    ("0002_events", (
        """CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            trigger_text TEXT NOT NULL, trigger_span_json TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            sources_json TEXT NOT NULL DEFAULT '[]',
            targets_json TEXT NOT NULL DEFAULT '[]',
            modality TEXT NOT NULL,
            time_text TEXT, time_span_json TEXT, time_resolved TEXT,
            place_text TEXT, place_span_json TEXT, place_country TEXT,
            statement_id TEXT,
            PRIMARY KEY (article_id, id))""",
        "CREATE INDEX events_type ON events(type)",
    )),
    ("0003_topics_stances", (
        """CREATE TABLE topics (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            aliases_json TEXT NOT NULL DEFAULT '[]',
            mentions_json TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, id))""",
        """CREATE TABLE stances (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            stance TEXT NOT NULL,
            evidence_json TEXT NOT NULL DEFAULT '[]',
            spans_json TEXT NOT NULL DEFAULT '[]',
            date TEXT,
            because TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article_id, id))""",
        "CREATE INDEX topics_name ON topics(name)",
        "CREATE INDEX stances_topic ON stances(article_id, topic_id)",
    )),
    ("0004_consolidation", (
        # The record across articles, recomputed whole by `consolidate` (see onrecord.consolidate); overrides are
        # the user's decisions and are never recomputed.
        """CREATE TABLE actor_clusters (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL)""",
        """CREATE TABLE actor_cluster_members (
            cluster_id TEXT NOT NULL REFERENCES actor_clusters(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            because TEXT NOT NULL,
            PRIMARY KEY (article_id, actor_id))""",
        "CREATE INDEX actor_cluster_members_cluster ON actor_cluster_members(cluster_id)",
        """CREATE TABLE quote_clusters (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            speaker_cluster TEXT)""",
        """CREATE TABLE quote_cluster_members (
            cluster_id TEXT NOT NULL REFERENCES quote_clusters(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            statement_id TEXT NOT NULL,
            segment INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            quote_text TEXT NOT NULL,
            similarity REAL NOT NULL,
            because TEXT NOT NULL,
            PRIMARY KEY (article_id, statement_id, segment))""",
        "CREATE INDEX quote_cluster_members_cluster ON quote_cluster_members(cluster_id)",
        """CREATE TABLE stance_points (
            cluster_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            stance TEXT NOT NULL,
            date TEXT,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stance_id TEXT NOT NULL,
            evidence_json TEXT NOT NULL DEFAULT '[]',
            because TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article_id, stance_id))""",
        "CREATE INDEX stance_points_cluster_topic ON stance_points(cluster_id, topic, date)",
        """CREATE TABLE actor_overrides (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            action TEXT NOT NULL CHECK (action IN ('force', 'forbid')),
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            note TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (action, a, b))""",
        """CREATE TABLE consolidation_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ran_at TEXT NOT NULL,
            articles INTEGER NOT NULL,
            actor_clusters INTEGER NOT NULL,
            quote_clusters INTEGER NOT NULL,
            stance_points INTEGER NOT NULL)""",
    )),
    ("0005_feeds", (
        # `onrecord watch`: per feed the HTTP validators of the last answer and how the last poll went
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT, last_modified TEXT,
            last_polled TEXT, last_status TEXT, last_error TEXT,
            polls INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0)""",
        # every feed entry ever fetched (or refused), by page URL, with its outcome: never fetched twice
        """CREATE TABLE feed_items (
            url TEXT PRIMARY KEY,
            feed_url TEXT NOT NULL,
            guid TEXT,
            title TEXT, published TEXT,
            status TEXT NOT NULL,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 1,
            article_id TEXT,
            first_seen TEXT NOT NULL,
            last_tried TEXT NOT NULL)""",
        "CREATE INDEX feed_items_guid ON feed_items(feed_url, guid)",
        "CREATE INDEX feed_items_article ON feed_items(article_id)",
    )),
    ("0006_corrections", (
        # Every hand correction made over HTTP (or any caller of Store.correct_speaker), with the value it
        # replaced, so a correction never loses what the extractor said.
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            statement_id TEXT NOT NULL,
            field TEXT NOT NULL,
            old_json TEXT NOT NULL,
            new_json TEXT NOT NULL,
            note TEXT,
            at TEXT NOT NULL)""",
        # the reader's lookups: an actor across articles, a speaker's statements
        "CREATE INDEX actors_id ON actors(id)",
        # (speaker, article): the actor listing joins each actor row to its statements in its own article
        "CREATE INDEX statements_speaker_actor ON statements(speaker_actor, article_id)",
        "CREATE INDEX corrections_article ON corrections(article_id)",
    )),
    ("0007_times", (
        # the times layer: every temporal expression as JSON on its article (read whole with the article, never
        # queried alone), where the publication date came from, and the expression an event's time is
        "ALTER TABLE articles ADD COLUMN times_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE articles ADD COLUMN published_source TEXT",
        "ALTER TABLE events ADD COLUMN time_id TEXT",
    )),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The write lock that overrides and consolidation take (SQLite: the one database lock; PostgreSQL: an advisory lock
# on this key, so consolidations and override changes take turns while articles are still being added).
_CONSOLIDATION_LOCK = "onrecord:consolidation"


def is_database_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (``postgresql://…``) rather than a SQLite file."""
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


# The "party" of a speaker or event actor: its stated affiliation, or the country itself for a country actor.
# Used by the affiliation filters and the per-party counts, so both mean the same thing.
_PARTY = "coalesce(x.affiliation, CASE WHEN x.kind = 'country' THEN x.name END)"
# The day an article (and what it reports) is dated by: the first 10 characters of its ISO publication date.
_DAY = "substr(a.published, 1, 10)"


def _rank_key(rank: str) -> tuple[str, str]:
    """A dialect's rank ordering ("f.rank", "ts_rank(…) DESC") split into the expression and its direction, so a
    query can select it as a key and order by that key."""
    return (rank[:-5], " DESC") if rank.endswith(" DESC") else (rank, "")


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


def _fold(value: str | None) -> str | None:
    # Unicode-aware case folding for substring filters; SQLite's own lower()/LIKE only fold ASCII.
    return value.casefold() if isinstance(value, str) else None


def _text_order(value: str) -> tuple[str, str]:
    # case-insensitive, then exact: one order whatever order the database hands DISTINCT aggregates over in
    return (value.casefold(), value)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _span_json(span: Sequence[int] | None) -> str | None:
    return None if span is None else _dump(list(span))


def _load_span(raw: str | None) -> tuple[int, int] | None:
    if raw is None:
        return None
    a, b = json.loads(raw)
    return (int(a), int(b))


def _load_spans(raw: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in json.loads(raw))


def _actor_row(article_id: str, seq: int, a: Actor) -> tuple:
    return (article_id, a.id, seq, a.name, a.kind, _dump(list(a.roles)), a.affiliation,
            _dump([list(m) for m in a.mentions]))


def _statement_row(article: Article, seq: int, s: Statement) -> tuple:
    actor = article.actor(s.speaker.actor) if s.speaker.actor else None
    return (
        article.id, s.id, seq, s.kind, s.content_text, _dump([list(x) for x in s.content_spans]),
        s.cue.text if s.cue else None, _span_json(s.cue.span) if s.cue else None,
        s.speaker.text, _span_json(s.speaker.span), s.speaker.actor, actor.name if actor else None,
        s.speaker.resolution,
        s.medium.text if s.medium else None, _span_json(s.medium.span) if s.medium else None,
        s.sentence_span[0], s.sentence_span[1],
    )


def _event_row(article_id: str, seq: int, e: Event) -> tuple:
    return (
        article_id, e.id, seq, e.type, e.trigger.text, _span_json(e.trigger.span),
        e.sentence_span[0], e.sentence_span[1], _dump(list(e.sources)), _dump(list(e.targets)), e.modality,
        e.time.text if e.time else None, _span_json(e.time.span) if e.time else None,
        e.time.resolved if e.time else None,
        e.place.text if e.place else None, _span_json(e.place.span) if e.place else None,
        e.place.country if e.place else None, e.statement, e.time.time_id if e.time else None,
    )


def _event_from_row(r: sqlite3.Row) -> Event:
    return Event(
        id=r["id"], type=r["type"], trigger=TextSpan(r["trigger_text"], _load_span(r["trigger_span_json"])),
        sentence_span=(int(r["sentence_start"]), int(r["sentence_end"])),
        sources=tuple(json.loads(r["sources_json"])), targets=tuple(json.loads(r["targets_json"])),
        modality=r["modality"],
        time=(EventTime(r["time_text"], _load_span(r["time_span_json"]), r["time_resolved"], r["time_id"])
              if r["time_span_json"] else None),
        place=(Place(r["place_text"], _load_span(r["place_span_json"]), r["place_country"])
               if r["place_span_json"] else None),
        statement=r["statement_id"])


class _SQLiteDialect:
    """What the SQLite store does differently from PostgreSQL (see ``store_pg.PostgresDialect``)."""

    name = "sqlite"
    errors = (sqlite3.Error,)
    no_limit = -1
    fold = staticmethod(_fold)

    @staticmethod
    def begin(con, key: str | None = None, *more_keys: str) -> None:
        con.execute("BEGIN IMMEDIATE")  # the database-wide write lock, before any "already stored?" check

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


class Store:
    """One database of extracted articles: a SQLite file, or a PostgreSQL database given by URL."""

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False):
        if is_database_url(path):
            self._open_postgres(str(path), create=create, readonly=readonly)
            return
        self.dialect = _SQLiteDialect()
        self.path = Path(path)
        self.location = str(self.path)
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise StoreError(
                f"SQLite {sqlite3.sqlite_version} is too old; onrecord needs {'.'.join(map(str, MIN_SQLITE))}+ "
                "with FTS5", source=str(self.path))
        if not create and not self.path.exists():
            raise StoreError("no database here (run `onrecord ingest` first)", source=str(self.path))
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"cannot create the database folder: {err}", source=str(self.path)) from err
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open database: {err}", source=str(self.path)) from err
        try:
            self.con.row_factory = sqlite3.Row
            self.con.create_function("onrecord_fold", 1, _fold, deterministic=True)
            self.con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a crash never corrupts the database or half-stores an article; only a power loss can
            # drop the last commits. FULL fsyncs every per-article transaction (18 ms each here).
            self.con.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            if readonly:  # after migrating: from here on SQLite itself refuses any write on this connection
                self.con.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as err:
            self.con.close()
            raise StoreError(f"not an onrecord SQLite database ({err})", source=str(self.path)) from err
        except StoreError:
            self.con.close()
            raise

    def _open_postgres(self, url: str, *, create: bool, readonly: bool = False) -> None:
        from .store_pg import PostgresDialect, redact

        self.path = None
        self.location = redact(url)
        self.dialect = PostgresDialect()
        self.con = self.dialect.connect(url, self.location)
        try:
            if not create and not self.dialect.is_initialised(self.con):
                raise StoreError("no onrecord store in this database schema (run `onrecord ingest` first)",
                                 source=self.location)
            self._migrate()
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

    # -- schema -------------------------------------------------------------------------------------------------

    def _user_version(self) -> int:
        return self.dialect.user_version(self.con)

    def _migrate(self) -> None:
        if self._user_version() > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {self._user_version()} is newer than this onrecord knows "
                f"({SCHEMA_VERSION}); upgrade onrecord", source=self.location)
        if self._user_version() == SCHEMA_VERSION:
            return
        self.dialect.begin(self.con)
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = self._user_version()
            if version == 0 and self.dialect.has_tables(self.con):
                what = "SQLite database" if self.dialect.name == "sqlite" else "PostgreSQL schema"
                raise StoreError(f"a {what} of another application (it has tables but no onrecord "
                                 "schema version); refusing to write to it", source=self.location)
            self.con.execute("CREATE TABLE IF NOT EXISTS migrations ("
                             "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for number, (name, statements) in enumerate(MIGRATIONS[version:], start=version + 1):
                log.info("applying migration %s to %s", name, self.location)
                for statement in statements:
                    for sql in self.dialect.migration_sql(statement):
                        self.con.execute(sql)
                self.con.execute("INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
                                 (number, name, _now()))
            self.dialect.set_user_version(self.con, SCHEMA_VERSION)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def migrations(self) -> list[dict[str, Any]]:
        """The applied migrations, oldest first."""
        return [dict(r) for r in self.con.execute("SELECT * FROM migrations ORDER BY version")]

    # -- writing ------------------------------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Store one article in one transaction; False (nothing changed) if its id is already stored."""
        try:
            self.dialect.begin(self.con, article.id)
        except self.dialect.errors as err:
            raise StoreError(f"cannot start a write: {err}", source=self.location) from err
        try:
            if self.con.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                self.con.execute("ROLLBACK")
                return False
            self._insert(article)
            self.con.execute("COMMIT")
            return True
        except BaseException as err:
            self.con.execute("ROLLBACK")
            if isinstance(err, self.dialect.errors):
                raise StoreError(f"cannot store article {article.id}: {err}", source=self.location) from err
            raise

    def _insert(self, article: Article) -> None:
        self.con.execute(
            "INSERT INTO articles(id, source, title, published, site, author, text, removed_json, ingested_at, "
            "times_json, published_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.title, article.published, article.site, article.author,
             article.text, _dump([r.to_dict() for r in article.removed]), _now(),
             _dump([t.to_dict() for t in article.times]), article.published_source))
        self.con.execute("INSERT INTO articles_fts(article_id, title, text) VALUES (?, ?, ?)",
                         (article.id, article.title or "", article.text))
        self.con.executemany(
            "INSERT INTO actors(article_id, id, seq, name, kind, roles_json, affiliation, mentions_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_actor_row(article.id, i, a) for i, a in enumerate(article.actors)))
        for i, st in enumerate(article.statements):
            row = _statement_row(article, i, st)
            self.con.execute(
                "INSERT INTO statements(article_id, id, seq, kind, content_text, content_spans_json, cue_text, "
                "cue_span_json, speaker_text, speaker_span_json, speaker_actor, speaker_name, resolution, "
                "medium_text, medium_span_json, sentence_start, sentence_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            self.con.execute(
                "INSERT INTO statements_fts(article_id, statement_id, content, speaker) VALUES (?, ?, ?, ?)",
                (article.id, st.id, st.content_text, " ".join(x for x in (row[11], st.speaker.text) if x)))
        self.con.executemany(
            "INSERT INTO events(article_id, id, seq, type, trigger_text, trigger_span_json, sentence_start, "
            "sentence_end, sources_json, targets_json, modality, time_text, time_span_json, time_resolved, "
            "place_text, place_span_json, place_country, statement_id, time_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_event_row(article.id, i, e) for i, e in enumerate(article.events)))
        self.con.executemany(
            "INSERT INTO topics(article_id, id, seq, name, label, aliases_json, mentions_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((article.id, t.id, i, t.name, t.label, _dump(list(t.aliases)), _dump([list(m) for m in t.mentions]))
             for i, t in enumerate(article.topics)))
        self.con.executemany(
            "INSERT INTO stances(article_id, id, seq, actor_id, topic_id, stance, evidence_json, spans_json, date, "
            "because) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((article.id, st.id, i, st.actor, st.topic, st.stance, _dump(list(st.evidence)),
              _dump([list(x) for x in st.spans]), st.date, st.because) for i, st in enumerate(article.stances)))

    def add_many(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store each article in its own transaction; returns (added, already stored)."""
        added = skipped = 0
        for article in articles:
            if self.add(article):
                added += 1
            else:
                skipped += 1
        return added, skipped

    def delete(self, article_id: str) -> bool:
        """Remove one article with its actors, statements and search rows; False if it was not stored."""
        # (PostgreSQL: also waits for a running consolidation, which would otherwise store members of a gone article)
        self.dialect.begin(self.con, article_id, _CONSOLIDATION_LOCK)
        try:
            self.con.execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
            self.con.execute("DELETE FROM statements_fts WHERE article_id = ?", (article_id,))
            gone = self.con.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
            self.con.execute("COMMIT")
            return gone > 0
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # -- reading ------------------------------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Stored ids starting with ``prefix`` (a range scan on the key, so no LIKE escaping is involved)."""
        rows = self.con.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                (prefix, prefix + "\U0010ffff", int(limit)))
        return [r[0] for r in rows]

    def count(self) -> int:
        return int(self.con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get(self, article_id: str) -> Article | None:
        """The stored article, exactly as it was added; None if no article has this id."""
        row = self.con.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        actors = tuple(
            Actor(id=r["id"], name=r["name"], kind=r["kind"], roles=tuple(json.loads(r["roles_json"])),
                  affiliation=r["affiliation"], mentions=_load_spans(r["mentions_json"]))
            for r in self.con.execute("SELECT * FROM actors WHERE article_id = ? ORDER BY seq", (article_id,)))
        statements = tuple(
            Statement(
                id=r["id"], kind=r["kind"], content_text=r["content_text"],
                content_spans=_load_spans(r["content_spans_json"]),
                cue=TextSpan(r["cue_text"], _load_span(r["cue_span_json"])) if r["cue_span_json"] else None,
                speaker=Speaker(text=r["speaker_text"], span=_load_span(r["speaker_span_json"]),
                                actor=r["speaker_actor"], resolution=r["resolution"]),
                medium=(TextSpan(r["medium_text"], _load_span(r["medium_span_json"]))
                        if r["medium_span_json"] else None),
                sentence_span=(int(r["sentence_start"]), int(r["sentence_end"])),
            )
            for r in self.con.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY seq", (article_id,)))
        events = tuple(_event_from_row(r) for r in self.con.execute(
            "SELECT * FROM events WHERE article_id = ? ORDER BY seq", (article_id,)))
        topics = tuple(
            Topic(id=r["id"], name=r["name"], label=r["label"], aliases=tuple(json.loads(r["aliases_json"])),
                  mentions=_load_spans(r["mentions_json"]))
            for r in self.con.execute("SELECT * FROM topics WHERE article_id = ? ORDER BY seq", (article_id,)))
        stances = tuple(
            Stance(id=r["id"], actor=r["actor_id"], topic=r["topic_id"], stance=r["stance"],
                   evidence=tuple(json.loads(r["evidence_json"])), spans=_load_spans(r["spans_json"]),
                   date=r["date"], because=r["because"])
            for r in self.con.execute("SELECT * FROM stances WHERE article_id = ? ORDER BY seq", (article_id,)))
        return Article(
            id=row["id"], text=row["text"], source=row["source"], title=row["title"], published=row["published"],
            site=row["site"], author=row["author"],
            removed=tuple(Removed.from_dict(d) for d in json.loads(row["removed_json"])),
            actors=actors, statements=statements, events=events, topics=topics, stances=stances,
            published_source=row["published_source"],
            times=tuple(TimeExpression.from_dict(d) for d in json.loads(row["times_json"])))

    def _outlet_and_days(self, where: list[str], params: list[Any], *, site: str | None = None,
                         since: str | None = None, until: str | None = None) -> None:
        """Add the filters the reader's queries share to ``where``/``params``: the outlet (a case-insensitive
        substring of ``a.site``) and the publication day bounds (``a`` is the articles table)."""
        if site:
            where.append("instr(onrecord_fold(a.site), ?) > 0")
            params.append(self.dialect.fold(site))
        if since:
            where.append(f"{_DAY} >= ?")
            params.append(since)
        if until:
            where.append(f"{_DAY} <= ?")
            params.append(until)

    def statements(self, *, speaker: str | None = None, kind: str | None = None, article_id: str | None = None,
                   search: str | None = None, actor: str | None = None, affiliation: str | None = None,
                   site: str | None = None, since: str | None = None, until: str | None = None,
                   cluster: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Statements as flat rows, filtered; with ``search`` the best FTS matches come first.

        ``speaker`` is a case-insensitive substring of the resolved actor's name or of the speaker mention;
        ``actor`` an actor id (exact: the same id in every article); ``affiliation`` a case-insensitive substring
        of the speaker's party (its affiliation, or the country itself); ``site`` of the outlet; ``since`` and
        ``until`` ISO dates bounding the article's publication date (inclusive; undated articles are left out);
        ``cluster`` keeps the statements whose speaker is a member of that actor cluster (``consolidate``).
        """
        where, params = [], []
        join = ""
        order = "a.ingested_at, a.id, s.seq"
        if search is not None and search.strip():
            query = self.dialect.fts("statements_fts", "f", search)
            if query is None:
                return []
            extra, condition, rank, query = query
            join = "JOIN statements_fts f ON f.article_id = s.article_id AND f.statement_id = s.id" + extra
            where.append(condition)
            params.append(query)
            order = rank + ", " + order
        if speaker:
            where.append("(instr(onrecord_fold(s.speaker_name), ?) > 0 OR instr(onrecord_fold(s.speaker_text), ?) > 0)")
            params += [self.dialect.fold(speaker)] * 2
        if kind:
            where.append("s.kind = ?")
            params.append(kind)
        if article_id:
            where.append("s.article_id = ?")
            params.append(article_id)
        if actor:
            where.append("s.speaker_actor = ?")
            params.append(actor)
        if cluster:
            where.append("EXISTS (SELECT 1 FROM actor_cluster_members m WHERE m.cluster_id = ? "
                         "AND m.article_id = s.article_id AND m.actor_id = s.speaker_actor)")
            params.append(cluster)
        if affiliation:
            where.append(f"instr(onrecord_fold({_PARTY}), ?) > 0")
            params.append(self.dialect.fold(affiliation))
        self._outlet_and_days(where, params, site=site, since=since, until=until)
        # Filter, order and cut to one page on keys alone, then fetch the page's full rows: the sort then carries
        # a few columns, not every column of every match (a common word matches hundreds of statements).
        searching = bool(join)
        rank_key, rank_dir = _rank_key(rank) if searching else ("", "")
        keys = (f"{rank_key} AS k_rank, " if searching else "") + "a.ingested_at AS k_ing, a.id AS k_aid, " \
            "s.id AS k_sid, s.seq AS k_seq"
        outer = (f"p.k_rank{rank_dir}, " if searching else "") + "p.k_ing, p.k_aid, p.k_seq"
        inner = (f"SELECT {keys} FROM statements s JOIN articles a ON a.id = s.article_id "
                 "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
                 f"{join} {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ? OFFSET ?")
        if searching and len(where) == 1 and self.dialect.name == "sqlite":
            # words alone: FTS5 answers "ORDER BY rank LIMIT" itself, several times faster than through a join
            inner = ("SELECT p0.k_rank, NULL AS k_ing, p0.article_id AS k_aid, p0.statement_id AS k_sid, "
                     "s.seq AS k_seq FROM ("
                     "SELECT f.article_id, f.statement_id, f.rank AS k_rank "
                     "FROM statements_fts f WHERE statements_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?) p0 "
                     "JOIN statements s ON s.article_id = p0.article_id AND s.id = p0.statement_id")
        # rows are keyed by (article id, statement id), the primary key: PostgreSQL has no rowid
        sql = (f"SELECT s.*, a.title AS article_title, a.site AS article_site, a.published AS article_published, "
               f"a.source AS article_source, {_PARTY} AS speaker_party FROM ({inner}) p "
               "JOIN statements s ON s.article_id = p.k_aid AND s.id = p.k_sid JOIN articles a ON a.id = s.article_id "
               "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
               f"ORDER BY {outer}")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        return [_statement_dict(r) for r in self.con.execute(sql, params)]

    def events(self, *, type: str | None = None, actor: str | None = None, article_id: str | None = None,
               actor_id: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events as flat rows, in article and text order, with source and target actors named.

        ``type`` is a PLOVER type (case-insensitive); ``actor`` a case-insensitive substring of the name of a
        source or target actor (or of its id); ``actor_id`` an actor id that is a source or a target (exact).
        """
        where, params = [], []
        if actor_id:  # the articles that have the actor first (an index), then the parties of their events
            where.append("e.article_id IN (SELECT article_id FROM actors WHERE id = ?) "
                         "AND (EXISTS (SELECT 1 FROM json_each(e.sources_json) p WHERE p.value = ?) "
                         "OR EXISTS (SELECT 1 FROM json_each(e.targets_json) p WHERE p.value = ?))")
            params += [actor_id, actor_id, actor_id]
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        if article_id:
            where.append("e.article_id = ?")
            params.append(article_id)
        if actor:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(e.sources_json) p JOIN actors x "
                "ON x.article_id = e.article_id AND x.id = p.value WHERE instr(onrecord_fold(x.name), ?) > 0 "
                "OR x.id = ? UNION ALL SELECT 1 FROM json_each(e.targets_json) p JOIN actors x "
                "ON x.article_id = e.article_id AND x.id = p.value WHERE instr(onrecord_fold(x.name), ?) > 0 "
                "OR x.id = ?)")
            params += [self.dialect.fold(actor), actor, self.dialect.fold(actor), actor]
        sql = ("SELECT e.*, a.title AS article_title, a.published AS article_published, a.source AS article_source "
               "FROM events e "
               f"JOIN articles a ON a.id = e.article_id {'WHERE ' + ' AND '.join(where) if where else ''} "
               "ORDER BY a.ingested_at, a.id, e.seq LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows = self.con.execute(sql, params).fetchall()
        names: dict[tuple[str, str], str] = {}
        for aid in {r["article_id"] for r in rows}:
            for x in self.con.execute("SELECT id, name FROM actors WHERE article_id = ?", (aid,)):
                names[(aid, x["id"])] = x["name"]
        return [_event_dict(r, names) for r in rows]

    def topics(self, *, name: str | None = None, article_id: str | None = None, limit: int | None = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        """Topics grouped by canonical name across articles: how many articles mention each and how many stances
        are recorded on it, with every label and alias used.  ``name`` is a case-insensitive substring of the name
        or of an alias."""
        where, params = [], []
        if name:
            where.append("(instr(onrecord_fold(t.name), ?) > 0 OR EXISTS (SELECT 1 FROM json_each(t.aliases_json) j "
                         "WHERE instr(onrecord_fold(j.value), ?) > 0))")
            params += [_fold(name)] * 2
        if article_id:
            where.append("t.article_id = ?")
            params.append(article_id)
        sql = ("SELECT t.name, COUNT(DISTINCT t.article_id) AS articles, "
               "(SELECT COUNT(*) FROM stances s JOIN topics t2 ON t2.article_id = s.article_id AND t2.id = s.topic_id "
               " WHERE t2.name = t.name) AS stances, "
               "json_group_array(DISTINCT t.label) AS labels_json, "
               "(SELECT json_group_array(DISTINCT j.value) FROM topics t3, json_each(t3.aliases_json) j "
               " WHERE t3.name = t.name) AS aliases_json "
               f"FROM topics t {'WHERE ' + ' AND '.join(where) if where else ''} "
               "GROUP BY t.name ORDER BY articles DESC, stances DESC, t.name LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows = []
        for r in self.con.execute(sql, params):
            d = dict(r)
            d["labels"] = sorted(json.loads(d.pop("labels_json")), key=_text_order)
            d["aliases"] = sorted(json.loads(d.pop("aliases_json")), key=_text_order)
            rows.append(d)
        return rows

    def stances(self, *, topic: str | None = None, actor: str | None = None, stance: str | None = None,
                party: str | None = None, article_id: str | None = None, since: str | None = None,
                until: str | None = None, topic_name: str | None = None, actor_id: str | None = None,
                limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stances as flat rows, one per (article, actor, topic), with the evidence text.

        ``topic_name`` (a canonical topic name) and ``actor_id`` are exact filters, for pages keyed by them.

        Rows come grouped by actor name and topic and, within that, in date order (the stance's date, else the
        article's publication date): one actor's positions on one topic across articles read as a timeline.
        ``topic`` matches the topic name or an alias (case-insensitive substring); ``actor`` the actor's name;
        ``party`` the actor's affiliation or, for a country, its name (exact, case-insensitive); ``since``/``until``
        bound the date (ISO, inclusive).  Each row carries ``article_id`` and ``actor_id``, the key a later
        cross-article actor cluster joins on.
        """
        where, params = [], []
        if topic:
            where.append("(instr(onrecord_fold(t.name), ?) > 0 OR EXISTS (SELECT 1 FROM json_each(t.aliases_json) j "
                         "WHERE instr(onrecord_fold(j.value), ?) > 0))")
            params += [_fold(topic)] * 2
        if actor:
            where.append("(instr(onrecord_fold(x.name), ?) > 0 OR x.id = ?)")
            params += [_fold(actor), actor]
        if topic_name:
            where.append("t.name = ?")
            params.append(topic_name)
        if actor_id:
            where.append("s.actor_id = ?")
            params.append(actor_id)
        if stance:
            where.append("s.stance = ?")
            params.append(stance.lower())
        if party:
            where.append("(onrecord_fold(x.affiliation) = ? OR (x.kind = 'country' AND onrecord_fold(x.name) = ?))")
            params += [_fold(party)] * 2
        if article_id:
            where.append("s.article_id = ?")
            params.append(article_id)
        date = "COALESCE(s.date, substr(a.published, 1, 10))"
        if since:
            where.append(f"{date} >= ?")
            params.append(since)
        if until:
            where.append(f"substr({date}, 1, length(?)) <= ?")
            params += [until, until]
        sql = ("SELECT s.*, t.name AS topic_name, t.label AS topic_label, x.name AS actor_name, x.kind AS actor_kind, "
               f"x.affiliation AS actor_affiliation, {date} AS row_date, a.title AS article_title, "
               "a.site AS article_site, a.published AS article_published, a.text AS article_text, "
               "cm.cluster_id AS cluster_id, cc.name AS cluster_name "
               "FROM stances s JOIN articles a ON a.id = s.article_id "
               "JOIN topics t ON t.article_id = s.article_id AND t.id = s.topic_id "
               "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.actor_id "
               # the actor across articles, once `consolidate` has run (else both are null)
               "LEFT JOIN actor_cluster_members cm ON cm.article_id = s.article_id AND cm.actor_id = s.actor_id "
               "LEFT JOIN actor_clusters cc ON cc.id = cm.cluster_id "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY x.name NULLS FIRST, t.name, {date} IS NULL, {date}, a.published NULLS FIRST, s.article_id, "
               "s.seq "
               "LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        return [self._stance_dict(r) for r in self.con.execute(sql, params).fetchall()]

    def _evidence_text(self, article_id: str, ids: list[str], spans, text: str) -> list[str]:
        out = []
        for i in ids:
            r = self.con.execute("SELECT content_text FROM statements WHERE article_id = ? AND id = ?",
                                 (article_id, i)).fetchone()
            if r is not None:
                out.append(r[0])
                continue
            r = self.con.execute("SELECT sentence_start, sentence_end FROM events WHERE article_id = ? AND id = ?",
                                 (article_id, i)).fetchone()
            if r is not None:
                snippet = text[r[0]:r[1]]
                if snippet not in out:
                    out.append(snippet)
        if not out:  # evidence from narration has spans only
            out = [text[a:b] for a, b in spans]
        return out

    def _evidence_kind(self, article_id: str, evidence_id: str) -> str | None:
        """"statement" or "event": which record of the article an evidence id names (None: neither)."""
        for kind, table in (("statement", "statements"), ("event", "events")):
            if self.con.execute(f"SELECT 1 FROM {table} WHERE article_id = ? AND id = ?",  # noqa: S608 - fixed names
                                (article_id, evidence_id)).fetchone():
                return kind
        return None

    def _stance_dict(self, r: sqlite3.Row) -> dict[str, Any]:
        evidence = json.loads(r["evidence_json"])
        spans = [list(x) for x in _load_spans(r["spans_json"])]
        return {
            "article_id": r["article_id"],
            "id": r["id"],
            "topic": r["topic_name"],
            "topic_label": r["topic_label"],
            "actor": r["actor_name"] or r["actor_id"],
            "actor_kind": r["actor_kind"],
            "affiliation": r["actor_affiliation"],
            "stance": r["stance"],
            "date": r["row_date"],
            "because": r["because"],
            "evidence": evidence,
            "evidence_text": self._evidence_text(r["article_id"], evidence, spans, r["article_text"]),
            "evidence_kinds": [self._evidence_kind(r["article_id"], i) for i in evidence],
            "spans": spans,
            "actor_id": r["actor_id"],
            "topic_id": r["topic_id"],
            "article_title": r["article_title"],
            "article_site": r["article_site"],
            "article_published": r["article_published"],
            "cluster_id": r["cluster_id"],
            "cluster_name": r["cluster_name"],
        }

    def timeline(self, *, party: str | None = None, actor: str | None = None, article_id: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int | None = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Dated events and statements in date order: an event's resolved time, else (and for statements) the
        article's publication date; undated rows come last.

        ``party`` keeps rows where a source, target or speaker is affiliated with it or is that country (exact,
        case-insensitive); ``actor`` where one of them has a name containing it; ``since``/``until`` bound the date
        (ISO, inclusive; a month such as ``2025-03`` works as a prefix bound).
        """
        # Each kind is filtered and cut to the first limit + offset rows on its keys alone, then the two are merged
        # and only the page's rows are read in full: the union of every event and statement, with sentence text and
        # party lookups for each, cost 60-550 ms on the BBC corpus.
        ev_date = "COALESCE(e.time_resolved, substr(a.published, 1, 10))"
        st_date = "substr(a.published, 1, 10)"
        ev_where, ev_params, st_where, st_params = [], [], [], []
        ev_parties = ("EXISTS (SELECT 1 FROM json_each(e.sources_json) p JOIN actors x ON x.article_id = e.article_id "
                      "AND x.id = p.value WHERE {cond} UNION ALL SELECT 1 FROM json_each(e.targets_json) p JOIN actors x "
                      "ON x.article_id = e.article_id AND x.id = p.value WHERE {cond})")
        st_parties = "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = s.article_id AND x.id = s.speaker_actor AND {cond})"
        if party:
            cond = "(onrecord_fold(x.affiliation) = ? OR (x.kind = 'country' AND onrecord_fold(x.name) = ?))"
            ev_where.append(ev_parties.format(cond=cond))
            ev_params += [_fold(party)] * 4
            st_where.append(st_parties.format(cond=cond))
            st_params += [_fold(party)] * 2
        if actor:
            cond = "instr(onrecord_fold(x.name), ?) > 0"
            ev_where.append(ev_parties.format(cond=cond))
            ev_params += [_fold(actor)] * 2
            st_where.append(st_parties.format(cond=cond))
            st_params.append(_fold(actor))
        for where, params, prefix in ((ev_where, ev_params, "e"), (st_where, st_params, "s")):
            if article_id:
                where.append(f"{prefix}.article_id = ?")
                params.append(article_id)
        for where, params, date in ((ev_where, ev_params, ev_date), (st_where, st_params, st_date)):
            if since:
                where.append(f"{date} >= ?")
                params.append(since)
            if until:
                where.append(f"substr({date}, 1, length(?)) <= ?")
                params += [until, until]
        cut = "" if limit is None else f" LIMIT {int(limit) + int(offset):d}"
        def order(date: str, x: str) -> str:  # expressions: PostgreSQL takes an output name only bare in ORDER BY
            return f"{date} IS NULL, {date}, a.published NULLS FIRST, {x}.article_id, {x}.seq"

        events = (f"SELECT 'event' AS what, e.article_id, e.id, e.seq, {ev_date} AS date, a.published AS article_published "
                  f"FROM events e JOIN articles a ON a.id = e.article_id "
                  f"{'WHERE ' + ' AND '.join(ev_where) if ev_where else ''} ORDER BY {order(ev_date, 'e')}{cut}")
        statements = (f"SELECT 'statement' AS what, s.article_id, s.id, s.seq, {st_date} AS date, "
                      "a.published AS article_published FROM statements s JOIN articles a ON a.id = s.article_id "
                      f"{'WHERE ' + ' AND '.join(st_where) if st_where else ''} ORDER BY {order(st_date, 's')}{cut}")
        # (every subquery named: PostgreSQL before 16 requires it)
        sql = (f"SELECT * FROM (SELECT * FROM ({events}) ev UNION ALL SELECT * FROM ({statements}) st) r "
               "ORDER BY r.date IS NULL, r.date, r.article_published NULLS FIRST, r.article_id, r.what, r.seq "
               "LIMIT ? OFFSET ?")
        keys = self.con.execute(sql, [*ev_params, *st_params, self.dialect.no_limit if limit is None else int(limit),
                                      int(offset)]).fetchall()
        names: dict[tuple[str, str], str] = {}
        for aid in {r["article_id"] for r in keys}:
            for x in self.con.execute("SELECT id, name FROM actors WHERE article_id = ?", (aid,)):
                names[(aid, x["id"])] = x["name"]
        out = []
        for k in keys:
            if k["what"] == "event":
                r = self.con.execute(
                    "SELECT e.type, e.modality, e.sources_json AS who_json, e.targets_json AS whom_json, "
                    "e.trigger_text AS trigger, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
                    "AS text, e.place_text AS place, e.statement_id, a.title AS article_title, a.site AS article_site, "
                    "CASE WHEN e.time_resolved IS NOT NULL THEN 'event time' WHEN a.published IS NOT NULL "
                    "THEN 'published' END AS dated_by FROM events e JOIN articles a ON a.id = e.article_id "
                    "WHERE e.article_id = ? AND e.id = ?", (k["article_id"], k["id"])).fetchone()
            else:
                r = self.con.execute(
                    "SELECT s.kind AS type, NULL AS modality, CASE WHEN s.speaker_actor IS NULL THEN '[]' "
                    "ELSE json_array(s.speaker_actor) END AS who_json, '[]' AS whom_json, s.cue_text AS trigger, "
                    "s.content_text AS text, NULL AS place, NULL AS statement_id, a.title AS article_title, "
                    "a.site AS article_site, CASE WHEN a.published IS NOT NULL THEN 'published' END AS dated_by "
                    "FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND s.id = ?",
                    (k["article_id"], k["id"])).fetchone()
            d = {"what": k["what"], "article_id": k["article_id"], "id": k["id"], "seq": k["seq"], "date": k["date"],
                 "dated_by": r["dated_by"], "type": r["type"], "modality": r["modality"], "trigger": r["trigger"],
                 "text": r["text"], "place": r["place"], "statement_id": r["statement_id"],
                 "article_title": r["article_title"], "article_site": r["article_site"],
                 "article_published": k["article_published"]}
            d["who"] = [names.get((k["article_id"], i), i) for i in json.loads(r["who_json"])]
            d["whom"] = [names.get((k["article_id"], i), i) for i in json.loads(r["whom_json"])]
            out.append(d)
        return out

    def actors(self, *, name: str | None = None, kind: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Actors grouped by (name, kind) across articles, with how many articles and statements they have."""
        where, params = [], []
        if name:
            where.append("instr(onrecord_fold(a.name), ?) > 0")
            params.append(self.dialect.fold(name))
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        # Group, order and cut to the page first; roles and affiliations only for the page's rows (computing them
        # for every group made the 15 most quoted of 18,000 actors cost 250 ms).
        sql = (
            "SELECT p.id, p.name, p.kind, p.articles, p.statements, "
            "(SELECT json_group_array(DISTINCT r.value) FROM actors a2, json_each(a2.roles_json) r "
            " WHERE a2.name = p.name AND a2.kind = p.kind) AS roles_json, "
            "(SELECT json_group_array(DISTINCT a3.affiliation) FROM actors a3 "
            " WHERE a3.name = p.name AND a3.kind = p.kind AND a3.affiliation IS NOT NULL) AS affiliations_json "
            "FROM (SELECT MIN(a.id) AS id, a.name, a.kind, COUNT(DISTINCT a.article_id) AS articles, "
            "COUNT(s.id) AS statements "
            "FROM actors a LEFT JOIN statements s ON s.article_id = a.article_id AND s.speaker_actor = a.id "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} "
            "GROUP BY a.name, a.kind ORDER BY statements DESC, articles DESC, a.name LIMIT ? OFFSET ?) p "
            "ORDER BY p.statements DESC, p.articles DESC, p.name")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows = []
        for r in self.con.execute(sql, params):
            d = dict(r)
            d["roles"] = sorted(json.loads(d.pop("roles_json")))
            d["affiliations"] = sorted(json.loads(d.pop("affiliations_json")))
            rows.append(d)
        return rows

    # -- the record across articles (onrecord.consolidate) ------------------------------------------------------

    def all_articles(self) -> Iterable[Article]:
        """Every stored article, oldest ingest first (one at a time)."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY ingested_at, id")]
        for aid in ids:
            art = self.get(aid)
            if art is not None:
                yield art

    def overrides(self) -> list[dict[str, Any]]:
        """The user's merge decisions (``force``/``forbid`` pairs), oldest first."""
        return [dict(r) for r in self.con.execute("SELECT * FROM actor_overrides ORDER BY id")]

    def add_override(self, action: str, a: str, b: str, note: str | None = None) -> tuple[int, bool]:
        """Record a ``force``/``forbid`` decision on a pair of actor selectors; returns (id, newly added).

        The opposite decision on the same pair is replaced (a pair cannot be both forced and forbidden).
        """
        from .consolidate import OVERRIDE_ACTIONS

        if action not in OVERRIDE_ACTIONS:
            raise StoreError(f"override action must be one of {', '.join(OVERRIDE_ACTIONS)}, not {action!r}",
                             source=self.location)
        a, b = (a or "").strip(), (b or "").strip()
        if not a or not b:
            raise StoreError("an override needs two non-empty actor names or ARTICLE:ACTOR ids",
                             source=self.location)
        if a.casefold() == b.casefold():
            raise StoreError(f"an override needs two different actors, got {a!r} twice", source=self.location)
        a, b = sorted((a, b), key=str.casefold)
        self.dialect.begin(self.con, _CONSOLIDATION_LOCK)
        try:
            row = self.con.execute("SELECT id FROM actor_overrides WHERE action = ? AND a = ? AND b = ?",
                                   (action, a, b)).fetchone()
            if row:
                self.con.execute("ROLLBACK")
                return int(row[0]), False
            self.con.execute("DELETE FROM actor_overrides WHERE a = ? AND b = ?", (a, b))
            oid = self.con.execute("INSERT INTO actor_overrides(action, a, b, note, created_at) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id", (action, a, b, note, _now())).fetchone()[0]
            self.con.execute("COMMIT")
            return int(oid), True
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def delete_override(self, override_id: int) -> bool:
        """Remove one override; False if there is none with this id."""
        self.dialect.begin(self.con, _CONSOLIDATION_LOCK)
        try:
            gone = self.con.execute("DELETE FROM actor_overrides WHERE id = ?", (int(override_id),)).rowcount
            self.con.execute("COMMIT")
            return gone > 0
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def consolidate(self) -> dict[str, Any]:
        """Recompute actor clusters, quote clusters and stance points over every stored article, in one
        transaction (a failure leaves the previous result in place); the overrides are applied, not changed.

        Returns counts and the overrides that selected no stored actor.
        """
        from .consolidate import Override, consolidate

        try:
            self.dialect.begin(self.con, _CONSOLIDATION_LOCK)
        except self.dialect.errors as err:
            raise StoreError(f"cannot start a write: {err}", source=self.location) from err
        try:
            overrides = [Override(r["action"], r["a"], r["b"], id=r["id"], note=r["note"]) for r in
                         self.con.execute("SELECT * FROM actor_overrides ORDER BY id")]
            articles = list(self.all_articles())
            result = consolidate(articles, overrides)
            for table in ("stance_points", "quote_cluster_members", "quote_clusters", "actor_cluster_members",
                          "actor_clusters"):
                self.con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self.con.executemany("INSERT INTO actor_clusters(id, name, kind) VALUES (?, ?, ?)",
                                 ((c.id, c.name, c.kind) for c in result.actors))
            self.con.executemany(
                "INSERT INTO actor_cluster_members(cluster_id, article_id, actor_id, seq, because) "
                "VALUES (?, ?, ?, ?, ?)",
                ((c.id, m.article_id, m.actor_id, i, m.because) for c in result.actors
                 for i, m in enumerate(c.members)))
            self.con.executemany("INSERT INTO quote_clusters(id, text, speaker_cluster) VALUES (?, ?, ?)",
                                 ((q.id, q.text, q.speaker) for q in result.quotes))
            self.con.executemany(
                "INSERT INTO quote_cluster_members(cluster_id, article_id, statement_id, segment, seq, quote_text, "
                "similarity, because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((q.id, s.article_id, s.statement_id, s.segment, i, s.text, s.similarity, s.because)
                 for q in result.quotes
                 for i, s in enumerate(q.sources)))
            self.con.executemany(
                "INSERT INTO stance_points(cluster_id, topic, stance, date, article_id, stance_id, evidence_json, "
                "because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((p.cluster, p.topic, p.stance, p.date, p.article_id, p.stance_id, _dump(list(p.evidence)),
                  p.because) for p in result.stances))
            summary = {
                "articles": len(articles),
                "actor_clusters": len(result.actors),
                "merged_actor_clusters": sum(1 for c in result.actors if len({m.article_id for m in c.members}) > 1),
                "quote_clusters": len(result.quotes),
                "quotes_with_several_sources": sum(1 for q in result.quotes if len(q.sources) > 1),
                "stance_points": len(result.stances),
                "unused_overrides": [{"id": o.id, "action": o.action, "a": o.a, "b": o.b}
                                     for o in result.unused_overrides],
            }
            self.con.execute(
                "INSERT INTO consolidation_runs(ran_at, articles, actor_clusters, quote_clusters, stance_points) "
                "VALUES (?, ?, ?, ?, ?)", (_now(), summary["articles"], summary["actor_clusters"],
                                           summary["quote_clusters"], summary["stance_points"]))
            self.con.execute("COMMIT")
            return summary
        except BaseException as err:
            self.con.execute("ROLLBACK")
            if isinstance(err, self.dialect.errors):
                raise StoreError(f"cannot store the consolidation: {err}", source=self.location) from err
            raise

    def last_consolidation(self) -> dict[str, Any] | None:
        """The latest consolidation run (when, over how many articles), or None if there has been none."""
        row = self.con.execute("SELECT * FROM consolidation_runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None

    def actor_clusters(self, *, name: str | None = None, kind: str | None = None, merged_only: bool = False,
                       actor_id: str | None = None, limit: int | None = None,
                       offset: int = 0) -> list[dict[str, Any]]:
        """Actor clusters with their spellings, article and statement counts, and why each member joined.

        ``name`` is a case-insensitive substring of any spelling; ``merged_only`` keeps clusters that span
        several articles or spellings; ``actor_id`` keeps the clusters that have a member with that actor id.
        """
        where, params = [], []
        if actor_id:
            where.append("c.id IN (SELECT cluster_id FROM actor_cluster_members WHERE actor_id = ?)")
            params.append(actor_id)
        if name:
            where.append("EXISTS (SELECT 1 FROM actor_cluster_members m2 JOIN actors a2 ON a2.article_id = "
                         "m2.article_id AND a2.id = m2.actor_id WHERE m2.cluster_id = c.id AND "
                         "instr(onrecord_fold(a2.name), ?) > 0)")
            params.append(_fold(name))
        if kind:
            where.append("c.kind = ?")
            params.append(kind)
        having = "HAVING COUNT(DISTINCT m.article_id) > 1 OR COUNT(DISTINCT a.name) > 1" if merged_only else ""
        sql = (
            "SELECT c.id, c.name, c.kind, COUNT(DISTINCT m.article_id) AS articles, COUNT(*) AS members, "
            "(SELECT COUNT(*) FROM actor_cluster_members m3 JOIN statements s ON s.article_id = m3.article_id "
            " AND s.speaker_actor = m3.actor_id WHERE m3.cluster_id = c.id) AS statements, "
            "json_group_array(DISTINCT a.name) AS spellings_json "
            "FROM actor_clusters c JOIN actor_cluster_members m ON m.cluster_id = c.id "
            "JOIN actors a ON a.article_id = m.article_id AND a.id = m.actor_id "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY c.id {having} "
            "ORDER BY articles DESC, statements DESC, c.name, c.id LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows = []
        for r in self.con.execute(sql, params).fetchall():
            d = dict(r)
            d["spellings"] = sorted(json.loads(d.pop("spellings_json")), key=_text_order)
            d["members_detail"] = [dict(m) for m in self.con.execute(
                "SELECT m.article_id, m.actor_id, a.name, a.affiliation, m.because, x.site, x.published "
                "FROM actor_cluster_members m JOIN actors a ON a.article_id = m.article_id AND a.id = m.actor_id "
                "JOIN articles x ON x.id = m.article_id WHERE m.cluster_id = ? ORDER BY m.seq", (d["id"],))]
            rows.append(d)
        return rows

    def quote_clusters(self, *, speaker: str | None = None, min_sources: int = 1, limit: int | None = 100,
                       offset: int = 0) -> list[dict[str, Any]]:
        """Quote clusters: one quote with every article that carries it (site, date, the text as that outlet has
        it, the similarity and why).  ``speaker`` is a substring of the speaker cluster's name or spellings."""
        where, params = [], []
        if speaker:
            where.append("EXISTS (SELECT 1 FROM actor_cluster_members m2 JOIN actors a2 ON a2.article_id = "
                         "m2.article_id AND a2.id = m2.actor_id WHERE m2.cluster_id = q.speaker_cluster AND "
                         "instr(onrecord_fold(a2.name), ?) > 0)")
            params.append(_fold(speaker))
        sql = ("SELECT q.id, q.text, q.speaker_cluster, c.name AS speaker, COUNT(*) AS sources, "
               "COUNT(DISTINCT x.site) AS sites, MIN(x.published) AS first_published "
               "FROM quote_clusters q JOIN quote_cluster_members m ON m.cluster_id = q.id "
               "JOIN articles x ON x.id = m.article_id LEFT JOIN actor_clusters c ON c.id = q.speaker_cluster "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} GROUP BY q.id, c.name HAVING COUNT(*) >= ? "
               "ORDER BY sources DESC, first_published NULLS FIRST, q.id LIMIT ? OFFSET ?")
        params += [int(min_sources), self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows = []
        for r in self.con.execute(sql, params).fetchall():
            d = dict(r)
            d["outlets"] = [dict(m) for m in self.con.execute(
                "SELECT m.article_id, m.statement_id, m.segment, x.site, x.published, m.quote_text, m.similarity, "
                "m.because "
                "FROM quote_cluster_members m JOIN articles x ON x.id = m.article_id WHERE m.cluster_id = ? "
                "ORDER BY x.published NULLS FIRST, m.seq", (d["id"],))]
            rows.append(d)
        return rows

    def stance_timeline(self, *, actor: str | None = None, topic: str | None = None, limit: int | None = None,
                        offset: int = 0) -> list[dict[str, Any]]:
        """Stances per actor cluster and topic across articles, in date order; ``changed`` marks a stance that
        differs from the previous one of the same actor on the same topic."""
        where, params = [], []
        if actor:
            where.append("EXISTS (SELECT 1 FROM actor_cluster_members m2 JOIN actors a2 ON a2.article_id = "
                         "m2.article_id AND a2.id = m2.actor_id WHERE m2.cluster_id = p.cluster_id AND "
                         "instr(onrecord_fold(a2.name), ?) > 0)")
            params.append(_fold(actor))
        if topic:
            where.append("onrecord_fold(p.topic) = ?")
            params.append(_fold(topic))
        sql = ("SELECT p.cluster_id, c.name AS actor, p.topic, p.date, p.stance, p.article_id, x.site, "
               "p.stance_id, p.evidence_json, p.because FROM stance_points p "
               "LEFT JOIN actor_clusters c ON c.id = p.cluster_id JOIN articles x ON x.id = p.article_id "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} "
               "ORDER BY c.name NULLS FIRST, p.cluster_id, p.topic, p.date IS NULL, p.date, x.published NULLS FIRST, "
               "p.article_id, "
               "p.stance_id LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        rows, last = [], {}
        for r in self.con.execute(sql, params):
            d = dict(r)
            d["evidence"] = json.loads(d.pop("evidence_json"))
            key = (d["cluster_id"], d["topic"])
            d["changed"] = key in last and last[key] != d["stance"]
            last[key] = d["stance"]
            rows.append(d)
        return rows

    def articles(self, *, search: str | None = None, site: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles (metadata and counts, not the text), newest ingest first or best match first.

        ``site`` is a case-insensitive substring of the outlet; ``since``/``until`` bound the publication date.
        """
        join, where, params = "", [], []
        order = "a.ingested_at DESC, a.id"
        if search is not None and search.strip():
            query = self.dialect.fts("articles_fts", "f", search)
            if query is None:
                return []
            extra, condition, rank, query = query
            join, order = "JOIN articles_fts f ON f.article_id = a.id" + extra, rank + ", " + order
            where.append(condition)
            params.append(query)
        self._outlet_and_days(where, params, site=site, since=since, until=until)
        words_only = bool(join) and len(where) == 1 and self.dialect.name == "sqlite"
        if words_only:  # FTS5 answers "ORDER BY rank LIMIT" itself, several times faster than through a join
            inner = ("SELECT f.article_id AS k_id, f.rank AS k_rank FROM articles_fts f "
                     "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?")
        else:
            inner = (f"SELECT a.id AS k_id{', ' + _rank_key(rank)[0] + ' AS k_rank' if join else ''} "
                     f"FROM articles a {join} "
                     f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ? OFFSET ?")
        sql = (
            # the page's keys first (ordered, cut), then the counts for those rows only
            "SELECT a.id, a.title, a.source, a.site, a.published, a.author, a.ingested_at, "
            "length(a.text) AS chars, "
            "(SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements, "
            "(SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id) AS actors "
            f"FROM ({inner}) p JOIN articles a ON a.id = p.k_id "
            f"ORDER BY {'p.k_rank' + _rank_key(rank)[1] + ', ' if join else ''}"
            f"{'a.id' if words_only else 'a.ingested_at DESC, a.id'}")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        return [dict(r) for r in self.con.execute(sql, params)]

    # -- feeds (``onrecord watch``) -------------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What the last poll of this feed left: validators (etag, last_modified), status, counts."""
        row = self.con.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return dict(row) if row is not None else None

    def save_feed_state(self, url: str, *, etag: str | None, last_modified: str | None, title: str | None,
                        status: str, error: str | None) -> None:
        self.con.execute(
            "INSERT INTO feeds(url, title, etag, last_modified, last_polled, last_status, last_error, polls, "
            "failures) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT(url) DO UPDATE SET "
            "title = coalesce(excluded.title, feeds.title), etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_polled = excluded.last_polled, "
            "last_status = excluded.last_status, last_error = excluded.last_error, polls = feeds.polls + 1, "
            "failures = feeds.failures + excluded.failures",
            (url, title, etag, last_modified, _now(), status, error, 1 if status == "failed" else 0))

    def seen_feed_item(self, url: str, feed_url: str, guid: str | None) -> dict[str, Any] | None:
        """The record of a feed entry fetched before: the same page URL, or the same guid in the same feed."""
        row = self.con.execute(
            "SELECT * FROM feed_items WHERE url = ? OR (feed_url = ? AND guid = ?) ORDER BY url = ? DESC LIMIT 1",
            (url, feed_url, guid, url)).fetchone()
        return dict(row) if row is not None else None

    def record_feed_item(self, url: str, *, feed_url: str, guid: str | None, title: str | None,
                         published: str | None, status: str, error: str | None, article_id: str | None) -> None:
        """Record (or update, counting the attempt) what fetching one feed entry gave."""
        now = _now()
        self.con.execute(
            "INSERT INTO feed_items(url, feed_url, guid, title, published, status, error, attempts, article_id, "
            "first_seen, last_tried) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "status = excluded.status, error = excluded.error, attempts = feed_items.attempts + 1, "
            "article_id = coalesce(excluded.article_id, feed_items.article_id), last_tried = excluded.last_tried",
            (url, feed_url, guid, title, published, status, error, article_id, now, now))

    def feeds(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Polled feeds with their last status and how many of their entries were stored or failed."""
        sql = ("SELECT f.url, f.title, f.last_status, f.last_polled, f.polls, f.failures, f.last_error, "
               "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status = 'stored') AS stored, "
               "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status IN ('failed', 'retry')) "
               "AS failed_items FROM feeds f ORDER BY f.url LIMIT ? OFFSET ?")
        return [dict(r) for r in self.con.execute(
            sql, [self.dialect.no_limit if limit is None else int(limit), int(offset)])]

    def feed_items(self, *, feed_url: str | None = None, status: str | None = None, limit: int | None = 100,
                   offset: int = 0) -> list[dict[str, Any]]:
        """Feed entries fetched so far, newest first."""
        where, params = [], []
        if feed_url:
            where.append("feed_url = ?")
            params.append(feed_url)
        if status:
            where.append("status = ?")
            params.append(status)
        sql = (f"SELECT * FROM feed_items {'WHERE ' + ' AND '.join(where) if where else ''} "
               "ORDER BY last_tried DESC, url LIMIT ? OFFSET ?")
        params += [self.dialect.no_limit if limit is None else int(limit), int(offset)]
        return [dict(r) for r in self.con.execute(sql, params)]

    # -- the reader's queries (the web server and the CLI share them) -------------------------------------------

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor across all articles by id: its names, how the articles refer to it, roles, affiliations
        and counts; None when no article has it."""
        row = self.con.execute(
            "SELECT COUNT(*) AS articles, "
            "(SELECT COUNT(*) FROM statements s WHERE s.speaker_actor = ?) AS statements "
            "FROM actors WHERE id = ?", (actor_id, actor_id)).fetchone()
        if not row["articles"]:
            return None
        names = [dict(r) for r in self.con.execute(
            "SELECT name, kind, COUNT(*) AS articles FROM actors WHERE id = ? GROUP BY name, kind "
            "ORDER BY articles DESC, name", (actor_id,))]
        roles = [r[0] for r in self.con.execute(
            "SELECT DISTINCT r.value FROM actors a, json_each(a.roles_json) r WHERE a.id = ? ORDER BY r.value",
            (actor_id,))]
        affiliations = [r[0] for r in self.con.execute(
            "SELECT DISTINCT affiliation FROM actors WHERE id = ? AND affiliation IS NOT NULL ORDER BY affiliation",
            (actor_id,))]
        # How the texts refer to it: the surface form of every mention (names, surnames, "he", roles).
        start, end = self.dialect.json_int("m.value", 0), self.dialect.json_int("m.value", 1)
        spellings = [dict(r) for r in self.con.execute(
            f"SELECT substr(t.text, {start} + 1, {end} - {start}) AS spelling, COUNT(*) AS mentions "
            "FROM actors a JOIN articles t ON t.id = a.article_id, json_each(a.mentions_json) m "
            "WHERE a.id = ? GROUP BY spelling ORDER BY mentions DESC, spelling", (actor_id,))]
        return {"id": actor_id, "name": names[0]["name"], "kind": names[0]["kind"], "names": names,
                "spellings": spellings, "roles": roles, "affiliations": affiliations,
                "articles": row["articles"], "statements": row["statements"]}

    def fingerprint(self) -> tuple:
        """Changes whenever stored data does (an article added or deleted, a correction, a consolidation): a cheap
        key under which a reader may cache what it computed from the database.

        SQLite's ``data_version`` changes on this connection whenever another connection commits, so while it
        stands still the last fingerprint is returned without a query (writes on this connection itself are
        counted by ``total_changes``)."""
        version = self.dialect.data_version(self.con)  # PostgreSQL: None, no such counter: always ask
        cached = getattr(self, "_fingerprint", None)
        if version is not None and cached is not None and cached[0] == version:
            return cached[1]
        value = tuple(self.con.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT MAX(ingested_at) FROM articles), "
            "(SELECT COUNT(*) FROM corrections), (SELECT MAX(id) FROM corrections), "
            "(SELECT MAX(id) FROM consolidation_runs), (SELECT COUNT(*) FROM actor_overrides)").fetchone())
        self._fingerprint = (version, value)
        return value

    def counts(self) -> dict[str, int]:
        """How much is stored: articles, statements, events, distinct actors, corrections."""
        r = self.con.execute(
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM statements) AS statements, "
            "(SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(DISTINCT id) FROM actors) AS actors, "
            "(SELECT COUNT(*) FROM corrections) AS corrections").fetchone()
        return dict(r)

    def statements_per_day(self, *, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Statement counts per publication day and speaker party (None: no affiliation known), oldest first;
        undated articles are left out."""
        where, params = [f"{_DAY} IS NOT NULL"], []
        self._outlet_and_days(where, params, since=since, until=until)
        sql = (f"SELECT {_DAY} AS day, {_PARTY} AS party, COUNT(*) AS statements "
               "FROM statements s JOIN articles a ON a.id = s.article_id "
               "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
               f"WHERE {' AND '.join(where)} GROUP BY day, party ORDER BY day, statements DESC, party NULLS FIRST")
        return [dict(r) for r in self.con.execute(sql, params)]

    # -- corrections --------------------------------------------------------------------------------------------

    def correct_speaker(self, article_id: str, statement_id: str, actor_id: str | None, *,
                        note: str | None = None) -> dict[str, Any]:
        """Attribute a statement to another actor of the same article (or to nobody: ``actor_id`` None).

        The statement keeps its speaker mention; its actor changes and its resolution becomes ``corrected``.
        The previous attribution is kept in ``corrections``; the search row follows. One transaction.
        Raises ``StoreError`` when the article, the statement or the actor does not exist.
        """
        self.dialect.begin(self.con, article_id)
        try:
            st = self.con.execute("SELECT speaker_actor, speaker_name, speaker_text, resolution FROM statements "
                                  "WHERE article_id = ? AND id = ?", (article_id, statement_id)).fetchone()
            if st is None:
                raise StoreError(f"no statement {statement_id!r} in article {article_id!r}", source=self.location)
            name = None
            if actor_id is not None:
                actor = self.con.execute("SELECT name FROM actors WHERE article_id = ? AND id = ?",
                                         (article_id, actor_id)).fetchone()
                if actor is None:
                    raise StoreError(f"no actor {actor_id!r} in article {article_id!r}", source=self.location)
                name = actor["name"]
            old = {"actor": st["speaker_actor"], "name": st["speaker_name"], "resolution": st["resolution"]}
            new = {"actor": actor_id, "name": name, "resolution": "corrected"}
            self.con.execute("UPDATE statements SET speaker_actor = ?, speaker_name = ?, resolution = 'corrected' "
                             "WHERE article_id = ? AND id = ?", (actor_id, name, article_id, statement_id))
            self.con.execute("UPDATE statements_fts SET speaker = ? WHERE article_id = ? AND statement_id = ?",
                             (" ".join(x for x in (name, st["speaker_text"]) if x), article_id, statement_id))
            cid = self.con.execute(
                "INSERT INTO corrections(article_id, statement_id, field, old_json, new_json, note, at) "
                "VALUES (?, ?, 'speaker', ?, ?, ?, ?) RETURNING id",
                (article_id, statement_id, _dump(old), _dump(new), note, _now())).fetchone()[0]
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return {"id": int(cid), "article_id": article_id, "statement_id": statement_id, "field": "speaker",
                "old": old, "new": new, "note": note}

    def corrections(self, *, article_id: str | None = None, limit: int | None = 100,
                    offset: int = 0) -> list[dict[str, Any]]:
        """Hand corrections, newest first, with the values they replaced."""
        where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        rows = self.con.execute(f"SELECT * FROM corrections {where} ORDER BY id DESC LIMIT ? OFFSET ?",
                                [*params, self.dialect.no_limit if limit is None else int(limit), int(offset)])
        out = []
        for r in rows:
            d = dict(r)
            d["old"], d["new"] = json.loads(d.pop("old_json")), json.loads(d.pop("new_json"))
            out.append(d)
        return out

def _statement_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A statement row for output: spans decoded, the speaker shown as the actor name when resolved."""
    return {
        "article_id": r["article_id"],
        "id": r["id"],
        "kind": r["kind"],
        "speaker": r["speaker_name"] or r["speaker_text"],
        "content": r["content_text"],
        "speaker_text": r["speaker_text"],
        "speaker_actor": r["speaker_actor"],
        "speaker_name": r["speaker_name"],
        "resolution": r["resolution"],
        "cue": r["cue_text"],
        "medium": r["medium_text"],
        "content_spans": [list(s) for s in _load_spans(r["content_spans_json"])],
        "sentence_span": [r["sentence_start"], r["sentence_end"]],
        "article_title": r["article_title"],
        "site": r["article_site"],
        "published": r["article_published"],
        "article_source": r["article_source"],
        "speaker_party": r["speaker_party"],
    }


def _event_dict(r: sqlite3.Row, names: dict[tuple[str, str], str]) -> dict[str, Any]:
    """An event row for output: actor ids named (an id stays when the actor is not stored), spans decoded."""
    def named(raw: str) -> list[str]:
        return [names.get((r["article_id"], i), i) for i in json.loads(raw)]

    return {
        "article_id": r["article_id"],
        "id": r["id"],
        "type": r["type"],
        "trigger": r["trigger_text"],
        "sources": named(r["sources_json"]),
        "targets": named(r["targets_json"]),
        "modality": r["modality"],
        "time": r["time_text"],
        "date": r["time_resolved"],
        "place": r["place_text"],
        "country": r["place_country"],
        "statement_id": r["statement_id"],
        "source_ids": json.loads(r["sources_json"]),
        "target_ids": json.loads(r["targets_json"]),
        "trigger_span": list(_load_span(r["trigger_span_json"])),
        "sentence_span": [r["sentence_start"], r["sentence_end"]],
        "article_title": r["article_title"],
        "article_published": r["article_published"],
        "article_source": r["article_source"],
    }
