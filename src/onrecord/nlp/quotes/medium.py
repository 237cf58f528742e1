"""The medium of a statement (the cue's "in a statement", "on X", "told … Radio Sputnik") and the cue's own span."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..syntax import Entities


def cue_span(tok: Token) -> tuple[int, int]:
    """Char span of the cue with its adjacent auxiliaries, negation and particle ("did not say", "pointed out")."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass", "neg"} and c.i == start - 1:
            start = c.i
        if c.dep_ in {"aux", "auxpass"} and c.i < start and all(doc[j].dep_ in {"aux", "auxpass", "neg"} for j in range(c.i, start)):
            start = c.i
        if c.dep_ == "prt" and c.i == end:
            end = c.i + 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def medium_of(cue: Token, ents: Entities | None = None) -> tuple[str, tuple[int, int]] | None:
    """'in a statement' → statement; 'on X' / 'in a post on X' → X; 'told the … Radio Sputnik station' → Radio Sputnik."""
    doc = cue.doc
    ents = ents or Entities(doc)
    heads = [cue] + [c for c in cue.children if c.dep_ == "advcl" and c.lemma_.lower() in
                     {"speak", "write", "talk", "post", "tweet", "say"}]
    if cue.dep_ == "advcl" and cue.head.pos_ == "VERB":
        heads.append(cue.head)

    def as_medium(np_head: Token) -> tuple[str, tuple[int, int]] | None:
        # an entity or platform name inside the phrase wins ("in a post on X" → X)
        for t in np_head.subtree:
            name = t.text.rstrip(".")
            if name in lx.PLATFORMS and t.pos_ in {"PROPN", "NOUN", "X", "SYM"}:
                return name, (t.idx, t.idx + len(name))
        for ent in ents.within(np_head.left_edge.i, np_head.right_edge.i + 1):
            if ent.label_ in {"ORG", "PRODUCT", "WORK_OF_ART", "FAC"} and "\n" not in ent.text:
                return ent.text, (ent.start_char, ent.end_char)
        if np_head.lemma_.lower() in lx.MEDIUM_NOUNS or np_head.lower_ in lx.MEDIUM_NOUNS:
            lo = np_head.i
            for c in np_head.lefts:
                if c.dep_ in {"compound", "amod"} and c.i == lo - 1:
                    lo = c.i
            span = doc[lo: np_head.i + 1]
            return span.text, (span.start_char, span.end_char)
        return None

    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "on", "during", "via", "through", "at", "to", "over"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        m = as_medium(p)
                        if m:
                            return m
            if h.lemma_.lower() in {"tell", "write"} and c.dep_ in {"dobj", "dative", "iobj"} and c.pos_ in {"NOUN", "PROPN"}:
                m = as_medium(c)
                if m:
                    return m
    return None
