"""Actor clusters across articles: rules 1–5 of ``onrecord.consolidate``'s docstring, over (article, actor) nodes
with a union-find that refuses cannot-link unions."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..model import Actor, Article, content_hash
from .names import fold, name_words, translit_key
from .records import ActorCluster, Member, Override, article_order
from .unionfind import root, union

log = logging.getLogger(__name__)


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


def natural_key(node: _Node) -> str:
    """The block a node belongs to: no name rule ever joins two nodes of different blocks (only a forced override
    does, and blocks are merged along forced pairs).  Persons and one-word organisations block on the folded
    surname key (rules 2, 4 and 4b read only nodes of that key); other kinds on (kind, name); a node with no name
    words takes part in no rule and is a block of its own."""
    if not node.words:
        return f"u:{node.article_id}:{node.actor.id}"
    if node.is_person or (node.actor.kind == "organisation" and len(node.words) == 1):
        return "n:" + translit_key(node.words[-1])
    return f"k:{node.actor.kind}:{node.key}"


def actor_nodes(articles: Sequence[Article]) -> list[_Node]:
    nodes: list[_Node] = []
    for art in article_order(articles):
        for actor in art.actors:
            nodes.append(_Node(len(nodes), art.id, actor, tuple(name_words(actor.name))))
    return nodes


def make_node(index: int, article_id: str, actor: Actor) -> _Node:
    return _Node(index, article_id, actor, tuple(name_words(actor.name)))


def given_name_index(nodes: Sequence[_Node]) -> dict[str, str]:
    """Given-name key -> the first full name (in node order) with it: rule 4's "also someone's given name"."""
    given_names: dict[str, str] = {}
    for n in nodes:
        if n.full:
            given_names.setdefault(n.given_key, n.actor.name)
    return given_names


def override_pairs(nodes: Sequence[_Node], overrides: Sequence[Override]) -> tuple[
        list[tuple[int, int, Override]], set[frozenset[int]], list[Override]]:
    """(forced pairs, forbidden pairs, overrides that select nothing) over ``nodes`` (by node index)."""
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
    return forced, forbidden, unused


def actor_blocks(nodes: Sequence[_Node], overrides: Sequence[Override]) -> list[list[_Node]]:
    """The nodes grouped into blocks (``natural_key``, merged along forced overrides), each in node order."""
    forced, _, _ = override_pairs(nodes, overrides)
    keys = [natural_key(n) for n in nodes]
    parent: dict[str, str] = {}
    for x, y, _ in forced:
        union(parent, keys[x], keys[y])
    blocks: dict[str, list[_Node]] = defaultdict(list)
    for n, k in zip(nodes, keys):
        blocks[root(parent, k)].append(n)
    return list(blocks.values())


def cluster_actors(articles: Sequence[Article], overrides: Sequence[Override] = ()) -> tuple[
        list[ActorCluster], list[Override]]:
    """Actor clusters across ``articles`` (see the module docstring); also the overrides that selected nothing.

    Computed block by block (``actor_blocks``): the same clusters as one pass over all nodes, since no rule reads
    across blocks except rule 4's given-name set, which is global (``given_name_index``)."""
    nodes = actor_nodes(articles)
    given_names = given_name_index(nodes)
    _, _, unused = override_pairs(nodes, overrides)
    clusters = [c for block in actor_blocks(nodes, overrides)
                for c in cluster_nodes(block, overrides, given_names)]
    clusters.sort(key=cluster_order)
    return clusters, unused


def cluster_order(c: ActorCluster) -> tuple:
    return (-len(c.members), c.name.casefold(), c.id)


def actor_cluster_id(first_member: str) -> str:
    """A cluster's id: a hash of its first member in node order (published date, article id, actor order) as
    "ARTICLE:ACTOR", so a cluster that grows with later news keeps its id (links to it stay valid, and an
    incremental run that appends a member rewrites nothing that points at it)."""
    return content_hash("actor", first_member, length=12)


def cluster_nodes(block: Sequence[_Node], overrides: Sequence[Override], given_names: dict[str, str]) -> list[
        ActorCluster]:
    """Rules 1-5 over ``block`` (nodes in node order; a union of whole blocks), with the global given-name index."""
    nodes = [_Node(i, n.article_id, n.actor, n.words) for i, n in enumerate(block)]
    forced, forbidden, _ = override_pairs(nodes, overrides)
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
        cid = actor_cluster_id(f"{ms[0].article_id}:{ms[0].actor.id}")  # members are in node order
        clusters.append(ActorCluster(
            id=cid, name=name, kind=kind,
            members=tuple(Member(m.article_id, m.actor.id, m.actor.name, m.actor.kind, tuple(m.actor.roles),
                                 m.actor.affiliation, uf.because.get(m.index, "first mention"))
                          for m in ms)))
    return clusters
