"""Records ↔ rows: how an article's parts are written to their tables and read back, and how a query's rows are
shaped for output.

Every field of the record has a column (spans as JSON lists) and actors/statements keep their order in a ``seq``
column, so ``Store.get(id) == article`` (the exact round trip the tests check).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import (Actor, Article, Event, EventTime, Issue, LayerWarning, Place, Removed, Speaker, Stance,
                     Statement, TextSpan, TimeExpression, Topic)

def text_order(value: str) -> tuple[str, str]:
    # case-insensitive, then exact: one order whatever order the database hands DISTINCT aggregates over in
    return (value.casefold(), value)


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def span_json(span: Sequence[int] | None) -> str | None:
    return None if span is None else dump(list(span))


def load_span(raw: str | None) -> tuple[int, int] | None:
    if raw is None:
        return None
    a, b = json.loads(raw)
    return (int(a), int(b))


def load_spans(raw: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in json.loads(raw))


def actor_row(article_id: str, seq: int, a: Actor) -> tuple:
    return (article_id, a.id, seq, a.name, a.kind, dump(list(a.roles)), a.affiliation,
            dump([list(m) for m in a.mentions]), dump(list(a.resolutions)),
            dump([f.to_dict() for f in a.affiliations]))


def statement_row(article: Article, seq: int, s: Statement) -> tuple:
    actor = article.actor(s.speaker.actor) if s.speaker.actor else None
    return (
        article.id, s.id, seq, s.kind, s.content_text, dump([list(x) for x in s.content_spans]),
        s.cue.text if s.cue else None, span_json(s.cue.span) if s.cue else None,
        s.speaker.text, span_json(s.speaker.span), s.speaker.actor, actor.name if actor else None,
        s.speaker.resolution,
        s.medium.text if s.medium else None, span_json(s.medium.span) if s.medium else None,
        s.sentence_span[0], s.sentence_span[1], s.type,
    )


def event_row(article_id: str, seq: int, e: Event) -> tuple:
    return (
        article_id, e.id, seq, e.type, e.trigger.text, span_json(e.trigger.span),
        e.sentence_span[0], e.sentence_span[1], dump(list(e.sources)), dump(list(e.targets)), e.modality,
        e.time.text if e.time else None, span_json(e.time.span) if e.time else None,
        e.time.resolved if e.time else None,
        e.place.text if e.place else None, span_json(e.place.span) if e.place else None,
        e.place.country if e.place else None, e.statement,
        dump({"mode": list(e.mode), "context": list(e.context), "surface_type": e.surface_type,
              "issue": e.issue.to_dict() if e.issue else None}),
        e.time.time_id if e.time else None,
    )


def event_from_row(r) -> Event:
    return Event(
        id=r["id"], type=r["type"], trigger=TextSpan(r["trigger_text"], load_span(r["trigger_span_json"])),
        sentence_span=(int(r["sentence_start"]), int(r["sentence_end"])),
        sources=tuple(json.loads(r["sources_json"])), targets=tuple(json.loads(r["targets_json"])),
        modality=r["modality"],
        time=(EventTime(r["time_text"], load_span(r["time_span_json"]), r["time_resolved"], r["time_id"])
              if r["time_span_json"] else None),
        place=(Place(r["place_text"], load_span(r["place_span_json"]), r["place_country"])
               if r["place_span_json"] else None),
        statement=r["statement_id"], **_plover_fields(r["plover_json"]))


def _plover_fields(raw: str | None) -> dict[str, Any]:
    """The PLOVER fields of an event row (migration 0009); a row stored before them has none."""
    if not raw:
        return {}
    d = json.loads(raw)
    return {"mode": tuple(d.get("mode") or ()), "context": tuple(d.get("context") or ()),
            "surface_type": d.get("surface_type"), "issue": Issue.from_dict(d.get("issue"))}


def read_article(con, article_id: str) -> Article | None:
    """The stored article, exactly as it was added; None if no article has this id."""
    row = con.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    actors = tuple(
        Actor.from_dict({"id": r["id"], "name": r["name"], "kind": r["kind"], "roles": json.loads(r["roles_json"]),
                         "affiliation": r["affiliation"], "mentions": json.loads(r["mentions_json"]),
                         "resolutions": json.loads(r["resolutions_json"]),
                         "affiliations": json.loads(r["affiliations_json"])})
        for r in con.execute("SELECT * FROM actors WHERE article_id = ? ORDER BY seq", (article_id,)))
    statements = tuple(
        Statement(
            id=r["id"], kind=r["kind"], content_text=r["content_text"],
            content_spans=load_spans(r["content_spans_json"]),
            cue=TextSpan(r["cue_text"], load_span(r["cue_span_json"])) if r["cue_span_json"] else None,
            speaker=Speaker(text=r["speaker_text"], span=load_span(r["speaker_span_json"]),
                            actor=r["speaker_actor"], resolution=r["resolution"]),
            medium=(TextSpan(r["medium_text"], load_span(r["medium_span_json"]))
                    if r["medium_span_json"] else None),
            sentence_span=(int(r["sentence_start"]), int(r["sentence_end"])),
            type=r["type"],
        )
        for r in con.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY seq", (article_id,)))
    events = tuple(event_from_row(r) for r in con.execute(
        "SELECT * FROM events WHERE article_id = ? ORDER BY seq", (article_id,)))
    topics = tuple(
        Topic(id=r["id"], name=r["name"], label=r["label"], aliases=tuple(json.loads(r["aliases_json"])),
              mentions=load_spans(r["mentions_json"]))
        for r in con.execute("SELECT * FROM topics WHERE article_id = ? ORDER BY seq", (article_id,)))
    stances = tuple(
        Stance(id=r["id"], actor=r["actor_id"], topic=r["topic_id"], stance=r["stance"],
               evidence=tuple(json.loads(r["evidence_json"])), spans=load_spans(r["spans_json"]),
               date=r["date"], because=r["because"])
        for r in con.execute("SELECT * FROM stances WHERE article_id = ? ORDER BY seq", (article_id,)))
    return Article(
        id=row["id"], text=row["text"], source=row["source"], title=row["title"], published=row["published"],
        site=row["site"], author=row["author"],
        removed=tuple(Removed.from_dict(d) for d in json.loads(row["removed_json"])),
        actors=actors, statements=statements, events=events, topics=topics, stances=stances,
        published_source=row["published_source"],
        times=tuple(TimeExpression.from_dict(d) for d in json.loads(row["times_json"])),
        warnings=tuple(LayerWarning(r["code"], r["layer"], r["message"]) for r in con.execute(
            "SELECT code, layer, message FROM article_warnings WHERE article_id = ? ORDER BY seq", (article_id,))))


def statement_dict(r) -> dict[str, Any]:
    """A statement row for output: spans decoded, the speaker shown as the actor name when resolved."""
    return {
        "article_id": r["article_id"],
        "id": r["id"],
        "kind": r["kind"],
        "type": r["type"],
        "speaker": r["speaker_name"] or r["speaker_text"],
        "content": r["content_text"],
        "speaker_text": r["speaker_text"],
        "speaker_actor": r["speaker_actor"],
        "speaker_name": r["speaker_name"],
        "resolution": r["resolution"],
        "cue": r["cue_text"],
        "medium": r["medium_text"],
        "content_spans": [list(s) for s in load_spans(r["content_spans_json"])],
        "sentence_span": [r["sentence_start"], r["sentence_end"]],
        "article_title": r["article_title"],
        "site": r["article_site"],
        "published": r["article_published"],
        "article_source": r["article_source"],
        "speaker_party": r["speaker_party"],
    }


def event_dict(r, names: dict[tuple[str, str], str]) -> dict[str, Any]:
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
        "trigger_span": list(load_span(r["trigger_span_json"])),
        "sentence_span": [r["sentence_start"], r["sentence_end"]],
        "article_title": r["article_title"],
        "article_published": r["article_published"],
        "article_source": r["article_source"],
    }
