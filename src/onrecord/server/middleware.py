"""Plain ASGI wrappers around the app (no per-request task overhead): security headers, blank query parameters
dropped, and the ``Host`` check against DNS rebinding (IPv6 literals understood)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.responses import PlainTextResponse

# Defence in depth behind autoescaping: no inline script, nothing from another origin.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response."""

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


class DropEmptyParams:
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


def host_name(header: str) -> str:
    """The host of a ``Host`` header without its port, lower-cased: ``[::1]:8000`` → ``::1``,
    ``Example.org:80`` → ``example.org``. (Starlette's TrustedHostMiddleware cuts at the first colon, so an IPv6
    literal became ``[`` and ``serve --host ::1`` refused its own address.)"""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[1:end] if end > 0 else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class TrustedHosts:
    """Answers 400 to a request whose ``Host`` is not one of ``allowed`` (names or IP literals, IPv6 with or
    without brackets): on loopback this stops a web page from reading the record through DNS rebinding."""

    def __init__(self, app, allowed: list[str]):
        self.app = app
        self.allowed = {host_name(h) if h.startswith("[") else h.strip().lower() for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or ())
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                return await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
        await self.app(scope, receive, send)
