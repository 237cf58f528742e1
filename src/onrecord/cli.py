"""The ``onrecord`` command line.  Each command parses its options, calls one library function, and renders.

Exit codes: 0 when at least one input succeeded (or a query ran), 1 when every input failed or the database
cannot be used, 2 for usage errors (click).  Errors go to stderr as one line each (``E101 path: message``);
stdout carries only the requested output, so ``onrecord extract --format jsonl … > out.jsonl`` is clean.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import __version__
from .cli_options import (  # noqa: F401 -- re-exported: the option decorators are part of this module's face
    _check_backend,
    _configure_logging,
    _duration,
    _Group,
    _paths_argument,
    date_range_options,
    db_option,
    model_option,
    published_option,
    published_range_options,
    read_options,
    scale_options,
)
from .config import Options, default_db_path
from .errors import OnrecordError, StorageFullError, StoreError
from .model import ACTOR_KINDS, EVENT_TYPES, STANCES, STATEMENT_KINDS, Article
from .render import error, render_article, render_rows, stderr_console, stdout_console
from .store import Store

log = logging.getLogger(__name__)


# -- plumbing (the rest is in cli_options) ------------------------------------------------------------------------

def get_nlp(options: Options):
    """The spaCy pipeline for ``options`` (cached per process by ``load_nlp``); tests replace this."""
    from .nlp import load_nlp

    return load_nlp(options)


def _extract(paths: Iterable[str | Path], options: Options, skip=None, *, workers: int = 1,
             dask: str | None = None) -> Iterator[Article | OnrecordError]:
    from .pipeline import extract_many

    if skip is None and (workers > 1 or dask is not None):
        return _extract_sharded(paths, options, workers, dask)
    # Pool and Dask workers load the model themselves; only the in-process path needs it here.
    nlp = get_nlp(options) if workers <= 1 and dask is None else None
    return extract_many(paths, nlp=nlp, options=options, skip=skip, workers=workers, dask=dask)


def _extract_sharded(paths, options: Options, workers: int, dask: str | None) -> Iterator[Article | OnrecordError]:
    """--workers / --dask: the workers read their own shards of the input (docs/scaling.md)."""
    from . import shardwork
    from .executors import make_executor

    with make_executor(options, workers=workers, dask=dask) as executor:
        yield from shardwork.extract(paths, options, executor)


def _batch_exit(ok: int, failed: int) -> None:
    if ok == 0 and failed == 0:
        error("no input files found")
        sys.exit(1)
    sys.exit(0 if ok else 1)


def _open_store(db_path: str | None, *, create: bool) -> Store:
    return Store.open(db_path or default_db_path(), create=create)


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
    ok = failed = warned_articles = 0
    warned: dict[str, int] = {}
    collected = []
    console = stdout_console()
    for item in _extract(paths, options, workers=workers, dask=dask_address):
        if isinstance(item, OnrecordError):
            error(str(item))
            failed += 1
            continue
        ok += 1
        for w in getattr(item, "warnings", ()) or ():
            warned[getattr(w, "code", "W?")] = warned.get(getattr(w, "code", "W?"), 0) + 1
            error(_warning_line(w, item.source))
        warned_articles += bool(getattr(item, "warnings", ()))
        if fmt == "jsonl":
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        elif fmt == "json":
            collected.append(item.to_dict())
        else:
            render_article(item, console)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if warned_articles:  # on stderr: stdout carries only the records
        codes = ", ".join(f"{c} ×{n}" for c, n in sorted(warned.items()))
        error(f"{warned_articles} of {ok} articles with warnings ({codes}): a layer of their record is missing")
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

    from .pipeline import disk_full, ingest_into

    _check_backend(workers, dask_address)
    options = Options.from_env(model=model, published=published)
    if then_consolidate and parquet_dir is not None and db_path is None:
        raise click.UsageError("--consolidate needs a database: give --db as well as --parquet")
    stack = ExitStack()
    with stack:
        sinks: list = []
        store = None
        if parquet_dir is None or db_path is not None:
            store = stack.enter_context(_open_store(db_path, create=True))
            sinks.append(store)
        sharded = workers > 1 or dask_address is not None  # the workers read their shards (docs/scaling.md)
        if parquet_dir is not None and not (sharded and store is None):
            from .parquet import ParquetSink

            sinks.append(stack.enter_context(ParquetSink(parquet_dir)))
        console = stderr_console()
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=console, disable=not console.is_terminal)
        with progress:
            task = progress.add_task("ingest", total=None)

            def shown(outcome) -> None:
                if outcome.error is not None:
                    progress.console.print(Text(str(outcome.error), style="red"), soft_wrap=True)
                for w in outcome.warnings:
                    progress.console.print(Text(_warning_line(w, outcome.source), style="yellow"), soft_wrap=True)
                progress.advance(task)

            if sharded:
                from . import shardwork
                from .executors import make_executor

                with make_executor(options, workers=workers, dask=dask_address) as executor:
                    summary = shardwork.ingest(paths, options, executor, sinks=sinks, parquet_dir=parquet_dir,
                                               on_outcome=shown)
            else:
                summary = ingest_into(paths, sinks, options, nlp=get_nlp(options), on_outcome=shown)
        click.echo(summary.line())
        if summary.stopped is None and then_consolidate and store is not None and summary.ok:
            _consolidate_and_report(store)
        try:
            stack.close()  # the Parquet sink writes its last part here
        except StoreError as err:
            if not disk_full(err):
                raise
            summary.stopped = StorageFullError(f"the disk is full, the last Parquet part is not written: {err}",
                                             source=err.source)
    if summary.stopped is not None:
        error(str(summary.stopped))
        sys.exit(1)
    _batch_exit(summary.ok, summary.failed)


def _warning_line(warning, source: str | None) -> str:
    """``W100 a.txt: quotes: the component failed (ValueError: …)``: one line per layer warning, like errors."""
    code = getattr(warning, "code", "W?")
    layer = getattr(warning, "layer", None)
    message = getattr(warning, "message", None) or str(warning)
    return f"{code} {source or '?'}: " + (f"{layer}: " if layer else "") + message


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


def _consolidate_and_report(store: Store, *, full: bool = False) -> None:
    summary = store.consolidate(full=full)
    click.echo(f"{summary['articles']} articles: {summary['actor_clusters']} actors "
               f"({summary['merged_actor_clusters']} across several articles), {summary['quote_clusters']} quotes "
               f"({summary['quotes_with_several_sources']} with several sources), {summary['stance_points']} "
               f"stance points ({store.location})")
    for o in summary["unused_overrides"]:
        error(f"override #{o['id']} ({o['action']} {o['a']!r} / {o['b']!r}) matches no stored actor")


@main.command()
@db_option
@click.option("--full", is_flag=True, help="Rebuild every cluster and index from all stored articles (the same "
              "clusters as the incremental run; use it after changing onrecord's rules).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Consolidate the articles of this Parquet folder (`ingest --parquet`) as a Dask job instead of a "
                   "database's (overrides are read from --db when it is given).")
@click.option("--dask", "dask_address", default="local", show_default=True, metavar="ADDRESS|local[:N]",
              help="With --parquet: the scheduler to run on (tcp://host:8786), or N local worker processes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --parquet: the folder for actor_clusters/, quote_clusters/ and stance_points/ (Parquet).")
def consolidate(db_path, full: bool, parquet_dir: Path | None, dask_address: str, out_dir: Path | None) -> None:
    """Merge the record across stored articles: one actor across spellings, one quote across outlets, and the
    stance timeline per actor and topic.  Incremental: recomputes only what the articles added, replaced or deleted
    since the last run (and overrides set with `merge`/`split`) can change, with the same clusters as a full
    rebuild (docs/consolidation.md)."""
    if parquet_dir is None:
        if out_dir is not None:
            raise click.UsageError("--out goes with --parquet")
        with _open_store(db_path, create=False) as store:
            _consolidate_and_report(store, full=full)
        return
    if out_dir is None:
        raise click.UsageError("--parquet needs --out DIR for the clusters")
    _consolidate_parquet(parquet_dir, out_dir, dask_address, db_path)


def _consolidate_parquet(parquet_dir: Path, out_dir: Path, address: str, db_path: str | None) -> None:
    from .consolidate import Override
    from .consolidate.cluster_job import run_on
    overrides: list = []
    if db_path is not None:
        with _open_store(db_path, create=False) as store:
            overrides = [Override(o["action"], o["a"], o["b"], id=o["id"]) for o in store.overrides()]
    counts = run_on(address, parquet_dir, out_dir, overrides)
    click.echo(f"{counts['actor_clusters']} actors, {counts['quote_clusters']} quotes, {counts['stance_points']} "
               f"stance points ({out_dir})")


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
              help="Give up on a feed or page that has not fully arrived in this time (connect, headers and body together).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5 * 1024 * 1024, show_default=True,
              help="Largest feed or page fetched.")
@click.option("--allow-private", is_flag=True,
              help="Fetch entries and redirects that point at loopback, private, link-local or reserved "
                   "addresses even when the feed's host is public (refused by default: E604).")
def watch(feeds_file: Path, db_path: str | None, model: str | None, every: float, once: bool,
          max_polls: int | None, max_items: int, timeout: float, max_bytes: int, allow_private: bool) -> None:
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
                              fetcher=Fetcher(timeout=timeout, max_bytes=max_bytes,
                                              allow_private=allow_private))
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


def _optional_command(name: str, module: str, attr: str, install: str) -> None:
    """Add the command ``attr`` of ``module``; if that import fails, a command of the same name still appears in
    ``--help`` and, when run, says what is missing and how to install it (exit 2) instead of vanishing."""
    import importlib

    try:
        command = getattr(importlib.import_module(module, __package__), attr)
    except Exception as err:  # noqa: BLE001 - a broken optional module must not take the whole CLI down
        missing = getattr(err, "name", None)
        why = (f"{missing} cannot be imported" if isinstance(err, ImportError) and missing
               else f"{type(err).__name__}: {err}")
        log.info("the %s command is unavailable: %s", name, why)

        @click.command(name, context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                               "help_option_names": []},
                       help=f"(unavailable here: {why}; {install})", add_help_option=False)
        @click.pass_context
        def unavailable(ctx: click.Context) -> None:
            error(f"onrecord {name} is unavailable: {why}. Install it with: {install}")
            ctx.exit(2)

        command = unavailable
    main.add_command(command, name)


# The evaluation commands live with the evaluator, the web server in its own package (its FastAPI/uvicorn imports
# happen only when `serve` runs); the main CLI works without either.
_optional_command("eval", ".evaluate.cli", "eval_group", 'pip install -e . (reinstall onrecord)')
_optional_command("serve", ".server.cli", "serve_command", 'pip install -e ".[serve]"')


if __name__ == "__main__":  # pragma: no cover
    main()
