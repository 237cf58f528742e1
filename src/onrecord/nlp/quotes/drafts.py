"""Drafts: statements while they are built, and the state and span arithmetic the rule families share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .. import speech
from ..actors import ActorIndex
from ..failsoft import NO_LIMIT, Clock
from ..marks import Quote, find_quotes
from ..syntax import Entities, Sentences, Subtrees
from .cues import DEFAULT_CUES, CueThresholds, is_cue

# characters trimmed off the ends of a content
TRIM = set(" ,;:—–-\n")
# relations whose subtree a quote sits in without being what the verb above reports
NOT_CONTENT = {"nsubj", "nsubjpass", "appos", "acl", "relcl", "poss"}
# pronouns for a thing, as the object of a verb of evaluation or belief ("does not defend it", "believe this")
_THING_PRONOUNS = frozenset("it this that them these those one".split())
# what may close a quotation after the last word: its mark and the sentence's punctuation
CLOSERS = set(".,!?\"”’'")


@dataclass
class Draft:
    """A statement being built: its cue, content spans and kind, where it sits, and who said it."""

    cue: Token | None
    spans: list[tuple[int, int]]  # char spans of content
    kind: str
    sent_start: int
    sent_end: int
    para: int
    speaker_tok: Token | None = None
    quotes: list[int] = field(default_factory=list)
    floating: bool = False
    speaker_span: Span | None = None  # when the speaker is not a parsed noun phrase (a headline's "Name:")
    line: bool = False  # a whole line given to its speaker ("…, Lindsey Graham Says."): what they said, any shape



class Drafts:
    """The state every rule family shares: the Doc, its quotes and paragraphs, the drafts so far and the cues
    they use; and the span arithmetic over them (trimming, sentence bounds, overlap)."""

    def __init__(self, doc: Doc, index: ActorIndex, cues: CueThresholds = DEFAULT_CUES, clock: Clock = NO_LIMIT):
        self.doc = doc
        self.cues = cues
        self.clock = clock
        self.cut: list[str] = []  # what the time budget left undone
        self.sents = Sentences(doc)  # token.sent and doc.ents walk the Doc on every access: read them once
        self.ents = Entities(doc)
        self.subtrees = Subtrees(doc)
        self._aside_cuts: tuple[list[int], list[int]] | None = None
        self.index = index
        self.text = doc.text
        cached = doc.user_data.get("onrecord_quotes")  # set by onrecord_paragraphs on the same text
        if cached and cached[0] == doc.text:
            self.quotes = [Quote(a, b, bool(c), tuple(tuple(p) for p in pieces)) for a, b, c, pieces in cached[1]]
        else:
            self.quotes = find_quotes(doc.text)
        self.quotes = speech.end_unclosed(doc, self.quotes, self.is_cue)  # narration after a missing closing mark
        self.tok_quote: dict[int, int] = {}
        self.quote_tokens: list[tuple[int, int]] = []
        for qi, q in enumerate(self.quotes):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                self.quote_tokens.append((0, 0))
                continue
            self.quote_tokens.append((span.start, span.end))
            for i in range(span.start, span.end):
                self.tok_quote.setdefault(i, qi)
        self.paras = self._para_starts()
        self.drafts: list[Draft] = []
        self.used_cues: dict[int, Draft] = {}

    def _para_starts(self) -> list[int]:
        # start offsets of the non-empty lines (paragraphs)
        return [m.start() for m in re.finditer(r"[^\n]*\S[^\n]*", self.text)] or [0]

    def para_of(self, char: int) -> int:
        lo, hi = 0, len(self.paras) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paras[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_quote(self, tok: Token) -> bool:
        return tok.i in self.tok_quote

    def is_cue(self, tok: Token) -> bool:
        return is_cue(tok, self.cues)

    def _trim(self, lo: int, hi: int) -> tuple[int, int] | None:
        doc = self.doc
        if hi <= lo:
            return None
        s = doc[lo].idx
        e = doc[hi - 1].idx + len(doc[hi - 1].text)
        while s < e and self.text[s] in TRIM:
            s += 1
        while e > s and self.text[e - 1] in TRIM:
            e -= 1
        return (s, e) if e > s else None

    def sent_bounds(self, chars: list[tuple[int, int]], cue: Token | None) -> tuple[int, int]:
        doc = self.doc
        points = [c for span in chars for c in span]
        if cue is not None:
            points.append(cue.idx)
        first = doc.char_span(min(points), min(points) + 1, alignment_mode="expand")
        last = doc.char_span(max(points) - 1, max(points), alignment_mode="expand")
        # an empty span (a point in the spaces between tokens) keeps spaCy's own reading of its sentence
        s = (self.sents.of(first[0]) if len(first) else first.sent).start_char if first is not None else min(points)
        e = (self.sents.of(last[-1]) if len(last) else last.sent).end_char if last is not None else max(points)
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def _trim_chars(self, s: int, e: int) -> tuple[int, int] | None:
        while s < e and self.text[s] in TRIM:
            s += 1
        while e > s and self.text[e - 1] in TRIM:
            e -= 1
        return (s, e) if e > s else None

    def _one_word_ok(self, span: tuple[int, int], cue: Token | None = None) -> bool:
        """A one-word content is a name or a personal pronoun as the object: "endorsed Clinton", "backed him". After
        a verb of evaluation, citing or belief the one word is the target or the thing held, whatever it names:
        any name ("attacked Machado", "supported Democrats") or a pronoun for a thing ("does not defend it",
        "understood this", "endorsed one")."""
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None or len(sp) != 1:
            return False
        word = sp[0]
        if word.ent_type_ == "PERSON" or (
                word.pos_ == "PRON" and word.lower_ in lx.PERSONAL_PRONOUNS and word.lower_ != "it"):
            return True
        if cue is not None and word.lower_ in speech.PRO_FORMS and (
                cue.lemma_.lower() in lx.REPORTING_VERBS or cue.lemma_.lower() in speech.BELIEF_CUES):
            return True  # "said so", "said nothing"
        if cue is None or cue.lemma_.lower() not in speech.TARGET_CUES or word.dep_ not in {"dobj", "pobj"}:
            return False
        return word.pos_ == "PROPN" or word.lower_ in _THING_PRONOUNS

    def _absorb(self, span: tuple[int, int], closing: bool = False) -> bool:
        """'D'Souza told Beck that he is making a movie that chronicles the “secret history” …': a quote inside
        this content, given to a verb inside it too, is part of this statement. Drop such drafts and say whether
        the content is then free."""
        a, b = span
        # ``closing``: the closing mark and full stop of a quote that ends the sentence hang on the main verb,
        # outside a verb's clause ('stated that Melania would discuss it "in a few weeks."'): inside all the same
        reach = b
        while closing and reach < len(self.text) and self.text[reach] in CLOSERS:
            reach += 1
        inside = [d for d in self.drafts if d.kind == "direct" and all(a <= x and y <= reach for x, y in d.spans)
                  and (d.cue is None or a <= d.cue.idx < b)]
        if not inside:
            return False
        kept = [d for d in self.drafts if not any(d is x for x in inside)]
        others, self.drafts = self.drafts, kept
        if self._overlaps(span):
            self.drafts = others
            return False
        for d in inside:
            if d.cue is not None and self.used_cues.get(d.cue.i) is d:
                del self.used_cues[d.cue.i]
        return True

    def _only_time(self, span: tuple[int, int]) -> bool:
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return sp is not None and all(t.ent_type_ in {"DATE", "TIME"} or t.is_punct for t in sp)

    def _overlaps(self, span: tuple[int, int]) -> bool:
        for d in self.drafts:
            for s in d.spans:
                inter = min(s[1], span[1]) - max(s[0], span[0])
                if inter > 0.5 * min(s[1] - s[0], span[1] - span[0]):
                    return True
        return False
