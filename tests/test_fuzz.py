"""Bad input, fuzzed: every entry point from bytes to a stored record ends in an ``Article`` (whose offsets all
point into its text, and which survives JSON and the store unchanged) or in a specific ``OnrecordError`` for that
input; never another exception.

Entry points: ``ingest.document_from_bytes``, ``clean.clean_text``, extraction with the real model
(``pipeline.extract_document``), ``Store.add``/``get``, the JSONL and WARC readers, and the batch driver. Inputs:
random bytes, invalid UTF-8, legacy encodings, exotic and unbalanced quotation marks (« » „ “ ‹ › 「 」), other
scripts, zero-width and bidi characters, lone surrogates (JSON can carry them), text that is all quotes, deeply
nested HTML, huge lines and a 50 MB file.

Examples per property: the ``onrecord-ci`` Hypothesis profile (modest, for CI) unless ``ONRECORD_FUZZ=deep``
selects ``onrecord-deep`` (10× more); ``ONRECORD_FUZZ_EXAMPLES=N`` sets the number directly. Each test counts the
cases it ran; ``pytest -s tests/test_fuzz.py`` prints the totals.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from onrecord import clean, ingest, readers
from onrecord.config import Options
from onrecord.errors import InputError, OnrecordError, TooLargeError
from onrecord.model import Article
from onrecord.pipeline import extract_document, extract_stream
from onrecord.store import Store

_CI = int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "0")) or 40
settings.register_profile("onrecord-ci", max_examples=_CI, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("onrecord-deep", parent=settings.get_profile("onrecord-ci"), max_examples=_CI * 10)
FUZZ = settings(settings.get_profile("onrecord-deep" if os.environ.get("ONRECORD_FUZZ") == "deep"
                                     else "onrecord-ci"))
CASES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_cases():
    yield
    print(f"\nfuzz cases run: {sum(CASES.values())} ({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})")


# -- strategies ---------------------------------------------------------------------------------------------------

QUOTES = list("\"'«»„“”‟‹›「」『』‚‘’〝〞＂")
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202c", "\u200f", "\u0301",
             "\u034f", "\u180e", "\ufe0f"]
WORDS = ["said", "told", "reporters", "he", "she", "they", "the minister", "President", "Marco Rubio", "Rubio",
         "according to", "a statement", "added", "We", "will", "not", "talks", "in Berlin", "on Monday", "Kyiv",
         "Москва", "заявил", "министр", "北京", "表示", "说", "قال", "الوزير", "Müller", "naïve", "Ελλάδα",
         "東京都", "🙂", "👍🏽", "١٢٣", "Š", "ß", "İ", "ǅ", "ﬁ", ".", ",", ":", ";", "—", "–", "…", "?", "!", "(", ")"]
SEPS = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u3000", "\u2028", "\x0b", "\x0c"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), st.sampled_from(INVISIBLE),
                  st.sampled_from(SEPS), st.text(max_size=6))
news_like = st.lists(token, min_size=1, max_size=120).map("".join)
all_quotes = st.lists(st.sampled_from(QUOTES + [" ", "\n"]), min_size=1, max_size=200).map("".join)
any_text = st.one_of(news_like, all_quotes, st.text(max_size=400),
                     st.text(alphabet=st.characters(categories=["Cs", "Co", "Cn", "Cf", "Zs", "Mn", "Lo"]),
                             max_size=100))
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis", "gb18030", "koi8-r",
             "cp1256", "utf-8-sig", "iso-2022-jp"]


def _encode(text: str, enc: str, errors: str) -> bytes:
    try:
        return text.encode(enc, errors=errors)
    except (UnicodeError, LookupError):
        return text.encode("utf-8", errors="surrogatepass")


@st.composite
def any_bytes(draw) -> bytes:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.binary(max_size=3000))
    text = draw(any_text)
    if kind == 3:
        text = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n")) + "</body></html>"
    data = _encode(text, draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(["replace", "ignore",
                                                                                 "surrogatepass"])))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=40)) + data[at:]
    if draw(st.integers(0, 9)) == 0:
        data = gzip.compress(data)
    return data


# -- the record's invariants ---------------------------------------------------------------------------------------

def check_article(article: Article) -> None:
    text, n = article.text, len(article.text)

    def inside(span) -> None:
        assert 0 <= span[0] <= span[1] <= n, (span, n)

    def same(ts) -> None:
        inside(ts.span)
        assert text[ts.span[0]:ts.span[1]] == ts.text, (ts, text[ts.span[0]:ts.span[1]])

    ids = {a.id for a in article.actors}
    for a in article.actors:
        for m in a.mentions:
            inside(m)
    for s in article.statements:
        for sp in s.content_spans:
            inside(sp)
        inside(s.sentence_span)
        if s.cue:
            same(s.cue)
        if s.medium:
            same(s.medium)
        if s.speaker.span is not None:
            inside(s.speaker.span)
        assert s.speaker.actor is None or s.speaker.actor in ids
    for e in article.events:
        same(e.trigger)
        inside(e.sentence_span)
        assert set(e.sources) <= ids and set(e.targets) <= ids
    for r in article.removed:
        assert 0 <= r.at <= n
    assert Article.from_dict(json.loads(json.dumps(article.to_dict(), ensure_ascii=False))) == article
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as UTF-8 (no lone surrogates)


# -- bytes → Document ------------------------------------------------------------------------------------------

@FUZZ
@given(any_bytes())
def test_document_from_bytes_gives_a_document_or_an_input_error(data):
    CASES["document_from_bytes"] += 1
    try:
        doc = ingest.document_from_bytes(data, source="fuzz")
    except InputError as err:
        assert err.source == "fuzz" and err.code.startswith("E1")
        return
    assert doc.text.strip() and doc.kind in ("text", "html")
    doc.text.encode("utf-8")
    for value in (doc.title, doc.site, doc.author, doc.published):
        assert value is None or isinstance(value, str) and value.encode("utf-8")


@FUZZ
@given(any_text)
def test_clean_text_never_raises_and_only_removes(text):
    CASES["clean_text"] += 1
    text = ingest.normalize_text(text)
    out = clean.clean_text(text)
    assert len(out.text) <= len(text) + 2 * len(out.removed) + 2
    for r in out.removed:
        assert 0 <= r.at <= len(out.text)


# -- extraction with the real model --------------------------------------------------------------------------------

@pytest.mark.slow
@FUZZ
@given(st.one_of(news_like, all_quotes, any_text))
def test_extraction_gives_a_whole_record_or_a_specific_error(nlp, text):
    CASES["extract (real model)"] += 1
    try:
        doc = ingest.document_from_text(text, source="fuzz")
    except InputError:
        return
    article = extract_document(doc, nlp, Options())
    check_article(article)


@pytest.mark.slow
@FUZZ
@given(st.lists(st.one_of(news_like, all_quotes), min_size=1, max_size=4))
def test_stored_records_come_back_equal(nlp, tmp_path_factory, texts):
    CASES["store round trip"] += 1
    db = tmp_path_factory.mktemp("fuzzdb") / "f.db"
    with Store(db) as store:
        for i, text in enumerate(texts):
            try:
                doc = ingest.document_from_text(text, source=f"fuzz{i}")
            except InputError:
                continue
            article = extract_document(doc, nlp, Options())
            if store.add(article):  # False: the same text came twice (content-hash id)
                assert store.get(article.id) == article
            store.statements(search=text[:30], limit=5)
            store.articles(search=text[:30], limit=5)


# -- readers ---------------------------------------------------------------------------------------------------

json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                    any_text), lambda inner: st.lists(inner, max_size=3) |
                          st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
record = st.fixed_dictionaries({}, optional={k: st.one_of(any_text, json_value, st.sampled_from(
    ["2025-03-12", "2025-03-12T10:00:00Z", "yesterday", ""])) for k in readers.JSONL_KEYS})


@st.composite
def jsonl_line(draw) -> bytes:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == 1:
        return json.dumps(draw(json_value)).encode()
    line = json.dumps(draw(record), ensure_ascii=draw(st.booleans()))
    if kind == 2 and line:  # damage it
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from(["", "\"", "}", "\\", "\\ud800", "\x00"])) + line[at + 1:]
    return line.encode("utf-8", "surrogatepass")


@FUZZ
@given(st.lists(jsonl_line(), min_size=1, max_size=12))
def test_jsonl_reader_gives_one_outcome_per_line(tmp_path_factory, lines):
    CASES["JSONL reader"] += 1
    path = tmp_path_factory.mktemp("jsonl") / "dump.jsonl"
    path.write_bytes(b'{"text": "first"}\n' + b"\n".join(lines) + b"\n")
    out = list(readers.iter_jsonl(path))
    nonblank = 1 + sum(1 for line in lines if line.strip())
    assert len(out) == nonblank
    for item in out:
        if isinstance(item, OnrecordError):
            assert str(path) in str(item.source) and item.code.startswith("E1")
        else:
            assert item.text.strip()
            item.text.encode("utf-8")
            for value in (item.title, item.site, item.author, item.published, item.source):
                assert value is None or value.encode("utf-8")


def _warc(records: list[tuple[str, bytes]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for ctype, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://fuzz.example/", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    return buf.getvalue()


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", "image/png", ""]),
                          any_bytes()), min_size=1, max_size=3),
       st.booleans(), st.integers(0, 3), st.integers(0, 10**6), st.binary(max_size=30))
def test_warc_reader_never_raises_on_damaged_archives(tmp_path_factory, records, compress, damage, where, junk):
    CASES["WARC reader"] += 1
    data = _warc(records, compress)
    at = where % (len(data) + 1)
    if damage == 1:
        data = data[:at]                         # truncated
    elif damage == 2:
        data = data[:at] + junk + data[at:]      # junk spliced in
    elif damage == 3:
        data = data[:at] + junk + data[at + len(junk):]  # overwritten
    path = tmp_path_factory.mktemp("warc") / "f.warc"
    path.write_bytes(data)
    out = list(readers.iter_documents([path]))
    assert all(isinstance(x, (ingest.Document, OnrecordError)) for x in out)
    if damage == 0:
        assert len(out) == sum(1 for c, _ in records if c != "image/png")


# -- the batch driver never stops -------------------------------------------------------------------------------

@pytest.mark.slow
@FUZZ
@given(st.lists(any_bytes(), min_size=1, max_size=5))
def test_batch_gives_one_outcome_per_input(nlp, tmp_path_factory, blobs):
    CASES["batch"] += 1
    d = tmp_path_factory.mktemp("batch")
    for i, blob in enumerate(blobs):
        (d / f"in{i}.txt").write_bytes(blob)
    out = list(extract_stream(readers.iter_documents([d]), nlp=nlp, options=Options()))
    # one outcome per input file (a file that happens to be a JSONL dump or a WARC may hold more or fewer)
    singles = [p for p in d.iterdir() if readers.sniff_container(p) is None]
    assume(len(singles) == len(blobs))
    assert len(out) == len(blobs)
    for item in out:
        if isinstance(item, Article):
            check_article(item)
        else:
            assert isinstance(item, OnrecordError) and item.code.startswith("E1"), item


# -- single big cases -------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_deeply_nested_html_gives_a_document_or_no_content(nlp):
    for depth in (500, 5_000, 50_000):
        html = "<html><body>" + "<div>" * depth + "“Deep,” said Ann Lee." + "</div>" * depth + "</body></html>"
        try:
            doc = ingest.document_from_bytes(html.encode(), source=f"nested{depth}")
        except InputError as err:
            assert err.code == "E106"
            continue
        check_article(extract_document(doc, nlp, Options()))
    CASES["nested HTML"] += 3


@pytest.mark.slow
def test_an_article_longer_than_the_model_accepts_is_a_too_large_error(nlp):
    """Regression: a 1.2 M-character text (under the 20 MB byte limit) made spaCy raise ValueError [E088]."""
    doc = ingest.document_from_text("He said “yes”. " * 80_000, source="long")
    with pytest.raises(TooLargeError, match="characters"):
        extract_document(doc, nlp, Options())
    out = list(extract_stream([doc], nlp=nlp, options=Options()))
    assert len(out) == 1 and isinstance(out[0], TooLargeError)
    CASES["huge article"] += 1


def test_huge_line_and_a_50_mb_file(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:   # a real 50 MB file (not sparse): refused from its size, before reading
        f.write(b"word " * (10 * 1024 * 1024))
    with pytest.raises(TooLargeError, match="52,428,800"):
        ingest.read_document(big, max_bytes=Options().max_bytes)
    dump = tmp_path / "big.jsonl"
    with dump.open("wb") as f:  # one 50 MB JSONL line between two good ones
        f.write(b'{"text": "before"}\n{"text": "' + b"x" * (50 * 1024 * 1024) + b'"}\n{"text": "after"}\n')
    tracemalloc.start()
    try:
        out = list(readers.iter_jsonl(dump, max_bytes=1024 * 1024))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [getattr(x, "text", None) for x in out] == ["before", None, "after"]
    assert isinstance(out[1], TooLargeError) and out[1].source.endswith(":2")
    assert peak < 8 * 1024 * 1024, peak
    line = ("A very long line with no newline at all, “quoted” and not. " * 40_000).encode()  # 2.4 MB, one line
    doc = ingest.document_from_bytes(line, source="line")
    out = clean.clean_text(doc.text)
    assert out.text.strip()
    CASES["50 MB file / huge line"] += 3


def test_lone_surrogates_from_json_never_reach_the_record(tmp_path):
    """Regression: JSON may carry lone surrogates ("\\ud800"); Python keeps them in str, but they cannot be
    encoded as UTF-8, so SQLite, the JSONL output and the terminal raised UnicodeEncodeError on them."""
    dump = tmp_path / "s.jsonl"
    dump.write_text('{"text": "He said \\ud800 \\udfff yes.", "title": "T\\udc80", "site": "x\\ud83d"}\n')
    (doc,) = readers.iter_jsonl(dump)
    for value in (doc.text, doc.title, doc.site):
        value.encode("utf-8")
    assert "\ufffd" in doc.text
