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
_PERSONAL = frozenset("he him she her they them".split())
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "csubj", "parataxis"}
# "intelligence sharing": a compound that makes an otherwise neutral noun an event
# A truce that takes hold, fighting that stops (CAMEO 0871, PLOVER RETREAT 'ceasefire' — the implementation, where
# declaring one is CONCEDE): an intransitive verb of beginning or ending, by its subject: (verbs, subjects)
TRUCE_BEGINS = (frozenset("begin start hold take come go last".split()),
                frozenset("ceasefire ceasefires cease-fire truce truces armistice".split()))
FIGHTING_STOPS = (frozenset("stop cease end halt pause subside".split()),
                  frozenset("fighting hostilities violence clashes shelling bombardment".split()))

# What a verbal attack is made on ("attacked the government's record", "attacked Blair over the war"): an
# "attack" on one of these, or over an issue, is criticism (ACCUSE), not violence (manual, ASSAULT is physical)
VERBAL_TARGETS = frozenset("""record plan plans policy policies decision decisions proposal proposals remark remarks
comment comments claim claims stance handling budget bill strategy approach statement statements speech idea
ideas leadership performance failure failures tactics campaign manifesto response reform reforms""".split())

# Judgements of a party's act ("the Home Office had been wrong to dismiss concerns", "was right to resign"): an
# adjective of censure or approval with an infinitive, predicated of the party, is the speaker's ACCUSE or SUPPORT
# of it (manual, ACCUSE: "criticize … responsible parties"; SUPPORT: "commend … action or actor")
CENSURE_ADJECTIVES = frozenset("""wrong mistaken foolish irresponsible reckless negligent misguided naive
hypocritical dishonest shameful disgraceful outrageous unacceptable stupid cowardly""".split())
PRAISE_ADJECTIVES = frozenset("right correct brave courageous wise bold admirable commendable".split())
# Verbs that characterise a party ("described Sharon as the best chance for peace", "branded him a liar"): SUPPORT
# or ACCUSE by the words of the description (CAMEO 051 praise or endorse; 111 criticize or denounce)
DESCRIBING_VERBS = frozenset("describe call hail label brand portray characterise characterize dub".split())
PRAISING_WORDS = frozenset("""best good great important crucial vital essential historic hope chance opportunity
partner friend ally hero champion leader success achievement breakthrough step courageous brave honest wise
visionary statesman""".split())
CENSURING_WORDS = frozenset("""bad worst wrong mistake liar threat danger dangerous failure disaster farce
criminal terrorist dictator tyrant traitor racist hypocrite disgrace shameful outrageous unacceptable
irresponsible incompetent reckless betrayal""".split())


COMPOUND_TRIGGERS = {("intelligence", "sharing"): "AID", ("weapons", "deliveries"): "AID",
                     ("military", "aid"): "AID",
                     # manual, COERCE mode 'cyber': a cyber attack is coercion, not an assault
                     ("cyber", "attack"): "COERCE", ("cyber", "attacks"): "COERCE",
                     ("joint", "venture"): "COOPERATE", ("joint", "ventures"): "COOPERATE",
                     # a joint news conference is a meeting (CAMEO 04): "speaking at a joint news conference with Li"
                     ("joint", "conference"): "CONSULT", ("joint", "appearance"): "CONSULT",
                     # a joint or military exercise is military cooperation (CAMEO 062; synthetic dev: "exercise" 21
                     # of 26 COOPERATE stories)
                     ("joint", "exercise"): "COOPERATE", ("military", "exercise"): "COOPERATE",
                     ("naval", "exercise"): "COOPERATE", ("joint", "drill"): "COOPERATE",
                     # a package of aid is aid (CAMEO 07 "provide economic aid"): "confirmed a new $21m aid package"
                     ("aid", "package"): "AID", ("rescue", "package"): "AID", ("relief", "package"): "AID",
                     ("bailout", "package"): "AID",
                     # bringing a case to court (manual, ACCUSE 'allege': "sue or bring to court"): "launched a
                     # legal challenge to the ban", "lodged papers seeking a judicial review"
                     ("legal", "challenge"): "ACCUSE", ("legal", "challenges"): "ACCUSE",
                     ("court", "challenge"): "ACCUSE", ("judicial", "review"): "ACCUSE",
                     ("legal", "action"): "ACCUSE"}
# verbs of influence that, with an object and a to-infinitive, make a request of the object ("asked the chancellor
# to explain", "pressed Iran to stop", "encouraged the rebels to lay down arms"; CAMEO 10 demand, manual REQUEST:
# "all requests, demands, and orders")
_REQUEST_BY_OBJECT = frozenset("ask tell press pressure push encourage challenge".split())
# what one declines to do that refuses nothing to anyone ("declined to comment")
_NO_COMMENT = frozenset("""comment say elaborate confirm speculate discuss reveal disclose specify name identify give
answer respond talk""".split())
# what one seeks from a court is a case brought (ACCUSE 'allege'), not a request of a party
LEGAL_REMEDIES = frozenset("review injunction damages".split())
# what one strikes that is an agreement, not a blow ("trying to strike a similar deal with Russia")
_STRUCK_AGREEMENTS = frozenset("deal deals agreement agreements accord bargain pact compromise".split())
# a strike that is a blow: an air, missile or drone strike ("a strike on the underground" is a stoppage)
_MILITARY_STRIKE = frozenset("""air missile missiles drone rocket military aerial nuclear pre-emptive preemptive
retaliatory surgical precision naval artillery""".split())
# an article about pay, pensions or jobs that speaks of unions, workers or ballots, and not of war: its strike is a
# labour stoppage (PROTEST 'strike'), though the sentence names no worker ("A strike on the underground has caused
# traffic chaos")
_LABOUR_TALK = frozenset("""union unions workers staff employees wage wages pay pension pensions picket pickets
walkout walkouts ballot balloting""".split())
_WAR_TALK = frozenset("""troops soldiers military army militants rebels airstrike airstrikes bombing bombs missile
missiles killed war""".split())


# armed personnel: a withdrawal of these is RETREAT 'withdraw' (from an area), of anyone else SANCTION 'withdraw'
_MILITARY = frozenset("""troop troops soldier soldiers force forces army armies military militia militias fighter
fighters rebel rebels unit units battalion battalions brigade brigades navy warship warships tank tanks""".split())
# what one withdraws from that is a relation, not ground: a body, a process, an accord (manual, SANCTION 'withdraw':
# "withdraw oneself or one's non-military resources … from a group, mediation activity, organization, or country")
_RELATIONS = frozenset("""talks negotiations mediation process agreement agreements accord deal treaty pact
alliance union organisation organization body council coalition federation league court convention
partnership""".split())


def _withdrawal_kind(tok: Token) -> str | None:
    """'withdrew from the treaty', 'Human Rights Watch withdrew from Cambodia': SANCTION, unless troops or forces
    move (the subject or the object is armed personnel, or the place left is not a body or an accord)."""
    if tok.lemma_.lower() not in {"withdraw", "pull", "quit", "leave", "exit"}:
        return None
    src = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "of"}] if tok.lemma_.lower() in {
        "withdraw", "pull"} else [tok]
    left = [g for p in src for g in p.children if g.dep_ in ({"pobj"} if p is not tok else {"dobj"})]
    if not left:
        return None
    parties = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c not in left]
    if any(p.lemma_.lower() in _MILITARY or p.lower_ in _MILITARY for p in parties):
        return None
    for g in left:
        if g.lemma_.lower() in _RELATIONS or g.lower_ in _RELATIONS or g.ent_type_ == "ORG" or (
                g.ent_type_ == "GPE" and not parties and tok is not src[0]):
            return "SANCTION"
        if tok is src[0]:
            continue  # "left Kabul": leaving a place is travel unless it is a body or an accord
        if g.ent_type_ == "GPE" and parties and all(p.ent_type_ in {"ORG", ""} and p.pos_ != "PRON"
                                                     and p.lemma_.lower() not in _MILITARY for p in parties):
            return "SANCTION"
    return None


# what a party "must" or "should" do, in what another says ("European leaders say Asian states must let their
# currencies rise", "'Asia should engage in greater currency flexibility,' said Gaymard"): a demand of that party
# (CAMEO 10, manual REQUEST: "all requests, demands, and orders"); what it "should have" done is criticism of what it
# did not do ("said the government should have acted sooner": ACCUSE 'disapprove')
_DEONTIC = frozenset("must should ought".split())
_PARTY_ENTS = frozenset("PERSON ORG GPE NORP".split())


def deontic_content(tok: Token) -> tuple[str, Token] | None:
    """For a speech verb whose reported clause says what a party other than the speaker must or should do: (REQUEST
    or ACCUSE, that clause's subject).  The subject must be a party (a name, a people or a sector or group noun);
    a thing ("prices must rise"), a pronoun ("we must act", "it should be") or "must have" (a deduction) is none."""
    lemma = tok.lemma_.lower()
    if lemma not in lx.REPORTING_VERBS or lemma in VERB_TRIGGERS or tok.pos_ != "VERB":
        return None
    for c in tok.children:
        if c.dep_ != "ccomp" or c.pos_ not in {"VERB", "AUX"}:
            continue
        auxes = [k.lower_ for k in c.children if k.dep_ == "aux"] + ([c.lower_] if c.lower_ == "ought" else [])
        modal = next((a for a in auxes if a in _DEONTIC), None)  # "ought" may head its clause ("ought to reopen")
        if modal is None:
            continue
        subj = next((k for k in c.children if k.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ == "PRON" or not _party_noun(subj):
            return None
        if "have" in auxes and c.tag_ == "VBN":
            return ("ACCUSE", subj) if modal != "must" else None
        return "REQUEST", subj
    return None


def censured_content(tok: Token) -> Token | None:
    """'Ms Short said the US was "very bad at coordinating"', 'said Mr Straw was "naive beyond belief"', 'said
    lifting the embargo would be "irresponsible"': a speech verb whose reported clause predicates a word of
    censure (``CENSURE_ADJECTIVES``, ``CENSURING_WORDS``) of something is the speaker's criticism of it (ACCUSE
    'disapprove'); the clause's "be" is returned.  Not when negated ("was not wrong") or said of oneself ("I was
    wrong", "we were naive": a concession, if anything)."""
    lemma = tok.lemma_.lower()
    if lemma not in lx.REPORTING_VERBS or lemma in VERB_TRIGGERS or tok.pos_ != "VERB":
        return None
    for c in tok.children:
        if c.dep_ != "ccomp" or c.lemma_.lower() != "be" or any(k.dep_ == "neg" for k in c.children):
            continue
        subj = next((k for k in c.children if k.dep_ in {"nsubj", "nsubjpass", "csubj"}), None)
        if subj is None or subj.lower_ in {"i", "we"} or not _judged(subj):
            continue
        for d in c.children:
            if d.dep_ in {"acomp", "attr"} and (d.lower_ in _CENSURE or d.lemma_.lower() in _CENSURE):
                # "said the Treasury had been wrong to ignore warnings" is the judgement's own event (judgement())
                return c if judgement(d) is None else None
    return None


_CENSURE = CENSURE_ADJECTIVES | CENSURING_WORDS


# a court's finding that something or someone broke the law (manual, SANCTION 'convict': "find an entity or
# behavior guilty, unconstitutional, or liable in a court of law"): "the House of Lords, the UK's highest court,
# ruled that the anti-terror measures broke human rights laws", "the court ruled the ban was unconstitutional"
_COURTS = frozenset("court courts tribunal judge judges jury panel lords".split())
_UNLAWFUL = frozenset("""unlawful illegal unconstitutional invalid guilty liable breach breached break broke broken
breaking violate violated violation breaches infringe infringed contravene contravened""".split())


def court_finding(tok: Token) -> bool:
    if tok.lemma_.lower() not in {"rule", "find", "declare"} or tok.pos_ != "VERB":
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.lower_ in _COURTS or subj.lemma_.lower() in _COURTS or any(
            c.dep_ == "appos" and c.lemma_.lower() in _COURTS for c in subj.children) or any(
            t.lower_ in _COURTS for t in subj.subtree if t.ent_type_ == "ORG")):
        return False
    return any(c.dep_ == "ccomp" and any(t.lower_ in _UNLAWFUL for t in c.subtree if t.i == c.i or t.dep_ not in
                                         CLAUSE_DEPS) for c in tok.children)


def claimed_party(tok: Token) -> Token | None:
    """'Officials claim that Agroflora does not possess valid documents', 'Makarov claims he has been betrayed by
    the British authorities': a claim whose content is what another named party did or is, is an allegation
    against it (manual, ACCUSE 'allege': "formally or informally accuse"); the party is returned.  A claim about
    the speaker's own things ("Yukos claims its downfall was punishment", "the firm claims its sales rose") or
    about no party ("claim the economy will grow") is none."""
    if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
        return None
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((k for k in c.children if k.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ != "PRON" and _party_noun(subj) and not any(
                k.dep_ == "poss" for k in subj.children):
            return subj
        agent = [g for k in c.children if k.dep_ == "agent" for g in k.children if g.dep_ == "pobj"]
        if agent and any(k.dep_ == "auxpass" for k in c.children) and _party_noun(agent[0]):
            return agent[0]
    return None


def _judged(subj: Token) -> bool:
    """What a censure can be of: a party, a person pronoun, an act ("lifting the embargo"), a policy or a plan
    (``VERBAL_TARGETS``) or a party's thing ("his plan"); not "the weather"."""
    return _party_noun(subj) or subj.lower_ in _PERSONAL or subj.pos_ in {"VERB", "AUX"} or subj.tag_ == "VBG" or (
        subj.lemma_.lower() in VERBAL_TARGETS or subj.lower_ in VERBAL_TARGETS) or any(
        k.dep_ == "poss" for k in subj.children)


def _party_noun(tok: Token) -> bool:
    """A name, or a noun of people, groups or sectors ("Asian states", "the government", "ministers")."""
    if tok.ent_type_ in _PARTY_ENTS or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    return tok.lower_ in lx.GROUP_NOUNS or lemma in lx.SECTOR_NOUNS or tok.lower_ in lx.SECTOR_NOUNS or (
        lemma in lx.ROLE_HEADS) or (
        lemma in {"state", "country", "nation", "member"} and any(
            c.dep_ in {"amod", "compound"} and c.ent_type_ in _PARTY_ENTS for c in tok.children))


def _verb_type(tok: Token) -> str | None:
    deontic = deontic_content(tok)
    if deontic is not None:
        return deontic[0]
    if censured_content(tok) is not None or claimed_party(tok) is not None:
        return "ACCUSE"
    if court_finding(tok):
        return "SANCTION"
    withdrawal = _withdrawal_kind(tok)  # leaving a body or an accord reduces relations (SANCTION 'withdraw')
    if withdrawal is not None:
        return withdrawal
    if tok.lemma_.lower() == "warn" and _warns_of_another(tok):
        return "ACCUSE"  # "Brown warned that the Tories were planning cuts": a charge, not a threat of one's own
    if tok.lemma_.lower() in {"attack", "blast", "savage"} and _verbal_attack(tok):
        return "ACCUSE"  # "attacked the government's record", "attacked Blair over the war": words, not force
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    if lemma in _REQUEST_BY_OBJECT and any(c.dep_ in {"dobj", "dative"} for c in kids) and any(
            c.dep_ in {"xcomp", "ccomp"} and any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children)
            for c in kids):
        return "REQUEST"  # "asked the chancellor to explain", "told him to resign": a request or demand
    if lemma in {"want", "prefer"} and any(c.dep_ == "ccomp" and any(k.dep_ == "nsubj" for k in c.children) and any(
            k.dep_ == "aux" and k.lower_ == "to" for k in c.children) for c in kids):
        return "REQUEST"  # "they want the government to withdraw the regulations": a demand of the government
    if lemma == "prefer" and any(c.dep_ == "dobj" and _party_noun(c) for c in kids) and any(
            c.dep_ == "xcomp" and any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children) for c in kids):
        return "REQUEST"  # "many in France would prefer Turkey to admit …": what one wants of a party
    dobjs = [c for c in kids if c.dep_ == "dobj"]
    if lemma == "decline" and dobjs:
        return "REJECT"  # "declined the offer" (CAMEO 12 reject; intransitive "profits declined" is no event)
    if lemma == "decline" and any(c.dep_ == "xcomp" and c.lemma_.lower() not in _NO_COMMENT for c in kids):
        return "REJECT"  # "declined to lift the embargo" (CAMEO 124 decline to yield); not "declined to comment"
    if lemma == "storm" and dobjs and _party_subject(tok):
        return "ASSAULT"  # "gunmen stormed the embassy" (CAMEO 190 conventional force; synthetic dev: 11 of 17)
    if lemma == "strike" and any(c.lemma_.lower() in _STRUCK_AGREEMENTS for c in dobjs):
        return "AGREE"  # "strike a deal": an agreement made, not a blow
    if lemma == "seek" and any(c.lemma_.lower() in LEGAL_REMEDIES for c in dobjs):
        return "ACCUSE"  # "seeking a judicial review", "sought an injunction": a case brought to court
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is not None and not any(c.dep_ == "dobj" for c in kids) and any(
            lemma in verbs and subj.lemma_.lower() in subjects for verbs, subjects in (TRUCE_BEGINS,
                                                                                     FIGHTING_STOPS)):
        return "RETREAT"  # "a ceasefire began on Monday", "fighting stopped as talks opened"
    if lemma == "deny" and any(c.dep_ == "ccomp" or (c.dep_ in {"xcomp", "pcomp"} and (c.tag_ == "VBG" or any(
            k.lower_ == "having" for k in c.children))) for c in kids):
        return "REJECT"  # "denied that he had misled Parliament", "denied comparing the idea …": a charge rejected
    if lemma == "force" and dobjs and _party_subject(tok) and any(c.dep_ in {"xcomp", "ccomp"} and any(
            k.dep_ == "aux" and k.lower_ == "to" for k in c.children) for c in kids):
        return "COERCE"  # "Russia forced Yukos to sell": compelling a party (CAMEO 17 coerce)
    if lemma == "hold" and tok.tag_ == "VBN" and _held_people(tok):
        return "COERCE"  # "have been held by the US at Guantanamo Bay", "Britons held by the US" (CAMEO 173 detain)
    by_object = _object_type(tok)  # "suspended protests" is CONCEDE though "suspend" alone is SANCTION
    if by_object is not None:
        return by_object
    specs = VERB_TRIGGERS.get(tok.lemma_.lower()) or next(
        (VERB_TRIGGERS[w] for w in _stems(tok) if w in VERB_TRIGGERS), None)
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
            # "asking for them to negotiate", "called for the talks to resume": the "for" marks the clause asked for
            words |= {g.lower_ for c in tok.children if c.dep_ in {"advcl", "ccomp"} for g in c.children
                      if g.dep_ == "mark" and g.lower_ == "for" and g.i == tok.i + 1}
        if words & set(needs):
            return kind
    return None


# the people one holds in custody (not "talks were held", "a meeting held in Paris")
_DETAINABLE = frozenset("""prisoner prisoners detainee detainees suspect suspects hostage hostages captive captives
man men woman women people britons nationals citizens inmates journalist journalists worker workers""".split())


def _held_people(tok: Token) -> bool:
    """'X have been held by the US', 'four Britons held without trial': "held" of persons, by an agent or
    without trial or charge, is detention."""
    held = [c for c in tok.children if c.dep_ == "nsubjpass"] + ([tok.head] if tok.dep_ == "acl" else [])
    people = [h for g in held for h in [g] + list(g.conjuncts)
              if h.ent_type_ == "PERSON" or h.lower_ in _DETAINABLE or h.lemma_.lower() in _DETAINABLE]
    if not people:
        return False
    return any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"without", "in"} and any(
        g.lemma_.lower() in {"trial", "charge", "custody", "detention", "jail", "prison"} for g in c.children))
        for c in tok.children)


def _party_subject(tok: Token) -> bool:
    """Whether a verb's subject is a party (a name or a personal pronoun), not a thing ("a deal which could have
    forced it to buy")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ == "PROPN" or subj.lower_ in _PERSONAL | {"i", "we", "you", "it"}
                                 or subj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
                                 or subj.lower_ in lx.SECTOR_NOUNS)


def _stems(tok: Token) -> list[str]:
    """The base forms an inflected verb may have when the lemmatiser misses it ("fined" → "fin"): the word less
    its -ed/-d or -ing, with or without a final e."""
    w = tok.lower_
    if tok.tag_ in {"VBD", "VBN"} and w.endswith("ed"):
        return [w[:-1], w[:-2]]
    if tok.tag_ == "VBG" and w.endswith("ing"):
        return [w[:-3], w[:-3] + "e"]
    if tok.tag_ == "VBZ" and w.endswith("s"):
        return [w[:-1]]
    return []


def _object_type(tok: Token) -> str | None:
    """A verb that is an event by its object ("restored diplomatic relations", "sent troops", "lay down arms")."""
    lemma = tok.lemma_.lower()
    if lemma in {"find", "plead"} and any(c.dep_ in {"oprd", "acomp", "ccomp", "xcomp"} and c.lower_ == "guilty"
                                          for c in tok.children):
        return "SANCTION"  # "found guilty", "will plead guilty": convict (manual, SANCTION modes)
    if lemma in DESCRIBING_VERBS:
        return _description_type(tok)
    objs = None
    for verbs, objects, kind in lx.PLOVER_VERB_OBJECTS:
        if lemma in verbs:
            if objs is None:
                # the word as written too: the lemmatiser makes "proceedings" "proceeding"
                objs = {w for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}
                        for g in [c] + [k for k in c.conjuncts] for w in (g.lemma_.lower(), g.lower_)}
            if objs & objects:
                return kind
    return None


def _verbal_attack(tok: Token) -> bool:
    """'attacked the government's record', 'attacked Mr Blair over Iraq', 'attacked plans to …': the object is a
    policy, a plan or words, or the attack is "over" an issue."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "over":
            return True
        if c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in VERBAL_TARGETS
                                                 or c.lower_ in VERBAL_TARGETS):
            return True
    return False


def _description_type(tok: Token) -> str | None:
    """'described Sharon as the best chance for peace' (SUPPORT), 'branded him a liar' (ACCUSE): a party
    characterised by an evaluative description; a neutral one ("described him as a lawyer") is no event."""
    obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is None or not (obj.pos_ == "PROPN" or obj.lower_ in _PERSONAL or obj.ent_type_ in {"PERSON", "ORG",
                                                                                                "GPE", "NORP"}):
        return None  # a party is described, not a thing ("called it an important moment")
    desc = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    desc += [c for c in tok.children if (c.dep_ in {"oprd", "xcomp", "ccomp"} or (c.dep_ == "dobj" and c.i > obj.i))
             and c.pos_ in {"NOUN", "ADJ", "PROPN"}]  # "branded Corbyn a danger": the second object too
    for d in desc:
        words = {t.lemma_.lower() for t in d.subtree if t.dep_ not in CLAUSE_DEPS or t is d}
        negated = any(t.dep_ == "neg" for t in d.subtree)
        if words & CENSURING_WORDS:
            return "SUPPORT" if negated else "ACCUSE"
        if words & PRAISING_WORDS:
            return "ACCUSE" if negated else "SUPPORT"
    return None


def judgement(tok: Token) -> str | None:
    """'the Home Office had been wrong to dismiss concerns' (ACCUSE), 'he was right to resign' (SUPPORT): an
    adjective of censure or approval with an infinitive, predicated of a party by "be"."""
    if tok.pos_ != "ADJ" or tok.dep_ not in {"acomp", "attr"} or tok.head.lemma_.lower() != "be":
        return None
    if not any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in list(tok.children) + list(tok.head.children)):
        return None  # "was wrong to dismiss …" (the infinitive hangs on the adjective or on "be")
    lemma = tok.lower_
    if lemma in CENSURE_ADJECTIVES:
        return "ACCUSE"
    if lemma in PRAISE_ADJECTIVES:
        return "SUPPORT"
    return None


def _stoppage_length(mod: Token) -> bool:
    """'a two-day strike', 'a 24-hour strike', 'an indefinite strike': a stoppage lasts; an air strike does not."""
    w = mod.lower_
    return w in {"indefinite", "open-ended", "token"} or (
        "-" in w and w.rsplit("-", 1)[1] in {"day", "hour", "week", "month"}) or (
        w in {"day", "hour", "week", "month"} and any(k.dep_ == "nummod" for k in mod.children))


def _warns_of_another(tok: Token) -> bool:
    """A warning whose content is what a named other party does ("warned that the Tories were planning …")
    threatens nothing the speaker will do (manual, THREATEN: "coercive or forceful warnings with serious
    potential repercussions"); a pronoun subject ("warned they will strike") may be the speaker and stays a
    threat."""
    for c in tok.children:
        if c.dep_ == "ccomp":
            subj = next((k for k in c.children if k.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.pos_ == "PROPN" or (
                    subj is not None and subj.ent_type_ in {"NORP", "ORG", "GPE", "PERSON"}):
                return True
            # "the IMF warned that India's budget deficit was too large": what a named other party has or does
            if subj is not None and any(k.dep_ == "poss" and (k.pos_ == "PROPN" or k.ent_type_ in _PARTY_ENTS)
                                        for k in subj.children):
                return True
    return False


def _labour_subject(tok: Token) -> bool:
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _LABOUR or any(c.lower_ in _LABOUR for c in subj.children))


def _labour_strike(tok: Token) -> bool:
    """A strike not written as a military one ("air strike", "Israeli strikes"), in an article that talks of
    unions, pay or ballots and not of war (``_LABOUR_TALK``, ``_WAR_TALK``; read once per document)."""
    if any(c.dep_ in {"amod", "compound"} and (c.lower_ in _MILITARY_STRIKE or c.ent_type_ in {"NORP", "GPE"})
           for c in tok.children):
        return False
    doc = tok.doc
    key = "onrecord_labour_talk"
    if key not in doc.user_data:
        words = {t.lower_ for t in doc}
        doc.user_data[key] = bool(words & _LABOUR_TALK) and not words & _WAR_TALK
    return doc.user_data[key]


# a party said to be a supporter, critic or opponent of another ("The US is a strong supporter of continued
# support for Turkey", "he has been a fierce critic of the war"): the stance the manual codes for the verb (SUPPORT
# "express support for", ACCUSE "criticize", REJECT "oppose"), predicated of the subject by "be"
# ("Mr Blair is an enthusiastic proponent of talks", "has been a leading advocate of Turkish membership")
AGENT_NOUNS = {"supporter": "SUPPORT", "backer": "SUPPORT", "champion": "SUPPORT", "proponent": "SUPPORT",
               "advocate": "SUPPORT", "critic": "ACCUSE", "opponent": "REJECT"}


def _predicated_agent(tok: Token) -> str | None:
    kind = AGENT_NOUNS.get(tok.lemma_.lower())
    if kind is None or tok.dep_ != "attr" or tok.head.lemma_.lower() != "be":
        return None
    return kind


def trigger_type(tok: Token) -> str | None:
    """The PLOVER type a verb or event noun names, if it is a trigger."""
    if tok.pos_ == "VERB":
        return _verb_type(tok)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in AGENT_NOUNS:
        return _predicated_agent(tok)
    if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ not in {"PERSON", "ORG", "GPE", "DATE", "NORP"}:
        for c in tok.children:
            if c.dep_ in {"compound", "amod"} and (c.lower_, tok.lower_) in COMPOUND_TRIGGERS:
                return COMPOUND_TRIGGERS[(c.lower_, tok.lower_)]
        kind = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(tok.lemma_.lower())
        if kind is None and tok.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ == "for"
                                                               for c in tok.children):
            return "REQUEST"  # "issued a call for party unity"
        if kind == "ASSAULT" and tok.lemma_.lower() == "attack" and any(
                (c.dep_ == "amod" and c.lower_ in {"verbal", "personal", "scathing", "stinging", "blistering"})
                or (c.dep_ == "prep" and c.lower_ == "on" and any(
                    g.lemma_.lower() in VERBAL_TARGETS or g.lower_ in VERBAL_TARGETS for g in c.children))
                for c in tok.children):
            return "ACCUSE"  # "a scathing attack on the government's plans": words, not force
        if kind == "ASSAULT" and tok.lemma_.lower() == "strike" and (
                any(c.lower_ in _LABOUR or _stoppage_length(c) for c in tok.children)
                or (tok.dep_ == "pobj" and tok.head.lower_ == "on") or _labour_strike(tok)):
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
