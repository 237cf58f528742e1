"""Roles and affiliation of a person as the article states them (part of ``onrecord.nlp.actors``): the title
words before a name ("Russian foreign ministry spokesperson Maria Zakharova" → role "foreign ministry
spokesperson", affiliation Russia; "Conservative leader Michael Howard" → party), a party possessor ("Labour's
Peter Hain") and an apposition after the name ("Andriy Yermak, the chief of Zelenskyy’s presidential office")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from . import lexicon as lx
from .parties import is_person_noun, party_of, party_segments

# Title heads that take another title word after them ("Chief Executive", "Head Coach", "Director General").
_TAIL_TAKING = {"chief", "head", "director", "deputy", "vice"}


class RolesMixin:
    """The role and affiliation methods of ``ActorIndex`` (which holds ``doc``, ``actors`` and ``role_tokens``)."""

    def _roles_for(self, idx: int, name: Span) -> None:
        """Title words before the name and an apposition after it."""
        doc = self.doc
        a = self.actors[idx]
        # leftwards: "Russian foreign ministry spokesperson" | "Secretary of State" | "national security adviser"
        i = name.start - 1
        words: list[Token] = []
        while i >= 0:
            t = doc[i]
            if (t.ent_type_ == "PERSON" and i not in self._party_tokens) or t.is_sent_end:
                break
            if t.pos_ in {"PROPN", "NOUN", "ADJ"} or (t.lower_ == "of" and words) or t.text == "-":
                if t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
                    break
                words.insert(0, t)
                i -= 1
                continue
            break
        while words and (words[0].lower_ == "of" or words[0].text == "-"):
            words.pop(0)
        # the title run stops before a given name or honorific NER left outside the name ("Defence Minister
        # Rustem Umerov" tagged "Umerov"; "Prime Minister Sir Keir Starmer"): proper nouns after the last title
        # word that no "of" joins to it
        # ("Chief Executive", "Head of …": heads that take a title word after them keep it)
        heads = [k for k, w in enumerate(words) if w.lower_ in lx.ROLE_HEADS]
        if heads and words[heads[-1]].lower_ not in _TAIL_TAKING and all(
                w.pos_ == "PROPN" and w.text[:1].isupper() and w.lower_ not in lx.ROLE_HEADS
                for w in words[heads[-1] + 1:]):
            words = words[: heads[-1] + 1]
        # "Labour's Peter Hain", "the Lib Dems' Mark Oaten": a party possessor before the name
        if not words and name.start >= 2 and doc[name.start - 1].text in lx.POSSESSIVES:
            for n in (2, 1):
                if name.start - 1 - n >= 0:
                    seg = doc[name.start - 1 - n: name.start - 1]
                    party = party_of(seg.text) if seg.text[:1].isupper() else None
                    if party:
                        a.add_party(party, (seg.start, seg.end))
                        break
        role_words = list(words)
        # a party in the title is the person's party ("Conservative leader", "Lib Dem home affairs spokesman")
        parties = party_segments(role_words)
        for party, k0, k1 in parties:
            a.add_party(party, (role_words[k0].i, role_words[k1 - 1].i + 1))
        # a leading demonym, country or party is the affiliation, not part of the role ("Ukrainian Defense
        # Minister", "Labour MP")
        # (a party word stays in the role: "the Democratic nominee" must tell Clinton from Trump)
        k = 0
        while k < len(role_words) and lx.country_of(role_words[k].text):
            a.set_country(lx.country_of(role_words[k].text), (role_words[k].i, role_words[k].i + 1))
            k += 1
        role_words = role_words[k:]
        if role_words and (any(w.lower_ in lx.ROLE_HEADS for w in role_words) or is_person_noun(role_words[-1])):
            role = doc[role_words[0].i: role_words[-1].i + 1].text
            a.add_role(role)
            self.role_tokens.update(range(words[0].i, role_words[-1].i + 1))
            if not a.affiliation:
                for w in role_words:
                    c = lx.country_of(w.text)
                    if c and w.ent_type_ in {"NORP", "GPE", "ORG"}:
                        a.set_country(c, (w.i, w.i + 1))
                        break
        # rightwards apposition: "Alexander Dugin, an ultranationalist philosopher ..."
        root = name.root
        apps = [c for c in root.children if c.dep_ == "appos" and c.i > name.end - 1]
        for n, child in enumerate(apps):
            if child.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                continue
            # a hyphenated title the parser split into appositions of the name ("Liam Fox, Tory co-chairman,":
            # "co", "-", "chairman"): the last part is the head, the phrase runs from the first part
            first = child
            while n + 2 < len(apps) and apps[n + 1].text == "-" and apps[n + 1].i == child.i + 1 and \
                    apps[n + 2].i == child.i + 2:
                n, child = n + 2, apps[n + 2]
            party = party_of(child.text) if child.text[:1].isupper() else None
            if child.pos_ == "ADJ" and not party:
                continue
            if party and not any(t.pos_ == "NOUN" for t in child.subtree if t.i > child.i):
                # "Oliver Letwin, a Conservative, said …": a party's member word as the whole apposition
                a.add_party(party, (child.i, child.i + 1))
                break
            if not is_person_noun(child):
                break  # another name or a thing, not a description of this person
            keep = self._appos_role(child, first)
            if keep:
                a.add_role(keep)
                sub = sorted(set(first.subtree) | set(child.subtree), key=lambda t: t.i)
                for party, k0, k1 in party_segments(sub):
                    a.add_party(party, (sub[k0].i, sub[k1 - 1].i + 1))
                for t in sub:
                    c = lx.country_of(t.text) if t.ent_type_ in {"NORP", "GPE"} else None
                    if c:
                        a.set_country(c, (t.i, t.i + 1))
            break

    def _appos_role(self, head: Token, first: Token | None = None) -> str | None:
        """The apposition's noun phrase without determiner and without relative or participial clauses; from
        ``first`` on when a split hyphenated title begins there."""
        drop: set[int] = set()
        for child in head.children:
            if child.dep_ in {"acl", "relcl", "punct", "cc", "conj", "advcl", "appos"} or child.dep_ == "det":
                drop.update(t.i for t in child.subtree)
        toks = [t for t in head.subtree if t.i not in drop]
        if first is not None and first.i < head.i:
            lead = [t for t in first.subtree if t.dep_ != "det" and t.i < head.i]
            if lead:  # the text runs from the first part's first word to the head's last
                toks = lead + [t for t in toks if t.i >= head.i]
        if not toks:
            return None
        text = self.doc[toks[0].i: toks[-1].i + 1].text
        if len(text) > 80:
            return None
        return text

    def _affiliation_via_person(self, a) -> str | None:
        for role in a.roles:
            for other in self.actors:
                if other is not a and other.kind == "person" and other.affiliation:
                    if other.surname in role.lower():
                        return other.affiliation
            for word in role.replace("’s", " ").replace("'s", " ").split():
                # a country is written with a capital: "president of the union" is no European Union
                c = lx.country_of(word) if word[:1].isupper() else None
                if c:
                    return c
        return None
