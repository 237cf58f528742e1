"""What the page and API routers share: content negotiation, paging links, error bodies, parameter helpers.

Everything a handler needs from the app it runs in is on ``request.app.state`` (``stores``, ``cache``,
``templates``, ``token``, ``max_body``, ``jobs``; set by ``app.create_app``), so the routers are plain
module-level ``APIRouter`` objects.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from ..store import Store

MAX_LIMIT = 500
TEXT_PARAM = 200  # longest accepted free-text query parameter

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
Offset = Query(0, ge=0, le=10**9, description="Rows to skip.")


def text_param(description: str):
    return Query(None, max_length=TEXT_PARAM, description=description)


def store(request: Request) -> Store:
    """This thread's read-only store (``stores.Stores.read``)."""
    return request.app.state.stores.read()


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def negotiated(request: Request) -> bool:
    """Whether the answer at this URL depends on the ``Accept`` header (a page, not its ``.json`` twin or the API):
    its responses then say ``Vary: Accept``, so a cache does not hand the HTML to a program or the JSON to a
    browser."""
    path = request.url.path
    return request.method in ("GET", "HEAD") and not path.endswith(".json") and not path.startswith("/api/")


def vary_accept(response: Response) -> Response:
    have = [v.strip().lower() for v in response.headers.get("vary", "").split(",") if v.strip()]
    if "accept" not in have:
        response.headers["vary"] = ", ".join([*filter(None, [response.headers.get("vary")]), "Accept"])
    return response


def page_url(request: Request, **changes: Any) -> str:
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
            "next": page_url(request, offset=offset + limit) if more else None,
            "prev": page_url(request, offset=max(0, offset - limit) or None) if offset else None}


def validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def clean_errors(errors) -> list[dict[str, Any]]:
    # pydantic's error dicts may carry the offending input and exception objects; keep what is serialisable.
    return [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in errors]


def error_response(request: Request, status: int, message: str, extra: dict | None = None) -> Response:
    """JSON ``{"error": …, "status": …}`` for programs, the error page for people."""
    if request.url.path.endswith(".json") or wants_json(request) or request.url.path.startswith("/api/") \
            or request.method != "GET":
        resp: Response = JSONResponse({"error": message, "status": status, **(extra or {})}, status_code=status)
    else:
        resp = request.app.state.templates.TemplateResponse(request, "error.html",
                                                            {"status": status, "message": message},
                                                            status_code=status)
    return vary_accept(resp) if negotiated(request) else resp


def url_quote(value: str) -> str:
    return quote(str(value), safe="")


def json_url(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/overview"
    return path + ".json" + (("?" + request.url.query) if request.url.query else "")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
