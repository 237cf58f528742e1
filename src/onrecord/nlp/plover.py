"""PLOVER's coding conventions for an event the events layer found (the manual in ``eval-data/plover``): the type a
coder gives (intent is AGREE, refusal is REJECT), the mode and context fields, the issue (what was agreed,
rejected, offered), and the country names a party may be written as.  ``events._Coder`` calls these; they read
the coder's parse and actor lookups but never change it."""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from ..model import Issue
from . import lexicon as lx
from .triggers import CLAUSE_DEPS, trigger_type

# Verbs of commitment: an AGREE of their own whose issue is their complement ("promised to send aid": PLOVER AGREE;
# the aid itself is coded too, planned)
COMMISSIVE = frozenset("agree promise pledge vow commit offer".split())
# Types whose promise or announcement for the future PLOVER codes AGREE (manual: "Broad promises of future AID
# should be coded as AGREE"; "Promises, offers, or agreement for future cooperation should be coded as AGREE";
# "Promises to sign or ratify agreements … are coded as AGREE"), and RETREAT + future, which it codes CONCEDE
FUTURE_IS_AGREE = frozenset({"AID", "COOPERATE", "SUPPORT"})
# an acceptance one is made to give is a concession (manual, CONCEDE: "verbal concessions"; CAMEO 08 yield)
YIELDED = frozenset("accept agree accede".split())
COMPELLED = frozenset("have force oblige compel pressure pressurise pressurize".split())
# PLOVER REJECT: "refuse to agree", "will not accept" — a refused agreement or meeting; and support or a concession
# refused ("the US cannot support the IFF", "would not bow to demands": CAMEO 12 "all rejections and refusals",
# 124 "decline to yield")
REFUSED_IS_REJECT = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "CONCEDE"})
# the auxiliaries of a refusal: "will not", "would not", "cannot", "could not"
REFUSAL_AUX = frozenset({"will", "would", "shall", "wo", "can", "could", "ca"})
# the phrases that hold what an event is about, in the order they are tried
ISSUE_PREPS = ("to", "on", "for", "over", "about", "of", "against")
# Material conflict announced for the future or as a possibility is a threat (CAMEO 13: "1312 Threaten to boycott,
# embargo, or sanction", "1321-1324 threaten to impose restrictions", "138 Threaten with military force")
FUTURE_IS_THREAT = frozenset({"SANCTION", "COERCE", "ASSAULT"})
MAY_AUX = {"may", "might", "could"}
# what the manual names as future meetings that are AGREE: meetings, talks, summits, visits — not a remote contact
# ("his team would contact Russia later that day", "will phone", a call: CONSULT 'phone', planned)
MEETINGS = frozenset("""meet meeting talk talks negotiate negotiation negotiations summit visit trip host convene
confer consultation consultations""".split())
FUTURE_AUX = {"will", "would", "shall", "'ll", "’ll", "wo"}
PLAN_ADJ = {"ready", "willing", "prepared", "set", "due", "poised", "keen", "eager", "happy"}


@functools.lru_cache(maxsize=1)
def territories() -> dict[str, str]:
    """English country and territory names (CLDR, through Babel, which trafilatura's courlan already installs);
    empty when Babel is absent."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return {}
    return {name.lower(): name for code, name in Locale("en").territories.items() if code.isalpha()
            and len(code) == 2 and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}}
def territory(text: str) -> str | None:
    t = text.strip()
    if t.lower().startswith("the "):
        t = t[4:]
    return territories().get(t.lower())
def deed(verb: Token) -> bool:
    """Whether a commitment's complement is itself coded: the verb is a trigger ("agreed to withdraw") or its
    object phrase holds one ("to resume the flow of aid"), not a clause further down ("to pay …, to settle a
    lawsuit")."""
    if trigger_type(verb) is not None:
        return True
    todo = [c for c in verb.children if c.dep_ == "dobj"]
    while todo:
        t = todo.pop()
        if trigger_type(t) is not None:
            return True
        todo += [c for c in t.children if c.dep_ not in CLAUSE_DEPS]
    return False
def forsworn(deed_verb: Token) -> bool:
    """'pledged never to attack', 'promised not to raise taxes': a commitment to refrain is itself the AGREE a
    coder gives (the promise), not the deed, which does not happen."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in deed_verb.children)


# Signing or ratifying an agreement that is done is SUPPORT (CAMEO 057 "sign formal agreement"; manual, SUPPORT:
# "ratify, sign, or finalize an agreement or treaty"); a promise to sign is AGREE, and so is a signed statement of
# intent ("signed a memorandum of understanding on energy co-operation": willingness to cooperate, AGREE)
SIGNING = frozenset("sign ratify finalise finalize".split())
INTENT_DOCUMENTS = frozenset("memorandum memorandums memoranda mou declaration letter intent framework roadmap".split())


def plover_type(coder, kind: str, modality: str, trigger: Token, verb: Token | None) -> str:
    """The type a PLOVER coder gives where the manual recodes what the trigger says: a refused agreement or
    meeting is REJECT ("will not accept", "refused to sign"; not "without discussing"); the future of a
    specific aid, cooperation or support announced with will/would is AGREE, and of a retreat CONCEDE (manual,
    AGREE and CONCEDE ambiguities).  A commitment verb's complement ("agreed to resume aid", "promised to send
    aid") is one event: a promise, pledge or offer of aid, cooperation or support is AGREE ("promised to send
    aid"); what was agreed to keeps its type, planned ("agreed to resume aid": AID, planned).  A signed
    agreement is SUPPORT (``SIGNING``)."""
    if kind == "CONSULT" and modality == "planned" and trigger.lemma_.lower() in MEETINGS:
        return "AGREE"  # "will start accession talks", "is due to meet Putin" (manual, CONSULT: "References to
        # future meetings, summits, state visits, etc. … should be coded as AGREE"); a call ahead stays CONSULT
    if verb is None or verb is not trigger:
        return kind
    if kind == "AGREE" and trigger.lemma_.lower() in YIELDED and trigger.dep_ == "xcomp" and (
            trigger.head.lemma_.lower() in COMPELLED) and not any(c.dep_ == "neg" for c in trigger.head.children):
        return "CONCEDE"  # "Erdogan had to accept …", "the union was forced to accept the offer": a yielding
    chain = coder._clause_chain(verb)
    if modality == "negated" and kind in REFUSED_IS_REJECT:
        kids = [c for v in chain for c in v.children]
        refused = any(v.lemma_.lower() in {"refuse", "decline"} for v in chain[1:])
        # "will not accept", "would not sign", "is not ready to meet": an intent refused, not a past
        # non-event ("did not meet" stays CONSULT, negated)
        intent = any(c.dep_ == "neg" for c in kids) and (
            any(c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in kids)
            or (chain[-1].dep_ == "xcomp" and chain[-1].head.lower_ in PLAN_ADJ)
            or any(v.pos_ == "ADJ" and v.lower_ in PLAN_ADJ for v in chain[1:]))
        # "has not accepted the recommendation", "did not agree": a negated acceptance is a rejection
        accept = kind == "AGREE" and any(c.dep_ == "neg" for c in kids)
        if refused or intent or accept:
            return "REJECT"
    if modality in {"planned", "hypothetical"} and kind in FUTURE_IS_THREAT:
        kids = [c for v in chain for c in v.children]
        # the manual: THREATEN "could be ASSAULT + hypothetical" — code the single category.  A conditional
        # ("if …, Britain will impose sanctions") or a possibility ("would", "may", "could") is a threat; a plain
        # plan ("Britain will leave the EU") stays what it is, planned
        if any(c.dep_ == "aux" and c.lower_ in (FUTURE_AUX | MAY_AUX if modality == "hypothetical" else
                                                (FUTURE_AUX - {"will", "shall", "'ll", "’ll"}) | MAY_AUX)
               for c in kids):
            return "THREATEN"  # "would impose sanctions", "may ban him" (CAMEO 1312, 138: threaten to …)
    if modality == "planned" and kind == "RETREAT":
        return "CONCEDE"  # "announced … would withdraw troops", "agreed to withdraw" (manual, CONCEDE)
    if modality == "planned" and kind in FUTURE_IS_AGREE:
        commit = {v.lemma_.lower() for v in chain[1:]} & COMMISSIVE
        if commit:
            # "promised to send aid", "had agreed to loan the firm the money", "agreed to cooperate" (manual, AGREE:
            # "agree to, offer, promise … to cooperate"; AID: broad promises of future aid are AGREE).  A deed
            # whose trigger is the aid noun ("agreed to resume the flow of aid") returned above: AID, planned
            return "AGREE"
        kids = [c for v in chain for c in v.children]
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
            return "AGREE"
    if kind == "AGREE" and modality == "asserted" and trigger.lemma_.lower() in SIGNING and not any(
            t.lemma_.lower() in INTENT_DOCUMENTS for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}
            for t in c.subtree):
        return "SUPPORT"
    return kind
def issue_of(coder, trigger: Token, word: Token, verb: Token | None, via: Token | None) -> Issue | None:
    """What the event is about: a verb's object that is not a party ("rejected a neighbour's proposal"), else
    its to/on/for/over/about phrase ("agreeing in principle to a monthlong ceasefire"), else its infinitive
    complement ("agreed to resume the flow of aid"); an event noun's of/on/for phrase or complement ("talks
    on a free-trade agreement", "a request for aid").  An answer ("say 'no'") is about what was asked, which
    the sentence does not hold: none."""
    if word is not trigger:
        return None
    doc = coder.doc

    def span_of(head: Token, drop_actor: bool = True) -> Issue | None:
        toks = [t for t in head.subtree if not t.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if not toks:
            return None
        if head.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "PERCENT", "MONEY"} and \
                head.pos_ != "VERB" and not (head.ent_type_ == "MONEY" and trigger.lemma_.lower() in COMMISSIVE):
            return None  # "met on Monday", "talks in Athens": when and where, not what
        if drop_actor and head.pos_ in {"PROPN", "PRON"} and coder._actors(head):
            return None  # the object is a party ("urged Russia"), not the issue
        if drop_actor and head.pos_ == "PRON":
            return None
        a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        return Issue(doc.text[a:b], (a, b))

    kids = list(trigger.children)
    if trigger.pos_ == "VERB":
        # "urged the chancellor to admit …", "asked Russia to accept …": the object is the one asked, the
        # infinitive what is asked
        asked = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} and any(
            k.dep_ == "aux" and k.lower_ == "to" for k in c.children)), None)
        if asked is not None and any(c.dep_ in {"dobj", "dative"} for c in kids):
            return span_of(asked, drop_actor=False)
        for c in kids:
            if c.dep_ == "dobj":
                got = span_of(c)
                if got is not None:
                    return got
        for prep in ISSUE_PREPS:
            for c in kids:
                if c.dep_ == "prep" and c.lower_ == prep:
                    obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                    if obj is not None:
                        got = span_of(obj)
                        if got is not None:
                            return got
        for c in kids:
            if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}:
                return span_of(c, drop_actor=False)
        return None
    for prep in ISSUE_PREPS:
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == prep:
                obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None and obj.ent_type_ not in {"DATE", "TIME"}:
                    got = span_of(obj)
                    if got is not None:
                        return got
    for c in kids:
        if c.dep_ in {"acl", "xcomp"} and c.pos_ == "VERB":
            return span_of(c, drop_actor=False)
    return None
def mode_of(kind: str, trigger: Token, issue: Issue | None, doc: Doc) -> tuple[str, ...]:
    """The PLOVER mode (the manual's mode table of the type), told by the trigger word, then by the words that
    depend on it, then by the issue's words (REJECT shares REQUEST's modes: assist, change, yield, meet)."""
    table = lx.PLOVER_MODES.get("REQUEST" if kind == "REJECT" else kind)
    if not table:
        return ()
    for w in (trigger.lower_, trigger.lemma_.lower()):
        if w in table:
            return (table[w],)
    for t in trigger.subtree:
        m = table.get(t.lower_) or table.get(t.lemma_.lower())
        if m is not None and t is not trigger:
            return (m,)
    if issue is not None:
        for w in issue.text.lower().split():
            if w in table:
                return (table[w],)
    return ()
def context_of(sent: Span) -> tuple[str, ...]:
    """PLOVER contexts (the manual's general context table) named by a word of the event's sentence."""
    out: list[str] = []
    for t in sent:
        c = lx.PLOVER_CONTEXTS.get(t.lower_)
        if c is not None and c not in out:
            out.append(c)
    return tuple(out[:3])
