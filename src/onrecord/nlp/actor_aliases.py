"""Short forms of names the article uses for an actor it also names in full (part of ``onrecord.nlp.actors``).

News names an organisation once in full and then by a short form: its initials ("the American Film Institute
(AFI)" … "the AFI jury"; "Bank of England (BoE)"; "Securities and Exchange Commission" … "SEC"), a clipped first
word ("the US Federal Reserve" … "the Fed"), or a part of the name ("Marsh & McLennan" … "Marsh"; "BBC Radio 1" …
"Radio 1"; "the Bank of England" … "the Bank").  NER tags each form as an organisation of its own; here each
short-form mention joins the full-named organisation it abbreviates — the one last named before it, else the
first named after — so that the statement "the Fed said" is the Federal Reserve's.  An organisation the article
calls by its initials more often than by its full name ("the IMF", "the AFI") is named by them.

People: a person noun and a name the NER tagged as one organisation ("Rapper 50 Cent") is a person with that
title; a long surname misspelt by two letters or fewer is that person's; a surname the NER did not tag ("Mourinho never coached Barcelona", after "Jose Mourinho") is a mention
of the article's one person with that surname.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .parties import is_person_noun
from .syntax import entity_bounds

_JOIN = {"of", "and", "&", "the", "for", "de", "du", "la", "le", "von", "van", "-"}


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name.replace("-", " - ")) if w]


def initials(name: str) -> set[str]:
    """The acronyms a full name gives: the initials of all its words and of its capitalised words only
    ("Securities and Exchange Commission" → "saec", "sec"; "Bank of England" → "boe", "be")."""
    ws = [w for w in _words(name) if w not in {"-", "&"}]
    if len(ws) < 2:
        return set()
    out = {"".join(w[0] for w in ws).lower()}
    caps = [w for w in ws if w[:1].isupper() and w.lower() not in _JOIN]
    if len(caps) >= 2:
        out.add("".join(w[0] for w in caps).lower())
    return out


def _is_acronym(w: str) -> bool:
    caps = sum(ch.isupper() for ch in w)
    return 2 <= len(w) <= 6 and w.isalpha() and caps >= 2 and caps >= len(w) - 1


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the organisation name ``full``: its initials (an acronym of two to
    six letters, written in capitals: "AFI", "BoE"), a clipping of its first word ("Fed" of "Federal Reserve"),
    or a run of its words at its start or end ("Marsh" of "Marsh & McLennan", "Radio 1" of "BBC Radio 1")."""
    s, f = _words(short), _words(full)
    if len(f) < 2 or len(s) >= len(f) or short.lower() == full.lower():
        return False
    if len(s) == 1:
        w = s[0]
        if _is_acronym(w) and w.lower() in initials(full):
            return True
        first = f[1] if len(f) > 2 and lx.country_of(f[0]) else f[0]  # "US Federal Reserve" … "the Fed"
        if len(w) >= 3 and w[:1].isupper() and w.isalpha() and len(first) > len(w) + 1 and \
                first.lower().startswith(w.lower()):
            return True
    low_s, low_f = [w.lower() for w in s], [w.lower() for w in f]
    if not any(w[:1].isupper() and w.lower() not in _JOIN for w in s):
        return False
    return low_f[:len(s)] == low_s or low_f[-len(s):] == low_s


def merge_short_forms(index) -> None:
    """Move each mention of an organisation whose name is a short form of another organisation's name to that
    organisation (the one last mentioned before, else the first mentioned after); ``index`` is an
    ``ActorIndex`` after its names are read."""
    orgs = [i for i, a in enumerate(index.actors) if a.kind == "organisation" and a.mentions]
    # the names as the article gave them: a full name renamed to its initials below ("AFI") is still the full
    # name for a later short form ("the Institute" of "American Film Institute")
    given = {i: index.actors[i].name for i in orgs}
    for si in orgs:
        short = index.actors[si]
        fulls = [li for li in orgs if li != si and is_short_form(given[si], given[li])]
        if not fulls:
            continue
        moved: dict[int, int] = {}
        for s, e in sorted(short.mentions):
            fulls = [li for li in fulls if index.actors[li].mentions]  # one may have moved on itself
            if not fulls or short.rules.get((s, e), "name") != "name":
                continue
            before = [(max(m for m, _ in index.actors[li].mentions if m < s), li) for li in fulls
                      if any(m < s for m, _ in index.actors[li].mentions)]
            if before:
                target = max(before)[1]
            else:
                target = min((min(m for m, _ in index.actors[li].mentions), li) for li in fulls)[1]
            index.move_mention(si, target, (s, e))
            moved[target] = moved.get(target, 0) + 1
        for li, n in moved.items():
            full = index.actors[li]
            own = sum(1 for m in full.mentions if full.rules.get(m) == "name") - n
            if _is_acronym(short.name) and n > own:
                full.name = short.name  # known by its initials ("the IMF", "NATO"): the name the article uses most


def missed_surnames(index) -> None:
    """A capitalised word that is the surname of one person the article names in full, where the NER tagged no
    person ("Mourinho never coached Barcelona"): a mention of that person.  Words inside a longer entity of
    another kind ("the Mourinho Foundation"), titles and sentence-initial common words are left alone."""
    doc = index.doc
    # a full name the NER tagged as something else ("50 Cent said" tagged as money)
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for i, a in enumerate(index.actors):
        words = tuple(a.name.lower().split())
        if a.kind == "person" and len(words) >= 2:
            by_first.setdefault(words[0], []).append((words, i))
    for tok in doc:  # one pass: the names that start with this word
        for words, idx in by_first.get(tok.lower_, ()):
            j, n = tok.i, len(words)
            if j + n <= len(doc) and tuple(t.lower_ for t in doc[j:j + n]) == words \
                    and not any(k in index.token_actor for k in range(j, j + n)):
                index.add_mention(idx, j, j + n)
    by_surname: dict[str, set[int]] = {}
    for i, a in enumerate(index.actors):
        if a.kind == "person" and len(a.name.split()) >= 2:
            by_surname.setdefault(a.surname, set()).add(i)
    if not by_surname:
        return
    for tok in doc:
        if tok.i in index.token_actor or tok.i in index.role_tokens or not tok.text[:1].isupper():
            continue
        hits = by_surname.get(tok.lower_)
        if not hits or len(hits) != 1 or tok.pos_ not in {"PROPN", "NOUN"}:
            continue
        if tok.ent_type_ and tok.ent_type_ != "PERSON":
            bounds = entity_bounds(tok)
            if bounds is not None and bounds[1] - bounds[0] > 1:
                continue
        if (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].text[:1].isupper()) or (
                tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].text[:1].isupper()
                and doc[tok.i - 1].lower_ not in {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"}):
            continue  # part of another name ("Jack Mourinho", "Mourinho Smith")
        idx = next(iter(hits))
        if index.actors[idx].mentions and min(s for s, _ in index.actors[idx].mentions) < tok.i:
            index.add_mention(idx, tok.i, tok.i + 1)


# Person nouns that stand as a title before a name in news ("Rapper 50 Cent", "Barcelona star Ronaldinho").
TITLE_NOUNS = frozenset("""
rapper singer star actor actress striker midfielder defender goalkeeper player coach manager boss chef designer
artist musician guitarist drummer comedian presenter author writer novelist director producer model champion
""".split())


def title_before_name(ent) -> int | None:
    """For an entity the NER tagged as an organisation that is a person noun and a name ("Rapper 50 Cent",
    "Barcelona star Ronaldinho"): the token index where the name starts; else None."""
    doc = ent.doc
    for k in range(ent.end - 2, ent.start - 1, -1):
        t = doc[k]
        if t.lower_ in TITLE_NOUNS or t.lower_ in lx.ROLE_HEADS:
            name = doc[k + 1: ent.end]
            if all(w.text[:1].isupper() or w.like_num for w in name) and any(w.is_alpha for w in name):
                return k + 1
            return None
    return None


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def misspelt_surname(index, word: str) -> int | None:
    """A one-word person name that is no known surname but two edits or fewer from the surname of exactly one
    person named in full, same initial, seven letters or more ("Scrichapan" after "Paradorn Srichaphan"):
    that person.  Long surnames that close are rarely two people in one article; short ones often are."""
    w = word.lower()
    if len(w) < 7 or not w.isalpha():
        return None
    hits = {i for i, a in enumerate(index.actors) if a.kind == "person" and len(a.name.split()) >= 2
            and len(a.surname) >= 7 and a.surname[0] == w[0] and a.surname != w and _edits(a.surname, w) <= 2}
    return next(iter(hits)) if len(hits) == 1 else None


def apposed_names(index) -> list[tuple[int, int]]:
    """Names the NER missed or took for an organisation, in apposition with a person noun ("G Money, a presenter on
    the station, thinks …", "Jo Bloggs, the club's captain, said"): the token spans of people's names."""
    doc, out = index.doc, []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ not in {"nsubj", "nsubjpass"} or tok.i in index.token_actor or \
                tok.ent_type_ in {"PERSON", "GPE", "LOC", "NORP"} or not tok.text[:1].isupper():
            continue
        if not any(c.dep_ == "appos" and c.pos_ == "NOUN" and is_person_noun(c) and
                   any(d.dep_ == "det" for d in c.children) for c in tok.children):
            continue
        start = min([c.i for c in tok.children if c.dep_ in {"compound", "flat"} and c.i < tok.i] + [tok.i])
        if not any(doc[i].pos_ != "PROPN" or i in index.role_tokens for i in range(start, tok.i + 1)):
            out.append((start, tok.i + 1))
    return out
