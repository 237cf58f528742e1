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
# what a statement is (nlp/speech.py): said, written, a belief held ("believes", "fears", "hopes", "wants"), or an
# attitude expressed toward a target ("criticised the plan", "backed Clinton"), a finding of a record that cannot
# speak ("a study has found", "an email showed"), or a mention of what was spoken of ("cited the remarks")
STATEMENT_TYPES = ("speech", "writing", "belief", "attitude", "finding", "mention")
ACTOR_KINDS = ("person", "organisation", "country", "group")
# PLOVER event types (Schrodt, "PLOVER: Political Language Ontology for Verifiable Event Records", 2017–2021)
EVENT_TYPES = ("CONSULT", "AGREE", "SUPPORT", "REQUEST", "AID", "COOPERATE", "CONCEDE", "REJECT", "ACCUSE",
               "THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST", "RETREAT")
EVENT_MODALITIES = ("asserted", "proposed", "agreed-in-principle", "planned", "hypothetical", "negated",
                    "reported-by")
STANCES = ("support", "oppose", "conditional", "neutral", "unclear")


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


MENTION_RULES = ("name", "surname", "pronoun", "role", "description", "demonym", "capital")
AFFILIATION_KINDS = ("country", "party", "organisation")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A country, party or organisation an actor belongs to, with the words that say so ("Labour MP")."""

    name: str
    kind: str  # country | party | organisation
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "span": list(self.span) if self.span else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Affiliation":
        return cls(name=d["name"], kind=d.get("kind", "country"), span=_span(d.get("span")))


@dataclass(frozen=True, slots=True)
class Actor:
    """``mentions`` are the spans that refer to the actor; ``resolutions[i]`` is the rule that linked
    ``mentions[i]`` (one of ``MENTION_RULES``).  ``affiliation`` is the one-line party: the country the article
    states, else the first party or organisation; ``affiliations`` lists each with its span."""

    id: str
    name: str
    kind: str  # person | organisation | country | group
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()
    # Not yet kept by the store (its actors table predates them), hence left out of equality: a stored article
    # compares equal to the extracted one; JSONL output and the Python API carry them.
    resolutions: tuple[str, ...] = field(default=(), compare=False)
    affiliations: tuple[Affiliation, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "affiliation": self.affiliation,
            "affiliations": [a.to_dict() for a in self.affiliations],
            "mentions": [list(m) for m in self.mentions],
            "resolutions": list(self.resolutions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Actor":
        mentions = tuple(_span(m) for m in d.get("mentions") or ())
        resolutions = tuple(d.get("resolutions") or ())
        if len(resolutions) != len(mentions):  # records written before resolutions existed: all by name
            resolutions = ("name",) * len(mentions)
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            roles=tuple(d.get("roles") or ()),
            affiliation=d.get("affiliation"),
            mentions=mentions,
            resolutions=resolutions,
            affiliations=tuple(Affiliation.from_dict(a) for a in d.get("affiliations") or ()),
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
    type: str = "speech"  # speech | writing | belief | attitude | finding | mention (STATEMENT_TYPES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
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
            type=d.get("type", "speech"),
        )


TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")  # TimeML TIMEX3 types


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in the article ("Tuesday", "last month", "the past decade", "each season") with its
    TimeML type (one of ``TIME_TYPES``) and value, resolved against the publication date where it is relative
    ("2025-03-11", "2025-02", "P10Y", "P1Y", "PRESENT_REF"; an unknown part stays ``X``: "XXXX-03-11")."""

    id: str
    text: str
    span: Span
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "span": list(self.span), "type": self.type, "value": self.value}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TimeExpression":
        return cls(id=d["id"], text=d["text"], span=_span(d["span"]), type=d["type"], value=d["value"])


@dataclass(frozen=True, slots=True)
class EventTime:
    """When an event happened as the article says it ("Tuesday", "later that day") and, when the publication
    date allows, the ISO date it resolves to; ``resolved`` stays None rather than a guess. ``time_id`` is the id
    of the expression in ``Article.times``."""

    text: str
    span: Span
    resolved: str | None = None
    time_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "resolved": self.resolved, "time_id": self.time_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "EventTime | None":
        if not d:
            return None
        return cls(text=d["text"], span=_span(d["span"]), resolved=d.get("resolved"), time_id=d.get("time_id"))


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened: the named location as written and the country it lies in, when known."""

    text: str
    span: Span
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "country": self.country}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Place | None":
        if not d:
            return None
        return cls(text=d["text"], span=_span(d["span"]), country=d.get("country"))


@dataclass(frozen=True, slots=True)
class Issue:
    """What an event is about: the span of what was agreed, rejected, requested, offered or discussed ("a monthlong
    ceasefire", "to resume the flow of U.S. aid"), and the id of the topic it names when it is one (set by
    ``onrecord_stances``, which finds the topics)."""

    text: str
    span: Span
    topic: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "topic": self.topic}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Issue | None":
        if not d:
            return None
        return cls(text=d["text"], span=_span(d["span"]), topic=d.get("topic"))


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom: one PLOVER-coded event with its trigger word, parties, modality, time and place.

    ``sources``/``targets`` are actor ids (possibly empty: we do not invent parties). ``statement`` is the id of
    the statement whose content reports the event (modality ``reported-by``), so a claim stays linked to who
    made it instead of being recorded twice.

    ``type`` is the PLOVER type a coder following the manual would give, ``mode`` and ``context`` its PLOVER mode
    and contexts (empty when none applies).  ``surface_type`` is set only where PLOVER's conventions recode what the
    trigger says: "will not accept" is PLOVER REJECT (``surface_type`` AGREE, ``modality`` negated), "will send
    aid" is PLOVER AGREE (``surface_type`` AID, ``modality`` planned).  ``modality`` is onrecord's reading of the
    trigger as written, i.e. of ``surface_type`` when it is set.  ``issue`` is what the event is about.
    """

    id: str
    type: str  # one of EVENT_TYPES
    trigger: TextSpan
    sentence_span: Span
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    modality: str = "asserted"  # one of EVENT_MODALITIES
    time: EventTime | None = None
    place: Place | None = None
    statement: str | None = None
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    surface_type: str | None = None
    issue: Issue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": list(self.mode),
            "context": list(self.context),
            "surface_type": self.surface_type,
            "issue": self.issue.to_dict() if self.issue else None,
            "trigger": self.trigger.to_dict(),
            "sentence_span": list(self.sentence_span),
            "sources": list(self.sources),
            "targets": list(self.targets),
            "modality": self.modality,
            "time": self.time.to_dict() if self.time else None,
            "place": self.place.to_dict() if self.place else None,
            "statement": self.statement,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            id=d["id"],
            type=d["type"],
            trigger=TextSpan.from_dict(d["trigger"]),
            sentence_span=_span(d["sentence_span"]),
            sources=tuple(d.get("sources") or ()),
            targets=tuple(d.get("targets") or ()),
            modality=d.get("modality", "asserted"),
            time=EventTime.from_dict(d.get("time")),
            place=Place.from_dict(d.get("place")),
            statement=d.get("statement"),
            mode=tuple(d.get("mode") or ()),
            context=tuple(d.get("context") or ()),
            surface_type=d.get("surface_type"),
            issue=Issue.from_dict(d.get("issue")),
        )


@dataclass(frozen=True, slots=True)
class Topic:
    """A proposal or issue under discussion ("a monthlong ceasefire" = "a 30-day ceasefire" = "the deal").

    ``name`` is the canonical key shared across articles (``"ceasefire"``), ``label`` the fullest form the article
    uses, ``aliases`` the distinct surface forms, ``mentions`` their spans.
    """

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "label": self.label, "aliases": list(self.aliases),
                "mentions": [list(m) for m in self.mentions]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Topic":
        return cls(id=d["id"], name=d["name"], label=d["name"] if d.get("label") is None else d["label"],
                   aliases=tuple(d.get("aliases") or ()),
                   mentions=tuple(_span(m) for m in d.get("mentions") or ()))


@dataclass(frozen=True, slots=True)
class Stance:
    """Where one actor stands on one topic in this article, with the evidence and the rule that decided it.

    ``actor`` and ``topic`` are ids in the same article; ``evidence`` holds statement and event ids; ``spans`` the
    text that carries the stance; ``date`` is the ISO date the stance was expressed (the statement's or event's
    resolved time, else the publication date), None when unknown; ``because`` says in words which rule fired.
    """

    id: str
    actor: str
    topic: str
    stance: str  # one of STANCES
    evidence: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    date: str | None = None
    because: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "actor": self.actor, "topic": self.topic, "stance": self.stance,
                "evidence": list(self.evidence), "spans": [list(s) for s in self.spans], "date": self.date,
                "because": self.because}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Stance":
        return cls(id=d["id"], actor=d["actor"], topic=d["topic"], stance=d["stance"],
                   evidence=tuple(d.get("evidence") or ()), spans=tuple(_span(s) for s in d.get("spans") or ()),
                   date=d.get("date"), because=d.get("because") or "")


@dataclass(frozen=True, slots=True)
class LayerWarning:
    """A layer of the record that is missing or cut short: ``code`` from ``errors.Warnings`` (W100 quotes failed, …,
    W200 time budget spent), the ``layer`` it concerns (quotes, events, stances, actors) and what happened."""

    code: str
    layer: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "layer": self.layer, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "LayerWarning":
        return cls(code=d["code"], layer=d["layer"], message=d.get("message") or "")


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as found
    # where ``published`` came from: metadata (the page or feed) | option (--published, a caller's argument) |
    # dateline ("WASHINGTON, March 12 (Reuters) –") | text ("Published 12 March 2025", a date line); None if unknown
    published_source: str | None = None
    site: str | None = None
    author: str | None = None
    removed: tuple[Removed, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = field(default=())
    events: tuple[Event, ...] = ()
    topics: tuple[Topic, ...] = ()
    stances: tuple[Stance, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    warnings: tuple[LayerWarning, ...] = ()  # layers missing or cut short; empty when the record is whole

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
            "published_source": self.published_source,
            "site": self.site,
            "author": self.author,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "actors": [a.to_dict() for a in self.actors],
            "statements": [s.to_dict() for s in self.statements],
            "events": [e.to_dict() for e in self.events],
            "topics": [t.to_dict() for t in self.topics],
            "stances": [s.to_dict() for s in self.stances],
            "times": [t.to_dict() for t in self.times],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            id=d["id"],
            text=d["text"],
            source=d.get("source"),
            title=d.get("title"),
            published=d.get("published"),
            published_source=d.get("published_source"),
            site=d.get("site"),
            author=d.get("author"),
            removed=tuple(Removed.from_dict(r) for r in d.get("removed") or ()),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors") or ()),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements") or ()),
            events=tuple(Event.from_dict(e) for e in d.get("events") or ()),
            topics=tuple(Topic.from_dict(t) for t in d.get("topics") or ()),
            stances=tuple(Stance.from_dict(s) for s in d.get("stances") or ()),
            times=tuple(TimeExpression.from_dict(t) for t in d.get("times") or ()),
            warnings=tuple(LayerWarning.from_dict(w) for w in d.get("warnings") or ()),
        )
