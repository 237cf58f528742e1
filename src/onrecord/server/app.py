"""The web application: ``create_app(db_path, ...)`` builds a FastAPI app over one database from its parts.

* ``pages``: the pages and their JSON twins (``/path`` and ``/path.json``), one router.
* ``api``: the writes (ingest a posted article, correct a speaker), only when the operator configured a token;
  posted articles are extracted by the bounded NLP queue of ``jobs``, so writes never take the readers' threads.
* ``stores``: one read-only ``Store`` per worker thread (``PRAGMA query_only``), one write connection at a time,
  the page cache.
* ``middleware``: security headers, blank parameters dropped, the ``Host`` check.
* **Errors** are JSON ``{"error": message}`` for programs and an error page for people, with the 4xx status
  (``common.error_response``).
"""

from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import OnrecordError
from ..model import ACTOR_KINDS, STANCES, STATEMENT_KINDS
from ..store import Store, is_database_url
from . import api, pages
from .api import ArticleIn, SpeakerCorrection
from .common import clean_errors, error_response, url_quote, validation_message
from .jobs import DEFAULT_QUEUE, JobQueue
from .middleware import DropEmptyParams, SecurityHeaders, TrustedHosts
from .stores import PageCache, Stores

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # bytes of a POST body; larger → 413
DEFAULT_THREADS = 4  # worker threads for the (synchronous) handlers; see lifespan


class _Templates(jinja2.Environment):
    """Jinja2 with ``row.field`` looking in a dict row first: the rows are plain dicts, and Jinja2's getattr
    tries the attribute and its AttributeError before the key (~400 lookups on an actor page).  A key never
    hides a dict method a template calls: a row with no such key falls back to the attribute."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def create_app(db_path: str | Path, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY, nlp=None,
               model: str | None = None, threads: int | None = DEFAULT_THREADS,
               allowed_hosts: list[str] | None = None, queue_size: int = DEFAULT_QUEUE) -> FastAPI:
    """The app over the database at ``db_path`` (which must exist). Writes are enabled only with ``token``.

    ``allowed_hosts`` (``Host`` header names or IP literals) refuses requests for any other name with 400: on
    loopback this stops a web page from reading the record through DNS rebinding (``onrecord serve`` sets it so).
    ``queue_size``: posted articles that may wait for extraction; one more is answered 503.
    """
    db_path = db_path if is_database_url(db_path) else Path(db_path)  # a PostgreSQL URL stays a string
    Store(db_path, create=False).close()  # fail now, with a clear error, if it is missing or not ours; migrate
    stores = Stores(db_path)
    jobs = JobQueue(queue_size)

    @asynccontextmanager
    async def lifespan(app):
        # Handlers are short and CPU-bound under one GIL: a few worker threads serve a burst in order, where
        # anyio's default of 40 makes them take turns and stretches the slowest answers (p99) several times.
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        jobs.open()
        # What start-up made (FastAPI's routes and models, the templates) lives as long as the process: out of the
        # collector's sight, a page's many short-lived objects no longer make it walk them (~6% of a page's CPU)
        gc.collect()
        gc.freeze()
        yield
        jobs.close()
        stores.close()

    app = FastAPI(title="onrecord", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who said what, who did what: the record of the stored news articles. Every page "
                              "has a JSON twin at the same path with `.json` (or with `Accept: application/json`).")
    if allowed_hosts:
        app.add_middleware(TrustedHosts, allowed=list(allowed_hosts))
    app.add_middleware(DropEmptyParams)
    app.add_middleware(SecurityHeaders)
    # Autoescaping on for every template (whatever the file name): stored text is untrusted.
    templates = Jinja2Templates(env=_Templates(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                               autoescape=True, auto_reload=False))
    templates.env.globals.update(version=__version__, STATEMENT_KINDS=STATEMENT_KINDS, ACTOR_KINDS=ACTOR_KINDS,
                                 STANCES=STANCES, writes_enabled=token is not None)
    templates.env.filters["actor_url"] = lambda actor_id: "/actors/" + url_quote(actor_id)
    templates.env.filters["basename"] = lambda source: str(source).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    templates.env.filters["topic_url"] = lambda name: "/topics/" + url_quote(name)
    templates.env.filters["article_url"] = lambda article_id: "/articles/" + url_quote(article_id)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.stores = stores
    app.state.cache = PageCache()
    app.state.templates = templates
    app.state.token = token
    app.state.max_body = max_body
    app.state.jobs = jobs
    app.state.nlp = nlp
    app.state.model = model
    _error_handlers(app)
    app.include_router(pages.router)
    app.include_router(api.router)
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        errors = clean_errors(exc.errors())
        return error_response(request, 422, validation_message(errors), {"errors": errors})

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


__all__ = ["create_app", "ArticleIn", "SpeakerCorrection"]
