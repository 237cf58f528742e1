"""Actor clusters in an incremental run (``store.incremental``): new nodes of a block join its stored clusters
without reclustering the block, when that is provably what a full run gives; else the block is reclustered whole.

A block qualifies when it only gained nodes (none gone), no override (stored now or removed since the last run)
selects any of its nodes, its surname's first given name did not change, and every new node comes after every
stored one in node order (published date, article id, actor order) — the usual case for the next day's news.  Then
``consolidate.cluster_nodes`` over the grown block runs every rule over the stored nodes exactly as it did before
they were stored (each rule walks its nodes in node order and the new ones come last), except where a rule reads
something a new node changes; the cases below are those where it reads nothing that changed, and the new nodes'
placement follows the rule's own walk:

* **(kind, name) blocks** (``k:``, rule 3): every node joins the block's first, so the block is one cluster and a
  new node joins it (``same KIND name``).
* **one-word organisations only** (an ``n:`` block without persons): rule 3 per folded name, no person for rule 4b;
  a new node joins the cluster of its name, or starts one.
* **persons only** (an ``n:`` block without organisations, so rule 4b never applies).  Rule 2 walks the full names
  in order and joins a new full name to the first earlier full name ``a`` whose cluster has no conflict with it
  (the union-find checks one representative per (given-name key, initial) — the first member with it, members
  joining in node order); a conflict-free cluster's first full member is such a representative, hence compatible,
  so the new name joins the conflict-free cluster whose first full member is earliest, and ``a`` is that member.
  Rule 4 then walks the surname-only nodes: the stored ones decide as before when no new full name started a
  cluster of its own (the candidate clusters are the same) and no new full name brought an affiliation some stored
  surname-only node disagrees with (the affiliation checks read the same members), or when the surname is someone's
  given name (they are all left apart); a new surname-only node, last, sees every cluster as it ends, and attaches
  to the one that fits, is left ambiguous, is left apart, or (no full name in the block) joins the first
  surname-only node.
* **persons and organisations**: rule 4b joins an organisation to a person only while every one-word organisation
  of the block is in one article and the name is nobody's given name; past that (stored organisations in two
  articles already, or a given name) the two kinds never meet and each part appends as above.
* Anything else (rule 4b still possible, new names before stored ones) is reclustered whole.

Ids hash a cluster's first member, which stays first, so appending changes no id; the stored members keep their
rows and ``seq``, the new ones are numbered after them, and a cluster's display name is recounted.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from .. import consolidate as rules
from ..consolidate.actors import _conflict, _evidence
from ..model import Actor

log = logging.getLogger(__name__)

_BLOCK_ROWS = ("SELECT article_id, actor_id, pub, seq, name, kind, roles_json, affiliation, given, cluster_id "
               "FROM actor_nodes WHERE block = ? AND cluster_id <> '' ORDER BY pub, article_id, seq")
_LAST = ("SELECT pub, article_id, seq FROM actor_nodes WHERE block = ? AND cluster_id <> '' "
         "ORDER BY pub DESC, article_id DESC, seq DESC LIMIT 1")


_words = lru_cache(maxsize=1 << 16)(lambda name: tuple(rules.name_words(name)))
_fold = lru_cache(maxsize=1 << 16)(rules.fold)


def _node(r, index: int = 0):
    """A ``consolidate`` node from a row (a stored ``actor_nodes`` row or a new node row, both as dicts)."""
    actor = Actor(id=r["actor_id"], name=r["name"], kind=r["kind"], roles=tuple(json.loads(r["roles_json"])),
                  affiliation=r["affiliation"])
    return rules.actors.make_node(index, r["article_id"], actor)


def _order(r: dict) -> tuple:
    return (r["pub"], r["article_id"], r["seq"])


def _new_dict(r: tuple) -> dict:
    # a new node row as ``store.incremental.node_row`` builds it
    keys = ("article_id", "actor_id", "pub", "seq", "name", "kind", "roles_json", "affiliation", "block", "fname",
            "given", "cluster_id")
    return dict(zip(keys, r))


def _display_name(names: Counter, fulls: Counter) -> str:
    """``cluster_nodes``' display name from the cluster's name counts (``names`` in member order)."""
    if fulls:
        return max(fulls.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    return names.most_common(1)[0][0]


class _Cluster:
    """What the rules read of one stored or new cluster of a block."""

    def __init__(self, cid: str, stored: int):
        self.id = cid
        self.size = stored  # members so far (the next member's seq)
        self.first_full: dict | None = None
        self.reps: dict[tuple, object] = {}  # (given key, initial) -> the first full node with it
        self.affs: set[str] = set()  # folded affiliations of its members
        self.names: Counter = Counter()  # every member's name, in member order
        self.fulls: Counter = Counter()  # the names ``cluster_nodes`` picks the display name from
        self.new: list[tuple[dict, str]] = []  # (new node, because)

    def add(self, r: dict, node, full_or_other: bool) -> None:
        """Count a member in; ``node``: its ``consolidate`` node, or None to build it only when the rules read it."""
        if r["kind"] == "person" and r["given"] is not None:  # a full name
            if self.first_full is None:
                self.first_full = r
            key = (r["given"], len(_words(r["name"])[0]) == 1)
            if key not in self.reps:
                self.reps[key] = node or _node(r)
        if r["affiliation"]:
            self.affs.add(_fold(r["affiliation"]))
        self.names[r["name"]] += 1
        if full_or_other:
            self.fulls[r["name"]] += 1


def append(con, blocks: set[str], new_rows: Sequence[tuple], given_of) -> tuple[set[str], int]:
    """Append the new nodes of ``blocks`` (candidates: no gone node, no override, no given-name change) to their
    stored clusters where the module docstring allows; returns (the blocks to recluster whole, nodes appended).
    ``given_of(keys)`` is the store's given-name index (``store.incremental.first_given``)."""
    new_by_block: dict[str, list[dict]] = defaultdict(list)
    for r in new_rows:
        if r[8] in blocks:
            new_by_block[r[8]].append(_new_dict(r))
    back: set[str] = set()
    appended = 0
    why: Counter = Counter()
    person_keys = [b[2:] for b in new_by_block if b.startswith("n:")]
    given = given_of(person_keys) if person_keys else {}
    for block, new in new_by_block.items():
        new.sort(key=lambda r: (r["pub"], r["article_id"], r["seq"]))
        last = con.execute(_LAST, (block,)).fetchone()
        if last is None or (last[0], last[1], last[2]) >= (new[0]["pub"], new[0]["article_id"], new[0]["seq"]):
            back.add(block)
            why["no stored node" if last is None else "a new node before a stored one"] += 1
            continue
        writes = _append_k(con, block, new) if block.startswith("k:") else _append_n(con, block, new, given)
        if not isinstance(writes, str) and any(con.execute("SELECT 1 FROM actor_clusters WHERE id = ?", (c.id,))
                                               .fetchone() for c in writes if c.size == 0):
            # a replaced article's node starts a cluster whose id its old version's cluster (reclustered after
            # this) still holds
            writes = "a new cluster's id still taken"
        if isinstance(writes, str):
            back.add(block)
            why[writes] += 1
            continue
        _write(con, writes)
        appended += len(new)
    log.info("actor append: %d blocks appended (%d nodes), reclustered: %s", len(new_by_block) - len(back), appended,
             dict(why))
    return back, appended


def _append_k(con, block: str, new: list[dict]) -> list[_Cluster] | str:
    rows = con.execute("SELECT MIN(cluster_id), MAX(cluster_id) FROM actor_nodes WHERE block = ? AND "
                       "cluster_id <> ''", (block,)).fetchone()
    if rows[0] != rows[1]:
        return "more than one stored cluster"
    c = _Cluster(rows[0], 0)
    for name, n in con.execute("SELECT name, COUNT(*) FROM actor_nodes WHERE block = ? AND cluster_id = ? "
                               "GROUP BY name", (block, rows[0])):
        c.names[name] += n
        c.fulls[name] += n
        c.size += n
    for r in new:
        c.new.append((r, f"same {r['kind']} name ({r['name']!r})"))
        c.names[r["name"]] += 1
        c.fulls[r["name"]] += 1
    return [c]


def _append_n(con, block: str, new: list[dict], given: dict[str, str]) -> list[_Cluster] | str:
    """The clusters a block's new nodes join (module docstring), or why the block is reclustered instead."""
    stored = [dict(r) for r in con.execute(_BLOCK_ROWS, (block,))]
    key = block[2:]
    clusters: dict[str, _Cluster] = {}
    for r in stored:
        c = clusters.get(r["cluster_id"])
        if c is None:
            c = clusters[r["cluster_id"]] = _Cluster(r["cluster_id"], 0)
        c.add(r, None, r["given"] is not None or r["kind"] != "person")
        c.size += 1
    people = [r for r in stored if r["kind"] == "person"]
    orgs = [r for r in stored if r["kind"] != "person"]
    new_people = [r for r in new if r["kind"] == "person"]
    new_orgs = [r for r in new if r["kind"] != "person"]
    # rule 4b can join an organisation to a person only while every one of them is in one article and the name is
    # nobody's given name; past that, persons and organisations never meet (kinds differ) and each part follows its
    # own rules
    if ((people or new_people) and (orgs or new_orgs) and key not in given
            and len({r["article_id"] for r in orgs}) < 2):
        return "persons and organisations (rule 4b)"
    out: list[_Cluster] = []
    for part in ((_append_orgs(orgs, new_orgs, clusters) if new_orgs else []),
                 (_append_persons(key, people, new_people, clusters, given) if new_people else [])):
        if isinstance(part, str):
            return part
        out += part
    return out


def _append_orgs(stored: list[dict], new: list[dict], clusters: dict[str, _Cluster]) -> list[_Cluster] | str:
    # rule 3 per folded name: one cluster per name (nothing can block a union of same-kind nodes without full names)
    by_key: dict[str, _Cluster] = {}
    for r in stored:
        key = " ".join(_words(r["name"]))
        if by_key.setdefault(key, clusters[r["cluster_id"]]) is not clusters[r["cluster_id"]]:
            return "one name in two stored clusters"
    touched: dict[str, _Cluster] = {}
    for r in new:
        key = " ".join(_words(r["name"]))
        c = by_key.get(key)
        because = f"same {r['kind']} name ({r['name']!r})"
        if c is None:
            c = by_key[key] = _Cluster(rules.actor_cluster_id(f"{r['article_id']}:{r['actor_id']}"), 0)
            because = "first mention"
        c.new.append((r, because))
        c.names[r["name"]] += 1
        c.fulls[r["name"]] += 1
        touched[c.id] = c
    return list(touched.values())


def _append_persons(key: str, stored: list[dict], new: list[dict], clusters: dict[str, _Cluster],
                    given: dict[str, str]) -> list[_Cluster] | str:
    lone_affs = {_fold(r["affiliation"]) if r["affiliation"] else None for r in stored if r["given"] is None}
    has_lone = bool(lone_affs)
    fulls = [c for c in clusters.values() if c.first_full is not None]
    fulls.sort(key=lambda c: (c.first_full["pub"], c.first_full["article_id"], c.first_full["seq"]))
    had_fulls = bool(fulls)
    touched: dict[str, _Cluster] = {}
    nodes = {}
    for r in new:
        nodes[id(r)] = _node(r)

    # rule 2: each new full name, in node order
    for r in new:
        node = nodes[id(r)]
        if not node.full:
            continue
        target = next((c for c in fulls if not any(_conflict(rep, node) for rep in c.reps.values())), None)
        if target is None:
            if has_lone and key not in given:
                return "a new full-name cluster beside stored surname-only nodes"
            target = _Cluster(rules.actor_cluster_id(f"{r['article_id']}:{r['actor_id']}"), 0)
            because = "first mention"
            fulls.append(target)
        else:
            a = _node(target.first_full)
            same = rules.fold(a.actor.name) == rules.fold(node.actor.name)
            rule = ("same full name" if same else
                    f"full name {node.actor.name!r} ~ {a.actor.name!r} (name key {node.key!r})")
            extra = _evidence(a, node)
            because = rule + (f"; {extra}" if extra else "")
        if (r["affiliation"] and has_lone and key not in given
                and lone_affs - {None, _fold(r["affiliation"])}):
            return "a new affiliation a stored surname-only node disagrees with"
        target.add(r, node, True)
        target.new.append((r, because))
        touched[target.id] = target

    # rule 4: each new surname-only node, after every full name and every stored surname-only node
    lone_new = [r for r in new if not nodes[id(r)].full]
    if lone_new and key not in given and not fulls:
        first = next((r for r in stored if r["given"] is None), None)
        if first is None:
            return "no stored surname-only node"
        target = clusters[first["cluster_id"]]
        for r in lone_new:
            target.add(r, nodes[id(r)], False)
            target.new.append((r, f"same surname {r['name']!r}, no full name known"))
        touched[target.id] = target
        return list(touched.values())
    if lone_new and key not in given and not had_fulls and has_lone:
        return "the first full name beside stored surname-only nodes"
    for r in lone_new:
        node = nodes[id(r)]
        own = _Cluster(rules.actor_cluster_id(f"{r['article_id']}:{r['actor_id']}"), 0)
        if key in given:
            own.add(r, node, False)
            own.new.append((r, f"{r['name']!r} is also a given name ({given[key]}); left apart"))
            touched[own.id] = own
            continue
        fits = [c for c in fulls if not (node.actor.affiliation and c.affs - {_fold(node.actor.affiliation)})]
        if len(fits) == 1:
            if fits[0].size == 0 and _order(r) < min(_order(m) for m, _ in fits[0].new):
                # before the first member of a cluster started today: the union-find's root (and so the id, and
                # which side's ``because`` is kept) would be this node
                return "a new surname-only node before its new full name"
            full = _node(fits[0].first_full)
            extra = _evidence(full, node)
            fits[0].add(r, node, False)
            fits[0].new.append((r, f"surname {r['name']!r} matches the one full name {full.actor.name!r}"
                                + (f"; {extra}" if extra else "")))
            touched[fits[0].id] = fits[0]
            continue
        if len(fits) > 1:
            names = sorted({c.first_full["name"] for c in fits})
            because = f"ambiguous surname: could be {' or '.join(names)}; left apart"
        else:
            because = "first mention"
        own.add(r, node, False)
        own.new.append((r, because))
        touched[own.id] = own
    return list(touched.values())


def _write(con, clusters: list[_Cluster]) -> None:
    for c in clusters:
        c.new.sort(key=lambda t: (t[0]["pub"], t[0]["article_id"], t[0]["seq"]))  # members are in node order
        name = _display_name(c.names, c.fulls)
        kind = c.new[0][0]["kind"]
        if c.size == 0:
            con.execute("INSERT INTO actor_clusters(id, name, kind) VALUES (?, ?, ?)", (c.id, name, kind))
        else:
            con.execute("UPDATE actor_clusters SET name = ? WHERE id = ? AND name <> ?", (name, c.id, name))
        con.executemany("INSERT INTO actor_cluster_members(cluster_id, article_id, actor_id, seq, because) "
                        "VALUES (?, ?, ?, ?, ?)",
                        ((c.id, r["article_id"], r["actor_id"], c.size + i, because)
                         for i, (r, because) in enumerate(c.new)))
        con.executemany("UPDATE actor_nodes SET cluster_id = ? WHERE article_id = ? AND actor_id = ?",
                        ((c.id, r["article_id"], r["actor_id"]) for r, _ in c.new))
