"""onrecord_events: who did what to whom — PLOVER-coded events over the dependency parse.

Why rules and not a model: there is no event-annotated news in the project's data, and the parse already gives the
parts an event needs.  A trigger word (a verb or an event noun from ``triggers``) gives the PLOVER type; its
subject gives the source actors and its object or a "with/to/against/between" phrase the targets, resolved
through the ``ActorIndex`` of ``onrecord_actors`` (never invented: an unresolved party is left out).  Modality comes
from the clause — negation, "in principle", an if/whether clause or may/could, "suggest/propose", will/would/plan
and "agree to" — and an event inside a statement's content is ``reported-by`` and linked to that statement (a
statement whose cue is itself a trigger, "Macron welcoming …", links the other way round: the speaker is the
source).  Time is the first point in time of ``doc._.onrecord_times`` (else a DATE/TIME entity) in the trigger's
clause, resolved by ``event_time`` against ``doc._.onrecord_published``, and linked by id; place is a GPE/LOC/FAC
in an "in/at X" phrase, with its country.

Event nouns that carry nothing of their own ("the talks had helped") are anaphoric mentions of an event already
coded and are left out, so one meeting is not recorded five times; an indefinite one as the main clause's
subject ("A strike has caused chaos") is news told here.  Who the parties are is ``event_parties``; a title-case
headline is coded on a sentence-cased copy (``headline``).
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Event, EventTime, Issue, Place, TextSpan, TimeExpression, content_hash
from . import event_time, failsoft, headline, parties, plover, times
from . import lexicon as lx
from .actors import ActorIndex, doc_index
from .event_parties import PartyFinder
from .syntax import Entities, Intervals, controller, is_animate, subject_token
from .plover import CLAUSE_DEPS, COMMISSIVE, FUTURE_AUX, ISSUE_PREPS, PLAN_ADJ
from .triggers import answer, judgement, trigger_type

log = logging.getLogger(__name__)

if not Doc.has_extension("onrecord_events"):
    Doc.set_extension("onrecord_events", default=())
if not Doc.has_extension("onrecord_published"):
    Doc.set_extension("onrecord_published", default=None)

_NEGATORS = {"not", "n't", "never", "no", "nor"}
_ZERO = {"no", "zero", "none"}
_DEFINITE = {"the", "this", "that", "these", "those"}
# verbs whose subject undergoes the event noun they take ("is facing charges", "faces an inquiry")
_UNDERGO = {"face", "undergo"}
_HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
_HYPOTHETICAL_AUX = {"may", "might", "could"}
_DEONTIC_AUX = {"must", "should", "ought"}
_PROPOSE = {"suggest", "propose", "recommend"}
_PLAN = {"agree", "plan", "intend", "promise", "pledge", "vow", "decide", "prepare", "expect", "aim", "seek",
         "want", "offer", "hope", "try"}
_PLAN_NOUNS = frozenset("""intention intent plan plans decision pledge promise commitment readiness willingness
offer""".split())
_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_PLACE_NOUNS = {"city", "capital", "town", "port", "region", "province", "village", "resort"}


class _Coder(PartyFinder):
    def __init__(self, doc: Doc, index: ActorIndex, clock: failsoft.Clock = failsoft.NO_LIMIT):
        self.doc = doc
        self.index = index
        self.clock = clock
        self.cut: str | None = None  # what the time budget left undone
        self.published = event_time.parse_published(doc._.onrecord_published)
        self.statements = tuple(doc._.onrecord_statements)
        self.cue_statement = {s.cue.span[0]: s for s in self.statements if s.cue is not None}
        self.contents = Intervals((a, b, k) for k, st in enumerate(self.statements) for a, b in st.content_spans)
        self.events: list[Event] = []
        self.last_consult: Event | None = None
        # who was last asked or approached ("his team would contact Russia", "If Russia says yes"): the party
        # whose yes/no answer a later "their response" / "if they say no" is about
        self.last_addressee: list[str] = []
        self._time_points: list[tuple[TimeExpression, int]] | None = None
        text = doc.text  # spaCy joins the tokens on every access: compute once and share with onrecord_stances
        doc.user_data["onrecord_text"] = text
        self.text = text
        self.ents = Entities(doc)  # doc.ents, too, is rebuilt from the tokens on every access
        self.text_id = content_hash(text)

    # -- the clause ---------------------------------------------------------------------------------------------
    def _governor(self, noun: Token) -> tuple[Token | None, Token]:
        """For an event noun: the verb whose clause it sits in, and the noun-phrase token directly under it."""
        cur, hops = noun, 0
        while hops < 5 and cur.head is not cur:
            if cur.head.pos_ in {"VERB", "AUX"}:
                return cur.head, cur
            if cur.dep_ in CLAUSE_DEPS:
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
        own = [trigger] + ([via] if via is not None and via.i != trigger.i else [])
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
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
                return "planned"
            if any(v.lemma_.lower() in _PLAN or (v.pos_ == "ADJ" and v.lower_ in PLAN_ADJ) for v in chain[1:]) or (
                    chain[-1].dep_ == "xcomp" and chain[-1].head.lower_ in PLAN_ADJ):
                # "is due to meet Putin", "is ready to sign": the adjective the infinitive hangs on
                return "planned"
            if chain[-1].dep_ == "acl" and chain[-1].head.lemma_.lower() in _PLAN_NOUNS and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in chain[-1].children):
                return "planned"  # "announced their intention to lay down arms", "a plan to withdraw troops"
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
        if verb is not None and verb.i != trigger.i and not (via is not None and via.dep_ in {"nsubj", "nsubjpass"}):
            heads.append(verb)
        if via is not None and via.i != trigger.i:
            heads.append(via)
        for h in heads:
            for c in h.children:
                if c.dep_ in CLAUSE_DEPS or c.dep_ in {"nsubj", "nsubjpass", "dobj"} and h.i != trigger.i:
                    continue
                out.extend(c.subtree)
        return out

    def _time(self, scope: list[Token], future: bool) -> EventTime | None:
        ids = {t.i for t in scope}
        # the article's time expressions (onrecord_times): the first point in time inside the event's scope
        dateline = self.doc.user_data.get("onrecord_dateline") or (0, 0)
        if self._time_points is None:
            self._time_points = times.event_points(self.doc)
        for tx, first in self._time_points:
            if first not in ids:
                continue
            resolved = event_time.iso_date(tx.value, self.published)
            if future and resolved and self.published and resolved < self.published.isoformat():
                # a planned meeting "on Tuesday" is the next Tuesday, whatever the sentence's tense says
                resolved = event_time.resolve(tx.text, self.published, future=True) or resolved
            return EventTime(text=tx.text, span=tx.span, resolved=resolved, time_id=tx.id)
        for ent in self.ents.starting_at(ids):
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            if ent.start_char < dateline[1] and dateline[0] < ent.end_char:
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
        sent = ent.sent
        for other in reversed([e for e in self.ents.within(sent.start, sent.end) if e.label_ == "DATE"
                               and e.end <= ent.start]):
            r = event_time.resolve(other.text, self.published)
            if r and len(r) == 10:
                return r
        for ev in reversed(self.events):
            if ev.time and ev.time.resolved and len(ev.time.resolved) == 10:
                return ev.time.resolved
        return None

    def _place(self, scope: list[Token]) -> Place | None:
        for ent in self.ents.starting_at({t.i for t in scope}):
            if ent.label_ not in {"GPE", "LOC", "FAC"}:
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
            nxt = self.ents.by_start.get(ent.end + 1)
            if nxt is not None and nxt.label_ == "GPE" and lx.is_country_name(nxt.text):
                return lx.country_of(nxt.text)
        return lx.country_of(ent.text)  # capitals and metonyms the lexicon knows ("Moscow")

    # -- events -------------------------------------------------------------------------------------------------
    def _statement_for(self, trigger: Token):
        """(statement, is_cue): the statement whose cue is the trigger, or whose content holds it."""
        st = self.cue_statement.get(trigger.idx)
        if st is not None:
            return st, True
        k = self.contents.first_holding(trigger.idx)
        return (self.statements[k], False) if k is not None else (None, False)

    def code(self, trigger: Token, kind: str, word: Token | None = None) -> None:
        word = word or trigger
        if trigger.pos_ == "VERB" or trigger.pos_ == "AUX":
            verb, via = trigger, None
        else:
            verb, via = self._governor(trigger)
            if verb is not None and trigger_type(verb) is not None and (
                    via.dep_ in {"dobj", "pobj", "attr"} or (via.dep_ == "prep" and via.lower_ in ISSUE_PREPS
                                                            and via.lower_ != "against")) and not (
                    kind in {"CONCEDE", "RETREAT"} and verb.lemma_.lower() in COMMISSIVE):
                return  # "negotiate a peace deal": the verb carries the event ("offered concessions": the noun)
        if trigger.pos_ == "VERB" and trigger.lemma_.lower() in COMMISSIVE:
            # "offered concessions", "pledged a withdrawal": PLOVER keeps CONCEDE/RETREAT + future as they are
            obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
            inner = trigger_type(obj) if obj is not None else None
            if inner in {"CONCEDE", "RETREAT"}:
                return
            if any(c.dep_ == "xcomp" and plover.deed(c) and not plover.forsworn(c) for c in trigger.children):
                # "agreed to resume aid", "promised to send aid": one event, the deed, planned; a promise of aid
                # or cooperation is PLOVER AGREE (see _plover_type), the deed agreed to keeps its type
                return
        if trigger.pos_ == "VERB" and trigger.dep_ in {"acl", "amod"} and trigger.tag_ == "VBN" and not any(
                c.dep_ == "agent" for c in trigger.children):
            return  # "children deported to Russia": a description of the children, not an event told here
        modality = self._modality(trigger, verb, via)
        surface = kind
        kind = self._plover_type(kind, modality, trigger, verb)
        sources: list[str] = []
        subj_named, subj = False, None
        statement, is_cue = self._statement_for(trigger)
        if is_cue and statement.speaker.actor:
            sources.append(statement.speaker.actor)
        if trigger.pos_ == "ADJ":
            # a judgement ("the Home Office had been wrong to dismiss …"): the judge is whoever says it, the
            # judged party the subject of "be"
            if statement is not None and not is_cue and statement.speaker.actor:
                sources.append(statement.speaker.actor)
            targets_passive = self._actors(subject_token(verb)) if verb is not None else []
        elif verb is not None and self._inherits_subject(verb, via):
            subj = controller(verb)
            if subj is not None and not is_animate(subj) and not self._actors(subj):
                subj = None  # "used a Christmas message to denounce …": a thing does not act; the user does
            subj = subj or subject_token(verb)
            if subj is not None and subj.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                subj = verb.head  # "his son Nick, …, who praised …": the noun the clause is about
            if subj is not None and verb.dep_ == "relcl" and subj.i == verb.head.i and subj.dep_ == "appos" \
                    and subj.pos_ == "NOUN" and not self._actors(subj):
                subj = subj.head  # "his son Nick, a trainee vicar, who praised …": the one the description is of
            if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
                subj = subject_token(verb.head)  # "has written to X asking for clarification"
            if subj is None and verb.dep_ == "xcomp":
                # "Tories … are poised to vote against", "was forced to resign": a passive's subject controls
                subj = subject_token(verb.head)
                if subj is None:  # not "a ceasefire be used to negotiate …": only a party is controlled
                    subj = next((c for c in verb.head.children if c.dep_ == "nsubjpass" and self._actors(c)), None)
                if subj is None and verb.head.dep_ in {"acomp", "oprd"}:
                    subj = subject_token(verb.head.head)  # "it was ready to accept", "is willing to sign"
            if word is not trigger:
                poss = next((c for c in word.head.children if c.dep_ == "nsubj"), None)
                subj = next((c for c in poss.children if c.dep_ == "poss"), poss) if poss is not None else subj
            # "the US says it cannot support …": a pronoun subject of reported speech is the speaking country or
            # organisation before anything the pronoun layer links it to (the speaker speaks of itself)
            found = self._reported_self(subj, statement, is_cue) or self._actors(subj)
            subj_named = subj is not None and subj.pos_ != "PRON"
            if word is not trigger and subj is not None and subj.lower_ in {"they", "them", "their"} \
                    and self.last_addressee:
                # "their response is 'no'": the answer is given by the party that was asked, not by whoever
                # was the last plural subject
                found = list(self.last_addressee)
            if via is not None and via.dep_ == "dobj" and verb.lemma_.lower() in _UNDERGO and surface in {
                    "ACCUSE", "SANCTION", "THREATEN", "COERCE"}:
                # "Pinochet is facing charges", "the bank faces an investigation": who faces it is its target
                targets_plea, found = found, []
            elif trigger.lemma_.lower() == "plead" and surface == "SANCTION":
                # "the vendors will plead guilty": who pleads is the party convicted (manual, SANCTION convict:
                # the guilty party is the recipient)
                targets_plea, found = found, []
            else:
                targets_plea = []
            sources += [a for a in found if a not in sources]
            if via is None:
                passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                targets_passive = self._actors(passive) + targets_plea
            else:
                targets_passive = targets_plea
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
        if surface == "AID" and trigger.pos_ == "VERB" and not targets and not (
                trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in COMMISSIVE):
            # AID requires a recipient (manual); "the talks had helped to de-escalate" aids no one.  A promise of
            # aid ("had agreed to loan the firm the money") is coded on the deed (code() skips the promise): it
            # stays the AGREE of the one who promises, with or without a recipient named
            return
        # a verb whose own subject is a noun phrase no actor resolves ("the firm promised", "underground staff
        # warned") is still told with its party; a verb under a preposition ("without discussing …") is not
        told = subj_named and subj is not None and subj.pos_ in {"NOUN", "PROPN"} and verb is not None \
            and verb.dep_ != "pcomp"
        if not told and via is not None and via.dep_ == "nsubj" and verb is not None and verb.dep_ == "ROOT":
            # "Two days of talks … begin at Jack Straw's residence", "A strike has caused chaos": an indefinite
            # event noun as the main clause's subject is news told here; "the talks had helped" refers back
            told = not any(c.dep_ in {"det", "poss"} and (c.dep_ == "poss" or c.lower_ in _DEFINITE)
                           for t in {trigger, via} for c in t.children)
        if not (sources or targets or time or place or told):
            # an anaphoric event noun ("the talks had helped") is coded where the event is told; a verb with no
            # party, time or place ("whether to accept") says too little to record
            return
        link = statement.id if statement is not None else None
        if statement is not None and not is_cue and modality == "asserted":
            modality = "reported-by"
        sent = word.sent
        s_end = sent.end_char
        while s_end > sent.start_char and self.text[s_end - 1].isspace():
            s_end -= 1
        span = (word.idx, word.idx + len(word.text))
        if word is trigger:
            prt = next((c for c in trigger.children if c.dep_ == "prt" and c.i == trigger.i + 1), None)
            if prt is not None:
                span = (trigger.idx, prt.idx + len(prt.text))
        issue = self._issue(trigger, word, verb, via)
        if issue is not None and not targets and kind not in {"CONSULT", "PROTEST"}:
            # "rejected a neighbour's proposal", "refused to back Lord Dubs' bill": whose proposal it is, is the
            # target (the first possessor of a noun in the issue)
            for t in self.doc.char_span(issue.span[0], issue.span[1], alignment_mode="expand") or ():
                if t.dep_ == "poss" and t.head.pos_ in {"NOUN", "PROPN"}:
                    targets = [a for a in self._actors(t) if a not in sources]
                    break
        mode = plover.mode_of(kind, trigger, issue, self.doc)
        ev = Event(id=content_hash(self.text_id, surface, repr(span)), type=kind,
                   trigger=TextSpan(self.text[span[0]:span[1]], span), sentence_span=(sent.start_char, s_end),
                   sources=tuple(sources), targets=tuple(targets), modality=modality, time=time, place=place,
                   statement=link, mode=mode, context=plover.context_of(sent), surface_type=surface if surface != kind else None,
                   issue=issue)
        if self._duplicate(ev, trigger):
            return
        self.events.append(ev)
        if surface == "CONSULT" and (ev.sources or ev.targets):
            self.last_consult = ev
        if surface in {"CONSULT", "REQUEST"} and modality in {"planned", "proposed"} and ev.targets:
            self.last_addressee = list(ev.targets)
        elif word is not trigger and subj_named and ev.sources:
            self.last_addressee = list(ev.sources)

    # -- PLOVER's conventions, and what the event is about ---------------------------------------------------------
    def _plover_type(self, kind: str, modality: str, trigger: Token, verb: Token | None) -> str:
        return plover.plover_type(self, kind, modality, trigger, verb)


    def _issue(self, trigger: Token, word: Token, verb: Token | None, via: Token | None) -> Issue | None:
        return plover.issue_of(self, trigger, word, verb, via)


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
            if self.clock.over():
                self.cut = f"events stopped at word {tok.i} of {len(self.doc)}"
                break
            kind = trigger_type(tok)
            if kind is not None:
                if tok.dep_ == "conj" and trigger_type(tok.head) == kind and tok.pos_ != "VERB":
                    continue  # "aid and intelligence sharing": one event
                self.code(tok, kind)
                continue
            judged = judgement(tok) if tok.pos_ == "ADJ" else None
            if judged is not None:
                self.code(tok, judged)
                continue
            ans = answer(tok) if tok.pos_ in {"VERB", "AUX"} else None
            if ans is not None:
                self.code(tok, ans[0], word=ans[1])
        return tuple(self.events)


@Language.factory("onrecord_events", requires=["token.dep", "doc.ents"],
                  assigns=["doc._.onrecord_events", "doc._.onrecord_actors"])
def make_events(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent(nlp)


class EventsComponent:
    """Sets ``doc._.onrecord_events``; runs after ``onrecord_quotes`` so events can link to statements.  With the
    pipeline at hand, a title-case headline is coded on a sentence-cased copy (``headline``)."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        index = doc_index(doc)
        doc._.onrecord_events = failsoft.run(doc, "W101", "events", lambda clock: self.events(doc, index, clock)) or ()
        # the parties of the events: affiliations the article implies (office titles, delegations)
        failsoft.run(doc, "W103", "actors", lambda clock: self.parties(doc, index), "the party mapping")
        return doc

    def events(self, doc: Doc, index: ActorIndex, clock: failsoft.Clock = failsoft.NO_LIMIT) -> tuple[Event, ...]:
        coder = _Coder(doc, index, clock)
        out = coder.run()
        head = headline.headline_events(self.nlp, doc, index, _Coder) if self.nlp is not None else None
        if head is not None:
            (a, b), first = head
            out = tuple(first) + tuple(e for e in out if not a <= e.trigger.span[0] < b)
        if coder.cut:
            failsoft.out_of_time(doc, "events", coder.cut)
        return out

    def parties(self, doc: Doc, index: ActorIndex) -> None:
        parties.assign(doc, index, doc._.onrecord_events)
        doc._.onrecord_events = parties.same_meeting(doc, index, doc._.onrecord_events)
        doc._.onrecord_actors = index.freeze()
