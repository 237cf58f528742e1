"""Gold statements for evaluation, read from brat standoff (PolNeAR) or from onrecord's own JSONL gold format.

Both readers produce the same ``GoldDoc`` form, so the scorer does not know where the gold came from.  The JSONL
format is documented in ``docs/gold-format.md``.  A malformed gold file raises ``GoldFormatError`` whose
``source`` is ``file:line``: a silently skipped annotation would bias every figure computed from it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoldFormatError
from ..model import STATEMENT_KINDS

log = logging.getLogger(__name__)

Span = tuple[int, int]

# Double quotation marks in the forms news text uses; single marks are only counted as a pair (‘…’ or '…'),
# because ’ and ' are mostly apostrophes ("Clinton’s").
DOUBLE_QUOTES = "\"“”„‟«»"
OPEN_SINGLE = "‘'‚‹"
CLOSE_SINGLE = "’'›"
_TRAILING = ".,;:!?—–- \t\n"


@dataclass(frozen=True)
class GoldStatement:
    """One gold attribution: content (possibly discontinuous), source and cue spans, the speaker's name.

    ``speaker_name`` is the resolved name where the gold has one (JSONL), else the source mention text (brat).
    """

    content_spans: tuple[Span, ...]
    source_spans: tuple[Span, ...] = ()
    cue_spans: tuple[Span, ...] = ()
    speaker_name: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    statements: tuple[GoldStatement, ...]


def span_text(text: str, spans: tuple[Span, ...]) -> str:
    return " ".join(text[a:b] for a, b in spans)


def derive_kind(text: str, spans: tuple[Span, ...]) -> str:
    """direct: every fragment is wrapped in quote marks; mixed: some quote marks inside; else indirect.

    Trailing sentence punctuation outside the closing mark (``"…".``) does not count against "direct".
    """
    frags = [text[a:b].strip(" \t\n") for a, b in spans]
    frags = [f for f in frags if f]
    if not frags:
        return "indirect"

    def wrapped(f: str) -> bool:
        f = f.rstrip(_TRAILING) if f[-1] not in DOUBLE_QUOTES + CLOSE_SINGLE else f
        if len(f) < 2:
            return False
        return (f[0] in DOUBLE_QUOTES and f[-1] in DOUBLE_QUOTES) or (f[0] in OPEN_SINGLE and f[-1] in CLOSE_SINGLE)

    if all(wrapped(f) for f in frags):
        return "direct"
    joined = " ".join(frags)
    if any(c in DOUBLE_QUOTES for c in joined) or re.search(r"(?:^|\W)‘\w.*?’(?:\W|$)", joined):
        return "mixed"
    return "indirect"


def _lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, line without its end, "file:line") for a UTF-8 file; bad bytes are a GoldFormatError."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise GoldFormatError(f"not UTF-8 (byte {err.start + 1} of the line)", source=where) from None
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            yield lineno, line.rstrip("\r\n"), where


# ----------------------------------------------------------------------------------------------------- brat

_BRAT_ID = re.compile(r"^([TERANM#*])\d*\t")
_CONTENT, _SOURCE, _CUE = "Content", "Source", "Cue"


def _annotation_files(ann_dir: Path) -> dict[str, list[Path]]:
    """``<doc>_<annotator>.ann`` grouped by ``<doc>``, each list sorted (the first one is used)."""
    groups: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem = p.stem
        doc = stem.rsplit("_", 1)[0] if "_" in stem else stem
        groups.setdefault(doc, []).append(p)
    return groups


def read_brat_dir(path: str | Path) -> Iterator[GoldDoc]:
    """Read a PolNeAR split: ``<path>/text/<doc>.txt`` and ``<path>/attributions/<doc>_<annotator>.ann``.

    One annotator file per document (the first in sorted order) so that double-annotated articles do not count
    twice.  A document without any annotation file is yielded with no statements (and logged).  Relations without
    a Content argument cannot be scored and are skipped (logged); a missing Source or Cue is kept as empty.
    """
    root = Path(path)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldFormatError("not a brat split directory (expected text/ and attributions/ inside)",
                              source=str(root))
    groups = _annotation_files(ann_dir)
    for txt in sorted(text_dir.glob("*.txt")):
        doc_id = txt.stem
        try:  # newline="": offsets count every character, \r included
            with txt.open(encoding="utf-8", newline="") as fh:
                text = fh.read()
        except UnicodeDecodeError as err:
            raise GoldFormatError(f"text is not UTF-8: {err}", source=str(txt)) from None
        anns = groups.get(doc_id)
        if not anns:
            log.warning("%s: no annotation file in %s; scored as having no statements", doc_id, ann_dir)
            yield GoldDoc(doc_id, text, ())
            continue
        yield GoldDoc(doc_id, text, tuple(parse_brat(anns[0], text)))


def _parse_offsets(field: str, where: str, n: int) -> tuple[Span, ...]:
    spans = []
    for frag in field.split(";"):
        parts = frag.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise GoldFormatError(f"bad offsets {field!r} (expected 'start end[;start end…]')", source=where)
        a, b = int(parts[0]), int(parts[1])
        if a > b or b > n:
            raise GoldFormatError(f"offsets {a} {b} outside the text ({n} characters) or reversed", source=where)
        spans.append((a, b))
    return tuple(spans)


def parse_brat(ann_path: str | Path, text: str) -> list[GoldStatement]:
    """Statements of one ``.ann`` file over ``text``; every T offset is checked against ``text``."""
    ann_path = Path(ann_path)
    spans: dict[str, tuple[str, tuple[Span, ...], int]] = {}  # T id → (label, spans, line)
    events: list[tuple[dict[str, str], int]] = []
    last_t: tuple[str, list[str], str, int] | None = None  # text-bound annotation whose text may go on

    def check_text(t: tuple[str, list[str], str, int] | None) -> None:
        if t is None:
            return
        tid, lines, where, _ = t
        expected = span_text(text, spans[tid][1])
        if "\n".join(lines) != expected:
            raise GoldFormatError(f"{tid}: annotated text {lines[0][:40]!r}… does not match the offsets "
                                  f"({expected[:40]!r}…) — wrong text file?", source=where)

    for lineno, line, where in _lines(ann_path):
        m = _BRAT_ID.match(line)
        if not m:
            if last_t is not None:  # brat writes a span's newline literally: continuation of the T text
                last_t[1].append(line)
                continue
            if not line.strip():
                continue
            raise GoldFormatError(f"unrecognised line {line[:60]!r}", source=where)
        check_text(last_t)
        last_t = None
        fields = line.split("\t")
        if m.group(1) == "T":
            if len(fields) < 3:
                raise GoldFormatError("T line needs 'id<TAB>label offsets<TAB>text'", source=where)
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, _parse_offsets(offsets, where, len(text)), lineno)
            last_t = (fields[0], ["\t".join(fields[2:])], where, lineno)
        elif m.group(1) == "E":
            args: dict[str, str] = {}
            for arg in fields[1].split():
                role, sep, target = arg.partition(":")
                if not sep or not target:
                    raise GoldFormatError(f"bad event argument {arg!r} (expected Role:T<n>)", source=where)
                args[role] = target
            events.append((args, lineno))
        # A (attributes), R (relations), N (normalisations), # (notes), M, *: not used for statements.
    check_text(last_t)

    out = []
    for args, lineno in events:
        where = f"{ann_path}:{lineno}"
        for role, target in args.items():
            if target not in spans:
                raise GoldFormatError(f"{role} refers to {target}, which is not defined", source=where)
        content = args.get(_CONTENT)
        if content is None:
            log.info("%s: relation without Content skipped", where)
            continue
        src = spans[args[_SOURCE]][1] if _SOURCE in args else ()
        cue = spans[args[_CUE]][1] if _CUE in args else ()
        cspans = spans[content][1]
        out.append(GoldStatement(
            content_spans=cspans,
            source_spans=src,
            cue_spans=cue,
            speaker_name=span_text(text, src) if src else None,
            kind=derive_kind(text, cspans),
        ))
    return out


# ----------------------------------------------------------------------------------------------------- JSONL

def _json_span(v, where: str, what: str, n: int) -> Span:
    if (not isinstance(v, list) or len(v) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                                            for x in v)):
        raise GoldFormatError(f"{what} must be [start, end] integers, got {v!r}", source=where)
    a, b = v
    if not 0 <= a <= b <= n:
        raise GoldFormatError(f"{what} [{a}, {b}] is outside the text ({n} characters) or reversed", source=where)
    return (a, b)


def _json_statement(d, where: str, i: int, text: str) -> GoldStatement:
    n = len(text)
    if not isinstance(d, dict):
        raise GoldFormatError(f"statements[{i}] must be an object", source=where)
    unknown = set(d) - {"content_spans", "speaker_span", "cue_span", "speaker", "kind"}
    if unknown:
        raise GoldFormatError(f"statements[{i}] has unknown keys {sorted(unknown)}", source=where)
    cs = d.get("content_spans")
    if not isinstance(cs, list) or not cs:
        raise GoldFormatError(f"statements[{i}].content_spans must be a non-empty list of [start, end]",
                              source=where)
    content = tuple(_json_span(s, where, f"statements[{i}].content_spans[{j}]", n) for j, s in enumerate(cs))
    spk = d.get("speaker_span")
    cue = d.get("cue_span")
    name = d.get("speaker")
    kind = d.get("kind")
    if name is not None and not isinstance(name, str):
        raise GoldFormatError(f"statements[{i}].speaker must be a string or null", source=where)
    if kind is not None and kind not in STATEMENT_KINDS:
        raise GoldFormatError(f"statements[{i}].kind {kind!r} is not one of {', '.join(STATEMENT_KINDS)}",
                              source=where)
    return GoldStatement(
        content_spans=content,
        source_spans=(_json_span(spk, where, f"statements[{i}].speaker_span", n),) if spk is not None else (),
        cue_spans=(_json_span(cue, where, f"statements[{i}].cue_span", n),) if cue is not None else (),
        speaker_name=name,
        kind=kind,
    )


def default_eval_data() -> Path:
    """Where shared gold texts live: ``$ONRECORD_EVAL_DATA``, else ``$ONRECORD_SHARED/eval-data``, else
    ``../shared/eval-data`` (the project's layout, as in ``python -m onrecord.evaluate.gate``)."""
    if os.environ.get("ONRECORD_EVAL_DATA"):
        return Path(os.environ["ONRECORD_EVAL_DATA"])
    if os.environ.get("ONRECORD_SHARED"):
        return Path(os.environ["ONRECORD_SHARED"]) / "eval-data"
    return Path("../shared/eval-data")


class SharedTexts:
    """Article texts that a JSONL gold file names by ``{"source": {"file", "id"}}`` instead of carrying them.

    The gold of a third party's text may not be copied into the repository; its offsets are, with the text's
    sha256. A source file is a JSONL of ``{"id", "text", …}`` objects under ``eval_data`` (the BBC set's layout),
    read once and decoded as UTF-8 with undecodable bytes replaced (the BBC file has one Latin-1 byte), so the
    digest is of exactly the string the offsets count in.
    """

    def __init__(self, eval_data: str | Path | None = None):
        self.root = Path(eval_data) if eval_data is not None else default_eval_data()
        self._files: dict[str, dict[str, str]] = {}

    def path(self, file: str) -> Path:
        return self.root / file

    def available(self, file: str) -> bool:
        return self.path(file).is_file()

    def text(self, file: str, doc_id: str, where: str) -> str:
        if Path(file).is_absolute() or ".." in Path(file).parts:
            raise GoldFormatError(f"source.file {file!r} must be a path inside the eval data", source=where)
        if file not in self._files:
            p = self.path(file)
            if not p.is_file():
                raise GoldFormatError(f"source file {p} not found (the shared eval data is absent; set "
                                      "ONRECORD_EVAL_DATA or ONRECORD_SHARED)", source=where)
            texts: dict[str, str] = {}
            with p.open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if line.strip():
                        row = json.loads(line)
                        texts.setdefault(str(row["id"]), row["text"])
            self._files[file] = texts
        try:
            return self._files[file][doc_id]
        except KeyError:
            raise GoldFormatError(f"source id {doc_id!r} is not in {file}", source=where) from None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def jsonl_sources(path: str | Path) -> set[str]:
    """The shared source files a JSONL gold file draws its texts from (empty when every line carries its text)."""
    out = set()
    for _, line, _ in _lines(Path(path)):
        if line.strip():
            d = json.loads(line)
            if isinstance(d, dict) and isinstance(d.get("source"), dict):
                out.add(str(d["source"].get("file")))
    return out


def _line_text(d: dict, where: str, shared: SharedTexts | None) -> str:
    """The article text of one gold line: its ``text``, or the shared text its ``source`` names, checked against
    its ``sha256`` (a different text would make every offset point elsewhere)."""
    if "text" in d:
        if "source" in d:
            raise GoldFormatError("give either 'text' or 'source', not both", source=where)
        if not isinstance(d["text"], str):
            raise GoldFormatError("'text' must be a string", source=where)
        return d["text"]
    src, digest = d.get("source"), d.get("sha256")
    if not isinstance(src, dict) or not isinstance(src.get("file"), str) or not isinstance(src.get("id"), str):
        raise GoldFormatError("each line needs 'text', or 'source': {\"file\", \"id\"} with 'sha256'",
                              source=where)
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise GoldFormatError("'sha256' must be the 64 hex digits of the source text's UTF-8 bytes", source=where)
    text = (shared or SharedTexts()).text(src["file"], src["id"], where)
    got = sha256_text(text)
    if got != digest:
        raise GoldFormatError(f"the text of {src['file']}:{src['id']} has sha256 {got[:12]}…, the gold was "
                              f"annotated on {digest[:12]}…: not the same text, offsets would be wrong",
                              source=where)
    return text


def read_jsonl(path: str | Path, eval_data: str | Path | None = None) -> Iterator[GoldDoc]:
    """One article per line: ``{"id", "text" | "source"+"sha256", "statements": [...]}`` (docs/gold-format.md).

    ``eval_data`` is where ``source`` files are looked up (default: ``default_eval_data()``).
    """
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError("no such gold file", source=str(path))
    shared = SharedTexts(eval_data)
    seen: set[str] = set()
    for _, line, where in _lines(path):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldFormatError(f"invalid JSON: {err.msg} at column {err.colno}", source=where) from None
        if not isinstance(d, dict):
            raise GoldFormatError("each line must be a JSON object", source=where)
        doc_id, stmts = d.get("id"), d.get("statements")
        if not isinstance(doc_id, str) or not doc_id:
            raise GoldFormatError("'id' must be a non-empty string", source=where)
        if doc_id in seen:
            raise GoldFormatError(f"duplicate id {doc_id!r}", source=where)
        seen.add(doc_id)
        if not isinstance(stmts, list):
            raise GoldFormatError("'statements' must be a list (empty when the article has none)",
                              source=where)
        text = _line_text(d, where, shared)
        yield GoldDoc(doc_id, text, tuple(_json_statement(s, where, i, text) for i, s in enumerate(stmts)))
