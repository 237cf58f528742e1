"""Parse helpers every onrecord component uses: who the subject of a verb is, whether a token names someone who
can speak or act, and the mention a head token stands for.

They read spaCy's dependency labels (ClearNLP style, as in ``en_core_web_sm``) and the entity types, and nothing
of any component's state, so quotes, events and stances all ask the same questions the same way.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

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
    """The clausal complement (ccomp) of a verb, if any — of two, the one after the verb ("Writing for a panel that
    agreed Pence won, Barabak noted that …", "It's unlikely; her team says she'll continue …": not the clause
    before it the parse also hung on it);
    or a that-clause the parse hung on the verb as an adverbial clause after a phrase in between ("tweeted in the
    early morning hours that Machado was …") or, after "tell", on its addressee as a relative clause ("told a
    meeting of leaders that few people understood …": "that" is the clause's mark, not its subject or object)."""
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        after = [c for c in comps if c.i > tok.i]
        return after[0] if after and len(comps) > 1 else comps[0]
    for c in tok.children:
        if c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ == "that" and c.left_edge.i > tok.i + 1 and \
                any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children):
            return c
        if c.dep_ == "advcl" and c.i > tok.i and tok.lemma_.lower() in lx.REPORTING_VERBS and _bare_finite(c):
            return c  # "Trump said after the convention he would not accept …": no subordinator, so no adverbial
    if tok.lemma_.lower() in lx.ADDRESSEE_VERBS:
        for obj in tok.children:
            if obj.dep_ not in {"dobj", "dative"}:
                continue
            for t in obj.subtree:
                if t.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == t.left_edge.i
                                             for m in t.children) and any(g.dep_ in SUBJ for g in t.children):
                    return t
    return None


def _bare_finite(clause: Token) -> bool:
    """A finite clause with its own subject and no subordinator ("if", "when", "because", "as", "while"): an
    adverbial clause always has one, so such a clause after a verb of saying is what was said."""
    if not any(g.dep_ in {"nsubj", "nsubjpass"} and g.i < clause.i for g in clause.children):
        return False
    if any(g.dep_ == "mark" or (g.dep_ == "advmod" and g.tag_ == "WRB") for g in clause.children):
        return False
    return clause.tag_ in {"VBD", "VBZ", "VBP"} or any(g.dep_ == "aux" and g.tag_ == "MD" for g in clause.children)


def fronted_subject(verb: Token) -> Token | None:
    """'In a meeting with the editorial board of the Washington Post Trump said that …': a verb with no subject
    whose fronted phrase the parse let swallow the name right before it; that name (a person, organisation or
    group, or a personal pronoun), ending the phrase, is the subject. None otherwise."""
    if verb.i == 0 or any(c.dep_ in SUBJ or c.dep_ in {"agent", "auxpass"} for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    while prev.i > 0 and prev.dep_ in {"aux", "neg", "advmod"} and prev.head is verb:
        prev = verb.doc[prev.i - 1]  # "… Trump also said", "… Trump has said"
    if prev.is_punct or prev.dep_ not in {"pobj", "appos", "conj", "dobj"}:
        return None
    if not (prev.ent_type_ in {"PERSON", "ORG", "NORP"} or (
            prev.lower_ in lx.PERSONAL_PRONOUNS and prev.lower_ not in {"it", "its"})):
        return None
    left = {t.i for c in verb.lefts for t in c.subtree}
    return prev if prev.i in left else None


_INVERTING = frozenset("say add continue insist explain note warn claim admit confirm".split())


def inverted_subject(tok: Token) -> Token | None:
    """'…, added the spokesman.': an inverted verb of saying after a comma, whose one argument — an animate noun
    phrase ending the sentence — the parser took for its object, has that noun phrase as subject."""
    if tok.lemma_.lower() not in _INVERTING or tok.i == 0 or tok.doc[tok.i - 1].text != "," or any(
            c.dep_ in SUBJ or c.dep_ in {"ccomp", "xcomp", "nsubjpass"} for c in tok.children):
        return None
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if len(objs) != 1 or not is_animate(objs[0]):
        return None
    end = objs[0].right_edge.i + 1
    if end < len(tok.doc) and not (tok.doc[end].is_punct and tok.doc[end].text in {".", "!", "?"}):
        return None
    return objs[0]


def subject_token(tok: Token) -> Token | None:
    """Who does or says ``tok``: its subject or "by" agent, climbing (at most 5 heads) through the relations in
    ``CLIMB`` to the clause that has one; None for an agentless passive."""
    inverted = inverted_subject(tok)
    if inverted is not None:
        return inverted
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


def entity_bounds(tok: Token) -> tuple[int, int] | None:
    """Token range of the named entity ``tok`` is part of, read off the IOB tags around it (``doc.ents`` rebuilds
    every entity of the Doc on each access: asked per mention, that is mentions × tokens)."""
    if not tok.ent_type_ or tok.ent_iob_ == "O":
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


class Entities:
    """A Doc's named entities, read once and found by token position in log(entities) — ``doc.ents`` and a span's
    ``.ents`` walk every token of the Doc on each access, so a rule asking per event or per statement cost
    events × tokens (issue 14: 87 of 96 s of a 500-paragraph article)."""

    def __init__(self, doc: Doc):
        self.all: tuple[Span, ...] = tuple(doc.ents)
        self.starts = [e.start for e in self.all]
        self.by_start = {e.start: e for e in self.all}

    def within(self, start: int, end: int) -> list[Span]:
        """The entities that lie inside tokens ``start:end``, as ``doc[start:end].ents`` gives them."""
        out = []
        for ent in self.all[bisect.bisect_left(self.starts, start):]:
            if ent.end > end:
                break
            out.append(ent)
        return out

    def starting_at(self, positions) -> list[Span]:
        """The entities whose first token is one of ``positions``, in text order."""
        return [self.by_start[i] for i in sorted(positions) if i in self.by_start]


class Sentences:
    """A Doc's sentences, read once: ``of(tok)`` is ``tok.sent`` without its walk to both ends of the sentence
    (per quote or per event in a one-sentence article of thousands of tokens, that walk is quadratic)."""

    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(doc.sents)
        self.index = [0] * len(doc)
        for k, sent in enumerate(self.spans):
            for i in range(sent.start, sent.end):
                self.index[i] = k

    def of(self, tok: Token) -> Span:
        return self.spans[self.index[tok.i]]


class Subtrees:
    """Every token's subtree, from one walk of the Doc's heads: its first and last token as ``tok.subtree`` yields
    them, and whether it holds a token. ``list(tok.subtree)`` (and ``tok.lefts``/``rights``, which scan the
    subtree's span) per cue is quadratic in a chain of nested clauses ('said "a" said "a" …')."""

    def __init__(self, doc: Doc):
        n = len(doc)
        heads = [t.head.i for t in doc]
        kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                kids[h].append(i)
        self.first, self.last = list(range(n)), list(range(n))
        self.tin, self.tout = [0] * n, [0] * n
        clock = 0
        for root in (i for i in range(n) if heads[i] == i):
            stack = [(root, False)]
            while stack:
                i, done = stack.pop()
                if done:  # children first: subtree order is lefts, the token, rights
                    self.tout[i] = clock
                    if kids[i] and kids[i][0] < i:
                        self.first[i] = self.first[kids[i][0]]
                    if kids[i] and kids[i][-1] > i:
                        self.last[i] = self.last[kids[i][-1]]
                    continue
                self.tin[i] = clock
                clock += 1
                stack.append((i, True))
                stack.extend((k, False) for k in reversed(kids[i]))

    def holds(self, root: int, i: int) -> bool:
        return self.tin[root] <= self.tin[i] < self.tout[root]


class Intervals:
    """Character intervals ``(start, end, key)`` (statement contents), asked which hold a point: the smallest key
    of those that do, in about log(intervals) when they seldom nest, instead of a scan of them all per question."""

    def __init__(self, items):
        self.items = sorted(items)
        self.starts = [a for a, _, _ in self.items]
        self.reach = []  # the furthest end of the intervals up to each one
        far = -1
        for _, b, _ in self.items:
            far = max(far, b)
            self.reach.append(far)

    def first_holding(self, x: int):
        best = None
        j = bisect.bisect_right(self.starts, x) - 1
        while j >= 0 and self.reach[j] > x:
            a, b, key = self.items[j]
            if a <= x < b and (best is None or key < best):
                best = key
            j -= 1
        return best


def np_span(tok: Token) -> Span:
    """The mention for a speaker token: its entity, or its noun phrase without clauses and appositions."""
    doc = tok.doc
    bounds = entity_bounds(tok)
    if bounds is not None:
        s, e = bounds
        while e > s + 1 and doc[e - 1].text in ("’s", "'s"):
            e -= 1
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


# Verbs whose object is not the subject of their complement ("promised Kyiv to deliver": the promiser delivers).
SUBJECT_CONTROL = frozenset("promise vow pledge threaten swear".split())
# Prepositions that link an object to a clause about it ("accused X of", "blamed X for", "stopped X from").
CONTROL_PREPS = frozenset("of for from into".split())


def controller(verb: Token) -> Token | None:
    """The object of a governing verb that is the unstated subject of the clause (object control): "accused
    Moscow of preparing to reject" → Moscow rejects; "urged Russia to accept" → Russia accepts.  None when the
    clause has its own subject or no object governs it."""
    cur, hops = verb, 0
    while hops < 4 and not any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in cur.children):
        if cur.dep_ == "xcomp":
            gov = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ in CONTROL_PREPS:
            gov = cur.head.head  # "accused Moscow [of [preparing …]]"; not "wants X [before [signing …]]"
        else:
            return None
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if obj is not None and gov.pos_ == "VERB" and gov.lemma_.lower() not in SUBJECT_CONTROL:
            return obj
        cur, hops = gov, hops + 1
    return None
