"""``onrecord serve``: run the web reader and REST API over one database with uvicorn.

Imports FastAPI and uvicorn only when the command runs, and says how to install them when they are missing.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
from pathlib import Path

import click

from ..config import default_db_path
from ..errors import OnrecordError

log = logging.getLogger(__name__)

MIN_TOKEN_CHARS = 16
TOKEN_ENV = "ONRECORD_TOKEN"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")


def read_token(token_file: Path | None) -> str | None:
    """The write token from ``--token-file`` (first line, stripped), else ``$ONRECORD_TOKEN``, else None."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            raise click.UsageError(f"cannot read the token file {token_file}: {err}") from None
        source = str(token_file)
        try:
            if token_file.stat().st_mode & 0o077:
                log.warning("the token file %s can be read by other users (chmod 600 it)", token_file)
        except OSError:
            pass
    else:
        token = (os.environ.get(TOKEN_ENV) or "").strip()
        source = TOKEN_ENV
        if not token:
            return None
    if len(token) < MIN_TOKEN_CHARS or any(c.isspace() for c in token):
        raise click.UsageError(f"the token in {source} must be at least {MIN_TOKEN_CHARS} characters with no "
                               "spaces (e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`)")
    return token


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """``http://127.0.0.1:8000/``; an IPv6 address in brackets (RFC 3986): ``http://[::1]:8000/``."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


@click.command("serve")
@click.option("--db", "db_path", default=None, metavar="FILE|URL",  # a string: Path would fold a URL's "//"
              help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/dbname).  "
                   "[default: $ONRECORD_DB, else $XDG_DATA_HOME/onrecord/onrecord.db]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the record to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=f"Enables writes over HTTP (POST an article, correct a speaker) for clients that send this "
                   f"token as 'Authorization: Bearer …'. [default: ${TOKEN_ENV}; none: read-only]")
@click.option("--max-body", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Largest accepted POST body; larger ones get 413.  [default: 2 MiB]")
@click.option("--model", default=None, metavar="NAME", help="spaCy model for posted articles (as for extract).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name. On loopback only 127.0.0.1 and localhost are answered "
                   "(a guard against DNS rebinding); elsewhere any name is, unless this option lists them.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each with its own database connections); more use more cores.")
@click.option("--queue", "queue_size", type=click.IntRange(1, 10_000), default=8, show_default=True,
              help="Posted articles that may wait for extraction (per process); one more is answered 503.")
def serve_command(db_path: str | None, host: str, port: int, token_file: Path | None, max_body: int | None,
                  model: str | None, allow_hosts: tuple[str, ...], workers: int, queue_size: int) -> None:
    """Serve the web reader and the JSON API (OpenAPI at /openapi.json). Read-only unless a token is set."""
    try:
        import uvicorn

        from .app import DEFAULT_MAX_BODY
    except ImportError as err:
        click.echo(f"onrecord serve needs the serve extra ({err.name} is missing): pip install -e \".[serve]\" "
                   "(or pip install 'onrecord[serve]')", err=True)
        raise SystemExit(2) from None
    token = read_token(token_file)
    path = db_path or default_db_path()
    settings = {"db_path": str(path), "token_file": str(token_file) if token_file else None,
                "max_body": max_body or DEFAULT_MAX_BODY, "model": model, "queue_size": queue_size,
                # on loopback the address it listens on is one of its names (`--host ::1` answers [::1])
                "allowed_hosts": ([*LOOPBACK_NAMES, *([host] if host not in LOOPBACK_NAMES else []), *allow_hosts]
                                  if _is_loopback(host) else list(allow_hosts)) or None}
    try:
        app = _app(settings, token)
    except OnrecordError as err:
        raise click.ClickException(str(err)) from None
    if not _is_loopback(host):
        log.warning("listening on %s: anyone who can reach this machine can read the record", host)
    click.echo(f"serving {path} on {url_for(host, port)} ({'writes enabled' if token else 'read-only'}"
               f"{f', {workers} processes' if workers > 1 else ''})", err=True)
    common = {"host": host, "port": port, "log_level": "info", "server_header": False, "proxy_headers": False}
    if workers == 1:
        uvicorn.run(app, **common)
        return
    # Several processes need the app as an import string: each worker builds it from these settings (the token
    # itself is not put in the environment: a token file is read again, ONRECORD_TOKEN is inherited).
    os.environ[SETTINGS_ENV] = json.dumps(settings)
    uvicorn.run("onrecord.server.cli:app_from_environment", factory=True, workers=workers, **common)


SETTINGS_ENV = "ONRECORD_SERVE_SETTINGS"


def _app(settings: dict, token: str | None):
    from .app import create_app

    return create_app(settings["db_path"], token=token, max_body=settings["max_body"], model=settings["model"],
                      allowed_hosts=settings["allowed_hosts"], queue_size=settings.get("queue_size", 8))


def app_from_environment():
    """The app of one ``onrecord serve --workers N`` process, from the settings the command left in the
    environment."""
    settings = json.loads(os.environ[SETTINGS_ENV])
    token_file = settings["token_file"]
    return _app(settings, read_token(Path(token_file) if token_file else None))
