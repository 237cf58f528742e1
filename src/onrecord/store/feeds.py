"""Feeds (``onrecord watch``): per feed the HTTP validators of the last answer and how the last poll went, and
every entry ever fetched (or refused) by page URL, so none is fetched twice."""

from __future__ import annotations

from typing import Any

from .schema import now
from .sql import Where


class FeedsMixin:
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
            (url, title, etag, last_modified, now(), status, error, 1 if status == "failed" else 0))

    def seen_feed_item(self, url: str, feed_url: str, guid: str | None) -> dict[str, Any] | None:
        """The record of a feed entry fetched before: the same page URL, or the same guid in the same feed."""
        row = self.con.execute(
            "SELECT * FROM feed_items WHERE url = ? OR (feed_url = ? AND guid = ?) ORDER BY url = ? DESC LIMIT 1",
            (url, feed_url, guid, url)).fetchone()
        return dict(row) if row is not None else None

    def record_feed_item(self, url: str, *, feed_url: str, guid: str | None, title: str | None,
                         published: str | None, status: str, error: str | None, article_id: str | None) -> None:
        """Record (or update, counting the attempt) what fetching one feed entry gave."""
        at = now()
        self.con.execute(
            "INSERT INTO feed_items(url, feed_url, guid, title, published, status, error, attempts, article_id, "
            "first_seen, last_tried) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "status = excluded.status, error = excluded.error, attempts = feed_items.attempts + 1, "
            "article_id = coalesce(excluded.article_id, feed_items.article_id), last_tried = excluded.last_tried",
            (url, feed_url, guid, title, published, status, error, article_id, at, at))

    def feeds(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Polled feeds with their last status and how many of their entries were stored or failed."""
        where = Where(self.dialect)
        sql = ("SELECT f.url, f.title, f.last_status, f.last_polled, f.polls, f.failures, f.last_error, "
               "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status = 'stored') AS stored, "
               "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status IN ('failed', 'retry')) "
               f"AS failed_items FROM feeds f ORDER BY f.url {where.page(limit, offset)}")
        return [dict(r) for r in self.con.execute(sql, where.params)]

    def feed_items(self, *, feed_url: str | None = None, status: str | None = None, limit: int | None = 100,
                   offset: int = 0) -> list[dict[str, Any]]:
        """Feed entries fetched so far, newest first."""
        where = Where(self.dialect).equal("feed_url", feed_url).equal("status", status)
        sql = f"SELECT * FROM feed_items {where} ORDER BY last_tried DESC, url {where.page(limit, offset)}"
        return [dict(r) for r in self.con.execute(sql, where.params)]
