"""Topics: the proposals and issues an article's actors take positions on.

A topic mention is a noun phrase headed by a proposal noun, found over the parse (no model of our own: the
lexicon below is open-ended through compounds).  Each mention gets a canonical ``name`` shared across articles:

- **families**: "ceasefire", "cease-fire", "truce", "armistice", "détente" → ``ceasefire``;
- **generic heads with a specific modifier**: "ceasefire agreement" → ``ceasefire``; "peace deal" / "peace
  agreement" → ``peace deal``; "peace plan" → ``peace plan``; any other noun compound names its own deal or plan
  ("minerals deal" → ``minerals deal``, "maternity pay plan" → ``maternity pay plan``);
- **issues**: "security guarantees" → ``security guarantees``; "NATO membership", "membership of NATO", "join(ing)
  NATO", "accession to NATO" → ``NATO membership``; "sanctions", "tariffs", "prisoner exchange"/"swap",
  "referendum";
- **anaphors**: a generic head with "the/this/that" or a possessive and no specific modifier ("the deal", "the
  proposal", "this agreement") and "it" as the object of a stance verb ("called it …") or the subject of an
  evaluative predicate ("it will not work") refer to the *salient* topic: the topic of the last specific mention
  in the same sentence before it or the three (for "it": two) sentences before; a generic noun only refers to an
  agreement or a proposal (a ceasefire, a deal, a plan, an exchange, guarantees), never to an issue such as a
  referendum ("this treaty" after "the referendum" stays unlinked).  The link is made only when that
  is safe: when the sentence of that last mention names one topic only.  Otherwise the anaphor stays unlinked.

Indefinite or bare plural generic nouns ("some agreements", "past agreements", "violating ceasefires") are not
mentions: they talk about agreements in general, not the one under discussion.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..model import Topic, content_hash
from . import lexicon as lx

CEASEFIRE = frozenset({"ceasefire", "ceasefires", "cease-fire", "truce", "truces", "armistice", "détente",
                       "detente"})
DEAL_HEADS = frozenset({"deal", "agreement", "accord", "pact", "treaty", "settlement"})
PLAN_HEADS = frozenset({"plan", "proposal", "offer", "framework", "initiative", "arrangement", "roadmap"})
GENERIC = DEAL_HEADS | PLAN_HEADS
ISSUES = {"sanctions": "sanctions", "tariffs": "tariffs", "referendum": "referendum"}
EXCHANGE_HEADS = frozenset({"exchange", "swap"})
# verbs whose object "it" is what the speaker takes a position on ("called it an important moment")
IT_VERBS = frozenset("call describe welcome reject accept back support oppose endorse praise criticize criticise "
                     "dismiss sign want hail condemn denounce".split())
IT_PREDICATES = frozenset("work fail succeed collapse hold help".split())
_DEMONSTRATIVE = frozenset({"the", "this", "that", "these", "those"})
_WINDOW = 3
_IT_WINDOW = 2


@dataclass(frozen=True, slots=True)
class Mention:
    head: int              # token index of the head
    start: int             # token range [start, end)
    end: int
    name: str
    specific: bool         # False for an anaphor linked to the salient topic


def _extent(tok: Token) -> tuple[int, int]:
    """Token range of a noun phrase: determiner, modifiers and head; no clauses, appositions or trailing phrases."""
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "prep"}:
            drop.update(t.i for t in c.subtree)
    toks = [t.i for t in tok.subtree if t.i not in drop and t.i <= tok.i]  # nothing after the head
    lo = min(toks) if toks else tok.i
    for i in range(lo, tok.i):
        if tok.doc[i].is_punct and tok.doc[i].text != "-" or tok.doc[i].is_space:
            lo = i + 1  # 'The “ceasefire agreement': the mention starts inside the quotation
    return lo, tok.i + 1


def _org_name(tok: Token) -> str:
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            text = ent.text
            break
    else:
        text = tok.text
    if text.lower().startswith("the "):
        text = text[4:]
    country = lx.country_of(text)
    return country if country == "European Union" else text


def _is_org(tok: Token) -> bool:
    """An organisation one can be a member of: NER's ORG or an acronym (NATO, EU, WTO); not a demonym."""
    return tok.ent_type_ == "ORG" or (tok.pos_ == "PROPN" and tok.text.isupper() and len(tok) > 1)


def _specific_name(tok: Token) -> str | None:
    """The canonical name of a noun that names a topic by itself, else None."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in {"PERSON", "GPE", "DATE", "TIME"}:
        return None
    mods = [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i]
    if low in CEASEFIRE or lemma in CEASEFIRE:
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in GENERIC:
            return None  # "ceasefire agreement": the phrase is one mention, headed by "agreement"
        return "ceasefire"
    if lemma == "guarantee" and any(m.lower_ == "security" for m in mods):
        return "security guarantees"
    if lemma == "membership":
        for m in mods:
            if _is_org(m):
                return f"{_org_name(m)} membership"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "in"}:
                for p in c.children:
                    if p.dep_ == "pobj" and _is_org(p):
                        return f"{_org_name(p)} membership"
        return None
    if lemma == "accession":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for p in c.children:
                    if p.dep_ == "pobj" and _is_org(p):
                        return f"{_org_name(p)} membership"
        return None
    if low in ISSUES:
        return ISSUES[low]
    if lemma in EXCHANGE_HEADS and any(m.lemma_.lower() == "prisoner" for m in mods):
        return "prisoner exchange"
    if lemma in GENERIC or low in GENERIC:
        kind = "deal" if lemma in DEAL_HEADS or low in DEAL_HEADS else "plan"
        for m in mods:
            ml = m.lower_
            if ml in CEASEFIRE or m.lemma_.lower() in CEASEFIRE:
                return "ceasefire"
            if ml == "peace":
                return f"peace {kind}"
        # an open class: "minerals deal", "maternity pay plan" (the run of noun compounds before the head)
        run: list[Token] = []
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            m = tok.doc[i]
            if m.dep_ == "compound" and m.pos_ == "NOUN" and m.is_alpha and m.ent_type_ == "":
                run.insert(0, m)
            else:
                break
        if run:
            return " ".join(m.lower_ for m in run) + f" {kind}"
    return None


def _is_anaphor(tok: Token) -> bool:
    """'the deal', 'this agreement', 'his proposal': a generic head, definite, with no specific modifier."""
    if tok.pos_ != "NOUN" or tok.tag_ == "NNS":
        return False  # plurals talk about agreements in general ("some agreements", "past agreements")
    if tok.lemma_.lower() not in GENERIC and tok.lower_ not in GENERIC:
        return False
    dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
    return any(d.lower_ in _DEMONSTRATIVE or d.dep_ == "poss" for d in dets)


def _is_it_anaphor(tok: Token) -> bool:
    if tok.lower_ != "it" or tok.pos_ != "PRON":
        return False
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in IT_VERBS:
        return True
    if tok.dep_ == "nsubj" and head.lemma_.lower() in IT_PREDICATES:
        return True
    return False


def _join_mention(tok: Token) -> tuple[str, int, int] | None:
    """'join NATO', 'joining the EU' → ('NATO membership', start, end)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "join":
        return None
    for c in tok.children:
        if c.dep_ == "dobj" and _is_org(c) and c.ent_type_ != "GPE":
            end = c.i + 1
            for ent in tok.doc.ents:
                if ent.start <= c.i < ent.end:
                    end = ent.end
            return f"{_org_name(c)} membership", tok.i, end
    return None


# Every word a mention can start from; scanning the text for these first keeps the component cheap on articles
# that discuss no proposal (most of them): only matching tokens are looked at.
_PLURAL_GENERIC = {w + "s" for w in GENERIC} | {"exchanges", "swaps"}
_CANDIDATES = re.compile(
    r"\b(?:" + "|".join(sorted({re.escape(w) for w in CEASEFIRE | GENERIC | _PLURAL_GENERIC | set(ISSUES)
                                 | EXCHANGE_HEADS}
                               | {"guarantees?", "membership", "accession", "join(?:s|ed|ing)?", "it"},
                               key=len, reverse=True)) + r")\b", re.I)


def _candidate_tokens(text: str):
    """Matches of lexicon words in the text, in order (tokens are looked up only when needed)."""
    return _CANDIDATES.finditer(text)


def _token_at(doc: Doc, m) -> Token | None:
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None or not len(span) or span[0].idx != m.start():
        return None
    return span[0]


def _sentence_index(doc: Doc):
    starts: list[int] = []

    def index(i: int) -> int:
        if not starts:
            starts.extend(s.start for s in doc.sents)
        return bisect.bisect_right(starts, i) - 1

    return index


def find_mentions(doc: Doc, text: str | None = None) -> list[Mention]:
    """Topic mentions in text order, anaphors linked to the salient topic when safe.  ``text`` is ``doc.text``
    when the caller has it (spaCy rebuilds ``doc.text`` from the tokens on every access)."""
    out: list[Mention] = []
    sent_of = _sentence_index(doc)
    for match in _candidate_tokens(doc.text if text is None else text):
        if not out and match.group(0).lower() == "it":
            continue  # an anaphor needs a topic named before it
        tok = _token_at(doc, match)
        if tok is None:
            continue
        name = _specific_name(tok)
        if name is not None:
            if tok.tag_ in {"NNS", "NNPS"} and name == "ceasefire" and not any(
                    c.dep_ in {"det", "poss"} for c in tok.children):
                continue  # "violating ceasefires": ceasefires in general
            s, e = _extent(tok)
            out.append(Mention(tok.i, s, e, name, True))
            continue
        joined = _join_mention(tok)
        if joined is not None:
            out.append(Mention(tok.i, joined[1], joined[2], joined[0], True))
            continue
        if not out:
            continue  # an anaphor needs a topic named before it
        window = _IT_WINDOW if tok.lower_ == "it" else _WINDOW
        if _is_anaphor(tok) or _is_it_anaphor(tok):
            name = _salient(out, sent_of, sent_of(tok.i), window, generic=tok.pos_ != "PRON")
            if name is not None:
                s, e = _extent(tok) if tok.pos_ != "PRON" else (tok.i, tok.i + 1)
                out.append(Mention(tok.i, s, e, name, False))
    return out


def agreement_like(name: str) -> bool:
    """Topics a generic noun ("the deal", "the proposal", "this treaty") can refer back to: agreements and
    proposals, not issues such as a referendum or sanctions."""
    return name == "ceasefire" or name.endswith((" deal", " plan")) or name in {"prisoner exchange",
                                                                                "security guarantees"}


def _salient(mentions: list[Mention], sent_of, sent: int, window: int, generic: bool = False) -> str | None:
    specific = [m for m in mentions if m.specific and sent - window <= sent_of(m.head) <= sent
                and (not generic or agreement_like(m.name))]
    if not specific:
        return None
    last = specific[-1]
    same_sentence = {m.name for m in specific if sent_of(m.head) == sent_of(last.head)}
    return last.name if len(same_sentence) == 1 else None


def build_topics(doc: Doc, mentions: list[Mention]) -> tuple[Topic, ...]:
    """One ``Topic`` per name, in order of first mention: aliases are the distinct surface forms."""
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        by_name.setdefault(m.name, []).append(m)
    topics = []
    for name, ms in by_name.items():
        aliases: list[str] = []
        spans = []
        for m in ms:
            span = doc[m.start:m.end]
            text = " ".join(span.text.split())
            if text not in aliases:
                aliases.append(text)
            spans.append((span.start_char, span.end_char))
        label = name
        specific = [doc[m.start:m.end] for m in ms if m.specific]
        if specific:
            def bare(span):
                toks = [t for t in span if t.dep_ not in {"det", "poss", "case"} and not t.is_punct or t.text == "-"]
                return " ".join(doc[toks[0].i:toks[-1].i + 1].text.split()) if toks else span.text
            label = max((bare(s) for s in specific), key=len)
        topics.append(Topic(id=topic_id(name), name=name, label=label, aliases=tuple(aliases),
                            mentions=tuple(sorted(set(spans)))))
    return tuple(topics)


def topic_id(name: str) -> str:
    """The same for the same canonical name in every article (like actor ids)."""
    return content_hash("topic", name.lower(), length=12)


def link_issues(doc: Doc, mentions: list[Mention]) -> None:
    """An event's issue names a topic when a topic mention's head lies in it ("a monthlong ceasefire" →
    ceasefire; "to resume the flow of aid" names none): the first such mention, by position."""
    events = tuple(doc._.onrecord_events)
    if not events or not mentions:
        return
    heads = sorted((doc[m.head].idx, m.name) for m in mentions)
    starts = [h for h, _ in heads]
    out = []
    changed = False
    for e in events:
        if e.issue is not None and e.issue.topic is None:
            a, b = e.issue.span
            k = bisect.bisect_left(starts, a)
            if k < len(heads) and heads[k][0] < b:
                e = replace(e, issue=replace(e.issue, topic=topic_id(heads[k][1])))
                changed = True
        out.append(e)
    if changed:
        doc._.onrecord_events = tuple(out)
