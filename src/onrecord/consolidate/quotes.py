"""Quote clusters across outlets: quoted passages that share most of their word bigrams (``onrecord.consolidate``'s
docstring, "Quotes")."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Statement, content_hash
from .names import fold_text
from .records import ActorCluster, QuoteCluster, QuoteSource, article_order
from .unionfind import root, union

# Word-bigram containment at or above which two quotes are the same quote (measured on tests/data/multi: the
# near-verbatim pairs there score ≥ 0.75, the different quotes of one speaker ≤ 0.2; docs/consolidation.md).
QUOTE_CONTAINMENT = 0.6
QUOTE_MIN_WORDS = 4  # shorter quoted fragments ("de-escalate") are too common to identify a quote

_QUOTED_RE = re.compile(r"[\"“„‟«]([^\"“”„‟«»]+)[\"”‟»]")


def quote_segments(statement: Statement) -> list[str]:
    """The quoted passages of a statement (each run of words inside quotation marks), or its whole content when
    it has none.  “A,” she said. “B.” holds two passages, and each may be reported alone elsewhere."""
    parts = [m.group(1).strip() for m in _QUOTED_RE.finditer(statement.content_text)]
    parts = [p for p in parts if p]
    return parts or [statement.content_text]


def quote_words(text: str) -> list[str]:
    return fold_text(text.replace("’", "'")).split()


def shingles(words: Sequence[str], n: int = 2) -> frozenset[tuple[str, ...]]:
    if len(words) < n:
        return frozenset({tuple(words)}) if words else frozenset()
    if n == 2:
        return frozenset(zip(words, words[1:]))  # the same tuples, without a slice each
    return frozenset(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def containment(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / min(|a|, |b|): 1.0 when the shorter quote lies wholly inside the longer one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """One quoted passage to cluster: where it is, its text and bigrams, and its speaker's actor cluster."""

    order: tuple  # (published date, article id, statement seq, segment): the order pairs tie-break on
    article_id: str
    statement_id: str
    segment: int
    text: str
    shingles: frozenset
    speaker: str | None
    site: str | None
    published: str | None


def passage_shingles(text: str) -> frozenset:
    """The bigrams a passage is compared on (none for a passage under ``QUOTE_MIN_WORDS`` words: it stays alone)."""
    return word_shingles(quote_words(text))


def word_shingles(words: Sequence[str]) -> frozenset:
    """``passage_shingles`` from the passage's ``quote_words`` (which a store keeps, so it need not fold again)."""
    return shingles(words) if len(words) >= QUOTE_MIN_WORDS else frozenset()


def quote_items(articles: Sequence[Article], actor_clusters: Sequence[ActorCluster]) -> list[QuoteItem]:
    cluster_of = {(m.article_id, m.actor_id): c.id for c in actor_clusters for m in c.members}
    items = []
    for art in article_order(articles):
        for k, st in enumerate(art.statements):
            speaker = cluster_of.get((art.id, st.speaker.actor)) if st.speaker.actor else None
            for seg, text in enumerate(quote_segments(st)):
                items.append(QuoteItem(((art.published or "")[:10], art.id, k, seg), art.id, st.id, seg, text,
                                       passage_shingles(text), speaker, art.site, art.published))
    return items


def prefix_length(size: int, threshold: float = QUOTE_CONTAINMENT) -> int:
    """How many of a passage's bigrams (in any fixed order) must be probed so that every passage containing at
    least ``threshold`` of them shares one: ``size - ceil(threshold * size) + 1`` (prefix filtering)."""
    return size - math.ceil(threshold * size - 1e-9) + 1


def quote_pairs(items: Sequence[QuoteItem], threshold: float = QUOTE_CONTAINMENT) -> list[tuple[float, int, int]]:
    """Every pair of items at or above ``threshold``, as (-similarity, i, j), i < j, sorted."""
    # Candidate pairs by prefix filtering: if |A ∩ B| / |A| ≥ t with |A| ≤ |B|, then A shares one of its
    # |A| - ceil(t·|A|) + 1 rarest bigrams with B; probing only those keeps common bigrams ("of the") from
    # pairing every statement with every other.
    df: Counter = Counter(sh for it in items for sh in it.shingles)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for sh in it.shingles:
            index[sh].append(i)
    pairs = []
    for i, it in enumerate(items):
        size = len(it.shingles)
        if not size:
            continue
        prefix = sorted(it.shingles, key=lambda sh: (df[sh], sh))[:prefix_length(size, threshold)]
        cands = {j for sh in prefix for j in index[sh] if j != i and (len(items[j].shingles), j) > (size, i)}
        for j in cands:
            sim = containment(it.shingles, items[j].shingles)
            if sim >= threshold:
                pairs.append((-sim, min(i, j), max(i, j)))
    pairs.sort()
    return pairs


def pair_components(n: int, pairs: Sequence[tuple[float, int, int]]) -> list[int]:
    """For each of ``n`` items, the smallest item index of its connected component in the pair graph."""
    parent: dict[int, int] = {}
    for _, i, j in pairs:
        union(parent, i, j)
    return [root(parent, i) for i in range(n)]


def cluster_quotes(articles: Sequence[Article], actor_clusters: Sequence[ActorCluster],
                   threshold: float = QUOTE_CONTAINMENT) -> list[QuoteCluster]:
    """Quote clusters: every quoted passage of every statement is in exactly one (most alone)."""
    out = cluster_quote_items(quote_items(articles, actor_clusters), threshold)
    out.sort(key=quote_cluster_order)
    return out


def quote_cluster_order(q: QuoteCluster) -> tuple:
    return (-len(q.sources), q.text.casefold(), q.id)


def quote_cluster_id(first: QuoteSource) -> str:
    """A quote cluster's id: a hash of its first source in passage order (published date, article id, statement
    order, segment), so a quote that later outlets carry too keeps its id."""
    return content_hash("quote", f"{first.article_id}:{first.statement_id}:{first.segment}", length=12)


def cluster_quote_items(items: Sequence[QuoteItem], threshold: float = QUOTE_CONTAINMENT,
                        pairs: Sequence[tuple[float, int, int]] | None = None) -> list[QuoteCluster]:
    """The quote clusters of ``items`` (in ``order``; a union of whole components of the pair graph, so the result
    is the same as over all items), unsorted."""
    items = sorted(items, key=lambda it: it.order) if pairs is None else items
    if pairs is None:
        pairs = quote_pairs(items, threshold)
    parent = list(range(len(items)))
    speakers: dict[int, set[str]] = {i: ({it.speaker} if it.speaker else set()) for i, it in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_article: dict[int, dict[str, list[int]]] = {i: {it.article_id: [i]} for i, it in enumerate(items)}

    def same_article_apart(ri: int, rj: int) -> bool:
        # Two passages of one article are one quote only when they are alike themselves: a statement holding
        # two quotes ("…,” she said. “…”) must not chain that article's two separate statements together.
        a, b = by_article[ri], by_article[rj]
        return any(containment(items[x].shingles, items[y].shingles) < threshold
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
    # Each member's closest other member, from the pairs: every member of a cluster of two or more was joined by a
    # pair at or above the threshold, and every pair at or above it is in ``pairs``, so no member outside them can
    # score higher.  (Comparing each member with all the others was quadratic in a recurring quote's cluster.)
    match: dict[int, tuple[float, int]] = {}
    for neg, i, j in pairs:
        if find(i) != find(j):
            continue
        for a, b in ((i, j), (j, i)):
            had = match.get(a)
            if had is None or (-neg, -b) > (had[0], -had[1]):
                match[a] = (-neg, b)
    out = []
    for top, members in sorted(groups.items()):
        srcs = []
        for i in members:
            it = items[i]
            speaker = it.speaker
            best, other = match.get(i, (1.0, i))
            if other == i:
                because = "single source"
            else:
                oth = items[other]
                because = (f"word-bigram containment {best:.2f} ≥ {threshold} with the quote in "
                           f"{oth.site or oth.article_id}; speaker "
                           + ("unresolved here, compatible" if speaker is None else "the same actor cluster"))
            srcs.append(QuoteSource(it.article_id, it.statement_id, it.segment, it.text, it.site, it.published,
                                    speaker, round(best, 3), because))
        spk = next(iter(speakers[top])) if speakers[top] else None
        text = max((s.text for s in srcs), key=len)
        cid = quote_cluster_id(srcs[0])  # members are in passage order: later copies keep the id
        out.append(QuoteCluster(cid, text, spk, tuple(srcs)))
    return out
