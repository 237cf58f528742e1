"""The writes, as one ``APIRouter``: ingest a posted article (through the NLP job queue), poll its job, correct a
speaker. Every write needs the operator's token (``Authorization: Bearer …``, compared in constant time, never
logged); bodies are JSON, read up to ``max_body`` bytes."""

from __future__ import annotations

import hmac
import logging
import time
from datetime import date

import anyio
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import ClientDisconnect

from ..errors import InputError, StoreError
from .common import clean_errors, iso, store
from .jobs import JobFailed, QueueFull
from .stores import WriteSink

log = logging.getLogger(__name__)

router = APIRouter()

MAX_WAIT = 60.0  # seconds a POST may ask to wait for its article (?wait=), without holding a thread
RETRY_AFTER = 10  # seconds, in the 503 of a full queue


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


def require_token(request: Request) -> None:
    token = request.app.state.token
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
    max_body = request.app.state.max_body
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
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise HTTPException(413, f"body is over the limit of {max_body:,} bytes")
    except ClientDisconnect:
        # an everyday event (a client timed out, a user closed the tab): one line, not a traceback at ERROR
        log.info("%s %s: the client disconnected after %d bytes of the body", request.method, request.url.path,
                 len(body))
        raise HTTPException(400, "the client disconnected before the body was complete") from None
    try:
        return model.model_validate_json(bytes(body))
    except ValidationError as err:
        raise RequestValidationError(clean_errors(err.errors())) from None


def _schema(model: type[BaseModel]) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": model.model_json_schema()}}}}


def _ingest_posted(state, doc) -> dict:
    """The job: extract and store one posted document (on the NLP worker thread)."""
    from ..config import Options
    from ..pipeline import ingest_into

    options = Options.from_env(model=state.model)
    if state.nlp is None:  # only the worker thread gets here: no lock needed
        from ..nlp import load_nlp

        state.nlp = load_nlp(options)
    outcomes = []
    summary = ingest_into([doc], [WriteSink(state.stores)], options, nlp=state.nlp, site_dedup=False,
                          on_outcome=outcomes.append)
    if summary.stopped is not None:
        raise JobFailed(str(summary.stopped), 507)
    (o,) = outcomes
    if o.error is not None:
        raise JobFailed(str(o.error), 503 if isinstance(o.error, StoreError) else 422)
    article = o.article if o.article is not None else state.stores.read().get(o.id)
    # a posted source is a label: never logged with the body, never opened as a path
    log.info("ingested article %s over HTTP (%s)", o.id, "new" if o.status == "new" else "already stored")
    return {"id": o.id, "stored": o.status == "new", "url": "/articles/" + o.id,
            "statements": len(article.statements), "actors": len(article.actors)}


def _job_response(job) -> JSONResponse:
    if job.status == "done":
        return JSONResponse(job.result, status_code=201 if job.result["stored"] else 200)
    if job.status == "failed":
        return JSONResponse({"error": job.error, "status": job.error_status, "job": job.to_dict()},
                            status_code=job.error_status or 500)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.post("/api/articles", tags=["api"], status_code=202, openapi_extra=_schema(ArticleIn),
             summary="Ingest a posted article (needs the token): 202 with a job to poll, or the result with ?wait")
async def post_article(request: Request,
                       wait: float = Query(0, ge=0, le=MAX_WAIT,
                                           description="Seconds to wait for the article to be extracted and "
                                                       "stored; done in time: 201 (or 200, already stored), "
                                                       "else 202 with the job to poll.")):
    from .. import ingest

    require_token(request)
    body = await read_json(request, ArticleIn)
    try:
        doc = ingest.document_from_text(body.text, source=body.source or "http-post", title=body.title,
                                        published=iso(body.published), site=body.site, author=body.author)
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    state = request.app.state
    try:
        job = state.jobs.submit(lambda: _ingest_posted(state, doc))
    except QueueFull as err:
        raise HTTPException(503, f"busy: {err}; try again later",
                            headers={"Retry-After": str(RETRY_AFTER)}) from None
    deadline, pause = time.monotonic() + wait, 0.01
    while job.status in ("queued", "running") and time.monotonic() < deadline:
        await anyio.sleep(min(pause, max(0.0, deadline - time.monotonic())))  # no thread is held while waiting
        pause = min(pause * 2, 0.25)
    return _job_response(job)


@router.get("/api/jobs/{job_id}", tags=["api"], summary="The state of a posted article's job (needs the token)")
def get_job(request: Request, job_id: str):
    require_token(request)
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (finished jobs are kept for a while, not for ever)")
    return JSONResponse(job.to_dict())


@router.post("/api/articles/{article_id}/statements/{statement_id}/speaker", tags=["api"],
             openapi_extra=_schema(SpeakerCorrection),
             summary="Correct the speaker a statement is attributed to (needs the token)")
async def correct_speaker(request: Request, article_id: str, statement_id: str):
    require_token(request)
    body = await read_json(request, SpeakerCorrection)

    def work():
        a = store(request).get(article_id)
        if a is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        if not any(s.id == statement_id for s in a.statements):
            raise HTTPException(404, f"no statement {statement_id!r} in article {article_id!r}")
        if body.actor is not None and a.actor(body.actor) is None:
            raise HTTPException(422, f"no actor {body.actor!r} in article {article_id!r}; "
                                     f"choose one of {', '.join(x.id for x in a.actors) or 'none'}")
        return request.app.state.stores.write(
            lambda s: s.correct_speaker(article_id, statement_id, body.actor, note=body.note))

    return JSONResponse(await run_in_threadpool(work))


__all__ = ["router", "ArticleIn", "SpeakerCorrection"]
