"""Consolidation that grows with the news, not with the archive: the index tables behind ``Store.consolidate``.

A run finds what changed since the last one — articles added (no row in ``consolidation_marks``, which cascades
away when an article is deleted or replaced), articles gone (in ``consolidated_articles``, which does not), and
overrides added or removed (against ``consolidated_overrides``) — and recomputes only what those can change:

* **Actor clusters, by block.**  Every (article, actor) node has a block (``consolidate.natural_key``: the folded
  surname key for persons and one-word organisations, (kind, name) otherwise); no name rule joins nodes of two
  blocks, and a block's clusters are a function of its own nodes (in node order), the overrides that select them and
  the global given-name index (``consolidate.given_name_index``; rule 4 reads it).  So the dirty blocks are those
  holding a new or gone node, a node an added/removed override selects, or the surname key ``K`` whose first given
  name "K" changed; closed under forced overrides (a force joins its blocks into one) and under old clusters that
  spanned blocks.  Recomputing them with ``consolidate.cluster_nodes`` gives the clusters a full run gives, and a
  cluster's id is a hash of its first member in node order, so a cluster that grows with later news keeps its id
  and nothing pointing at it is rewritten (only rows that changed are written).  A block that only gained nodes, all
  after its stored ones, takes the append path of ``store.incremental_actors`` where that is provably the same.
* **Stance points** are per stance: new articles add theirs, a node whose cluster id changed moves its points.
* **Quote clusters, by component.**  Two passages can share a cluster only if they are joined by a chain of pairs
  with bigram containment ≥ ``QUOTE_CONTAINMENT``, so a run recomputes the pair-graph components (labels kept in
  ``quote_passages.component``, never split except by a full run: a label may cover several true components, which
  changes nothing) that gain a passage, lose one, or hold a passage whose speaker's cluster id changed.  A new
  passage finds *every* passage it pairs with through ``quote_bigrams`` (all bigrams of every passage, each flagged
  when it is in the passage's prefix):

  Proof.  Fix a total order on bigrams that never changes between full runs: (df, hash, bigram), where df is the
  number of passages holding the bigram at the last full run (``quote_bigram_df``; 1 for a bigram not stored there,
  including every bigram first seen since), so a passage's prefix is its rarest bigrams and a probe reads short
  posting lists.  Let the prefix of P be its first ``prefix_length(|P|)`` = |P| − ⌈t|P|⌉ + 1
  bigrams in that order.  If containment(A, B) = |A ∩ B| / min(|A|, |B|) ≥ t and |A| ≤ |B|, then |A ∩ B| ≥ ⌈t|A|⌉, so
  at most |A| − ⌈t|A|⌉ bigrams of A are outside B and one of A's prefix is in B.  For a new passage N and any stored
  E: if |N| ≤ |E|, E holds a bigram of N's prefix (lookup of N's prefix bigrams among all rows); if |E| < |N|, N
  holds a bigram of E's prefix (lookup of all N's bigrams among prefix rows).  The lookup is by a 64-bit hash, so a
  collision only adds a candidate, and every candidate is checked on its real bigrams (from its stored words).  ∎

A full run (``full=True``, or the first run on a store) rebuilds these tables from every stored article in one pass
and gives the same clusters (tests/test_consolidate_incremental.py checks both on random and real inputs).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .. import consolidate as rules
from ..model import Actor

log = logging.getLogger(__name__)

# The prefix order in use (``consolidation_state`` key ``prefix_order``): a store whose index was built under another
# order (before migration 0014) is rebuilt by its next run.
PREFIX_ORDER = "df"
_CHUNK = 500

# Keeps a read to the articles a consolidation run covers (``consolidation_marks``, which only a consolidation
# writes, under its lock; a full run fills it before it reads): ``MARKED.format(column holding the article id)``.
MARKED = "WHERE {} IN (SELECT article_id FROM consolidation_marks)"

_NODE_COLUMNS = "article_id, actor_id, pub, seq, name, kind, roles_json, affiliation, block, fname, given, cluster_id"


def bigram_hash(bigram: tuple[str, ...]) -> int:
    """A stable signed 64-bit hash of a bigram (the same in every process and on every run)."""
    digest = hashlib.blake2b("\x1f".join(bigram).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def select_in(con, sql: str, values: Iterable[Any], *extra: Any) -> list:
    """Rows of ``sql`` (holding one ``{in}`` for a list of placeholders) over ``values``, in chunks."""
    values = list(dict.fromkeys(values))
    rows: list = []
    for part in chunks(values):
        rows.extend(con.execute(sql.format(**{"in": _marks(len(part))}), (*part, *extra)).fetchall())
    return rows


# -- nodes ------------------------------------------------------------------------------------------------------

def node_row(article_id: str, published: str | None, seq: int, actor: Actor) -> tuple:
    node = rules.actors.make_node(0, article_id, actor)
    return (article_id, actor.id, (published or "")[:10], seq, actor.name, actor.kind, json.dumps(list(actor.roles)),
            actor.affiliation, rules.natural_key(node), rules.fold(actor.name), node.given_key, "")


def node_of(row, index: int = 0):
    actor = Actor(id=row["actor_id"], name=row["name"], kind=row["kind"], roles=tuple(json.loads(row["roles_json"])),
                  affiliation=row["affiliation"])
    return rules.actors.make_node(index, row["article_id"], actor)


def _node_order(row) -> tuple:
    return (row["pub"], row["article_id"], row["seq"])


def stored_node_rows(con, where: str = "", params: Sequence[Any] = ()) -> list:
    """Node rows computed from the stored actors (``where`` filters on ``a.article_id``)."""
    out = []
    for r in con.execute("SELECT a.article_id, a.id, a.seq, a.name, a.kind, a.roles_json, a.affiliation, x.published "
                         f"FROM actors a JOIN articles x ON x.id = a.article_id {where}", params):
        actor = Actor(id=r[1], name=r[3], kind=r[4], roles=tuple(json.loads(r[5])), affiliation=r[6])
        out.append(node_row(r[0], r[7], r[2], actor))
    return out


def first_given(con, keys: Iterable[str]) -> dict[str, str]:
    """Given-name key -> the first full name with it, over the stored nodes (``given_name_index`` of the store)."""
    best: dict[str, tuple] = {}
    for r in select_in(con, "SELECT given, pub, article_id, seq, name FROM actor_nodes WHERE given IN ({in})", keys):
        k = (r[1], r[2], r[3])
        if r[0] not in best or k < best[r[0]][0]:
            best[r[0]] = (k, r[4])
    return {g: v[1] for g, v in best.items()}


# -- quote passages -----------------------------------------------------------------------------------------------

def segment_texts(content_text: str) -> list[str]:
    parts = [m.group(1).strip() for m in rules.quotes._QUOTED_RE.finditer(content_text)]
    parts = [p for p in parts if p]
    return parts or [content_text]


def bigram_rows(pid: int, shingles: frozenset, df: dict[int, int]) -> list[tuple[int, int, int]]:
    """(hash, passage, in prefix) for each bigram of a passage (one row per hash), the prefix taken in the order
    (df at the last full run, hash, bigram)."""
    if not shingles:
        return []
    ordered = sorted((df.get(h, 1), h, sh) for sh in shingles for h in (bigram_hash(sh),))
    n = rules.prefix_length(len(ordered))
    flags: dict[int, int] = {}
    for i, (_, h, _) in enumerate(ordered):
        flags[h] = flags.get(h, 0) | (i < n)
    return [(h, pid, f) for h, f in flags.items()]


_PASSAGE_SELECT = (
    "SELECT p.id, p.article_id, p.statement_id, p.segment, p.component, p.words, s.seq, s.content_text, x.published, "
    "x.site, "
    "n.cluster_id AS speaker FROM quote_passages p "
    "JOIN statements s ON s.article_id = p.article_id AND s.id = p.statement_id "
    "JOIN articles x ON x.id = p.article_id "
    "LEFT JOIN actor_nodes n ON n.article_id = p.article_id AND n.actor_id = p.speaker_actor ")


def stored_shingles(words: str | None, text: str) -> frozenset:
    """A passage's bigrams from its stored words (``quote_passages.words``, migration 0014), else from its text
    (a row stored before that migration)."""
    return rules.passage_shingles(text) if words is None else rules.word_shingles(words.split())


def passage_item(r) -> tuple[int, rules.QuoteItem]:
    text = segment_texts(r["content_text"])[r["segment"]]
    item = rules.QuoteItem(((r["published"] or "")[:10], r["article_id"], r["seq"], r["segment"]), r["article_id"],
                           r["statement_id"], r["segment"], text, stored_shingles(r["words"], text),
                           r["speaker"] or None, r["site"], r["published"])
    return int(r["id"]), item


def next_ids(con, key: str, n: int) -> int:
    """Reserve ``n`` ids from the counter ``key`` (never reused, so a component label stays unique); the first."""
    row = con.execute("SELECT value FROM consolidation_state WHERE key = ?", (key,)).fetchone()
    first = int(row[0]) if row else 1
    if row:
        con.execute("UPDATE consolidation_state SET value = ? WHERE key = ?", (str(first + n), key))
    else:
        con.execute("INSERT INTO consolidation_state(key, value) VALUES (?, ?)", (key, str(first + n)))
    return first


def state(con, key: str) -> str | None:
    row = con.execute("SELECT value FROM consolidation_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(con, key: str, value: str) -> None:
    con.execute("DELETE FROM consolidation_state WHERE key = ?", (key,))
    con.execute("INSERT INTO consolidation_state(key, value) VALUES (?, ?)", (key, value))


def bigram_df(con, items: Iterable[rules.QuoteItem]) -> dict[int, int]:
    """The df at the last full run of the bigrams of ``items`` (those in more than one passage then)."""
    hashes = {bigram_hash(sh) for it in items for sh in it.shingles}
    return {int(r[0]): int(r[1]) for r in select_in(con, "SELECT h, df FROM quote_bigram_df WHERE h IN ({in})",
                                                    hashes)}


def insert_passages(con, items: Sequence[rules.QuoteItem], speakers: Sequence[str | None],
                    df: dict[int, int], components: Sequence[int] | None = None,
                    words: Sequence[str] | None = None, keep: bool = False) -> tuple[
                        list[int], dict[int, list[tuple[int, int, int]]]]:
    """Store passages (with their words and bigram rows); returns their ids and (``keep``) their bigram rows by
    id.  ``components`` are indexes into ``items`` (the component's first item) — None: each passage is a component
    of its own; ``words`` each item's ``quote_words`` joined by spaces (computed when not given)."""
    first = next_ids(con, "next_passage", len(items))
    pids = [first + i for i in range(len(items))]
    if words is None:
        words = [" ".join(rules.quote_words(it.text)) for it in items]
    con.executemany(
        "INSERT INTO quote_passages(id, article_id, statement_id, segment, speaker_actor, size, component, cluster_id,"
        " words) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)",
        ((pid, it.article_id, it.statement_id, it.segment, spk, len(it.shingles),
          pid if components is None else pids[components[i]], words[i])
         for i, (pid, it, spk) in enumerate(zip(pids, items, speakers))))
    if keep:
        bigrams = {pid: bigram_rows(pid, it.shingles, df) for pid, it in zip(pids, items)}
        rows: Iterable = (row for rs in bigrams.values() for row in rs)
    else:
        bigrams, rows = {}, (row for pid, it in zip(pids, items) for row in bigram_rows(pid, it.shingles, df))
    con.executemany("INSERT INTO quote_bigrams(h, passage, prefix) VALUES (?, ?, ?)", rows)
    return pids, bigrams


def probe(con, new: dict[int, rules.QuoteItem], bigrams: dict[int, list[tuple[int, int, int]]]) -> dict[
        tuple[int, int], float]:
    """Every (new passage, stored passage) pair at or above the containment threshold (see the module docstring),
    with its containment; keys are (smaller id, larger id).  ``bigrams``: the new passages' rows (``bigram_rows``)."""
    need: dict[int, list[tuple[int, int]]] = defaultdict(list)  # hash -> [(new pid, in its prefix)]
    for pid in new:
        for h, _, f in bigrams[pid]:
            need[h].append((pid, f))
    # a hash in some new prefix: every stored passage holding it; else only those holding it in their prefix
    in_prefix = [h for h, xs in need.items() if any(f for _, f in xs)]
    rest = [h for h, xs in need.items() if not any(f for _, f in xs)]
    rows = select_in(con, "SELECT h, passage, prefix FROM quote_bigrams WHERE h IN ({in})", in_prefix)
    rows += select_in(con, "SELECT h, passage, prefix FROM quote_bigrams WHERE h IN ({in}) AND prefix = 1", rest)
    cands: dict[int, set[int]] = defaultdict(set)
    for r in rows:
        h, other, other_prefix = int(r[0]), int(r[1]), int(r[2])
        for pid, mine in need[h]:
            if other != pid and (mine or other_prefix):
                cands[pid].add(other)
    stored_ids = {o for os in cands.values() for o in os} - set(new)
    # the stored candidates' bigrams from their stored words (one primary-key read each, no text to fold again)
    stored: dict[int, frozenset] = {}
    old_rows = []
    for r in select_in(con, "SELECT id, words FROM quote_passages WHERE id IN ({in})", stored_ids):
        if r[1] is None:
            old_rows.append(int(r[0]))
        else:
            stored[int(r[0])] = rules.word_shingles(r[1].split())
    stored.update((pid, it.shingles) for pid, it in (passage_item(r) for r in select_in(
        con, _PASSAGE_SELECT + "WHERE p.id IN ({in})", old_rows)))
    pairs: dict[tuple[int, int], float] = {}
    for pid, others in cands.items():
        a = new[pid].shingles
        for o in others:
            other = new[o].shingles if o in new else stored.get(o)
            if other is not None:
                sim = rules.containment(a, other)
                if sim >= rules.QUOTE_CONTAINMENT:
                    pairs[(min(pid, o), max(pid, o))] = sim
    return pairs
