"""Events in a title-case headline ("Morocco Promises Concessions to Opposition", "Prime Minister to Extend
Martial Law for Another Week").

A statistical parser trained on running text reads most capitalised words of such a line as parts of a name, so
the verb of the headline is lost ("Promises" a proper noun, "Concessions" its compound).  When the first line of
an article is in title case, the events layer codes that line on a sentence-cased copy instead: a capitalised
word is lowercased unless the article uses it capitalised inside a sentence elsewhere (a name: "Morocco",
"Netanyahu") or it names a country.  The copy has the same length, so every character offset — trigger, issue,
parties' mentions — is the article's own; the copy's parties are looked up in (or added to) the article's actor
index, so the record's events name the article's actors.  Only the first line is treated; a headline written in
sentence case ("Ad sales boost Time Warner profit") is left to the main parse.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Event, Issue, content_hash
from . import lexicon as lx
from . import plover
from .actors import ActorIndex, doc_index

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_WORDS = 3  # capitalised words of four letters or more a headline needs to count as title case
TITLE_SHARE = 0.75  # the share of its words of four letters or more that are capitalised


def title_line(text: str) -> tuple[int, int] | None:
    """The character span of the article's first line when it is a title-case headline, else None."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if not line or line.endswith((".", ":", ";")) or line.isupper():
        return None
    long = [w for w in _WORD.findall(line) if len(w) >= 4]
    caps = [w for w in long if w[0].isupper()]
    if len(caps) < MIN_WORDS or len(caps) < TITLE_SHARE * len(long):
        return None
    return start, start + len(line)


def sentence_case(text: str, span: tuple[int, int]) -> str:
    """The article text with the headline in ``span`` sentence-cased (same length: a word is changed only when
    lowercasing keeps its length)."""
    a, b = span
    body = text[b:]
    named = {m.group(0) for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w'’-]*", body)}
    out = list(text)
    first = True
    for m in _WORD.finditer(text, a, b):
        w = m.group(0)
        if first:
            first = False
            continue
        if not w[0].isupper() or w.isupper() or w in named or lx.country_of(w) or plover.territory(w):
            continue
        low = w.lower()
        if len(low) == len(w):
            out[m.start():m.end()] = low
    return "".join(out)


def _base_parse(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if not name.startswith("onrecord_"):
            doc = proc(doc)
    return doc


def headline_events(nlp: Language, doc: Doc, index: ActorIndex, coder_class) -> tuple[tuple[int, int], list[Event]] | None:
    """(the headline's span, the events coded on its sentence-cased copy), or None when the first line is not a
    title-case headline.  ``coder_class`` is the events layer's coder."""
    text = doc.text
    span = title_line(text)
    if span is None:
        return None
    copy = _base_parse(nlp, sentence_case(text, span)[: span[1]])
    copy._.onrecord_published = doc._.onrecord_published
    copy._.onrecord_times = tuple(t for t in doc._.onrecord_times if t.span[1] <= span[1])
    hindex = doc_index(copy)
    coder = coder_class(copy, hindex)
    coder.text = text  # the same offsets: the record quotes the article's own words
    coder.text_id = content_hash(text)
    events = coder.run()
    # the headline's parties are the article's actors (an actor's id is its kind and name)
    for i, a in enumerate(hindex.actors):
        key = (a.kind, a.name.lower())
        idx = index._by_key.get(key)
        spans = [(s, e, doc.char_span(copy[s].idx, copy[e - 1].idx + len(copy[e - 1].text), alignment_mode="expand"))
                 for s, e in a.mentions]
        if idx is None:
            if not any(hindex.actor_id(i) in ev.sources + ev.targets for ev in events):
                continue
            # the name as the article writes it (the copy lowercased some words; the id is the same)
            low = a.name.lower()
            name = next((sp.text[k: k + len(low)] for _s, _e, sp in spans if sp is not None
                         and (k := sp.text.lower().find(low)) >= 0), a.name)
            idx = index._new(name, a.kind)
        for s, e, chars in spans:
            if chars is not None:
                index.add_mention(idx, chars.start, chars.end, a.rules.get((s, e), "name"))
    out = []
    for ev in events:
        if ev.issue is not None:
            i0, i1 = ev.issue.span
            ev = dataclasses.replace(ev, issue=Issue(text[i0:i1], (i0, i1), ev.issue.topic))
        out.append(ev)
    return span, out

