"""Coreference for actors: which actor a pronoun or a role noun refers to, and by which rule.

Pronouns (he/she/they and their object and possessive forms) are resolved by a small **mention-ranking model**:
every name mention of a compatible actor in the pronoun's sentence and the ``WINDOW`` sentences before it is a
candidate, described by a handful of syntactic and discourse features (subject or object, the parallel role of
the pronoun, the candidate governing the pronoun's clause — "Smith said he …" —, a co-argument that binding
forbids — "Smith praised him" —, distance, salience, the speaker chain of consecutive statements) and the products
of every pair of them (``conjoin``), and scored by a linear model. An actor's score is its best mention's; a learnt
"no antecedent" score competes with them. The weights were trained on the GAP development split (``python -m
onrecord.nlp.train_coref``) and ship as ``onrecord/data/coref.json`` — feature names and numbers only, no text.

Decisions follow the record's rule of not guessing: when the two best actors are within ``TIE`` of each other
the pronoun stays unresolved; when only one compatible actor is in the window it is taken.  Gender comes from the
text itself: an honorific ("Mrs Smith") or a pronoun already resolved to a person ("Mary Smith … she") fixes that
person's gender, and a pronoun of the other gender no longer considers them.

Role nouns ("the secretary of state", "the union leader", "the 32-year-old") are resolved by rule: the person
whose stated roles share the noun's head (most words in common, then the most recent), else a person whose age the
article gave ("Smith, 32,"), else the one person in the window.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx
from .marks import quoted_tokens

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "coref.json"
WINDOW = 3  # sentences before the pronoun's own
TIE = 0.03  # probability gap under which two actors are "equally likely"

# pronoun → m (he), f (she), p (they)
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
            "herself": "f", "they": "p", "them": "p", "their": "p", "theirs": "p", "themselves": "p"}
REFLEXIVE = {"himself", "herself", "themselves"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f",
                    "ms.": "f", "miss": "f", "dame": "f", "lady": "f"}
SPEECH_LEMMAS = frozenset("""
say tell add note explain argue claim insist warn state write announce report describe ask reply respond
comment confirm deny suggest told admit acknowledge declare predict stress emphasise emphasize urge call
""".split())
# Definite descriptions of an organisation ("the company said", "the firm added", "the radio station"): the
# organisation the text named last (the head word in its name first: "the Institute" → the American Film Institute)
ORG_NOUNS = frozenset("""
company firm group corporation conglomerate business bank lender insurer broker institute institution agency
regulator watchdog body organisation organization association federation union league club side team charity
foundation trust council commission committee board authority ministry department network broadcaster station
channel studio label publisher newspaper paper airline carrier retailer chain supermarket manufacturer maker
carmaker giant operator provider developer university college school hospital court band
""".split())
SPOKESPERSONS = frozenset("spokesman spokeswoman spokesperson".split())
_SUBJ = {"nsubj", "nsubjpass"}
_OBJ = {"dobj", "dative", "attr", "oprd"}
_AGE = re.compile(r"^(\d{1,3})-year-old$")

FEATURES = ("cata", "same_sent", "sd1", "sd2", "sd3", "tokdist", "m_subj", "m_main_subj", "p_subj", "par_subj",
            "p_poss", "m_obj", "par_obj", "m_pobj", "m_poss", "m_coord", "governs", "binding", "p_in_m",
            "nearest", "nearest_subj", "interv", "sal", "first_ent", "prev_subj", "p_first_prev_subj",
            "speech_chain", "cata_subj", "poss_par", "m_in_appos_of_other")


@dataclass(frozen=True)
class Mention:
    """A candidate antecedent: a name mention (token range) of entity ``key``."""

    key: object
    start: int
    end: int


@lru_cache(maxsize=1)
def weights() -> dict:
    if WEIGHTS.exists():
        return json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return {"weights": {}, "null": 0.0}


class DocInfo:
    """Per-document lookups: the sentence number of each token, sentence starts and main subjects."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        # the window counts narration: a sentence wholly inside quotation marks (a speaker's quoted words) does
        # not push the speaker out of it ("… ," said Hingis. "…. …. …." The former world number one … she …)
        quoted = self.quoted = quoted_tokens(doc)
        self.narr: list[int] = []
        n = 0
        for s in self.sents:
            words = [t.i for t in s if t.is_alpha]
            if not (words and all(quoted[i] for i in words)):
                n += 1
            self.narr.append(n)

    def sent_index(self, i: int) -> int:
        return self.sent_of[i]


def _root(doc: Doc, m: Mention) -> Token:
    span = doc[m.start:m.end]
    r = span.root
    while r.dep_ in {"compound", "flat"} and r.head.i != r.i and r.head.i >= m.start and r.head.i < m.end:
        r = r.head
    return r


def _clause_verb(tok: Token) -> Token:
    h = tok.head
    while h.pos_ not in {"VERB", "AUX"} and h.head.i != h.i:
        h = h.head
    return h


def _is_speech(tok: Token) -> bool:
    return tok.lemma_.lower() in SPEECH_LEMMAS


class Context:
    """What the features of one pronoun's candidates share: roots, the nearest mentions, the pronoun's clause."""

    def __init__(self, info: DocInfo, p: Token, cands: list[Mention], first_key: object):
        doc = info.doc
        self.info, self.p, self.cands, self.first_key = info, p, cands, first_key
        self.roots = [_root(doc, m) for m in cands]
        before = [k for k, m in enumerate(cands) if m.start < p.i]
        self.nearest = max(before, key=lambda k: cands[k].start) if before else None
        subj = [k for k in before if self.roots[k].dep_ in _SUBJ]
        self.nearest_subj_key = cands[max(subj, key=lambda k: cands[k].start)].key if subj else None
        self.pv = _clause_verb(p)
        self.p_speech = _is_speech(self.pv)
        self.ancestors = {t.i for t in p.ancestors}
        sp = info.sent_of[p.i]
        self.counts: dict[object, int] = {}
        for m in cands:
            if info.sent_of[m.start] <= sp:
                self.counts[m.key] = self.counts.get(m.key, 0) + 1


def features(ctx: Context, k: int) -> dict[str, float]:
    """Features of the pair (pronoun, candidate mention number ``k``)."""
    info, p, m, r = ctx.info, ctx.p, ctx.cands[k], ctx.roots[k]
    sp, sm = info.sent_of[p.i], info.sent_of[m.start]
    sd = sp - sm
    f: dict[str, float] = {}
    cata = m.start > p.i
    f["cata"] = float(cata)
    f["same_sent"] = float(sd == 0)
    f["sd1"] = float(sd == 1)
    f["sd2"] = float(sd == 2)
    f["sd3"] = float(sd >= 3)
    f["tokdist"] = min(abs(p.i - m.start), 80) / 80
    m_subj = r.dep_ in _SUBJ
    m_main = m_subj and r.head.dep_ == "ROOT"
    p_poss = p.tag_ == "PRP$" or p.dep_ == "poss"
    p_subj = p.dep_ in _SUBJ
    f["m_subj"] = float(m_subj)
    f["m_main_subj"] = float(m_main)
    f["p_subj"] = float(p_subj)
    f["par_subj"] = float(m_subj and p_subj)
    f["p_poss"] = float(p_poss)
    f["m_obj"] = float(r.dep_ in _OBJ)
    f["par_obj"] = float(r.dep_ in _OBJ and p.dep_ in _OBJ)
    f["m_pobj"] = float(r.dep_ == "pobj")
    f["m_poss"] = float(r.dep_ == "poss")
    f["m_coord"] = float(r.dep_ == "conj" or any(c.dep_ == "conj" for c in r.children))
    # m is the subject of a verb whose clause holds the pronoun ("Smith said he …", "Smith lost his seat")
    governs = binding = False
    in_m = r.i in ctx.ancestors
    if m_subj and not cata and sd == 0:
        v = r.head
        governs = v.i in ctx.ancestors and not in_m
        # a co-argument of the same verb cannot be a plain (non-reflexive, non-possessive) pronoun's antecedent
        binding = ctx.pv.i == v.i and not p_poss and p.lower_ not in REFLEXIVE and p.dep_ in _OBJ | {"pobj"}
    f["governs"] = float(governs)
    f["binding"] = float(binding)
    f["p_in_m"] = float(in_m and not cata)
    f["nearest"] = float(ctx.nearest == k)
    f["nearest_subj"] = float(ctx.nearest_subj_key == m.key)
    lo, hi = sorted((m.start, p.i))
    f["interv"] = min(len({c.key for c in ctx.cands if lo < c.start < hi and c.key != m.key}), 4) / 4
    f["sal"] = math.log1p(ctx.counts.get(m.key, 0)) / math.log(10)
    f["first_ent"] = float(m.key == ctx.first_key)
    f["prev_subj"] = float(sd == 1 and m_main)
    sstart = info.sents[sp].start
    f["p_first_prev_subj"] = float(sd == 1 and m_main and p_subj and p.i <= sstart + 2)
    f["speech_chain"] = float(sd in (1, 2) and m_subj and p_subj and ctx.p_speech and _is_speech(r.head))
    f["cata_subj"] = float(cata and sd == 0 and m_subj)
    f["poss_par"] = float(p_poss and m_subj and sd <= 1 and not cata)
    f["m_in_appos_of_other"] = float(r.dep_ == "appos" or r.head.dep_ == "appos")
    return f


def _pair(a: str, b: str) -> str:
    return f"{a}*{b}"


# what the pairwise model reads: every feature, then the product of every pair of them in ``FEATURES`` order
INPUTS = FEATURES + tuple(_pair(a, b) for i, a in enumerate(FEATURES) for b in FEATURES[i + 1:])


def conjoin(f: dict[str, float]) -> dict[str, float]:
    """``f`` with the product of every pair of its non-zero features (named as in ``INPUTS``): a linear model over
    single cues cannot say that one cue matters only with another (a subject mention counts for a subject pronoun
    in the next sentence, less in the same one); the products let it."""
    on = [(k, f[k]) for k in FEATURES if f.get(k)]
    out = dict(f)
    for i, (a, va) in enumerate(on):
        for b, vb in on[i + 1:]:
            out[_pair(a, b)] = va * vb
    return out


def score(f: dict[str, float], w: dict[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in f.items() if v)


def rank(info: DocInfo, p: Token, cands: list[Mention], first_key: object = None,
         w: dict | None = None) -> list[tuple[object, float]]:
    """Entities in ``cands`` ranked by probability of being ``p``'s antecedent, with the null option (key
    None) among them."""
    model = w or weights()
    ws = model["weights"]
    best: dict[object, float] = {}
    ctx = Context(info, p, cands, first_key)
    for k, m in enumerate(cands):
        f = features(ctx, k)
        s = score(conjoin(f) if model.get("pairs") else f, ws)
        if m.key not in best or s > best[m.key]:
            best[m.key] = s
    best[None] = model.get("null", 0.0)
    top = max(best.values())
    z = sum(math.exp(v - top) for v in best.values())
    return sorted(((k, math.exp(v - top) / z) for k, v in best.items()), key=lambda kv: -kv[1])


def window(info: DocInfo, p: Token, mentions: list[Mention], size: int = WINDOW) -> list[Mention]:
    """Candidate mentions in the pronoun's sentence (before or after it) and the ``size`` sentences before."""
    sp = info.sent_of[p.i]
    np_ = info.narr[sp]
    return [m for m in mentions
            if info.sent_of[m.start] <= sp and np_ - info.narr[info.sent_of[m.start]] <= size
            and m.start != p.i and not (m.start <= p.i < m.end)]


def decide(info: DocInfo, p: Token, cands: list[Mention], first_key: object = None,
           tie: float = TIE, null: bool = True) -> tuple[object, str]:
    """(entity key, "pronoun") or (None, "unresolved"): the best actor unless the null option wins (``null``) or
    two tie; the only candidate actor is taken.  In an article the candidates are every actor in the window, so
    the pipeline passes ``null=False``: someone in play is the antecedent unless two are equally likely; GAP's
    two names may both be wrong, so its evaluation keeps the null option."""
    keys = {m.key for m in cands}
    if not keys:
        return None, "unresolved"
    if len(keys) == 1:
        return next(iter(keys)), "pronoun"
    ranked = rank(info, p, cands, first_key)
    real = [kv for kv in ranked if kv[0] is not None]
    null_p = next(v for k, v in ranked if k is None)
    if null and real[0][1] < null_p:
        return None, "unresolved"
    if len(real) > 1 and real[0][1] - real[1][1] < tie:
        return None, "unresolved"
    return real[0][0], "pronoun"


def salience_rule(info: DocInfo, p: Token, cands: list[Mention]) -> tuple[object, str]:
    """The pipeline's pronoun decision: scanning back from the pronoun, a subject mention scores 2 and any other
    1, plus 1 in the pronoun's own sentence; the first best wins and a same-sentence subject ends the scan.  This
    is the rule the record used before the ranker; articles keep it until the ranker is shown to name PolNeAR
    speakers at least as well (not yet measured apart: on PolNeAR dev both gave speaker name 0.856-0.858);
    ``decide`` is the ranker that ``onrecord eval gap`` measures."""
    doc = info.doc
    best: tuple[float, object] | None = None
    sp = info.sent_of[p.i]
    for m in sorted((m for m in cands if m.start < p.i), key=lambda m: -m.start):
        r = _root(doc, m)
        sc = 2 if r.dep_ in _SUBJ or r.head.dep_ in _SUBJ else 1
        if info.sent_of[m.start] == sp:
            sc += 1
        if best is None or sc > best[0]:
            best = (sc, m.key)
        if sc >= 3:
            break
    return (best[1], "pronoun") if best is not None else (None, "unresolved")


def pronoun_gender(tok: Token) -> str | None:
    """m / f / p for a third-person personal pronoun used as one (not "her" as determiner of a non-person…)."""
    g = PRONOUNS.get(tok.lower_)
    if g is None or tok.pos_ not in {"PRON", "DET"}:
        return None
    return g


def honorific_gender(doc: Doc, start: int) -> str | None:
    """The gender an honorific just before a name gives ("Mrs Smith")."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[doc[i].lower_]
    if doc[start].lower_ in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[doc[start].lower_]
    return None


def age_of(doc: Doc, start: int, end: int) -> int | None:
    """An age the article gives with a name: "Smith, 32," or "32-year-old Smith"."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text in {",", ")"}:
        try:
            return int(doc[end + 1].text)
        except ValueError:
            return None
    for i in range(max(0, start - 4), start):
        m = _AGE.match(doc[i].lower_)
        if m:
            return int(m.group(1))
        if doc[i].like_num and i + 4 <= start and doc[i + 1].text == "-" and doc[i + 2].lower_ == "year":
            try:
                return int(doc[i].text)
            except ValueError:
                return None
    return None


def age_noun(span: Span) -> int | None:
    """The age an age noun names: "the 32-year-old" → 32."""
    text = span.text.lower().replace(" ", "")
    m = re.search(r"(\d{1,3})-year-old", text)
    return int(m.group(1)) if m else None


INDEFINITE = frozenset("a an one some many several few both all any another other most no each every".split())


def resolve_role(span: Span, people: list[tuple[int, list[str], int]], ages: dict[int, int],
                 recent: list[int]) -> int | None:
    """A role noun → a person: ``people`` as (actor, roles, last mention token) and ``ages`` actor → age.
    ``recent`` is the persons mentioned in the window before the noun; the only one is taken as a last resort,
    and only by a definite noun ("the minister").  A plural ("officials", "his aides") names a group, and a noun
    with an indefinite or quantifying determiner ("an attorney", "one official", "many experts") brings in a
    new person: neither is resolved to a named person."""
    if span.root.tag_ in {"NNS", "NNPS"} or any(
            t.lower_ in INDEFINITE and t.dep_ in {"det", "nummod", "amod", "predet", "quantmod"} and t.i < span.root.i
            for t in span):  # a numeral after the head is a rank, not a count: "the world number one"
        return None
    definite = any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"}
                   for t in list(span) + list(span.root.children))  # "the 27-year-old": its mention may start after
    age = age_noun(span)
    if age is not None:
        hits = [a for a, g in ages.items() if g == age]
        if len(hits) == 1:
            return hits[0]
        if not hits and definite and len(set(recent)) == 1:
            return recent[0]
        return None
    words = {t.lower_ for t in span if not t.is_stop and not t.is_punct}
    head = span.root.lemma_.lower()
    best, best_score, best_pos = None, 0, -1
    for idx, roles, last in people:
        for role in roles:
            rwords = {w.lower() for w in role.replace("-", " ").split()}
            if head not in rwords and head.rstrip("s") not in rwords:
                continue
            sc = len(words & rwords)
            if sc > best_score or (sc == best_score and last > best_pos):
                best, best_score, best_pos = idx, sc, last
    if best is not None:
        return best
    if definite and len(set(recent)) == 1 and head not in SPOKESPERSONS:
        return recent[0]  # not "the spokesman": he speaks for someone, rarely is the one just named
    return None


def told_to(mention: Span) -> bool:
    """Whether a mention is the outlet or party a statement is told to ("told the BBC", "informed Reuters").  (The
    to/with phrases, "said to Reuters", "an interview with Reuters", lowered PolNeAR dev speaker names: left out.)"""
    root = mention.root
    return root.dep_ in {"dobj", "dative"} and root.head.lemma_.lower() in lx.ADDRESSEE_VERBS


def resolve_org_noun(index, span: Span) -> int | None:
    """A definite singular organisation noun ("the company", "the radio station", "the Bank") → the organisation
    whose name holds the noun, last named before it; else the only organisation of the noun's window (its
    mentions, linked ones included); else, when the text so far names one organisation only, that one."""
    head = span.root
    if head.tag_ in {"NNS", "NNPS"} or not any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"}
                                               for t in span):
        return None
    info = index.info()
    # "a Lufthansa spokesman told the BBC": an outlet a statement is told to is not the organisation in play
    before = [m for m in index.name_mentions({"organisation"}, linked=True) if m.start < span.start
              and not told_to(index.doc[m.start:m.end])]
    word = head.lemma_.lower()
    named = [m for m in before if word in {t.lower_ for t in index.doc[m.start:m.end]}]
    if named:
        return max(named, key=lambda m: m.start).key
    keys = {m.key for m in window(info, head, before)} or {m.key for m in before}
    return next(iter(keys)) if len(keys) == 1 else None


def resolve_description(index, span: Span) -> int | None:
    """A definite singular description of a person that no stated role matches ("the feminist writer and
    broadcaster said", "the 28-year-old striker added"): the most salient person of its window — news
    re-describes the person it is talking about."""
    head = span.root
    if head.tag_ in {"NNS", "NNPS"} or not any(t.dep_ == "det" and t.lower_ == "the" for t in span.root.children):
        return None
    info = index.info()
    cands = [m for m in window(info, head, [m for m in index.name_mentions({"person"}, noun_gender(head), linked=True)
                                            if m.start < span.start]) if not _spoken_of(info, head, m)]
    keys = {m.key for m in cands}
    if len(keys) == 1:
        return next(iter(keys))
    if keys and attributes(head) and lx.is_demonym_person(head.text):
        # "… goals from Pamarot and Mido … “…,” the Irishman said": a speaker re-described by nation is the one
        # the story follows, by the pronoun rule's salience (a subject outweighs a name in a phrase). Other
        # descriptions ("the Vermont senator") stay as written when several people are in play.
        return salience_rule(info, head, cands)[0]
    return None


_FEMININE = frozenset("actress princess duchess countess hostess waitress heiress empress sister mother daughter "
                      "wife widow queen girl lady".split())
_MASCULINE = frozenset("king prince duke count father son husband widower brother boy".split())


def noun_gender(tok: Token) -> str | None:
    """The gender a person noun states: "the businessman", "the Irishman" m; "the actress", "the spokeswoman" f."""
    w = tok.lower_
    if w.endswith("woman") or w in _FEMININE:
        return "f"
    if w.endswith("man") or w in _MASCULINE:
        return "m"
    return None


def attributes(tok: Token) -> bool:
    """Whether a mention is the subject of a verb of saying: the speaker of an attribution."""
    return tok.dep_ in _SUBJ and _is_speech(tok.head)


def _spoken_of(info: DocInfo, tok: Token, m: Mention) -> bool:
    """A person named inside quotation marks, for the speaker mention of an attribution outside them: someone the
    speaker talks about ("“We all want Mike to get better,” he said"), not the speaker."""
    return attributes(tok) and not info.quoted[tok.i] and info.quoted[m.start]


def spokesperson_before(index, tok: Token) -> int | None:
    """'The band's spokesman said … “…,” he said': a he/she that speaks when the last speaker before it (in its
    sentence or the two before) was an unnamed spokesperson continues that spokesperson, and so their
    organisation; None when a named person spoke last, or the spokesperson names no organisation."""
    doc = index.doc
    info = index.info()
    lo = info.sents[max(0, info.sent_of[tok.i] - 2)].start
    for i in range(tok.i - 1, lo - 1, -1):
        t = doc[i]
        if info.quoted[i] or not attributes(t):
            continue
        if t.lemma_.lower() in SPOKESPERSONS and t.tag_ == "NN":
            idx, _how = index.resolve(doc[t.left_edge.i: t.i + 1])
            return idx if idx is not None and index.actors[idx].kind in {"organisation", "group"} else None
        return None
    return None


# -- over an actor index (``onrecord.nlp.actors.ActorIndex``: actors, mentions, rules) ----------------------

NO_ANTECEDENT = "no antecedent"  # resolve_pronoun found no candidate (not a tie): the caller may look again later


def resolve_pronoun(index, tok: Token, gender: str) -> tuple[int | None, str]:
    """A he/she/they pronoun → (actor index, rule) of an ``ActorIndex``: ``decide`` over the name mentions of
    compatible actors in its window.  (None, "unresolved") when the text leaves it open (several people just
    named); (None, NO_ANTECEDENT) when no compatible actor is in the window *yet* — a later layer may still make
    one (a group that speaks, a country an event names), so that is no verdict."""
    if gender not in {"m", "f", "p", "s", "n"}:
        return None, NO_ANTECEDENT
    doc = index.doc
    info = index.info()
    if gender == "n":  # "it" that speaks is an organisation: "Deloitte said … But it warned that …"
        cands = window(info, tok, index.name_mentions({"organisation"}, linked=True))
        key, how = salience_rule(info, tok, cands)
        return (key, how) if key is not None else (None, NO_ANTECEDENT)
    if gender == "p":
        sp = info.sent_of[tok.i]
        for i in range(tok.i - 1, info.sents[max(0, sp - 2)].start - 1, -1):
            t = doc[i]
            if t.pos_ == "PROPN" and info.sent_of[i] != sp and t.ent_type_ == "PERSON" and any(
                    c.dep_ == "conj" and c.pos_ == "PROPN" for c in t.children):
                return None, "unresolved"  # "Rubio and Waltz … They": several people, no single actor
        kinds = {"group", "organisation", "country"}
    else:
        kinds = {"person"}
    mentions = index.name_mentions(kinds, gender, linked=True)
    if gender == "p":  # a party acts: places named as a location or a possessor ("Ireland's airport") do not
        mentions = [m for m in mentions if doc[m.start:m.end].root.dep_ in {
            "nsubj", "nsubjpass", "dobj", "dative", "conj"}]
    cands = [m for m in window(info, tok, mentions) if not _spoken_of(info, tok, m)]
    if gender == "p" and not cands:
        # "… whether Moscow was serious. If they say no …": a capital or "the Russians" as the party
        for i in range(tok.i - 1, info.sents[max(0, info.sent_of[tok.i] - 2)].start - 1, -1):
            t = doc[i]
            if t.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"} or t.tag_ in {"NNPS", "NNS"}:
                idx = index.capital_country(t)
                if idx is not None:
                    return idx, "pronoun"
        return None, NO_ANTECEDENT
    key, how = salience_rule(info, tok, cands)
    if key is None:
        return None, NO_ANTECEDENT
    a = index.actors[key]
    if gender in {"m", "f"} and a.gender is None and len({m.key for m in cands}) == 1:
        # "Mary Smith … she" with no one else in play: the text's own pronoun teaches Smith's gender (a link
        # chosen among several people could be wrong, and would then hide the person from every later pronoun)
        a.gender = gender
    return key, how


def link(index) -> None:
    """Coreference over the whole document, in text order: every third-person pronoun, definite role noun
    ("the minister", "the 32-year-old") and capital or "the <demonym>s" standing for a party is linked to its
    actor with the rule that linked it, or marked unresolved."""
    doc = index.doc
    for i, a in enumerate(index.actors):  # "Mrs Smith": the honorific gives the gender
        if a.kind == "person" and a.gender is None:
            for s, _e in a.mentions:
                g = honorific_gender(doc, s)
                if g:
                    a.gender = g
                    break
    for tok in doc:
        if tok.i in index.token_actor or tok.i in index.role_tokens:
            continue
        gender = pronoun_gender(tok)
        if gender is not None:
            idx = spokesperson_before(index, tok) if gender in {"m", "f"} and attributes(tok) else None
            if idx is not None:
                index.add_mention(idx, tok.i, tok.i + 1, "pronoun")
                continue
            idx, how = resolve_pronoun(index, tok, gender)
            if idx is None:
                if how == "unresolved":  # a verdict; with no antecedent yet, a later lookup tries again
                    index.unresolved.add(tok.i)
            else:
                index.add_mention(idx, tok.i, tok.i + 1, "pronoun")
            continue
        if tok.pos_ == "NOUN" and tok.dep_ not in {"compound", "amod", "poss"} and (
                tok.lemma_.lower() in lx.ROLE_HEADS or age_noun(tok) is not None or
                tok.lower_.endswith("-year-old")) and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
                continue  # a title before a name ("the minister Ann Smith"): the name is the mention
            start = min(c.i for c in tok.children if c.dep_ == "det")
            span = doc[start: tok.i + 1]
            idx = index.resolve_role_noun(span)
            if idx is not None:
                index.add_mention(idx, start, tok.i + 1, "role")
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOUNS and tok.dep_ in _SUBJ | _OBJ | {"pobj", "poss"} \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ in {"ORG", "PERSON"}):
            start = min(c.i for c in tok.children if c.dep_ in {"det", "amod", "compound"} and c.i < tok.i)
            named = any(t.pos_ == "PROPN" or t.ent_type_ for t in doc[start: tok.i])  # "the Radio Sputnik station"
            idx = None if named else resolve_org_noun(index, doc[start: tok.i + 1])
            if idx is not None:
                index.add_mention(idx, start, tok.i + 1, "description")
            continue
        if tok.lower_ == "it" and tok.dep_ in _SUBJ and _is_speech(tok.head):
            idx, _how = resolve_pronoun(index, tok, "n")
            if idx is not None:
                index.add_mention(idx, tok.i, tok.i + 1, "pronoun")
            continue
        if tok.pos_ == "PROPN" and tok.lower_ in lx.METONYMS and tok.lower_ != "kremlin" and tok.dep_ in {
                "nsubj", "nsubjpass", "dobj"} and tok.ent_type_ in {"GPE", "ORG", ""}:
            before = set(index.token_actor)
            idx = index.capital_country(tok)
            if idx is not None and tok.i not in before:
                index.actors[idx].rules[(tok.i, tok.i + 1)] = "capital"
                index.rule_at[tok.i] = "capital"
        elif tok.tag_ in {"NNPS", "NNS"} and tok.ent_type_ == "NORP" and tok.dep_ in {"nsubj", "nsubjpass"}:
            idx = index.capital_country(tok)
            if idx is not None:
                index.actors[idx].rules[(tok.i, tok.i + 1)] = "demonym"
                index.rule_at[tok.i] = "demonym"
