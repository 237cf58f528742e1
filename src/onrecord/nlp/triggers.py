"""Event triggers: the words that name a PLOVER event type (verbs, with the particle or preposition some need; event
nouns; compounds such as "intelligence sharing"), and answers ("said yes") as events."""

from __future__ import annotations

from spacy.tokens import Token

# verb lemma → PLOVER type; a tuple value names the particle or preposition the verb needs ("call for")
VERB_TRIGGERS: dict[str, str | tuple[str, tuple[str, ...]]] = {
    **dict.fromkeys("meet negotiate consult discuss contact visit host".split(), "CONSULT"),
    "talk": ("CONSULT", ("with",)),
    **dict.fromkeys("agree accept sign ratify approve".split(), "AGREE"),
    **dict.fromkeys("aid assist".split(), "AID"),
    **dict.fromkeys("support back welcome endorse praise".split(), "SUPPORT"),
    **dict.fromkeys("urge demand request appeal".split(), "REQUEST"),
    "ask": ("REQUEST", ("for",)),
    "call": ("REQUEST", ("for",)),
    **dict.fromkeys("reject refuse dismiss rebuff veto".split(), "REJECT"),
    **dict.fromkeys("accuse blame condemn criticize criticise denounce".split(), "ACCUSE"),
    **dict.fromkeys("threaten warn".split(), "THREATEN"),
    **dict.fromkeys("sanction embargo".split(), "SANCTION"),
    **dict.fromkeys("attack strike shell bomb invade bombard".split(), "ASSAULT"),
    **dict.fromkeys("protest rally demonstrate".split(), "PROTEST"),
    **dict.fromkeys("withdraw retreat".split(), "RETREAT"),
    "pull": ("RETREAT", ("out", "back")),
    **dict.fromkeys("cooperate collaborate".split(), "COOPERATE"),
    "work": ("COOPERATE", ("with",)),
    "concede": "CONCEDE",
    "give": ("CONCEDE", ("up",)),
    **dict.fromkeys("mobilize mobilise deploy".split(), "MOBILIZE"),
    **dict.fromkeys("arrest detain expel seize blockade".split(), "COERCE"),
}
# noun (lower-cased form or lemma) → PLOVER type
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys("talks negotiation negotiations meeting summit consultation consultations".split(), "CONSULT"),
    **dict.fromkeys("deal agreement accord".split(), "AGREE"),
    **dict.fromkeys("aid assistance".split(), "AID"),
    **dict.fromkeys("support backing endorsement".split(), "SUPPORT"),
    **dict.fromkeys("request appeal".split(), "REQUEST"),
    **dict.fromkeys("rejection refusal".split(), "REJECT"),
    **dict.fromkeys("accusation accusations".split(), "ACCUSE"),
    **dict.fromkeys("threat threats ultimatum".split(), "THREATEN"),
    **dict.fromkeys("sanction sanctions embargo".split(), "SANCTION"),
    **dict.fromkeys("attack attacks airstrike airstrikes strike strikes shelling bombing offensive".split(), "ASSAULT"),
    **dict.fromkeys("protest protests rally rallies demonstration demonstrations".split(), "PROTEST"),
    **dict.fromkeys("withdrawal retreat".split(), "RETREAT"),
    "cooperation": "COOPERATE",
    **dict.fromkeys("concession concessions".split(), "CONCEDE"),
    **dict.fromkeys("mobilization mobilisation deployment".split(), "MOBILIZE"),
}
# "intelligence sharing": a compound that makes an otherwise neutral noun an event
COMPOUND_TRIGGERS = {("intelligence", "sharing"): "AID", ("weapons", "deliveries"): "AID",
                     ("military", "aid"): "AID"}


def trigger_type(tok: Token) -> str | None:
    """The PLOVER type a verb or event noun names, if it is a trigger."""
    if tok.pos_ == "VERB":
        spec = VERB_TRIGGERS.get(tok.lemma_.lower())
        if spec is None:
            return None
        if isinstance(spec, tuple):
            kind, needs = spec
            if not any(c.dep_ in {"prt", "prep"} and c.lower_ in needs for c in tok.children):
                return None
            return kind
        return spec
    if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"PERSON", "ORG", "GPE"}:
        for c in tok.children:
            if c.dep_ in {"compound", "amod"} and (c.lower_, tok.lower_) in COMPOUND_TRIGGERS:
                return COMPOUND_TRIGGERS[(c.lower_, tok.lower_)]
        return NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(tok.lemma_.lower())
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
