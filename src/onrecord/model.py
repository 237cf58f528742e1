"""The record: one typed model for CLI, Python API, JSONL files and the database.

Every field that points into the article holds code-point offsets into ``Article.text`` (the clean text),
end-exclusive, as ``(start, end)`` tuples.  The JSON shape is documented in ``docs/schema.md``; ``to_dict`` and
``from_dict`` are the only places that know it, so the CLI, the store and the API cannot drift apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

Span = tuple[int, int]

STATEMENT_KINDS = ("direct", "indirect", "mixed")
ACTOR_KINDS = ("person", "organisation", "country", "group")


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable short id from text parts (sha256, hex)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def _span(v: Iterable[int] | None) -> Span | None:
    if v is None:
        return None
    a, b = v
    return (int(a), int(b))


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the input dropped from the clean text (site chrome), with the reason it was dropped.

    ``at`` is the offset in the clean text where the piece stood, so a reader can show it in place.
    """

    text: str
    reason: str
    at: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "at": self.at}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Removed":
        return cls(text=d["text"], reason=d["reason"], at=int(d["at"]))


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organisation | country | group
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Actor":
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            roles=tuple(d.get("roles") or ()),
            affiliation=d.get("affiliation"),
            mentions=tuple(_span(m) for m in d.get("mentions") or ()),
        )


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of text with its offsets (cue, medium)."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "TextSpan | None":
        if not d:
            return None
        return cls(text=d["text"], span=_span(d["span"]))


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who the statement is attributed to.

    ``text``/``span`` are the mention in the article ("he", "the secretary of state", "Rubio"); ``actor`` is the
    id of the actor it resolves to, or None when it could not be resolved (we say so rather than guess);
    ``resolution`` says how it was resolved: name | surname | pronoun | role | previous | unresolved.
    """

    text: str | None
    span: Span | None
    actor: str | None
    resolution: str = "unresolved"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "actor": self.actor,
            "resolution": self.resolution,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Speaker":
        d = d or {}
        return cls(
            text=d.get("text"),
            span=_span(d.get("span")),
            actor=d.get("actor"),
            resolution=d.get("resolution", "unresolved"),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    kind: str  # direct | indirect | mixed
    content_text: str
    content_spans: tuple[Span, ...]
    cue: TextSpan | None
    speaker: Speaker
    medium: TextSpan | None
    sentence_span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": {"text": self.content_text, "spans": [list(s) for s in self.content_spans]},
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "medium": self.medium.to_dict() if self.medium else None,
            "sentence_span": list(self.sentence_span),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Statement":
        return cls(
            id=d["id"],
            kind=d["kind"],
            content_text=d["content"]["text"],
            content_spans=tuple(_span(s) for s in d["content"]["spans"]),
            cue=TextSpan.from_dict(d.get("cue")),
            speaker=Speaker.from_dict(d.get("speaker")),
            medium=TextSpan.from_dict(d.get("medium")),
            sentence_span=_span(d["sentence_span"]),
        )


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as found
    site: str | None = None
    author: str | None = None
    removed: tuple[Removed, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = field(default=())

    def actor(self, actor_id: str | None) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "site": self.site,
            "author": self.author,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "actors": [a.to_dict() for a in self.actors],
            "statements": [s.to_dict() for s in self.statements],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            id=d["id"],
            text=d["text"],
            source=d.get("source"),
            title=d.get("title"),
            published=d.get("published"),
            site=d.get("site"),
            author=d.get("author"),
            removed=tuple(Removed.from_dict(r) for r in d.get("removed") or ()),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors") or ()),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements") or ()),
        )
