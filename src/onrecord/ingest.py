"""Stage 1, ingest: bytes on disk → one decoded ``Document`` (plain text, or the main content of an HTML page).

Everything that can be wrong with an input file is decided here, once, and raised as a specific ``InputError``
carrying the file's name, so the batch driver can report it and go on:

- missing or not a regular file → ``NotFoundError`` / ``InputError``; bigger than the limit → ``TooLargeError``
  (decided from ``stat`` before a byte is read, so a 50 GB log file costs nothing);
- NUL bytes or many control bytes → ``BinaryInputError``; nothing but whitespace → ``EmptyInputError``;
- no plausible text encoding → ``DecodeError``; HTML with no article body → ``NoContentError``.

Whether an input is HTML is decided by its content, not its name: scraped pages are often saved as ``.txt``.
Decoding prefers UTF-8; a file that is UTF-8 (or ASCII) apart from a few stray legacy bytes -- typically one
Latin-1 ``£`` pasted into an otherwise clean file -- is decoded with those bytes read as Windows-1252 rather than
handed to a statistical detector, which guesses absurd encodings (cp932, cp1125) for such files.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .config import DEFAULT_MAX_BYTES
from .errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    InvalidDateError,
    NoContentError,
    NotFoundError,
    TooLargeError,
)

log = logging.getLogger(__name__)

SNIFF_BYTES = 8192  # binary and HTML sniffing look at this much of the start of an input
MAX_CONTROL_RATIO = 0.10  # more non-whitespace control characters than this in the sniffed prefix → binary
TITLE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input, before cleaning. ``text`` is what all later offsets are relative to (after cleaning)."""

    source: str
    text: str
    kind: str  # "text" | "html"
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    site: str | None = None
    author: str | None = None

    def __post_init__(self) -> None:  # every way a Document is made (or replaced) passes the one date check
        if self.published is not None:
            check_date(self.published, source=self.source)


# --------------------------------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]([0-9:.,]+(?:Z|[+-][0-9:]+)?))?", re.I)


def valid_date(value: str | None) -> str | None:
    """``value`` stripped when it is a real calendar date in ISO form -- ``YYYY-MM-DD``, optionally with a time
    (``2025-03-12T09:30:00Z``, ``2025-03-12 09:30+01:00``) -- else None: ``2025-13-45``, ``2025-02-30``,
    ``2025-03-12T25:00`` and ``last Tuesday`` are not."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    match = _DATE_RE.fullmatch(value)
    if not match:
        return None
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match.group(4):
            datetime.fromisoformat(value[:10] + "T" + match.group(4).upper().replace("Z", "+00:00")
                                   .replace(",", "."))
    except ValueError:
        return None
    return value


def check_date(value: str, *, source: str | None, what: str = "published") -> str:
    """The one date check of every input path (JSONL keys, WARC dates, HTML metadata, feed entries, options):
    ``value`` stripped, or ``InvalidDateError`` naming the input."""
    good = valid_date(value)
    if good is None:
        raise InvalidDateError(f"\"{what}\" must be an ISO date (YYYY-MM-DD) that exists, not {str(value)[:40]!r}",
                               source=source)
    return good


def page_date(value: str | None, *, source: str | None) -> str | None:
    """A date a page or archive only suggests (HTML metadata, WARC-Date, a feed entry): kept when valid, else
    dropped with the coded error logged, so a wrong header never costs the article."""
    if value is None or valid_date(value) is not None:
        return value.strip() if value else value
    log.warning("%s (the date is ignored)", InvalidDateError(f"impossible date {str(value)[:40]!r}", source=source))
    return None


# --------------------------------------------------------------------------------------------------- paths


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield input files: files as given, directories expanded recursively in sorted order.

    Hidden entries (dot-names) inside a directory are skipped -- ``.git``, ``.DS_Store``, editor swap files -- but
    a hidden path named explicitly is yielded. A path that does not exist is yielded as well, so that the reader
    reports it (``NotFoundError``) instead of it vanishing silently from a batch.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        for root, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            found.extend(Path(root) / f for f in filenames if not f.startswith("."))
        yield from sorted(found, key=lambda p: p.relative_to(path).parts)


# --------------------------------------------------------------------------------------------------- reading


def read_document(path: Path, *, max_bytes: int) -> Document:
    """Read one file into a ``Document``; every failure is an ``InputError`` whose ``source`` is the path."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFoundError("no such file", source=source) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=source) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotFoundError("is a directory, not a file", source=source)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (device, socket or pipe)", source=source)
    _check_size(info.st_size, max_bytes, source)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=source) from None
    return document_from_bytes(data, source=source, max_bytes=max_bytes)


def document_from_bytes(data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode raw bytes (text or HTML, optionally gzip-compressed) into a ``Document``."""
    _check_size(len(data), max_bytes, source)
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, max_bytes=max_bytes, source=source)
    if not data:
        raise EmptyInputError("file is empty (0 bytes)", source=source)
    text = normalize_text(decode_bytes(data, source=source))
    if not text.strip():
        raise EmptyInputError(f"file contains only whitespace ({len(data):,} bytes)", source=source)
    if sniff_kind(text) == "html":
        return extract_html(text, source=source)
    return document_from_text(text, source=source)


def document_from_text(text: str, *, source: str | None = None, title: str | None = None,
                       published: str | None = None, site: str | None = None,
                       author: str | None = None) -> Document:
    """Wrap already-decoded plain text: normalise it, and guess a headline when none is given."""
    text = normalize_text(text)
    if not text.strip():
        raise EmptyInputError("text is empty or whitespace only", source=source)
    if title is None:
        title = guess_title(text)
    return Document(source=source or "<text>", text=text, kind="text", title=title, published=published,
                    site=site, author=author)


def normalize_text(text: str) -> str:
    """NFC, no byte-order mark, ``\\n`` line ends, no lone surrogates: the form every offset in the record
    refers to."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", scrub_surrogates(text))


_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (``"\\ud800"`` in JSON decodes to one; so do some broken HTML entities) → U+FFFD.

    Python keeps them in a ``str``, but they are not characters and cannot be encoded as UTF-8: SQLite, JSON
    output and the terminal would all fail on them later, far from the input at fault."""
    return _LONE_SURROGATE_RE.sub("\ufffd", text) if _LONE_SURROGATE_RE.search(text) else text


def _check_size(size: int, max_bytes: int, source: str) -> None:
    if size > max_bytes:
        raise TooLargeError(f"file is {size:,} bytes; the limit is {max_bytes:,} bytes", source=source)


def _gunzip(data: bytes, *, max_bytes: int, source: str) -> bytes:
    """Decompress a gzip-compressed input (saved web pages often are), refusing to inflate past ``max_bytes``."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as err:
        raise DecodeError(f"gzip-compressed but corrupt: {err}", source=source) from None
    if len(out) > max_bytes:
        raise TooLargeError(f"gzip content inflates to more than the limit of {max_bytes:,} bytes", source=source)
    if not inflater.eof:
        raise DecodeError("gzip-compressed but truncated", source=source)
    return out


# --------------------------------------------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WHITESPACE_CONTROLS = frozenset(b"\t\n\r\x0b\x0c")
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in _WHITESPACE_CONTROLS)
_CONTROL_CHARS_RE = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_SURROGATE_RUN_RE = re.compile("[\udc80-\udcff]+")
_NON_ASCII_RE = re.compile("[^\x00-\x7f\udc80-\udcff]")
_IGNORED_DECLARED = frozenset({"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape"})


def decode_bytes(data: bytes, *, source: str) -> str:
    """Bytes → str, or ``BinaryInputError`` / ``DecodeError``.

    Order: a byte-order mark (UTF-8/16/32) wins; then strict UTF-8; then the charset an HTML page declares (unless
    the page is mostly valid UTF-8 anyway); then UTF-8 with isolated stray bytes read as Windows-1252; then
    charset-normalizer for wholly legacy-encoded text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {codec.upper().removesuffix('-SIG')} byte-order mark "
                                  f"but is not valid {codec.upper().removesuffix('-SIG')}: {err.reason} "
                                  f"at byte {err.start:,}", source=source) from None
            _check_binary_text(text, source)
            return text
    _check_binary_bytes(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = data.decode("utf-8", errors="surrogateescape")
    runs = _SURROGATE_RUN_RE.findall(mixed)
    valid_non_ascii = len(_NON_ASCII_RE.findall(mixed))
    declared = _declared_charset(data) if valid_non_ascii <= len(runs) else None  # a page mostly in UTF-8 lies
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeError, LookupError, ValueError):
            log.debug("%s: declared charset %s does not decode the page", source, declared)
    isolated = sum(1 for r in runs if len(r) == 1)
    if isolated >= 0.9 * len(runs):
        log.info("%s: not valid UTF-8; %d stray byte(s) read as Windows-1252", source, len(runs))
        return _SURROGATE_RUN_RE.sub(_stray_bytes_as_cp1252, mixed)
    return _detect_legacy(data, source)


def _check_binary_bytes(data: bytes, source: str) -> None:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise BinaryInputError("binary file (NUL bytes in the first 8 KiB; UTF-16 text needs a byte-order mark)",
                               source=source)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > MAX_CONTROL_RATIO:
        raise BinaryInputError(f"binary file: {controls / len(head):.0%} control bytes in the first 8 KiB",
                               source=source)


def _check_binary_text(text: str, source: str) -> None:
    head = text[:SNIFF_BYTES]
    if "\x00" in head:
        raise BinaryInputError("binary file (NUL characters in the first 8 KiB)", source=source)
    controls = len(_CONTROL_CHARS_RE.findall(head))
    if head and controls / len(head) > MAX_CONTROL_RATIO:
        raise BinaryInputError(f"binary file: {controls / len(head):.0%} control characters in the first "
                               f"{len(head):,} characters", source=source)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:SNIFF_BYTES])
    if not match:
        return None
    try:
        info = codecs.lookup(match.group(1).decode("ascii"))
    except LookupError:
        return None
    # As in browsers: a page cannot declare itself UTF-16/32 in a <meta> it could not be read to find, and
    # codecs that are not byte encodings (idna, unicode_escape) or are unsafe (UTF-7) are ignored.
    if info.name.startswith(("utf-16", "utf-32")) or info.name in _IGNORED_DECLARED or \
            not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _stray_bytes_as_cp1252(match: re.Match[str]) -> str:
    raw = match.group(0).encode("utf-8", errors="surrogateescape")
    # Five bytes are undefined in Windows-1252; Latin-1 maps them to the C1 controls they were meant as.
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in b"\x81\x8d\x8f\x90\x9d"
                   else chr(b) for b in raw)


def _detect_legacy(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes  # imported late: it is slow to import and rarely needed

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not UTF-8, no byte-order mark, and no plausible legacy encoding found", source=source)
    log.info("%s: not UTF-8; decoded as %s (detected)", source, best.encoding)
    return str(best)


# --------------------------------------------------------------------------------------------------- sniffing

_HTML_ROOT_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.I)
_HTML_TAG_RE = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|li|ul|ol|article|section|table|tr|td|em|strong|b|i|img|meta|link|script|style"
    r"|blockquote|figure|header|footer|nav|main|title)(?:\s[^<>]*)?/?>", re.I)


def sniff_kind(data: bytes | str) -> str:
    """``"html"`` or ``"text"``, from the content: a document root tag, or a density of common HTML tags."""
    if isinstance(data, bytes):
        head = data[:SNIFF_BYTES]
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            head = head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
        else:
            head = head.decode("latin-1")  # every tag is ASCII; the rest does not matter here
    else:
        head = data[:SNIFF_BYTES]
    head = head.lstrip("\ufeff \t\r\n")
    if _HTML_ROOT_RE.search(head):
        return "html"
    tags = _HTML_TAG_RE.findall(head)
    closing = sum(1 for t in tags if t.startswith("</"))
    if closing and (len(tags) >= 3 or (head.startswith("<") and head.rstrip().endswith(">"))):
        return "html"
    return "text"


# --------------------------------------------------------------------------------------------------- HTML


def extract_html(html: str, *, source: str = "<html>") -> Document:
    """Main content and metadata of an HTML page via trafilatura; paragraphs joined by blank lines.

    Recall-leaning defaults (no ``favor_precision``): a missed quote paragraph loses statements, while leftover
    chrome is mostly removed by the clean stage. Comments and tables are never article prose, so they are off.
    """
    import trafilatura  # imported late: plain-text-only runs never pay for lxml and its extractors

    if html.lstrip().startswith("<?xml"):
        # lxml refuses str input that carries an encoding declaration; the text is decoded already.
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=False)
    except Exception as err:  # noqa: BLE001 -- a third-party parser failing on one page must not end a batch
        raise NoContentError(f"HTML could not be parsed ({type(err).__name__}: {err})", source=source) from None
    raw = (getattr(result, "text", None) or "") if result is not None else ""
    paragraphs = [line.strip() for line in normalize_text(raw).split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise NoContentError("HTML page has no extractable article body", source=source)
    return Document(
        source=source,
        text=text,
        kind="html",
        title=_clean_meta(result.title),
        published=page_date(_clean_meta(result.date), source=source),
        site=_clean_meta(result.sitename) or _clean_meta(result.hostname),
        author=_clean_meta(result.author),
    )


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = unicodedata.normalize("NFC", scrub_surrogates(" ".join(value.split())))
    return value or None


# --------------------------------------------------------------------------------------------------- titles

_SENTENCE_END_RE = re.compile(r"[.!?…:;,]['\"’”)\]]*$")
_MENU_RE = re.compile(r"\s[|»›•·]\s|\s/\s|^https?://|^www\.", re.I)
_BYLINE_RE = re.compile(r"^(?:by|published|updated|posted)\b", re.I)


def guess_title(text: str) -> str | None:
    """The first line as headline, when it looks like one; ``None`` when in doubt.

    A headline is short (< 200 characters, 2–20 words), does not end like a sentence, is not a byline, date or
    menu, and is followed by longer body text. A trailing full stop is allowed only in Title Case, since some
    corpora (PolNeAR) end headlines with one while a one-sentence lead paragraph is in sentence case.
    The text itself is never changed, so offsets stay valid.
    """
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    body = rest.strip()
    if not first or not body or len(first) >= TITLE_MAX_CHARS:
        return None
    words = first.split()
    if not 2 <= len(words) <= 20 or not any(c.isalpha() for c in first) or first[0] in "([{":
        return None
    if _MENU_RE.search(first) or _BYLINE_RE.match(first):
        return None
    if len(body.split("\n", 1)[0]) <= len(first):  # the next line should be a body paragraph, not more chrome
        return None
    if _SENTENCE_END_RE.search(first):
        bare = first.rstrip("'\"’”")
        if not (bare.endswith(".") and not bare.endswith("..") and _is_title_case(words)):
            return None
    return first


def _is_title_case(words: list[str]) -> bool:
    long_words = [w.strip("‘’“”\"'():") for w in words]
    long_words = [w for w in long_words if len(w) >= 4 and w[:1].isalpha()]
    # Every long word capitalised: a name-heavy lead sentence ("Tony Blair has met Italian Prime Minister ...")
    # still has lower-case verbs of four letters or more, a Title Case headline has none.
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)
