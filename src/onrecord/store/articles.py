"""Articles in and out: one transaction per article, idempotent by id, and the exact round trip.

* **One transaction per article.**  ``add`` writes the article, its actors, statements, events and the search rows
  in one transaction; any failure rolls everything back, so an article is stored whole or not at all (a full disk
  included: ``StorageFullError``).
* **Idempotent by id.**  Article ids hash the input text (see ``pipeline``); adding a stored id is a no-op that
  returns ``False`` — unless the stored article carries warnings (a layer missing or cut short): then ``add``
  replaces it in the same transaction, and ``has`` says False for it, so the next ingest redoes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Article
from . import rows, summary
from .schema import CONSOLIDATION_LOCK, now
from .sql import transaction


class ArticlesMixin:
    """Writing and reading whole articles (``Store`` mixes this in; ``self.con``/``self.dialect`` are its)."""

    def add(self, article: Article) -> bool:
        """Store one article in one transaction; False (nothing changed) if its id is already stored whole.

        A stored article with warnings is replaced by this one (True), so a rerun redoes the missing layers; its
        hand corrections are kept and applied again where they still fit."""
        with transaction(self, article.id, what=f"store article {article.id}"):
            stored = self.con.execute(
                "SELECT EXISTS (SELECT 1 FROM article_warnings w WHERE w.article_id = a.id) FROM articles a "
                "WHERE a.id = ?", (article.id,)).fetchone()
            corrections: list = []
            if stored is not None:
                if not stored[0]:
                    return False  # stored whole (the transaction wrote nothing: its commit changes nothing)
                # (PostgreSQL: a running consolidation must not store members of the row being replaced)
                self.dialect.lock(self.con, CONSOLIDATION_LOCK)
                corrections = self._saved_corrections(article.id)
                self._remove(article.id)
            self._insert(article)
            self._restore_corrections(article.id, corrections)
            return True

    def _insert(self, article: Article) -> None:
        # the search row first: the article keeps its rowid (SQLite), so removing it is not a scan of the table
        fts = self.dialect.search_rowid(self.con.execute(
            "INSERT INTO articles_fts(article_id, title, text) VALUES (?, ?, ?)",
            (article.id, article.title or "", article.text)))
        self.con.execute(
            "INSERT INTO articles(id, source, title, published, site, author, text, removed_json, ingested_at, "
            "times_json, published_source, fts_rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source, article.title, article.published, article.site, article.author,
             article.text, rows.dump([r.to_dict() for r in article.removed]), now(),
             rows.dump([t.to_dict() for t in article.times]), article.published_source, fts))
        self.con.executemany(
            "INSERT INTO article_warnings(article_id, seq, code, layer, message) VALUES (?, ?, ?, ?, ?)",
            ((article.id, i, w.code, w.layer, w.message) for i, w in enumerate(article.warnings)))
        self.con.executemany(
            "INSERT INTO actors(article_id, id, seq, name, kind, roles_json, affiliation, mentions_json, "
            "resolutions_json, affiliations_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rows.actor_row(article.id, i, a) for i, a in enumerate(article.actors)))
        for i, st in enumerate(article.statements):
            row = rows.statement_row(article, i, st)
            fts = self.dialect.search_rowid(self.con.execute(
                "INSERT INTO statements_fts(article_id, statement_id, content, speaker) VALUES (?, ?, ?, ?)",
                (article.id, st.id, st.content_text, " ".join(x for x in (row[11], st.speaker.text) if x))))
            self.con.execute(
                "INSERT INTO statements(article_id, id, seq, kind, content_text, content_spans_json, cue_text, "
                "cue_span_json, speaker_text, speaker_span_json, speaker_actor, speaker_name, resolution, "
                "medium_text, medium_span_json, sentence_start, sentence_end, type, fts_rowid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, fts))
        self.con.executemany(
            "INSERT INTO events(article_id, id, seq, type, trigger_text, trigger_span_json, sentence_start, "
            "sentence_end, sources_json, targets_json, modality, time_text, time_span_json, time_resolved, "
            "place_text, place_span_json, place_country, statement_id, plover_json, time_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rows.event_row(article.id, i, e) for i, e in enumerate(article.events)))
        self.con.executemany(
            "INSERT INTO topics(article_id, id, seq, name, label, aliases_json, mentions_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((article.id, t.id, i, t.name, t.label, rows.dump(list(t.aliases)),
              rows.dump([list(m) for m in t.mentions])) for i, t in enumerate(article.topics)))
        self.con.executemany(
            "INSERT INTO stances(article_id, id, seq, actor_id, topic_id, stance, evidence_json, spans_json, date, "
            "because) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((article.id, st.id, i, st.actor, st.topic, st.stance, rows.dump(list(st.evidence)),
              rows.dump([list(x) for x in st.spans]), st.date, st.because) for i, st in enumerate(article.stances)))
        summary.article_added(self, article.id)  # the actor summaries the list and actor pages read

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
        with transaction(self, article_id, CONSOLIDATION_LOCK, what=f"delete article {article_id}"):
            return self._remove(article_id)

    def _remove(self, article_id: str) -> bool:
        summary.article_removing(self, article_id)  # its part of the actor summaries, before its rows go
        self.dialect.delete_search_rows(self.con, article_id)
        return self.con.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    def has(self, article_id: str) -> bool:
        """Whether the article is stored whole (one stored with warnings is to be redone: False)."""
        return self.con.execute("SELECT 1 FROM articles a WHERE a.id = ? AND NOT EXISTS "
                                "(SELECT 1 FROM article_warnings w WHERE w.article_id = a.id)",
                                (article_id,)).fetchone() is not None

    def complete_ids(self) -> set[str]:
        """The ids ``has`` says True for, in one query (a sharded ingest sends them to its workers to skip)."""
        return {r[0] for r in self.con.execute("SELECT a.id FROM articles a WHERE NOT EXISTS "
                                               "(SELECT 1 FROM article_warnings w WHERE w.article_id = a.id)")}

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Stored ids starting with ``prefix`` (a range scan on the key, so no LIKE escaping is involved)."""
        found = self.con.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                 (prefix, prefix + "\U0010ffff", int(limit)))
        return [r[0] for r in found]

    def count(self) -> int:
        return int(self.con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get(self, article_id: str) -> Article | None:
        """The stored article, exactly as it was added (warnings included); None if no article has this id."""
        return rows.read_article(self.con, article_id)

    def all_articles(self) -> Iterable[Article]:
        """Every stored article, oldest ingest first (one at a time)."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY ingested_at, id")]
        for aid in ids:
            art = self.get(aid)
            if art is not None:
                yield art

    def migrations(self) -> list[dict[str, Any]]:
        """The applied migrations, oldest first."""
        return [dict(r) for r in self.con.execute("SELECT * FROM migrations ORDER BY version")]

    def fingerprint(self) -> tuple:
        """Changes whenever stored data does (an article added or deleted, a correction, a consolidation): a cheap
        key under which a reader may cache what it computed from the database.

        SQLite's ``data_version`` changes on this connection whenever another connection commits, so while it
        stands still the last fingerprint is returned without a query (writes on this connection itself are
        counted by ``total_changes``)."""
        version = self.dialect.data_version(self.con)  # PostgreSQL: None, no such counter: always ask
        cached = self._fingerprint
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
            # distinct actor ids: the per-id summary's rows (COUNT(DISTINCT id) read every actor row)
            "(SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM actor_ids WHERE articles > 0) AS actors, "
            "(SELECT COUNT(*) FROM corrections) AS corrections").fetchone()
        return dict(r)
