"""onrecord_actors: who is in the article.

Builds an ``ActorIndex`` from the named entities and the parse:

- people (PERSON) merged by full name and surname ("Volodymyr Zelenskyy" … "Zelenskyy’s"); a surname-only
  mention goes to the most recently mentioned person with that surname, so two Clintons stay two people;
- roles and affiliation as the article states them: the title words before a name ("Russian foreign ministry
  spokesperson Maria Zakharova" → role "foreign ministry spokesperson", affiliation Russia) and an apposition
  after it ("Andriy Yermak, the chief of Zelenskyy’s presidential office" → role, and Ukraine through Zelenskyy);
- countries (GPE that name a country) and organisations (ORG); groups are added by the quote rules when a plural
  noun phrase speaks ("Ukrainian officials").

The index also resolves a speaker mention — a name, a surname, "he"/"she"/"they", or a role noun such as "the
secretary of state" — to an actor, and says "unresolved" rather than guess when nothing fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Actor, Affiliation, content_hash
from . import actor_aliases, coref, failsoft
from . import lexicon as lx
from .actor_roles import RolesMixin
from .parties import is_person_noun, party_of

for _ext, _default in (("onrecord_actors", ()), ("onrecord_index", None)):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=_default)

_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"}


@dataclass
class _Actor:
    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token index ranges [start, end)
    rules: dict[tuple[int, int], str] = field(default_factory=dict)  # mention → the rule that linked it
    parties: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # party/organisation, token span
    country_span: tuple[int, int] | None = None  # the words that state ``affiliation`` (a country), if known
    last_token: int = -1
    gender: str | None = None  # learnt from honorifics and pronouns resolved to this person

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()

    def add_role(self, role: str) -> None:
        role = role.strip(" ,")
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def add_party(self, name: str, span: tuple[int, int]) -> None:
        if name not in {p for p, _ in self.parties}:
            self.parties.append((name, span))

    def set_country(self, country: str | None, span: tuple[int, int] | None = None) -> None:
        if country and not self.affiliation:
            self.affiliation = country
            self.country_span = span


def _strip_name(span: Span) -> tuple[int, int]:
    """Token range of a PERSON entity without a possessive, honorific or leading title word."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and (doc[end - 1].text in lx.POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    while start < end - 1:
        if doc[start].lower_ in _HONORIFICS or doc[start].lower_ in lx.ROLE_HEADS:
            start += 1
        elif end - start > 2 and party_of(doc[start:start + 2].text):  # "Lib Dem Mark Oaten" tagged as one
            start += 2
        elif party_of(doc[start].text) and doc[start].text[:1].isupper():
            start += 1
        else:
            break
    return start, end


def _people(doc: Doc) -> list[Span]:
    """PERSON entities, less one-word ones that name a place: a known country, capital or demonym ("Kyiv"), or a
    word the article's other mentions tag as a place at least as often — unless some full name in the article
    has it as surname (Jim Jordan's "Jordan")."""
    persons = [e for e in doc.ents if e.label_ == "PERSON" and not _org_like(e)]
    places: dict[str, int] = {}
    as_person: dict[str, int] = {}
    for e in doc.ents:
        key = e.text.lower()
        if e.label_ in {"GPE", "LOC", "FAC"}:
            places[key] = places.get(key, 0) + 1
        elif e.label_ == "PERSON":
            as_person[key] = as_person.get(key, 0) + 1
    surnames = set()
    for e in persons:
        s, t = _strip_name(e)
        if t - s >= 2:
            surnames.add(doc[t - 1].lower_)
    out = []
    for e in persons:
        s, t = _strip_name(e)
        word = doc[s:t].text.lower() if t - s == 1 else None
        if word is not None and word not in surnames and (
                word in lx.COUNTRY_OF or places.get(word, 0) >= as_person.get(word, 0)):
            continue
        out.append(e)
    return out


def _org_counts(doc: Doc) -> tuple[dict[str, int], dict[str, int]]:
    cached = doc.user_data.get("onrecord_org_counts")
    if cached is None:
        org: dict[str, int] = {}
        per: dict[str, int] = {}
        for e in doc.ents:
            key = _bare(e.text)
            if e.label_ in {"ORG", "NORP"}:
                org[key] = org.get(key, 0) + 1
            elif e.label_ == "PERSON":
                per[key] = per.get(key, 0) + 1
        cached = doc.user_data["onrecord_org_counts"] = (org, per)
    return cached


def _bare(text: str) -> str:
    t = " ".join(text.split()).lower()
    for suf in lx.POSSESSIVES:
        if t.endswith(suf):
            t = t[: -len(suf)]
    return t[4:] if t.startswith("the ") else t


def _org_like(ent: Span) -> bool:
    """A PERSON entity that names an organisation: a party ("Labour", "Lib Dems"), or a name the document tags
    as an organisation more often than as a person."""
    if party_of(ent.text) and ent.text[:1].isupper():
        return True
    org, per = _org_counts(ent.doc)
    key = _bare(ent.text)
    return org.get(key, 0) > per.get(key, 0)


def _name_text(doc: Doc, start: int, end: int) -> str:
    text = doc[start:end].text
    for suf in lx.POSSESSIVES:
        if text.endswith(suf):
            text = text[: -len(suf)]
    return " ".join(text.split())


class ActorIndex(RolesMixin):
    """Actors of one document and the mention → actor map the quote rules resolve speakers through."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.actors: list[_Actor] = []
        self.token_actor: dict[int, int] = {}
        self._by_key: dict[tuple[str, str], int] = {}
        self.role_tokens: set[int] = set()  # tokens of titles before names ("Secretary of State"): not actors
        self.rule_at: dict[int, str] = {}  # token → the coreference rule that linked it (pronoun, role, …)
        self.unresolved: set[int] = set()  # pronouns and role nouns the resolver left open (a tie)
        self._info: coref.DocInfo | None = None

    # -- building -------------------------------------------------------------------------------------------
    def _new(self, name: str, kind: str) -> int:
        self.actors.append(_Actor(name=name, kind=kind))
        idx = len(self.actors) - 1
        self._by_key[(kind, name.lower())] = idx
        return idx

    def named(self, name: str, kind: str, start: int, end: int) -> int:
        """The actor of ``kind`` called ``name`` (made if new), with the mention ``start``-``end`` added."""
        idx = self._by_key.get((kind, name.lower()))
        if idx is None:
            idx = self._new(name, kind)
        self.add_mention(idx, start, end)
        return idx

    def add_mention(self, idx: int, start: int, end: int, rule: str = "name") -> None:
        a = self.actors[idx]
        if (start, end) not in a.mentions:
            a.mentions.append((start, end))
            a.rules[(start, end)] = rule
            if rule != "name":
                for i in range(start, end):
                    self.rule_at.setdefault(i, rule)
        a.last_token = max(a.last_token, start)
        for i in range(start, end):
            self.token_actor.setdefault(i, idx)

    def move_mention(self, src: int, dst: int, span: tuple[int, int]) -> None:
        """Move one mention (token range) from actor ``src`` to actor ``dst``, keeping the rule that linked it."""
        a = self.actors[src]
        if span not in a.mentions:
            return
        rule = a.rules.pop(span, "name")
        a.mentions.remove(span)
        for i in range(*span):
            if self.token_actor.get(i) == src:
                del self.token_actor[i]
        self.add_mention(dst, span[0], span[1], rule)

    def build(self) -> "ActorIndex":
        doc = self.doc
        # party names the NER tags as people ("Lib Dem" in "Lib Dem spokesman Mark Oaten") stay in a title
        self._party_tokens = {i for e in doc.ents if e.label_ == "PERSON" and party_of(e.text)
                              for i in range(e.start, e.end)}
        persons = _people(doc)
        # Full names first, so "Peskov" early in the text still joins "Dmitry Peskov" later on.
        full: dict[str, int] = {}
        for ent in persons:
            s, e = _strip_name(ent)
            if e - s >= 2:
                name = _name_text(doc, s, e)
                if name.lower() not in full:
                    # a longer form of a known name ("Volodymyr Zelenskyy" vs "Zelenskyy") is the same person
                    full[name.lower()] = self._by_key.get(("person", name.lower()), None) or self._new(name, "person")
        for ent in sorted(persons, key=lambda x: x.start):
            s, e = _strip_name(ent)
            if e <= s:
                continue
            name = _name_text(doc, s, e)
            idx = full.get(name.lower())
            if idx is None:
                idx = self._person_by_surname(name, ent.start)
            if idx is None and e - s == 1:
                idx = actor_aliases.misspelt_surname(self, name)  # "Scrichapan" for "Paradorn Srichaphan"
            if idx is None:
                idx = self._new(name, "person")
            self.add_mention(idx, s, e)
            self._roles_for(idx, doc[s:e])
        for s0, e0 in actor_aliases.apposed_names(self):
            self._person_at(_name_text(doc, s0, e0), s0, e0)
        for ent in doc.ents:
            party = party_of(ent.text) if ent.text[:1].isupper() else None
            if party and ent.label_ == "NORP" and any(c.dep_ in {"compound", "amod", "nmod"} and not (
                    ent.start <= c.i < ent.end) for c in ent.root.children):
                continue  # "House Republicans", "Senate Democrats": a group of the party, not the party itself
            if party and (ent.label_ in {"ORG", "PERSON"} or ent.root.dep_ not in {"amod", "compound"}):
                # a party named as such ("Labour said", "the Lib Dems"); as a modifier ("Labour MP") it is a
                # person's party, taken with the title
                if not any(i in self.role_tokens for i in range(ent.start, ent.end)):
                    s0 = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
                    e0 = ent.end
                    while e0 > s0 and doc[e0 - 1].text in lx.POSSESSIVES:
                        e0 -= 1
                    # one actor per party ("Tories" … "the Conservatives"), named as the article first names it
                    idx = self._by_key.get(("party", party.lower()))
                    if idx is None and e0 > s0:
                        idx = self._new(_name_text(doc, s0, e0), "organisation")
                        self._by_key[("party", party.lower())] = idx
                    if idx is not None and e0 > s0:
                        self.add_mention(idx, s0, e0)
                continue
            if ent.label_ == "PERSON" and _org_like(ent):
                ent_label = "ORG"
            else:
                ent_label = ent.label_
            if ent_label == "GPE" and lx.is_country_name(ent.text):
                self.named(lx.country_of(ent.text) or ent.text, "country", ent.start, ent.end)
            elif ent_label == "ORG":
                if len(ent) <= 2 and lx.is_demonym_person(ent.root.text) and ent.root.tag_ in {"NN", "NNP"}:
                    continue  # "the Dutchman said": a person re-described by nation, not an organisation
                if "\n" in ent.text or ent.text.islower() or any(i in self.role_tokens for i in range(ent.start, ent.end)):
                    continue
                low = ent.text.lower()
                if low in lx.METONYMS and low != "kremlin":
                    continue  # "Kyiv and Washington" tagged ORG: a place standing for a government
                person = self._person_named(ent.text)
                if person is not None:  # NER sometimes tags a surname ORG ("Dugin wrote")
                    self.add_mention(person, ent.start, ent.end)
                    continue
                k = actor_aliases.title_before_name(ent)
                if k is not None:  # "Rapper 50 Cent", "Barcelona star Ronaldinho" tagged ORG: a titled person
                    person = self._person_at(_name_text(doc, k, ent.end), k, ent.end, roles=False)
                    self.actors[person].add_role(doc[ent.start:k].text)
                    self.role_tokens.update(range(ent.start, k))
                    continue
                s, e = ent.start, ent.end
                if doc[s].lower_ == "the":
                    s += 1
                while e > s and doc[e - 1].text in lx.POSSESSIVES:
                    e -= 1
                if e <= s:
                    continue
                name = _name_text(doc, s, e)
                if any(c.dep_ == "appos" and c.pos_ == "NOUN" and is_person_noun(c) for c in ent.root.children):
                    # "G Money, a presenter on the station, thinks …": a person's name the NER took for an
                    # organisation, in apposition with a person noun
                    self._person_at(name, s, e)
                    continue
                country = lx.country_of(name)
                idx = self._by_key.get(("organisation", name.lower()))
                if idx is None:
                    idx = self._new(name, "organisation")
                    if country and name.lower() not in lx.COUNTRY_NAMES:
                        self.actors[idx].affiliation = country
                self.add_mention(idx, s, e)
        actor_aliases.merge_short_forms(self)  # "the Fed" is the Federal Reserve, "AFI" the American Film Institute
        actor_aliases.missed_surnames(self)  # "Mourinho" the NER did not tag, after "Jose Mourinho"
        # A person's affiliation through another person ("the chief of Zelenskyy’s office"), after all are known.
        for a in self.actors:
            if a.kind == "person" and a.affiliation is None:
                a.affiliation = self._affiliation_via_person(a)
        return self

    def _person_at(self, name: str, start: int, end: int, *, roles: bool = True) -> int:
        """The person of this name (made if new) with the mention doc[start:end] (and the roles around it)."""
        person = self._person_named(name)
        if person is None:
            person = self._new(name, "person")
        self.add_mention(person, start, end)
        if roles:
            self._roles_for(person, self.doc[start:end])
        return person

    def person_named(self, text: str) -> int | None:
        """The person whose full name or surname is ``text`` ("Gillibrand", "Gillibrand’s"), if the article has one."""
        return self._person_named(text)

    def _person_named(self, text: str) -> int | None:
        t = text.strip()
        for suf in lx.POSSESSIVES:
            if t.endswith(suf):
                t = t[: -len(suf)]
        t = t.lower()
        first, _, rest = t.partition(" ")
        if first in _HONORIFICS and rest:
            t = rest  # "Mr Stearns" tagged as an organisation
        for i, a in enumerate(self.actors):
            if a.kind == "person" and (a.name.lower() == t or a.surname == t):
                return i
        return None

    def _person_by_surname(self, name: str, at: int) -> int | None:
        parts = name.lower().split()
        best, best_pos = None, -1
        for i, a in enumerate(self.actors):
            if a.kind != "person":
                continue
            aparts = a.name.lower().split()
            same = (parts[-1] == aparts[-1] and (len(parts) == 1 or len(aparts) == 1 or parts[0] == aparts[0]))
            # variant spellings of one surname in one article are rare; exact surname only here
            if same and len(parts) <= len(aparts):
                pos = a.last_token if a.last_token >= 0 else 0
                if pos <= at and pos >= best_pos:
                    best, best_pos = i, pos
                elif best is None:
                    best, best_pos = i, pos
        return best

    # -- resolving ------------------------------------------------------------------------------------------
    def actor_for_tokens(self, start: int, end: int) -> int | None:
        for i in range(start, end):
            if i in self.token_actor:
                return self.token_actor[i]
        return None

    def resolve(self, span: Span, *, prefer_before: int | None = None) -> tuple[int | None, str]:
        """Resolve a speaker mention span to (actor index, how)."""
        doc = self.doc
        head = span.root
        if head.i in self.unresolved:
            return None, "unresolved"  # the resolver found two actors equally likely
        named = self._named_head(span)
        if named is not None:
            return named, "name"
        # a possessive pronoun in the mention is someone else ("his aides", "her account"): not the speaker
        # nor is a name in a hyphenated modifier ("the Oscar-nominated actress", "the Chelsea-born striker")
        idx = next((self.token_actor[t.i] for t in span if t.i in self.token_actor and not (
            t.dep_ == "poss" and t.i != head.i and self.rule_at.get(t.i) == "pronoun") and not (
            t.i != head.i and t.i + 1 < len(doc) and doc[t.i + 1].text == "-" and not t.whitespace_
            and t.head.i != head.i)), None)
        if idx is not None:
            a = self.actors[idx]
            linked = self.rule_at.get(head.i)
            if linked is not None:
                return idx, linked  # a coreference link made by ``link`` (pronoun, role, …)
            how = "name" if len(span.text.split()) > 1 or a.kind != "person" else "surname"
            return idx, how
        if head.text[:1].isupper() and head.pos_ in {"PROPN", "NOUN"} and all(
                t.i == head.i or t.dep_ in {"compound", "punct", "case"} for t in span):
            # a name NER did not tag here ("Sybiha wrote", "Zelenskyy said" parsed as a noun): the article's
            # person with that surname or full name
            idx = self._person_named(span.text)
            if idx is not None:
                return idx, "name" if len(span.text.split()) > 1 else "surname"
        if all(t.i == head.i or t.lower_ == "the" or t.text in lx.POSSESSIVES for t in span):
            # a capital standing for its government as a party ("Kyiv has insisted", "Washington said it would
            # resume aid", "accused Moscow of …"): the country
            idx = self.capital_country(head)
            if idx is not None:
                return idx, "name"
        low = head.lower_
        if low in {"i", "we"} and head.pos_ == "PRON":
            idx = self._quoting(head)
            if idx is not None:
                return idx, "speaker"  # "'We can give it up,' he added": the speaker of the quote
        if low in lx.PERSONAL_PRONOUNS and head.pos_ == "PRON":
            return self._resolve_pronoun(head, lx.PERSONAL_PRONOUNS[low])
        if head.lemma_.lower() in coref.SPOKESPERSONS:
            # "A spokesman for Sony said": the spokesman speaks for the party named after him
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"for", "at", "of"}):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    found = self.actor_for_tokens(obj.left_edge.i, obj.i + 1)
                    if found is not None:
                        return found, "name"
            if not any(head.lemma_.lower() in " ".join(a.roles).lower() for a in self.actors if a.kind == "person"):
                # "the spokesman added" with no spokesman named: the organisation in play speaks through him
                found = coref.resolve_org_noun(self, span)
                if found is not None:
                    return found, "description"
        if head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() in lx.ROLE_HEADS:
            found = self.resolve_role_noun(span)
            if found is not None:
                return found, "role"
        if coref.age_noun(span) is not None:
            found = self.resolve_role_noun(span)  # "the 28-year-old world number one": a person by age
            if found is not None:
                return found, "role"
        if head.pos_ == "NOUN" and head.lemma_.lower() in coref.ORG_NOUNS:
            found = coref.resolve_org_noun(self, span)  # "the company added": the organisation in play
            if found is not None:
                return found, "description"
        elif (head.pos_ == "NOUN" and is_person_noun(head)) or (
                head.pos_ in {"NOUN", "PROPN"} and lx.is_demonym_person(head.text) and head.tag_ in {"NN", "NNP"}):
            found = coref.resolve_description(self, span)  # "the feminist writer said": the person in play
            if found is not None:
                return found, "description"
        return None, "unresolved"

    def _named_head(self, span: Span) -> int | None:
        """'Germany's financial watchdog BaFin', 'Labour's John Prescott': with a possessor before the head, the
        mention is what the head names, the possessor's country its affiliation (filled when empty); a name just
        after a noun head, parsed as the head's sibling ("watchdog BaFin told" read as two subjects), is its
        apposition.  None when the head part names no actor ("Russia's position": the possessor stands)."""
        doc = self.doc
        head = span.root
        poss = [t for t in head.children if t.dep_ == "poss" and t.pos_ != "PRON" and span.start <= t.i < head.i]
        owner = self.token_actor.get(poss[0].i) if poss else None
        nxt = doc[span.end] if span.end < len(doc) else None
        idx = None
        if head.pos_ == "NOUN" and nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ in {"ORG", "PERSON"} \
                and nxt.head.i == head.head.i and nxt.dep_ == head.dep_ and head.head.i != head.i:
            idx = self.token_actor.get(nxt.i)
        elif poss:
            cut = max(x.i for t in poss for x in t.subtree) + 1
            if cut <= head.i:
                idx = next((self.token_actor[t.i] for t in doc[cut: span.end] if t.i in self.token_actor), None)
        if idx is None or idx == owner:
            return None
        a = self.actors[idx]
        if a.kind in {"person", "organisation"} and not a.affiliation and owner is not None \
                and self.actors[owner].kind == "country":
            a.affiliation = self.actors[owner].name
        return idx

    def capital_country(self, tok: Token) -> int | None:
        """The country a capital ("Moscow") or a definite plural demonym ("the Russians") stands for as a party,
        made an actor if the article had none; None for other words."""
        capital = tok.pos_ == "PROPN" and tok.lower_ in lx.METONYMS and tok.lower_ != "kremlin"
        side = tok.tag_ in {"NNPS", "NNS"} and tok.ent_type_ == "NORP" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        if not (capital or side):
            return None
        country = lx.country_of(tok.text)
        if not country:
            return None
        idx = self._by_key.get(("country", country.lower()))
        if idx is None:
            idx = self._new(country, "country")
        self.add_mention(idx, tok.i, tok.i + 1)
        return idx

    def info(self) -> coref.DocInfo:
        if self._info is None:
            self._info = coref.DocInfo(self.doc)
        return self._info

    def name_mentions(self, kinds: set[str], gender: str | None = None, linked: bool = False) -> list[coref.Mention]:
        """Name mentions of actors of ``kinds`` (and a compatible gender); with ``linked`` also the pronouns,
        roles and descriptions already linked to them, so a chain of "she … she" keeps its person in play."""
        out = []
        for i, a in enumerate(self.actors):
            if a.kind not in kinds or (gender in {"m", "f"} and a.gender and a.gender != gender):
                continue
            out += [coref.Mention(i, s, e) for (s, e) in a.mentions
                    if a.rules.get((s, e)) == "name" or (linked and a.rules.get((s, e)) != "capital")]
        return sorted(out, key=lambda m: m.start)

    def _quoting(self, tok: Token) -> int | None:
        """The speaker of the direct or mixed statement whose quoted words hold a first-person pronoun (once the
        quotes layer has run: events and stances look up after it)."""
        for st in (self.doc._.onrecord_statements if Doc.has_extension("onrecord_statements") else ()):
            if st.kind != "indirect" and st.speaker.actor and any(a <= tok.idx < b for a, b in st.content_spans):
                return next((i for i in range(len(self.actors)) if self.actor_id(i) == st.speaker.actor), None)
        return None

    def _resolve_pronoun(self, tok: Token, gender: str) -> tuple[int | None, str]:
        """A he/she/they pronoun → an actor (``coref.resolve_pronoun``), against the actors known now."""
        idx, how = coref.resolve_pronoun(self, tok, gender)
        return (idx, how) if idx is not None else (None, "unresolved")

    def resolve_role_noun(self, span: Span) -> int | None:
        info = self.info()
        sp = info.sent_of[span.start]
        people = [(i, a.roles, a.last_token) for i, a in enumerate(self.actors) if a.kind == "person"]
        ages = {i: g for i, a in enumerate(self.actors) if a.kind == "person"
                for g in [self._age(a)] if g is not None}
        recent = [m.key for m in self.name_mentions({"person"})
                  if sp - coref.WINDOW <= info.sent_of[m.start] <= sp and m.start < span.start]
        return coref.resolve_role(span, people, ages, recent)

    def _age(self, a: _Actor) -> int | None:
        for s, e in a.mentions:
            if a.rules.get((s, e)) == "name":
                g = coref.age_of(self.doc, s, e)
                if g is not None:
                    return g
        return None

    def link(self) -> "ActorIndex":
        """Coreference over the whole document (``coref.link``): pronouns, role nouns, capitals, demonyms."""
        coref.link(self)
        return self

    def add_group(self, span: Span) -> int:
        """An unnamed plural actor that speaks ("Ukrainian officials"); affiliation from a demonym in it."""
        toks = [t for t in span if t.dep_ != "det" and t.lower_ not in {"some", "many", "several", "other", "also"}]
        name = self.doc[toks[0].i: toks[-1].i + 1].text if toks else span.text
        key = ("group", name.lower())
        idx = self._by_key.get(key)
        if idx is None:
            idx = self._new(name, "group")
            for t in span:
                c = lx.country_of(t.text) if t.ent_type_ in {"NORP", "GPE"} else None
                if c:
                    self.actors[idx].affiliation = c
                    break
        self.add_mention(idx, span.start, span.end)
        return idx

    # -- output ---------------------------------------------------------------------------------------------
    def actor_id(self, idx: int) -> str:
        a = self.actors[idx]
        return content_hash("actor", a.kind, a.name.lower(), length=12)

    def freeze(self) -> tuple[Actor, ...]:
        doc = self.doc
        out = []
        for i, a in enumerate(self.actors):
            if not a.mentions:
                continue
            def chars(s: int, e: int) -> tuple[int, int]:
                return (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))

            linked = sorted((chars(s, e), a.rules.get((s, e), "name")) for s, e in a.mentions)
            affs = []
            if a.affiliation:
                affs.append(Affiliation(a.affiliation, "country", chars(*a.country_span) if a.country_span else None))
            for party, (s, e) in a.parties:
                affs.append(Affiliation(party, "party", chars(s, e)))
            out.append(Actor(id=self.actor_id(i), name=a.name, kind=a.kind, roles=tuple(a.roles),
                             affiliation=a.affiliation or (a.parties[0][0] if a.parties else None),
                             mentions=tuple(sp for sp, _ in linked), resolutions=tuple(r for _, r in linked),
                             affiliations=tuple(affs)))
        return tuple(out)


def doc_index(doc: Doc) -> "ActorIndex":
    """The Doc's actor index, set by ``onrecord_actors``; built (and kept on the Doc) when a component runs in a
    pipeline without it."""
    index = doc._.onrecord_index
    if index is None:
        index = ActorIndex(doc).build().link()
        doc._.onrecord_index = index
    return index


@Language.factory("onrecord_actors", requires=["doc.ents", "token.dep"],
                  assigns=["doc._.onrecord_actors", "doc._.onrecord_index"])
def make_actors(nlp: Language, name: str) -> "ActorsComponent":
    return ActorsComponent()


class ActorsComponent:
    """Sets ``doc._.onrecord_index`` (used by onrecord_quotes) and ``doc._.onrecord_actors`` (frozen actors)."""

    def __call__(self, doc: Doc) -> Doc:
        failsoft.clock(doc)  # the first onrecord layer: the article's time budget starts here
        index = ActorIndex(doc).build().link()
        doc._.onrecord_index = index
        doc._.onrecord_actors = index.freeze()
        return doc
