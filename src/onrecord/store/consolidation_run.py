"""One consolidation run over a store: full (rebuild every index table) or incremental (only what changed); see
``store.incremental`` for the tables, the dirty sets and why the result is the same either way."""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from typing import Any

from .. import consolidate as rules
from . import incremental_actors
from .incremental import (
    _NODE_COLUMNS,
    MARKED,
    PREFIX_ORDER,
    bigram_hash,
    first_given,
    insert_passages,
    node_of,
    select_in,
    set_state,
    state,
    stored_node_rows,
)
from .incremental_quotes import insert_quote_clusters, passages_of, update_quotes
from .rows import dump

log = logging.getLogger(__name__)

_STATE_TABLES = ("quote_bigrams", "quote_passages", "quote_bigram_df", "actor_nodes", "consolidated_articles",
                 "consolidation_marks", "consolidated_overrides", "consolidation_state")
_RESULT_TABLES = ("stance_points", "quote_cluster_members", "quote_clusters", "actor_cluster_members", "actor_clusters")


def _overrides(con) -> list[rules.Override]:
    return [rules.Override(r["action"], r["a"], r["b"], id=r["id"], note=r["note"]) for r in
            con.execute("SELECT * FROM actor_overrides ORDER BY id")]


def _selected(con, selector: str) -> list:
    """Node rows an override selector picks (``consolidate.actors._selects``, by index)."""
    rows = list(con.execute(f"SELECT {_NODE_COLUMNS} FROM actor_nodes WHERE fname = ?", (rules.fold(selector),)))
    if ":" in selector:
        art, _, act = selector.partition(":")
        if art and act:
            rows += con.execute(f"SELECT {_NODE_COLUMNS} FROM actor_nodes WHERE actor_id = ? AND article_id >= ? "
                                "AND article_id < ?", (act, art, art + "\U0010ffff")).fetchall()
    seen, out = set(), []
    for r in rows:
        if (r["article_id"], r["actor_id"]) not in seen and rules.actors._selects(selector, node_of(r)):
            seen.add((r["article_id"], r["actor_id"]))
            out.append(r)
    return out


# -- writing the results ----------------------------------------------------------------------------------------

def _stance_rows(con, article_ids: list[str] | None) -> list[tuple]:
    """The stance points of these articles (None: of every article the run covers, see ``full``)."""
    where = MARKED.format("st.article_id") if article_ids is None else "WHERE st.article_id IN ({in})"
    sql = ("SELECT st.article_id, st.id, st.actor_id, COALESCE(t.name, st.topic_id) AS topic, st.stance, "
           "st.evidence_json, st.date, st.because, x.published, x.site, n.cluster_id, st.seq FROM stances st "
           "JOIN articles x ON x.id = st.article_id "
           "LEFT JOIN topics t ON t.article_id = st.article_id AND t.id = st.topic_id "
           "LEFT JOIN actor_nodes n ON n.article_id = st.article_id AND n.actor_id = st.actor_id " + where)
    rows = con.execute(sql).fetchall() if article_ids is None else select_in(con, sql, article_ids)
    out = []
    for r in rows:
        if not r["cluster_id"]:
            log.warning("%s: stance %s names actor %s, which the article does not have", r["article_id"], r["id"],
                        r["actor_id"])
            continue
        date = r["date"] or ((r["published"] or "")[:10] or None)
        out.append((r["cluster_id"], r["topic"], r["stance"], date, r["article_id"], r["id"], r["evidence_json"],
                    r["because"]))
    return out


def _insert_stances(con, rows: list[tuple]) -> None:
    con.executemany("INSERT INTO stance_points(cluster_id, topic, stance, date, article_id, stance_id, evidence_json, "
                    "because) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


# -- full -------------------------------------------------------------------------------------------------------

def full(store) -> dict[str, Any]:
    con = store.con
    for table in (*_RESULT_TABLES, *_STATE_TABLES):
        con.execute(f"DELETE FROM {table}")
    # The articles this run covers, fixed by one statement before anything is read: on PostgreSQL an add does not
    # wait for a consolidation, and each later statement would see articles committed since (marked here without
    # their nodes, they would never be clustered).  Every read below keeps to the marked articles.
    con.execute("INSERT INTO consolidation_marks(article_id) SELECT id FROM articles")
    con.execute("INSERT INTO consolidated_articles(article_id) SELECT article_id FROM consolidation_marks")
    overrides = _overrides(con)
    rows = sorted(stored_node_rows(con, MARKED.format("a.article_id")), key=lambda r: (r[2], r[0], r[3]))
    nodes = [node_of(dict(zip(_NODE_COLUMNS.split(", "), r)), i) for i, r in enumerate(rows)]
    given = rules.given_name_index(nodes)
    clusters = [c for block in rules.actors.actor_blocks(nodes, overrides)
                for c in rules.cluster_nodes(block, overrides, given)]
    _, _, unused = rules.actors.override_pairs(nodes, overrides)
    cluster_of = {(m.article_id, m.actor_id): c.id for c in clusters for m in c.members}
    con.executemany(f"INSERT INTO actor_nodes({_NODE_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                    ((*r[:11], cluster_of[(r[0], r[1])]) for r in rows))
    _write_actor_clusters(con, clusters)
    _insert_stances(con, _stance_rows(con, None))

    items, speakers, words = passages_of(con, None)
    pairs = rules.quote_pairs(items)
    comps = rules.pair_components(len(items), pairs)
    counts = Counter(bigram_hash(sh) for it in items for sh in it.shingles)
    df = {h: n for h, n in counts.items() if n > 1}
    con.executemany("INSERT INTO quote_bigram_df(h, df) VALUES (?, ?)", df.items())
    pids, _ = insert_passages(con, items, speakers, df, comps, words)
    quotes = rules.cluster_quote_items(items, pairs=pairs)
    insert_quote_clusters(con, quotes, {(it.article_id, it.statement_id, it.segment): p
                                         for it, p in zip(items, pids)})
    n_articles = int(con.execute("SELECT COUNT(*) FROM consolidated_articles").fetchone()[0])
    _snapshot_overrides(con, overrides)
    set_state(con, "built", "1")
    set_state(con, "prefix_order", PREFIX_ORDER)
    return {"mode": "full", "articles": n_articles, "unused_overrides": unused, "recomputed_nodes": len(nodes),
            "recomputed_passages": len(items)}


def _write_actor_clusters(con, clusters: list[rules.ActorCluster]) -> None:
    con.executemany("INSERT INTO actor_clusters(id, name, kind) VALUES (?, ?, ?)",
                    ((c.id, c.name, c.kind) for c in clusters))
    con.executemany(
        "INSERT INTO actor_cluster_members(cluster_id, article_id, actor_id, seq, because) VALUES (?, ?, ?, ?, ?)",
        ((c.id, m.article_id, m.actor_id, i, m.because) for c in clusters for i, m in enumerate(c.members)))


def _snapshot_overrides(con, overrides: list[rules.Override]) -> None:
    con.execute("DELETE FROM consolidated_overrides")
    con.executemany("INSERT INTO consolidated_overrides(id, action, a, b) VALUES (?, ?, ?, ?)",
                    ((o.id, o.action, o.a, o.b) for o in overrides))


# -- incremental ------------------------------------------------------------------------------------------------

def incremental(store) -> dict[str, Any]:
    con = store.con
    if state(con, "built") is None or state(con, "prefix_order") != PREFIX_ORDER:
        return full(store)  # the first run, or an index built before migration 0014
    t0 = time.perf_counter()
    overrides = _overrides(con)
    before = {(r[0], r[1], r[2], r[3]) for r in con.execute("SELECT id, action, a, b FROM consolidated_overrides")}
    now_ov = {(o.id, o.action, o.a, o.b) for o in overrides}
    changed_ov = before ^ now_ov
    new_ids = [r[0] for r in con.execute("SELECT a.id FROM articles a LEFT JOIN consolidation_marks m "
                                         "ON m.article_id = a.id WHERE m.article_id IS NULL")]
    gone_ids = [r[0] for r in con.execute("SELECT c.article_id FROM consolidated_articles c LEFT JOIN "
                                          "consolidation_marks m ON m.article_id = c.article_id "
                                          "WHERE m.article_id IS NULL")]
    # (a replaced article is both: gone, with its old version, and new)

    # 1. nodes: gone out, new in; the blocks they touch, and the given names whose first full name they may move
    gone_nodes = select_in(con, f"SELECT {_NODE_COLUMNS} FROM actor_nodes WHERE article_id IN ({{in}})", gone_ids)
    new_rows = [r for part in _parts(new_ids) for r in stored_node_rows(
        con, "WHERE a.article_id IN ({})".format(", ".join("?" * len(part))), part)]
    dirty = {r["block"] for r in gone_nodes} | {r[8] for r in new_rows}
    givens = {r["given"] for r in gone_nodes if r["given"]} | {r[10] for r in new_rows if r[10]}
    first_before = first_given(con, givens)
    con.executemany("DELETE FROM actor_nodes WHERE article_id = ?", ((a,) for a in gone_ids))
    con.executemany(f"INSERT INTO actor_nodes({_NODE_COLUMNS}) VALUES ({', '.join('?' * 12)})", new_rows)
    first_after = first_given(con, givens)
    given_dirty = {"n:" + g for g in givens if first_before.get(g) != first_after.get(g)}
    dirty |= given_dirty
    old_ids = {r["cluster_id"] for r in gone_nodes if r["cluster_id"]}

    # 2. overrides: changed ones dirty the blocks they select; a force joins the blocks it selects, and an old
    # cluster that spanned blocks (a force made it) joins them too
    sel = {o.id: (_selected(con, o.a), _selected(con, o.b)) for o in overrides}
    ov_dirty = set()
    for ov in changed_ov:
        ov_dirty |= {r["block"] for r in _selected(con, ov[2]) + _selected(con, ov[3])}
    dirty |= ov_dirty
    links = [{r["block"] for r in sel[o.id][0] + sel[o.id][1]} for o in overrides
             if o.action == "force" and sel[o.id][0] and sel[o.id][1]]
    # blocks that only gained nodes, later than their stored ones, and that no override touches may take the append
    # path (store/incremental_actors.py)
    touched = ({r["block"] for r in gone_nodes} | {r["block"] for o in overrides for r in sel[o.id][0] + sel[o.id][1]}
               | ov_dirty | given_dirty)
    appendable = {r[8] for r in new_rows if r[8][:2] in ("k:", "n:")} - touched
    dirty -= appendable
    back, n_appended = incremental_actors.append(con, appendable, new_rows, lambda keys: first_given(con, keys))
    dirty |= back
    done: set[str] = set()
    frontier, cids = set(dirty), set(old_ids)
    while frontier:
        done |= frontier
        cids |= {r[0] for r in select_in(con, "SELECT DISTINCT cluster_id FROM actor_nodes WHERE block IN ({in})",
                                         frontier) if r[0]}
        more = {r[0] for r in select_in(con, "SELECT DISTINCT block FROM actor_nodes WHERE cluster_id IN ({in})",
                                        _spanning(con, cids) + sorted(old_ids))}
        for blocks in links:
            if blocks & done:
                more |= blocks
        frontier = more - done
    dirty = done

    # 3. recompute the dirty blocks
    rows = sorted(select_in(con, f"SELECT {_NODE_COLUMNS} FROM actor_nodes WHERE block IN ({{in}})", dirty),
                  key=lambda r: (r["pub"], r["article_id"], r["seq"]))
    old_cluster = {(r["article_id"], r["actor_id"]): r["cluster_id"] for r in rows}
    old_ids |= {c for c in old_cluster.values() if c}
    nodes = [node_of(r, i) for i, r in enumerate(rows)]
    given = first_given(con, {n.surname_key for n in nodes if n.words})
    clusters = [c for block in rules.actors.actor_blocks(nodes, overrides)
                for c in rules.cluster_nodes(block, overrides, given)]
    moved = _rewrite_actor_clusters(con, clusters, old_cluster, old_ids)

    # 4. stance points: the new articles' own, and those of nodes that changed cluster
    _insert_stances(con, _stance_rows(con, new_ids))
    con.executemany("UPDATE stance_points SET cluster_id = ? WHERE article_id = ? AND stance_id IN "
                    "(SELECT id FROM stances WHERE article_id = ? AND actor_id = ?)",
                    ((cid, a, a, act) for (a, act), cid in moved.items()))

    # 5. quotes
    q = update_quotes(con, new_ids, gone_ids, moved)
    n_passages = q["reclustered"]
    con.executemany("DELETE FROM consolidated_articles WHERE article_id = ?", ((a,) for a in gone_ids))
    con.executemany("INSERT INTO consolidated_articles(article_id) VALUES (?)", ((a,) for a in new_ids))
    con.executemany("INSERT INTO consolidation_marks(article_id) VALUES (?)", ((a,) for a in new_ids))
    _snapshot_overrides(con, overrides)
    unused = [o for o in overrides if not (sel[o.id][0] and sel[o.id][1])]
    log.info("incremental consolidation: %d new, %d gone articles, %d blocks (%d nodes), %d passages, %.2fs",
             len(new_ids), len(gone_ids), len(dirty), len(nodes), n_passages, time.perf_counter() - t0)
    return {"mode": "incremental",
            "articles": int(con.execute("SELECT COUNT(*) FROM consolidated_articles").fetchone()[0]),
            "unused_overrides": unused, "new_articles": len(new_ids), "gone_articles": len(gone_ids),
            "recomputed_nodes": len(nodes), "appended_nodes": n_appended, "recomputed_passages": n_passages,
            "appended_passages": q["appended"], "new_passages_alone": q["new_alone"]}


def _parts(values: list, size: int = 900):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _spanning(con, cids: set[str]) -> list[str]:
    """Of these clusters, those whose members lie in more than one block (only forced overrides make them)."""
    rows = select_in(con, "SELECT cluster_id FROM actor_nodes WHERE cluster_id IN ({in}) GROUP BY cluster_id "
                     "HAVING COUNT(DISTINCT block) > 1", cids)
    return [r[0] for r in rows]


def _rewrite_actor_clusters(con, clusters: list[rules.ActorCluster], old_cluster: dict[tuple, str],
                            old_ids: set[str]) -> dict[tuple, str]:
    """Write recomputed clusters, touching only rows that changed; returns the stored nodes whose cluster id
    changed (node -> new id)."""
    old_rows = {r[0]: (r[1], r[2]) for r in select_in(con, "SELECT id, name, kind FROM actor_clusters WHERE id IN "
                                                          "({in})", old_ids)}
    members = {}
    for r in select_in(con, "SELECT cluster_id, article_id, actor_id, seq, because FROM actor_cluster_members "
                       "WHERE cluster_id IN ({in})", old_ids):
        members[(r[1], r[2])] = (r[0], r[3], r[4])
    new_ids = {c.id for c in clusters}
    con.executemany("INSERT INTO actor_clusters(id, name, kind) VALUES (?, ?, ?)",
                    ((c.id, c.name, c.kind) for c in clusters if c.id not in old_rows))
    con.executemany("UPDATE actor_clusters SET name = ?, kind = ? WHERE id = ?",
                    ((c.name, c.kind, c.id) for c in clusters if c.id in old_rows and old_rows[c.id] != (c.name, c.kind)))
    inserts, updates, moved = [], [], {}
    for c in clusters:
        for i, m in enumerate(c.members):
            key = (m.article_id, m.actor_id)
            row = (c.id, i, m.because)
            was = members.get(key)
            if was is None:
                inserts.append((*row, *key))
            elif was != row:
                updates.append((*row, *key))
            if old_cluster.get(key) and old_cluster[key] != c.id:
                moved[key] = c.id
    con.executemany("UPDATE actor_cluster_members SET cluster_id = ?, seq = ?, because = ? WHERE article_id = ? "
                    "AND actor_id = ?", updates)
    con.executemany("INSERT INTO actor_cluster_members(cluster_id, seq, because, article_id, actor_id) "
                    "VALUES (?, ?, ?, ?, ?)", inserts)
    con.executemany("DELETE FROM actor_clusters WHERE id = ?", ((c,) for c in old_ids - new_ids))
    con.executemany("UPDATE actor_nodes SET cluster_id = ? WHERE article_id = ? AND actor_id = ?",
                    ((c.id, m.article_id, m.actor_id) for c in clusters for m in c.members
                     if old_cluster.get((m.article_id, m.actor_id)) != c.id))
    return moved


def summary(con, result: dict[str, Any]) -> dict[str, Any]:
    """The counts ``Store.consolidate`` returns (and records in ``consolidation_runs``)."""
    one = lambda sql: int(con.execute(sql).fetchone()[0])
    out = {
        "articles": result["articles"],
        "actor_clusters": one("SELECT COUNT(*) FROM actor_clusters"),
        "merged_actor_clusters": one("SELECT COUNT(*) FROM (SELECT cluster_id FROM actor_cluster_members GROUP BY "
                                     "cluster_id HAVING COUNT(DISTINCT article_id) > 1) m"),
        "quote_clusters": one("SELECT COUNT(*) FROM quote_clusters"),
        "quotes_with_several_sources": one("SELECT COUNT(*) FROM (SELECT cluster_id FROM quote_cluster_members "
                                           "GROUP BY cluster_id HAVING COUNT(*) > 1) m"),
        "stance_points": one("SELECT COUNT(*) FROM stance_points"),
        "unused_overrides": [{"id": o.id, "action": o.action, "a": o.a, "b": o.b} for o in result["unused_overrides"]],
        "mode": result["mode"],
        "recomputed_nodes": result["recomputed_nodes"],
        "recomputed_passages": result["recomputed_passages"],
        "appended_nodes": result.get("appended_nodes", 0),
        "appended_passages": result.get("appended_passages", 0),
        "new_passages_alone": result.get("new_passages_alone", 0),
    }
    return out


__all__ = ["dump", "full", "incremental", "json", "summary"]
