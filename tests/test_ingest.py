"""Ingest: every way an input file can be wrong gets its own error and code; text and HTML decode as intended."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord import ingest
from onrecord.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    NoContentError,
    NotFoundError,
    TooLargeError,
)

LIMIT = 1024 * 1024

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour council approves sea wall | The Coastal Gazette</title>
  <meta property="og:title" content="Harbour council approves sea wall">
  <meta property="og:site_name" content="The Coastal Gazette">
  <meta name="author" content="Mara Lindqvist">
  <meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/login">Subscribe now for unlimited access</a></li></ul></nav>
  <main><article>
    <h1>Harbour council approves sea wall</h1>
    <p>The harbour council voted on Tuesday to build a two-kilometre sea wall along the eastern shore, ending a
       dispute that has divided the town for almost a decade and delayed repairs to the old fish market.</p>
    <p>"We cannot keep patching the same stretch of road every winter," said council leader Ines Oduya, who
       proposed the plan last autumn and spent months persuading reluctant members of the finance committee.</p>
    <p>Opponents argued that the wall would block the view from the promenade and harm tourism, but the motion
       passed by eleven votes to four after a three-hour debate that ran late into the evening.</p>
    <p>Construction is expected to begin in the spring and to take about two years, the council said in a
       statement, adding that residents would be consulted on the design of the public walkway.</p>
  </article></main>
  <footer><p>Copyright 2024 The Coastal Gazette. All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body>
</html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------------------------ errors and codes


def test_missing_file_is_not_found(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(NotFoundError) as info:
        ingest.read_document(path, max_bytes=LIMIT)
    assert info.value.code == "E101"
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"E101 {path}: ")


def test_directory_given_to_reader_is_not_found(tmp_path):
    with pytest.raises(NotFoundError, match="directory"):
        ingest.read_document(tmp_path, max_bytes=LIMIT)


@pytest.mark.parametrize("data, message", [(b"", "empty"), (b" \n\t\r\n  \n", "whitespace")])
def test_empty_and_whitespace_only(tmp_path, data, message):
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(EmptyInputError, match=message) as info:
        ingest.read_document(path, max_bytes=LIMIT)
    assert info.value.code == "E102"
    assert info.value.source == str(path)


def test_nul_bytes_are_binary(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"text" * 100)
    with pytest.raises(BinaryInputError, match="NUL") as info:
        ingest.read_document(path, max_bytes=LIMIT)
    assert info.value.code == "E103"


def test_many_control_bytes_are_binary_with_the_ratio_in_the_message(tmp_path):
    data = (b"\x01\x02\x03abcdefg") * 100  # 30% control bytes, no NUL
    path = write(tmp_path, "blob.dat", data)
    with pytest.raises(BinaryInputError, match=r"30% control bytes in the first 8 KiB"):
        ingest.read_document(path, max_bytes=LIMIT)


def test_a_few_control_bytes_are_tolerated():
    text = "Form feed\x0c and an escape \x1b in a long enough line of ordinary article text."
    assert ingest.decode_bytes(text.encode(), source="x") == text


def test_too_large_is_refused_from_stat_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: instant, takes no disk space
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    with pytest.raises(TooLargeError) as info:
        ingest.read_document(path, max_bytes=20 * 1024 * 1024)
    assert info.value.code == "E104"
    assert "52,428,800 bytes" in info.value.message and "20,971,520" in info.value.message
    assert opened == []


def test_too_large_bytes():
    with pytest.raises(TooLargeError):
        ingest.document_from_bytes(b"a" * 101, source="s", max_bytes=100)


def test_undecodable_bytes_raise_decode_error():
    # Starts with a UTF-16 byte-order mark but has an odd number of bytes and a lone surrogate.
    with pytest.raises(DecodeError, match="UTF-16") as info:
        ingest.decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b", source="bad.txt")
    assert info.value.code == "E105"
    assert info.value.source == "bad.txt"


def test_html_without_body_is_no_content(tmp_path):
    path = write(tmp_path, "page.html", b"<!DOCTYPE html><html><head><title>Only a title</title></head>"
                                        b"<body><script>var x = 1;</script><img src='a.png'></body></html>")
    with pytest.raises(NoContentError) as info:
        ingest.read_document(path, max_bytes=LIMIT)
    assert info.value.code == "E106"


def test_all_input_errors_are_input_errors():
    for cls in (NotFoundError, EmptyInputError, BinaryInputError, TooLargeError, DecodeError, NoContentError):
        assert issubclass(cls, InputError)


# ------------------------------------------------------------------------------------------ decoding


def test_utf8_with_one_stray_latin1_byte_keeps_the_rest_intact():
    data = "The deal is worth ".encode() + b"\xa3" + "300m, said the firm’s chief.".encode()
    assert ingest.decode_bytes(data, source="x") == "The deal is worth £300m, said the firm’s chief."


def test_ascii_with_a_windows_1252_dash():
    assert ingest.decode_bytes(b"prices rose \x96 slightly", source="x") == "prices rose – slightly"


def test_wholly_legacy_encoded_text_is_detected():
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в столице. " * 5
    assert ingest.decode_bytes(text.encode("cp1251"), source="x") == text


def test_declared_html_charset_is_used():
    page = '<html><head><meta charset="iso-8859-7"></head><body><p>Η κυβέρνηση ανακοίνωσε</p></body></html>'
    assert ingest.decode_bytes(page.encode("iso-8859-7"), source="x") == page


def test_mostly_utf8_page_wins_over_a_wrong_declared_charset():
    page = ('<html><head><meta charset="iso-8859-1"></head><body><p>“Quoted,” said Zoë – ' .encode()
            + b"\xa3" + "5</p></body></html>".encode())
    assert "“Quoted,” said Zoë – £5" in ingest.decode_bytes(page, source="x")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks(tmp_path, codec):
    text = "Zelenskyy said: “We are ready.”\r\nCafé"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    doc = ingest.read_document(write(tmp_path, "a.txt", data), max_bytes=LIMIT)
    assert doc.text == "Zelenskyy said: “We are ready.”\nCafé"
    assert doc.kind == "text"


def test_text_is_nfc_normalised_and_line_ends_unified():
    doc = ingest.document_from_bytes("Cafe\u0301 one\r\ntwo\rthree".encode(), source="x")
    assert doc.text == "Caf\u00e9 one\ntwo\nthree"


def test_gzip_input_is_inflated(tmp_path):
    path = write(tmp_path, "page.html.gz", gzip.compress(ARTICLE_HTML.encode()))
    assert ingest.read_document(path, max_bytes=LIMIT).kind == "html"


def test_gzip_bomb_is_refused():
    with pytest.raises(TooLargeError, match="inflates"):
        ingest.document_from_bytes(gzip.compress(b" " * 10_000), source="x", max_bytes=1000)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_document_or_an_input_error(data):
    try:
        text = ingest.decode_bytes(data, source="fuzz")
    except InputError:
        pass
    else:
        assert isinstance(text, str)
    try:
        doc = ingest.document_from_bytes(data, source="fuzz")
    except InputError as err:
        assert err.source == "fuzz"
    else:
        assert doc.text.strip() and doc.kind in ("text", "html")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<html>", "<body>", "<script>",
                                 "&amp;", "“", "\x00", "\n", "said", "word ", "<?xml version='1.0'?>"]),
                max_size=60))
def test_tag_soup_gives_a_document_or_an_input_error(parts):
    try:
        doc = ingest.document_from_bytes("".join(parts).encode(), source="soup")
    except InputError:
        pass
    else:
        assert doc.text.strip()


# ------------------------------------------------------------------------------------------ kind and HTML


@pytest.mark.parametrize("head, kind", [
    ("<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("  \n<html lang='en'>", "html"),
    ("<div class='story'><p>One.</p><p>Two.</p></div>", "html"),
    ("<p>Only one paragraph, he said.</p>", "html"),
    ("The senator said the bill would pass. Critics disagreed.", "text"),
    ("He wrote that <b> is bold in old HTML, not a quote.", "text"),
    ("Prices 3 < 4 and 5 > 2, the report said.", "text"),
])
def test_sniff_kind_by_content(head, kind):
    assert ingest.sniff_kind(head) == kind
    assert ingest.sniff_kind(head.encode()) == kind


def test_html_saved_as_txt_is_extracted(tmp_path):
    doc = ingest.read_document(write(tmp_path, "saved-page.txt", ARTICLE_HTML.encode()), max_bytes=LIMIT)
    assert doc.kind == "html"
    assert "<p>" not in doc.text and "sea wall" in doc.text


def test_html_article_body_and_metadata(tmp_path):
    doc = ingest.read_document(write(tmp_path, "story.html", ARTICLE_HTML.encode()), max_bytes=LIMIT)
    assert doc.source == str(tmp_path / "story.html")
    assert doc.title == "Harbour council approves sea wall"
    assert doc.published == "2024-03-05"
    assert doc.site == "The Coastal Gazette"
    assert doc.author == "Mara Lindqvist"
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("The harbour council voted on Tuesday") for p in paragraphs)
    assert any(p.startswith('"We cannot keep patching') for p in paragraphs)
    assert paragraphs[-1].startswith("Construction is expected")
    for chrome in ("Subscribe now", "Privacy policy", "Copyright 2024", "Cookie settings"):
        assert chrome not in doc.text
    assert "\n\n\n" not in doc.text and all(p == p.strip() for p in paragraphs)


# ------------------------------------------------------------------------------------------ titles


@pytest.mark.parametrize("text, title", [
    ("Harbour council approves sea wall\n\nThe harbour council voted on Tuesday to build a sea wall.",
     "Harbour council approves sea wall"),
    ("Stealth Over Health: Clinton Team Diverted From Hospital.\n\nThe New York Post reports that aides avoided taking her to the emergency room.",
     "Stealth Over Health: Clinton Team Diverted From Hospital."),
    ("Obama Sees 'Personal Insult' in Vote, Aides Say 'Crucial.'\n\nThe president told a dinner in Washington that he would take it personally.",
     "Obama Sees 'Personal Insult' in Vote, Aides Say 'Crucial.'"),
    ("The council voted on Tuesday to build a wall.\n\nIt will take two years to finish the long wall.", None),
    ("By Mara Lindqvist\n\nThe harbour council voted on Tuesday to build a sea wall along the shore.", None),
    ("Home | News | Sport\n\nThe harbour council voted on Tuesday to build a sea wall along the shore.", None),
    ("Breaking\n\nThe harbour council voted on Tuesday to build a sea wall along the shore.", None),
    ("Harbour council approves sea wall", None),
    ("The council said:\n\n“We will build it,” the leader said after the long and heated debate.", None),
])
def test_plain_text_title_guess(text, title):
    doc = ingest.document_from_text(text, source="t")
    assert doc.title == title
    assert doc.text == text  # offsets stay valid: the headline is not cut out


def test_explicit_title_wins():
    assert ingest.document_from_text("Some headline here\n\nBody text that is long.", title="Given").title == "Given"


def test_example_article_has_no_title(example_path):
    doc = ingest.read_document(example_path, max_bytes=LIMIT)
    assert doc.kind == "text" and doc.title is None
    assert doc.text == example_path.read_text(encoding="utf-8").replace("\r\n", "\n")


def test_document_from_text_rejects_blank():
    with pytest.raises(EmptyInputError):
        ingest.document_from_text("  \n ")


# ------------------------------------------------------------------------------------------ paths


def test_iter_paths_recurses_sorted_and_skips_hidden(tmp_path):
    for name in ["b.txt", "a.txt", "sub/z.html", "sub/deeper/c.txt", ".hidden.txt", ".git/config",
                 "sub/.cache/x.txt", "a-sub/y.txt"]:
        write(tmp_path, name, b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in ingest.iter_paths([tmp_path])]
    assert found == ["a-sub/y.txt", "a.txt", "b.txt", "sub/deeper/c.txt", "sub/z.html"]


def test_iter_paths_keeps_given_files_and_missing_paths_in_order(tmp_path):
    hidden = write(tmp_path, ".explicit.txt", b"x")
    missing = tmp_path / "missing.txt"
    assert list(ingest.iter_paths([str(missing), hidden])) == [missing, hidden]
