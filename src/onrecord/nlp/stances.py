"""onrecord_stances: where each actor stands on each topic, with the evidence and the rule that decided it.

Runs after ``onrecord_events``.  It finds the topics (``topics.find_mentions``), then collects *pieces of
evidence*, each an (actor, topic, polarity) with the statement/event ids, the spans and the rule in words:

E1 **Events.**  An AGREE or SUPPORT event whose object is a topic mention ("agreeing in principle to a monthlong
   ceasefire", "before signing a ceasefire") is support for each source actor; REJECT is oppose; a negated event
   flips ("refused to sign the deal" → oppose).  Hypothetical and proposed events are not positions, and an event
   someone else claims (inside another speaker's statement: Dugin's "Putin will not accept a ceasefire") is not
   evidence for its source.  A SUPPORT event whose object is the outcome of the talks ("welcoming the progress
   made in the talks") supports the topics the article says were agreed (AGREE events, asserted or in principle).
E2 **Statements.**  A statement whose content mentions a topic (or an anaphor linked to it) is read through the
   parse from the mention up: the mention as subject of an evaluative predicate ("the ceasefire agreement will not
   work" → oppose; "called it an important moment for peace" → support); as object of a polarity verb or adjective
   ("does want a truce", "willing to enforce a ceasefire", "serious about a ceasefire" → support; "reject",
   "wary of", "hostile toward" → oppose), negation flipping and xcomp chains multiplying ("refuse to accept").
   A clause counts for the speaker only when the speaker endorses it: its subject is the speaker (I/we, the
   speaker's own name, or he/she/they in reported speech), or it is deontic ("Russia must now agree to a
   ceasefire"), or the cue proposes ("suggested that a 30-day ceasefire be used …").  A prediction about a third
   party ("Putin will not accept a ceasefire") says nothing about the speaker.  A fear cue ("fearing that a
   ceasefire will allow …") is oppose when the topic is what is feared.
E3 **Narration.**  Outside statements, an actor as the subject of an attitude adjective or verb toward a topic
   ("some hard-line voices … appeared wary or outright hostile toward the deal") → that attitude.  An unnamed
   plural group that takes such a position without speaking ("some officials in Moscow") becomes a group actor.
N  **Neutral.**  A study verb on a topic ("would study the proposal"), a refusal to comment ("declined to comment
   on"), "no position on" → neutral, in statements and narration; a study verb on the outcome of talks ("Moscow was
   studying the results of the meeting") → neutral on the agreed topics.  A spokesperson's report of their
   government's act is theirs ("Peskov said Moscow was studying …"; also a president, prime minister, foreign
   minister … speaking of their own country, in E2 as well).  An act someone is accused of ("accused Moscow
   of preparing to reject …") is evidence for no one.
C  **Conditions.**  Support whose clause, statement content or trailing qualifier in the same sentence carries a
   condition ("but only on terms that …", "only if", "on condition that", "provided that", "unless", "without
   discussing the conditions") is ``conditional``; so is a refusal that says what would lift it ("will not accept
   a ceasefire until all hostages are freed"); so is support followed in its sentence by a contrast naming a
   reservation ("we certainly support it, but there are issues …", "… before adding that many questions remained
   open").

Aggregation per actor and topic: neutral pieces are dropped when any other exists; one polarity → that; support
and oppose both → ``unclear`` (the record keeps both pieces as evidence); conditional with support →
``conditional``; conditional with oppose → ``oppose``.  The stance's date is the latest evidence date (an event's
resolved time, a date on the statement's cue such as "said Wednesday", on a participle before it ("Speaking
Wednesday, … said") or on the verb the cue is conjoined to, else the publication date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Event, Stance, Statement, content_hash
from . import event_time, failsoft, parties
from . import lexicon as lx
from .actors import ActorIndex, doc_index
from .stance_words import aggregate  # noqa: F401  (re-exported: the aggregation rule is documented here)
from .stance_words import (
    CONDITION, DEONTIC, EVALUATIVE, EVAL_WORDS, EVENT_POLARITY, FEAR_CUES, FIRST_PERSON, LINKING, NEUTRAL_VERBS,
    OFFICIAL_ROLES, OUTCOME_WORDS, POLAR, PROPOSING_CUES, SUBJECT_PROPOSING_CUES, claimed_by, is_hypothetical,
    is_negated, neutral_reason, phrase_tokens, polar_of, reservation_in, withheld_by,
)
from .syntax import Entities, np_span
from .topics import Mention, build_topics, find_mentions, link_issues

if not Doc.has_extension("onrecord_topics"):
    Doc.set_extension("onrecord_topics", default=())
if not Doc.has_extension("onrecord_stances"):
    Doc.set_extension("onrecord_stances", default=())

@dataclass
class Piece:
    actor: str
    topic: str
    polarity: str          # support | oppose | conditional | neutral
    evidence: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    date: str | None
    because: str


class _Reader:
    def __init__(self, doc: Doc, index: ActorIndex, mentions: list[Mention], text: str):
        self.doc = doc
        self.ents = Entities(doc)
        self.text = text  # doc.text, once: spaCy rebuilds it from the tokens on every access
        self.index = index
        self.mentions = mentions
        self.by_head = {m.head: m for m in mentions}
        self.published = event_time.parse_published(doc._.onrecord_published)
        self.published_iso = self.published.isoformat() if self.published else None
        self.statements: tuple[Statement, ...] = tuple(doc._.onrecord_statements)
        self.events: tuple[Event, ...] = tuple(doc._.onrecord_events)
        self.actor_ids = [index.actor_id(i) for i in range(len(index.actors))]
        self.kinds = {aid: a.kind for aid, a in zip(self.actor_ids, index.actors)}
        self.by_id = dict(zip(self.actor_ids, index.actors))
        self.outcome: dict[str, Event] = {}  # topic name → the AGREE event that settled it (events pass)
        self.pieces: list[Piece] = []
        self.new_groups = False  # groups that take a position without speaking become actors

    # -- helpers ------------------------------------------------------------------------------------------------
    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _actor_of(self, tok: Token | None) -> str | None:
        if tok is None:
            return None
        idx, _ = self.index.resolve(np_span(tok))
        if idx is None and tok.pos_ == "PROPN":
            idx = self.index._person_named(tok.text)
        if idx is None:
            return None
        if idx >= len(self.actor_ids):  # resolving made an actor ("Moscow" as a party → Russia): record it
            self._adopt(idx)
        return self.actor_ids[idx]

    def _adopt(self, idx: int) -> None:
        """Actors the index made after this reader started (a capital's country, a group): known from now on."""
        while len(self.actor_ids) <= idx:
            k = len(self.actor_ids)
            a = self.index.actors[k]
            aid = self.index.actor_id(k)
            self.actor_ids.append(aid)
            self.kinds[aid] = a.kind
            self.by_id[aid] = a
        self.new_groups = True  # the article's actors are frozen again at the end

    def _mention_span(self, m: Mention) -> tuple[int, int]:
        span = self.doc[m.start:m.end]
        return span.start_char, span.end_char

    def _mentions_in(self, spans) -> list[Mention]:
        out = []
        for m in self.mentions:
            c = self.doc[m.head].idx
            if any(a <= c < b for a, b in spans):
                out.append(m)
        return out

    def _date_of_statement(self, st: Statement) -> str | None:
        """A date on the statement's cue ("said Wednesday", "Speaking Wednesday afternoon"), resolved."""
        if st.cue is None:
            return None
        cue = self._token_at(st.cue.span[0])
        if cue is None:
            return None
        inside = set()
        for a, b in st.content_spans:
            inside.update(range(a, b))
        # the cue's clause: the cue, and the verb it is conjoined to ("On Wednesday, Rubio met reporters and said …")
        clause = {cue.i} | ({cue.head.i} if cue.dep_ == "conj" and cue.head.pos_ == "VERB" else set())
        sent = cue.sent
        for ent in self.ents.within(sent.start, sent.end):  # not sent.ents: it walks all of doc.ents
            if ent.label_ != "DATE" or ent.start_char in inside or event_time.is_duration(ent.text):
                continue
            head = ent.root
            while head.head is not head and head.i not in clause and (
                    head.dep_ in {"pobj", "prep", "npadvmod", "compound"}
                    or head.dep_ == "advcl" and head.tag_ in {"VBG", "VBN"}):  # "Speaking Wednesday, …"
                head = head.head
            if head.i in clause or head.head.i in clause:
                return event_time.resolve(ent.text, self.published)
        return None

    # -- E1 events ----------------------------------------------------------------------------------------------
    def _object_mention(self, trigger: Token) -> Mention | None:
        """The topic mention in the trigger's object or prepositional phrases, not across clauses."""
        todo = [c for c in trigger.children if c.dep_ in {"dobj", "prep", "pobj", "attr", "dative"}
                or c.dep_ == "nsubjpass" and trigger.pos_ == "VERB"]  # "the truce was signed by …"
        while todo:
            t = todo.pop(0)
            if t.i in self.by_head:
                return self.by_head[t.i]
            todo += [c for c in t.children if c.dep_ in {"pobj", "prep", "dobj", "conj", "appos"}]
        return None

    def _issue_mention(self, e: Event) -> Mention | None:
        """The topic mention in the event's issue (its object, phrase or complement as the events layer read it)."""
        if e.issue is None or e.issue.topic is None:
            return None
        a, b = e.issue.span
        return next((m for m in self.mentions if a <= self.doc[m.head].idx < b), None)

    def events_pass(self) -> None:
        statements = {s.id: s for s in self.statements}
        # an event's polarity is read from the trigger as written (``surface_type`` where PLOVER recodes it:
        # "would not accept" is PLOVER REJECT, read here as AGREE negated, which withheld_by can qualify)
        agreed = [e for e in self.events if (e.surface_type or e.type) == "AGREE"
                  and e.modality in {"asserted", "agreed-in-principle"}]
        outcome: dict[str, Event] = {}
        for e in agreed:
            trig = self._token_at(e.trigger.span[0])
            m = self._issue_mention(e) or (self._object_mention(trig) if trig is not None else None)
            if m is not None:
                outcome.setdefault(m.name, e)
        self.outcome = outcome
        for e in self.events:
            kind = e.surface_type or e.type
            sign = EVENT_POLARITY.get(kind)
            if sign is None or e.modality in {"hypothetical", "proposed"}:
                continue
            st = statements.get(e.statement) if e.statement else None
            if st is not None and st.speaker.actor not in e.sources:
                continue  # someone else's claim about the source
            if e.modality == "negated":
                sign = -sign
            trig = self._token_at(e.trigger.span[0])
            if trig is None or claimed_by(trig):
                continue  # "accused Moscow of preparing to reject": the accuser's claim, no one's position
            evidence = (e.id,) if st is None else (st.id, e.id)
            date = e.time.resolved if e.time and e.time.resolved else (
                self._date_of_statement(st) if st is not None else None)
            m = self._issue_mention(e) or self._object_mention(trig)
            if m is not None:
                pol = "support" if sign > 0 else "oppose"
                why = f"{e.type} event “{e.trigger.text}” ({e.modality}) on “{self.doc[m.start:m.end].text}”"
                held = withheld_by(trig) if e.modality == "negated" and kind != "REJECT" else None
                if held:
                    pol, why = "conditional", why + f", withheld “{held} …”"
                for a in e.sources:
                    self.pieces.append(Piece(a, m.name, pol, evidence, (e.trigger.span, self._mention_span(m)),
                                             date, why))
                continue
            if kind == "SUPPORT" and sign > 0 and outcome:
                words = {t.lower_ for c in trig.children if c.dep_ in {"dobj", "prep"} for t in c.subtree}
                if st is not None:
                    words |= {w.lower() for w in re.findall(r"\w+", st.content_text)}
                if words & OUTCOME_WORDS:
                    for name, agree in outcome.items():
                        why = (f"SUPPORT event “{e.trigger.text}” on the outcome of the talks, where the {name} was "
                               f"agreed ({agree.modality})")
                        for a in e.sources:
                            self.pieces.append(Piece(a, name, "support", evidence + (agree.id,), (e.trigger.span,),
                                                     date, why))

    # -- E2 statements ------------------------------------------------------------------------------------------
    def _endorsed(self, verb: Token, st: Statement, cue: Token | None) -> str | None:
        """Why the speaker owns this clause, or None (a report about someone else)."""
        cur = verb
        chain = [cur]
        while cur.dep_ in {"xcomp", "acomp", "conj"} and cur.head is not cur and len(chain) < 5:
            cur = cur.head
            chain.append(cur)
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC for v in chain for c in v.children) or any(
                v.lemma_.lower() == "have" and any(c.dep_ == "xcomp" for c in v.children) for v in chain):
            return "deontic"
        if cue is not None and any(v.i == cue.i for v in chain):
            return "the speaker's own verb"  # "Ukraine, which wants security guarantees"
        subj = None
        for v in chain:
            subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                break
        if subj is None:
            if cue is not None and cue.lemma_.lower() in PROPOSING_CUES:
                return f"proposed (“{cue.text}”)"
            return None
        if subj.lower_ in FIRST_PERSON:
            return "first person"
        speaker = st.speaker.actor
        if speaker and self._actor_of(subj) == speaker:
            return "the speaker is the subject"
        if st.kind == "indirect" and subj.pos_ == "PRON" and (subj.lower_ in {"he", "she", "they"} or (
                subj.lower_ == "it" and self.kinds.get(speaker) in {"organisation", "country", "group"})):
            return "reported speech about the speaker"  # "Hamas said it had accepted …"
        if cue is not None and cue.lemma_.lower() in PROPOSING_CUES and subj.pos_ != "PRON":
            return f"proposed (“{cue.text}”)"
        a = self.by_id.get(speaker)
        if a is not None and a.affiliation and lx.country_of(np_span(subj).text) == a.affiliation:
            office = next((r for r in a.roles if any(k in r.lower() for k in OFFICIAL_ROLES)
                           and not any(w in r.lower() for w in ("former", "ex-", "opposition"))), None)
            if office:
                return f"the {office} speaking for {a.affiliation}"  # "Peskov said Moscow was studying …"
        return None

    def _clause(self, m: Mention, st: Statement, cue: Token | None) -> tuple[int, str, Token, Token] | None:
        """(polarity, words, clause verb, governing word) for one mention inside a statement, or None."""
        tok = self.doc[m.head]
        # "called it an important moment for peace": the description decides
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"call", "describe", "label", "brand", "term"}:
            desc = [c for c in tok.head.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj", "ccomp"} and c is not tok]
            desc += [c for c in tok.children if c.dep_ in {"appos", "npadvmod"}]
            words = [t for d in desc for t in d.subtree]
            if not words:  # the parser may hang the description off the pronoun's sentence elsewhere
                words = [t for t in tok.sent if t.i > tok.i]
            score = sum(EVAL_WORDS.get(t.lemma_.lower(), 0) for t in words)
            if score and words and not any(t.dep_ == "neg" for t in words):
                words = [t for t in words if t.i > tok.i]
                desc_text = " ".join(self.text[words[0].idx: words[-1].idx + len(words[-1])]
                                     .replace("“", " ").replace("”", " ").split()).strip("\"'. ")
                return (1 if score > 0 else -1), f"described as “{desc_text}”", tok.head, tok.head
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            pred = tok.head
            lemma = pred.lemma_.lower()
            if cue is not None and cue.lemma_.lower() in FEAR_CUES:
                return -1, f"feared (“{cue.text}”)", pred, pred
            if cue is not None and cue.lemma_.lower() in SUBJECT_PROPOSING_CUES and pred.pos_ == "VERB" \
                    and lemma not in LINKING and not is_negated(pred):
                # "suggested that a 30-day ceasefire be used to …": proposing the topic (not "insisted X were …")
                return 1, f"proposed (“{cue.text}”) as subject of “{pred.text}”", pred, pred
            if lemma in EVALUATIVE and tok.dep_ == "nsubj" and not any(c.dep_ == "auxpass" for c in pred.children):
                # "the truce will hold", not "a referendum would be held"
                sign = EVALUATIVE[lemma] * (-1 if is_negated(pred) else 1)
                return sign, f"“{'not ' if is_negated(pred) else ''}{pred.text}”", pred, pred
            if lemma in LINKING:
                for c in pred.children:
                    if c.dep_ in {"acomp", "attr"}:
                        # the description itself, not a clause inside it ("a test of whether Moscow wanted peace")
                        score = sum(EVAL_WORDS.get(t.lemma_.lower(), 0) for t in phrase_tokens(c))
                        if score:
                            sign = (1 if score > 0 else -1) * (-1 if is_negated(pred) else 1)
                            return sign, f"is “{c.text}”", pred, pred
            return None
        # object of a polarity verb/adjective, through prepositions
        cur = tok
        gov = None
        for _ in range(4):
            if cur.head is cur:
                break
            cur = cur.head
            if cur.pos_ == "ADP":
                continue
            gov = cur
            break
        if gov is None:
            return None
        sign, words, top = 0, [], gov
        if polar_of(gov):
            sign = polar_of(gov) * (-1 if is_negated(gov) else 1)
            words.append(("not " if is_negated(gov) else "") + gov.text)
        elif gov.lemma_.lower() in LINKING:
            adjs = [c for c in gov.children if c.dep_ in {"acomp", "dobj", "attr", "oprd"}]
            adjs += [cc for a in adjs for cc in a.conjuncts]
            for a in adjs:
                if polar_of(a):
                    sign = polar_of(a) * (-1 if is_negated(gov) else 1)
                    words.append(a.text)
                    break
        if not sign:
            why = neutral_reason(gov)
            if why is None:
                return None
            top = gov
            while top.dep_ in {"xcomp", "acomp"} and top.head is not top:
                top = top.head  # "declined to comment": the subject of "declined" owns it
            return 0, why, top, gov
        if is_negated(tok):
            sign = -sign  # "agreeing never to join NATO", "no ceasefire"
            words.insert(0, "not")
        # up the xcomp chain: "willing to enforce", "refused to accept"
        cur = gov
        while cur.dep_ in {"xcomp", "acomp"} and cur.head is not cur:
            cur = cur.head
            p = polar_of(cur)
            if p < 0:
                sign = -sign
            if is_negated(cur):
                sign = -sign
            if p:
                words.append(cur.text)
            top = cur
        return sign, " … ".join(words), top, gov

    def statements_pass(self) -> None:
        for st in self.statements:
            speaker = st.speaker.actor
            if not speaker:
                continue
            cue = self._token_at(st.cue.span[0]) if st.cue else None
            date = ...  # resolved on first use: most statements mention no topic
            for m in self._mentions_in(st.content_spans):
                got = self._clause(m, st, cue)
                if got is None:
                    continue
                sign, words, verb, gov = got
                if is_hypothetical(verb, cue):
                    continue  # "If we reject this treaty, …": a supposition, not a position
                if words.startswith("proposed"):
                    owner = "the speaker proposes it"
                elif words.startswith("feared"):
                    owner = "the speaker fears it"
                elif words.startswith(("described", "“", "is ")):
                    owner = "the speaker's evaluation"
                else:
                    owner = self._endorsed(verb, st, cue)
                if owner is None:
                    continue
                pol = "support" if sign > 0 else "oppose" if sign < 0 else "neutral"
                why = f"statement: {words} on “{self.doc[m.start:m.end].text}” ({owner})"
                held = withheld_by(gov) or withheld_by(verb) if pol == "oppose" and polar_of(gov) > 0 and (
                    is_negated(gov) or is_negated(verb)) else None
                if held:
                    # "will not accept a ceasefire until all hostages are freed": a condition, not a refusal
                    pol, why = "conditional", why + f", withheld “{held} …”"
                if pol == "support":
                    cond = self._condition(st, verb)
                    if cond:
                        pol, why = "conditional", why + f", qualified “{cond}”"
                    else:
                        cond = self._reserved(st, gov if gov.i > verb.i else verb)
                        if cond:
                            pol, why = "conditional", why + f", with a reservation “{cond}”"
                if date is ...:
                    date = self._date_of_statement(st)
                self.pieces.append(Piece(speaker, m.name, pol, (st.id,), tuple(st.content_spans), date, why))
            if self.outcome:
                self._neutral_on_outcome(st, cue)

    def _neutral_on_outcome(self, st: Statement, cue: Token | None) -> None:
        """"Moscow was studying the results of the meeting": a study verb on the outcome of the talks is neutral
        on the topics the article says were agreed (as welcoming that outcome is support)."""
        inside = set()
        for a, b in st.content_spans:
            tok = self._token_at(a)
            if tok is None:
                continue
            for t in tok.sent:
                if a <= t.idx < b and t.lemma_.lower() in NEUTRAL_VERBS and t.pos_ == "VERB" and not is_negated(t):
                    inside.add(t.i)
        for i in sorted(inside):
            verb = self.doc[i]
            obj = [t for c in verb.children if c.dep_ in {"dobj", "prep"} for t in c.subtree]
            if not {t.lower_ for t in obj} & OUTCOME_WORDS or any(t.i in self.by_head for t in obj):
                continue
            owner = self._endorsed(verb, st, cue)
            if owner is None:
                continue
            date = self._date_of_statement(st)
            for name, agree in self.outcome.items():
                why = (f"statement: {verb.text} the outcome of the talks, where the {name} was agreed "
                       f"({agree.modality}) ({owner})")
                self.pieces.append(Piece(st.speaker.actor, name, "neutral", (st.id, agree.id),
                                         tuple(st.content_spans), date, why))

    def _reserved(self, st: Statement, verb: Token) -> str | None:
        """A reservation after the supporting verb, in the statement or in the rest of its sentence that no other
        speaker's statement holds."""
        sent = verb.sent
        end = max(b for _, b in st.content_spans)
        stop = None
        for s in self.statements:
            if s is st or s.speaker.actor == st.speaker.actor:
                continue
            for a, b in s.content_spans:
                if a >= end and a < sent.end_char:
                    stop = a if stop is None else min(stop, a)
        return reservation_in(verb, stop)

    def _condition(self, st: Statement, verb: Token) -> str | None:
        """A condition in the statement, or in the rest of its sentence that no other statement holds."""
        texts = [st.content_text]
        sent = verb.sent
        end = max(b for _, b in st.content_spans)
        if end < sent.end_char:
            others = [s for s in self.statements if s is not st and any(a < sent.end_char and b > end
                                                                         for a, b in s.content_spans)]
            if not others:
                texts.append(self.text[end:sent.end_char])
        for t in texts:
            found = CONDITION.search(t)
            if found:
                return found.group(0)
        return None

    # -- E3 narration -------------------------------------------------------------------------------------------
    def narration_pass(self) -> None:
        inside = []
        for s in self.statements:
            inside += list(s.content_spans)
        triggers = {e.trigger.span[0] for e in self.events}
        for m in self.mentions:
            tok = self.doc[m.head]
            head = tok.head
            if tok.dep_ == "pobj":
                head = head.head
            # A mention inside a statement's content is the speaker's to judge — unless the words that withhold a
            # position stand outside it ("Britain took no position on | the ceasefire", where the statement
            # layer reads "took no position on" as the cue of a content "the ceasefire").
            in_content = any(a <= tok.idx < b for a, b in inside)
            if in_content and any(a <= head.idx < b for a, b in inside):
                continue
            if head.idx in triggers:
                continue
            if neutral_reason(head) and self._narrated_neutral(m, head):
                continue
            if in_content:
                continue
            if head.pos_ not in {"VERB", "AUX", "ADJ"}:
                continue
            sign, word = 0, None
            if head.lemma_.lower() in LINKING:
                adjs = [c for c in head.children if c.dep_ in {"acomp", "dobj", "attr", "oprd"}]
                adjs += [cc for a in adjs for cc in a.conjuncts]
                for a in adjs:
                    if polar_of(a) and POLAR.get(a.lemma_.lower()) is not None and a.pos_ != "VERB":
                        sign, word = polar_of(a), a
                        break
            elif head.pos_ == "ADJ" and polar_of(head):
                sign, word = polar_of(head), head
                while head.dep_ in {"acomp", "oprd", "conj"} and head.head is not head:
                    head = head.head  # "appeared hostile toward", "was wary or hostile toward"
            if not sign:
                continue
            if is_negated(head):
                sign = -sign
            subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            actor = self._actor_of(subj)
            if actor is None and subj is not None and subj.tag_ == "NNS" and (
                    subj.lower_ in lx.GROUP_NOUNS or subj.lemma_.lower() in lx.GROUP_NOUNS):
                actor = self._new_group(subj)  # "some officials in Moscow appeared hostile toward the deal"
            if actor is None:
                continue
            sent = tok.sent
            pol = "support" if sign > 0 else "oppose"
            why = f"narration: {self.doc[subj.i].text} {head.text} “{word.text}” toward “{self.doc[m.start:m.end].text}”"
            self.pieces.append(Piece(actor, m.name, pol, (), ((sent.start_char, self._mention_span(m)[1]),),
                                     None, why))

    def _narrated_neutral(self, m: Mention, gov: Token) -> bool:
        """"The Kremlin declined to comment on the ceasefire", "Britain took no position on it": neutral for the
        subject of the clause, when it is an actor."""
        top = gov
        while top.dep_ in {"xcomp", "dobj"} and top.head is not top:
            top = top.head  # "declined to comment", "took no position"
        subj = next((c for c in top.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        actor = self._actor_of(subj)
        if actor is None:
            return False
        sent = self.doc[m.head].sent
        why = f"narration: {subj.text} “{neutral_reason(gov)}” on “{self.doc[m.start:m.end].text}”"
        self.pieces.append(Piece(actor, m.name, "neutral", (), ((sent.start_char, self._mention_span(m)[1]),),
                                 None, why))
        return True

    def _new_group(self, head: Token) -> str:
        idx = self.index.add_group(np_span(head))
        self._adopt(idx)
        return self.index.actor_id(idx)

    # -- aggregation --------------------------------------------------------------------------------------------
    def stances(self, topic_ids: dict[str, str]) -> tuple[Stance, ...]:
        groups: dict[tuple[str, str], list[Piece]] = {}
        for p in self.pieces:
            if p.actor in self.actor_ids:
                groups.setdefault((p.actor, p.topic), []).append(p)
        out = []
        text_id = content_hash(self.text)
        for (actor, topic), pieces in groups.items():
            stance, rule = aggregate([p.polarity for p in pieces])
            evidence = tuple(dict.fromkeys(e for p in pieces for e in p.evidence))
            spans = tuple(sorted(set(s for p in pieces for s in p.spans)))
            dates = [p.date for p in pieces if p.date]
            date = max(dates) if dates else self.published_iso
            because = "; ".join(dict.fromkeys(f"{p.polarity} — {p.because}" for p in pieces)) + rule
            out.append(Stance(id=content_hash(text_id, "stance", actor, topic), actor=actor,
                              topic=topic_ids[topic], stance=stance, evidence=evidence, spans=spans, date=date,
                              because=because))
        order = {a: i for i, a in enumerate(self.actor_ids)}
        return tuple(sorted(out, key=lambda s: (order.get(s.actor, 0), s.topic)))


def read(doc: Doc, index: ActorIndex, clock: failsoft.Clock = failsoft.NO_LIMIT) -> tuple[tuple, tuple[Stance, ...]]:
    """(topics, stances) of one parsed document; passes the time budget leaves no time for are skipped."""
    text = doc.user_data.get("onrecord_text")  # set by onrecord_events, which needs it too
    if not isinstance(text, str):
        text = doc.text
    mentions = find_mentions(doc, text)
    topics = build_topics(doc, mentions)
    link_issues(doc, mentions)
    reader = _Reader(doc, index, mentions, text)
    passes = (reader.events_pass, reader.statements_pass, reader.narration_pass)  # E1, E2, E3 (N, C within)
    for k, step in enumerate(passes):
        if clock.over():
            failsoft.out_of_time(doc, "stances", f"{len(passes) - k} of {len(passes)} stance passes not run")
            break
        step()
    if reader.new_groups:
        parties.assign_groups(doc, index)
        doc._.onrecord_actors = index.freeze()
    return topics, reader.stances({t.name: t.id for t in topics})


@Language.factory("onrecord_stances", requires=["token.dep", "doc._.onrecord_statements", "doc._.onrecord_events"],
                  assigns=["doc._.onrecord_topics", "doc._.onrecord_stances", "doc._.onrecord_actors"])
def make_stances(nlp: Language, name: str) -> "StancesComponent":
    return StancesComponent()


class StancesComponent:
    """Sets ``doc._.onrecord_topics`` and ``doc._.onrecord_stances``; runs after ``onrecord_events``."""

    def __call__(self, doc: Doc) -> Doc:
        index = doc_index(doc)
        got = failsoft.run(doc, "W102", "stances", lambda clock: read(doc, index, clock))
        doc._.onrecord_topics, doc._.onrecord_stances = got or ((), ())
        return doc
