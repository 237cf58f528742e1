"""Inputs at scale: JSONL dumps and WARC archives are told apart by content, streamed, and each bad record is one
error naming file:line (or file@offset) while the rest of the file goes on."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord import readers
from onrecord.errors import EmptyInputError, MalformedRecordError, TooLargeError
from onrecord.ingest import Document

PAGE = """<!DOCTYPE html><html><head><title>Harbour council approves sea wall</title>
<meta property="article:published_time" content="{date}"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Harbour council approves sea wall</h1>
<p>The harbour council voted on Tuesday to build a two-kilometre sea wall along the eastern shore, ending a dispute
that has divided the town for almost a decade and delayed repairs to the old fish market.</p>
<p>"We cannot keep patching the same stretch of road every winter," said council leader Ines Oduya, who proposed
the plan last autumn and spent months persuading reluctant members of the finance committee.</p>
</article></body></html>"""
PAGE_NO_DATE = PAGE.replace('<meta property="article:published_time" content="{date}">', "")


def write_warc(path: Path, records: list[tuple], *, compress: bool = True) -> Path:
    """records: (type, uri, body bytes, content type, http status or None, warc date)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for rec_type, uri, body, ctype, status, date in records:
            http = None
            headers = {"WARC-Date": date}
            if rec_type == "response":
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            else:
                headers["Content-Type"] = ctype
            rec = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict=headers,
                                            warc_content_type=ctype if rec_type != "response" else None)
            writer.write_record(rec)
    return path


def docs_and_errors(items):
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if not isinstance(i, Document)]


# -- sniffing ----------------------------------------------------------------------------------------------------

def test_container_kinds_are_told_by_content_not_name(tmp_path):
    warc = write_warc(tmp_path / "crawl.txt", [("response", "http://a.example/x", PAGE.encode(), "text/html",
                                                 "200 OK", "2024-01-02T00:00:00Z")])
    plain_warc = write_warc(tmp_path / "crawl2.bin", [("conversion", "http://a.example/y", b"Some words here.",
                                                       "text/plain", None, "2024-01-02T00:00:00Z")], compress=False)
    (tmp_path / "dump.txt").write_text('{"title": "x", "text": "An article."}\n', encoding="utf-8")
    with gzip.open(tmp_path / "dump.gz", "wt", encoding="utf-8") as f:
        f.write('{"html": "<p>x</p>"}\n')
    (tmp_path / "article.jsonl").write_text("An article that starts like prose { and is not JSON.\n")
    (tmp_path / "json.txt").write_text('{"id": 3, "body": "no text key"}\n')
    with gzip.open(tmp_path / "page.html.gz", "wb") as f:
        f.write(PAGE.encode())
    assert readers.sniff_container(warc) == "warc"
    assert readers.sniff_container(plain_warc) == "warc"
    assert readers.sniff_container(tmp_path / "dump.txt") == "jsonl"
    assert readers.sniff_container(tmp_path / "dump.gz") == "jsonl"
    assert readers.sniff_container(tmp_path / "article.jsonl") is None
    assert readers.sniff_container(tmp_path / "json.txt") == "jsonl"  # JSON lines with no body: E107 each, not text
    [err] = readers.iter_documents([tmp_path / "json.txt"])
    assert err.code == "E107" and 'no "text" or "html"' in err.message
    assert readers.sniff_container(tmp_path / "page.html.gz") is None
    assert readers.sniff_container(tmp_path / "missing") is None


# -- JSONL -------------------------------------------------------------------------------------------------------

def test_jsonl_keys_metadata_and_one_error_per_bad_line(tmp_path):
    lines = [
        json.dumps({"text": "Ceasefire talks resume\n\nNegotiators met for six hours in Cairo on Monday.",
                    "published": "2025-03-12", "site": "Example News", "url": "https://example.com/a",
                    "author": "A. Writer", "extra": [1, 2]}),
        "not json at all",
        json.dumps([1, 2, 3]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "Body.", "published": "last Tuesday"}),
        json.dumps({"text": "Body.", "title": {"nested": True}}),
        "",
        json.dumps({"text": "   "}),
        json.dumps({"text": PAGE.format(date="2024-03-05"), "source": "bbc/001"}),  # HTML in "text": by content
        json.dumps({"html": PAGE.format(date="2024-03-05"), "title": "Given title", "published": "2020-01-01"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "bad \xff byte"}\n')
    docs, errors = docs_and_errors(readers.iter_documents([path]))
    assert [d.source for d in docs] == ["https://example.com/a", "bbc/001", f"{path}:10"]
    first = docs[0]
    assert (first.title, first.published, first.site, first.author, first.kind) == \
        ("Ceasefire talks resume", "2025-03-12", "Example News", "A. Writer", "text")
    assert docs[1].kind == "html" and docs[1].published == "2024-03-05" and "sea wall" in docs[1].text
    assert (docs[2].title, docs[2].published) == ("Given title", "2020-01-01")  # the record's keys win
    where = {str(e.source).rsplit(":", 1)[1]: e for e in errors}
    assert sorted(where, key=int) == ["2", "3", "4", "5", "6", "8", "11"]
    assert isinstance(where["2"], MalformedRecordError) and "not valid JSON" in where["2"].message
    assert "JSON list" in where["3"].message
    assert 'no "text" or "html"' in where["4"].message
    assert '"published" must be an ISO date' in where["5"].message
    assert '"title" must be a string' in where["6"].message
    assert isinstance(where["8"], EmptyInputError)
    assert "not valid UTF-8" in where["11"].message
    assert all(str(e).startswith(e.code + " " + str(path) + ":") for e in errors)


def test_jsonl_line_over_the_limit_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "First article body."}) + "\n")
        f.write(json.dumps({"text": "x" * 3_000_000}) + "\n")
        f.write(json.dumps({"text": "Third article body."}) + "\n")
    tracemalloc.start()
    try:
        docs, errors = docs_and_errors(readers.iter_documents([path], max_bytes=100_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.text for d in docs] == ["First article body.", "Third article body."]
    assert len(errors) == 1 and isinstance(errors[0], TooLargeError) and errors[0].source.endswith(":2")
    assert peak < 2_000_000, peak  # the 3 MB line was never held


def test_truncated_gzip_jsonl_keeps_what_was_read(tmp_path):
    data = gzip.compress(b"".join(json.dumps({"text": f"Article number {i}."}).encode() + b"\n"
                                  for i in range(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = docs_and_errors(readers.iter_documents([path]))
    assert 0 < len(docs) < 200
    assert len(errors) == 1 and isinstance(errors[0], MalformedRecordError) and "cannot read past line" in \
        errors[0].message


# -- WARC --------------------------------------------------------------------------------------------------------

def test_warc_response_records_become_html_documents(tmp_path):
    path = write_warc(tmp_path / "cc-news.warc.gz", [
        ("request", "https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request",
         None, "2024-05-01T10:00:00Z"),
        ("response", "https://news.example/a", PAGE.format(date="2024-03-05").encode(),
         "text/html; charset=utf-8", "200 OK", "2024-05-01T10:00:00Z"),
        ("response", "https://news.example/b", PAGE_NO_DATE.encode(), "text/html", "200 OK",
         "2024-05-02T11:00:00Z"),
        ("response", "https://news.example/gone", b"<html><body>Not found</body></html>", "text/html",
         "404 Not Found", "2024-05-02T11:00:00Z"),
        ("response", "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png", "200 OK",
         "2024-05-02T11:00:00Z"),
        ("response", "https://news.example/empty",
         b"<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", "text/html", "200 OK", "2024-05-02T11:00:00Z"),
        ("conversion", "https://news.example/c", "Plain text of a page.\n\nIt has two paragraphs.".encode(),
         "text/plain", None, "2024-05-03T12:00:00Z"),
    ])
    docs, errors = docs_and_errors(readers.iter_documents([path]))
    assert [(d.source, d.kind, d.published) for d in docs] == [
        ("https://news.example/a", "html", "2024-03-05"),   # the page's own date wins
        ("https://news.example/b", "html", "2024-05-02"),   # WARC-Date as the fallback
        ("https://news.example/c", "text", "2024-05-03"),   # a WET conversion record
    ]
    assert "sea wall" in docs[0].text
    assert len(errors) == 1 and errors[0].code == "E106" and "https://news.example/empty" in errors[0].source
    assert f"{path}@" in errors[0].source


def test_a_corrupt_warc_reports_once_and_keeps_the_records_before(tmp_path):
    good = [("conversion", f"https://x.example/{i}", f"Page {i} text, long enough.".encode(), "text/plain",
             None, "2024-05-03T12:00:00Z") for i in range(3)]
    path = write_warc(tmp_path / "bad.warc", good, compress=False)
    with path.open("ab") as fh:
        fh.write(b"this is not a WARC record\r\n\r\n" + bytes(range(256)))
    docs, errors = docs_and_errors(readers.iter_documents([path]))
    assert len(docs) == 3
    assert len(errors) == 1 and isinstance(errors[0], MalformedRecordError) and errors[0].source == str(path)


def test_warc_streams_with_bounded_memory(tmp_path):
    """A 24 MB archive (and one 8 MB record over the limit) is read with a small, fixed amount of memory."""
    body = ("A paragraph of a long article about harbour walls and council votes. " * 150).encode()  # ~10 KB
    path = tmp_path / "big.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for i in range(2400):
            rec = writer.create_warc_record(f"https://big.example/{i}", "conversion",
                                            payload=io.BytesIO(body + str(i).encode()),
                                            warc_content_type="text/plain",
                                            warc_headers_dict={"WARC-Date": "2024-05-03T12:00:00Z"})
            writer.write_record(rec)
        rec = writer.create_warc_record("https://big.example/huge", "conversion",
                                        payload=io.BytesIO(b"y" * 8_000_000), warc_content_type="text/plain")
        writer.write_record(rec)
    assert path.stat().st_size > 30_000_000
    count = 0
    tracemalloc.start()
    try:
        for item in readers.iter_documents([path], max_bytes=1_000_000):
            count += isinstance(item, Document)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 2400
    assert peak < 4_000_000, peak


def test_cli_ingests_a_warc_and_a_jsonl_dump_idempotently(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from test_cli import FakeNLP

    from onrecord import cli
    from onrecord.store import Store

    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())
    src = tmp_path / "in"
    src.mkdir()
    write_warc(src / "crawl.warc.gz", [
        ("response", "https://news.example/a", PAGE.format(date="2024-03-05").encode(), "text/html", "200 OK",
         "2024-05-01T10:00:00Z"),
        ("response", "https://news.example/b", PAGE_NO_DATE.replace("two-kilometre", "three-kilometre").encode(),
         "text/html", "200 OK", "2024-05-02T10:00:00Z")])
    (src / "dump.jsonl").write_text(json.dumps({"text": '"It was the best year yet," said Maria Lopez.',
                                                "url": "https://news.example/c"}) + "\n{oops\n")
    db = tmp_path / "news.db"
    runner = CliRunner()
    first = runner.invoke(cli.main, ["ingest", str(src), "--db", str(db)])
    assert "3 new, 0 already stored, 1 errors" in first.stdout, first.output
    assert "E107" in first.stderr and "dump.jsonl:2" in first.stderr
    again = runner.invoke(cli.main, ["ingest", str(src), "--db", str(db)])
    assert "0 new, 3 already stored, 1 errors" in again.stdout
    with Store(db) as store:
        rows = {r["source"]: r for r in store.articles(limit=None)}
    assert set(rows) == {"https://news.example/a", "https://news.example/b", "https://news.example/c"}
    assert rows["https://news.example/a"]["published"] == "2024-03-05"
    assert rows["https://news.example/b"]["published"] == "2024-05-02"
    assert rows["https://news.example/c"]["statements"] == 1
