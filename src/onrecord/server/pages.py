"""The pages and their JSON twins, as one ``APIRouter``.

Each page is registered twice by ``page``: ``/path`` (HTML, or JSON when the request's ``Accept`` asks for
``application/json`` and not HTML; these answers say ``Vary: Accept``) and ``/path.json``. Both call the same
handler, which returns plain data; the HTML side adds view geometry (text pieces, chart bars) and renders a Jinja2
template with autoescaping on. ``/openapi.json`` documents both.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from functools import wraps

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel

from .. import __version__
from ..model import ACTOR_KINDS, STANCES, STATEMENT_KINDS
from . import schemas, views
from .common import (
    MAX_LIMIT,
    Limit,
    Offset,
    check_range,
    iso,
    json_url,
    page_url,
    paged,
    store,
    text_param,
    vary_accept,
    wants_json,
)

router = APIRouter()


def page(path: str, template: str, *, summary: str, model: type[BaseModel],
         view: Callable[[dict, Request], dict] | None = None, cached: bool = False):
    """Register ``fn`` (which returns plain data) at ``path.json`` (JSON) and at ``path`` (HTML or JSON).

    ``cached``: the data is kept per URL until the database changes (``Store.fingerprint``), for pages that
    aggregate over the whole database (the overview, the actor and topic listings, the timeline)."""

    def decorate(fn):
        # a misspelt parameter (?limt=5) is an error, not silently ignored
        taken = [n for n in inspect.signature(fn).parameters if n != "request" and "{" + n not in path]

        def check(request: Request) -> None:
            unknown = sorted(set(request.query_params) - set(taken))
            if unknown:
                raise HTTPException(422, f"unknown parameter {', '.join(map(repr, unknown))}; this page takes "
                                         f"{', '.join(taken) or 'none'}")

        def data_for(request: Request, args, kwargs) -> dict:
            check(request)
            if not cached:
                return fn(*args, **kwargs)
            key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
            return request.app.state.cache.get(key, store(request).fingerprint(), lambda: fn(*args, **kwargs))

        @wraps(fn)
        def as_json(*args, **kwargs):
            return JSONResponse(data_for(kwargs["request"], args, kwargs))

        def render(request: Request, data: dict):
            ctx = {"d": data, "json_url": json_url(request)}
            if view is not None:
                ctx.update(view(data, request))
            return request.app.state.templates.TemplateResponse(request, template, ctx)

        @wraps(fn)
        def as_page(*args, **kwargs):
            request: Request = kwargs["request"]
            if cached and not wants_json(request):
                # the HTML too is a function of the URL and the database: kept beside the data, it is not
                # rendered again for every reader of a list or a topic (a 50-row list renders in ~2 ms)
                check(request)
                key = ("html", request.url.path, tuple(sorted(request.query_params.multi_items())))
                body = request.app.state.cache.get(key, store(request).fingerprint(),
                                                   lambda: render(request, data_for(request, args, kwargs)).body)
                return vary_accept(HTMLResponse(body))
            data = data_for(request, args, kwargs)
            if wants_json(request):
                return vary_accept(JSONResponse(data))
            return vary_accept(render(request, data))

        # The .json route first: "/articles/{id}" would otherwise take "abc.json" as an id.
        responses = {200: {"model": model}, 404: {"model": schemas.Error}, 422: {"model": schemas.Error}}
        router.get(path + ".json", name=fn.__name__ + "_json", summary=summary + " (JSON)", tags=["json"],
                   response_class=JSONResponse, responses=responses)(as_json)
        router.get(path, name=fn.__name__, summary=summary, tags=["pages"], response_class=HTMLResponse)(as_page)
        return fn

    return decorate


@router.get("/", include_in_schema=False)
def root():
    return RedirectResponse("/overview", status_code=307)

@router.get("/healthz", tags=["api"], summary="Liveness: the database answers")
def healthz(request: Request):
    return {"ok": True, "articles": store(request).count(), "version": __version__}

def overview_view(d, request):
    return {"chart": views.bar_chart(d["statements_per_day"], x="day", series="party", value="statements")}

@page("/overview", "overview.html", model=schemas.Overview, summary="Counts, latest articles, most-quoted actors, statements per day",
      view=overview_view, cached=True)
def overview(request: Request):
    s = store(request)
    return {"counts": s.counts(), "latest_articles": s.articles(limit=10),
            "most_quoted": [a for a in s.actors(limit=15) if a["statements"]],
            "statements_per_day": s.statements_per_day()}

@page("/articles", "articles.html", model=schemas.ArticlesPage, summary="Stored articles, newest first; full-text search")
def articles(request: Request, q: str | None = text_param("Words in the title or text (all must match)."),
             outlet: str | None = text_param("Outlet (site) contains this."),
             since: date | None = None, until: date | None = None,
             limit: int = Limit, offset: int = Offset):
    check_range(since, until)
    rows = store(request).articles(search=q, site=outlet, since=iso(since), until=iso(until), limit=limit + 1,
                            offset=offset)
    return paged(request, rows, limit, offset)

def article_view(d, request):
    from ..model import Article

    article = Article.from_dict(d["article"])
    colours = views.speaker_colours(article)
    return {"text_html": views.text_html(article, show_removed=d["chrome"]), "speakers": views.speakers(article),
            "statement_colour": [colours[views.speaker_key(s)] for s in article.statements],
            "chrome_url": page_url(request, chrome=None if d["chrome"] else 1)}

@page("/articles/{article_id}", "article.html", model=schemas.ArticlePage, summary="One article with its record", view=article_view)
def article(request: Request, article_id: str,
            chrome: bool = Query(False, description="Show the removed site chrome in place.")):
    a = store(request).get(article_id)
    if a is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    d = a.to_dict()
    names = {x.id: x.name for x in a.actors}
    for st in d["statements"]:
        st["speaker"]["name"] = names.get(st["speaker"]["actor"])
    for ev in d["events"]:
        ev["source_names"] = [names.get(i, i) for i in ev["sources"]]
        ev["target_names"] = [names.get(i, i) for i in ev["targets"]]
    topic_names = {t.id: t.name for t in a.topics}
    for st in d["stances"]:
        st["actor_name"] = names.get(st["actor"])
        st["topic_name"] = topic_names.get(st["topic"], st["topic"])
    if not chrome:
        d["removed"] = []
    return {"article": d, "chrome": chrome, "removed_count": len(a.removed),
            "corrections": store(request).corrections(article_id=article_id)}

# members of a cluster listed on an actor's page and in the merged list (`members` says how many there are)
CLUSTER_MEMBERS = 50

def actors_view(d, request):
    return {"toggle_url": page_url(request, merged=None if d["merged"] else 1, offset=None)}

@page("/actors", "actors.html", model=schemas.ActorsPage, summary="Actors across articles, most quoted first", cached=True,
      view=actors_view)
def actors(request: Request, name: str | None = text_param("Name contains this (case-insensitive)."),
           kind: str | None = Query(None, description="person, organisation, country or group"),
           merged: bool = Query(False, description="One row per actor across spellings and articles (the "
                                                   "clusters of `onrecord consolidate`)."),
           limit: int = Limit, offset: int = Offset):
    if kind is not None and kind not in ACTOR_KINDS:
        raise HTTPException(422, f"kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
    s = store(request)
    if not merged:
        rows = s.actors(name=name, kind=kind, limit=limit + 1, offset=offset)
        return {"merged": False, "consolidated": s.last_consolidation() is not None,
                **paged(request, rows, limit, offset)}
    rows = s.actor_clusters(name=name, kind=kind, members_limit=CLUSTER_MEMBERS, limit=limit + 1, offset=offset)
    for r in rows:  # the page of a cluster is the page of any of its members
        r["id"] = r["members_detail"][0]["actor_id"] if r["members_detail"] else None
    return {"merged": True, "consolidated": s.last_consolidation() is not None,
            **paged(request, rows, limit, offset)}

def actor_view(d, request):
    # the chart shows every stance of the actor (not only this page's): light rows, evidence kinds for the marks
    s = store(request)
    marks = s.stances(actor_ids=d["actor_ids"], by_topic=True, evidence=False, limit=None)
    return {"stance_chart_data": views.stance_chart(marks, by="topic", evidence=s.evidence_kinds)}


@page("/actors/{actor_id}", "actor.html", model=schemas.ActorPage, summary="One actor: names, roles, statements, events, stances",
      view=actor_view)
def actor(request: Request, actor_id: str,
          limit: int = Query(20, ge=1, le=MAX_LIMIT, description="Rows per page (of each list: statements, "
                                                                 "events, stances)."),
          offset: int = Offset,
          events_offset: int = Query(0, ge=0, le=10**9, description="Events to skip."),
          stances_offset: int = Query(0, ge=0, le=10**9, description="Stances to skip.")):
    s = store(request)
    profile = s.actor(actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    # The same actor across articles (onrecord consolidate): when this id sits in exactly one cluster, the
    # page covers every member of it, whatever its spelling (listing the first CLUSTER_MEMBERS of them). Whether
    # it does is an index range; the clusters were read whole (63-169 of them, 10-20 ms, for an id of the 100k
    # bench store).
    found = s.clusters_of(actor_id, limit=2)
    cluster = s.actor_clusters(cluster_id=found[0], members_limit=CLUSTER_MEMBERS)[0] if len(found) == 1 else None
    member_ids = s.cluster_actor_ids(cluster["id"]) if cluster else [actor_id]
    rows = (s.statements(cluster=cluster["id"], limit=limit + 1, offset=offset) if cluster
            else s.statements(actor=actor_id, limit=limit + 1, offset=offset))
    # Events: each member's in turn (a range of event_parties each), one page of them; stances: all members' in
    # topic and date order, one page.  Both with their totals, so the page costs its size, not the actor's.
    events = []
    counts = [(member, s.event_count(actor_id=member)) for member in member_ids]
    for member, skip, take in _slices(counts, events_offset, limit):
        for e in s.events(actor_id=member, limit=take, offset=skip):
            e["as"] = " and ".join(r for r, ids in (("source", e["source_ids"]), ("target", e["target_ids"]))
                                   if member in ids)
            events.append(e)
    n_events = sum(n for _, n in counts)
    stances = s.stances(actor_ids=member_ids, by_topic=True, limit=limit, offset=stances_offset)
    n_stances = s.stance_count(actor_ids=member_ids)
    return {"actor": profile, "cluster": cluster, "actor_ids": member_ids,
            "consolidation": s.last_consolidation() if cluster else None,
            "statements": paged(request, rows, limit, offset),
            "events": events, "events_total": n_events, "events_offset": events_offset,
            **_more(request, "events", events_offset, limit, n_events),
            "stances": stances, "stances_total": n_stances, "stances_offset": stances_offset,
            **_more(request, "stances", stances_offset, limit, n_stances)}

def _slices(counts: list[tuple[str, int]], offset: int, limit: int) -> list[tuple[str, int, int]]:
    """(key, skip, take) per part of a concatenation of parts of these sizes, for rows offset … offset + limit."""
    out, start = [], 0
    for key, n in counts:
        lo, hi = max(offset, start), min(offset + limit, start + n)
        if lo < hi:
            out.append((key, lo - start, hi - lo))
        start += n
    return out

def _more(request: Request, name: str, offset: int, limit: int, total: int,
          param: str | None = None) -> dict[str, str | None]:
    """``{name}_next`` and ``{name}_prev``: the URLs of the next and previous pages of one list of a page (its offset
    parameter ``param``, ``{name}_offset`` by default), None past either end."""
    param = param or name + "_offset"
    return {f"{name}_next": page_url(request, **{param: offset + limit}) if offset + limit < total else None,
            f"{name}_prev": page_url(request, **{param: max(0, offset - limit) or None}) if offset else None}

@page("/search", "search.html", model=schemas.SearchPage, summary="Full-text search over articles and statements, with filters")
def search(request: Request, q: str | None = text_param("Words (all must match; a trailing * is a prefix)."),
           speaker: str | None = text_param("Speaker name or mention contains this."),
           affiliation: str | None = text_param("Speaker's party (affiliation, or the country) contains this."),
           outlet: str | None = text_param("Outlet (site) contains this."),
           since: date | None = Query(None, description="Published on or after (YYYY-MM-DD)."),
           until: date | None = Query(None, description="Published on or before (YYYY-MM-DD)."),
           kind: str | None = Query(None, description="Statement kind: direct, indirect or mixed."),
           limit: int = Query(20, ge=1, le=MAX_LIMIT, description="Rows per page (of each list)."),
           offset: int = Offset):
    if kind is not None and kind not in STATEMENT_KINDS:
        raise HTTPException(422, f"kind must be one of {', '.join(STATEMENT_KINDS)}, not {kind!r}")
    check_range(since, until)
    s = store(request)
    quotes = s.statements(search=q, speaker=speaker, affiliation=affiliation, site=outlet, since=iso(since),
                          until=iso(until), kind=kind, limit=limit + 1, offset=offset)
    # Articles match on their own text; speaker, affiliation and kind are about statements only.
    statement_only = bool(speaker or affiliation or kind)
    arts = [] if statement_only or not q else s.articles(search=q, site=outlet, since=iso(since),
                                                         until=iso(until), limit=limit + 1, offset=offset)
    query = {"q": q, "speaker": speaker, "affiliation": affiliation, "outlet": outlet, "since": iso(since),
             "until": iso(until), "kind": kind}
    return {"query": query, "quotes": paged(request, quotes, limit, offset),
            "articles": paged(request, arts, limit, offset)}

@page("/topics", "topics.html", model=schemas.TopicsPage, summary="Topics and proposals, by how many articles discuss them", cached=True)
def topics(request: Request, name: str | None = text_param("Topic name or alias contains this."),
           limit: int = Limit, offset: int = Offset):
    return paged(request, store(request).topics(name=name, limit=limit + 1, offset=offset), limit, offset)

MATRIX_CELL = 5  # evidence links per actor × stance cell of the topic page (the cell says how many there are)
MATRIX_ACTORS = 25  # rows of the topic page's matrix: the actors with most stances on it (the page says how many)

def topic_view(d, request):
    # the matrix covers every stance on the topic (light rows; evidence for what is shown), the chart the
    # matrix's actors (one lane each: a lane for each of a topic's 876 actors made a chart thousands of pixels
    # tall), the evidence table one page of them
    s = store(request)
    # every stance on the topic, without evidence: read by the handler, unless its data came from the cache
    marks = getattr(request.state, "topic_stances", None)
    if marks is None:
        marks = s.stances(topic_name=d["topic"]["name"], evidence=False, limit=None)
    matrix = views.stance_matrix(marks, STANCES, per_cell=MATRIX_CELL, actors=MATRIX_ACTORS, evidence=s.with_evidence)
    keys = [views.matrix_key(r) for r in marks]
    rows = {a["key"] for a in matrix}
    return {"chart": views.stance_chart([r for r, k in zip(marks, keys) if k in rows], by="actor",
                                        evidence=s.evidence_kinds),
            "matrix": matrix, "matrix_actors": len(set(keys))}

# {name:path}: a topic name may hold a slash ("9/11"); the .json route is matched first, as for every page
# cached: a topic's page reads every stance on it (3,340 on "ceasefire" at 100k articles), like the lists
@page("/topics/{name:path}", "topic.html", model=schemas.TopicPage, summary="One topic: actor × stance matrix with evidence, stances over time",
      view=topic_view, cached=True)
def topic(request: Request, name: str, limit: int = Limit, offset: int = Offset):
    s = store(request)
    found = s.topics(canonical=name, limit=None)
    if not found:
        raise HTTPException(404, f"no topic named {name!r}")
    # every stance on the topic in one read without evidence (the matrix and the chart need them all, the view
    # takes them from request.state), the page's evidence for its rows only
    every = s.stances(topic_name=name, evidence=False, limit=None)
    request.state.topic_stances = every
    total = len(every)
    return {"topic": found[0], "stances": s.with_evidence(every[offset:offset + limit]),
            "stances_total": total, "stances_offset": offset,
            **_more(request, "stances", offset, limit, total, param="offset")}

@page("/timeline", "timeline.html", model=schemas.TimelinePage, summary="Dated events and statements, filterable by party", cached=True)
def timeline(request: Request,
             party: str | None = text_param("A party: an affiliation or a country (exact, any case)."),
             actor: str | None = text_param("A source, target or speaker's name contains this."),
             since: date | None = Query(None, description="On or after (YYYY-MM-DD)."),
             until: date | None = Query(None, description="On or before (YYYY-MM-DD)."),
             limit: int = Limit, offset: int = Offset):
    check_range(since, until)
    rows = store(request).timeline(party=party, actor=actor, since=iso(since), until=iso(until), limit=limit + 1,
                            offset=offset)
    return {"query": {"party": party, "actor": actor, "since": iso(since), "until": iso(until)},
            **paged(request, rows, limit, offset)}

