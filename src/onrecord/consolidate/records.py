"""The records consolidation returns: clusters of actors and quotes, stance points, and the user's overrides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Article

OVERRIDE_ACTIONS = ("force", "forbid")


@dataclass(frozen=True, slots=True)
class Member:
    """One actor of one article in a cluster, with why it is there."""

    article_id: str
    actor_id: str
    name: str
    kind: str
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    because: str = ""

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "actor_id": self.actor_id, "name": self.name, "kind": self.kind,
                "roles": list(self.roles), "affiliation": self.affiliation, "because": self.because}


@dataclass(frozen=True, slots=True)
class ActorCluster:
    id: str
    name: str  # the display name: the most used full spelling
    kind: str
    members: tuple[Member, ...]

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(sorted({m.name for m in self.members}, key=str.casefold))

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "spellings": list(self.spellings),
                "members": [m.to_dict() for m in self.members]}


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """One outlet's copy of a quote: a quoted passage (``segment``, counted from 0) of one statement."""

    article_id: str
    statement_id: str
    segment: int
    text: str
    site: str | None
    published: str | None
    speaker: str | None  # actor cluster id, None when the statement's speaker is unresolved
    similarity: float  # containment with the cluster's first source (1.0 for the first)
    because: str = ""

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "statement_id": self.statement_id, "segment": self.segment,
                "text": self.text,
                "site": self.site, "published": self.published, "speaker": self.speaker,
                "similarity": self.similarity, "because": self.because}


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    id: str
    text: str  # the longest quoted text among the sources
    speaker: str | None  # actor cluster id
    sources: tuple[QuoteSource, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "speaker": self.speaker,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class StancePoint:
    cluster: str  # actor cluster id
    topic: str  # Topic.name, the key shared across articles
    stance: str
    date: str | None
    article_id: str
    stance_id: str
    site: str | None = None
    evidence: tuple[str, ...] = ()
    because: str = ""

    def to_dict(self) -> dict:
        return {"cluster": self.cluster, "topic": self.topic, "stance": self.stance, "date": self.date,
                "article_id": self.article_id, "stance_id": self.stance_id, "site": self.site,
                "evidence": list(self.evidence), "because": self.because}


@dataclass(frozen=True, slots=True)
class Override:
    """A user's decision on a pair: ``force`` them into one cluster or ``forbid`` them from sharing one.

    ``a``/``b`` are selectors: ``ARTICLE_ID:ACTOR_ID`` for one actor of one article, else a name, which selects
    every actor whose name folds to the same text ("Zelensky" selects "Zelensky" in every article, not
    "Zelenskyy").
    """

    action: str
    a: str
    b: str
    id: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Consolidation:
    actors: tuple[ActorCluster, ...]
    quotes: tuple[QuoteCluster, ...]
    stances: tuple[StancePoint, ...]
    unused_overrides: tuple[Override, ...] = field(default=())

    def cluster_of(self, article_id: str, actor_id: str | None) -> ActorCluster | None:
        for c in self.actors:
            for m in c.members:
                if m.article_id == article_id and m.actor_id == actor_id:
                    return c
        return None

    def to_dict(self) -> dict:
        return {"actors": [c.to_dict() for c in self.actors], "quotes": [q.to_dict() for q in self.quotes],
                "stances": [s.to_dict() for s in self.stances]}


def article_order(articles: Iterable[Article]) -> list[Article]:
    # Published date first, then id: the same set of articles gives the same nodes in the same order.
    return sorted(articles, key=lambda a: ((a.published or "")[:10], a.id))
