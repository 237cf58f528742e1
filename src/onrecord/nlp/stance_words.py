"""The words and clause tests the stance rules read: polarity and evaluative words, cue classes (proposing,
fearing, claiming), and whether a clause is negated, hypothetical, withheld ("until …"), claimed by someone else,
or carries a reservation or a condition."""

from __future__ import annotations

import re

from spacy.tokens import Token

# Polarity toward the object: +1 for, -1 against.  Verbs and adjectives (lemmas).
POLAR = {
    **dict.fromkeys("want support back welcome endorse favour favor accept agree sign ratify approve seek propose "
                    "suggest offer enforce implement observe respect honour honor embrace pursue push urge demand "
                    "need hail praise applaud defend champion advocate join extend prefer negotiate".split(), 1),
    **dict.fromkeys("reject oppose refuse dismiss rebuff veto block resist denounce condemn criticize criticise "
                    "violate break undermine scrap abandon sabotage torpedo doubt fear".split(), -1),
    **dict.fromkeys("serious committed ready willing open keen eager prepared supportive hopeful optimistic "
                    "favourable favorable".split(), 1),
    **dict.fromkeys("wary hostile opposed skeptical sceptical critical dismissive suspicious against".split(), -1),
}
# Predicates whose subject is the topic: the speaker's evaluation of it.
EVALUATIVE = {
    **dict.fromkeys("work succeed help hold last".split(), 1),
    **dict.fromkeys("fail collapse".split(), -1),
}
# Words that make a description positive or negative ("an important moment for peace", "a trap").
EVAL_WORDS = {
    **dict.fromkeys("important good positive constructive welcome necessary crucial vital essential historic "
                    "breakthrough progress peace step opportunity chance hope success right".split(), 1),
    **dict.fromkeys("bad wrong mistake trap surrender dangerous unacceptable impossible unrealistic illusion "
                    "ploy farce failure disaster humiliation capitulation".split(), -1),
}
# Non-committal predicates: the actor studies, weighs or will not say ("is studying the proposal", "declined to
# comment on the ceasefire", "took no position on it") → neutral.
NEUTRAL_VERBS = frozenset("study consider examine review weigh assess evaluate analyse analyze ponder".split())
_NO_COMMENT = frozenset("decline refuse".split())
_POSITION_NOUNS = frozenset("position stance view side".split())
# Offices that speak for their government: "Peskov said Moscow was studying …", "Zelenskiy: Ukraine is ready …".
OFFICIAL_ROLES = ("spokes", "press secretary", "president", "prime minister", "foreign minister", "foreign affairs "
                  "minister", "secretary of state", "chancellor")
PROPOSING_CUES = frozenset("suggest propose urge call demand insist recommend want push".split())
SUBJECT_PROPOSING_CUES = frozenset("suggest propose urge recommend demand".split())
FEAR_CUES = frozenset("fear worry".split())
LINKING = frozenset("be appear seem remain look sound grow become stay".split())
OUTCOME_WORDS = frozenset("progress outcome result results breakthrough talks negotiations meeting summit".split())
_NEG = {"not", "n't", "never", "no"}
DEONTIC = {"must", "should", "ought", "need"}
FIRST_PERSON = {"i", "we", "me", "us"}
CONDITION = re.compile(
    r"\bonly\s+(?:on|if|when|after|with|under)\b|\bon\s+(?:the\s+)?conditions?\b|\bprovided\s+that\b|"
    r"\bas\s+long\s+as\b|\bunless\b|\bon\s+terms\b|\bwithout\s+(?:first\s+)?(?:discussing|addressing|agreeing|"
    r"settling|resolving)\b", re.I)
EVENT_POLARITY = {"AGREE": 1, "SUPPORT": 1, "REJECT": -1}
# Verbs that report an act as someone else's claim against the actor ("accused Moscow of preparing to reject").
CLAIM_VERBS = frozenset("accuse allege blame suspect charge claim".split())
# A contrast after support ("we certainly support it, but there are issues …") that names a reservation.
CONTRAST_WORDS = frozenset("but yet however though although".split())
RESERVATION_WORDS = frozenset("issue question condition concern detail nuance term problem caveat reservation "
                              "precondition demand".split())


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in _NEG and c.dep_ in {"advmod", "neg", "det"}) for c in tok.children)


def is_hypothetical(verb: Token, stop: Token | None) -> bool:
    """Whether the clause is the supposition of an if/unless/whether clause (up to the cue)."""
    cur, hops = verb, 0
    while hops < 5:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in cur.children):
            return True
        if cur.head is cur or (stop is not None and cur.head.i == stop.i) or cur.dep_ in {"ccomp", "ROOT"}:
            return False
        cur, hops = cur.head, hops + 1
    return False


_WITHHELD = {"until", "unless", "without", "before"}


def withheld_by(verb: Token) -> str | None:
    """'will not accept X until/unless/without/before Y': the word that makes a refusal a condition."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _WITHHELD:
            return c.text
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _WITHHELD for m in c.children):
            return next(m.text for m in c.children if m.dep_ == "mark" and m.lower_ in _WITHHELD)
    return None


def claimed_by(trigger: Token) -> Token | None:
    """The accusation verb whose complement holds the trigger ("accused Moscow of preparing to reject"), if any."""
    cur, hops = trigger, 0
    while cur.head is not cur and hops < 6 and cur.dep_ in {"xcomp", "pcomp", "prep", "ccomp", "pobj", "conj"}:
        cur, hops = cur.head, hops + 1
        if cur.pos_ == "VERB" and cur.lemma_.lower() in CLAIM_VERBS:
            return cur
    return None


def reservation_in(verb: Token, end: int | None = None) -> str | None:
    """A contrast after the verb in its sentence that names a reservation ("…, but there are issues that we
    need to discuss"; "…, before adding that many questions remained open"): the words from the contrast to the
    reservation, or None.  ``end`` (a character offset) stops the search."""
    sent = verb.sent
    toks = [t for t in sent if t.i > verb.i and (end is None or t.idx < end)]
    for k, t in enumerate(toks):
        low = t.lower_
        if low in CONTRAST_WORDS or (t.lemma_.lower() == "add" and t.dep_ in {"pcomp", "advcl", "conj"}):
            for r in toks[k + 1:]:
                if r.lower_ in CONTRAST_WORDS and r is not t:
                    break
                if r.lemma_.lower() in RESERVATION_WORDS and r.pos_ == "NOUN":
                    return verb.doc[t.i: r.i + 1].text
    return None


def neutral_reason(gov: Token) -> str | None:
    """Why ``gov`` withholds a position on its object, or None: a study verb ("studying the proposal"), a refusal
    to comment ("declined to comment on", "would not comment on"), "no position on"."""
    lemma = gov.lemma_.lower()
    if lemma in NEUTRAL_VERBS and gov.pos_ == "VERB" and not is_negated(gov):
        return gov.text
    if lemma == "comment" and gov.pos_ == "VERB":
        if is_negated(gov):
            return "not comment"
        if gov.dep_ == "xcomp" and gov.head.lemma_.lower() in _NO_COMMENT:
            return f"{gov.head.text} to comment"
    if lemma in _POSITION_NOUNS and gov.pos_ == "NOUN" and (
            any(c.dep_ == "det" and c.lower_ == "no" for c in gov.children) or (
            gov.dep_ == "dobj" and gov.head.lemma_.lower() == "take" and is_negated(gov.head))):
        return f"no {gov.text}"
    return None


_CLAUSES = {"ccomp", "pcomp", "acl", "relcl", "advcl", "xcomp", "csubj"}


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of ``head``'s phrase without the clauses embedded in it."""
    out, todo = [], [head]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ not in _CLAUSES]
    return out


def polar_of(tok: Token) -> int:
    return POLAR.get(tok.lemma_.lower(), 0) or POLAR.get(tok.lower_, 0)


def aggregate(polarities: list[str]) -> tuple[str, str]:
    """(stance, the aggregation rule in words, "" when all pieces agree) for one actor and topic."""
    pols = set(polarities)
    if len(pols) > 1:
        pols.discard("neutral")
    if len(pols) == 1:
        return next(iter(pols)), ""
    if {"support", "oppose"} <= pols:
        return "unclear", " → unclear: support and oppose both"
    if "oppose" in pols:
        return "oppose", " → oppose: conditions that amount to opposition"
    return "conditional", " → conditional: support with conditions"
