"""Inputs at scale: files, JSONL dumps and WARC archives, streamed into ``Document``s one at a time.

``iter_documents(paths)`` yields a ``Document`` or an ``OnrecordError`` for every article found under ``paths``;
nothing is read whole except a single article file (which ``ingest.read_document`` caps at ``max_bytes``), so a
20 GB dump costs the memory of its largest record.

What a file is, is decided by its content (``sniff_container``), never by its name:

- **WARC** (``WARC/1.0`` or ``WARC/1.1`` at the start, optionally gzip-compressed per record as Common Crawl and
  CC-News ship them). ``response`` records whose HTTP status is 2xx and whose body is HTML become
  ``ingest.extract_html`` documents with the record's ``WARC-Target-URI`` as source and the ``WARC-Date`` as the
  publication date when the page itself gives none; ``resource`` records likewise; ``conversion`` records (WET
  files: extracted plain text) become text documents. Requests, metadata, redirects and non-text bodies are skipped
  (logged at debug level). Read with **warcio** (webrecorder; the reader news-please uses for CC-News): pure
  Python, so a malformed archive raises a Python exception we can report instead of crashing the process, and it
  de-chunks and decompresses HTTP bodies itself. FastWARC parses several times faster, but here parsing is not the
  bottleneck: the spaCy parse of one article costs about 100 ms, the WARC parse of it well under 1 ms.
- **JSONL** (a first line that opens a JSON object with a key, or mostly JSON objects among the first lines; see
  ``sniff_container``; optionally gzip-compressed): one article per line. Keys (see ``JSONL_KEYS``): ``text`` (plain text, or HTML detected by content) or ``html``;
  optional ``title``, ``published`` (``YYYY-MM-DD`` or an ISO datetime), ``site``, ``author``, ``url`` and
  ``source`` (the label stored as the article's source; default the ``url``, else ``file:line``). Other keys are
  ignored. A bad line (not JSON, not an object, no body, a key of the wrong type, a line over ``max_bytes``) is one
  ``MalformedRecordError`` naming ``file:line``, and the file goes on; an impossible ``published`` is
  ``InvalidDateError`` (E109).
- a file that is one JSON document spread over lines is one ``MalformedRecordError``, not an article of raw JSON;
- anything else is one article (plain text or HTML), read by ``ingest.read_document``.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import logging
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import ingest
from .config import DEFAULT_MAX_BYTES
from .errors import (
    CorruptArchiveError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    OnrecordError,
    TooLargeError,
)
from .ingest import Document

log = logging.getLogger(__name__)

JSONL_KEYS = ("text", "html", "title", "published", "site", "author", "url", "source")
_META_KEYS = ("title", "published", "site", "author", "url", "source")
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN_CHUNK = 1 << 16


# --------------------------------------------------------------------------------------------------- sniffing


def sniff_container(path: Path) -> str | None:
    """``"warc"``, ``"jsonl"`` or ``None`` (a single article), from the (decompressed) content.

    WARC: the first bytes.  JSONL: judged over the first lines, not the first 8 KiB of the first one -- a long
    ``summary`` key before ``text``, or one bad line at the top, must not turn a dump into one "article" of raw
    JSON.  A file is JSONL when its first non-blank line opens a JSON object with a key (``{"…":``), or when most
    of its first ``SNIFF_LINES`` non-blank lines (read within ``SNIFF_JSONL_BYTES``) are JSON objects; every line
    of a JSONL file that is not an article record is then an E107 of its own."""
    try:
        with path.open("rb") as fh:
            head = fh.read(ingest.SNIFF_BYTES)
    except OSError:
        return None  # not readable: read_document reports why
    kind = sniff_container_bytes(head)
    if kind is not None or not _may_be_jsonl(head):
        return kind
    try:
        with _open_maybe_gzip(path) as fh:
            return "jsonl" if _lines_are_jsonl(fh) else None
    except (OSError, EOFError, zlib.error):
        return None


SNIFF_LINES = 16
SNIFF_JSONL_BYTES = 1 << 20
_OBJECT_OPENING_RE = re.compile(rb'^\s*\{\s*(?:"(?:[^"\\\n]|\\.){0,200}"\s*:|\}\s*$)')


def sniff_container_bytes(head: bytes) -> str | None:
    """What the first bytes alone tell: ``"warc"``, ``"jsonl"`` (a first line that opens a JSON object with a
    key) or ``None`` (undecided: see ``sniff_container`` for the look at more lines)."""
    head = _gunzip_head(head)
    if head is None:
        return None
    if head.startswith(b"WARC/"):
        return "warc"
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0]
    if _OBJECT_OPENING_RE.match(first):
        return "jsonl"
    return None


def _gunzip_head(head: bytes) -> bytes | None:
    if head[:2] != _GZIP_MAGIC:
        return head
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, ingest.SNIFF_BYTES)
    except zlib.error:
        return None


def _may_be_jsonl(head: bytes) -> bool:
    """Worth reading more lines: the text has a line that starts with ``{`` in its first bytes."""
    head = _gunzip_head(head) or b""
    return any(line.lstrip().startswith(b"{") for line in head.removeprefix(b"\xef\xbb\xbf").split(b"\n")[:SNIFF_LINES])


def _lines_are_jsonl(fh: IO[bytes]) -> bool:
    objects = lines = budget = 0
    while lines < SNIFF_LINES and budget < SNIFF_JSONL_BYTES:
        line = fh.readline(SNIFF_JSONL_BYTES - budget)
        if not line:
            break
        budget += len(line)
        if not line.strip():
            continue
        lines += 1
        try:
            obj = json.loads(line.decode("utf-8-sig" if lines == 1 else "utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        objects += isinstance(obj, dict)
    return objects > 0 and objects * 2 >= lines


# --------------------------------------------------------------------------------------------------- driver


def iter_documents(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
                   ) -> Iterator[Document | OnrecordError]:
    """A ``Document`` or an ``OnrecordError`` per article under ``paths`` (directories expand, as ``iter_paths``)."""
    for path in ingest.iter_paths(paths):
        kind = sniff_container(path) if path.is_file() else None
        if kind == "warc":
            yield from iter_warc(path, max_bytes=max_bytes)
        elif kind == "jsonl":
            yield from iter_jsonl(path, max_bytes=max_bytes)
        else:
            whole_json = _whole_json_document(path, max_bytes) if path.is_file() else None
            if whole_json is not None:
                yield whole_json
                continue
            try:
                yield ingest.read_document(path, max_bytes=max_bytes)
            except OnrecordError as err:
                yield err


def _whole_json_document(path: Path, max_bytes: int) -> MalformedRecordError | None:
    """An error for a file that is one (pretty-printed) JSON object or array rather than JSON Lines: it would
    otherwise be taken for one plain-text article of raw JSON."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        with _open_maybe_gzip(path) as fh:
            head = fh.read(ingest.SNIFF_BYTES)
            if head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] not in (b"{", b"["):
                return None  # the common case: one read of the first bytes, and on to read_document
            data = head + fh.read(max_bytes + 1 - len(head))
    except (OSError, EOFError, zlib.error):
        return None
    data = data.removeprefix(b"\xef\xbb\xbf").strip()
    if len(data) > max_bytes:
        return None
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(obj, (dict, list)):
        return None
    return MalformedRecordError(f"a JSON {'object' if isinstance(obj, dict) else 'array'} spread over lines, "
                                "not JSON Lines (one article object per line); jq -c '.[]' converts an array",
                                source=str(path))


def _open_maybe_gzip(path: Path) -> IO[bytes]:
    fh = path.open("rb")
    if fh.read(2) == _GZIP_MAGIC:
        fh.close()
        return gzip.open(path, "rb")
    fh.seek(0)
    return fh


# --------------------------------------------------------------------------------------------------- JSONL


def iter_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, start: int = 0, first_line: int = 0,
               count: int | None = None) -> Iterator[Document | OnrecordError]:
    """One ``Document`` (or ``MalformedRecordError``/``InputError`` naming ``file:line``) per non-blank line.

    A shard of the file (``shards``): ``count`` lines from line ``first_line`` (0-based), which begins at byte
    ``start`` of a plain file; a gzip-compressed one cannot seek, so its first lines are read and passed over."""
    try:
        fh = _open_maybe_gzip(path)
        if start and not isinstance(fh, gzip.GzipFile):
            fh.seek(start)
    except OSError as err:
        yield InputError(f"cannot read: {err.strerror or err}", source=str(path))
        return
    lineno = 0
    with fh:
        if isinstance(fh, gzip.GzipFile) or not start:
            try:
                while lineno < first_line and (line := fh.readline(_DRAIN_CHUNK)):
                    lineno += line.endswith(b"\n")
            except (OSError, EOFError, zlib.error) as err:
                yield MalformedRecordError(f"cannot read past line {lineno:,}: {err}", source=str(path))
                return
        lineno = first_line
        while count is None or lineno < first_line + count:
            try:
                line = fh.readline(max_bytes + 1)
            except (OSError, EOFError, zlib.error) as err:  # a corrupt or truncated gzip stream
                yield MalformedRecordError(f"cannot read past line {lineno:,}: {err}", source=str(path))
                return
            if not line:
                return
            lineno += 1
            where = f"{path}:{lineno}"
            if len(line) > max_bytes:
                size = len(line) + _drain_line(fh, line)
                yield TooLargeError(f"line is {size:,}+ bytes; the limit is {max_bytes:,} bytes", source=where)
                continue
            if not line.strip():
                continue
            try:
                yield document_from_record(_parse_line(line, where), source=where, max_bytes=max_bytes)
            except OnrecordError as err:
                yield err


def _drain_line(fh: IO[bytes], line: bytes) -> int:
    """Skip the rest of an over-long line without holding it; returns how many more bytes it had."""
    extra = 0
    if line.endswith(b"\n"):
        return 0
    while True:
        try:
            chunk = fh.readline(_DRAIN_CHUNK)
        except (OSError, EOFError, zlib.error):
            return extra
        extra += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return extra


def _parse_line(line: bytes, where: str) -> dict[str, Any]:
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as err:
        raise MalformedRecordError(f"line is not valid UTF-8 ({err.reason} at byte {err.start:,})",
                                   source=where) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedRecordError(f"line is not valid JSON: {err.msg} at column {err.colno:,}", source=where) \
            from None
    except RecursionError:
        raise MalformedRecordError("line is not valid JSON: nested too deeply", source=where) from None
    if not isinstance(obj, dict):
        raise MalformedRecordError(f"line is a JSON {type(obj).__name__}, not an object with a \"text\" or "
                                   "\"html\" key", source=where)
    return obj


def document_from_record(obj: dict[str, Any], *, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One JSON article record (the keys in ``JSONL_KEYS``) → ``Document``, or ``MalformedRecordError``."""
    for key in ("text", "html", *_META_KEYS):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedRecordError(f"\"{key}\" must be a string, not {type(value).__name__}", source=source)
    meta = {k: _clean_str(obj.get(k)) for k in _META_KEYS}
    published = meta["published"]
    if published is not None:
        published = meta["published"] = ingest.check_date(published, source=source)
    label = meta["source"] or meta["url"] or source
    body, is_html = (obj.get("text"), False) if obj.get("text") is not None else (obj.get("html"), True)
    if body is None:
        raise MalformedRecordError("no \"text\" or \"html\" key", source=source)
    if len(body) > max_bytes:  # characters ≥ bytes / 4; the line itself was already capped at max_bytes bytes
        raise TooLargeError(f"article is {len(body):,} characters; the limit is {max_bytes:,}", source=source)
    body = ingest.normalize_text(body)
    if not body.strip():
        raise EmptyInputError(f"\"{'html' if is_html else 'text'}\" is empty or whitespace only",
                                     source=source)
    if is_html or ingest.sniff_kind(body) == "html":
        doc = _relabel(ingest.extract_html(body, source=source), label)
        overrides = {k: meta[k] for k in ("title", "published", "site", "author") if meta[k] is not None}
        return dataclasses.replace(doc, **overrides)
    doc = ingest.document_from_text(body, source=source, title=meta["title"], published=published,
                                    site=meta["site"], author=meta["author"])
    return _relabel(doc, label)


def _clean_str(value: str | None) -> str | None:
    if value is None:
        return None
    value = ingest.scrub_surrogates(" ".join(value.split()))
    return value or None


def _relabel(doc: Document, label: str) -> Document:
    return doc if doc.source == label else dataclasses.replace(doc, source=label)


# --------------------------------------------------------------------------------------------------- WARC


def iter_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, start: int = 0, count: int | None = None,
              kept_before: int = 0, index: list[int] | None = None) -> Iterator[Document | OnrecordError]:
    """One ``Document`` (or error naming ``file@offset``) per article record of a WARC file, streamed.

    A damaged file -- bytes that are not a WARC record (random data after a ``WARC/1.0`` line, garbage appended
    or inside), or a record cut short (a truncated download) -- is reported once, as ``CorruptArchiveError``
    naming the file, the byte offset and how many records before the damage were kept; the records before it are
    kept, a cut-short record is not (its body is incomplete), and the rest of the file is skipped.

    A shard of the file (``shards``): ``count`` records from byte ``start`` (a record boundary), the
    ``kept_before`` records before it counted in a damage report; the error carries ``damage`` (what, where, the
    records and articles of this shard) so the driver can count the articles of the shards before it. With
    ``index`` (a list), no documents are made: the offset of every sound record is appended to it (the planner's
    cheap pass), and the pass stops at the first damage."""
    from warcio.archiveiterator import ArchiveIterator  # imported late: only WARC input needs it

    try:
        fh = path.open("rb")
        size = path.stat().st_size
    except OSError as err:
        yield InputError(f"cannot read: {err.strerror or err}", source=str(path))
        return
    kept, articles = kept_before, 0

    def damaged(what: str, offset: int) -> CorruptArchiveError:
        err = damage_error(str(path), what, offset, size, kept, articles)
        err.damage = (what, offset, size, kept, articles)  # type: ignore[attr-defined]
        return err

    with fh:
        if start:
            fh.seek(start)
        records = ArchiveIterator(fh)
        while count is None or kept < kept_before + count:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as err:  # noqa: BLE001 -- warcio raises many types on a malformed archive
                yield damaged(f"not a valid WARC record ({type(err).__name__}: {str(err)[:80]!r})", _offset(records))
                return
            offset = _offset(records)
            where = f"{path}@{offset}"
            if record.rec_type is None or record.rec_headers is None \
                    or not (record.rec_headers.protocol or "").startswith("WARC/"):
                yield damaged("bytes that are not a WARC record", offset)
                return
            if record.length is None or not isinstance(getattr(record.raw_stream, "limit", None), int):
                yield damaged("a record cut short in its header (no Content-Length)", offset)
                return
            item: Document | OnrecordError | None
            try:
                item = None if index is not None else _warc_document(record, where, max_bytes)
            except OnrecordError as err:
                item = err
            except Exception as err:  # noqa: BLE001 -- a malformed HTTP block inside one record
                item = MalformedRecordError(f"unreadable WARC record ({type(err).__name__}: {err})", source=where)
            missing = _unread_bytes(record)
            if missing:
                yield damaged(f"a record cut short ({missing:,} of its {record.length or 0:,} bytes missing)",
                              offset)
                return
            kept += 1
            if index is not None:
                index.append(offset)
            elif item is not None:
                articles += isinstance(item, Document)
                yield item
        if count is not None:
            return  # a shard before the end of the file: the next shard reads on from here
        end = _offset(records)
        if end < size:  # warcio stopped before the end: what is left did not start a record
            fh.seek(end)
            rest = fh.read(_DRAIN_CHUNK)
            if rest.strip() or end + len(rest) < size:  # a few blank lines after the last member are harmless
                yield damaged(f"{size - end:,} bytes that are not a WARC record", end)


def damage_error(path: str, what: str, offset: int, size: int, kept: int, articles: int) -> CorruptArchiveError:
    return CorruptArchiveError(f"damaged WARC file: {what} at byte {offset:,} of {size:,}; {kept:,} records "
                               f"before it kept ({articles:,} articles), the rest of the file skipped", source=path)


def _unread_bytes(record) -> int:
    """Drain the record's block; how many of the bytes its Content-Length promised never came (0: complete)."""
    stream = record.raw_stream
    if not isinstance(getattr(stream, "limit", None), int):
        return 0
    try:  # read(0) on warcio's gzip reader starts the next member: only read while bytes are owed
        while stream.limit > 0 and stream.read(min(stream.limit, _DRAIN_CHUNK)):
            pass
    except (OSError, EOFError, zlib.error):
        pass
    return max(stream.limit, 0)


def _offset(records) -> int:
    # The start of the current record (``get_record_offset()`` would read the record to its end first).
    offset = getattr(records, "offset", 0)
    return offset if isinstance(offset, int) else 0


def _warc_document(record, where: str, max_bytes: int) -> Document | None:
    rec_type = record.rec_type
    if rec_type not in ("response", "resource", "conversion"):
        return None
    headers = record.rec_headers
    uri = (headers.get_header("WARC-Target-URI") or "").strip() or None
    warc_date = (headers.get_header("WARC-Date") or "")[:10]
    if rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = (http.get_statuscode() or "")
        if not status.startswith("2"):
            log.debug("%s: skipped (HTTP %s) %s", where, status, uri)
            return None
        content_type = (http.get_header("Content-Type") or "").lower()
    else:
        content_type = (headers.get_header("Content-Type") or "").lower()
    if rec_type == "conversion" and not content_type:
        content_type = "text/plain"
    # No content type at all: told by content (document_from_bytes), as browsers do.
    if content_type and not (content_type.startswith(_HTML_TYPES) or content_type.startswith("text/plain")):
        log.debug("%s: skipped (%s) %s", where, content_type, uri)
        return None
    data = record.content_stream().read(max_bytes + 1)
    label = f"{where} ({uri})" if uri else where
    if len(data) > max_bytes:
        raise TooLargeError(f"record body is over the limit of {max_bytes:,} bytes", source=label)
    if rec_type == "conversion" or content_type.startswith("text/plain"):
        text = ingest.normalize_text(ingest.decode_bytes(data, source=label)) if data else ""
        doc = ingest.document_from_text(text, source=label)
    else:
        doc = ingest.document_from_bytes(data, source=label, max_bytes=max_bytes)
    if doc.published is None and warc_date:
        warc_date = ingest.page_date(warc_date, source=label)
        if warc_date:
            doc = dataclasses.replace(doc, published=warc_date)
    return _relabel(doc, uri or where)
