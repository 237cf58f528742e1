"""onrecord_events: who did what to whom — PLOVER-coded events over the dependency parse.

Why rules and not a model: there is no event-annotated news in the project's data, and the parse already gives the
parts an event needs.  A trigger word (a verb or an event noun from ``triggers``) gives the PLOVER type; its
subject gives the source actors and its object or a "with/to/against/between" phrase the targets, resolved
through the ``ActorIndex`` of ``onrecord_actors`` (never invented: an unresolved party is left out).  Modality comes
from the clause — negation, "in principle", an if/whether clause or may/could, "suggest/propose", will/would/plan
and "agree to" — and an event inside a statement's content is ``reported-by`` and linked to that statement (a
statement whose cue is itself a trigger, "Macron welcoming …", links the other way round: the speaker is the
source).  Time is the DATE/TIME entity of the trigger's clause, resolved by ``event_time`` against
``doc._.onrecord_published``; place is a GPE/LOC/FAC in an "in/at X" phrase, with its country.

Event nouns that carry nothing of their own ("the talks had helped") are anaphoric mentions of an event already
coded and are left out, so one meeting is not recorded five times.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Event, EventTime, Place, TextSpan, content_hash
from . import event_time, parties
from . import lexicon as lx
from .actors import ActorIndex, doc_index
from .syntax import is_animate, np_span, subject_token
from .triggers import answer, trigger_type

log = logging.getLogger(__name__)

if not Doc.has_extension("onrecord_events"):
    Doc.set_extension("onrecord_events", default=())
if not Doc.has_extension("onrecord_published"):
    Doc.set_extension("onrecord_published", default=None)

_NEGATORS = {"not", "n't", "never", "no", "nor"}
_ZERO = {"no", "zero", "none"}
_HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
_HYPOTHETICAL_AUX = {"may", "might", "could"}
_DEONTIC_AUX = {"must", "should", "ought"}
_FUTURE_AUX = {"will", "would", "shall", "'ll", "’ll", "wo"}
_PROPOSE = {"suggest", "propose", "recommend"}
_PLAN = {"agree", "plan", "intend", "promise", "pledge", "vow", "decide", "prepare", "expect", "aim", "seek",
         "want", "offer", "hope", "try"}
_PLAN_ADJ = {"ready", "willing", "prepared", "set", "due", "poised"}
_TARGET_PREPS = {"with", "to", "against", "between", "on", "toward", "towards", "for", "from"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "csubj", "parataxis"}
_SIDES = {"sides", "parties", "delegations"}
# an event noun under these prepositions is something the verb's subject took part in ("emerged after talks")
# Nouns that make an event noun under them a thing talked about ("the results of the meeting", "the outcome of
# the talks"), not one the clause's subject takes part in ("held a round of talks").
_ABOUT_NOUNS = frozenset("result outcome detail progress conclusion report readout summary record news".split())
_PARTAKE_PREPS = {"after", "during", "following", "at", "in", "with", "from", "since", "before"}
_PLACE_NOUNS = {"city", "capital", "town", "port", "region", "province", "village", "resort"}


# Verbs whose object is not the subject of their complement ("promised Kyiv to deliver": the promiser delivers).
_SUBJECT_CONTROL = frozenset("promise vow pledge threaten swear".split())
# Prepositions that link an object to a clause about it ("accused X of", "blamed X for", "stopped X from").
_CONTROL_PREPS = frozenset("of for from into".split())


def _controller(verb: Token) -> Token | None:
    """The object of a governing verb that is the unstated subject of the clause (object control): "accused
    Moscow of preparing to reject" → Moscow rejects; "urged Russia to accept" → Russia accepts.  None when the
    clause has its own subject or no object governs it."""
    cur, hops = verb, 0
    while hops < 4 and not any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in cur.children):
        if cur.dep_ == "xcomp":
            gov = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ in _CONTROL_PREPS:
            gov = cur.head.head  # "accused Moscow [of [preparing …]]"; not "wants X [before [signing …]]"
        else:
            return None
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if obj is not None and gov.pos_ == "VERB" and gov.lemma_.lower() not in _SUBJECT_CONTROL:
            return obj
        cur, hops = gov, hops + 1
    return None


class _Coder:
    def __init__(self, doc: Doc, index: ActorIndex):
        self.doc = doc
        self.index = index
        self.published = event_time.parse_published(doc._.onrecord_published)
        self.statements = tuple(doc._.onrecord_statements)
        self.cue_statement = {s.cue.span[0]: s for s in self.statements if s.cue is not None}
        self.events: list[Event] = []
        self.last_consult: Event | None = None
        # who was last asked or approached ("his team would contact Russia", "If Russia says yes"): the party
        # whose yes/no answer a later "their response" / "if they say no" is about
        self.last_addressee: list[str] = []
        text = doc.text  # spaCy joins the tokens on every access: compute once and share with onrecord_stances
        doc.user_data["onrecord_text"] = text
        self.text_id = content_hash(text)

    # -- parties ----------------------------------------------------------------------------------------------
    def _actor(self, tok: Token) -> list[str]:
        """Actor ids for one noun-phrase head: the actor it names, its possessor ("his team" → him), the country
        of a demonym ("Ukrainian counterparts" → Ukraine), the parties of the last meeting ("both sides")."""
        idx, _how = self.index.resolve(np_span(tok))
        if idx is None and tok.pos_ == "PROPN" and tok.ent_type_ in {"", "PERSON", "ORG"}:
            # "Rubio and Waltz emerged": NER missed the bare surname of a person the article has named
            idx = self.index._person_named(tok.text)
        if idx is not None:
            return [self.index.actor_id(idx)]
        if tok.lower_ in {"they", "them", "their"} and tok.pos_ == "PRON":
            return self._previous_subjects(tok)
        if tok.lower_ in _SIDES and self.last_consult is not None:
            return list(self.last_consult.sources + self.last_consult.targets)
        for c in tok.children:
            if c.dep_ == "poss":
                got = self._actor(c)
                if got:
                    return got
        for c in tok.children:
            if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}:
                country = lx.country_of(c.text)
                idx = self.index._by_key.get(("country", country.lower())) if country else None
                if idx is not None:
                    return [self.index.actor_id(idx)]
        return []

    def _previous_subjects(self, tok: Token) -> list[str]:
        """'Rubio and Waltz emerged … They agreed': a plural pronoun the actor index leaves unresolved (several
        people) is the conjoined subject of the sentence before."""
        sent = tok.sent
        if sent.start == 0:
            return []
        prev = self.doc[sent.start - 1].sent
        for t in prev:
            if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                heads = [t] + list(t.conjuncts)
                out = []
                for h in heads:
                    if h.pos_ == "PRON":
                        continue
                    out += [a for a in self._actor(h) if a not in out]
                if out:
                    return out
        return []

    def _actors(self, tok: Token | None) -> list[str]:
        if tok is None:
            return []
        out: list[str] = []
        for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]:
            for a in self._actor(t):
                if a not in out:
                    out.append(a)
        return out

    # -- the clause ---------------------------------------------------------------------------------------------
    def _governor(self, noun: Token) -> tuple[Token | None, Token]:
        """For an event noun: the verb whose clause it sits in, and the noun-phrase token directly under it."""
        cur, hops = noun, 0
        while hops < 5 and cur.head is not cur:
            if cur.head.pos_ in {"VERB", "AUX"}:
                return cur.head, cur
            if cur.dep_ in _CLAUSE_DEPS:
                break
            cur, hops = cur.head, hops + 1
        return None, cur

    def _clause_chain(self, verb: Token) -> list[Token]:
        """The verb and the verbs it is the xcomp/aux complement of ('were to agree', 'agreed to resume')."""
        chain = [verb]
        cur = verb
        while cur.dep_ in {"xcomp", "pcomp"} and cur.head is not cur and len(chain) < 4:
            cur = cur.head
            if cur.pos_ == "ADP":
                break
            chain.append(cur)
        return chain

    def _modality(self, trigger: Token, verb: Token | None, via: Token | None) -> str:
        """negated > hypothetical > agreed-in-principle > proposed > planned > reported-by (set later) >
        asserted.  ``verb`` is the clause verb (the trigger itself for verbs); ``via`` the noun phrase under it."""
        own = [trigger] + ([via] if via is not None and via is not trigger else [])
        if any(c.lower_ in _ZERO and c.dep_ in {"det", "nummod", "neg"} for t in own for c in t.children):
            return "negated"
        chain = self._clause_chain(verb) if verb is not None else []
        subject_noun = via is not None and via.dep_ in {"nsubj", "nsubjpass"}
        if chain and not subject_noun:
            kids = [c for v in chain for c in v.children]
            if any(v.lemma_.lower() in {"refuse", "decline", "fail"} for v in chain[1:]):
                return "negated"  # "refused to sanction Russia"
            if chain[-1].dep_ == "pcomp" and chain[-1].head.lower_ == "without":
                return "negated"  # "without discussing the conditions"
            if any(c.dep_ == "neg" or (c.dep_ in {"cc", "preconj"} and c.lower_ == "nor") for c in kids):
                return "negated"
            if chain[0].dep_ == "conj" and any(c.lower_ == "nor" for c in chain[0].head.children):
                return "negated"
            for v in chain + [v.head for v in chain if v.dep_ in {"advcl", "ccomp", "conj"}][:1]:
                if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_MARKS for c in v.children):
                    return "hypothetical"
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
                   for v in chain for c in v.children):
                return "hypothetical"  # the consequence of an if-clause
            if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
                return "hypothetical"
        phrase_kids = [c for t in own + chain for c in t.children]
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "principle" for g in c.children)
               for c in phrase_kids):
            return "agreed-in-principle"
        if any(c.lower_ in {"proposed", "suggested", "draft"} and c.dep_ in {"amod", "compound"} for c in phrase_kids):
            return "proposed"
        if chain and not subject_noun:
            top = chain[-1]
            up = top.head if top.dep_ in {"ccomp", "xcomp"} else None
            if up is not None and up.lemma_.lower() in _PROPOSE:
                return "proposed"
            if any(c.dep_ == "aux" and c.lower_ in _DEONTIC_AUX for c in kids):
                return "proposed"
            if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids):
                return "planned"
            if any(v.lemma_.lower() in _PLAN for v in chain[1:]) or (
                    chain[-1].dep_ == "xcomp" and chain[-1].head.lower_ in _PLAN_ADJ):
                return "planned"
            if any(v.lemma_.lower() == "go" and v.tag_ == "VBG" for v in chain[1:]):
                return "planned"  # "we're going to …"
            if chain[-1].dep_ == "pcomp" and chain[-1].head.lower_ in {"before", "until"}:
                return "planned"  # "wants guarantees before signing a ceasefire"
        return "asserted"

    # -- time and place -----------------------------------------------------------------------------------------
    def _scope(self, trigger: Token, verb: Token | None, via: Token | None) -> list[Token]:
        """Tokens that describe this event: the trigger's own phrase and the clause verb's adjuncts, not nested
        clauses (they have their own times and places)."""
        out: list[Token] = []
        heads = [trigger]
        if verb is not None and verb is not trigger and not (via is not None and via.dep_ in {"nsubj", "nsubjpass"}):
            heads.append(verb)
        if via is not None and via is not trigger:
            heads.append(via)
        for h in heads:
            for c in h.children:
                if c.dep_ in _CLAUSE_DEPS or c.dep_ in {"nsubj", "nsubjpass", "dobj"} and h is not trigger:
                    continue
                out.extend(c.subtree)
        return out

    def _time(self, scope: list[Token], future: bool) -> EventTime | None:
        ids = {t.i for t in scope}
        for ent in self.doc.ents:
            if ent.label_ not in {"DATE", "TIME"} or ent.start not in ids:
                continue
            if event_time.is_duration(ent.text):
                continue
            text = ent.text
            for suf in ("’s", "'s"):
                if text.endswith(suf):
                    text = text[: -len(suf)]
            anchor = self._anchor(ent)
            resolved = event_time.resolve(text, self.published, future=future, anchor=anchor)
            return EventTime(text=text, span=(ent.start_char, ent.start_char + len(text)), resolved=resolved)
        return None

    def _anchor(self, ent: Span) -> str | None:
        """The date 'that day' refers to: the last resolvable date earlier in the sentence, else the last event's."""
        for other in reversed([e for e in ent.sent.ents if e.label_ == "DATE" and e.end <= ent.start]):
            r = event_time.resolve(other.text, self.published)
            if r and len(r) == 10:
                return r
        for ev in reversed(self.events):
            if ev.time and ev.time.resolved and len(ev.time.resolved) == 10:
                return ev.time.resolved
        return None

    def _place(self, scope: list[Token]) -> Place | None:
        ids = {t.i for t in scope}
        for ent in self.doc.ents:
            if ent.label_ not in {"GPE", "LOC", "FAC"} or ent.start not in ids:
                continue
            head = ent.root
            # the phrase must be locative: "in Jeddah", "in the Saudi city of Jeddah", "at Shannon Airport"
            prep, cur = None, head
            for _ in range(4):
                if cur.dep_ == "pobj" and cur.head.lower_ in _PLACE_PREPS:
                    prep = cur.head
                    break
                if cur.head is cur:
                    break
                cur = cur.head
            if prep is None:
                continue
            return Place(text=ent.text, span=(ent.start_char, ent.end_char), country=self._country(ent))
        return None

    def _country(self, ent: Span) -> str | None:
        doc = self.doc
        if lx.is_country_name(ent.text):
            return lx.country_of(ent.text)
        # "the Saudi city of Jeddah": the demonym on the place noun
        head = ent.root
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _PLACE_NOUNS:
            for c in head.head.head.children:
                if c.dep_ in {"amod", "compound"}:
                    found = lx.country_of(c.text)
                    if found:
                        return found
        # "Jeddah, Saudi Arabia"
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            nxt = next((e for e in doc.ents if e.start == ent.end + 1 and e.label_ == "GPE"), None)
            if nxt is not None and lx.is_country_name(nxt.text):
                return lx.country_of(nxt.text)
        return lx.country_of(ent.text)  # capitals and metonyms the lexicon knows ("Moscow")

    # -- events -------------------------------------------------------------------------------------------------
    def _targets(self, trigger: Token, verb: Token | None, via: Token | None) -> tuple[list[str], list[str]]:
        """(extra sources, targets) from objects and with/to/against/between phrases."""
        extra_src: list[str] = []
        targets: list[str] = []
        heads = [trigger]
        if via is not None and via is not trigger:
            heads.append(via)
        if verb is not None and verb is not trigger:
            heads.append(verb)
        for h in heads:
            for c in h.children:
                if c.dep_ in {"dobj", "dative", "iobj"} and h is trigger and h.pos_ == "VERB":
                    targets += self._actors(c)
                elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS and (h is trigger or c.lower_ in {"with", "to"}):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = self._actors(p)
                            if c.lower_ == "between" and len(found) > 1:
                                extra_src += found[:-1]
                                targets += found[-1:]
                            else:
                                targets += found
                elif c.dep_ == "agent" and h is trigger:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            extra_src += self._actors(p)
                elif h is trigger and h.pos_ != "VERB" and c.dep_ in {"poss", "compound"} and c.i < h.i:
                    extra_src += [a for a in self._actors(c) if c.ent_type_ not in {"DATE", "TIME"}]
        return extra_src, targets

    def _inherits_subject(self, verb: Token, via: Token | None) -> bool:
        """Whether the clause subject is a party to the event: always for a verb trigger; for an event noun only
        when the subject takes part ("held talks", "emerged after talks"), not when it talks about the event
        ("described Tuesday's talks", "appeared hostile toward the deal", "comments come after a summit")."""
        if via is None:
            return True
        if via.dep_ in {"nsubj", "nsubjpass"} or verb.lemma_.lower() in lx.REPORTING_VERBS:
            return False
        if via.lemma_.lower() in _ABOUT_NOUNS:
            return False  # "Moscow was studying the results of the meeting": about it, not at it
        if via.dep_ == "prep" and via.lower_ not in _PARTAKE_PREPS:
            return False
        subj = subject_token(verb)
        return subj is not None and (is_animate(subj) or any(
            a.kind in {"person", "group"} for a in (self.index.actors[i] for i in self._person_ids(subj))))

    def _reported_self(self, subj: Token | None, statement, is_cue: bool) -> list[str]:
        """"Ukraine said it was ready to accept …", "Washington said it would resume aid": "it" (or "they" for a
        group) as subject in reported speech is the speaking country, organisation or group."""
        if subj is None or subj.pos_ != "PRON" or subj.lower_ not in {"it", "they"} or statement is None or is_cue \
                or statement.kind != "indirect" or not any(a <= subj.idx < b for a, b in statement.content_spans):
            return []
        spk = statement.speaker.actor
        kind = next((a.kind for i, a in enumerate(self.index.actors) if self.index.actor_id(i) == spk), None)
        if kind in {"country", "organisation", "group"} and (subj.lower_ == "it") == (kind != "group"):
            return [spk]
        return []

    def _person_ids(self, tok: Token) -> list[int]:
        """Actor-index positions of a subject NER did not tag but the article names ("Rubio and Waltz")."""
        idx = self.index._person_named(tok.text) if tok.pos_ == "PROPN" else None
        return [idx] if idx is not None else []

    def _statement_for(self, trigger: Token):
        """(statement, is_cue): the statement whose cue is the trigger, or whose content holds it."""
        st = self.cue_statement.get(trigger.idx)
        if st is not None:
            return st, True
        for s in self.statements:
            if any(a <= trigger.idx < b for a, b in s.content_spans):
                return s, False
        return None, False

    def code(self, trigger: Token, kind: str, word: Token | None = None) -> None:
        doc = self.doc
        word = word or trigger
        if trigger.pos_ == "VERB" or trigger.pos_ == "AUX":
            verb, via = trigger, None
        else:
            verb, via = self._governor(trigger)
            if verb is not None and trigger_type(verb) is not None and via.dep_ in {"dobj", "pobj", "attr"}:
                return  # "negotiate a peace deal": the verb carries the event
        if trigger.pos_ == "VERB" and kind == "AGREE" and any(
                c.dep_ == "xcomp" and any(trigger_type(t) for t in c.subtree) for c in trigger.children):
            return  # "agreed to resume aid": the commitment is coded as the inner event (planned)
        modality = self._modality(trigger, verb, via)
        sources: list[str] = []
        subj_named = False
        statement, is_cue = self._statement_for(trigger)
        if is_cue and statement.speaker.actor:
            sources.append(statement.speaker.actor)
        if verb is not None and self._inherits_subject(verb, via):
            subj = _controller(verb) or subject_token(verb)
            if subj is None and verb.dep_ == "xcomp":
                subj = subject_token(verb.head)
                if subj is None and verb.head.dep_ in {"acomp", "oprd"}:
                    subj = subject_token(verb.head.head)  # "it was ready to accept", "is willing to sign"
            if word is not trigger:
                poss = next((c for c in word.head.children if c.dep_ == "nsubj"), None)
                subj = next((c for c in poss.children if c.dep_ == "poss"), poss) if poss is not None else subj
            found = self._actors(subj) or self._reported_self(subj, statement, is_cue)
            subj_named = subj is not None and subj.pos_ != "PRON"
            if word is not trigger and subj is not None and subj.lower_ in {"they", "them", "their"} \
                    and self.last_addressee:
                # "their response is 'no'": the answer is given by the party that was asked, not by whoever
                # was the last plural subject
                found = list(self.last_addressee)
            sources += [a for a in found if a not in sources]
            if via is None:
                passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                targets_passive = self._actors(passive)
            else:
                targets_passive = []
        else:
            targets_passive = []
            if verb is not None and via is not None and via.dep_ == "dobj" and via.head.i == verb.i:
                # "Washington said it would resume military aid": the speaking country is a party, though "it"
                # is not animate
                sources += [a for a in self._reported_self(subject_token(verb), statement, is_cue)
                            if a not in sources]
        extra, targets = self._targets(trigger, verb, via)
        sources += [a for a in extra if a not in sources]
        targets = [a for a in dict.fromkeys(targets + targets_passive) if a not in sources]
        scope = self._scope(trigger, verb, via)
        time = self._time(scope, future=modality in {"planned", "proposed"})
        place = self._place(scope)
        if not (sources or targets or time or place):
            # an anaphoric event noun ("the talks had helped") is coded where the event is told; a verb with no
            # party, time or place ("whether to accept") says too little to record
            return
        link = statement.id if statement is not None else None
        if statement is not None and not is_cue and modality == "asserted":
            modality = "reported-by"
        sent = word.sent
        s_end = sent.end_char
        while s_end > sent.start_char and doc.text[s_end - 1].isspace():
            s_end -= 1
        span = (word.idx, word.idx + len(word.text))
        if word is trigger:
            prt = next((c for c in trigger.children if c.dep_ == "prt" and c.i == trigger.i + 1), None)
            if prt is not None:
                span = (trigger.idx, prt.idx + len(prt.text))
        ev = Event(id=content_hash(self.text_id, kind, repr(span)), type=kind,
                   trigger=TextSpan(doc.text[span[0]:span[1]], span), sentence_span=(sent.start_char, s_end),
                   sources=tuple(sources), targets=tuple(targets), modality=modality, time=time, place=place,
                   statement=link)
        if self._duplicate(ev, trigger):
            return
        self.events.append(ev)
        if kind == "CONSULT" and (ev.sources or ev.targets):
            self.last_consult = ev
        if kind in {"CONSULT", "REQUEST"} and modality in {"planned", "proposed"} and ev.targets:
            self.last_addressee = list(ev.targets)
        elif word is not trigger and subj_named and ev.sources:
            self.last_addressee = list(ev.sources)

    def _duplicate(self, ev: Event, trigger: Token) -> bool:
        """A later definite mention ('Tuesday’s talks') of a coded event with nothing new adds no event."""
        if trigger.pos_ == "VERB":
            return False
        for old in self.events:
            if old.type != ev.type:
                continue
            same_time = ev.time is None or (old.time is not None and old.time.resolved == ev.time.resolved
                                            and ev.time.resolved is not None)
            if same_time and set(ev.sources + ev.targets) <= set(old.sources + old.targets) and \
                    (ev.place is None or old.place == ev.place):
                return True
        return False

    def run(self) -> tuple[Event, ...]:
        for tok in self.doc:
            kind = trigger_type(tok)
            if kind is not None:
                if tok.dep_ == "conj" and trigger_type(tok.head) == kind and tok.pos_ != "VERB":
                    continue  # "aid and intelligence sharing": one event
                self.code(tok, kind)
                continue
            ans = answer(tok) if tok.pos_ in {"VERB", "AUX"} else None
            if ans is not None:
                self.code(tok, ans[0], word=ans[1])
        return tuple(self.events)


def same_meeting(doc: Doc, index: ActorIndex, events: tuple[Event, ...]) -> tuple[Event, ...]:
    """One meeting told twice is one CONSULT event: a later asserted meeting noun with no time, place or statement
    of its own ("after around seven hours of talks with Sybiha, Umerov and Yermak"), which shares a party with an
    earlier asserted CONSULT ("a summit Tuesday between Rubio, Waltz and their Ukrainian counterparts in Jeddah")
    and whose every party is on one of that meeting's sides (the same actor, or one of the same country), adds
    its parties to the earlier event instead of becoming another.  A meeting with its own time or place, a
    planned or reported one, or one with a party from elsewhere stays separate."""
    actors = {index.actor_id(i): a for i, a in enumerate(index.actors)}

    def side(aid: str) -> str | None:
        a = actors.get(aid)
        if a is None:
            return None
        return a.name if a.kind == "country" else a.affiliation

    out: list[Event] = []
    for ev in events:
        trig = doc.char_span(ev.trigger.span[0], ev.trigger.span[1], alignment_mode="expand")
        if (ev.type == "CONSULT" and ev.modality == "asserted" and ev.time is None and ev.place is None
                and ev.statement is None and trig is not None and trig.root.pos_ == "NOUN"):
            for k in range(len(out) - 1, -1, -1):
                old = out[k]
                if old.type != "CONSULT" or old.modality != "asserted":
                    continue
                parties_old = set(old.sources + old.targets)
                sides_old = {side(a) for a in parties_old} - {None}
                if not set(ev.sources) & parties_old or not all(
                        a in parties_old or side(a) in sides_old for a in ev.sources + ev.targets):
                    continue
                out[k] = replace(old, sources=old.sources + tuple(a for a in ev.sources if a not in parties_old),
                                 targets=old.targets + tuple(a for a in ev.targets if a not in parties_old
                                                             and a not in ev.sources))
                log.debug("'%s' is the meeting '%s' told again", ev.trigger.text, old.trigger.text)
                break
            else:
                out.append(ev)
            continue
        out.append(ev)
    return tuple(out)


@Language.factory("onrecord_events", requires=["token.dep", "doc.ents"],
                  assigns=["doc._.onrecord_events", "doc._.onrecord_actors"])
def make_events(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent()


class EventsComponent:
    """Sets ``doc._.onrecord_events``; runs after ``onrecord_quotes`` so events can link to statements."""

    def __call__(self, doc: Doc) -> Doc:
        index = doc_index(doc)
        try:
            doc._.onrecord_events = _Coder(doc, index).run()
        except Exception:  # one odd article must never stop a batch
            log.exception("event coding failed for a document of %d chars", len(doc.text))
            doc._.onrecord_events = ()
        try:
            # the parties of the events: affiliations the article implies (office titles, delegations)
            parties.assign(doc, index, doc._.onrecord_events)
            doc._.onrecord_events = same_meeting(doc, index, doc._.onrecord_events)
            doc._.onrecord_actors = index.freeze()
        except Exception:
            log.exception("party mapping failed for a document of %d chars", len(doc.text))
        return doc
