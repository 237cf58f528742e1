"""Coverage-guided fuzzing of the input layer with atheris (libFuzzer for Python); not part of the test suite.

Targets, chosen by the first byte: ``ingest.document_from_bytes`` (bytes → text or HTML document),
``readers.document_from_record`` on a JSON line, and the WARC reader on a whole archive. Anything but a
``Document`` or an ``OnrecordError`` is a finding (libFuzzer writes the input to ``crash-*``).

    pip install atheris
    python fuzz/atheris_ingest.py -max_total_time=60 [corpus_dir]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from onrecord import ingest, readers
    from onrecord.errors import OnrecordError

_TMP = Path(tempfile.mkdtemp(prefix="onrecord-atheris-")) / "input.warc"


def one_input(data: bytes) -> None:
    if not data:
        return
    target, body = data[0] % 3, data[1:]
    if target == 0:
        try:
            ingest.document_from_bytes(body, source="fuzz", max_bytes=1 << 20)
        except OnrecordError:
            pass
    elif target == 1:
        try:
            obj = json.loads(body.decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            return
        if isinstance(obj, dict):
            try:
                readers.document_from_record(obj, source="fuzz:1", max_bytes=1 << 20)
            except OnrecordError:
                pass
    else:
        _TMP.write_bytes(b"WARC/1.0\r\n" + body)
        for item in readers.iter_warc(_TMP, max_bytes=1 << 20):
            assert isinstance(item, (ingest.Document, OnrecordError)), item


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
