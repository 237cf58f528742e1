"""Event triggers: the words that name a PLOVER event type, and answers ("said yes") as events.

The verb and noun classes are lexicon.py's "PLOVER event triggers" (read off the PLOVER manual's type definitions
and the CAMEO→PLOVER table): a verb, with the particle, preposition or object some need ("call for", "pull out",
"open fire"); a verb that is an event by its object ("restored relations", "sent troops", "suspended protests");
an event noun; a compound such as "intelligence sharing".  A labour "strike" is PROTEST, a military one ASSAULT.
"""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon as lx

# verb lemma → [(PLOVER type, the particle/preposition/object it needs)], and noun → PLOVER type
VERB_TRIGGERS: dict[str, list[tuple[str, tuple[str, ...]]]] = lx.PLOVER_VERBS
NOUN_TRIGGERS: dict[str, str] = lx.PLOVER_NOUNS
# "on strike", "a general strike", "workers struck": a labour strike is PROTEST, an air strike ASSAULT
_LABOUR = frozenset("""general hunger labour labor national nationwide wildcat teachers workers worker union unions
employees staff doctors nurses miners drivers pilots""".split())
# "intelligence sharing": a compound that makes an otherwise neutral noun an event
COMPOUND_TRIGGERS = {("intelligence", "sharing"): "AID", ("weapons", "deliveries"): "AID",
                     ("military", "aid"): "AID"}


def _verb_type(tok: Token) -> str | None:
    by_object = _object_type(tok)  # "suspended protests" is CONCEDE though "suspend" alone is SANCTION
    if by_object is not None:
        return by_object
    specs = VERB_TRIGGERS.get(tok.lemma_.lower())
    if not specs:
        return None
    words = None
    for kind, needs in sorted(specs, key=lambda k: not k[1]):  # the phrasal readings first ("pull out")
        if not needs:
            if kind == "ASSAULT" and tok.lemma_.lower() == "strike" and _labour_subject(tok):
                return "PROTEST"
            return kind
        if words is None:
            words = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep", "dobj", "advmod"}}
        if words & set(needs):
            return kind
    return None


def _object_type(tok: Token) -> str | None:
    """A verb that is an event by its object ("restored diplomatic relations", "sent troops", "lay down arms")."""
    lemma = tok.lemma_.lower()
    if lemma == "find" and any(c.dep_ in {"oprd", "acomp", "ccomp", "xcomp"} and c.lower_ == "guilty"
                               for c in tok.children):
        return "SANCTION"  # "found guilty": convict (manual, SANCTION modes)
    objs = None
    for verbs, objects, kind in lx.PLOVER_VERB_OBJECTS:
        if lemma in verbs:
            if objs is None:
                objs = {g.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}
                        for g in [c] + [k for k in c.conjuncts]}
            if objs & objects:
                return kind
    return None


def _labour_subject(tok: Token) -> bool:
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _LABOUR or any(c.lower_ in _LABOUR for c in subj.children))


def trigger_type(tok: Token) -> str | None:
    """The PLOVER type a verb or event noun names, if it is a trigger."""
    if tok.pos_ == "VERB":
        return _verb_type(tok)
    if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"PERSON", "ORG", "GPE", "DATE", "NORP"}:
        for c in tok.children:
            if c.dep_ in {"compound", "amod"} and (c.lower_, tok.lower_) in COMPOUND_TRIGGERS:
                return COMPOUND_TRIGGERS[(c.lower_, tok.lower_)]
        kind = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(tok.lemma_.lower())
        if kind is None and tok.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ == "for"
                                                               for c in tok.children):
            return "REQUEST"  # "issued a call for party unity"
        if kind == "ASSAULT" and tok.lemma_.lower() == "strike" and (
                any(c.lower_ in _LABOUR for c in tok.children)
                or (tok.dep_ == "pobj" and tok.head.lower_ == "on")):
            return "PROTEST"
        return kind
    return None


def answer(tok: Token) -> tuple[str, Token] | None:
    """'say yes/no', 'their response is “no”': an answer is AGREE or REJECT ("yes or no" is a choice, not one)."""
    if tok.lemma_.lower() not in {"say", "answer", "be", "reply"}:
        return None
    words = {c.lower_: c for c in tok.children if c.lower_ in {"yes", "no"}}
    for c in tok.children:
        words.update({g.lower_: g for g in c.children if g.lower_ in {"yes", "no"} and c.lower_ in {"yes", "no"}})
    if len(words) != 1:
        return None
    if tok.lemma_.lower() == "be" and not any(
            c.dep_ == "nsubj" and c.lemma_.lower() in {"response", "answer", "reply"} for c in tok.children):
        return None
    word, t = next(iter(words.items()))
    return ("AGREE" if word == "yes" else "REJECT"), t
