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
from collections.abc import Iterable, Sequence

from ..model import Article
from .actors import (
    actor_cluster_id,
    cluster_actors,
    cluster_nodes,
    cluster_order,
    given_name_index,
    natural_key,
)
from .names import HONORIFICS, fold, name_words, translit_key
from .quotes import (
    QUOTE_CONTAINMENT,
    QUOTE_MIN_WORDS,
    QuoteItem,
    cluster_quote_items,
    cluster_quotes,
    containment,
    pair_components,
    passage_shingles,
    prefix_length,
    quote_cluster_id,
    quote_cluster_order,
    quote_items,
    quote_pairs,
    quote_segments,
    quote_words,
    shingles,
    word_shingles,
)
from .records import (
    OVERRIDE_ACTIONS,
    ActorCluster,
    Consolidation,
    Member,
    Override,
    QuoteCluster,
    QuoteSource,
    StancePoint,
    article_order,
)

__all__ = ["HONORIFICS", "OVERRIDE_ACTIONS", "QUOTE_CONTAINMENT", "QUOTE_MIN_WORDS", "ActorCluster", "Consolidation",
           "Member", "Override", "QuoteCluster", "QuoteItem", "QuoteSource", "StancePoint", "actor_cluster_id",
           "article_order", "cluster_actors", "cluster_nodes", "cluster_order", "cluster_quote_items",
           "cluster_quotes", "consolidate", "containment", "fold", "given_name_index", "name_words", "natural_key",
           "pair_components", "passage_shingles", "prefix_length", "quote_cluster_id", "quote_cluster_order", "quote_items",
           "quote_pairs", "quote_segments", "quote_words", "shingles", "stance_order", "stance_timeline",
           "translit_key", "word_shingles"]

log = logging.getLogger(__name__)


def stance_timeline(articles: Sequence[Article], actor_clusters: Sequence[ActorCluster]) -> list[StancePoint]:
    """One point per stance, keyed by actor cluster and topic name, in date order (undated last)."""
    cluster_of = {(m.article_id, m.actor_id): c.id for c in actor_clusters for m in c.members}
    points = []
    for art in article_order(articles):
        topics = {t.id: t.name for t in art.topics}
        for s in art.stances:
            cluster = cluster_of.get((art.id, s.actor))
            if cluster is None:
                log.warning("%s: stance %s names actor %s, which the article does not have", art.id, s.id, s.actor)
                continue
            date = s.date or ((art.published or "")[:10] or None)
            points.append(StancePoint(cluster, topics.get(s.topic, s.topic), s.stance, date, art.id, s.id,
                                      art.site, tuple(s.evidence), s.because))
    points.sort(key=stance_order)
    return points


def stance_order(p: StancePoint) -> tuple:
    return (p.cluster, p.topic, p.date is None, p.date or "", p.article_id, p.stance_id)


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
