"""One place owns the order of the stages.

``extract_document`` is the pure per-article function (picklable options in, ``Article`` out):

1. ingest   -- ``onrecord.ingest``: bytes → decoded text (HTML: main content and metadata via trafilatura)
2. clean    -- ``onrecord.clean``: drop site chrome from plain text, keeping what was dropped and why
3. nlp      -- the spaCy pipeline with the ``onrecord_actors``, ``onrecord_quotes``, ``onrecord_events`` and
               ``onrecord_stances`` components (the publication date is set on the Doc first: events resolve
               "Tuesday" against it)
4. record   -- spaCy annotations → frozen ``Article`` with offsets into the clean text

``ingest_into(inputs, sinks, options)`` is extract-and-store, for ``onrecord ingest``, ``watch`` and the server's
POST: each article goes to every sink (a ``Store``, a ``ParquetSink``) as soon as it is extracted, stored ids are
skipped before parsing, and it returns an ``IngestSummary`` (counts, layer warnings, the full disk that stopped it).

Batch drivers (``extract_many`` over paths, ``extract_stream`` over documents) fail soft: an input that cannot be
read yields an ``OnrecordError`` and the batch goes on. They stream: documents are read lazily (``readers``: files,
JSONL dumps, WARC archives) and mapped in batches by an executor (``executors``: this process, a process pool, or
Dask), all running the same pure ``extract_batch``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import clean as clean_mod
from . import ingest, readers
from .config import Options
from .executors import make_executor
from .errors import ExtractionError, OnrecordError, StorageFullError, StoreError, TooLargeError
from .model import Article, content_hash
from .nlp import load_nlp
from .nlp.failsoft import BUDGET
from .nlp.times import find_published

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlreadyStored:
    """Yielded by ``extract_many`` for an input whose article id ``skip`` said is stored: it was not parsed."""

    source: str
    id: str


def article_id(doc: "ingest.Document") -> str:
    """The article id of a document, known before any NLP (so stored articles can be skipped)."""
    return _article_id(doc.text)


def _article_id(text: str) -> str:
    # The id hashes the decoded input text (whitespace-normalised), not the clean text, so improving the chrome
    # rules does not change ids and re-ingesting the same article is idempotent.
    return content_hash(" ".join(text.split()))


def build_article(doc: "ingest.Document", spacy_doc, cleaned: "clean_mod.Cleaned") -> Article:
    published, published_source = doc.published, None
    if published:
        # _spacy_doc marked a date the caller gave (--published); any other came with the document
        given = getattr(spacy_doc._, "onrecord_published_source", None) == "option"
        published_source = "option" if given else "metadata"
    elif getattr(spacy_doc._, "onrecord_published", None):
        # onrecord_times found it in the text (a dateline, "Published 12 March 2025")
        published = spacy_doc._.onrecord_published
        published_source = getattr(spacy_doc._, "onrecord_published_source", None)
    return Article(
        id=_article_id(doc.text),
        text=cleaned.text,
        source=doc.source,
        title=doc.title,
        published=published,
        published_source=published_source,
        site=doc.site,
        author=doc.author,
        removed=tuple(cleaned.removed),
        actors=tuple(spacy_doc._.onrecord_actors),
        statements=tuple(spacy_doc._.onrecord_statements),
        events=tuple(getattr(spacy_doc._, "onrecord_events", ()) or ()),
        topics=tuple(getattr(spacy_doc._, "onrecord_topics", ()) or ()),
        stances=tuple(getattr(spacy_doc._, "onrecord_stances", ()) or ()),
        warnings=tuple(getattr(spacy_doc._, "onrecord_warnings", ()) or ()),  # layers missing or cut short
        times=tuple(getattr(spacy_doc._, "onrecord_times", ()) or ()),
    )


def _spacy_doc(nlp, text: str, published: str | None, options: Options | None = None,
               removed: tuple = ()):
    """A Doc ready for the pipeline, carrying the publication date the event component resolves times against
    and the article's time budget (``nlp.failsoft``) (spaCy 3 accepts a Doc in ``nlp()`` and ``nlp.pipe``); a
    stand-in pipeline without ``make_doc`` gets text.  Without a date, the lines the cleaner took out above the
    body (``removed``; a byline "Chris Davies - Nov 19, 2019", "Updated: …") are read for one."""
    make_doc = getattr(nlp, "make_doc", None)
    if make_doc is None:
        return text
    sdoc = make_doc(text)
    header = [r.text for r in removed if r.at == 0]
    if not published and header and sdoc.has_extension("onrecord_published_source"):
        found = find_published(text, header=header)
        if found:
            sdoc._.onrecord_published_source = found[1]
            published = found[0]
    if sdoc.has_extension("onrecord_published"):
        sdoc._.onrecord_published = published
    budget = options.time_budget if options is not None else None
    if budget:
        sdoc.user_data[BUDGET] = float(budget)
    if published and options is not None and options.published == published and \
            sdoc.has_extension("onrecord_published_source"):
        sdoc._.onrecord_published_source = "option"
    return sdoc


def _clean(doc: "ingest.Document", options: Options, repeated: frozenset[str]) -> "clean_mod.Cleaned":
    if not options.clean or doc.kind == "html":
        # trafilatura has already taken the main content out of the HTML; cleaning its output again only loses
        # article lines (shingle recall 0.972 → 0.923 on the ScrapingHub pages)
        return clean_mod.Cleaned(text=doc.text, removed=())
    return clean_mod.clean_text(doc.text, repeated=repeated)


def extract_document(doc: "ingest.Document", nlp, options: Options | None = None,
                     repeated: frozenset[str] = frozenset()) -> Article:
    options = options or Options()
    cleaned = _clean(doc, options, repeated)
    _check_length(doc, cleaned, nlp)
    spacy_doc = nlp(_spacy_doc(nlp, cleaned.text, doc.published, options, cleaned.removed))
    return build_article(doc, spacy_doc, cleaned)


def _check_length(doc: "ingest.Document", cleaned: "clean_mod.Cleaned", nlp) -> None:
    # spaCy refuses texts over nlp.max_length characters (1,000,000 by default: the parser needs about 1 GB per
    # 100,000) with a ValueError; say so as an input error. A news article is a few thousand characters.
    limit = getattr(nlp, "max_length", None)
    if isinstance(limit, int) and len(cleaned.text) > limit:
        raise TooLargeError(f"article is {len(cleaned.text):,} characters after cleaning; the spaCy model takes "
                            f"at most {limit:,}", source=doc.source)


def extract(text_or_path: str | Path, *, nlp=None, options: Options | None = None, **meta) -> Article:
    """Extract the record of one article from a path (text or HTML file) or from the article text itself.

    A ``Path``, or a ``str`` naming an existing file, is read from disk; any other string is the text.
    ``meta`` may give ``source``, ``title``, ``published``, ``site``, ``author`` for text input; for a file,
    ``published`` overrides (or supplies) the date found in its metadata.
    """
    options = options or Options.from_env()
    nlp = nlp or load_nlp(options)
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and Path(text_or_path).is_file()
    ):
        doc = ingest.read_document(Path(text_or_path), max_bytes=options.max_bytes)
        if meta.get("published"):
            doc = dataclasses.replace(doc, published=meta["published"])
    else:
        doc = ingest.document_from_text(text_or_path, **meta)
    if meta.get("published"):
        options = dataclasses.replace(options, published=meta["published"])  # the caller's date: "option"
    return extract_document(doc, nlp, options)


def extract_many(paths: Iterable[str | Path], *, nlp=None, options: Options | None = None,
                 site_dedup: bool = True, workers: int = 1, dask=None,
                 skip: Callable[[str], bool] | None = None) -> Iterator[Article | OnrecordError | AlreadyStored]:
    """Yield an ``Article`` or an ``OnrecordError`` for every article under ``paths``: files and directories of
    text or HTML, JSONL dumps and WARC archives (``readers.iter_documents``), streamed.

    ``skip(article_id)`` returning True (the store has it) yields ``AlreadyStored`` instead of parsing the article
    again. ``workers`` > 1 runs a local process pool, ``dask`` (an address, ``local[:N]`` or a Client) a Dask
    cluster; all give the same records in the same order.
    """
    options = options or Options.from_env()
    items = readers.iter_documents(paths, max_bytes=options.max_bytes)
    yield from extract_stream(items, nlp=nlp, options=options, site_dedup=site_dedup, workers=workers, dask=dask,
                              skip=skip)


def extract_documents(docs: Iterable["ingest.Document"], *, nlp=None, options: Options | None = None,
                      site_dedup: bool = True, workers: int = 1, dask=None) -> Iterator[Article | OnrecordError]:
    """Extract already-read documents, in order (see ``extract_stream``)."""
    yield from extract_stream(docs, nlp=nlp, options=options, site_dedup=site_dedup, workers=workers, dask=dask)


def extract_stream(items: Iterable["ingest.Document | OnrecordError"], *, nlp=None, options: Options | None = None,
                   site_dedup: bool = True, workers: int = 1, dask=None,
                   skip: Callable[[str], bool] | None = None, executor=None
                   ) -> Iterator[Article | OnrecordError | AlreadyStored]:
    """The batch driver: documents are taken in windows (``WINDOW_DOCS`` documents or ``WINDOW_CHARS``
    characters, whichever comes first), the site chrome repeated across a window's pages is found, and the window
    is cut into batches of ``options.batch_size`` jobs that an executor (``executors``) maps ``extract_batch``
    over. Memory stays bounded by a window plus the batches in flight, however long the input.

    Input errors pass straight through (logged); articles come back in input order. An ``executor`` given by
    the caller (``executors.make_executor``) is used as is and left open, so several runs can share its workers.
    """
    options = options or Options.from_env()
    passed: deque = deque()  # errors and AlreadyStored met while reading, yielded between results

    def batches() -> Iterator[list]:
        window: list[ingest.Document] = []
        chars = 0
        for item in items:
            if isinstance(item, OnrecordError):
                log.warning("%s", item)
                passed.append(item)
                if len(passed) >= PASS_EVERY:
                    yield None
                continue
            doc = item
            if options.published:
                doc = dataclasses.replace(doc, published=options.published)
            if skip is not None and skip(article_id(doc)):
                passed.append(AlreadyStored(source=doc.source, id=article_id(doc)))
                if len(passed) >= PASS_EVERY:
                    yield None  # a flush point: a rerun over a stored dump reports as it goes, in bounded memory
                continue
            window.append(doc)
            chars += len(doc.text)
            if len(window) >= WINDOW_DOCS or chars >= WINDOW_CHARS:
                yield from _window_batches(window, options, site_dedup)
                window, chars = [], 0
        if window:
            yield from _window_batches(window, options, site_dedup)

    own = executor is None
    if own:
        executor = make_executor(options, nlp=nlp, workers=workers, dask=dask)
    try:
        for results in executor.map(extract_batch, batches()):
            while passed:
                yield passed.popleft()
            yield from results
    finally:
        if own:
            executor.close()
    while passed:
        yield passed.popleft()


WINDOW_DOCS = 512
WINDOW_CHARS = 32 * 1024 * 1024
PASS_EVERY = 256


def _window_batches(window: list["ingest.Document"], options: Options, site_dedup: bool) -> Iterator[list]:
    repeated = clean_mod.repeated_lines_by_group(window) if (site_dedup and options.clean) else {}
    jobs = [(d, repeated.get(i, frozenset())) for i, d in enumerate(window)]
    size = max(1, options.batch_size)
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]


def extract_batch(jobs: Sequence[tuple["ingest.Document", frozenset[str]]], options: Options,
                  nlp=None) -> list[Article | OnrecordError]:
    """The pure unit of work every executor maps: ``(document, repeated lines)`` jobs → one ``Article`` or
    ``OnrecordError`` each, in order. Picklable in and out; the model is the process's cached one unless given.

    The batch goes through ``nlp.pipe``; if anything in it fails, each article is redone alone, so one article
    that trips a bug becomes one ``ExtractionError`` and the others are unaffected.
    """
    if nlp is None:
        nlp = load_nlp(options)
    try:
        cleaned = [_clean(d, options, rep) for d, rep in jobs]
        out: list[Article | OnrecordError | None] = [None] * len(jobs)
        todo = []
        for i, ((d, _), c) in enumerate(zip(jobs, cleaned)):
            try:
                _check_length(d, c, nlp)
                todo.append(i)
            except OnrecordError as err:
                out[i] = err
        sdocs = nlp.pipe((_spacy_doc(nlp, cleaned[i].text, jobs[i][0].published, options, cleaned[i].removed)
                          for i in todo),
                         batch_size=max(1, options.batch_size))
        for i, sdoc in zip(todo, sdocs):
            out[i] = build_article(jobs[i][0], sdoc, cleaned[i])
        return out  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 -- isolate the article at fault below
        return [_extract_one(d, rep, options, nlp) for d, rep in jobs]


def _extract_one(doc: "ingest.Document", repeated: frozenset[str], options: Options, nlp) -> Article | OnrecordError:
    try:
        return extract_document(doc, nlp, options, repeated)
    except OnrecordError as err:
        return err
    except Exception as err:  # noqa: BLE001 -- one article hitting a bug must not end the batch
        log.exception("%s: extraction failed", doc.source)
        return ExtractionError(f"extraction failed ({type(err).__name__}: {err}); please report this input",
                               source=doc.source)


# -- extract and store ------------------------------------------------------------------------------------------

def disk_full(err: BaseException) -> bool:
    """Whether ``err`` — or the error it was raised from or during — is a full disk: SQLite's ``database or disk
    is full`` (SQLITE_FULL, also ``PRAGMA max_page_count`` reached) or ``ENOSPC`` writing a Parquet part. SQLite's
    failed COMMIT is often followed by ``cannot rollback - no transaction is active`` from the store's ROLLBACK,
    which hides the first error in ``__context__``; so the whole chain is searched."""
    import errno
    import sqlite3

    seen: set[int] = set()
    e: BaseException | None = err
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, sqlite3.OperationalError) and "database or disk is full" in str(e):
            return True
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(e, StorageFullError) or (isinstance(e, StoreError) and "database or disk is full" in str(e)):
            return True
        e = e.__cause__ or e.__context__
    return False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input in ``ingest_into``.

    ``status``: ``"new"`` (stored now), ``"stored"`` (already stored: skipped before parsing, or every sink had
    it), or ``"failed"`` (``error`` says why). ``article`` is the extracted article (None when skipped or failed);
    ``warnings`` the coded layer warnings it was stored with."""

    status: str
    source: str | None
    id: str | None = None
    article: Article | None = None
    error: OnrecordError | None = None
    warnings: tuple = ()


@dataclass(slots=True)
class IngestSummary:
    """The counts of one ``ingest_into`` run; ``stopped`` is the error that ended it early (a full disk), if any."""

    new: int = 0
    old: int = 0
    failed: int = 0
    warned: int = 0  # of ``new``: stored with layer warnings (redone on the next ingest)
    warning_codes: dict = dataclasses.field(default_factory=dict)  # code → how many warnings
    stopped: OnrecordError | None = None
    locations: tuple = ()

    @property
    def ok(self) -> int:
        return self.new + self.old

    def warnings_text(self) -> str:
        """``"2 stored with warnings (W100 ×2, W102 ×1)"``, or "" when none."""
        if not self.warned:
            return ""
        codes = ", ".join(f"{c} ×{n}" for c, n in sorted(self.warning_codes.items()))
        return f"{self.warned} stored with warnings ({codes})"

    def line(self) -> str:
        """The one summary line the CLI prints: ``3 new, 1 already stored, 0 errors (news.db)``."""
        parts = [f"{self.new} new", f"{self.old} already stored", f"{self.failed} errors"]
        if self.warned:
            parts.insert(1, self.warnings_text())
        text = ", ".join(parts) + (f" ({', '.join(self.locations)})" if self.locations else "")
        if self.stopped is not None:
            text += f"; stopped early: {self.stopped} — the {self.new} new articles before it are stored"
        return text


def sink_location(sink) -> str:
    return str(getattr(sink, "location", None) or getattr(sink, "path", None) or sink)


def _own_files(sinks: Sequence) -> set[str]:
    # The outputs may sit inside an input folder (the database with its -wal/-shm files, Parquet parts): they are
    # not articles. (A PostgreSQL store has no path.)
    own: set[str] = set()
    for sink in sinks:
        path = getattr(sink, "path", None)
        if isinstance(path, Path):
            own |= {str(path.resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    return own


def _input_items(inputs: Iterable, sinks: Sequence, options: Options) -> Iterator["ingest.Document | OnrecordError"]:
    """Paths (files, folders, dumps, archives) become documents lazily; documents and errors pass through."""
    own = _own_files(sinks)
    for item in inputs:
        if isinstance(item, (str, Path)):
            files = [p for p in ingest.iter_paths([item])
                     if str(p.resolve()) not in own and str(p.resolve().parent) not in own]
            yield from readers.iter_documents(files, max_bytes=options.max_bytes)
        else:
            yield item


def ingest_into(inputs: Iterable, sinks: Sequence, options: Options | None = None, *, nlp=None,
                workers: int = 1, dask=None, executor=None, site_dedup: bool = True, skip_stored: bool = True,
                on_outcome: Callable[[Outcome], None] | None = None) -> IngestSummary:
    """Extract ``inputs`` and add every article to each of ``sinks`` (a ``Store``, a ``ParquetSink``: anything
    with ``has(id)`` and ``add(article) -> bool``); what ``onrecord ingest``, ``watch`` and the server's POST do.

    ``inputs``: paths (as for ``extract_many``), ``ingest.Document`` objects, or input errors to count. Each
    article is stored **as soon as it is extracted**, one at a time (the executor is fed batches of one
    article), so an article that is slow or fails never holds back the others around it. Ids every sink already
    has are skipped before parsing (``skip_stored``). An input or store error is reported for that article
    (``on_outcome`` gets one ``Outcome`` per input, in the order they finish) and the run goes on; a full disk
    (``StorageFullError``) stops it, with the summary saying so and what was stored before it.
    """
    options = options or Options.from_env()
    # One article per batch: the executor hands results back a batch at a time, so a batch of 16 would keep 15
    # finished articles waiting, unstored, on the slowest one (issue 14: a 25-minute article held a good one).
    options = dataclasses.replace(options, batch_size=1)
    sinks = list(sinks)
    summary = IngestSummary(locations=tuple(sink_location(s) for s in sinks))

    def report(outcome: Outcome) -> None:
        if on_outcome is not None:
            on_outcome(outcome)

    skip = (lambda i: all(s.has(i) for s in sinks)) if skip_stored else None
    stream = extract_stream(_input_items(inputs, sinks, options), nlp=nlp, options=options,
                            site_dedup=site_dedup, workers=workers, dask=dask, skip=skip, executor=executor)
    return store_stream(stream, sinks, summary, report)


def store_stream(stream: Iterator, sinks: Sequence, summary: IngestSummary,
                 report: Callable[[Outcome], None]) -> IngestSummary:
    """Add each ``Article`` of ``stream`` to every sink, counting ``AlreadyStored`` and errors into ``summary``
    (the loop of ``ingest_into``; ``shardwork`` feeds it the articles its workers return)."""
    try:
        for item in stream:
            if isinstance(item, AlreadyStored):
                summary.old += 1
                report(Outcome("stored", item.source, item.id))
            elif isinstance(item, OnrecordError):
                summary.failed += 1
                report(Outcome("failed", item.source, error=item))
            else:
                try:
                    added = [s.add(item) for s in sinks].count(True) > 0
                except Exception as err:  # noqa: BLE001 -- sorted below: full disk stops, a store error is one
                    if disk_full(err):
                        summary.stopped = StorageFullError(
                            f"the disk is full (storing article {item.id}): nothing more can be stored",
                            source=", ".join(summary.locations) or None)
                        summary.failed += 1
                        log.error("%s", summary.stopped)
                        break  # not reported per article: a callback that writes (watch) would only fail again
                    if not isinstance(err, StoreError):
                        raise
                    summary.failed += 1
                    report(Outcome("failed", item.source, item.id, item, err))
                    continue
                warnings = tuple(getattr(item, "warnings", ()) or ())
                if added:
                    summary.new += 1
                    if warnings:
                        summary.warned += 1
                        for w in warnings:
                            code = getattr(w, "code", "W?")
                            summary.warning_codes[code] = summary.warning_codes.get(code, 0) + 1
                else:
                    summary.old += 1
                report(Outcome("new" if added else "stored", item.source, item.id, item, warnings=warnings))
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # ends the executor this run started (a stop on a full disk leaves batches unread)
    return summary
