"""The schema: named, ordered, append-only migrations, and how a store applies them.

Each applied migration is recorded in ``migrations`` and (SQLite) ``PRAGMA user_version`` holds their count, so
later schema changes are additive and a database written by a newer onrecord is refused instead of misread.  A
statement that must differ on PostgreSQL is written as ``{"sqlite": …, "postgresql": …}`` (or, for SQL built from
the dialect, as a function of it that returns the statements: 0013's backfill); the PostgreSQL dialect
(``postgres.py``) also rewrites the SQLite-only statements of the first migration (FTS5 tables, functions).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ..errors import StoreError
from . import summary
from .sql import transaction

log = logging.getLogger(__name__)

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
    ("0007_warnings", (
        # The layers an article's record is missing or has cut short (model.LayerWarning), one row each, written
        # in the article's transaction.  An article with a row here is not "already stored": the next ingest redoes
        # it.  A table of its own, not a column of articles: "stored whole?" stays an index-only lookup of the id.
        """CREATE TABLE article_warnings (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            code TEXT NOT NULL,
            layer TEXT NOT NULL,
            message TEXT NOT NULL,
            PRIMARY KEY (article_id, seq))""",
    )),
    # what a statement is (speech | writing | belief | attitude | finding, nlp/speech.py); rows stored before
    # it are speech
    ("0008_statement_type", (
        "ALTER TABLE statements ADD COLUMN type TEXT NOT NULL DEFAULT 'speech'",
    )),
    # an event's PLOVER fields (mode, context, surface_type, issue; nlp/plover.py) as one JSON object; rows stored
    # before it have NULL and read back with none
    ("0009_event_plover", (
        "ALTER TABLE events ADD COLUMN plover_json TEXT",
    )),
    ("0010_times", (
        # the times layer: every temporal expression as JSON on its article (read whole with the article, never
        # queried alone), where the publication date came from, and the expression an event's time is
        "ALTER TABLE articles ADD COLUMN times_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE articles ADD COLUMN published_source TEXT",
        "ALTER TABLE events ADD COLUMN time_id TEXT",
    )),
    ("0011_consolidation_index", (
        # Incremental consolidation (store/incremental.py): what the last run covered, and the indexes that let the
        # next one recompute only the blocks and quote components that changed.  None of these tables references
        # articles except consolidation_marks, so a deleted or replaced article is still seen as gone.
        "CREATE TABLE consolidated_articles (article_id TEXT PRIMARY KEY)",
        """CREATE TABLE consolidation_marks (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE)""",
        "CREATE TABLE consolidated_overrides (id BIGINT PRIMARY KEY, action TEXT NOT NULL, a TEXT NOT NULL, "
        "b TEXT NOT NULL)",
        "CREATE TABLE consolidation_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # one row per (article, actor) node, with what the actor rules read and the block it falls in
        """CREATE TABLE actor_nodes (
            article_id TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            pub TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            affiliation TEXT,
            block TEXT NOT NULL,
            fname TEXT NOT NULL,
            given TEXT,
            cluster_id TEXT NOT NULL,
            PRIMARY KEY (article_id, actor_id))""",
        "CREATE INDEX actor_nodes_block ON actor_nodes(block)",
        "CREATE INDEX actor_nodes_fname ON actor_nodes(fname)",
        "CREATE INDEX actor_nodes_given ON actor_nodes(given)",
        "CREATE INDEX actor_nodes_cluster ON actor_nodes(cluster_id, block)",
        # one row per quoted passage; component: its connected component in the pair graph (a label)
        """CREATE TABLE quote_passages (
            id BIGINT PRIMARY KEY,
            article_id TEXT NOT NULL,
            statement_id TEXT NOT NULL,
            segment INTEGER NOT NULL,
            speaker_actor TEXT,
            size INTEGER NOT NULL,
            component BIGINT NOT NULL,
            cluster_id TEXT NOT NULL)""",
        "CREATE INDEX quote_passages_article ON quote_passages(article_id, speaker_actor)",
        "CREATE INDEX quote_passages_component ON quote_passages(component)",
        # every bigram of every passage by hash, flagged when it is in the passage's prefix
        {"sqlite": "CREATE TABLE quote_bigrams (h INTEGER NOT NULL, passage INTEGER NOT NULL, prefix INTEGER NOT NULL, "
                   "PRIMARY KEY (h, passage)) WITHOUT ROWID",
         "postgresql": "CREATE TABLE quote_bigrams (h BIGINT NOT NULL, passage BIGINT NOT NULL, prefix INTEGER NOT "
                       "NULL, PRIMARY KEY (h, passage))"},
        "CREATE TABLE quote_common_bigrams (h BIGINT PRIMARY KEY)",
    )),
    # coreference (nlp/coref.py): the rule that linked each mention, and every affiliation with the span that says
    # so; rows stored before it read back with their mentions linked by name and no affiliation spans
    ("0012_actor_links", (
        "ALTER TABLE actors ADD COLUMN resolutions_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE actors ADD COLUMN affiliations_json TEXT NOT NULL DEFAULT '[]'",
    )),
    # What the actor list and the actor pages aggregate, kept per article at ingest (store/summary.py): the GROUP
    # BY over every actor row took 48.7 s on a 58,605-article store.  Filled from the stored articles here.
    ("0013_actor_summary", (
        """CREATE TABLE actor_names (
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            fname TEXT NOT NULL,
            articles INTEGER NOT NULL,
            statements INTEGER NOT NULL,
            PRIMARY KEY (name, kind))""",
        # the list's order, whole and by kind, so a page is an index range
        "CREATE INDEX actor_names_rank ON actor_names(statements DESC, articles DESC, name, kind)",
        "CREATE INDEX actor_names_kind_rank ON actor_names(kind, statements DESC, articles DESC, name)",
        """CREATE TABLE actor_name_facets (
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (name, kind, facet, value))""",
        """CREATE TABLE actor_ids (
            id TEXT PRIMARY KEY,
            articles INTEGER NOT NULL,
            statements INTEGER NOT NULL)""",
        """CREATE TABLE actor_id_facets (
            id TEXT NOT NULL,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            kind TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (id, facet, value, kind))""",
        """CREATE TABLE event_parties (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (article_id, event_id, actor_id))""",
        # an actor's events in the reader's order (its articles' ingest, then text order), a range of this index
        "CREATE INDEX event_parties_actor ON event_parties(actor_id, ingested_at, article_id, seq, event_id)",
        # the actor page's other lookups by actor id: its stances, its clusters
        "CREATE INDEX stances_actor ON stances(actor_id)",
        "CREATE INDEX actor_cluster_members_actor ON actor_cluster_members(actor_id)",
        # the newest articles (the overview, /articles) and the fingerprint every cached page checks: MAX(ingested_at)
        # read the whole articles table (0.4 s on 58,605 articles, once per server thread and after every write)
        "CREATE INDEX articles_ingested ON articles(ingested_at, id)",
        summary.backfill,  # (a function of the dialect: the statements that fill the tables from every article)
    )),
    # Incremental consolidation in time proportional to what the new articles touch (store/incremental.py): a
    # passage's folded words, so a probe reads a stored candidate's bigrams instead of folding its statement again;
    # each bigram's passage count at the last full run, the prefix order (rarest first) that keeps probes short, in
    # place of the common-bigram set (the next run after this migration is a full one); and the nodes of a block in
    # node order, so the append path finds a block's last node without reading the block.  (0013: actor summaries.)
    ("0014_consolidation_signatures", (
        "ALTER TABLE quote_passages ADD COLUMN words TEXT",
        "CREATE TABLE quote_bigram_df (h BIGINT PRIMARY KEY, df INTEGER NOT NULL)",
        "DROP TABLE quote_common_bigrams",
        "CREATE INDEX actor_nodes_block_order ON actor_nodes(block, pub, article_id, seq)",
    )),
    # Each article's and statement's search row, by its FTS5 rowid: a search table finds rows by rowid only (its
    # article_id is UNINDEXED), so removing an article by article_id scanned the whole table (0.85 s an article
    # at 100k).  The FTS rowids are the table's own, kept across VACUUM.  PostgreSQL's search tables are indexed
    # on their keys: the columns stay empty there.
    ("0015_search_rowids", (
        "ALTER TABLE articles ADD COLUMN fts_rowid INTEGER",
        "ALTER TABLE statements ADD COLUMN fts_rowid INTEGER",
        {"sqlite": "UPDATE articles SET fts_rowid = f.rowid FROM articles_fts f WHERE f.article_id = articles.id",
         "postgresql": "SELECT 1"},
        {"sqlite": "UPDATE statements SET fts_rowid = f.rowid FROM statements_fts f "
                   "WHERE f.article_id = statements.article_id AND f.statement_id = statements.id",
         "postgresql": "SELECT 1"},
    )),
    # The actor page's statements: a speaker's statements in the reader's order (article ingest, then text order),
    # kept per article at ingest (store/summary.py) like event_parties, so a page of them is a range of an index
    # with LIMIT; statements(actor=…) sorted every statement of the speaker by its article's ingest time first
    # (19,716 for the most quoted actor of the 100k store).  Filled from the stored statements here.
    ("0016_statement_speakers", (
        """CREATE TABLE statement_speakers (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            statement_id TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (article_id, statement_id))""",
        "CREATE INDEX statement_speakers_actor ON statement_speakers(actor_id, ingested_at, article_id, seq)",
        summary.speakers_backfill,
    )),
    # The overview's statements per day and speaker's party, and the timeline's order of every event and statement,
    # kept per article at ingest (store/summary.py): the GROUP BY over every statement took 4 s at 100k articles and
    # the timeline's sort of all of them 2.8 s, after every write (both pages are cached until the database
    # changes).  known = 0: the speaker has no party (party is then ''); undated, pub_known: see summary.py.
    ("0017_statement_days", (
        """CREATE TABLE statement_days (
            day TEXT NOT NULL,
            known INTEGER NOT NULL,
            party TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, known, party))""",
        """CREATE TABLE timeline_keys (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            what TEXT NOT NULL,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            undated INTEGER NOT NULL,
            date TEXT NOT NULL,
            pub_known INTEGER NOT NULL,
            pub TEXT NOT NULL,
            PRIMARY KEY (article_id, what, id))""",
        "CREATE INDEX timeline_keys_order ON timeline_keys(undated, date, pub_known, pub, article_id, what, seq)",
        summary.days_backfill,
    )),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The write lock that overrides and consolidation take (SQLite: the one database lock; PostgreSQL: an advisory lock
# on this key, so consolidations and override changes take turns while articles are still being added).
CONSOLIDATION_LOCK = "onrecord:consolidation"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(store) -> None:
    """Bring ``store``'s database to ``SCHEMA_VERSION`` in one transaction (refusing a newer or a foreign one)."""
    con, dialect = store.con, store.dialect
    if dialect.user_version(con) > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {dialect.user_version(con)} is newer than this onrecord knows "
            f"({SCHEMA_VERSION}); upgrade onrecord", source=store.location)
    if dialect.user_version(con) == SCHEMA_VERSION:
        return
    with transaction(store, what="migrate the schema"):
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = dialect.user_version(con)
        if version == 0 and dialect.has_tables(con):
            what = "SQLite database" if dialect.name == "sqlite" else "PostgreSQL schema"
            raise StoreError(f"a {what} of another application (it has tables but no onrecord "
                             "schema version); refusing to write to it", source=store.location)
        con.execute("CREATE TABLE IF NOT EXISTS migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for number, (name, statements) in enumerate(MIGRATIONS[version:], start=version + 1):
            log.info("applying migration %s to %s", name, store.location)
            for step in statements:
                # a function of the dialect gives SQL that differs beyond the variants (0013's backfill)
                for statement in step(dialect) if callable(step) else (step,):
                    for sql in dialect.migration_sql(statement):
                        con.execute(sql)
            con.execute("INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
                        (number, name, now()))
        dialect.set_user_version(con, SCHEMA_VERSION)
