"""Parse helpers every onrecord component uses: who the subject of a verb is, whether a token names someone who
can speak or act, and the mention a head token stands for.

They read spaCy's dependency labels (ClearNLP style, as in ``en_core_web_sm``) and the entity types, and nothing
of any component's state, so quotes, events and stances all ask the same questions the same way.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import lexicon as lx

# subject relations
SUBJ = {"nsubj", "nsubjpass", "csubj"}
# relations a verb climbs through to the clause that has the subject ("writing on X", "adding that")
CLIMB = {"advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep", "relcl", "attr", "dobj", "npadvmod"}
ANIMATE_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def is_animate(tok: Token) -> bool:
    """A token that can speak or act: a person, organisation, place or group entity, a personal pronoun (not "it"),
    a relative "who"/"that", or a group or role noun ("officials", "minister")."""
    if tok.ent_type_ in ANIMATE_ENTS:
        return True
    low = tok.lower_
    if low in lx.PERSONAL_PRONOUNS and low not in {"it", "its"}:
        return True
    if low in {"who", "that"} and tok.tag_ in {"WP", "WDT"}:
        return True
    lemma = tok.lemma_.lower()
    return lemma in lx.GROUP_NOUNS or lemma in lx.ROLE_HEADS or low in lx.GROUP_NOUNS


def complement(tok: Token) -> Token | None:
    """The clausal complement (ccomp) of a verb, if any."""
    for c in tok.children:
        if c.dep_ == "ccomp":
            return c
    return None


def subject_token(tok: Token) -> Token | None:
    """Who does or says ``tok``: its subject or "by" agent, climbing (at most 5 heads) through the relations in
    ``CLIMB`` to the clause that has one; None for an agentless passive."""
    cur, hops = tok, 0
    while cur is not None and hops < 5:
        agent = next((g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        for c in cur.children:
            if c.dep_ == "nsubjpass":
                return None  # "sometimes referred to as …": a passive without "by" leaves the speaker unstated
            if c.dep_ in SUBJ:
                if c.tag_ in {"WP", "WDT"} and cur.dep_ == "relcl":
                    # "Russia and Ukraine, which wants …": the relative pronoun takes the nearest conjunct
                    conj = [x for x in cur.head.conjuncts if x.i < cur.i]
                    return max(conj + [cur.head], key=lambda x: x.i)
                return c
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if cur.dep_ not in CLIMB or cur.head is cur:
            return None
        if cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"} and is_animate(cur.head) \
                and cur.head.dep_ not in {"attr", "pobj"}:
            return cur.head  # "officials speaking on condition of anonymity"
        cur = cur.head
        hops += 1
    return None


def np_span(tok: Token) -> Span:
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

