"""The record across articles: one actor across spellings, one quote across outlets, one stance timeline.

``consolidate(articles, overrides)`` is a pure function over ``Article`` records (the store persists its result,
see ``Store.consolidate``).  The rules, in the order they run (docs/consolidation.md has the long form):

Actors (nodes are (article id, actor id) pairs; union-find with cannot-link checks, so order cannot break a rule)

1. **Forced pairs** (user overrides ``force``) are merged first, whatever the name rules say.
2. **Full names** (a person name of two or more words, titles dropped) merge when the surname keys are equal and
   the given names are compatible.  A *key* is the name folded to ASCII (``anyascii``: diacritics and non-Latin
   scripts), case-folded, with the transliteration variants of Slavic names brought together: endings
   -yy/-iy/-ii/-yi/-ij/-ei/-y → -i, kh → h, g → h, w → v, y → i, doubled letters single (Zelenskyy =
   Zelenskiy = Zelensky; Sybiha = Sybiga; Andrii = Andriy = Andrei).  Given names are compatible when their keys are equal,
   one is the other's initial, or their keys differ by two swapped adjacent letters (``rapidfuzz`` OSA distance).
   Different given names (Mike / Greta Waltz, Peter / Eleanor Johnson) are a conflict that blocks the merge.
3. **Other kinds** (country, organisation, group) merge on the same key with a leading "the" dropped
   ("the Kremlin" = "Kremlin"); kinds never mix (a person "Trump" does not join an organisation "Trump").
4. **Surname-only mentions** ("Peskov" in an article that never gave his full name — within an article the actor
   layer has already resolved "Peskov" to "Dmitry Peskov" when the full name is there) attach to the one cluster
   whose full names have that surname key, if roles/affiliations do not disagree; with two or more candidate
   clusters (two Johnsons), or when the name is also someone's given name ("Ray": Ray Charles), they stay apart
   and say so.  Surname-only mentions with no full-name cluster merge with each other.
4b. **A one-word organisation** that is the surname of exactly one person cluster spanning two or more other
   articles, and an organisation in no other article, is NER's kind slip ("tell Trump directly" tagged ORG) and
   joins that person.
5. **Forbidden pairs** (user overrides ``forbid``) and the conflicts above are checked on every union: a merge
   that would put two conflicting nodes in one cluster is refused, however it is reached.

Every member carries ``because``: the rule and the name it matched, with role/affiliation agreement as supporting
evidence.  Overrides are stored apart from the clusters and applied on every run, so they survive
re-consolidation; clusters are recomputed from scratch each time (same input, same clusters).

Quotes: quoted passages (each run of words inside quotation marks; a statement's content when it has none) that
share most of their word bigrams — containment ``|A ∩ B| / min(|A|, |B|)`` ≥ ``QUOTE_CONTAINMENT`` — and whose
speakers are the same actor cluster or unresolved become one quote cluster with several sources.  Two passages of
one article join only when they are alike themselves, so a statement holding two quotes does not chain them.
Containment rather than Jaccard so that a truncated quote ("The idea itself is correct, and we certainly support
it") joins the full one; bigrams rather than single words so that two different sentences on the same subject do not.

Stances: each ``Article.stances`` entry becomes a point on the timeline of (actor cluster, topic name), dated by
the stance's date, else the article's publication date.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz.distance import OSA

from .model import Actor, Article, Statement, content_hash

log = logging.getLogger(__name__)

# Word-bigram containment at or above which two quotes are the same quote (measured on tests/data/multi: the
# near-verbatim pairs there score ≥ 0.75, the different quotes of one speaker ≤ 0.2; docs/consolidation.md).
QUOTE_CONTAINMENT = 0.6
QUOTE_MIN_WORDS = 4  # shorter quoted fragments ("de-escalate") are too common to identify a quote

OVERRIDE_ACTIONS = ("force", "forbid")

HONORIFICS = frozenset("""mr mrs ms miss dr prof sir dame lord lady gen col capt lt sgt rev sen rep gov pres president
senator governor secretary minister prime chancellor mayor ambassador judge justice""".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_DOUBLE_QUOTES = "\"“”„‟«»"
_QUOTED_RE = re.compile(r"[\"“„‟«]([^\"“”„‟«»]+)[\"”‟»]")


# ------------------------------------------------------------------------------------------------ records

@dataclass(frozen=True, slots=True)
class Member:
    """One actor of one article in a cluster, with why it is there."""

    article_id: str
    actor_id: str
    name: str
    kind: str
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    because: str = ""

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "actor_id": self.actor_id, "name": self.name, "kind": self.kind,
                "roles": list(self.roles), "affiliation": self.affiliation, "because": self.because}


@dataclass(frozen=True, slots=True)
class ActorCluster:
    id: str
    name: str  # the display name: the most used full spelling
    kind: str
    members: tuple[Member, ...]

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(sorted({m.name for m in self.members}, key=str.casefold))

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "spellings": list(self.spellings),
                "members": [m.to_dict() for m in self.members]}


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """One outlet's copy of a quote: a quoted passage (``segment``, counted from 0) of one statement."""

    article_id: str
    statement_id: str
    segment: int
    text: str
    site: str | None
    published: str | None
    speaker: str | None  # actor cluster id, None when the statement's speaker is unresolved
    similarity: float  # containment with the cluster's first source (1.0 for the first)
    because: str = ""

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "statement_id": self.statement_id, "segment": self.segment,
                "text": self.text,
                "site": self.site, "published": self.published, "speaker": self.speaker,
                "similarity": self.similarity, "because": self.because}


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    id: str
    text: str  # the longest quoted text among the sources
    speaker: str | None  # actor cluster id
    sources: tuple[QuoteSource, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "speaker": self.speaker,
                "sources": [s.to_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class StancePoint:
    cluster: str  # actor cluster id
    topic: str  # Topic.name, the key shared across articles
    stance: str
    date: str | None
    article_id: str
    stance_id: str
    site: str | None = None
    evidence: tuple[str, ...] = ()
    because: str = ""

    def to_dict(self) -> dict:
        return {"cluster": self.cluster, "topic": self.topic, "stance": self.stance, "date": self.date,
                "article_id": self.article_id, "stance_id": self.stance_id, "site": self.site,
                "evidence": list(self.evidence), "because": self.because}


@dataclass(frozen=True, slots=True)
class Override:
    """A user's decision on a pair: ``force`` them into one cluster or ``forbid`` them from sharing one.

    ``a``/``b`` are selectors: ``ARTICLE_ID:ACTOR_ID`` for one actor of one article, else a name, which selects
    every actor whose name folds to the same text ("Zelensky" selects "Zelensky" in every article, not
    "Zelenskyy").
    """

    action: str
    a: str
    b: str
    id: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Consolidation:
    actors: tuple[ActorCluster, ...]
    quotes: tuple[QuoteCluster, ...]
    stances: tuple[StancePoint, ...]
    unused_overrides: tuple[Override, ...] = field(default=())

    def cluster_of(self, article_id: str, actor_id: str | None) -> ActorCluster | None:
        for c in self.actors:
            for m in c.members:
                if m.article_id == article_id and m.actor_id == actor_id:
                    return c
        return None

    def to_dict(self) -> dict:
        return {"actors": [c.to_dict() for c in self.actors], "quotes": [q.to_dict() for q in self.quotes],
                "stances": [s.to_dict() for s in self.stances]}


# ------------------------------------------------------------------------------------------------ names

def fold(text: str) -> str:
    """ASCII, case-folded, possessive and punctuation dropped, single spaces: "Zelenskyy’s" → "zelenskyy"."""
    t = anyascii(text).casefold()
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


_ENDINGS = re.compile(r"(?:yy|iy|ii|yi|ij|yj|ei|y)$")


def translit_key(word: str) -> str:
    """A key that is equal for the usual English transliterations of one Slavic name (see module docstring)."""
    w = fold(word).replace(" ", "")
    w = _ENDINGS.sub("i", w)
    w = w.replace("kh", "h").replace("g", "h").replace("w", "v").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and suffixes: "Sir Keir Starmer" → ["keir", "starmer"]."""
    words = fold(name).split()
    while words and words[0] in HONORIFICS | {"the"}:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


@dataclass(frozen=True, slots=True)
class _Node:
    index: int
    article_id: str
    actor: Actor
    words: tuple[str, ...]

    @property
    def is_person(self) -> bool:
        return self.actor.kind == "person"

    @property
    def full(self) -> bool:
        return self.is_person and len(self.words) >= 2

    @property
    def surname_key(self) -> str:
        return translit_key(self.words[-1]) if self.words else ""

    @property
    def given_key(self) -> str | None:
        return translit_key(self.words[0]) if self.full else None

    @property
    def key(self) -> str:
        if self.is_person:
            return " ".join(translit_key(w) for w in self.words)
        return " ".join(self.words)


def _given_compatible(a: _Node, b: _Node) -> bool:
    ga, gb = a.given_key, b.given_key
    if ga is None or gb is None:
        return True
    if ga == gb or (len(a.words[0]) == 1 and gb.startswith(ga)) or (len(b.words[0]) == 1 and ga.startswith(gb)):
        return True
    # a typing slip: two adjacent letters swapped ("Mihkail" / "Mikhail"); one letter more or less is a different
    # name as often as not (Robin / Robbie, Eliot / Elliot pass through the doubled-letter rule instead)
    wa, wb = a.words[0], b.words[0]
    return len(wa) >= 4 and sorted(wa) == sorted(wb) and OSA.distance(wa, wb) == 1


def _conflict(a: _Node, b: _Node) -> str | None:
    """Why two nodes can never be one actor by the name rules, or None."""
    if a.actor.kind != b.actor.kind:
        return f"kinds differ ({a.actor.kind} / {b.actor.kind})"
    if a.is_person and a.full and b.full and a.surname_key == b.surname_key and not _given_compatible(a, b):
        return f"given names differ ({a.words[0]} / {b.words[0]})"
    if a.is_person and a.full and b.full and a.surname_key != b.surname_key:
        return f"surnames differ ({a.words[-1]} / {b.words[-1]})"
    return None


def _evidence(a: _Node, b: _Node) -> str:
    """Role and affiliation agreement, as words for ``because``."""
    bits = []
    if a.actor.affiliation and b.actor.affiliation:
        same = fold(a.actor.affiliation) == fold(b.actor.affiliation)
        bits.append(f"affiliation {'agrees' if same else 'differs'} ({a.actor.affiliation}"
                    + ("" if same else f" / {b.actor.affiliation}") + ")")
    ra = {fold(r) for r in a.actor.roles}
    rb = {fold(r) for r in b.actor.roles}
    shared = ra & rb
    if shared:
        bits.append(f"role agrees ({sorted(shared)[0]})")
    return "; ".join(bits)


def _affiliation_conflict(a: _Node, b: _Node) -> bool:
    return bool(a.actor.affiliation and b.actor.affiliation
                and fold(a.actor.affiliation) != fold(b.actor.affiliation))


# ------------------------------------------------------------------------------------------------ actors

class _Clusters:
    """Union-find over nodes that refuses unions joining a cannot-link pair.

    Each cluster keeps a summary for the checks — its kinds, one representative per distinct full person name
    (by surname key, given-name key and whether the given name is an initial: the only parts ``_conflict``
    reads), and its members that appear in a forbidden pair — so a union costs the product of the *distinct*
    names, not of the members ("Russia" in a thousand articles is one representative).
    """

    def __init__(self, nodes: Sequence[_Node], forbidden: set[frozenset[int]]):
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}
        self.forbidden = forbidden
        in_forbidden = {x for pair in forbidden for x in pair}
        self.kinds: dict[int, set[str]] = {n.index: {n.actor.kind} for n in nodes}
        self.fulls: dict[int, dict[tuple, int]] = {
            n.index: ({(n.surname_key, n.given_key, len(n.words[0]) == 1): n.index} if n.full else {})
            for n in nodes}
        self.forb: dict[int, set[int]] = {n.index: ({n.index} if n.index in in_forbidden else set())
                                          for n in nodes}
        self.because: dict[int, str] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def blocker(self, i: int, j: int, *, forced: bool = False) -> str | None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        for x in self.forb[ri]:
            for y in self.forb[rj]:
                if frozenset((x, y)) in self.forbidden:
                    return f"forbidden by override ({self.nodes[x].actor.name} / {self.nodes[y].actor.name})"
        if forced:
            return None
        kinds = self.kinds[ri] | self.kinds[rj]
        if len(kinds) > 1:
            return f"kinds differ ({' / '.join(sorted(kinds))})"
        for x in self.fulls[ri].values():
            for y in self.fulls[rj].values():
                why = _conflict(self.nodes[x], self.nodes[y])
                if why:
                    return f"{self.nodes[x].actor.name} / {self.nodes[y].actor.name}: {why}"
        return None

    def union(self, i: int, j: int, because: str, *, forced: bool = False) -> bool:
        """Attach ``j``'s cluster to ``i``'s; False (and nothing changes) when a blocker forbids it."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        why = self.blocker(i, j, forced=forced)
        if why:
            log.debug("not merging %s and %s: %s", self.nodes[i].actor.name, self.nodes[j].actor.name, why)
            return False
        if rj < ri:  # the older root stays root, so cluster membership does not depend on union order
            ri, rj = rj, ri
            i, j = j, i
        self.parent[rj] = ri
        self.members[ri] += self.members.pop(rj)
        self.kinds[ri] |= self.kinds.pop(rj)
        for key, x in self.fulls.pop(rj).items():
            self.fulls[ri].setdefault(key, x)
        self.forb[ri] |= self.forb.pop(rj)
        self.because.setdefault(j, because)
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(v) for _, v in sorted(self.members.items())]


def _selects(selector: str, node: _Node) -> bool:
    if ":" in selector:
        art, _, act = selector.partition(":")
        if art and act and node.article_id.startswith(art) and node.actor.id == act:
            return True
    return fold(selector) == fold(node.actor.name)


def _article_order(articles: Iterable[Article]) -> list[Article]:
    # Published date first, then id: the same set of articles gives the same nodes in the same order.
    return sorted(articles, key=lambda a: ((a.published or "")[:10], a.id))


def cluster_actors(articles: Sequence[Article], overrides: Sequence[Override] = ()) -> tuple[
        list[ActorCluster], list[Override]]:
    """Actor clusters across ``articles`` (see the module docstring); also the overrides that selected nothing."""
    nodes: list[_Node] = []
    for art in _article_order(articles):
        for actor in art.actors:
            nodes.append(_Node(len(nodes), art.id, actor, tuple(name_words(actor.name))))
    forbidden: set[frozenset[int]] = set()
    forced: list[tuple[int, int, Override]] = []
    unused: list[Override] = []
    for ov in overrides:
        left = [n.index for n in nodes if _selects(ov.a, n)]
        right = [n.index for n in nodes if _selects(ov.b, n)]
        if not left or not right:
            unused.append(ov)
            continue
        for x in left:
            for y in right:
                if x == y:
                    continue
                if ov.action == "forbid":
                    forbidden.add(frozenset((x, y)))
                else:
                    forced.append((x, y, ov))
    uf = _Clusters(nodes, forbidden)
    for x, y, ov in forced:
        uf.union(x, y, f"forced by override{f' #{ov.id}' if ov.id is not None else ''}: {ov.a!r} = {ov.b!r}",
                 forced=True)

    # 2. full person names, grouped by surname key
    by_surname: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.full:
            by_surname[n.surname_key].append(n)
    for group in by_surname.values():
        for k, b in enumerate(group):
            for a in group[:k]:
                if not _given_compatible(a, b):
                    continue
                same = fold(a.actor.name) == fold(b.actor.name)
                rule = ("same full name" if same else
                        f"full name {b.actor.name!r} ~ {a.actor.name!r} (name key {b.key!r})")
                extra = _evidence(a, b)
                if uf.union(a.index, b.index, rule + (f"; {extra}" if extra else "")):
                    break

    # 3. countries, organisations, groups: the same folded name
    by_key: dict[tuple[str, str], list[_Node]] = defaultdict(list)
    for n in nodes:
        if not n.is_person and n.words:
            by_key[(n.actor.kind, n.key)].append(n)
    for group in by_key.values():
        for b in group[1:]:
            uf.union(group[0].index, b.index, f"same {b.actor.kind} name ({b.actor.name!r})")

    # 4. surname-only persons
    lone: dict[str, list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.is_person and len(n.words) == 1:
            lone[n.surname_key].append(n)
    # a bare name that is also someone's given name ("Ray": Ray Charles, or Hugh Ray?) identifies no one
    given_names: dict[str, str] = {}
    for n in nodes:
        if n.full:
            given_names.setdefault(n.given_key, n.actor.name)
    for key, group in lone.items():
        if key in given_names:
            for n in group:
                uf.because.setdefault(n.index, f"{n.actor.name!r} is also a given name ({given_names[key]}); "
                                               "left apart")
            continue
        for n in group:
            roots = sorted({uf.find(f.index) for f in by_surname.get(key, ())})
            fits = [r for r in roots if not any(_affiliation_conflict(n, nodes[m]) for m in uf.members[r])]
            fulls = {r: next(nodes[m] for m in sorted(uf.members[r]) if nodes[m].full) for r in fits}
            if len(fits) == 1:
                full = fulls[fits[0]]
                extra = _evidence(full, n)
                uf.union(full.index, n.index, f"surname {n.actor.name!r} matches the one full name "
                         f"{full.actor.name!r}" + (f"; {extra}" if extra else ""))
            elif len(fits) > 1:
                names = sorted({f.actor.name for f in fulls.values()})
                log.debug("%s: surname %r is ambiguous (%s)", n.article_id, n.actor.name, ", ".join(names))
                uf.because.setdefault(n.index, f"ambiguous surname: could be {' or '.join(names)}; left apart")
        if not by_surname.get(key):
            for n in group[1:]:
                uf.union(group[0].index, n.index, f"same surname {n.actor.name!r}, no full name known")

    # 4b. a one-word organisation that is a person's name everywhere else: NER's kind slip in one article ("Putin is
    # afraid to tell Trump directly" tagged ORG) attaches to the one person cluster with that surname when that
    # cluster spans at least two other articles and no other article calls the name an organisation
    org_articles: dict[str, set[str]] = defaultdict(set)
    for n in nodes:
        if n.actor.kind == "organisation" and len(n.words) == 1:
            org_articles[translit_key(n.words[0])].add(n.article_id)
    for n in nodes:
        if n.actor.kind != "organisation" or len(n.words) != 1 or n.actor.roles or n.actor.affiliation:
            continue
        key = translit_key(n.words[0])
        if key in given_names or len(org_articles[key]) > 1 or by_key.get(("organisation", n.key), [n])[0] is not n:
            continue
        roots = sorted({uf.find(m.index) for m in nodes if m.is_person and m.surname_key == key})
        if len(roots) != 1:
            continue
        arts = {nodes[m].article_id for m in uf.members[roots[0]]} - {n.article_id}
        if len(arts) < 2:
            continue
        person = nodes[roots[0]]
        # forced past the kind check only: forbidden pairs still hold, and the node has no full name to conflict
        uf.union(person.index, n.index, f"organisation {n.actor.name!r} is a person's name in {len(arts)} other "
                 f"articles ({person.actor.name}) and an organisation in no other: an NER slip", forced=True)

    clusters = []
    for members in uf.groups():
        ms = [nodes[i] for i in members]
        fulls = Counter(m.actor.name for m in ms if m.full or not m.is_person)
        name = (max(fulls.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if fulls
                else Counter(m.actor.name for m in ms).most_common(1)[0][0])
        kind = Counter(m.actor.kind for m in ms).most_common(1)[0][0]
        cid = content_hash("actor", *sorted(f"{m.article_id}:{m.actor.id}" for m in ms), length=12)
        clusters.append(ActorCluster(
            id=cid, name=name, kind=kind,
            members=tuple(Member(m.article_id, m.actor.id, m.actor.name, m.actor.kind, tuple(m.actor.roles),
                                 m.actor.affiliation, uf.because.get(m.index, "first mention"))
                          for m in ms)))
    clusters.sort(key=lambda c: (-len(c.members), c.name.casefold(), c.id))
    return clusters, unused


# ------------------------------------------------------------------------------------------------ quotes

def quote_segments(statement: Statement) -> list[str]:
    """The quoted passages of a statement (each run of words inside quotation marks), or its whole content when
    it has none.  “A,” she said. “B.” holds two passages, and each may be reported alone elsewhere."""
    parts = [m.group(1).strip() for m in _QUOTED_RE.finditer(statement.content_text)]
    parts = [p for p in parts if p]
    return parts or [statement.content_text]


def quote_words(text: str) -> list[str]:
    return fold(text.replace("’", "'")).split()


def shingles(words: Sequence[str], n: int = 2) -> frozenset[tuple[str, ...]]:
    if len(words) < n:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def containment(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / min(|a|, |b|): 1.0 when the shorter quote lies wholly inside the longer one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def cluster_quotes(articles: Sequence[Article], actor_clusters: Sequence[ActorCluster],
                   threshold: float = QUOTE_CONTAINMENT) -> list[QuoteCluster]:
    """Quote clusters: every quoted passage of every statement is in exactly one (most alone)."""
    cluster_of = {(m.article_id, m.actor_id): c.id for c in actor_clusters for m in c.members}
    items = []  # (article, statement, text, shingles, speaker cluster, segment)
    for art in _article_order(articles):
        for st in art.statements:
            speaker = cluster_of.get((art.id, st.speaker.actor)) if st.speaker.actor else None
            for seg, text in enumerate(quote_segments(st)):
                words = quote_words(text)
                items.append((art, st, text, shingles(words) if len(words) >= QUOTE_MIN_WORDS else frozenset(),
                              speaker, seg))
    # Candidate pairs by prefix filtering: if |A ∩ B| / |A| ≥ t with |A| ≤ |B|, then A shares one of its
    # |A| - ceil(t·|A|) + 1 rarest bigrams with B; probing only those keeps common bigrams ("of the") from
    # pairing every statement with every other.
    df: Counter = Counter(sh for it in items for sh in it[3])
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for sh in it[3]:
            index[sh].append(i)
    pairs = []
    for i, it in enumerate(items):
        size = len(it[3])
        if not size:
            continue
        prefix = sorted(it[3], key=lambda sh: (df[sh], sh))[:size - math.ceil(threshold * size - 1e-9) + 1]
        cands = {j for sh in prefix for j in index[sh] if j != i and (len(items[j][3]), j) > (size, i)}
        for j in cands:
            sim = containment(it[3], items[j][3])
            if sim >= threshold:
                pairs.append((-sim, min(i, j), max(i, j)))
    pairs.sort()
    parent = list(range(len(items)))
    speakers: dict[int, set[str]] = {i: ({it[4]} if it[4] else set()) for i, it in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_article: dict[int, dict[str, list[int]]] = {i: {it[0].id: [i]} for i, it in enumerate(items)}

    def same_article_apart(ri: int, rj: int) -> bool:
        # Two passages of one article are one quote only when they are alike themselves: a statement holding
        # two quotes ("…,” she said. “…”) must not chain that article's two separate statements together.
        a, b = by_article[ri], by_article[rj]
        return any(containment(items[x][3], items[y][3]) < threshold
                   for art in a.keys() & b.keys() for x in a[art] for y in b[art])

    for _, i, j in pairs:
        ri, rj = find(i), find(j)
        if ri == rj or len(speakers[ri] | speakers[rj]) > 1:
            continue  # two different resolved speakers never share a quote
        if same_article_apart(ri, rj):
            continue
        if rj < ri:
            ri, rj = rj, ri
        parent[rj] = ri
        speakers[ri] |= speakers.pop(rj)
        for art, xs in by_article.pop(rj).items():
            by_article[ri].setdefault(art, []).extend(xs)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out = []
    for root, members in sorted(groups.items()):
        srcs = []
        for i in members:
            art, st, text, sh, speaker, seg = items[i]
            best, other = max(((containment(sh, items[k][3]), k) for k in members if k != i),
                              default=(1.0, i), key=lambda t: (t[0], -t[1]))
            if other == i:
                because = "single source"
            else:
                oart = items[other][0]
                because = (f"word-bigram containment {best:.2f} ≥ {threshold} with the quote in "
                           f"{oart.site or oart.id}; speaker "
                           + ("unresolved here, compatible" if speaker is None else "the same actor cluster"))
            srcs.append(QuoteSource(art.id, st.id, seg, text, art.site, art.published, speaker, round(best, 3),
                                    because))
        spk = next(iter(speakers[root])) if speakers[root] else None
        text = max((s.text for s in srcs), key=len)
        cid = content_hash("quote", *sorted(f"{s.article_id}:{s.statement_id}:{s.segment}" for s in srcs),
                           length=12)
        out.append(QuoteCluster(cid, text, spk, tuple(srcs)))
    out.sort(key=lambda q: (-len(q.sources), q.text.casefold(), q.id))
    return out


# ------------------------------------------------------------------------------------------------ stances

def stance_timeline(articles: Sequence[Article], actor_clusters: Sequence[ActorCluster]) -> list[StancePoint]:
    """One point per stance, keyed by actor cluster and topic name, in date order (undated last)."""
    cluster_of = {(m.article_id, m.actor_id): c.id for c in actor_clusters for m in c.members}
    points = []
    for art in _article_order(articles):
        topics = {t.id: t.name for t in art.topics}
        for s in art.stances:
            cluster = cluster_of.get((art.id, s.actor))
            if cluster is None:
                log.warning("%s: stance %s names actor %s, which the article does not have", art.id, s.id, s.actor)
                continue
            date = s.date or ((art.published or "")[:10] or None)
            points.append(StancePoint(cluster, topics.get(s.topic, s.topic), s.stance, date, art.id, s.id,
                                      art.site, tuple(s.evidence), s.because))
    points.sort(key=lambda p: (p.cluster, p.topic, p.date is None, p.date or "", p.article_id, p.stance_id))
    return points


def consolidate(articles: Iterable[Article], overrides: Sequence[Override] = ()) -> Consolidation:
    """The record across ``articles``: actor clusters, quote clusters and the stance timeline."""
    arts = list(articles)
    ids = [a.id for a in arts]
    if len(set(ids)) != len(ids):
        # the same article twice (two copies of one file): keep one, or every quote would cluster with itself
        seen: set[str] = set()
        arts = [a for a in arts if not (a.id in seen or seen.add(a.id))]
    for ov in overrides:
        if ov.action not in OVERRIDE_ACTIONS:
            raise ValueError(f"override action must be one of {OVERRIDE_ACTIONS}, not {ov.action!r}")
    actors, unused = cluster_actors(arts, overrides)
    quotes = cluster_quotes(arts, actors)
    stances = stance_timeline(arts, actors)
    return Consolidation(tuple(actors), tuple(quotes), tuple(stances), tuple(unused))
