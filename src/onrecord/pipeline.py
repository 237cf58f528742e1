"""One place owns the order of the stages.

``extract_document`` is the pure per-article function (picklable options in, ``Article`` out):

1. ingest   -- ``onrecord.ingest``: bytes → decoded text (HTML: main content and metadata via trafilatura)
2. clean    -- ``onrecord.clean``: drop site chrome from plain text, keeping what was dropped and why
3. nlp      -- the spaCy pipeline with the ``onrecord_actors``, ``onrecord_quotes``, ``onrecord_events`` and
               ``onrecord_stances`` components (the publication date is set on the Doc first: events resolve
               "Tuesday" against it)
4. record   -- spaCy annotations → frozen ``Article`` with offsets into the clean text

Batch drivers (``extract_many``) fail soft: an input that cannot be read yields an ``OnrecordError`` and the batch
goes on.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import clean as clean_mod
from . import ingest
from .config import Options
from .errors import OnrecordError
from .model import Article, content_hash
from .nlp import load_nlp

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
    return Article(
        id=_article_id(doc.text),
        text=cleaned.text,
        source=doc.source,
        title=doc.title,
        published=doc.published,
        site=doc.site,
        author=doc.author,
        removed=tuple(cleaned.removed),
        actors=tuple(spacy_doc._.onrecord_actors),
        statements=tuple(spacy_doc._.onrecord_statements),
        events=tuple(getattr(spacy_doc._, "onrecord_events", ()) or ()),
        topics=tuple(getattr(spacy_doc._, "onrecord_topics", ()) or ()),
        stances=tuple(getattr(spacy_doc._, "onrecord_stances", ()) or ()),
    )


def _spacy_doc(nlp, text: str, published: str | None):
    """A Doc ready for the pipeline, carrying the publication date the event component resolves times against
    (spaCy 3 accepts a Doc in ``nlp()`` and ``nlp.pipe``); a stand-in pipeline without ``make_doc`` gets text."""
    make_doc = getattr(nlp, "make_doc", None)
    if make_doc is None:
        return text
    sdoc = make_doc(text)
    if sdoc.has_extension("onrecord_published"):
        sdoc._.onrecord_published = published
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
    spacy_doc = nlp(_spacy_doc(nlp, cleaned.text, doc.published))
    return build_article(doc, spacy_doc, cleaned)


def extract(text_or_path: str | Path, *, nlp=None, options: Options | None = None, **meta) -> Article:
    """Extract the record of one article from a path (text or HTML file) or from the article text itself.

    A ``Path``, or a ``str`` naming an existing file, is read from disk; any other string is the text.
    ``meta`` may give ``source``, ``title``, ``published``, ``site``, ``author`` for text input; for a file,
    ``published`` overrides (or supplies) the date found in its metadata.
    """
    options = options or Options.from_env()
    nlp = nlp or load_nlp(options.model)
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and Path(text_or_path).is_file()
    ):
        doc = ingest.read_document(Path(text_or_path), max_bytes=options.max_bytes)
        if meta.get("published"):
            doc = dataclasses.replace(doc, published=meta["published"])
    else:
        doc = ingest.document_from_text(text_or_path, **meta)
    return extract_document(doc, nlp, options)


def extract_many(paths: Iterable[str | Path], *, nlp=None, options: Options | None = None,
                 site_dedup: bool = True, workers: int = 1,
                 skip: Callable[[str], bool] | None = None) -> Iterator[Article | OnrecordError | AlreadyStored]:
    """Yield an ``Article`` or an ``OnrecordError`` for every input file under ``paths`` (directories expand).

    With ``site_dedup`` the lines repeated across several files of the same site (same ``site`` metadata, or the
    same directory for plain text) are treated as chrome: inputs are read first, then parsed. ``skip(article_id)``
    returning True (the store has it) yields ``AlreadyStored`` instead of parsing the article again.
    """
    options = options or Options.from_env()
    docs: list[ingest.Document] = []
    for path in ingest.iter_paths(paths):
        try:
            doc = ingest.read_document(path, max_bytes=options.max_bytes)
        except OnrecordError as err:
            log.warning("%s", err)
            yield err
            continue
        if options.published:
            doc = dataclasses.replace(doc, published=options.published)
        if skip is not None and skip(article_id(doc)):
            yield AlreadyStored(source=doc.source, id=article_id(doc))
            continue
        docs.append(doc)
    yield from extract_documents(docs, nlp=nlp, options=options, site_dedup=site_dedup, workers=workers)


def extract_documents(docs: list["ingest.Document"], *, nlp=None, options: Options | None = None,
                      site_dedup: bool = True, workers: int = 1) -> Iterator[Article | OnrecordError]:
    """Extract already-read documents, in order: ``nlp.pipe`` in this process, or a pool of ``workers``
    processes each loading the model once and mapping the pure ``extract_document`` over the documents."""
    options = options or Options.from_env()
    repeated_by_doc = clean_mod.repeated_lines_by_group(docs) if (site_dedup and options.clean) else {}
    if workers > 1:
        import multiprocessing as mp

        jobs = ((d, options, repeated_by_doc.get(i, frozenset())) for i, d in enumerate(docs))
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(workers, initializer=_worker_init, initargs=(options.model,)) as pool:
            yield from pool.imap(_worker_run, jobs, chunksize=max(1, options.batch_size // 2))
        return
    nlp = nlp or load_nlp(options.model)
    cleaned = [_clean(d, options, repeated_by_doc.get(i, frozenset())) for i, d in enumerate(docs)]
    sdocs = (_spacy_doc(nlp, c.text, d.published) for d, c in zip(docs, cleaned))
    for d, c, sdoc in zip(docs, cleaned, nlp.pipe(sdocs, batch_size=options.batch_size)):
        yield build_article(d, sdoc, c)


_WORKER_NLP = None


def _worker_init(model: str | None) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_nlp(model)


def _worker_run(job) -> Article | OnrecordError:
    doc, options, repeated = job
    try:
        return extract_document(doc, _WORKER_NLP, options, repeated)
    except OnrecordError as err:
        return err
