"""The JSON shapes of the pages, for ``/openapi.json`` only (documented, not validated on every response: the
handlers return the store's rows as they are, and validating them again would cost time on every request).

Rows are the dicts the store's query functions return — the same as the CLI's ``--format json`` output — and an
article is the record of docs/schema.md.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

Row = dict[str, Any]


class Page(BaseModel):
    """One page of a list, with links to its neighbours (same path and parameters, another offset)."""

    items: list[Row]
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last")
    prev: str | None = Field(description="URL of the previous page, or null on the first")


class ArticlesPage(Page):
    """Rows of ``Store.articles``: id, title, source, site, published, author, ingested_at, chars, statements,
    actors."""


class ActorsPage(Page):
    """Rows of ``Store.actors`` (or of ``Store.actor_clusters`` with ``merged``)."""

    merged: bool
    consolidated: bool = Field(description="whether `onrecord consolidate` has run on this database")


class TopicsPage(Page):
    """Rows of ``Store.topics``: name, articles, stances, labels, aliases."""


class TimelinePage(Page):
    """Rows of ``Store.timeline``: what (event|statement), date, dated_by, type, who, whom, text, …"""

    query: Row


class Overview(BaseModel):
    counts: dict[str, int]
    latest_articles: list[Row]
    most_quoted: list[Row]
    statements_per_day: list[Row] = Field(description="{day, party, statements}; party null: no affiliation")


class ArticlePage(BaseModel):
    article: Row = Field(description="the record (docs/schema.md), speakers and event parties named")
    chrome: bool
    removed_count: int
    corrections: list[Row]


class ActorPage(BaseModel):
    actor: Row = Field(description="Store.actor: id, name, kind, names, spellings, roles, affiliations, counts")
    cluster: Row | None = Field(description="the actor across articles (Store.actor_clusters), when consolidated "
                                            "and the id sits in one cluster; `members_detail`: its first 50 members "
                                            "(`members`: how many)")
    actor_ids: list[str] = Field(description="the actor ids the page covers: the cluster's members', else the id")
    consolidation: Row | None
    statements: Page
    events: list[Row] = Field(description="One page of Store.events rows (`limit` from `events_offset`), with `as`: "
                                          "source, target or both")
    events_total: int = Field(description="the actor's events in all (every member's, when clustered)")
    events_offset: int
    events_next: str | None = Field(description="the URL of the next page of events, or null")
    events_prev: str | None
    stances: list[Row] = Field(description="One page of Store.stances rows (`limit` from `stances_offset`), by "
                                           "topic, then date")
    stances_total: int
    stances_offset: int
    stances_next: str | None
    stances_prev: str | None


class TopicPage(BaseModel):
    topic: Row
    stances: list[Row] = Field(description="One page of Store.stances rows (`limit` from `offset`), with evidence "
                                           "text and kinds and actor clusters")
    stances_total: int = Field(description="the topic's stances in all")
    stances_offset: int
    stances_next: str | None = Field(description="the URL of the next page of stances, or null")
    stances_prev: str | None


class SearchPage(BaseModel):
    query: Row
    quotes: Page = Field(description="Store.statements rows, best match first")
    articles: Page = Field(description="Store.articles rows, best match first; empty when a statement-only "
                                       "filter (speaker, affiliation, kind) is given")


class Error(BaseModel):
    error: str = Field(description="what was wrong, in words")
    status: int
    errors: list[Row] | None = Field(default=None, description="per parameter, for 422")
