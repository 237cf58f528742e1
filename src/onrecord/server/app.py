"""The web application: every page is a thin handler that calls the store's query functions and renders.

``create_app(db_path, ...)`` builds a FastAPI app over one database:

* **Pages and their JSON twins.**  Each page is registered twice: ``/path`` (HTML, or JSON when the request's
  ``Accept`` asks for ``application/json`` and not HTML) and ``/path.json``.  Both call the same handler, which
  returns plain data; the HTML side adds view geometry (text pieces, chart bars) and renders a Jinja2 template
  with autoescaping on.  ``/openapi.json`` documents both.
* **Reading.**  One read-only ``Store`` per worker thread (``PRAGMA query_only``: SQLite itself refuses writes on
  it), so handlers never share a connection.
* **Writing** (ingest a posted article, correct a speaker) only when the operator configured a token; it is
  compared with ``hmac.compare_digest`` and never logged.  Bodies are read up to ``max_body`` bytes (413 beyond).
  One write connection, behind a lock.
* **Errors** are JSON ``{"error": message}`` for programs and an error page for people, with the 4xx status.
"""

from __future__ import annotations

import hmac
import inspect
import logging
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode

import anyio.to_thread
import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import OnrecordError
from ..model import ACTOR_KINDS, STANCES, STATEMENT_KINDS
from ..store import Store, is_database_url
from . import schemas, views

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # bytes of a POST body; larger → 413
MAX_LIMIT = 500
DEFAULT_THREADS = 4  # worker threads for the (synchronous) handlers; see lifespan
TEXT_PARAM = 200  # longest accepted free-text query parameter

# Defence in depth behind autoescaping: no inline script, nothing from another origin.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response (a plain ASGI wrapper: no per-request task overhead)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _DropEmptyParams:
    """Removes empty query parameters (``?since=&kind=``): a filter form left blank means "no filter", not a bad
    date. The handlers then see only what the user filled in."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if any(v == "" for _, v in pairs):
                scope = dict(scope, query_string=urlencode([(k, v) for k, v in pairs if v != ""]).encode("latin-1"))
        await self.app(scope, receive, send)


# -- request bodies ------------------------------------------------------------------------------------------------

class ArticleIn(BaseModel):
    """An article to ingest: its text and what is known about it. ``source`` is a label only, never opened."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = None
    site: str | None = Field(default=None, max_length=300)
    author: str | None = Field(default=None, max_length=300)
    source: str | None = Field(default=None, max_length=1000)


class SpeakerCorrection(BaseModel):
    """Attribute a statement to ``actor`` (an actor id of the same article), or to nobody (null)."""

    model_config = ConfigDict(extra="forbid")
    actor: str | None = Field(max_length=200)
    note: str | None = Field(default=None, max_length=2000)


# -- the app --------------------------------------------------------------------------------------------------------

class _Stores:
    """One read-only Store per thread, all closed at shutdown; one write Store behind a lock."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()

    def read(self) -> Store:
        s = getattr(self._local, "store", None)
        if s is None:
            s = Store(self.path, create=False, readonly=True)
            self._local.store = s
            with self._lock:
                self._all.append(s)
        return s

    def write(self, fn: Callable[[Store], Any]) -> Any:
        """Run ``fn`` with a write connection, one writer at a time. Writes are rare: the connection is opened for
        each and closed after, so no connection crosses threads."""
        with self.write_lock:
            with Store(self.path, create=False) as s:
                return fn(s)

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread; nothing to save
                    pass
            self._all.clear()


class _PageCache:
    """Page data by URL, valid while the database fingerprint is unchanged; least recently used entries go first."""

    def __init__(self, size: int = 256):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, fingerprint, compute: Callable[[], Any]) -> Any:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == fingerprint:
                self._data.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (fingerprint, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _page_url(request: Request, **changes: Any) -> str:
    """This request's path with query parameters changed (None removes one): for next/previous links."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return request.url.path + ("?" + urlencode(params) if params else "")


def paged(request: Request, rows: list, limit: int, offset: int) -> dict[str, Any]:
    """Rows fetched with ``limit + 1`` → one page with links to the next and previous pages."""
    more = len(rows) > limit
    return {"items": rows[:limit], "limit": limit, "offset": offset,
            "next": _page_url(request, offset=offset + limit) if more else None,
            "prev": _page_url(request, offset=max(0, offset - limit) or None) if offset else None}


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _clean_errors(errors) -> list[dict[str, Any]]:
    # pydantic's error dicts may carry the offending input and exception objects; keep what is serialisable.
    return [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in errors]


def create_app(db_path: str | Path, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY, nlp=None,
               model: str | None = None, threads: int | None = DEFAULT_THREADS,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the database at ``db_path`` (which must exist). Writes are enabled only with ``token``.

    ``allowed_hosts`` (``Host`` header names) refuses requests for any other name with 400: on loopback this stops
    a web page from reading the record through DNS rebinding (``onrecord serve`` sets it so).
    """
    db_path = db_path if is_database_url(db_path) else Path(db_path)  # a PostgreSQL URL stays a string
    Store(db_path, create=False).close()  # fail now, with a clear error, if it is missing or not ours; migrate
    stores = _Stores(db_path)
    state: dict[str, Any] = {"nlp": nlp}
    nlp_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app):
        # Handlers are short and CPU-bound under one GIL: a few worker threads serve a burst in order, where
        # anyio's default of 40 makes them take turns and stretches the slowest answers (p99) several times.
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        stores.close()

    app = FastAPI(title="onrecord", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what, who did what: the record of the stored news articles. Every page "
                              "has a JSON twin at the same path with `.json` (or with `Accept: application/json`).")
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(_DropEmptyParams)
    app.add_middleware(_SecurityHeaders)
    # Autoescaping on for every template (whatever the file name): stored text is untrusted.
    templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                                       autoescape=True, auto_reload=False))
    templates.env.globals.update(version=__version__, STATEMENT_KINDS=STATEMENT_KINDS, ACTOR_KINDS=ACTOR_KINDS,
                                 STANCES=STANCES,
                                 writes_enabled=token is not None)
    templates.env.filters["actor_url"] = lambda actor_id: "/actors/" + _quote(actor_id)
    templates.env.filters["basename"] = lambda source: str(source).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    templates.env.filters["topic_url"] = lambda name: "/topics/" + _quote(name)
    templates.env.filters["article_url"] = lambda article_id: "/articles/" + _quote(article_id)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.stores = stores

    # -- errors ----------------------------------------------------------------------------------------------------

    def error_response(request: Request, status: int, message: str, extra: dict | None = None) -> Response:
        if request.url.path.endswith(".json") or _wants_json(request) or request.url.path.startswith("/api/") \
                or request.method != "GET":
            return JSONResponse({"error": message, "status": status, **(extra or {})}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        errors = _clean_errors(exc.errors())
        return error_response(request, 422, _validation_message(errors), {"errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        resp = error_response(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(OnrecordError)
    async def on_onrecord_error(request: Request, exc: OnrecordError):
        # the database went away or cannot be read: say so (messages carry a code, never data or secrets)
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, "internal error (the server log has the details)")

    # -- pages -----------------------------------------------------------------------------------------------------

    cache = _PageCache()

    def page(path: str, template: str, *, summary: str, model: type[BaseModel],
             view: Callable[[dict], dict] | None = None, cached: bool = False):
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
                return cache.get(key, store().fingerprint(), lambda: fn(*args, **kwargs))

            @wraps(fn)
            def as_json(*args, **kwargs):
                return JSONResponse(data_for(kwargs["request"], args, kwargs))

            @wraps(fn)
            def as_page(*args, **kwargs):
                request: Request = kwargs["request"]
                data = data_for(request, args, kwargs)
                if _wants_json(request):
                    return JSONResponse(data)
                ctx = {"d": data, "json_url": _json_url(request)}
                if view is not None:
                    ctx.update(view(data, request))
                return templates.TemplateResponse(request, template, ctx)

            # The .json route first: "/articles/{id}" would otherwise take "abc.json" as an id.
            responses = {200: {"model": model}, 404: {"model": schemas.Error}, 422: {"model": schemas.Error}}
            app.get(path + ".json", name=fn.__name__ + "_json", summary=summary + " (JSON)", tags=["json"],
                    response_class=JSONResponse, responses=responses)(as_json)
            app.get(path, name=fn.__name__, summary=summary, tags=["pages"], response_class=HTMLResponse)(as_page)
            return fn

        return decorate

    def store() -> Store:
        return stores.read()

    Limit = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
    Offset = Query(0, ge=0, le=10**9, description="Rows to skip.")

    def text_param(description: str):
        return Query(None, max_length=TEXT_PARAM, description=description)

    @app.get("/", include_in_schema=False)
    def root():
        return RedirectResponse("/overview", status_code=307)

    @app.get("/healthz", tags=["api"], summary="Liveness: the database answers")
    def healthz():
        return {"ok": True, "articles": store().count(), "version": __version__}

    def overview_view(d, request):
        return {"chart": views.bar_chart(d["statements_per_day"], x="day", series="party", value="statements")}

    @page("/overview", "overview.html", model=schemas.Overview, summary="Counts, latest articles, most-quoted actors, statements per day",
          view=overview_view, cached=True)
    def overview(request: Request):
        s = store()
        return {"counts": s.counts(), "latest_articles": s.articles(limit=10),
                "most_quoted": [a for a in s.actors(limit=15) if a["statements"]],
                "statements_per_day": s.statements_per_day()}

    @page("/articles", "articles.html", model=schemas.ArticlesPage, summary="Stored articles, newest first; full-text search")
    def articles(request: Request, q: str | None = text_param("Words in the title or text (all must match)."),
                 outlet: str | None = text_param("Outlet (site) contains this."),
                 since: date | None = None, until: date | None = None,
                 limit: int = Limit, offset: int = Offset):
        _check_range(since, until)
        rows = store().articles(search=q, site=outlet, since=_iso(since), until=_iso(until), limit=limit + 1,
                                offset=offset)
        return paged(request, rows, limit, offset)

    def article_view(d, request):
        from ..model import Article

        article = Article.from_dict(d["article"])
        colours = views.speaker_colours(article)
        return {"text_html": views.text_html(article, show_removed=d["chrome"]), "speakers": views.speakers(article),
                "statement_colour": [colours[views.speaker_key(s)] for s in article.statements],
                "chrome_url": _page_url(request, chrome=None if d["chrome"] else 1)}

    @page("/articles/{article_id}", "article.html", model=schemas.ArticlePage, summary="One article with its record", view=article_view)
    def article(request: Request, article_id: str,
                chrome: bool = Query(False, description="Show the removed site chrome in place.")):
        a = store().get(article_id)
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
                "corrections": store().corrections(article_id=article_id)}

    def actors_view(d, request):
        return {"toggle_url": _page_url(request, merged=None if d["merged"] else 1, offset=None)}

    @page("/actors", "actors.html", model=schemas.ActorsPage, summary="Actors across articles, most quoted first", cached=True,
          view=actors_view)
    def actors(request: Request, name: str | None = text_param("Name contains this (case-insensitive)."),
               kind: str | None = Query(None, description="person, organisation, country or group"),
               merged: bool = Query(False, description="One row per actor across spellings and articles (the "
                                                       "clusters of `onrecord consolidate`)."),
               limit: int = Limit, offset: int = Offset):
        if kind is not None and kind not in ACTOR_KINDS:
            raise HTTPException(422, f"kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        s = store()
        if not merged:
            rows = s.actors(name=name, kind=kind, limit=limit + 1, offset=offset)
            return {"merged": False, "consolidated": s.last_consolidation() is not None,
                    **paged(request, rows, limit, offset)}
        rows = s.actor_clusters(name=name, kind=kind, limit=limit + 1, offset=offset)
        for r in rows:  # the page of a cluster is the page of any of its members
            r["id"] = r["members_detail"][0]["actor_id"] if r["members_detail"] else None
        return {"merged": True, "consolidated": s.last_consolidation() is not None,
                **paged(request, rows, limit, offset)}

    def actor_view(d, request):
        return {"stance_chart_data": views.stance_chart(d["stances"], by="topic")}

    @page("/actors/{actor_id}", "actor.html", model=schemas.ActorPage, summary="One actor: names, roles, statements, events, stances",
          view=actor_view)
    def actor(request: Request, actor_id: str, limit: int = Limit, offset: int = Offset):
        s = store()
        profile = s.actor(actor_id)
        if profile is None:
            raise HTTPException(404, f"no actor with id {actor_id!r}")
        # The same actor across articles (onrecord consolidate): when this id sits in exactly one cluster, the
        # page covers every member of it, whatever its spelling.
        clusters = s.actor_clusters(actor_id=actor_id)
        cluster = clusters[0] if len(clusters) == 1 else None
        member_ids = sorted({m["actor_id"] for m in cluster["members_detail"]}) if cluster else [actor_id]
        rows = (s.statements(cluster=cluster["id"], limit=limit + 1, offset=offset) if cluster
                else s.statements(actor=actor_id, limit=limit + 1, offset=offset))
        events, stances = [], []
        for member in member_ids:
            for e in s.events(actor_id=member, limit=200):
                e["as"] = " and ".join(r for r, ids in (("source", e["source_ids"]), ("target", e["target_ids"]))
                                       if member in ids)
                events.append(e)
            stances += s.stances(actor_id=member, limit=500)
        stances.sort(key=lambda r: (r["topic"], r["date"] or "9999", r["article_id"]))
        return {"actor": profile, "cluster": cluster, "consolidation": s.last_consolidation() if cluster else None,
                "statements": paged(request, rows, limit, offset), "events": events, "stances": stances}

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
        _check_range(since, until)
        s = store()
        quotes = s.statements(search=q, speaker=speaker, affiliation=affiliation, site=outlet, since=_iso(since),
                              until=_iso(until), kind=kind, limit=limit + 1, offset=offset)
        # Articles match on their own text; speaker, affiliation and kind are about statements only.
        statement_only = bool(speaker or affiliation or kind)
        arts = [] if statement_only or not q else s.articles(search=q, site=outlet, since=_iso(since),
                                                             until=_iso(until), limit=limit + 1, offset=offset)
        query = {"q": q, "speaker": speaker, "affiliation": affiliation, "outlet": outlet, "since": _iso(since),
                 "until": _iso(until), "kind": kind}
        return {"query": query, "quotes": paged(request, quotes, limit, offset),
                "articles": paged(request, arts, limit, offset)}

    @page("/topics", "topics.html", model=schemas.TopicsPage, summary="Topics and proposals, by how many articles discuss them", cached=True)
    def topics(request: Request, name: str | None = text_param("Topic name or alias contains this."),
               limit: int = Limit, offset: int = Offset):
        return paged(request, store().topics(name=name, limit=limit + 1, offset=offset), limit, offset)

    def topic_view(d, request):
        return {"chart": views.stance_chart(d["stances"], by="actor"),
                "matrix": views.stance_matrix(d["stances"], STANCES)}

    # {name:path}: a topic name may hold a slash ("9/11"); the .json route is matched first, as for every page
    @page("/topics/{name:path}", "topic.html", model=schemas.TopicPage, summary="One topic: actor × stance matrix with evidence, stances over time",
          view=topic_view)
    def topic(request: Request, name: str):
        s = store()
        found = [t for t in s.topics(name=name, limit=None) if t["name"] == name]
        if not found:
            raise HTTPException(404, f"no topic named {name!r}")
        return {"topic": found[0], "stances": s.stances(topic_name=name, limit=2000)}

    @page("/timeline", "timeline.html", model=schemas.TimelinePage, summary="Dated events and statements, filterable by party", cached=True)
    def timeline(request: Request,
                 party: str | None = text_param("A party: an affiliation or a country (exact, any case)."),
                 actor: str | None = text_param("A source, target or speaker's name contains this."),
                 since: date | None = Query(None, description="On or after (YYYY-MM-DD)."),
                 until: date | None = Query(None, description="On or before (YYYY-MM-DD)."),
                 limit: int = Limit, offset: int = Offset):
        _check_range(since, until)
        rows = store().timeline(party=party, actor=actor, since=_iso(since), until=_iso(until), limit=limit + 1,
                                offset=offset)
        return {"query": {"party": party, "actor": actor, "since": _iso(since), "until": _iso(until)},
                **paged(request, rows, limit, offset)}

    # -- writes ----------------------------------------------------------------------------------------------------

    def require_token(request: Request) -> None:
        if token is None:
            raise HTTPException(403, "writes are disabled on this server (the operator has configured no token: "
                                     "--token-file or ONRECORD_TOKEN)")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "this write needs 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode("utf-8", "surrogatepass"), token.encode("utf-8")):
            raise HTTPException(403, "wrong token")

    async def read_json(request: Request, model: type[BaseModel]) -> BaseModel:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HTTPException(415, f"send the body as application/json (got {ctype or 'no content type'!r})")
        declared = request.headers.get("content-length")
        if declared is not None:
            try:
                if int(declared) > max_body:
                    raise HTTPException(413, f"body of {int(declared):,} bytes is over the limit of {max_body:,}")
            except ValueError:
                raise HTTPException(400, "bad Content-Length header") from None
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise HTTPException(413, f"body is over the limit of {max_body:,} bytes")
        try:
            return model.model_validate_json(bytes(body))
        except ValidationError as err:
            errors = _clean_errors(err.errors())
            raise RequestValidationError(errors) from None

    def _schema(model: type[BaseModel]) -> dict:
        return {"requestBody": {"required": True, "content": {"application/json": {
            "schema": model.model_json_schema()}}}}

    @app.post("/api/articles", tags=["api"], status_code=201, openapi_extra=_schema(ArticleIn),
              summary="Ingest a posted article (needs the token)")
    async def post_article(request: Request):
        require_token(request)
        body = await read_json(request, ArticleIn)

        def work():
            from .. import ingest
            from ..config import Options
            from ..pipeline import extract_document

            options = Options.from_env(model=model)
            doc = ingest.document_from_text(body.text, source=body.source or "http-post", title=body.title,
                                            published=_iso(body.published), site=body.site, author=body.author)
            with nlp_lock:
                if state["nlp"] is None:
                    from ..nlp import load_nlp

                    state["nlp"] = load_nlp(options)
                art = extract_document(doc, state["nlp"], options)
            added = stores.write(lambda s: s.add(art))
            return art, added

        try:
            art, added = await run_in_threadpool(work)
        except OnrecordError as err:
            raise HTTPException(422, str(err)) from None
        # a posted source is a label: never logged with the body, never opened as a path
        log.info("ingested article %s over HTTP (%s)", art.id, "new" if added else "already stored")
        return JSONResponse({"id": art.id, "stored": added, "url": "/articles/" + art.id,
                             "statements": len(art.statements), "actors": len(art.actors)},
                            status_code=201 if added else 200)

    @app.post("/api/articles/{article_id}/statements/{statement_id}/speaker", tags=["api"],
              openapi_extra=_schema(SpeakerCorrection),
              summary="Correct the speaker a statement is attributed to (needs the token)")
    async def correct_speaker(request: Request, article_id: str, statement_id: str):
        require_token(request)
        body = await read_json(request, SpeakerCorrection)

        def work():
            a = store().get(article_id)
            if a is None:
                raise HTTPException(404, f"no article with id {article_id!r}")
            if not any(s.id == statement_id for s in a.statements):
                raise HTTPException(404, f"no statement {statement_id!r} in article {article_id!r}")
            if body.actor is not None and a.actor(body.actor) is None:
                raise HTTPException(422, f"no actor {body.actor!r} in article {article_id!r}; "
                                         f"choose one of {', '.join(x.id for x in a.actors) or 'none'}")
            return stores.write(lambda s: s.correct_speaker(article_id, statement_id, body.actor, note=body.note))

        return JSONResponse(await run_in_threadpool(work))

    return app


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="")


def _json_url(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/overview"
    return path + ".json" + (("?" + request.url.query) if request.url.query else "")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")


__all__ = ["create_app", "ArticleIn", "SpeakerCorrection"]
