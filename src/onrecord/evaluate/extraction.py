"""Article-extraction accuracy: the ScrapingHub benchmark's shingle metric, written here from its description.

Text → lower-cased word tokens → the *set* of 4-word shingles. Per page: precision = |pred ∩ gold| / |pred|,
recall = |pred ∩ gold| / |gold| (both empty: 1 and 1; one empty: 0). Precision and recall are averaged over pages and
F1 is taken of the two means. A token-level variant (bags of words, multiset overlap) is reported beside it.

Two gold layouts are read:

- ``aeb/`` — ``html/<id>.html.gz`` and ``ground-truth.json`` ``{id: {"articleBody", "url"}}``: HTML → body with
  ``onrecord.ingest.extract_html``;
- ``aeb_plaintext.json`` — ``{id: {"url", "text", "articleBody"}}``: text with chrome → body with
  ``onrecord.clean.clean_text``, lines repeated across pages of the same host counted as chrome.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from ..errors import GoldFormatError

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    toks = _tokens(text)
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def _pr(pred_n: int, gold_n: int, inter: int) -> tuple[float, float]:
    if pred_n == 0 and gold_n == 0:
        return 1.0, 1.0
    if pred_n == 0 or gold_n == 0:
        return 0.0, 0.0
    return inter / pred_n, inter / gold_n


def shingle_scores(pred: str, gold: str, n: int = 4) -> tuple[float, float]:
    p, g = _shingles(pred, n), _shingles(gold, n)
    return _pr(len(p), len(g), len(p & g))


def token_scores(pred: str, gold: str) -> tuple[float, float]:
    p, g = Counter(_tokens(pred)), Counter(_tokens(gold))
    return _pr(sum(p.values()), sum(g.values()), sum((p & g).values()))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldFormatError(f"cannot read gold JSON: {err}", source=str(path)) from err
    if not isinstance(data, dict):
        raise GoldFormatError("gold JSON must be an object keyed by page id", source=str(path))
    return data


def _field(entry: object, key: str, path: Path, page: str) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get(key), str):
        raise GoldFormatError(f"page {page!r}: missing or non-text field {key!r}", source=str(path))
    return entry[key]


def load_pages(gold_path: Path) -> tuple[str, list[tuple[str, str, str, str]], list[Path]]:
    """(dataset name, [(page id, url, input, gold body)], files for the digest). Input is HTML or chrome text."""
    gold_path = Path(gold_path)
    if gold_path.is_dir():
        truth = gold_path / "ground-truth.json"
        data = _load_json(truth)
        pages = []
        for pid, entry in sorted(data.items()):
            body = _field(entry, "articleBody", truth, pid)
            f = gold_path / "html" / f"{pid}.html.gz"
            if not f.exists():
                raise GoldFormatError(f"page {pid!r}: no HTML file {f.name}", source=str(truth))
            html = gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
            pages.append((pid, entry.get("url") or "", html, body))
        return "aeb-html", pages, [truth]
    data = _load_json(gold_path)
    pages = [(pid, (e or {}).get("url") or "", _field(e, "text", gold_path, pid), _field(e, "articleBody", gold_path, pid))
             for pid, e in sorted(data.items())]
    return "aeb-plaintext", pages, [gold_path]


def evaluate_extraction(gold_path: Path, *, extractor: Callable[[str], str] | None = None,
                        site_dedup: bool = True) -> dict:
    """Score an extractor (input → body text) on a gold set; by default onrecord's own for the set's kind."""
    name, pages, files = load_pages(Path(gold_path))
    repeated: dict[str, frozenset[str]] = {}
    if extractor is None:
        if name == "aeb-html":
            from ..ingest import extract_html

            def extractor(html: str, _pid: str = "") -> str:
                try:
                    return extract_html(html, source=_pid).text
                except Exception:  # noqa: BLE001 - a page with no body scores 0, it does not stop the run
                    return ""
        else:
            from ..clean import clean_text, repeated_lines

            if site_dedup:
                by_host: dict[str, list[str]] = defaultdict(list)
                for pid, url, text, _ in pages:
                    by_host[urlparse(url).hostname or pid].append(text)
                rep_host = {h: repeated_lines(ts) for h, ts in by_host.items() if len(ts) > 1}
                repeated = {pid: rep_host.get(urlparse(url).hostname or pid, frozenset()) for pid, url, _, _ in pages}

            def extractor(text: str, _pid: str = "") -> str:
                return clean_text(text, repeated=repeated.get(_pid, frozenset())).text
        call = extractor
    else:
        def call(x: str, _pid: str = "") -> str:
            return extractor(x)
    ps, rs, tps, trs = [], [], [], []
    t0 = time.perf_counter()
    for pid, _url, inp, gold in pages:
        pred = call(inp, pid)
        p, r = shingle_scores(pred, gold)
        tp, tr = token_scores(pred, gold)
        ps.append(p), rs.append(r), tps.append(tp), trs.append(tr)
    dt = time.perf_counter() - t0
    n = len(pages) or 1
    P, R, TP, TR = sum(ps) / n, sum(rs) / n, sum(tps) / n, sum(trs) / n
    return {"dataset": name, "pages": len(pages), "precision": P, "recall": R, "f1": _f1(P, R),
            "token_precision": TP, "token_recall": TR, "token_f1": _f1(TP, TR), "seconds": dt,
            "pages_per_s": len(pages) / dt if dt else 0.0, "digest": _digest(files), "site_dedup": site_dedup}
