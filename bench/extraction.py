"""Article-body extraction on the ScrapingHub benchmark: onrecord beside trafilatura, readability-lxml and
resiliparse, on the same pages in one run, scored by ``onrecord.evaluate.extraction`` (4-word shingle P/R/F1 with
per-page averaging, and the bag-of-words variant).

Two inputs of the same 181 pages:

- AEB HTML: every system gets the page's HTML;
- AEB plain text (the page text with the site chrome left in, no markup): onrecord's cleaner with and without
  site-level line deduplication, the keep-everything baseline, and trafilatura and readability given that same text
  wrapped as minimal HTML (each non-empty line one ``<p>``), since they only take HTML.

A peer that raises on a page scores that page as empty output; the failures are counted in the table.

    python bench/extraction.py --aeb ../shared/eval-data/aeb \\
        --plaintext ../shared/eval-data/aeb-plaintext/aeb_plaintext.json [--write-docs]
"""

from __future__ import annotations

import argparse
import html as html_lib
import logging
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

from onrecord.evaluate.extraction import evaluate_extraction  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = ("p", "div", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
          "section", "article", "header", "footer", "dd", "dt", "figcaption")


class Counted:
    """Wraps a peer extractor: an exception or a ``None`` result becomes empty output; exceptions are counted."""

    def __init__(self, fn: Callable[[str], str | None]) -> None:
        self.fn = fn
        self.failures = 0

    def __call__(self, page_input: str) -> str:
        try:
            return self.fn(page_input) or ""
        except Exception:  # noqa: BLE001 - any peer failure scores as an empty page, by design of the bench
            self.failures += 1
            return ""


class _CountErrors(logging.Handler):
    """Counts the pages onrecord's default extractor gave up on (it logs the error and scores the page empty)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def trafilatura_extract(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html)


def readability_extract(html: str) -> str:
    """readability's summary HTML → text; a newline after each block element so words of adjacent paragraphs
    do not run together (lxml's ``text_content`` joins them with nothing)."""
    import lxml.html
    from readability import Document

    tree = lxml.html.fromstring(Document(html).summary())
    for el in tree.iter(*BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return tree.text_content()


def resiliparse_extract(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


def as_html(text: str) -> str:
    """Plain page text as the least HTML a peer accepts: each non-empty line one escaped paragraph."""
    paras = "".join(f"<p>{html_lib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n{paras}</body></html>"


def available_peers() -> tuple[dict[str, Callable[[str], str | None]], list[str]]:
    """The HTML peers that import here, and a note for each that does not."""
    peers: dict[str, Callable[[str], str | None]] = {"trafilatura": trafilatura_extract}
    notes = []
    for name, module, fn in (("readability-lxml", "readability", readability_extract),
                             ("resiliparse", "resiliparse.extract.html2text", resiliparse_extract)):
        try:
            __import__(module)
        except ImportError as err:
            notes.append(f"{name} is left out: it does not import here ({err}).")
            continue
        peers[name] = fn
    return peers, notes


def _onrecord_row(path: Path, system: str, **kw) -> dict:
    counter = _CountErrors()
    logger = logging.getLogger("onrecord.evaluate.extraction")
    logger.addHandler(counter)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        r = evaluate_extraction(path, **kw)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(old_level)
    r["system"], r["failures"] = system, counter.count
    return r


def _peer_row(path: Path, system: str, fn: Callable[[str], str | None]) -> dict:
    wrapped = Counted(fn)
    r = evaluate_extraction(path, extractor=wrapped)
    r["system"], r["failures"] = system, wrapped.failures
    return r


def run(aeb: Path, plaintext: Path) -> tuple[list[dict], list[str]]:
    peers, notes = available_peers()
    rows = []
    if aeb.exists():
        rows.append(_onrecord_row(aeb, "onrecord"))
        for name, fn in peers.items():
            rows.append(_peer_row(aeb, name, fn))
    else:
        notes.append(f"AEB HTML not found at {aeb}: skipped.")
    if plaintext.exists():
        rows.append(_onrecord_row(plaintext, "onrecord (site dedup)", site_dedup=True))
        rows.append(_onrecord_row(plaintext, "onrecord (no site dedup)", site_dedup=False))
        rows.append(_peer_row(plaintext, "keep everything", lambda text: text))
        for name in ("trafilatura", "readability-lxml"):
            if name in peers:
                fn = peers[name]
                rows.append(_peer_row(plaintext, f"{name} (text as `<p>` HTML)", lambda text, fn=fn: fn(as_html(text))))
    else:
        notes.append(f"AEB plain text not found at {plaintext}: skipped.")
    for r in rows:
        print(f"{r['dataset']:14} {r['system']:36} F1 {r['f1']:.3f}  {r['pages_per_s']:8.1f} pages/s", flush=True)
    return rows, notes


def _versions() -> str:
    out = []
    for pkg in ("readability-lxml", "resiliparse", "lxml"):
        try:
            out.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(out)


def table(rows: list[dict], notes: list[str], aeb: Path, plaintext: Path) -> list[str]:
    n = rows[0]["pages"] if rows else 0
    out = _common.header_lines() + [
        f"Peers: {_versions()}.",
        "",
        f"ScrapingHub article-extraction benchmark, {n} pages, same pages for every row. Shingle P/R: 4-word "
        "shingles as multisets, precision and recall per page averaged over pages, F1 of the two means; token F1 "
        "the same on bags of words (src/onrecord/evaluate/extraction.py). Pages/s: extraction only, one process, "
        "one core.",
        "",
        "| dataset | system | shingle P | shingle R | shingle F1 | token F1 | pages/s | failures |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        speed = "—" if r["system"] == "keep everything" else f"{r['pages_per_s']:.1f}"  # no work to time
        out.append(f"| {r['dataset']} | {r['system']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                   f"{r['token_f1']:.3f} | {speed} | {r['failures']} |")
    out += [
        "",
        "How each system is called. aeb-html: onrecord = `onrecord.ingest.extract_html`; trafilatura = "
        "`trafilatura.extract(html)` with its defaults; readability-lxml = `Document(html).summary()` turned to text "
        "with lxml (a line break after each block element); resiliparse = `extract_plain_text(html, "
        "main_content=True)`. aeb-plaintext: onrecord = `onrecord.clean.clean_text`, with lines repeated across pages "
        "of the same site dropped as chrome (site dedup) or not; keep everything = the page text unchanged (no "
        "work, so no speed); "
        "trafilatura and readability-lxml take HTML only, so they are given the same plain text wrapped as minimal "
        "HTML, each non-empty line an escaped `<p>` — they see no markup cues, as onrecord does not.",
        "Failures: pages where the system raised (a peer) or gave up with an error (onrecord); such a page scores "
        "as empty output. A peer returning nothing is not counted as a failure but also scores empty.",
        *notes,
        "",
        f"Rerun: `python bench/extraction.py --aeb {_rel(aeb)} --plaintext {_rel(plaintext)} --write-docs`",
    ]
    return out


def _rel(p: Path) -> str:
    try:
        return "../" + str(p.resolve().relative_to(ROOT.parent))
    except ValueError:
        return str(p)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aeb", type=Path, default=ROOT.parent / "shared" / "eval-data" / "aeb")
    ap.add_argument("--plaintext", type=Path,
                    default=ROOT.parent / "shared" / "eval-data" / "aeb-plaintext" / "aeb_plaintext.json")
    ap.add_argument("--write-docs", action="store_true", help="update the extraction section of docs/benchmarks.md")
    args = ap.parse_args()
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("readability").setLevel(logging.ERROR)
    rows, notes = run(args.aeb, args.plaintext)
    if not rows:
        sys.exit("no data found: give --aeb and/or --plaintext")
    lines = table(rows, notes, args.aeb, args.plaintext)
    print("\n".join(lines))
    if args.write_docs:
        print("wrote", _common.write_section("extraction", lines))


if __name__ == "__main__":
    main()
