"""Quotation marks → quote spans, on plain text, before and independent of the parse.

News writing that the scanner handles:

- curly (“ ” „ « ») and straight (") double marks, and doubled apostrophes ('' … '') as some wires write them; nested single marks (‘yes’ inside “…”) stay inside;
- top-level single marks (‘…’, British style) when a paragraph has no double marks, told apart from apostrophes
  (“Russia’s”) by what follows the mark;
- quotes running over several paragraphs, where every paragraph reopens the mark and only the last closes it (also
  when the paragraph breaks were lost and the reopening straight mark follows a sentence end inline);
- a closing mark typed where the opening one belongs (”Fear. I am …”: at a word's start, with no quote open) opens;
- unbalanced marks fail soft for that quote only: an unclosed quote of three words or more runs to the end of its
  paragraph and is flagged ``closed=False``; a stray closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

OPENING = frozenset("“„«‟")
CLOSING = frozenset("”»")
STRAIGHT = '"'
_PARA = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end when unclosed)
    closed: bool = True
    pieces: tuple[tuple[int, int], ...] = ()  # one (start, end) per paragraph for multi-paragraph quotes

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self.pieces or ((self.start, self.end),)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


def _is_single_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([—–-") and nxt.isalnum()


def _is_single_close(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not nxt.isalnum()


def _scan(text: str, start: int, end: int, single: bool) -> tuple[list[tuple[int, int]], int | None]:
    """Quotes closed within [start, end) and the offset of a quote still open at the end (or None)."""
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    skip = False
    for i in range(start, end):
        if skip:
            skip = False
            continue
        c = text[i]
        if c in "'`" and text[i:i + 2] in ("''", "``"):
            skip = True
            if open_at is None:
                open_at = i
            else:
                found.append((open_at, i + 2))
                open_at = None
            continue
        if single:
            if c in "‘'" and open_at is None and _is_single_open(text, i):
                open_at = i
            elif c in "’'" and open_at is not None and i > open_at + 1 and _is_single_close(text, i):
                found.append((open_at, i + 1))
                open_at = None
            continue
        if c in OPENING:
            if open_at is None:
                open_at = i
        elif c in CLOSING:
            if open_at is not None:
                found.append((open_at, i + 1))
                open_at = None
            elif _is_single_open(text, i):
                open_at = i  # '”Fear. I am truly afraid …”': a closing mark typed for the opening one
        elif c == STRAIGHT:
            if open_at is None:
                open_at = i
            elif _reopens_inline(text, i):
                continue  # '… extra time. "I have to defend …': the next paragraph's reopening, its break lost
            else:
                found.append((open_at, i + 1))
                open_at = None
    return found, open_at


def _reopens_inline(text: str, i: int) -> bool:
    """A straight mark inside an open quote that follows a sentence end and a space and opens a capitalised word
    ('… extra time. "I have to defend …') reopens the quote: texts that lost the paragraph breaks of a quote running
    over several paragraphs (each paragraph reopens the mark, only the last closes it) keep the marks inline."""
    j = i - 1
    if j < 0 or not text[j].isspace():
        return False
    while j >= 0 and text[j].isspace():
        j -= 1
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return j >= 0 and text[j] in ".?!" and nxt.isupper()


def _has_double(text: str, start: int, end: int) -> bool:
    seg = text[start:end]
    return any(c in OPENING or c in CLOSING or c == STRAIGHT for c in seg) or "''" in seg or "``" in seg


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotes of ``text`` in order, as character spans including the marks."""
    paras = _paragraphs(text)
    quotes: list[Quote] = []
    carry: list[tuple[int, int]] | None = None  # pieces of a quote continuing from earlier paragraphs
    for n, (ps, pe) in enumerate(paras):
        single = not _has_double(text, ps, pe)
        if carry is not None:
            # the paragraph reopens the quote: scan the rest for its close
            lead = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
            found, open_at = _scan(text, lead + 1, pe, single=False)
            # the first closing mark in this paragraph ends the carried quote
            close = _first_close(text, lead + 1, pe)
            if close is not None:
                carry.append((lead, close + 1))
                quotes.append(Quote(carry[0][0], close + 1, True, tuple(carry)))
                carry = None
                found, open_at = _scan(text, close + 1, pe, single=False)
            else:
                carry.append((lead, pe))
                if _reopens(text, paras, n + 1):
                    continue
                quotes.append(Quote(carry[0][0], pe, False, tuple(carry)))
                carry = None
                continue
        else:
            found, open_at = _scan(text, ps, pe, single)
        quotes.extend(Quote(a, b) for a, b in found)
        if open_at is not None:
            if not single and _reopens(text, paras, n + 1):
                carry = [(open_at, pe)]
            elif len(text[open_at:pe].split()) >= 3:
                quotes.append(Quote(open_at, pe, closed=False))
    if carry is not None:  # text ended inside a multi-paragraph quote
        quotes.append(Quote(carry[0][0], carry[-1][1], False, tuple(carry)))
    return sorted(quotes, key=lambda q: q.start)


def _first_close(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if text[i] in CLOSING or text[i] == STRAIGHT:
            return i
        if text[i:i + 2] == "''":
            return i + 1
    return None


def _reopens(text: str, paras: list[tuple[int, int]], n: int) -> bool:
    if n >= len(paras):
        return False
    ps, pe = paras[n]
    para = text[ps:pe].lstrip()
    return para[:1] in OPENING or para[:1] == STRAIGHT or para[:2] in ("''", "``")


# Which tokens stand inside double quotation marks (coreference keeps a quote's own names from being its speaker)
_OPEN, _CLOSE = "“«„", "”»"


def quoted_tokens(doc: Doc) -> list[bool]:
    """Per token: inside double quotation marks (curly or straight; a paragraph break closes an open quote)."""
    out = [False] * len(doc)
    inq = False
    text = doc.text  # (built from every token on each access: once here, not once per mark)
    for t in doc:
        if t.is_space and "\n" in t.text:
            inq = False
        elif t.text in _OPEN:
            inq = True
        elif t.text in _CLOSE:
            inq = False
        elif t.text == '"' and inq and _reopens_sentence(text, t):
            pass  # '… projects. "Andre 3000 would …': a new sentence of the same quotation, its close left out
        elif t.text == '"' or t.text == "''" or t.text == "``":
            inq = not inq
        else:
            out[t.i] = inq
    return out


def _reopens_sentence(text: str, t: Token) -> bool:
    """A straight mark that opens a sentence inside an open quotation on the same line (the news style that leaves
    the close out between quoted sentences): ``_reopens_inline``, with no line break since the sentence end."""
    i = t.idx
    return _reopens_inline(text, i) and "\n" not in text[len(text[:i].rstrip()):i]
