"""Quote clusters in an incremental run (``store.incremental``): new passages join the one stored cluster they pair
with, without reclustering its component, when that is provably what a full run gives; else their components are
reclustered whole.

**Append, and why it is exact.**  ``consolidate.cluster_quote_items`` unions pairs (containment ≥ t) in order of
similarity, refusing a union that would give a cluster two resolved speakers or put two unlike passages of one
article together.  Let the *groups* be the connected components of the new pairs (every pair a new passage takes
part in: ``probe`` finds all of them) over new passages and stored *clusters* (a stored passage stands for its
cluster).  A group appends when it holds exactly one stored cluster C, its passages and C have at most one speaker
between them, its new passages of one article are all alike, C's component is not dirty (no passage gone, no
speaker moved), and its new passages all come after C's members in passage order.  Then the full run's result is
the stored one with each such group's new passages added to its C:

  Every cluster of the full run (at any step) lies inside one group-or-old-cluster, and within it any union is
  allowed (one speaker at most; every same-article pair alike: stored clusters already are, since each union checks
  the pairs it joins, and the article of a new passage is new).  So every pair inside a group, old or new, is
  accepted (or already joined).  A stored pair between two different stored clusters was refused in the stored run
  because the two (partial) clusters conflicted; in the full run each cluster holding one of its passages is a
  superset of the one then (a new passage only adds members, and joins passages of one stored cluster only), and a
  conflict between subsets is one between supersets, so it is refused again.  The accepted pairs connect exactly
  the groups.  ∎

The cluster's rows follow: members in passage order (the new ones last, so stored ``seq`` stay), the text the first
longest, the id unchanged (it hashes the first member in passage order). A member's ``similarity`` is its best
containment with another member (smaller order on ties), which is ≥ t and so among the pairs; a stored member keeps
its best unless a new partner beats it, the stored best being recovered exactly from its rounded value (a fraction
k/m with m ≤ the passage's bigram count; when two fractions fit the rounding, the group is reclustered instead).
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

from .. import consolidate as rules
from ..consolidate.unionfind import root, union
from .incremental import (
    _PASSAGE_SELECT,
    MARKED,
    bigram_df,
    insert_passages,
    passage_item,
    probe,
    segment_texts,
    select_in,
)

_MEMBERS = (
    "SELECT m.cluster_id, m.article_id, m.statement_id, m.segment, m.seq AS mseq, m.similarity, m.because, "
    "p.id AS pid, p.size, p.component, s.seq, x.published, x.site, n.cluster_id AS speaker FROM quote_cluster_members m "
    "JOIN quote_passages p ON p.article_id = m.article_id AND p.statement_id = m.statement_id "
    "AND p.segment = m.segment "
    "JOIN statements s ON s.article_id = m.article_id AND s.id = m.statement_id "
    "JOIN articles x ON x.id = m.article_id "
    "LEFT JOIN actor_nodes n ON n.article_id = p.article_id AND n.actor_id = p.speaker_actor "
    "WHERE m.cluster_id IN ({in})")


def insert_quote_clusters(con, clusters: list[rules.QuoteCluster], pid_of: dict[tuple, int]) -> None:
    con.executemany("INSERT INTO quote_clusters(id, text, speaker_cluster) VALUES (?, ?, ?)",
                    ((q.id, q.text, q.speaker) for q in clusters))
    con.executemany(
        "INSERT INTO quote_cluster_members(cluster_id, article_id, statement_id, segment, seq, quote_text, "
        "similarity, because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((q.id, s.article_id, s.statement_id, s.segment, i, s.text, s.similarity, s.because)
         for q in clusters for i, s in enumerate(q.sources)))
    con.executemany("UPDATE quote_passages SET cluster_id = ? WHERE id = ?",
                    ((q.id, pid_of[(s.article_id, s.statement_id, s.segment)]) for q in clusters for s in q.sources))


def passages_of(con, article_ids: list[str] | None) -> tuple[list[rules.QuoteItem], list[str | None], list[str]]:
    """The quote items of stored statements (speakers from ``actor_nodes``), their speaker actor ids and their
    words (``quote_words`` joined by spaces).  ``article_ids`` None: of every article the run covers
    (``consolidation_marks``, which a full run fills before it reads)."""
    where = MARKED.format("s.article_id") if article_ids is None else "WHERE s.article_id IN ({in})"
    sql = ("SELECT s.article_id, s.id, s.seq, s.content_text, s.speaker_actor, x.published, x.site, n.cluster_id "
           "FROM statements s JOIN articles x ON x.id = s.article_id "
           "LEFT JOIN actor_nodes n ON n.article_id = s.article_id AND n.actor_id = s.speaker_actor " + where)
    rows = con.execute(sql).fetchall() if article_ids is None else select_in(con, sql, article_ids)
    items, speakers, words = [], [], []
    for r in rows:
        for seg, text in enumerate(segment_texts(r[3])):
            ws = rules.quote_words(text)
            items.append(rules.QuoteItem(((r[5] or "")[:10], r[0], r[2], seg), r[0], r[1], seg, text,
                                         rules.word_shingles(ws), r[7] or None, r[6], r[5]))
            speakers.append(r[4])
            words.append(" ".join(ws))
    order = sorted(range(len(items)), key=lambda i: items[i].order)
    return [items[i] for i in order], [speakers[i] for i in order], [words[i] for i in order]


def stored_best(rounded: float, size: int) -> float | None:
    """The exact containment k/m (m ≤ ``size``) whose value rounds to ``rounded`` (3 places; the store may keep it
    as a 4-byte float), or None when two different fractions fit."""
    lo, hi = rounded - 0.0005 - 2e-6, rounded + 0.0005 + 2e-6
    if rounded >= 1.0 - 1e-6 and size < 1990:
        return 1.0  # the largest fraction below 1 with m ≤ 1989 is < 0.9995
    found: set[Fraction] = set()
    for m in range(1, size + 1):
        k = round(rounded * m)
        if 0 < k <= m and lo <= k / m <= hi:
            found.add(Fraction(k, m))
            if len(found) > 1:
                return None
    if len(found) != 1:
        return None
    f = found.pop()
    return f.numerator / f.denominator


def _because(sim: float, other: rules.QuoteItem | dict, speaker: str | None) -> str:
    site = other.site if isinstance(other, rules.QuoteItem) else other["site"]
    art = other.article_id if isinstance(other, rules.QuoteItem) else other["article_id"]
    return (f"word-bigram containment {sim:.2f} ≥ {rules.QUOTE_CONTAINMENT} with the quote in {site or art}; speaker "
            + ("unresolved here, compatible" if speaker is None else "the same actor cluster"))


def update_quotes(con, new_ids: list[str], gone_ids: list[str], moved: dict[tuple, str]) -> dict[str, int]:
    """Bring quote passages and clusters up to date; returns how many passages were reclustered and appended."""
    gone = select_in(con, "SELECT id, component, cluster_id FROM quote_passages WHERE article_id IN ({in})", gone_ids)
    dirty_comps = {int(r[1]) for r in gone}
    old_qids = {r[2] for r in gone if r[2]}
    con.executemany("DELETE FROM quote_passages WHERE article_id = ?", ((a,) for a in gone_ids))
    # (their bigram rows stay until the next full run: a probe finds no passage behind them and skips them)
    items, speakers, words = passages_of(con, new_ids)
    df = bigram_df(con, items)
    pids, bigrams = insert_passages(con, items, speakers, df, words=words, keep=True)
    item_of = dict(zip(pids, items))
    new = {p: it for p, it in item_of.items() if it.shingles}
    pairs = probe(con, new, bigrams)
    moved_rows = []
    for i in range(0, len(moved), 400):
        part = list(moved)[i:i + 400]
        cond = " OR ".join("(article_id = ? AND speaker_actor = ?)" for _ in part)
        moved_rows += con.execute(f"SELECT component FROM quote_passages WHERE {cond}",
                                  [x for key in part for x in key]).fetchall()
    dirty_comps |= {int(r[0]) for r in moved_rows}
    rows = select_in(con, "SELECT p.id, p.component, p.cluster_id, n.cluster_id FROM quote_passages p LEFT JOIN "
                     "actor_nodes n ON n.article_id = p.article_id AND n.actor_id = p.speaker_actor WHERE p.id IN "
                     "({in})", {x for p in pairs for x in p if x not in item_of})
    # A pair of two passages whose own speakers are different actor clusters is refused in this run whatever else
    # happens (every cluster holding one has its speaker): it joins nothing now, so it is left out of the groups and
    # of what is reclustered.  It is still a pair of the graph, though: a later run that moves one speaker into the
    # other's cluster (an override, a merge) must recluster both passages together, so its two ends' component
    # labels are joined at the end (``_join_components``) without reclustering either.
    speaker = {int(r[0]): r[3] or None for r in rows} | {p: it.speaker for p, it in item_of.items()}
    refused = [k for k in pairs if speaker[k[0]] and speaker[k[1]] and speaker[k[0]] != speaker[k[1]]]
    pairs = {k: v for k, v in pairs.items()
             if not (speaker[k[0]] and speaker[k[1]] and speaker[k[0]] != speaker[k[1]])}
    ends = {x for p in pairs for x in p}
    stored = {int(r[0]): (int(r[1]), r[2]) for r in rows if int(r[0]) in ends}

    # the groups: components of the new pairs over new passages and stored clusters
    parent: dict[Any, Any] = {}
    find = lambda x: root(parent, x)
    node = lambda p: ("n", p) if p in item_of else ("c", stored[p][1])
    for a, b in pairs:
        union(parent, node(a), node(b))
    groups: dict[Any, dict[str, set]] = defaultdict(lambda: {"new": set(), "old": set()})
    for p in new:
        groups[find(("n", p))]["new"].add(p)
    for _, cid in stored.values():
        groups[find(("c", cid))]["old"].add(cid)
    old_comp = {cid: comp for comp, cid in stored.values()}
    candidates = {}
    for g in groups.values():
        if len(g["old"]) != 1 or not g["new"]:
            continue
        (cid,) = g["old"]
        if old_comp[cid] in dirty_comps:
            continue
        spk = {item_of[p].speaker for p in g["new"]} - {None}
        by_art: dict[str, list[int]] = defaultdict(list)
        for p in g["new"]:
            by_art[item_of[p].article_id].append(p)
        if len(spk) > 1 or any(rules.containment(new[x].shingles, new[y].shingles) < rules.QUOTE_CONTAINMENT
                               for ps in by_art.values() for i, x in enumerate(ps) for y in ps[i + 1:]):
            continue
        candidates[cid] = (g["new"], spk)
    appended = _append(con, candidates, item_of, pairs) if candidates else {}

    # everything else: recluster the components involved, whole
    done = {p for ps in appended.values() for p in ps}
    comp = {p: c for p, (c, _) in stored.items()}
    comp.update((p, p) for p in pids)
    uf: dict[int, int] = {}
    cfind = lambda x: root(uf, x)
    for a, b in pairs:
        if a not in done and b not in done:
            union(uf, comp[a], comp[b])
    labels = dirty_comps | {p for p in pids if p not in done} | {comp[x] for a, b in pairs if a not in done
                                                               and b not in done for x in (a, b)}
    by_root: dict[int, set[int]] = defaultdict(set)
    for lab in labels:
        by_root[cfind(lab)].add(lab)
    relabel = [(top, lab) for top, labs in by_root.items() for lab in labs if lab != top]
    con.executemany("UPDATE quote_passages SET component = ? WHERE component = ?", relabel)
    # a component of new passages only (most are one passage that pairs with nothing) is clustered from memory
    fresh = {top for top, labs in by_root.items() if all(lab in item_of and lab not in dirty_comps for lab in labs)}
    roots = set(by_root) - fresh
    rows = select_in(con, _PASSAGE_SELECT + "WHERE p.component IN ({in})", roots)
    loaded = [passage_item(r) for r in rows]
    old_qids |= {r["id"] for r in select_in(con, "SELECT DISTINCT cluster_id AS id FROM quote_passages WHERE "
                                                 "component IN ({in}) AND cluster_id <> ''", roots)}
    con.executemany("DELETE FROM quote_clusters WHERE id = ?", ((q,) for q in old_qids))
    by_comp: dict[int, list[rules.QuoteItem]] = defaultdict(list)
    pid_of = {}
    for r, (pid, it) in zip(rows, loaded):
        by_comp[int(r["component"])].append(it)
        pid_of[(it.article_id, it.statement_id, it.segment)] = pid
    for top in fresh:
        by_comp[top] = [item_of[p] for p in by_root[top]]
        pid_of.update(((item_of[p].article_id, item_of[p].statement_id, item_of[p].segment), p)
                      for p in by_root[top])
    quotes = [q for its in by_comp.values() for q in rules.cluster_quote_items(its)]
    insert_quote_clusters(con, quotes, pid_of)
    _join_components(con, refused)
    return {"reclustered": len(loaded), "appended": len(done),
            "new_alone": sum(len(by_root[r]) for r in fresh)}


def _join_components(con, links: list[tuple[int, int]]) -> None:
    """Give the two ends of each pair in ``links`` one component label (the smaller), relabelling whole components;
    the clusters stay as they are (the pairs join nothing in this run)."""
    if not links:
        return
    comp = {int(r[0]): int(r[1]) for r in select_in(con, "SELECT id, component FROM quote_passages WHERE id IN "
                                                         "({in})", {x for k in links for x in k})}
    parent: dict[int, int] = {}
    for a, b in links:
        if a in comp and b in comp:
            union(parent, comp[a], comp[b])
    con.executemany("UPDATE quote_passages SET component = ? WHERE component = ?",
                    [(root(parent, lab), lab) for lab in parent])


def _append(con, candidates: dict[str, tuple[set[int], set]], item_of: dict[int, rules.QuoteItem],
            pairs: dict[tuple[int, int], float]) -> dict[str, set[int]]:
    """Add each candidate group's new passages to its stored cluster (module docstring); returns, per cluster, the
    passages appended (a cluster that fails a check is left to the recluster path)."""
    members: dict[str, list] = defaultdict(list)
    for r in select_in(con, _MEMBERS, list(candidates)):
        members[r["cluster_id"]].append(r)
    heads = {r[0]: (r[1], r[2]) for r in select_in(con, "SELECT id, text, speaker_cluster FROM quote_clusters "
                                                        "WHERE id IN ({in})", list(candidates))}
    partners: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (a, b), sim in pairs.items():
        partners[a].append((sim, b))
        partners[b].append((sim, a))
    out: dict[str, set[int]] = {}
    heads_w: list[tuple] = []
    upd: list[tuple] = []
    ins: list[tuple] = []
    passages_w: list[tuple] = []
    for cid, (new_pids, spk) in candidates.items():
        olds = sorted(members[cid], key=lambda r: r["mseq"])
        order = {r["pid"]: ((r["published"] or "")[:10], r["article_id"], r["seq"], r["segment"]) for r in olds}
        news = sorted(new_pids, key=lambda p: item_of[p].order)
        if not olds or cid not in heads or item_of[news[0]].order <= max(order.values()):
            continue
        old_spk = {r["speaker"] for r in olds} - {None}
        if len(old_spk | spk) > 1 or (heads[cid][1] or None) != next(iter(old_spk), None):
            continue
        # stored members: a new partner that beats the stored best takes its place
        changed, ok = {}, True
        for r in olds:
            best_new = max(((s, -news.index(p), p) for s, p in partners.get(r["pid"], ()) if p in new_pids),
                           default=None)
            if best_new is None:
                continue
            s, rounded = best_new[0], float(r["similarity"])
            if len(olds) == 1:
                changed[r["pid"]] = (s, best_new[2])
                continue
            if s > rounded + 0.0005 + 2e-6:
                beats = True
            elif s < rounded - 0.0005 - 2e-6:
                beats = False
            else:
                exact = stored_best(rounded, int(r["size"]))
                if exact is None:
                    ok = False
                    break
                beats = s > exact
            if beats:
                changed[r["pid"]] = (s, best_new[2])
        if not ok:
            continue
        rank = {p: (0, order[p]) for p in order} | {p: (1, item_of[p].order) for p in news}
        new_rows = []
        for p in news:
            s, o = min(((s, o) for s, o in partners[p] if o in rank), key=lambda t: (-t[0], rank[t[1]]))
            other = item_of[o] if o in item_of else next(r for r in olds if r["pid"] == o)
            it = item_of[p]
            new_rows.append((p, it, round(s, 3), _because(s, other, it.speaker)))
        qid = cid  # the id hashes the first member, and the new ones come after every stored one
        text = heads[cid][0]
        for _, it, _, _ in new_rows:
            if len(it.text) > len(text):
                text = it.text
        speaker = next(iter(old_spk | spk), None)
        if (text, speaker) != heads[cid]:
            heads_w.append((text, speaker, qid))
        for r in olds:
            if r["pid"] in changed:
                s, p = changed[r["pid"]]
                upd.append((round(s, 3), _because(s, item_of[p], r["speaker"]), r["article_id"], r["statement_id"],
                            r["segment"]))
        ins += ((qid, it.article_id, it.statement_id, it.segment, len(olds) + i, it.text, sim, because)
                for i, (_, it, sim, because) in enumerate(new_rows))
        comp = int(olds[0]["component"])
        passages_w += ((qid, comp, p) for p in news)
        out[cid] = set(news)
    # (each statement once over every appended cluster: nothing above reads what these write)
    con.executemany("UPDATE quote_clusters SET text = ?, speaker_cluster = ? WHERE id = ?", heads_w)
    con.executemany("UPDATE quote_cluster_members SET similarity = ?, because = ? WHERE article_id = ? AND "
                    "statement_id = ? AND segment = ?", upd)
    con.executemany("INSERT INTO quote_cluster_members(cluster_id, article_id, statement_id, segment, seq, "
                    "quote_text, similarity, because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ins)
    con.executemany("UPDATE quote_passages SET cluster_id = ?, component = ? WHERE id = ?", passages_w)
    return out
