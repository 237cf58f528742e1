"""Consolidation on a Dask cluster, over a Parquet folder (``onrecord ingest --parquet``), for an archive that is not
in one database: the same blocks and the same clustering functions as ``consolidate()`` and ``Store.consolidate``.

The job (dask.bag; the driver only holds small things: the given-name index, the blocks forced overrides join, the
list of quote pairs and the counts):

1. Workers read their Parquet parts and map every (article, actor) to a node row keyed by its block
   (``natural_key``); the given-name index (``given_name_index``: first full name per given-name key) is a fold.
2. Overrides: each worker reports which blocks each override selects; the driver joins the blocks forced overrides
   link (a few), and every node row is keyed by its joined block.
3. Shuffle by block; each block is clustered by ``cluster_nodes`` (nodes sorted in article order): actor clusters.
4. Shuffle the (article, actor) → cluster map with the articles by article id: stance points and quote passages
   (with their speaker's cluster) per article.
5. Quote pairs by prefix filtering (``prefix_length``) under a fixed order (bigrams in many passages last, then by
   hash): every bigram of a
   passage is posted, flagged when it is in the passage's prefix; a shuffle by bigram hash pairs each prefix
   posting with every posting of a larger (size, id) passage, which finds every pair at or above the threshold
   (proof in ``store.incremental``); candidates are checked on their bigram hashes (a 64-bit collision is the only
   way to differ from the in-process run).  The driver joins the pairs into components; a shuffle by component
   clusters each with ``cluster_quote_items``.
6. Workers write ``actor_clusters``, ``quote_clusters`` and ``stance_points`` as Parquet parts under the output
   folder (one JSON column per record: ``ActorCluster.to_dict()`` and so on).

``tests/test_consolidate_cluster.py`` checks that the job's clusters equal ``consolidate()``'s on the same articles.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model import Actor
from .actors import _selects, cluster_nodes, cluster_order, make_node, natural_key
from .quotes import (
    QUOTE_CONTAINMENT,
    QuoteItem,
    cluster_quote_items,
    containment,
    passage_shingles,
    prefix_length,
    quote_cluster_order,
    quote_segments,
)
from .records import (
    ActorCluster,
    Member,
    Override,
    QuoteCluster,
    QuoteSource,
    StancePoint,
)
from .unionfind import root, union


def _hash(bigram: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(bigram).encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big", signed=True)


def _read_part(path: str) -> list[dict]:
    import pyarrow.parquet as pq

    from ..parquet import row_article
    return [row_article(r).to_dict() for r in pq.read_table(path).to_pylist()]


def _node_rows(articles: list[dict]) -> list[tuple]:
    out = []
    for a in articles:
        pub = (a.get("published") or "")[:10]
        for seq, d in enumerate(a["actors"]):
            actor = Actor(id=d["id"], name=d["name"], kind=d["kind"], roles=tuple(d.get("roles") or ()),
                          affiliation=d.get("affiliation"))
            node = make_node(0, a["id"], actor)
            out.append((natural_key(node), (pub, a["id"], seq), a["id"], actor))
    return out


def _given_pairs(rows: list[tuple]) -> list[tuple[str, tuple]]:
    out = []
    for _, order, aid, actor in rows:
        node = make_node(0, aid, actor)
        if node.full:
            out.append((node.given_key, (order, actor.name)))
    return out


def _selections(rows: list[tuple], overrides: Sequence[Override]) -> list[tuple[int, int, str]]:
    out = set()
    for key, _, aid, actor in rows:
        node = make_node(0, aid, actor)
        for i, ov in enumerate(overrides):
            if _selects(ov.a, node):
                out.add((i, 0, key))
            if _selects(ov.b, node):
                out.add((i, 1, key))
    return sorted(out)


def joined_blocks(selections: list[tuple[int, int, str]], overrides: Sequence[Override]) -> dict[str, str]:
    """Block -> the block it is joined into by forced overrides (only blocks that move)."""
    sides: dict[int, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for i, side, key in selections:
        sides[i][side].add(key)
    parent: dict[str, str] = {}
    for i, (left, right) in sides.items():
        if overrides[i].action == "force" and left and right:
            keys = sorted(left | right)
            for k in keys[1:]:
                union(parent, keys[0], k)
    return {k: root(parent, k) for k in parent}


def _cluster_block(group, overrides, given) -> list[dict]:
    _, rows = group
    rows = sorted(rows, key=lambda r: r[1])
    nodes = [make_node(i, aid, actor) for i, (_, _, aid, actor) in enumerate(rows)]
    return [c.to_dict() for c in cluster_nodes(nodes, overrides, given)]


def _article_records(group) -> list[tuple]:
    """Stance points and quote items of one article, with its actors' clusters."""
    _, recs = group
    art = next((r[1] for r in recs if r[0] == "art"), None)
    if art is None:
        return []
    cluster_of = {r[1]: r[2] for r in recs if r[0] == "mem"}
    out = []
    pub = art.get("published")
    topics = {t["id"]: t["name"] for t in art.get("topics") or ()}
    for s in art.get("stances") or ():
        cid = cluster_of.get(s["actor"])
        if cid is None:
            continue
        date = s.get("date") or ((pub or "")[:10] or None)
        out.append(("stance", StancePoint(cid, topics.get(s["topic"], s["topic"]), s["stance"], date, art["id"],
                                          s["id"], art.get("site"), tuple(s.get("evidence") or ()),
                                          s.get("because") or "")))
    from ..model import Statement
    for k, sd in enumerate(art.get("statements") or ()):
        st = Statement.from_dict(sd)
        speaker = cluster_of.get(st.speaker.actor) if st.speaker.actor else None
        for seg, text in enumerate(quote_segments(st)):
            out.append(("item", QuoteItem(((pub or "")[:10], art["id"], k, seg), art["id"], st.id, seg, text,
                                          frozenset(), speaker, art.get("site"), pub)))
    return out


def _hashes(item: QuoteItem) -> list[int]:
    return sorted({_hash(b) for b in passage_shingles(item.text)})


def _postings(item: QuoteItem, common: frozenset) -> list[tuple]:
    sh = passage_shingles(item.text)
    if not sh:
        return []
    hashes = sorted({_hash(b) for b in sh})
    n = prefix_length(len(sh))
    ordered = sorted(sh, key=lambda b: (_hash(b) in common, _hash(b), b))
    prefix = {_hash(b) for b in ordered[:n]}
    key = (len(sh), item.order)
    return [(h, (key, h in prefix, tuple(hashes))) for h in hashes]


def _pairs_of(group) -> list[tuple]:
    _, posts = group
    posts = sorted(posts)
    out = []
    for i, (ka, in_prefix, ha) in enumerate(posts):
        if not in_prefix:
            continue
        sa = frozenset(ha)
        for kb, _, hb in posts[i + 1:]:
            if kb > ka and containment(sa, frozenset(hb)) >= QUOTE_CONTAINMENT:
                out.append((ka[1], kb[1]))
    return out


def _cluster_component(group) -> list[dict]:
    _, items = group
    items = [QuoteItem(it.order, it.article_id, it.statement_id, it.segment, it.text, passage_shingles(it.text),
                       it.speaker, it.site, it.published) for it in items]
    return [q.to_dict() for q in cluster_quote_items(items)]


def _write(records: list[dict], folder: str, index: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq
    os.makedirs(folder, exist_ok=True)
    path = Path(folder) / f"part-{index:05d}.parquet"
    tmp = path.with_name(f".{path.name}.tmp")
    table = pa.table({"json": [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]})
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return len(records)


def _write_bag(bag, folder: Path) -> int:
    import dask
    parts = bag.to_delayed()
    counts = dask.compute(*[dask.delayed(_write)(p, str(folder), i) for i, p in enumerate(parts)])
    return sum(counts)


def consolidate_parquet(parquet_dir: str | Path, out_dir: str | Path, *, overrides: Sequence[Override] = (),
                        client=None, partitions: int | None = None) -> dict[str, Any]:
    """Run the job on ``client`` (a ``dask.distributed.Client``; None: the current one or the local scheduler) and
    write the clusters under ``out_dir``; returns the counts."""
    import dask.bag as db

    from ..parquet import part_files
    parts = [str(p) for p in part_files(Path(parquet_dir))]
    out = Path(out_dir)
    if not parts:
        raise FileNotFoundError(f"no Parquet parts (part-*.parquet) in {parquet_dir}")
    nparts = partitions or max(2, len(parts))
    overrides = tuple(overrides)
    articles = db.from_sequence(parts, npartitions=len(parts)).map(_read_part).flatten()
    nodes = articles.map_partitions(_node_rows)
    given_pairs = nodes.map_partitions(_given_pairs).foldby(lambda kv: kv[0], lambda acc, kv: min(acc, kv[1]),
                                                            (("\U0010ffff",), ""), combine=min)
    given_sel = [given_pairs.compute()]
    if overrides:
        given_sel.append(nodes.map_partitions(_selections, overrides).distinct().compute())
    given = {k: v[1] for k, v in given_sel[0]}
    joined = joined_blocks(list(given_sel[1]) if overrides else [], overrides)
    blocks = nodes.map(lambda r: (joined.get(r[0], r[0]), r)).groupby(lambda kr: kr[0], npartitions=nparts)
    clusters = blocks.map(lambda g: (g[0], [r for _, r in g[1]])).map(_cluster_block, overrides, given).flatten()
    clusters = clusters.persist() if hasattr(clusters, "persist") else clusters

    members = clusters.map(lambda c: [(m["article_id"], ("mem", m["actor_id"], c["id"])) for m in c["members"]]
                           ).flatten()
    per_article = db.concat([members, articles.map(lambda a: (a["id"], ("art", a)))])
    records = per_article.groupby(lambda kv: kv[0], npartitions=nparts).map(
        lambda g: (g[0], [v for _, v in g[1]])).map(_article_records).flatten().persist()
    stances = records.filter(lambda r: r[0] == "stance").map(lambda r: r[1].to_dict())
    items = records.filter(lambda r: r[0] == "item").map(lambda r: r[1])
    # bigrams in many passages go last in the prefix order, so that they rarely make a long group
    n_items = items.count().compute()
    floor = max(20, n_items // 1000)
    common = frozenset(h for h, _ in items.map(_hashes).flatten().frequencies().filter(
        lambda kv: kv[1] >= floor).compute())
    pairs = items.map(_postings, common).flatten().groupby(lambda p: p[0], npartitions=nparts).map(
        lambda g: (g[0], [p for _, p in g[1]])).map(_pairs_of).flatten().distinct().compute()
    parent: dict[tuple, tuple] = {}
    for a, b in pairs:
        union(parent, a, b)
    comp = {x: root(parent, x) for x in parent}
    quotes = items.groupby(lambda it: comp.get(it.order, it.order), npartitions=nparts).map(
        _cluster_component).flatten()
    counts = {
        "actor_clusters": _write_bag(clusters, out / "actor_clusters"),
        "quote_clusters": _write_bag(quotes, out / "quote_clusters"),
        "stance_points": _write_bag(stances, out / "stance_points"),
        "quote_pairs": len(pairs),
    }
    return counts


def run_on(address: str, parquet_dir: str | Path, out_dir: str | Path, overrides: Sequence[Override] = ()) -> dict:
    """``consolidate_parquet`` on the scheduler at ``address`` (``tcp://host:8786``), or ``local``/``local:N``
    worker processes started for the run."""
    import logging

    from ..errors import OnrecordError
    from ..executors import parse_dask_address
    from ..parquet import part_files
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise OnrecordError("consolidating Parquet needs the dask extra: pip install 'onrecord[dask]'") from err
    if not part_files(Path(parquet_dir)):
        raise OnrecordError("no Parquet parts (part-*.parquet) here", source=str(parquet_dir))
    target, n = parse_dask_address(address)
    cluster = LocalCluster(n_workers=n or os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None,
                           silence_logs=logging.ERROR) if target == "local" else None
    try:
        with Client(cluster if cluster is not None else target, timeout="30s"):
            return consolidate_parquet(parquet_dir, out_dir, overrides=overrides)
    except OSError as err:
        raise OnrecordError(f"cannot reach the Dask scheduler: {err}", source=target) from err
    finally:
        if cluster is not None:
            cluster.close()


def read_output(out_dir: str | Path) -> tuple[list[ActorCluster], list[QuoteCluster], list[StancePoint]]:
    """The job's clusters read back as records, in ``consolidate()``'s order."""
    import pyarrow.parquet as pq

    def rows(name: str) -> list[dict]:
        out = []
        for p in sorted((Path(out_dir) / name).glob("part-*.parquet")):
            out += [json.loads(r) for r in pq.read_table(p).column("json").to_pylist()]
        return out

    actors = [ActorCluster(d["id"], d["name"], d["kind"], tuple(
        Member(m["article_id"], m["actor_id"], m["name"], m["kind"], tuple(m["roles"]), m["affiliation"],
               m["because"]) for m in d["members"])) for d in rows("actor_clusters")]
    quotes = [QuoteCluster(d["id"], d["text"], d["speaker"], tuple(
        QuoteSource(s["article_id"], s["statement_id"], s["segment"], s["text"], s["site"], s["published"],
                    s["speaker"], s["similarity"], s["because"]) for s in d["sources"])) for d in rows("quote_clusters")]
    stances = [StancePoint(d["cluster"], d["topic"], d["stance"], d["date"], d["article_id"], d["stance_id"], d["site"],
                           tuple(d["evidence"]), d["because"]) for d in rows("stance_points")]
    from . import stance_order
    return sorted(actors, key=cluster_order), sorted(quotes, key=quote_cluster_order), sorted(stances, key=stance_order)
