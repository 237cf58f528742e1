"""Mapping actors to parties: the country an actor acts for, when the article lets us say so.

``onrecord_actors`` already takes an affiliation from a national adjective or country word in the title
("Russian foreign ministry spokesperson Maria Zakharova" → Russia) or an apposition.  American copy in particular
writes "Secretary of State Marco Rubio" and "national security adviser Mike Waltz" with no adjective: the reader
knows the country from the office and from who travels with whom.  These rules add that, in order, and only fill an
affiliation that is still empty (never overwrite what the article states):

1. **Office title.**  ``OFFICES`` lists titles that exist under that exact name in few countries ("secretary of
   state" → United States; "national security adviser" → United States, United Kingdom, India, Israel).  The actor
   takes the country when exactly one of the title's countries is named in that person's mention context (the
   sentence of a name mention, the one before or after) and in the article (a country actor, a
   demonym or a capital: "U.S. aid", "Washington").  Two candidates in the article → no affiliation.
2. **Delegation.**  People who together form one side of a meeting (the coordinated subject of a CONSULT event
   with a counterpart: "Rubio and Waltz … talks with Ukrainian … Sybiha", or "between Rubio, Waltz and their
   Ukrainian counterparts") share the one affiliation known among them; when the side's known affiliations
   disagree, nothing is assigned.  A "between A and B" list is not a side (A and B face each other), unless its
   last member is "(their) counterparts".
3. **Group location.**  An unnamed group placed somewhere ("some hard-line voices in Moscow") takes the country of
   the place.

Nothing here uses world knowledge about people: "Putin" with no title stays unaffiliated.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import Event
from . import lexicon as lx

# ``ActorIndex`` (onrecord.nlp.actors) in the annotations below is not imported: actors imports this module.

# Political parties of common democracies: canonical name → the forms articles use (name, short name, members'
# plural, adjective).  Any of these is an organisation, never a person; used in a title ("Labour MP", "Lib Dem
# spokesman", "Republican senator") it is the person's party.
PARTIES: dict[str, str] = {
    # United Kingdom
    "Labour Party": "Labour|Labour Party|New Labour",
    "Conservative Party": "Conservative|Conservatives|Conservative Party|Tory|Tories|Tory Party",
    "Liberal Democrats": "Liberal Democrat|Liberal Democrats|Lib Dem|Lib Dems|LibDem|LibDems",
    "Scottish National Party": "SNP|Scottish National Party|Scottish Nationalist|Scottish Nationalists",
    "Plaid Cymru": "Plaid Cymru|Plaid",
    "UK Independence Party": "UKIP|UK Independence Party",
    "Green Party": "Green Party|Greens",
    "Democratic Unionist Party": "DUP|Democratic Unionist|Democratic Unionists|Democratic Unionist Party",
    "Ulster Unionist Party": "UUP|Ulster Unionist|Ulster Unionists|Ulster Unionist Party",
    "Sinn Fein": "Sinn Fein|Sinn Féin",
    "SDLP": "SDLP|Social Democratic and Labour Party",
    "Respect": "Respect Party",
    "Veritas": "Veritas",
    "British National Party": "BNP|British National Party",
    "Reform UK": "Reform UK",
    # United States
    "Democratic Party": "Democratic Party|Democrat|Democrats|Democratic",
    "Republican Party": "Republican Party|Republican|Republicans|GOP",
    # Canada
    "Liberal Party of Canada": "Liberal Party of Canada",
    "New Democratic Party": "NDP|New Democratic Party|New Democrats",
    "Bloc Québécois": "Bloc Québécois|Bloc Quebecois",
    # Germany, Austria
    "CDU": "CDU|Christian Democratic Union",
    "CSU": "CSU|Christian Social Union",
    "SPD": "SPD|Social Democratic Party of Germany",
    "FDP": "FDP|Free Democratic Party",
    "AfD": "AfD|Alternative for Germany",
    # France, Italy, Spain
    "Rassemblement National": "Rassemblement National|National Rally|Front National|National Front",
    "Forza Italia": "Forza Italia",
    "PSOE": "PSOE|Spanish Socialist Workers' Party",
    "Partido Popular": "Partido Popular",
    # Australia, India, Japan, Israel, South Africa
    "Australian Labor Party": "Labor|Australian Labor Party|Labor Party",
    "Bharatiya Janata Party": "BJP|Bharatiya Janata Party",
    "Indian National Congress": "Indian National Congress",
    "Liberal Democratic Party (Japan)": "LDP",
    "Likud": "Likud",
    "African National Congress": "ANC|African National Congress",
}
PARTY_OF: dict[str, str] = {form.lower(): name for name, forms in PARTIES.items() for form in forms.split("|")}


def party_of(text: str) -> str | None:
    """The party a name or adjective names ("Lib Dems", "Tory", "Labour's"), or None."""
    t = " ".join(text.replace("’s", "").replace("'s", "").split()).strip(" .,").lower()
    if t.startswith("the "):
        t = t[4:]
    return PARTY_OF.get(t)

log = logging.getLogger(__name__)

# Office titles written without a national adjective → the countries that have an office of that exact name.
# Only titles whose candidate list is short belong here ("president", "prime minister" do not).
OFFICES: dict[str, tuple[str, ...]] = {
    "secretary of state": ("United States",),
    "national security adviser": ("United States", "United Kingdom", "India", "Israel"),
    "national security advisor": ("United States", "United Kingdom", "India", "Israel"),
    "defense secretary": ("United States",),
    "secretary of defense": ("United States",),
    "defence secretary": ("United Kingdom",),
    "foreign secretary": ("United Kingdom", "India"),
    "home secretary": ("United Kingdom",),
    "chancellor of the exchequer": ("United Kingdom",),
    "treasury secretary": ("United States",),
    "secretary of the treasury": ("United States",),
    "attorney general": ("United States", "United Kingdom", "Australia", "Ireland", "Canada"),
    "house speaker": ("United States",),
    "speaker of the house": ("United States",),
    "senate majority leader": ("United States",),
    "white house press secretary": ("United States",),
    "white house chief of staff": ("United States",),
    "kremlin spokesman": ("Russia",),
    "kremlin spokesperson": ("Russia",),
    "chancellor": ("Germany", "Austria"),
    "taoiseach": ("Ireland",),
    "supreme leader": ("Iran",),
}
_COUNTERPARTS = {"counterpart", "counterparts", "opposite", "numbers"}


def article_countries(doc: Doc, index: ActorIndex) -> set[str]:
    """Countries the article mentions: its country actors and every demonym, capital or country name it uses."""
    found = {a.name for a in index.actors if a.kind == "country" and a.mentions}
    for ent in doc.ents:
        if ent.label_ in {"NORP", "GPE", "ORG"}:
            c = lx.country_of(ent.text)
            if c:
                found.add(c)
    return found


def _context_countries(doc: Doc, index: ActorIndex, a) -> set[str]:
    """Countries named in the sentences of a person's name mentions and the sentence before each: the office
    title's country must be in that mention's context ("Chancellor Gordon Brown" does not become German because
    Germany is named elsewhere in the article)."""
    info = index.info()
    keep: set[int] = set()
    for s, e in a.mentions:
        if a.rules.get((s, e), "name") == "name":
            k = info.sent_of[s]
            keep.update({k - 1, k, k + 1})
    found: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in {"NORP", "GPE", "ORG"} and info.sent_of[ent.start] in keep:
            c = lx.country_of(ent.text)
            if c:
                found.add(c)
    return found


def _office_rule(doc: Doc, index: ActorIndex, countries: set[str]) -> None:
    for a in index.actors:
        if a.kind != "person" or a.affiliation:
            continue
        candidates: set[str] = set()
        near = _context_countries(doc, index, a)
        for role in a.roles:
            cands = OFFICES.get(" ".join(role.lower().replace("-", " ").split()))
            if cands:
                candidates |= {c for c in cands if c in countries and c in near}
        if len(candidates) == 1:
            a.affiliation = next(iter(candidates))


def _mention_tokens(index: ActorIndex, doc: Doc, actor_ids: set[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, a in enumerate(index.actors):
        aid = index.actor_id(i)
        if aid in actor_ids:
            for s, e in a.mentions:
                for t in range(s, e):
                    out[t] = aid
    return out


def _coordination(tok: Token) -> list[Token]:
    """The members of the coordination a token stands in ("Rubio, Waltz and their … counterparts")."""
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return [head, *head.conjuncts]


def _sides(doc: Doc, index: ActorIndex, events: tuple[Event, ...]) -> list[list[str]]:
    """Groups of actor ids that the article presents as one side of a meeting."""
    sides: list[list[str]] = []
    for ev in events:
        if ev.type != "CONSULT" or not ev.targets:
            continue
        people = [a for a in ev.sources if index.actors[_pos(index, a)].kind == "person"] if ev.sources else []
        if len(people) < 2:
            continue
        toks = _mention_tokens(index, doc, set(people))
        sent = doc.char_span(ev.sentence_span[0], ev.sentence_span[1], alignment_mode="expand")
        if sent is None:
            continue
        heads = [t for t in sent if t.i in toks and (t.head.i not in toks or t.head is t or t.dep_ == "conj")]
        if not heads:
            continue
        members = _coordination(heads[0])
        member_ids = {toks.get(m.i) for m in members}
        if not set(people) <= member_ids:
            continue
        others = [m for m in members if toks.get(m.i) is None]
        between = any(m.head.lower_ == "between" or m.head.head.lower_ == "between" for m in members[:1])
        if others and not all(o.lower_ in _COUNTERPARTS for o in others):
            continue  # a list that also holds the other side ("between Rubio, Waltz and Lavrov")
        if between and not others:
            continue  # "between Rubio and Waltz": two sides, not one
        sides.append(list(dict.fromkeys(people + [a for a in ev.sources if a not in people])))
    return sides


def _pos(index: ActorIndex, actor_id: str) -> int:
    for i in range(len(index.actors)):
        if index.actor_id(i) == actor_id:
            return i
    raise KeyError(actor_id)


def _delegation_rule(doc: Doc, index: ActorIndex, events: tuple[Event, ...]) -> None:
    for side in _sides(doc, index, events):
        actors = [index.actors[_pos(index, a)] for a in side]
        known = {a.name if a.kind == "country" else a.affiliation for a in actors} - {None}
        if len(known) != 1:
            continue
        party = next(iter(known))
        for a in actors:
            if a.kind == "person" and not a.affiliation:
                a.affiliation = party


def _group_rule(doc: Doc, index: ActorIndex) -> None:
    for a in index.actors:
        if a.kind != "group" or a.affiliation:
            continue
        for s, e in a.mentions:
            root = doc[s:e].root
            for c in root.children:
                if c.dep_ == "prep" and c.lower_ in {"in", "from"}:
                    for p in c.children:
                        if p.dep_ == "pobj" and p.ent_type_ in {"GPE", "NORP"}:
                            a.affiliation = a.affiliation or lx.country_of(p.text)


def assign_groups(doc: Doc, index: ActorIndex) -> None:
    """Rule 3 alone, for groups added after the events (by ``onrecord_stances``)."""
    _group_rule(doc, index)


def assign(doc: Doc, index: ActorIndex, events: tuple[Event, ...]) -> None:
    """Fill empty affiliations by the three rules above (in place on the index's actors)."""
    countries = article_countries(doc, index)
    _office_rule(doc, index, countries)
    _delegation_rule(doc, index, events)
    _group_rule(doc, index)


# Title and description heads that name what a person is ("backbencher", "MP", "campaigner"), besides
# ``lexicon.ROLE_HEADS``; and word endings of person nouns ("spokesman", "economist", "politician").
_PERSON_NOUNS = frozenset("""
mp mps mep msp peer backbencher frontbencher councillor councilor whip campaigner activist candidate
member leader colleague rival ally friend wife husband son daughter mother father brother sister widow
veteran founder owner boss manager coach captain player striker star singer actor actress author writer
editor journalist reporter correspondent presenter host producer director executive economist analyst
teacher student doctor nurse lawyer barrister solicitor judge officer soldier pilot banker investor
businessman businesswoman entrepreneur scientist researcher academic historian critic dj
""".split())
_PERSON_ENDINGS = ("man", "woman", "person", "ist", "ian", "eer", "ess", "ant", "or", "er")
_NOT_PERSON = frozenset("""
number order power paper letter matter quarter border water sector factor corner manner river error weather
answer cancer centre center chapter dollar honour labour minor major mirror motor offer summer winter silver
tender theater theatre transfer powder murder thunder shelter register cover computer internet character
disaster tower tax parliament government department movement agreement statement plant grant restaurant
""".split())


def is_person_noun(tok: Token) -> bool:
    """Whether a title or description head names a person ("spokesman", "MP"), not a stray word ("way")."""
    w = tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_
    if tok.ent_type_ in {"PERSON", "GPE", "ORG", "DATE", "CARDINAL"} and w not in lx.ROLE_HEADS:
        return False
    if w in lx.ROLE_HEADS or w in _PERSON_NOUNS or tok.lower_ in _PERSON_NOUNS:
        return True
    if w in _NOT_PERSON or len(w) < 5:
        return False
    return w.endswith(_PERSON_ENDINGS)


def party_segments(words: list[Token]) -> list[tuple[str, int, int]]:
    """Party names among title words ("Lib Dem", "Tory", "Labour"): (party, index of first word, end index)."""
    out = []
    k = 0
    while k < len(words):
        for n in (3, 2, 1):
            seg = words[k:k + n]
            if len(seg) == n and seg[0].text[:1].isupper():
                party = party_of(" ".join(t.text for t in seg))
                if party:
                    out.append((party, k, k + n))
                    k += n
                    break
        else:
            k += 1
    return out
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
