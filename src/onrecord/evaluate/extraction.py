"""Article-body extraction accuracy: the ScrapingHub benchmark's shingle metric, written here from its description.

Text → lower-cased word tokens (``\\w+``) → the *multiset* of 4-word shingles (a shingle that occurs twice counts
twice, so a body kept twice is not free). Per page: precision = |pred ∩ gold| / |pred|, recall = |pred ∩ gold| /
|gold| with multiset intersection; both empty → P = R = 1, one empty → 0. A text with fewer than four tokens is one
short shingle, so a one-line body is not "empty". Precision and recall are averaged over pages and F1 is taken of
the two means. A token-level variant (bags of words, same averaging) is reported beside it.

Two gold layouts are read:

- a directory like ``aeb/``: ``html/<id>.html.gz`` and ``ground-truth.json`` ``{id: {"articleBody", "url"}}``;
  the default extractor is ``onrecord.ingest.extract_html``;
- a file like ``aeb_plaintext.json``: ``{id: {"url", "text", "articleBody"}}``, page text with the chrome in; the
  default extractor is ``onrecord.clean.clean_text``, with the lines repeated across pages of the same URL host
  counted as chrome when ``site_dedup`` is on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..errors import GoldFormatError, OnrecordError

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def _precision_recall(pred: Counter, gold: Counter) -> tuple[float, float]:
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0
    if n_pred == 0 or n_gold == 0:
        return 0.0, 0.0
    common = sum((pred & gold).values())
    return common / n_pred, common / n_gold


def shingle_scores(pred: str, gold: str, n: int = 4) -> tuple[float, float]:
    """(precision, recall) of the predicted body's n-word shingles against the gold body's."""
    return _precision_recall(shingles(pred, n), shingles(gold, n))


def token_scores(pred: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of the predicted body's words against the gold body's, as bags of words."""
    return _precision_recall(Counter(tokens(pred)), Counter(tokens(gold)))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    input: str  # HTML, or page text with chrome
    gold: str


def _digest(files: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as err:
        raise GoldFormatError(f"cannot read gold file ({err.strerror or err})", source=str(path)) from None
    except (UnicodeDecodeError, ValueError) as err:
        raise GoldFormatError(f"not valid UTF-8 JSON ({err})", source=str(path)) from None
    if not isinstance(data, dict):
        raise GoldFormatError("expected a JSON object keyed by page id", source=str(path))
    return data


def _text_field(entry: object, key: str, path: Path, pid: str, *, required: bool = True) -> str:
    value = entry.get(key) if isinstance(entry, dict) else None
    if value is None and not required and isinstance(entry, dict):
        return ""
    if not isinstance(value, str):
        raise GoldFormatError(f"page {pid!r}: field {key!r} missing or not a string", source=str(path))
    return value


def load_pages(gold_path: Path) -> tuple[str, list[Page], list[Path]]:
    """(dataset kind, pages sorted by id, files the digest covers). Raises ``GoldFormatError`` on bad gold data."""
    gold_path = Path(gold_path)
    if gold_path.is_dir():
        truth = gold_path / "ground-truth.json"
        if not truth.is_file():
            raise GoldFormatError("no ground-truth.json in the gold directory", source=str(gold_path))
        pages = []
        for pid, entry in sorted(_read_json(truth).items()):
            body = _text_field(entry, "articleBody", truth, pid)
            url = _text_field(entry, "url", truth, pid, required=False)
            html_file = gold_path / "html" / f"{pid}.html.gz"
            try:
                html = gzip.decompress(html_file.read_bytes()).decode("utf-8", "replace")
            except (OSError, EOFError, gzip.BadGzipFile) as err:
                raise GoldFormatError(f"page {pid!r}: cannot read {html_file.name} ({err})",
                                      source=str(truth)) from None
            pages.append(Page(pid, url, html, body))
        return "aeb-html", pages, [truth]
    if not gold_path.is_file():
        raise GoldFormatError("gold path is neither a directory nor a file", source=str(gold_path))
    pages = []
    for pid, entry in sorted(_read_json(gold_path).items()):
        pages.append(Page(pid, _text_field(entry, "url", gold_path, pid, required=False),
                          _text_field(entry, "text", gold_path, pid),
                          _text_field(entry, "articleBody", gold_path, pid)))
    return "aeb-plaintext", pages, [gold_path]


def _html_extractor(page: Page) -> str:
    from ..ingest import extract_html  # late: plain-text evaluation never loads trafilatura

    try:
        return extract_html(page.input, source=page.id).text
    except OnrecordError as err:  # a page with no body scores 0; it does not stop the run
        log.info("%s", err)
        return ""


def _text_extractor(pages: Sequence[Page], site_dedup: bool) -> Callable[[Page], str]:
    from ..clean import clean_text, repeated_lines

    repeated: dict[str, frozenset[str]] = {}
    if site_dedup:
        by_site: dict[str, list[Page]] = defaultdict(list)
        for p in pages:
            by_site[(urlparse(p.url).hostname or "").lower() or "page:" + p.id].append(p)
        for members in by_site.values():
            if len(members) > 1:
                rep = repeated_lines([p.input for p in members])
                repeated.update((p.id, rep) for p in members)
    return lambda page: clean_text(page.input, repeated=repeated.get(page.id, frozenset())).text


def evaluate_extraction(gold_path: Path, *, extractor: Callable[[str], str] | None = None,
                        site_dedup: bool = True) -> dict:
    """Score an extractor (page input → body text) on a gold set; by default onrecord's own for the set's kind.

    ``site_dedup`` applies to the default plain-text extractor only. ``seconds`` covers extraction, not scoring.
    """
    kind, pages, files = load_pages(Path(gold_path))
    t0 = time.perf_counter()
    if extractor is not None:
        run: Callable[[Page], str] = lambda page: extractor(page.input)  # noqa: E731
    elif kind == "aeb-html":
        run = _html_extractor
    else:
        run = _text_extractor(pages, site_dedup)
    seconds = time.perf_counter() - t0  # the site-level line counts are part of the extractor's cost
    sums = [0.0, 0.0, 0.0, 0.0]
    for page in pages:
        t0 = time.perf_counter()
        pred = run(page)
        seconds += time.perf_counter() - t0
        for k, v in enumerate((*shingle_scores(pred, page.gold), *token_scores(pred, page.gold))):
            sums[k] += v
    n = len(pages)
    p, r, tp, tr = (s / n if n else 0.0 for s in sums)
    return {
        "dataset": kind,
        "pages": n,
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "token_precision": tp,
        "token_recall": tr,
        "token_f1": f1(tp, tr),
        "seconds": seconds,
        "pages_per_s": n / seconds if seconds else 0.0,
        "digest": _digest(files),
        "site_dedup": site_dedup if extractor is None and kind == "aeb-plaintext" else None,
    }
