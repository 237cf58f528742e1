"""onrecord_quotes: statements — who said what — over the dependency parse.

Three passes, each cheap next to the parse itself:

1. **Quotes** (``marks.find_quotes``). For every quote, the cue is looked for (a) up the heads from the quote's
   tokens, (b) among tokens outside the quote that hang off a token inside it ("“…,” said Dugin" parsed as
   parataxis), (c) in the rest of the sentence after the closing mark, (d) before the opening mark up to a colon,
   comma or "that". A quote whose cue already carries a quote in the same paragraph joins it as a second span
   ("“If …,” Rubio said, “…”"). Kind: ``direct`` when the content is the quote alone, ``mixed`` when the cue's
   complement holds quoted and unquoted words.
2. **Indirect speech**. Every remaining cue — a verb of saying, writing, believing or knowing, any verb that
   governs a finite clausal complement and has an animate subject (the class is open), or a verb PolNeAR train
   shows to be mostly a cue (``data/cues.json``) — with its clausal complement ("Rubio said it would be up to
   Moscow…"), its object and the rest of the predicate ("blamed X for Y", "described X as Y"), its infinitive
   ("declined to comment") or its learnt preposition ("pointed to X"); a passive with no agent gives a statement
   without a speaker ("Obama is expected to join Clinton"); an as-clause reports the main clause ("As the Times
   reported, …"). Besides verbs: "according to X", a possessor's reporting noun ("his claim that …", "Obama's
   calls for …"), a stance adjective ("was adamant that …", "is critical of …"), a fronted "In a poll/report …,"
   and a line that opens with a name and a colon (headlines, transcripts). A light verb with a speech-act noun as
   its object is a cue too ("took a swipe at X", "raised questions about X"), and "seem"/"appear" with a subject
   that is not a person give a sourceless statement of the subject and its complement ("The music | seemed to
   match the mood"). The object of "tell" is the addressee, and "speak"/"talk" report only their topic. A quote
   inside such a content joins it.
3. **Floating quotes**. A quote with no cue that makes up its paragraph (or opens a sentence after a statement
   in the same paragraph) continues the previous speaker.

Contents leave out what the source did not say: a trailing ", which …" or ", arguing …" aside, the writer's
contrast (", while others said …"), a second verb of saying ("… and suggested that …").

Speakers are the subject of the cue (climbing through "writing on X", "adding that", "among the leaders
welcoming" to the clause that has one) and are resolved through ``ActorIndex``; media come from the cue's
prepositional phrases ("in a statement", "on X", "in a post on X") and the addressee of "tell".
"""

from __future__ import annotations

import bisect
import functools
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Speaker, Statement, TextSpan, content_hash
from . import lexicon as lx
from . import speech
from .actors import ActorIndex, doc_index
from .marks import Quote, find_quotes

log = logging.getLogger(__name__)

if not Doc.has_extension("onrecord_statements"):
    Doc.set_extension("onrecord_statements", default=())

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep", "relcl", "attr", "dobj", "npadvmod"}
_ANIMATE_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_TRIM = set(" ,;:—–-\n")
_PREDICATE_REST = {"oprd", "xcomp", "dative", "acomp", "ccomp"}
_NOT_CONTENT = {"nsubj", "nsubjpass", "appos", "acl", "relcl", "poss"}


@dataclass
class _Draft:
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


def _is_animate(tok: Token) -> bool:
    if tok.ent_type_ in _ANIMATE_ENTS:
        return True
    low = tok.lower_
    if low in lx.PERSONAL_PRONOUNS and low not in {"it", "its"}:
        return True
    if low in {"who", "that"} and tok.tag_ in {"WP", "WDT"}:
        return True
    lemma = tok.lemma_.lower()
    return lemma in lx.GROUP_NOUNS or lemma in lx.ROLE_HEADS or low in lx.GROUP_NOUNS


def _complement(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "ccomp":
            return c
    return None


CUE_THRESHOLD = float(os.environ.get("ONRECORD_CUE_THRESHOLD", "0.3"))
# a verb learnt as a cue at least this often is one with any complement, not only a clause
STRONG_CUE = float(os.environ.get("ONRECORD_STRONG_CUE", "0.4"))
# … when PolNeAR train saw it at least this often (8 → 4: dev F1 69.0 → 69.3; adds 137 rarer verbs and verb +
# preposition pairs such as "allude", "chide", "deride", "reaffirm", "boast of", "touch on", "slam for")
STRONG_SEEN = int(os.environ.get("ONRECORD_STRONG_SEEN", "4"))


@functools.lru_cache(maxsize=1)
def _learned() -> dict[str, tuple[int, int]]:
    """Cue rates learned from PolNeAR train (``train_cues``): key → (times a cue, times seen)."""
    path = Path(__file__).resolve().parent.parent / "data" / "cues.json"
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["cues"].items()}
    except (OSError, ValueError, KeyError):
        log.warning("learned cue table missing or unreadable at %s; using the word lists only", path)
        return {}


def cue_rate(tok: Token) -> tuple[float, int]:
    """The best learned rate for this verb (alone or with one of its prepositions) and how often it was seen."""
    table = _learned()
    lemma = tok.lemma_.lower()
    keys = [f"VERB:{lemma}"] + [f"VERB:{lemma}+{c.lower_}" for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
    best, seen = 0.0, 0
    for k in keys:
        if k in table:
            h, n = table[k]
            if h / n > best:
                best, seen = h / n, n
    if not seen and f"VERB:{lemma}" not in table:
        return -1.0, 0  # never a cue in training, or never seen
    return best, seen


def is_cue(tok: Token) -> bool:
    """A verb that reports speech, writing, belief or knowledge."""
    if tok.pos_ not in {"VERB"}:
        return False
    if tok.tag_ in {"VBN", "VBD"} and tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children):
        return False  # "a philosopher sometimes referred to as …", "a plan known as …": nobody says anything
    lemma = tok.lemma_.lower()
    comp = _complement(tok)
    rate, seen = cue_rate(tok)
    if rate >= CUE_THRESHOLD and (lemma in lx.REPORTING_VERBS or comp is not None or (
            lemma not in lx.ACT_VERBS and any(c.dep_ == "xcomp" for c in tok.children))):
        # a verb learnt as a cue but not a verb of saying ("agree", "offer") reports only a clause
        return True
    if rate >= STRONG_CUE and seen >= STRONG_SEEN:
        # mostly a cue in news text whatever follows: "expressed concern", "declined to comment", "pointed to X"
        return True
    if 0 <= rate < 0.1 and seen >= 30:
        return False  # common verb that is almost never a cue in news text ("make", "find" without a clause)
    if lemma in lx.REPORTING_VERBS:
        if lemma in lx.WEAK_CUES:
            if comp is not None:
                return True
            # "called it an “important moment”", "wrote a post": an object counts only for these
            return lemma in {"call", "post", "write"} and any(c.dep_ in {"dobj", "oprd"} for c in tok.children)
        return True
    # the open class: any verb with a finite clausal complement and an animate subject
    if comp is not None and any(t.dep_ in _SUBJ or t.dep_ == "mark" for t in comp.children):
        subj = _subject_token(tok)
        return subj is not None and _is_animate(subj)
    return False


def _predicate_rest(c: Token) -> bool:
    """A complement after the object that is part of what is reported ("blamed X for Y", "described X as Y"), not a
    date ("… last week") or a subordinate clause ("… as it was sailing through the Senate")."""
    if c.dep_ == "prep":
        return not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    if c.dep_ == "advcl":
        return not any(m.dep_ == "mark" for m in c.children)
    return c.dep_ in _PREDICATE_REST


def _content_prep(cue: Token, prep: Token) -> bool:
    """Whether the object of this preposition is what the cue reports: "talked about X", "called for X" (listed),
    "pointed to X", "railed against X" (learnt from PolNeAR train for this verb)."""
    low = prep.lower_
    if low in lx.CONTENT_PREPS:
        return True
    if low not in lx.CONTENT_PREPS_LEARNT:
        return False
    h, n = _learned().get(f"VERB:{cue.lemma_.lower()}+{low}", (0, 0))
    return n >= 5 and h / n >= STRONG_CUE  # not "agreed to a ceasefire" (an act, 4 of 12 in train)


def _subject_token(tok: Token) -> Token | None:
    cur, hops = tok, 0
    while cur is not None and hops < 5:
        agent = next((g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        for c in cur.children:
            if c.dep_ == "nsubjpass":
                return None  # "sometimes referred to as …": a passive without "by" leaves the speaker unstated
            if c.dep_ in _SUBJ:
                if c.tag_ in {"WP", "WDT"} and cur.dep_ == "relcl":
                    # "Russia and Ukraine, which wants …": the relative pronoun takes the nearest conjunct
                    conj = [x for x in cur.head.conjuncts if x.i < cur.i]
                    return max(conj + [cur.head], key=lambda x: x.i)
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if cur.dep_ not in _CLIMB or cur.head is cur:
            return None
        if cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"} and _is_animate(cur.head) \
                and cur.head.dep_ not in {"attr", "pobj"}:
            return cur.head  # "officials speaking on condition of anonymity"
        cur = cur.head
        hops += 1
    return None


def _np_span(tok: Token) -> Span:
    """The mention for a speaker token: its entity, or its noun phrase without clauses and appositions."""
    doc = tok.doc
    if tok.ent_type_ and tok.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                e = ent.end
                while e > ent.start + 1 and doc[e - 1].text in ("’s", "'s"):
                    e -= 1
                s = ent.start
                return doc[s:e]
    if tok.pos_ == "PRON":
        return doc[tok.i: tok.i + 1]
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advmod"} or (c.dep_ == "prep" and c.i > tok.i and c.lower_ != "of"):
            drop.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in drop]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # keep "in Moscow" style locative modifiers of plural groups
    for c in tok.children:
        if c.dep_ == "prep" and c.i == hi + 1 and tok.lemma_.lower() in lx.GROUP_NOUNS:
            hi = max(t.i for t in c.subtree)
    return doc[lo: hi + 1]


def _cue_span(tok: Token) -> tuple[int, int]:
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


def _medium(cue: Token) -> tuple[str, tuple[int, int]] | None:
    """'in a statement' → statement; 'on X' / 'in a post on X' → X; 'told the … Radio Sputnik station' → Radio Sputnik."""
    doc = cue.doc
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
        for ent in doc.ents:
            if ent.label_ in {"ORG", "PRODUCT", "WORK_OF_ART", "FAC"} and "\n" not in ent.text and \
                    np_head.left_edge.i <= ent.start and ent.end <= np_head.right_edge.i + 1:
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


class _Builder:
    def __init__(self, doc: Doc, index: ActorIndex):
        self.doc = doc
        self.index = index
        self.text = doc.text
        cached = doc.user_data.get("onrecord_quotes")  # set by onrecord_paragraphs on the same text
        if cached and cached[0] == doc.text:
            self.quotes = [Quote(a, b, bool(c), tuple(tuple(p) for p in pieces)) for a, b, c, pieces in cached[1]]
        else:
            self.quotes = find_quotes(doc.text)
        self.quotes = speech.end_unclosed(doc, self.quotes, is_cue)  # the narration after a missing closing mark
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
        self.drafts: list[_Draft] = []
        self.used_cues: dict[int, _Draft] = {}

    def _para_starts(self) -> list[int]:
        # start offsets of the non-empty lines (paragraphs)
        import re

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

    # -- pass 1 -------------------------------------------------------------------------------------------
    def cue_for_quote(self, qi: int) -> Token | None:
        qs, qe = self.quote_tokens[qi]
        if qe <= qs:
            return None
        q = self.quotes[qi]
        paras = {self.para_of(q.start), self.para_of(max(q.start, q.end - 1))}
        found = self._find_cue(qs, qe)
        if found is not None and found.lower_ == "according":
            return None  # "According to X, the campaign pays “dozens” …": the whole clause is X's (indirect pass)
        # a cue never reaches across a paragraph break: a quote alone in its paragraph is a floating quote
        if found is not None and self.para_of(found.idx) in paras:
            return found
        return None

    def _find_cue(self, qs: int, qe: int) -> Token | None:
        doc = self.doc
        # (a) up the heads
        for t in doc[qs:qe]:
            if qs <= t.head.i < qe:
                continue
            if t.dep_ in _NOT_CONTENT:
                continue
            cur, hops = t.head, 0
            weak: Token | None = None
            while hops < 4 and not (qs <= cur.i < qe):
                if cur.pos_ == "VERB" and not self.in_quote(cur) and is_cue(cur):
                    if cue_rate(cur)[0] >= STRONG_CUE:
                        return cur
                    # "Aides say the governor plans to “actively support” Cruz": a verb of saying further up
                    # reports the quote; the weaker cue is kept in case there is none
                    weak = weak or cur
                # a quote inside the subject or an apposition ("Dugin, … referred to as “Putin’s Rasputin”") is
                # not what the verb above reports; one in a clause on an object is ("evidence that she was “…”")
                if cur.head is cur or (cur.dep_ in _NOT_CONTENT and not (
                        cur.dep_ in {"acl", "relcl"} and cur.head.dep_ in {"attr", "dobj", "pobj", "oprd"})):
                    break
                cur, hops = cur.head, hops + 1
            if weak is not None:
                return weak
        # (b) hanging off the quote
        for t in doc[qs:qe]:
            for c in t.children:
                if not (qs <= c.i < qe) and c.pos_ == "VERB" and not self.in_quote(c) and is_cue(c):
                    return c
        # (c) after the closing mark, to the end of that sentence (not past another quote)
        if qe < len(doc):
            # the quote may end its sentence ("“We will win.” Rubio said.") but a cue in the next sentence with a
            # clause of its own reports that clause ("“The Truman Show.” She says he is unqualified.")
            new_sent = doc[qe - 1].sent != doc[qe].sent and not doc[qe].is_punct
            for t in doc[qe:doc[qe].sent.end]:
                if self.in_quote(t):
                    break
                subj = _subject_token(t) if t.pos_ == "VERB" and (is_cue(t) or self._speech_slot(t, qe)) else None
                if subj is not None and not (new_sent and _complement(t) is not None):
                    if qs <= subj.i < qe:
                        break  # "that “liberals” allowed terrorism to flourish": the quote is the clause's subject
                    return t
        # (d) before the opening mark, back to the sentence start, when a colon, comma or "that" leads in
        if qs > 0:
            prev = doc[qs - 1]
            if prev.text in {":", ",", "that"} or prev.dep_ == "mark":
                for t in reversed(doc[doc[qs].sent.start: qs]):
                    if self.in_quote(t):
                        break
                    if t.pos_ == "VERB" and is_cue(t):
                        return t
        return None

    def _speech_slot(self, verb: Token, qe: int) -> bool:
        """'“Go back to Univision,” Trump barked.' / '…,” fumed Toomey.': any verb right after a quote that ends
        a comma, with a person as subject and nothing of its own to report, is the quote's cue."""
        doc = self.doc
        if not (qe <= verb.i <= qe + 3) or verb.i - qe > 0 and any(t.is_punct for t in doc[qe:verb.i]):
            return False
        inside = doc[max(qe - 3, 0):qe]
        if not any(t.text == "," or t.text in {"?", "!"} for t in inside):
            return False  # "“Stop.” Trump left." is two sentences
        if any(c.dep_ in {"ccomp", "dobj", "xcomp"} and not self.in_quote(c) for c in verb.children):
            return False
        subj = _subject_token(verb)
        return subj is not None and _is_animate(subj)

    def content_for(self, cue: Token, qi: int | None) -> tuple[list[tuple[int, int]], str]:
        """Char spans of the content and its kind."""
        comp = _complement(cue)
        lo_hi: tuple[int, int] | None = None
        if qi is None and self._parenthetical_mid(cue):
            return self._around(cue)
        if qi is None and comp is None and cue.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) and not any(
                c.dep_ in {"dobj", "xcomp"} for c in cue.children):
            return self._around(cue, whole=True)  # "As the Times reported, investigators found …"
        if comp is None:
            # "said in a statement that the race …" parsed with the clause on "statement"
            comp = next((k for c in cue.children if c.dep_ == "prep" and c.i > cue.i for p in c.children
                         if p.dep_ == "pobj" and (p.lemma_.lower() in lx.REPORTING_NOUNS | lx.MEDIUM_NOUNS)
                         for k in p.children if k.dep_ in {"acl", "ccomp", "relcl"} and k.i > p.i and
                         any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)), None)
        if comp is not None:
            lo_hi = self._clause_extent(comp)
        else:
            # "described the talks as constructive", "criticized Romney for …", "welcoming “the progress”"
            # "vowed to fight on", "urged Russia to agree"; but "agreed to resume aid" is an act, not a statement
            xcomp_ok = cue.lemma_.lower() not in lx.ACT_VERBS and (
                cue.lemma_.lower() in lx.REPORTING_VERBS or cue_rate(cue)[0] >= CUE_THRESHOLD)  # "declined to comment"
            kids = [c for c in cue.children if (c.dep_ in {"dobj", "oprd"} and c.ent_type_ not in {"DATE", "TIME"})
                    or (c.dep_ == "xcomp" and xcomp_ok)
                    or (c.dep_ == "prep" and c.lower_ in {"as", "for", "of", "about", "on"} and c.i > cue.i)]
            lemma = cue.lemma_.lower()
            if lemma in lx.ADDRESSEE_VERBS:
                # "told Good Morning America", "told reporters": the object is who was told, not what
                kids = [c for c in kids if c.dep_ not in {"dobj", "oprd"} and not (c.dep_ == "prep" and c.lower_ != "about")]
            elif lemma in lx.TOPIC_VERBS:
                # "spoke to CBS", "spoke for 77 minutes", "talked with reporters": only the topic is content
                kids = [c for c in kids if c.dep_ == "prep" and c.lower_ in {"about", "of", "on"}]
            if not any(c.dep_ in {"dobj", "oprd", "xcomp"} for c in kids):
                # "talked about the economy", "called for a ceasefire": the object of the preposition
                kids = [g for c in cue.children if c.dep_ == "prep" and c.i > cue.i and _content_prep(cue, c)
                        for g in c.children if g.dep_ in {"pobj", "pcomp"}][:1]
            if not kids:
                # "is calling for some of his rivals to drop out" parsed as a clause with "for" as its marker
                kids = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and any(
                    m.dep_ == "mark" and m.lower_ in lx.CONTENT_PREPS and m.i == c.left_edge.i for m in c.children)][:1]
            if not kids and cue.dep_ == "parataxis" or (not kids and cue.dep_ == "ROOT" and self._parenthetical(cue)):
                return self._around(cue)
            if not kids:
                # passive: "Romney was criticized by Reid" → the subject is the content
                kids = [c for c in cue.children if c.dep_ == "nsubjpass"] if any(
                    c.dep_ == "agent" for c in cue.children) else []
            if kids and any(c.dep_ in {"dobj", "oprd", "xcomp", "pobj", "pcomp"} for c in kids):
                # the rest of the predicate after the object belongs to what is reported: "charged Van Dyke with
                # murder", "blamed Clinton for the turmoil", "described the country as beset by …"
                first = min(c.i for c in kids)
                kids = kids + [c for c in cue.children if c.i > first and c not in kids and _predicate_rest(c)]
            if kids:
                toks = sorted((t for c in kids for t in c.subtree), key=lambda t: t.i)
                lo_hi = self._without_asides(toks, min(c.i for c in kids))
        if qi is not None:
            q = self.quotes[qi]
            qs, qe = self.quote_tokens[qi]
            if lo_hi is None or lo_hi[1] <= qs or lo_hi[0] >= qe:
                return [tuple(s) for s in q.spans], "direct"
            lo, hi = min(lo_hi[0], qs), max(lo_hi[1], qe)
            span = self._trim(lo, hi)
            if span is None:
                return [tuple(s) for s in q.spans], "direct"
            qspan = (q.start, q.end)
            kind = "direct" if span[0] >= qspan[0] and span[1] <= qspan[1] else "mixed"
            if kind == "direct":
                return [tuple(s) for s in q.spans], kind
            return [span], kind
        if lo_hi is None:
            return [], "indirect"
        span = self._trim(*lo_hi)
        if span is None:
            return [], "indirect"
        has_quote = any(span[0] <= q.start < span[1] for q in self.quotes)
        return [span], "mixed" if has_quote else "indirect"

    def _clause_extent(self, comp: Token) -> tuple[int, int]:
        """Token range of a complement clause, without trailing asides the source did not say: ", arguing that …",
        ", which …", "; …"."""
        sub = list(comp.subtree)
        return self._without_asides(sub, comp.i)

    def _without_asides(self, sub: list[Token], head_i: int) -> tuple[int, int]:
        """Token range of ``sub`` (a content's tokens, in order) cut before the first aside after ``head_i``."""
        doc = self.doc
        lo, hi = sub[0].i, sub[-1].i + 1
        comp_i = head_i
        for t in sub:
            if t.i <= comp_i:
                continue
            prev = doc[t.i - 1]
            # ", arguing that …", ", which …", ", who …" (not ", while agreeing …": that belongs to the clause)
            aside = t.dep_ in {"advcl", "acl", "relcl", "conj"} and (
                (t.tag_ == "VBG" and doc[t.left_edge.i - 1].text == "," and (
                    t.left_edge.i == t.i or t.left_edge.dep_ in {"advmod", "neg"})) or
                (doc[t.left_edge.i - 1].text == "," and t.left_edge.lower_ in {"which", "who"}))
            aside = aside or (t.left_edge.i == t.i and prev.text == "," and t.tag_ == "VBG" and t.dep_ == "advcl")
            # ", while 22 percent said …", ", even as he took shots at …", "– although …": the writer's contrast
            aside = aside or (t.dep_ in {"advcl", "conj", "ccomp"} and doc[t.left_edge.i - 1].text in {
                ",", "—", "–", "-", "--"} and (t.left_edge.lower_ in lx.CONTRAST_MARKS or (
                    t.left_edge.lower_ == "even" and doc[t.left_edge.i + 1].lower_ == "as")) and
                    any(c.dep_ in _SUBJ for c in t.children))
            # "said he had accepted no gigs and suggested that …", "said she regretted her remarks and promised to
            # stay out of it": a second verb of saying, parsed into the clause, with or without a clause of its own
            aside = aside or (t.dep_ == "conj" and t.pos_ == "VERB" and
                              not any(c.dep_ in _SUBJ for c in t.children) and is_cue(t) and
                              cue_rate(t)[0] >= STRONG_CUE)
            if t.text == ";" or aside:
                end = t.i if t.text == ";" else min(x.i for x in t.subtree)
                if end > comp_i:
                    hi = min(hi, end)
        while hi - 1 > comp_i and (doc[hi - 1].dep_ == "cc" or
                                   doc[hi - 1].is_punct and doc[hi - 1].text in ",;:—–-"):
            hi -= 1  # "… candidacy and" once the second clause is cut
        return lo, hi

    def _parenthetical_mid(self, cue: Token) -> bool:
        """'The latest test, North Korea said, was its biggest yet': the cue clause sits between commas."""
        doc = self.doc
        clause = [cue] + [c for c in cue.children if c.dep_ in _SUBJ | {"aux", "neg", "prep", "npadvmod"}]
        toks = [t for c in clause for t in (c.subtree if c is not cue else [c])]
        lo, hi = min(t.i for t in toks), max(t.i for t in toks)
        sent = cue.sent
        if lo - 1 < sent.start or hi + 1 >= sent.end:
            return False
        between_commas = doc[lo - 1].text == "," and doc[hi + 1].text == ","
        comp = _complement(cue)
        # words on both sides, and no complement of its own after the cue (one before it is the fronted content)
        return (between_commas and lo - sent.start >= 3 and sent.end - hi >= 4
                and (comp is None or comp.i < lo))

    def _parenthetical(self, cue: Token) -> bool:
        """'…, he said, …' parsed with the cue as root: the clause around it is the content."""
        sent = cue.sent
        before = [t for t in sent if t.i < cue.i and not t.is_punct]
        return len(before) >= 4 and any(t.dep_ == "punct" and t.text == "," for t in cue.children)

    def _around(self, cue: Token, whole: bool = False) -> tuple[list[tuple[int, int]], str]:
        """Content = the sentence minus the cue clause (``whole``: the cue's whole subtree), as one or two spans."""
        sent = cue.sent
        own = {t.i for t in cue.subtree} if cue.dep_ == "parataxis" or whole else (
            {cue.i} | {t.i for c in cue.children if c.dep_ in _SUBJ | {"aux", "neg", "advmod", "dative", "prep", "npadvmod"}
                       for t in c.subtree})
        spans, run = [], []
        for t in sent:
            if t.i in own or (t.i == sent.end - 1 and t.text in {".", "!", "?"}):
                if run:
                    spans.append((run[0], run[-1] + 1))
                    run = []
                continue
            run.append(t.i)
        if run:
            spans.append((run[0], run[-1] + 1))
        out = [sp for sp in (self._trim(a, b) for a, b in spans) if sp and len(self.text[sp[0]:sp[1]].split()) >= 2]
        if not out:
            return [], "indirect"
        has_quote = any(a <= q.start < b for q in self.quotes for a, b in out)
        return out, "mixed" if has_quote else "indirect"

    def _trim(self, lo: int, hi: int) -> tuple[int, int] | None:
        doc = self.doc
        if hi <= lo:
            return None
        s = doc[lo].idx
        e = doc[hi - 1].idx + len(doc[hi - 1].text)
        while s < e and self.text[s] in _TRIM:
            s += 1
        while e > s and self.text[e - 1] in _TRIM:
            e -= 1
        return (s, e) if e > s else None

    def sent_bounds(self, chars: list[tuple[int, int]], cue: Token | None) -> tuple[int, int]:
        doc = self.doc
        points = [c for span in chars for c in span]
        if cue is not None:
            points.append(cue.idx)
        first = doc.char_span(min(points), min(points) + 1, alignment_mode="expand")
        last = doc.char_span(max(points) - 1, max(points), alignment_mode="expand")
        s = first.sent.start_char if first is not None else min(points)
        e = last.sent.end_char if last is not None else max(points)
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def quotes_pass(self) -> None:
        for qi, q in enumerate(self.quotes):
            cue = self.cue_for_quote(qi)
            para = self.para_of(q.start)
            if cue is None:
                self.drafts.append(_Draft(None, [tuple(s) for s in q.spans], "direct", *self.sent_bounds(list(q.spans), None),
                                          para, quotes=[qi], floating=True))
                continue
            prev = self.used_cues.get(cue.i)
            if prev is not None:
                # a second quote on one cue: "“If …,” Rubio said, “…”" → one statement, several spans
                if prev.kind == "direct" and prev.para == para:
                    prev.spans.extend(tuple(s) for s in q.spans)
                    prev.quotes.append(qi)
                    prev.sent_start, prev.sent_end = self.sent_bounds(prev.spans, cue)
                # else the quote sits inside the cue's complement already (mixed)
                elif not any(s[0] <= q.start and q.end <= s[1] for s in prev.spans):
                    prev.spans.extend(tuple(s) for s in q.spans)
                    prev.quotes.append(qi)
                continue
            spans, kind = self.content_for(cue, qi)
            d = _Draft(cue, spans, kind, *self.sent_bounds(spans, cue), para, speaker_tok=_subject_token(cue),
                       quotes=[qi])
            self.drafts.append(d)
            self.used_cues[cue.i] = d

    # -- pass 2 -------------------------------------------------------------------------------------------
    def indirect_pass(self) -> None:
        doc = self.doc
        for tok in doc:
            if tok.i in self.used_cues or self.in_quote(tok):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                self._according(tok)
                continue
            if tok.pos_ == "NOUN":
                self._noun_cue(tok)
                continue
            if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
                self._adjective_cue(tok)
                continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lx.RAISING_VERBS and self._raising(tok):
                continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lx.LIGHT_VERBS and self._light_verb(tok):
                continue
            if tok.pos_ != "VERB" or not is_cue(tok):
                continue
            subj = _subject_token(tok)
            if subj is None:
                self._unsourced_passive(tok)
                continue
            if (subj.lower_ == "it" and subj.dep_ in {"nsubj", "nsubjpass"} and subj.pos_ == "PRON"
                                and not _complement(tok)):
                continue
            if subj.lower_ == "it" and subj.dep_ == "nsubjpass":
                continue  # "it is said that …" has no source
            spans, kind = self.content_for(tok, None)
            if not spans:
                spans, kind = self._after_colon(tok)
            if not spans or (len(self.text[spans[0][0]:spans[0][1]].split()) < 2 and not self._one_word_ok(spans[0])):
                continue
            if self._only_time(spans[0]):
                continue  # "Speaking Wednesday afternoon": a time, not content
            if self._overlaps(spans[0]) and not self._absorb(spans[0]):
                continue
            d = _Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]),
                       speaker_tok=subj)
            self.drafts.append(d)
            self.used_cues[tok.i] = d

    def source_phrase_pass(self) -> None:
        """'In an ABC News/Washington Post poll released Sunday, three of four Americans disapproved …', 'In his
        speech, …': a fronted "in" phrase naming a poll, report or speech is the source of the clause it opens
        (when no verb of saying there reports it already)."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in {"VERB", "AUX"}:
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() not in lx.SOURCE_NOUNS | lx.REPORTING_NOUNS:
                continue
            phrase = list(tok.subtree)
            after = phrase[-1].i + 1
            sent = tok.sent
            if phrase[0].i != sent.start or after >= sent.end or doc[after].text != ",":
                continue
            span = self._trim(after + 1, sent.end - 1 if doc[sent.end - 1].is_punct else sent.end)
            if span is None or len(self.text[span[0]:span[1]].split()) < 3 or (
                    self._overlaps(span) and not self._absorb(span)):
                continue
            src = next((c for c in obj.children if c.dep_ == "poss"), obj)
            kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
            d = _Draft(obj, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=src)
            self.drafts.append(d)

    def colon_pass(self) -> None:
        """'Gillibrand: I Think She Will', 'TAPPER: And obviously, you're …': a paragraph that opens with a short
        name or noun phrase and a colon is that speaker's statement (headlines, interview transcripts)."""
        doc = self.doc
        for ps in self.paras:
            first = doc.char_span(ps, ps + 1, alignment_mode="expand")
            if first is None:
                continue
            start = first.start
            colon = next((t for t in doc[start: start + 14] if t.text == ":" or "\n" in t.text), None)
            if colon is None or colon.text != ":" or colon.i - start < 1:
                continue
            head = doc[start: colon.i]
            if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD", "PRP", "CD"} or t.lower_ in lx.LABEL_WORDS or
                   (t.is_punct and t.text not in {".", "'", "’", ","}) for t in head):
                continue
            # the speaker is the name the line opens with ("Gillibrand on Hillary …: ‘I Think She Will’");
            # title-case headlines defeat the tagger, so the name is the run of capitalised words
            end_np = start
            while end_np < colon.i and (doc[end_np].text[:1].isupper() or doc[end_np].text in {".", "’s", "'s"}):
                end_np += 1
            np_ = doc[start:end_np]
            if not len(np_) or len(np_) > 5:
                continue
            known = self.index.person_named(np_.text) is not None
            if not (known or _is_animate(np_[-1]) or (np_.text.isupper() and len(np_.text) >= 3)):
                continue  # a person the article names, an organisation or group, or a transcript's NAME
            src = np_[-1]
            nl = self.text.find("\n", ps)
            end = len(self.text) if nl < 0 else nl
            a = colon.idx + 1
            span = self._trim_chars(a, end)
            if span is None or len(self.text[span[0]:span[1]].split()) < 3:
                continue
            # a quote in the line is this speaker's, not a floating quote of the previous one
            inside = [d for d in self.drafts if all(span[0] <= a and b <= span[1] + 2 for a, b in d.spans)]
            self.drafts = [d for d in self.drafts if not any(d is x for x in inside)]
            if self._overlaps(span):
                self.drafts.extend(inside)
                continue
            d = _Draft(colon, [span], "indirect", *self.sent_bounds([span], colon), self.para_of(span[0]),
                       speaker_tok=src, speaker_span=np_)
            quoted = [q for q in self.quotes if span[0] <= q.start < span[1]]
            if quoted:
                d.kind = "direct" if all(q.start <= span[0] + 1 and q.end >= span[1] - 1 for q in quoted) else "mixed"
            self.drafts.append(d)

    def _trim_chars(self, s: int, e: int) -> tuple[int, int] | None:
        while s < e and self.text[s] in _TRIM:
            s += 1
        while e > s and self.text[e - 1] in _TRIM:
            e -= 1
        return (s, e) if e > s else None

    def _adjective_cue(self, tok: Token) -> None:
        """'She was adamant that he has no plans to run', 'he is critical of the deal', 'voters are skeptical about
        X': a stance adjective (listed, or learnt from PolNeAR train) on an animate subject, with its clause or
        object."""
        lemma = tok.lemma_.lower()
        table = _learned()
        rest = None
        for c in tok.children:
            if c.dep_ in {"ccomp", "xcomp"}:
                rest = c
                break
            if c.dep_ == "prep" and c.lower_ in lx.CONTENT_PREPS | {"with", "in", "to", "at", "toward", "towards"}:
                h, n = table.get(f"ADJ:{lemma}+{c.lower_}", (0, 0))
                obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None and (lemma in lx.STANCE_ADJECTIVES or (n >= 4 and h / n >= CUE_THRESHOLD)):
                    rest = obj
                    break
        if rest is None:
            # "was adamant that …" is often parsed with the clause on the verb "be"
            rest = next((c for c in tok.head.children if c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i), None)
        if rest is None:
            return
        h, n = table.get(f"ADJ:{lemma}", (0, 0))
        if rest.dep_ in {"ccomp", "xcomp"} and lemma not in lx.STANCE_ADJECTIVES and not (
                n >= 5 and h / n >= CUE_THRESHOLD):
            return
        subj = _subject_token(tok.head)
        if subj is None or not _is_animate(subj) or subj.lower_ == "it":
            return
        span = self._trim(*self._without_asides(list(rest.subtree), rest.i))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        d = _Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=subj)
        self.drafts.append(d)
        self.used_cues[tok.i] = d

    def _after_colon(self, cue: Token) -> tuple[list[tuple[int, int]], str]:
        """'Potts echoed: He speaks his mind, and …', 'Ryan said: Sure. I get that.': a cue with nothing to report
        of its own, followed by a colon (after its subject, adverbs or "in a statement"), reports the rest of the
        paragraph, quoted or not."""
        doc = self.doc
        own = [cue] + [c for c in cue.children if c.i > cue.i and c.dep_ in {"advmod", "npadvmod", "prep", "prt",
                                                                            "nsubj", "dative"}]
        end = max(t.right_edge.i if t is not cue else t.i for t in own) + 1
        if end >= len(doc) or doc[end].text != ":":
            return [], "indirect"
        start = doc[end].idx + 1
        nl = self.text.find("\n", start)
        if nl >= 0 and not self.text[start:nl].strip():
            start = nl  # "… declared:" ending its line: the next paragraph
            while start < len(self.text) and self.text[start].isspace():
                start += 1
        nl = self.text.find("\n", start)
        stop = len(self.text) if nl < 0 else nl
        span = self._trim_chars(start, stop)
        if span is None or len(self.text[span[0]:span[1]].split()) < 3:
            return [], "indirect"
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        return [span], kind

    def _light_verb(self, tok: Token) -> bool:
        """'made these same allegations against the NRA', 'took a swipe at Trump', 'raised questions about whether …',
        'made the case to …': a light verb with a speech-act noun as its object; the content is what the noun's
        preposition governs, or its infinitive (a that-clause is the noun's, see ``_noun_cue``). True when a
        statement was made."""
        noun = next((c for c in tok.children if c.dep_ == "dobj" and (
            c.lemma_.lower() in lx.SPEECH_ACT_NOUNS or c.lower_ in lx.SPEECH_ACT_NOUNS)), None)
        if noun is None:
            return False
        subj = _subject_token(tok)
        if subj is None or not _is_animate(subj):
            return False
        if any(c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in noun.children):
            return False  # "made the argument that …": the noun's own clause (``_noun_cue``)
        content = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and
                        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if content is None:
            preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i] + \
                    [c for c in tok.children if c.dep_ == "prep" and c.i > noun.i]
            prep = next((p for p in preps if p.lower_ in lx.CONTENT_PREPS | {"at", "to", "toward", "towards"}), None)
            content = next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None) if prep else None
        if content is None:
            return False
        span = self._trim(*self._without_asides(list(content.subtree), content.i))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return False
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        d = _Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=subj)
        self.drafts.append(d)
        self.used_cues[tok.i] = d
        return True

    def _raising(self, tok: Token) -> bool:
        """'The music seemed to match the mood', 'the relationship appears to be alive', 'it appears that …': the
        subject and the complement are the content, with no source (not for a person or group as the subject). Not when the complement is itself a cue ('She appeared to
        imply that …' is hers, cued by "imply"). True when this verb is dealt with."""
        rest = next((c for c in tok.children if c.i > tok.i and c.dep_ in {"xcomp", "acomp", "oprd", "ccomp", "attr"}),
                    None)
        if rest is None or any(c.dep_ == "agent" for c in tok.children):
            return False
        if rest.pos_ == "VERB" and is_cue(rest) and cue_rate(rest)[0] >= STRONG_CUE:
            return True  # the complement's verb is the cue, with this subject (``_subject_token`` climbs to it)
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or _is_animate(subj):
            # "Some officials in Moscow appeared hostile toward the ceasefire": a position an actor takes, which the
            # stances' narration reads outside statements
            return False
        own = self._trim(*self._without_asides(list(rest.subtree), rest.i))
        if subj.lower_ == "it" and subj.pos_ == "PRON" or subj.dep_ == "expl":
            spans = [own] if own and rest.dep_ == "ccomp" else []  # "it appears that …"
        else:
            sub = list(subj.subtree)
            spans = [sp for sp in (self._trim(sub[0].i, sub[-1].i + 1), own) if sp]
            if len(spans) < 2:
                return False
        if not spans or any(self._overlaps(sp) for sp in spans):
            return False
        kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        d = _Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]), speaker_tok=None)
        self.drafts.append(d)
        self.used_cues[tok.i] = d
        return True

    def _unsourced_passive(self, tok: Token) -> None:
        """'Obama is expected to join Clinton', 'he was suspected of plotting murder': a passive cue with no agent
        still reports something about its subject; the statement has no speaker (the text names none)."""
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None or any(c.dep_ == "agent" for c in tok.children):
            return
        if cue_rate(tok)[0] < STRONG_CUE:
            return
        if subj.lower_ == "it" and subj.pos_ == "PRON":
            comp = _complement(tok)  # "it is expected that …"
            span = self._trim(*self._clause_extent(comp)) if comp is not None else None
            if span is not None and not self._overlaps(span):
                kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
                d = _Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]))
                self.drafts.append(d)
                self.used_cues[tok.i] = d
            return
        rest = next((c for c in tok.children if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in {"as", "of"}
                                                                      and c.i > tok.i)), None)
        if rest is None:
            return
        sub = list(subj.subtree)
        spans = [sp for sp in (self._trim(sub[0].i, sub[-1].i + 1), self._trim(*self._without_asides(
            list(rest.subtree), rest.i))) if sp]
        if len(spans) < 2 or self._overlaps(spans[1]):
            return
        kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        d = _Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]), speaker_tok=None)
        self.drafts.append(d)
        self.used_cues[tok.i] = d

    def _noun_cue(self, tok: Token) -> None:
        """'his claim that the vote was rigged', 'the ministry's statement that talks would resume': a reporting noun
        (listed, or learnt from PolNeAR train) with a that-clause; the source is the possessor, or the subject of
        the verb the noun is the object of ('Rubio rejected the claim that …' is not Rubio's claim: objects of
        verbs of denial are left out)."""
        lemma = tok.lemma_.lower()
        table = _learned()
        hit, seen = table.get(f"NOUN:{lemma}", (0, 0))
        listed = lemma in lx.REPORTING_NOUNS or (seen >= 10 and hit / seen >= CUE_THRESHOLD)
        clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and
                       any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        src = next((c for c in tok.children if c.dep_ == "poss"), None)
        if clause is None and src is not None:
            # "Obama's calls for tighter gun control", "his criticism of the deal", "their refusal to stand with …":
            # a possessor's stance noun with its object (the noun and preposition learnt as a cue pair)
            for c in tok.children:
                if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and listed:
                    clause = c
                    break
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in lx.CONTENT_PREPS | {"to", "toward", "towards"}:
                    h, n = table.get(f"NOUN:{lemma}+{c.lower_}", (0, 0))
                    obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                    if obj is not None and (listed or (n >= 5 and h / n >= CUE_THRESHOLD)):
                        clause = obj
                        break
        elif not listed:
            return
        if clause is None:
            return
        if src is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"make", "issue", "repeat", "reiterate",
                                                                             "voice", "express", "publish"}:
            src = _subject_token(tok.head)
        if src is None or not _is_animate(src):
            return
        span = self._trim(*self._clause_extent(clause))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return
        d = _Draft(tok, [span], "indirect", *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=src)
        d.kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        self.drafts.append(d)
        self.used_cues[tok.i] = d

    def _according(self, tok: Token) -> None:
        doc = self.doc
        to = doc[tok.i + 1]
        src = next((c for c in to.children if c.dep_ == "pobj"), None)
        if src is None:
            return
        sent = tok.sent
        phrase = set(t.i for t in tok.subtree) | set(t.i for t in to.subtree) | {tok.i, to.i}
        rest = [t for t in sent if t.i not in phrase]
        if len(rest) < 3:
            return
        # the sentence on both sides of the phrase: "At the heart of the trouble, according to Ross, was a decision
        # …" is one content in two spans; a lone "But"/"And" or adverb before it is not part of it
        lo, hi = min(phrase), max(phrase) + 1
        before = [t for t in doc[sent.start:lo] if not t.is_punct]
        after = [t for t in doc[hi:sent.end] if not t.is_punct]
        spans = []
        if before and not all(t.dep_ in {"cc", "advmod"} for t in before):
            spans.append(self._trim(sent.start, lo))
        if after:
            spans.append(self._trim(hi, sent.end))
        spans = [sp for sp in spans if sp]
        if not spans or any(self._overlaps(sp) and not self._absorb(sp) for sp in spans):
            return
        d = _Draft(tok, spans, "indirect", sent.start_char, sent.end_char, self.para_of(spans[0][0]),
                   speaker_tok=src)
        d.kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        self.drafts.append(d)

    def _one_word_ok(self, span: tuple[int, int]) -> bool:
        """A one-word content is a name or a personal pronoun as the object: "endorsed Clinton", "backed him"."""
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return sp is not None and len(sp) == 1 and (sp[0].ent_type_ == "PERSON" or (
            sp[0].pos_ == "PRON" and sp[0].lower_ in lx.PERSONAL_PRONOUNS and sp[0].lower_ != "it"))

    def _absorb(self, span: tuple[int, int]) -> bool:
        """'D'Souza told Beck that he is making a movie that chronicles the “secret history” …': a quote inside
        this content, given to a verb inside it too, is part of this statement. Drop such drafts and say whether
        the content is then free."""
        a, b = span
        inside = [d for d in self.drafts if d.kind == "direct" and all(a <= x and y <= b for x, y in d.spans)
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

    # -- pass 3 and output ----------------------------------------------------------------------------------
    def _merge_continuations(self) -> None:
        """“A,” he said. “B.” — a cue-less quote opening the next sentence of the same paragraph continues the
        statement before it (one statement, two spans), as in the split-quote convention of PolNeAR and PARC."""
        merged: list[_Draft] = []
        for d in self.drafts:
            prev = merged[-1] if merged else None
            if d.floating and prev is not None and not prev.floating and prev.para == d.para and prev.cue is not None:
                gap = self.text[prev.sent_end: d.spans[0][0]]
                if d.spans[0][0] >= prev.sent_end and gap.strip() == "":
                    prev.spans.extend(d.spans)
                    prev.quotes.extend(d.quotes)
                    prev.sent_end = max(prev.sent_end, d.sent_end)
                    if prev.kind == "indirect":
                        prev.kind = "mixed"
                    continue
            merged.append(d)
        self.drafts = merged

    def finish(self) -> tuple[Statement, ...]:
        self.drafts.sort(key=lambda d: d.spans[0][0] if d.spans else d.sent_start)
        self._merge_continuations()
        out: list[Statement] = []
        prev_speaker: Speaker | None = None
        prev_para = -10
        text_id = content_hash(self.text)
        for d in self.drafts:
            if d.floating:
                q = self.quotes[d.quotes[0]]
                if not self._floating_ok(q, d.para, prev_para) or prev_speaker is None:
                    continue
                speaker = Speaker(text=prev_speaker.text, span=prev_speaker.span, actor=prev_speaker.actor,
                                  resolution="previous")
                cue = None
                medium = None
            else:
                speaker = self._speaker(d.speaker_tok, d.speaker_span)
                cue = TextSpan(self.text[slice(*_cue_span(d.cue))], _cue_span(d.cue)) if d.cue is not None else None
                m = _medium(d.cue) if d.cue is not None and d.cue.pos_ == "VERB" else None
                medium = TextSpan(m[0], m[1]) if m else None
                if speech.is_document(d.speaker_tok):  # "a statement said": the medium; its author speaks
                    speaker, medium = self._document_speaker(d, out), TextSpan(*speech.document_phrase(d.speaker_tok))
            spans = tuple((int(a), int(b)) for a, b in d.spans)
            content = " … ".join(self.text[a:b] for a, b in spans)
            if not any(ch.isalnum() for ch in content):
                continue  # only marks and punctuation left ("''", "—"): nothing was said
            stype = speech.statement_type(self.doc, d.cue, spans, d.kind, self.quotes, speaker=d.speaker_tok,
                                          medium=medium.text if medium else None, floating=d.floating)
            if stype is None:
                continue  # an act ("announced a package of measures"), not a statement: nlp/speech.py
            out.append(Statement(
                id=content_hash(text_id, repr(spans)),
                kind=d.kind, content_text=content, content_spans=spans, cue=cue, speaker=speaker,
                medium=medium, sentence_span=(d.sent_start, d.sent_end), type=stype))
            if speaker.text is not None or d.floating:
                prev_speaker, prev_para = speaker, d.para  # an unsourced passive is nobody a later quote continues
        return tuple(out)

    def _floating_ok(self, q: Quote, para: int, prev_para: int) -> bool:
        if para - prev_para > 1:
            return False
        ps = self.paras[para]
        nl = self.text.find("\n", ps)
        pe = len(self.text) if nl < 0 else nl
        body = self.text[ps:pe].strip()
        quoted = sum(b - a for a, b in q.spans if ps <= a < pe)
        if body and quoted >= 0.7 * len(body):
            return True
        # a quote that opens a sentence after a statement in the same paragraph
        words = self.text[q.start:q.end].split()
        before = self.text[max(ps, q.start - 3):q.start].strip()
        return para == prev_para and len(words) >= 4 and (before == "" or before[-1:] in ".!?")

    def _document_speaker(self, d: _Draft, earlier: list[Statement]) -> Speaker:
        """The author of the document a statement is attributed to (nlp/speech.py), or unresolved."""
        author = speech.document_author(d.speaker_tok, _is_animate)
        if author is not None:
            return self._speaker(author)
        orgs = {self.index.actor_id(i) for i, a in enumerate(self.index.actors) if a.kind == "organisation"}
        starts = [s.start_char for s in self.doc.sents]
        found = speech.author_from_context(d.sent_start, earlier, orgs, lambda at: bisect.bisect_right(starts, at))
        mention = _np_span(d.speaker_tok)
        return Speaker(text=mention.text, span=(mention.start_char, mention.end_char),
                       actor=found.actor if found else None, resolution="author" if found else "unresolved")

    def _speaker(self, tok: Token | None, span: Span | None = None) -> Speaker:
        if tok is None:
            return Speaker(text=None, span=None, actor=None, resolution="unresolved")
        if span is None:
            # "the company's chief executive Tom Baker": the name in apposition is the better mention
            for c in tok.children:
                if c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"}:
                    tok = c
                    break
            span = _np_span(tok)
        idx, how = self.index.resolve(span)
        if idx is None and tok.tag_ in {"NNS", "NNPS"} and (
                tok.lemma_.lower() in lx.GROUP_NOUNS or tok.lower_ in lx.GROUP_NOUNS or tok.ent_type_ == "NORP"):
            idx, how = self.index.add_group(span), "name"  # people speaking as a group: "Ukrainian officials"
        actor = self.index.actor_id(idx) if idx is not None else None
        return Speaker(text=span.text, span=(span.start_char, span.end_char), actor=actor, resolution=how)


@Language.factory("onrecord_quotes", requires=["token.dep", "doc.ents"],
                  assigns=["doc._.onrecord_statements", "doc._.onrecord_actors"])
def make_quotes(nlp: Language, name: str) -> "QuotesComponent":
    return QuotesComponent()


class QuotesComponent:
    """Sets ``doc._.onrecord_statements``; adds speaking groups to ``doc._.onrecord_actors``."""

    def __call__(self, doc: Doc) -> Doc:
        index = doc_index(doc)
        try:
            b = _Builder(doc, index)
            b.quotes_pass()
            b.indirect_pass()
            b.source_phrase_pass()
            b.colon_pass()
            doc._.onrecord_statements = b.finish()
        except Exception:  # one odd article must never stop a batch; the parse and actors stay usable
            log.exception("statement extraction failed for a document of %d chars", len(doc.text))
            doc._.onrecord_statements = ()
        doc._.onrecord_actors = index.freeze()
        return doc
