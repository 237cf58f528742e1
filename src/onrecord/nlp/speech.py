"""What a statement is: something said or written, or a belief held — and what is an act, not a statement.

The quotes builder (``nlp/quotes``) finds candidate attributions from a cue and its complement. Many of them are
not what a reader asking "who said what" wants: "proposed an amendment", "announced a package of measures", "urged
officials to adopt …", "approved funds" report what someone *did*. On third-party general news (issue 11), of the
indirect candidates whose content was a bare noun phrase 250 of 263 were not quotes to the annotators; of those
with an infinitive, 94 of 107. This module decides, from two classes of language, what each candidate is:

**The cue's class.**

* *belief and attitude* — verbs and nouns of thinking, expecting, fearing, hoping, knowing, estimating
  (``BELIEF_CUES``), raising verbs (``seem``, ``appear``) and stance adjectives ("adamant", "skeptical"): a
  position held, stated or not. These are kept whatever the content's shape, as type ``belief`` ("Deloitte
  expects a series of cuts", "Mourinho expects the clash to be a fight to the finish").
* *writing* — verbs of writing and publishing (``WRITING_CUES``), or a cue whose speaker or medium is a document
  ("a statement said", "in a report, the Bank said", "according to its latest accounts"): type ``writing``.
* every other cue — verbs of saying and the open class of verbs the builder accepts — is speech, *if* its content
  is something said.

**The content's shape** (of a speech or writing cue), read from the parse of the content span:

* a *clause* — a verb with its subject, a clause opened by "that"/"whether"/"if", or an object with a predicate of
  its own ("described the talks as constructive") — or a *quotation*: said;
* a *noun phrase* (including a prepositional phrase and a gerund without a subject: "denied any wrongdoing",
  "accused him of being disloyal", "approved funds") or an *infinitive* (with or without an object before it:
  "vowed to use all legal means", "told a press conference to look out for …"): an act, not a statement — unless at least half of it is a quotation, because then the words
  themselves are reported ('demanded “a commitment to policies that …”').

A noun phrase after a verb of *evaluation* (``EVALUATIVE_CUES``: praise and blame, backing and opposing —
"criticised the plan", "backed Clinton"), and a noun phrase or infinitive after a verb of *advocacy*
(``ADVOCACY_CUES``: "urged Russia to accept the ceasefire", "called for better pensions") is an attitude expressed
toward a target: type ``attitude``, kept, since PolNeAR annotates these and the stances read them, but it is not a
quote.

A verb of evidence ("found", "showed", "reveal") whose subject cannot speak — a study, a survey, an e-mail,
figures — reports a *finding*, not something said (type ``finding``). So does any cue but a verb of saying proper
(``SAYING_CUES``) whose subject is a common noun that cannot speak ("the double album saw the pair produce …", "the
program had identified …"), and "add to" ("the latest triumph adds to the Grammys …": increases). Acts, not
statements: a plea in court ("pleaded guilty to charges that …"), and a negated cue whose content is an embedded
question ("did not say how many were being sued": what was left unsaid). A decision ("decided she wanted to rest")
is a position settled on, like a belief (``BELIEF_CUES``).

A verb of evaluation reports a proposition only through a clause it opens with a mark ("questioned whether …");
with an object, predicated or not ("hailed the film as inspiring debate"), or a clause the parse made of an object
and a conjunct ("welcomed the move and shares traded flat"), it is an ``attitude``. With a noun phrase, a verb of
citing or noting (``MENTION_CUES``: "cited the rising cost of housing", "noted Bill Clinton's comments") reports
what was spoken of (type ``mention``), and a verb that puts an attitude into words (``EXPRESSIVE_CUES``: "expressed
concern about X", "complained about the referee") an ``attitude``. Other verbs of saying with a noun phrase or an
infinitive — topic ("spoke about"), emphasis ("highlighted"), answering ("responded to"), commissives ("vowed
to", "declined to comment") — stay acts: PolNeAR annotates about half of them.

``statement_type`` returns ``speech`` | ``writing`` | ``belief`` | ``attitude`` | ``finding`` | ``mention``, or None for an act. It is called from one place,
the quotes builder's output step, so every pass (quotes, indirect speech, nouns, adjectives, colons) is judged by
the same rule. The Gender Gap Tracker's notion of a quote (Asr et al., PLoS ONE 16(1): e0245533, 2021) is the
``speech`` and ``writing`` types; PolNeAR (Newell et al., LREC 2018) also annotates beliefs, and some acts.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import lexicon as lx
from .parties import is_person_noun

# Verbs of evidence: with a subject that cannot speak (a study, a survey, an e-mail, figures) they report what a
# record shows, not what someone said ("a study has found", "an email showed", "statistics reveal"): ``finding``.
FINDING_CUES = frozenset("find show reveal indicate demonstrate suggest prove".split())
# Common nouns for bodies that speak through their people ("the firm said", "the ministry confirmed").
BODY_NOUNS = frozenset("""
company firm government ministry department agency group bank council committee board club team union association
institute institution organisation organization party federation authority commission court police army league
university school hospital station network broadcaster newspaper magazine publisher studio festival jury panel
family campaign office administration regulator watchdog
""".split())

# Verbs and nouns of cognition, expectation, emotion-about-a-proposition, estimation, desire and decision: what
# someone holds true, wants or settles on ("Ukraine wants security guarantees", "she decided she wanted to rest"), a
# position whether or not it was stated.
BELIEF_CUES = frozenset("""
believe belief think thought expect expectation feel feeling fear hope know knowledge suspect suspicion estimate
estimation assume assumption doubt reckon suppose guess imagine worry wonder speculate speculation reason
anticipate presume trust understand sense consider regard view opinion concern impression conviction seem appear
want wish prefer desire decide decision determine
""".split())

# Verbs of evaluating someone or something in words — praise and blame, backing and opposing, challenge and
# mockery: with a bare noun phrase ("criticised the plan", "backed Clinton") they report an attitude expressed
# toward a target, not the words said (type ``attitude``; PolNeAR annotates them, the Gender Gap Tracker does not).
EVALUATIVE_CUES = frozenset("""
criticize criticise criticism praise blame accuse attack assail slam blast lambast berate rebuke scold condemn
denounce decry deplore disparage mock ridicule deride dismiss reject question challenge dispute contest oppose
support back endorse champion defend hail applaud commend congratulate thank welcome celebrate tout laud salute
credit fault chide scorn insult thank
""".split())

# Verbs of advocacy — urging, pressing, appealing, demanding: with an infinitive or a noun phrase ("urged Russia to
# accept the ceasefire", "called for better pensions") they report a position taken for the act or thing urged,
# not the words said (type ``attitude``, like evaluation).
ADVOCACY_CUES = frozenset("urge press encourage exhort implore plead appeal push lobby demand call beg".split())
# Verbs of asking: with an infinitive a request ("asked the candidates to discuss their own ideas": ``attitude``, as
# advocacy), with a noun phrase the topic of a question ("asked the minister about the cuts", "Asked about the
# explosion, …": ``mention``; PolNeAR gives it to the one asked, who answers). PolNeAR annotates both; the Gender
# Gap Tracker neither.
ASKING_CUES = frozenset("ask".split())

# Verbs of citing and noting: with a noun phrase they report what the speaker spoke of or pointed to ("cited the
# remarks as examples", "noted Bill Clinton's comments", "mentioned her granddaughter", "recalled an incident"), not
# the words said: type ``mention``. PolNeAR train (840 articles): 145 of 187 such candidates are its attributions
# (0.78); verbs of topic ("spoke about", "talked about": 0.54), of emphasis ("highlighted", "stressed": 0.61) and
# of answering ("responded to": 0.49) are less often, and stay acts.
MENTION_CUES = frozenset("cite note mention refer reference recall list outline comment".split())
# Verbs that put an attitude into words — expressing, complaining, lamenting: with a noun phrase ("expressed
# concern about the plan", "complained about the referee", "bemoaned the cuts") an attitude expressed (type
# ``attitude``), not the words said. Kept apart from ``EVALUATIVE_CUES``, which read a clause without "that" as
# no proposition: "complained the referee was biased" is something said.
EXPRESSIVE_CUES = frozenset("express voice complain lament bemoan rebut lash".split())

# Pro-forms for words said: "said the same thing", "said as much", "haven't said much about …", "said yes", "said
# his piece" report that something was said, and of what, without the words (type ``mention`` after a verb of saying).
PRO_FORMS = frozenset("same much little nothing something anything yes no so piece".split())

# Verbs whose object is the target or the thing held — evaluation, citing, belief: a one-word object is content
# ("attacked Machado", "does not defend it", "believe it"); after other verbs it seldom is ("declared bankruptcy").
TARGET_CUES = EVALUATIVE_CUES | MENTION_CUES | BELIEF_CUES

# Verbs of writing and publishing.
WRITING_CUES = frozenset("write publish post tweet blog email e-mail text print define sign pen".split())

# Nouns that name a document or a medium: as a speaker or a medium they make the statement writing.
DOCUMENT_NOUNS = frozenset("""
statement report letter email e-mail memo memorandum post tweet release communique communiqué filing lawsuit suit
complaint petition study survey poll review analysis paper article column essay editorial book memoir document
accounts website site blog message note transcript submission manifesto document affidavit brief ruling judgment
judgement verdict decision order minutes notice advert advertisement leaflet
""".split())

# The verbs of saying proper: with any subject a report of words ("the singer's statement said", "fans said"); the
# rest of the open class of cues is speech only from a subject that can speak (``_can_speak``).
SAYING_CUES = frozenset("""
say tell add state claim argue insist warn explain note report announce confirm admit concede reply respond ask
answer stress declare reveal suggest write comment remark maintain assert acknowledge deny predict
""".split())
# Nouns for a few people taken together ("the pair said they wanted to be role models").
COLLECTIVE_PEOPLE = frozenset("pair duo trio quartet couple family crew cast squad panel jury".split())
# A plea in court ("pleaded guilty to charges that …", "pleads not guilty"): a legal act, not words reported.
PLEAS = frozenset("guilty innocent".split())
# Marks that open an embedded question: after a negated cue ("did not say how many were sued", "would not say
# whether …") the question is what was left unsaid, not a content.
QUESTION_MARKS = frozenset("if whether how what why when where who which".split())

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSE_MARKS = {"that", "whether", "if", "because", "how", "why", "what", "when", "where", "who"}
_QUOTE_CHARS = "\"“”„«»"


def _content_root(doc: Doc, a: int, b: int) -> Token | None:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return None
    # without the marks at its ends: a closing quote mark hung on the cue ('… handed out “like candy.”') would be
    # the span's root
    lo, hi = span.start, span.end
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo:hi].root


def content_shape(doc: Doc, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """``clause`` | ``infinitive`` | ``noun phrase`` for the content's widest span (see the module docstring)."""
    shapes = []
    for a, b in spans:
        root = _content_root(doc, a, b)
        if root is None:
            continue
        shape = _shape_of(root, a, b)
        if shape != "clause" and root.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in _SUBJECTS and any(x <= c.idx < y for x, y in spans) for c in root.children):
            shape = "clause"  # "The museum, Mr. Obama said, would make visitors face …": its subject in the other span
        shapes.append(shape)
    if not shapes:
        return "clause"
    if "clause" in shapes:
        return "clause"
    return shapes[-1]


def _shape_of(root: Token, a: int, b: int) -> str:
    kids = list(root.children)
    inside = [c for c in kids if a <= c.idx < b]
    if root.pos_ in {"VERB", "AUX"}:
        if any(c.dep_ in _SUBJECTS for c in inside):
            return "clause"
        if any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in inside):
            return "clause"
        if root.tag_ == "VBG" or root.dep_ in {"pcomp", "pobj", "dobj"}:
            return "noun phrase"  # a gerund: "admitted drug dealing", "accused him of being disloyal"
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) or root.tag_ == "VB":
            return "infinitive"
        return "clause"  # a finite verb whose subject the parse put elsewhere
    if root.lower_ in _CLAUSE_MARKS and root.dep_ in {"mark", "advmod"}:
        return "clause"
    if root.dep_ == "ccomp" and any(c.dep_ in _SUBJECTS or (c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS)
                                    for c in inside):
        return "clause"  # 'said that the guests had “hidden motives”' with the tagger taking the head for a noun
    if _predicated(root, a, b):
        return "clause"  # a small clause: "described the talks as constructive", "called the sale illegal"
    # a noun phrase, or a preposition with its object ("on the government to stem …", "for better pensions"); a
    # clause inside it, on its own subject, does not make the whole a clause
    return "noun phrase"


def marked_clause(doc: Doc, spans) -> bool:
    """Whether a content span is a clause opened by a mark ("that …", "whether …", "if …", "how …")."""
    for a, b in spans:
        root = _content_root(doc, a, b)
        if root is None:
            continue
        if root.lower_ in _CLAUSE_MARKS and root.dep_ in {"mark", "advmod"}:
            return True
        if root.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"mark", "advmod", "nsubj", "dobj"} and c.lower_ in
                                                 _CLAUSE_MARKS and c.i == root.left_edge.i and a <= c.idx < b
                                                 for c in root.children):
            return True
    return False


def _opens_question(doc: Doc, spans) -> bool:
    """Whether the content's first word opens an embedded question ("how many …", "if they were …")."""
    for a, b in spans[:1]:
        span = doc.char_span(a, b, alignment_mode="expand")
        words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
        return bool(words) and words[0].lower_ in QUESTION_MARKS
    return False


def _predicated(root: Token, a: int, b: int) -> bool:
    """A noun phrase with a predicate of its own inside the content: the object and its complement ("the talks as
    constructive") say that X is Y, which is something said; "the governor for the delays" says nothing of X."""
    cue = root.head
    for c in list(cue.children) + list(root.children):
        if not (a <= c.idx < b) or c is root:
            continue
        if c.dep_ in {"oprd", "acomp"} or c.dep_ == "ccomp" and c.head is cue:
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and any(
                g.dep_ == "pobj" and g.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"} or g.dep_ in {"amod", "acomp", "pcomp"}
                for g in c.children):
            return True
    return False


def pro_form(doc: Doc, spans) -> bool:
    """Whether the content is a pro-form for the words said (``PRO_FORMS``): its head, or the head's "same"."""
    if len(spans) != 1:
        return False
    root = _content_root(doc, *spans[0])
    if root is None:
        return False
    return root.lower_ in PRO_FORMS or any(c.lower_ == "same" and c.dep_ in {"amod", "det"} for c in root.children)


def quoted_share(text: str, spans, quotes) -> float:
    """The share of the content's characters that lie inside quotation marks."""
    total = sum(b - a for a, b in spans)
    if total <= 0:
        return 0.0
    inside = 0
    for a, b in spans:
        for q in quotes:
            for qa, qb in q.spans:
                inside += max(0, min(b, qb) - max(a, qa))
    return min(1.0, inside / total)


def _lemma(tok: Token | None) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def animate_speaker(tok: Token) -> bool:
    """Whether a speaker's head can speak: a person, organisation, country or group, a pronoun for one, or a role
    or group noun ("officials", "the spokesman") — not a document, a study or figures."""
    if any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in tok.subtree if t.dep_ != "prep"):
        return True  # "The economist Philip Shaw", "the Bank of England"
    if tok.pos_ == "PRON":
        return tok.lower_ not in {"it", "this", "that", "which"}
    if is_document(tok):
        return False

    lemma = tok.lemma_.lower()
    return (lemma in lx.GROUP_NOUNS or lemma + "s" in lx.GROUP_NOUNS or lemma in lx.ROLE_HEADS or
            tok.lower_ in lx.GROUP_NOUNS or lemma in BODY_NOUNS or tok.pos_ == "PROPN")


def _can_speak(tok: Token) -> bool:
    """A common-noun speaker that can speak: ``animate_speaker``, a document ("a statement said"), a person noun
    ("the singer", "the DJ"), people counted as one ("the pair"), an organisation noun ("the trade body") or a
    person by age ("the 28-year-old world number one")."""
    from .coref import ORG_NOUNS
    from .lexicon import is_demonym_person

    return animate_speaker(tok) or is_document(tok) or is_person_noun(tok) or tok.lemma_.lower() in ORG_NOUNS or \
        tok.lemma_.lower() in COLLECTIVE_PEOPLE or is_demonym_person(tok.text) or any(
        t.lower_ == "old" and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "year" for t in tok.lefts if t.i >= 2)


def is_document(tok: Token | None) -> bool:
    """A document or medium noun ("A statement", "the post", "the lawsuit", "the report")."""
    return tok is not None and tok.pos_ in {"NOUN", "PROPN"} and (
        tok.lemma_.lower() in DOCUMENT_NOUNS or tok.lower_ in DOCUMENT_NOUNS)


def statement_type(doc: Doc, cue: Token | None, spans, kind: str, quotes, *, speaker: Token | None = None,
                   medium: str | None = None, floating: bool = False) -> str | None:
    """The type of a candidate statement (one of ``model.STATEMENT_TYPES``), or None when it reports an act.

    ``cue`` is the cue token (None for a floating quote), ``spans`` the content's character spans, ``kind`` the
    builder's direct | indirect | mixed, ``quotes`` the article's quotes (``marks.Quote``), ``speaker`` the
    speaker's head token, ``medium`` the medium's text when the builder found one.
    """

    lemma = _lemma(cue)
    if cue is not None and (lemma in BELIEF_CUES or cue.lower_ in BELIEF_CUES):
        return "belief"
    if cue is not None and (cue.pos_ == "ADJ" or cue.tag_ == "VBN" and cue.lower_ in lx.STANCE_ADJECTIVES):
        return "belief"  # a stance adjective: "was adamant that …", "is skeptical about …", "were frustrated that …"
    if lemma in FINDING_CUES and speaker is not None and not animate_speaker(speaker):
        return "finding"
    if cue is not None and lemma == "plead" and any(c.lower_ in PLEAS for c in cue.children):
        return None  # "pleaded guilty to charges that …": a plea, an act in court
    if cue is not None and cue.pos_ in {"VERB", "AUX"} and any(c.dep_ == "neg" for c in cue.children) \
            and _opens_question(doc, spans):
        return None  # "did not say how many were being sued": nothing said
    typ = _said_type(doc, cue, lemma, spans, kind, quotes, speaker, medium, floating)
    if typ in {"speech", "writing"} and cue is not None and kind != "direct" and (
            lemma == "add" and any(c.dep_ == "prep" and c.lower_ == "to" for c in cue.children) or
            lemma not in SAYING_CUES and speaker is not None and speaker.pos_ == "NOUN" and not _can_speak(speaker)):
        # "the latest triumph adds to the Grammys …" (adds to: increases), "the double album saw the pair produce
        # …", "the program had identified …": no one speaks; like a verb of evidence with such a subject, what a
        # thing shows or brings, not words said
        return "finding"
    return typ


def _said_type(doc: Doc, cue: Token | None, lemma: str, spans, kind: str, quotes, speaker: Token | None,
               medium: str | None, floating: bool) -> str | None:
    """``statement_type`` past the cue classes that decide alone: writing or speech by the content's shape."""
    writing = (lemma in WRITING_CUES or is_document(speaker) or
               (medium is not None and any(w.lower() in DOCUMENT_NOUNS for w in medium.split())))
    typ = "writing" if writing else "speech"
    if floating or kind == "direct" or cue is None or cue.text == ":":
        return typ  # a line given to a speaker ("PENCE: Well, look, …") is what they said, whatever its shape
    if cue.lower_ == "according" or (cue.dep_ == "advcl" and any(c.lower_ == "as" for c in cue.children)):
        return typ  # "according to X, …" / "as X reported, …": the rest of the sentence
    if lemma in EVALUATIVE_CUES and cue.pos_ == "VERB" and not marked_clause(doc, spans):
        # a verb of evaluation reports a proposition only through a clause it opens with a mark ("questioned
        # whether …", "welcomed that …"); its object, with or without a predicate ("hailed the film as inspiring
        # debate", "praised him for his “sensational start”"), is the target evaluated
        return "attitude"
    shape = content_shape(doc, spans)
    if shape == "clause":
        return typ
    if quoted_share(doc.text, spans, quotes) >= 0.5:
        return typ  # the words themselves: 'called for “a commitment to policies that …”'
    if lemma in EVALUATIVE_CUES and shape == "noun phrase":
        return "attitude"  # "criticised the plan": an evaluation expressed toward a target
    if lemma in ADVOCACY_CUES:
        return "attitude"  # "urged Russia to accept the ceasefire": a position taken for what is urged
    if lemma in lx.ADDRESSEE_VERBS and shape == "infinitive":
        return "attitude"  # "told his advisers to figure out how …": an order, a request like asking
    if lemma in ASKING_CUES:
        # a request ("asked X to …"); the topic of a question ("asked X about …")
        return "attitude" if any(c.dep_ == "xcomp" for c in cue.children) else "mention"
    if cue.pos_ == "VERB" and shape == "noun phrase":
        if lemma in lx.REPORTING_VERBS and pro_form(doc, spans):
            return "mention"  # "said the same thing", "said as much", "hasn't said much about the debate"
        if lemma in MENTION_CUES:
            return "mention"  # "cited the remarks as examples", "noted Bill Clinton's comments": what was spoken of
        if lemma in EXPRESSIVE_CUES:
            return "attitude"  # "expressed concern about the deal", "complained about the referee"
    return None


# -- a document as the speaker -----------------------------------------------------------------------------------

_AUTHOR_PREPS = {"from", "by", "of"}


def document_phrase(tok: Token) -> tuple[str, tuple[int, int]]:
    """The document's noun phrase ("A statement", "Wednesday's statement", "a report on the experiment")."""
    sub = list(tok.subtree)
    lo, hi = sub[0].i, sub[-1].i + 1
    while lo < tok.i and tok.doc[lo].is_punct:
        lo += 1
    while hi - 1 > tok.i and tok.doc[hi - 1].is_punct:
        hi -= 1
    span = tok.doc[lo:hi]
    return span.text, (span.start_char, span.end_char)


def document_author(tok: Token, animate) -> Token | None:
    """The author the document's own phrase names: its possessor ("the company's statement") or the object of
    "from"/"by"/"of" ("a statement from Mr Spitzer's office"), when that is an actor that can speak."""
    for c in tok.children:
        if c.dep_ == "poss" and animate(c):
            return c
        if c.dep_ == "prep" and c.lower_ in _AUTHOR_PREPS:
            for p in c.children:
                if p.dep_ == "pobj" and not is_document(p) and (
                        animate(p) or any(g.dep_ == "poss" and animate(g) for g in p.children)):
                    return p  # "from the company", "from Mr Spitzer's office"
    return None


def author_from_context(sent_start: int, earlier, organisations: set[str], sentence_of):
    """When the document's phrase names no author: the speaker of a statement in the same sentence or the one
    before ("…, Mr Spitzer's office added. It also …, a statement said."), else the organisation speaking last
    before it (the document is that organisation's), else None. ``earlier`` are the statements before it, in
    order; ``sentence_of(offset)`` numbers sentences."""
    here = sentence_of(sent_start)
    for st in reversed(earlier):
        if st.speaker.actor is None:
            continue
        if here - sentence_of(st.sentence_span[0]) <= 1:
            return st.speaker
        break
    for st in reversed(earlier):
        if st.speaker.actor in organisations:
            return st.speaker
    return None


# -- where an unclosed quotation ends -----------------------------------------------------------------------------

def end_unclosed(doc: Doc, quotes: list, is_cue) -> list:
    """Where a quote whose closing mark is missing really ends.

    An unclosed quote (``closed=False``) runs to the end of its paragraph, and a straight mark reopening a quote
    inline (``marks``: a paragraph break lost) may instead open a new quote after a missing close; either way the
    quote can swallow narration ('… to their lives. His contribution follows … Scrichapan said he would donate …';
    '… a few regrets. Robinson also revealed that … "We signed a card …," said Robinson'). A speaker does not report
    a named party in the third person: the quote ends before the first sentence inside it that does not open with
    a quotation mark and whose reporting verb has a named subject ("Robinson also revealed that …"). After such a
    cut, a later reopening mark starts a quote of its own, to the original end."""
    from .marks import Quote

    text = doc.text
    out = []
    for q in quotes:
        if q.pieces or not (not q.closed or _inline_reopen(text, q.start, q.end)):
            out.append(q)
            continue
        cut = None
        for sent in doc.sents:
            if sent.start_char <= q.start or sent.start_char >= q.end:
                continue
            if text[sent.start_char:sent.start_char + 1] in _QUOTE_CHARS:
                continue  # a sentence that reopens the quotation is still the speaker's
            if any(t.pos_ == "VERB" and is_cue(t) and any(
                    c.dep_ in {"nsubj", "nsubjpass"} and (c.pos_ == "PROPN" or c.ent_type_ in {"PERSON", "ORG"})
                    for c in t.children) for t in sent):
                cut = sent.start_char
                break
        if cut is None:
            out.append(q)
            continue
        end = cut
        while end > q.start and text[end - 1].isspace():
            end -= 1
        out.append(Quote(q.start, end, False))
        again = _inline_reopen(text, cut, q.end)
        if again is not None:
            out.append(Quote(again, q.end, q.closed))
    return out


def _inline_reopen(text: str, start: int, end: int) -> int | None:
    """The offset of the first straight mark in (start, end) that follows a sentence end and a space and opens a
    capitalised word (``marks._reopens_inline``), or None."""
    for i in range(start + 1, end - 1):
        if text[i] == '"' and text[i - 1].isspace() and text[i + 1].isupper():
            j = i - 1
            while j > start and text[j].isspace():
                j -= 1
            if text[j] in ".?!":
                return i
    return None
