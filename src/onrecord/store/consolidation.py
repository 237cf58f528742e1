"""The record across articles (``onrecord.consolidate``): the user's overrides, the one transaction that recomputes
actor clusters, quote clusters and stance points, and the queries over them."""

from __future__ import annotations

import json
from typing import Any

from .. import (
    consolidate as rules,  # looked up at call time: tests (and plugins) may replace its functions
)
from ..errors import StoreError
from . import consolidation_run as run
from .rows import text_order
from .schema import CONSOLIDATION_LOCK, now
from .sql import Where, limit_value, transaction

# A member of the cluster {cluster} is an actor whose name contains the (folded) parameter.
_SPELLED = ("EXISTS (SELECT 1 FROM actor_cluster_members m2 JOIN actors a2 ON a2.article_id = m2.article_id AND "
            "a2.id = m2.actor_id WHERE m2.cluster_id = {cluster} AND instr(onrecord_fold(a2.name), ?) > 0)")


class ConsolidationMixin:
    def overrides(self) -> list[dict[str, Any]]:
        """The user's merge decisions (``force``/``forbid`` pairs), oldest first."""
        return [dict(r) for r in self.con.execute("SELECT * FROM actor_overrides ORDER BY id")]

    def add_override(self, action: str, a: str, b: str, note: str | None = None) -> tuple[int, bool]:
        """Record a ``force``/``forbid`` decision on a pair of actor selectors; returns (id, newly added).

        The opposite decision on the same pair is replaced (a pair cannot be both forced and forbidden).
        """
        if action not in rules.OVERRIDE_ACTIONS:
            raise StoreError(f"override action must be one of {', '.join(rules.OVERRIDE_ACTIONS)}, not {action!r}",
                             source=self.location)
        a, b = (a or "").strip(), (b or "").strip()
        if not a or not b:
            raise StoreError("an override needs two non-empty actor names or ARTICLE:ACTOR ids",
                             source=self.location)
        if a.casefold() == b.casefold():
            raise StoreError(f"an override needs two different actors, got {a!r} twice", source=self.location)
        a, b = sorted((a, b), key=str.casefold)
        with transaction(self, CONSOLIDATION_LOCK, what="store the override"):
            row = self.con.execute("SELECT id FROM actor_overrides WHERE action = ? AND a = ? AND b = ?",
                                   (action, a, b)).fetchone()
            if row:
                return int(row[0]), False
            self.con.execute("DELETE FROM actor_overrides WHERE a = ? AND b = ?", (a, b))
            oid = self.con.execute("INSERT INTO actor_overrides(action, a, b, note, created_at) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id", (action, a, b, note, now())).fetchone()[0]
            return int(oid), True

    def delete_override(self, override_id: int) -> bool:
        """Remove one override; False if there is none with this id."""
        with transaction(self, CONSOLIDATION_LOCK, what="delete the override"):
            gone = self.con.execute("DELETE FROM actor_overrides WHERE id = ?", (int(override_id),)).rowcount
        return gone > 0

    def consolidate(self, *, full: bool = False) -> dict[str, Any]:
        """Bring actor clusters, quote clusters and stance points up to date with the stored articles and the
        overrides, in one transaction (a failure leaves the previous result in place).

        Incremental by default: only the blocks and quote components that the articles added, replaced or deleted
        since the last run (and overrides added or removed) can change are recomputed (``store.incremental``);
        ``full=True`` rebuilds everything and gives the same clusters.  The first run on a store is full.

        Returns counts, ``mode`` (full | incremental), how much was recomputed, and the overrides that selected no
        stored actor.
        """
        with transaction(self, CONSOLIDATION_LOCK, what="store the consolidation"):
            result = run.full(self) if full else run.incremental(self)
            summary = run.summary(self.con, result)
            self.con.execute(
                "INSERT INTO consolidation_runs(ran_at, articles, actor_clusters, quote_clusters, stance_points) "
                "VALUES (?, ?, ?, ?, ?)", (now(), summary["articles"], summary["actor_clusters"],
                                           summary["quote_clusters"], summary["stance_points"]))
        return summary

    def last_consolidation(self) -> dict[str, Any] | None:
        """The latest consolidation run (when, over how many articles), or None if there has been none."""
        row = self.con.execute("SELECT * FROM consolidation_runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None

    def actor_clusters(self, *, name: str | None = None, kind: str | None = None, merged_only: bool = False,
                       actor_id: str | None = None, cluster_id: str | None = None,
                       members_limit: int | None = None, limit: int | None = None,
                       offset: int = 0) -> list[dict[str, Any]]:
        """Actor clusters with their spellings, article and statement counts, and why each member joined.

        ``name`` is a case-insensitive substring of any spelling; ``merged_only`` keeps clusters that span
        several articles or spellings; ``actor_id`` keeps the clusters that have a member with that actor id;
        ``cluster_id`` the one with that id.  ``members_limit``: ``members_detail`` holds the first this many
        members (``members`` counts them all).
        """
        where = Where(self.dialect)
        if actor_id:
            where.add("c.id IN (SELECT cluster_id FROM actor_cluster_members WHERE actor_id = ?)", actor_id)
        where.equal("c.id", cluster_id)
        if name:
            where.add(_SPELLED.format(cluster="c.id"), where.fold(name))
        where.equal("c.kind", kind)
        having = "HAVING COUNT(DISTINCT m.article_id) > 1 OR COUNT(DISTINCT a.name) > 1" if merged_only else ""
        sql = (
            "SELECT c.id, c.name, c.kind, COUNT(DISTINCT m.article_id) AS articles, COUNT(*) AS members, "
            "(SELECT COUNT(*) FROM actor_cluster_members m3 JOIN statements s ON s.article_id = m3.article_id "
            " AND s.speaker_actor = m3.actor_id WHERE m3.cluster_id = c.id) AS statements, "
            "json_group_array(DISTINCT a.name) AS spellings_json "
            "FROM actor_clusters c JOIN actor_cluster_members m ON m.cluster_id = c.id "
            "JOIN actors a ON a.article_id = m.article_id AND a.id = m.actor_id "
            f"{where} GROUP BY c.id {having} "
            f"ORDER BY articles DESC, statements DESC, c.name, c.id {where.page(limit, offset)}")
        rows = []
        for r in self.con.execute(sql, where.params).fetchall():
            d = dict(r)
            d["spellings"] = sorted(json.loads(d.pop("spellings_json")), key=text_order)
            d["members_detail"] = [dict(m) for m in self.con.execute(
                "SELECT m.article_id, m.actor_id, a.name, a.affiliation, m.because, x.site, x.published "
                "FROM actor_cluster_members m JOIN actors a ON a.article_id = m.article_id AND a.id = m.actor_id "
                "JOIN articles x ON x.id = m.article_id WHERE m.cluster_id = ? ORDER BY m.seq LIMIT ?",
                (d["id"], limit_value(self.dialect, members_limit)))]
            rows.append(d)
        return rows

    def clusters_of(self, actor_id: str, *, limit: int | None = None) -> list[str]:
        """The ids of the actor clusters with a member of this actor id (an index range)."""
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT cluster_id FROM actor_cluster_members WHERE actor_id = ? ORDER BY cluster_id LIMIT ?",
            (actor_id, limit_value(self.dialect, limit)))]

    def cluster_actor_ids(self, cluster_id: str) -> list[str]:
        """The distinct actor ids of a cluster's members, sorted."""
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT actor_id FROM actor_cluster_members WHERE cluster_id = ? ORDER BY actor_id",
            (cluster_id,))]

    def quote_clusters(self, *, speaker: str | None = None, min_sources: int = 1, limit: int | None = 100,
                       offset: int = 0) -> list[dict[str, Any]]:
        """Quote clusters: one quote with every article that carries it (site, date, the text as that outlet has
        it, the similarity and why).  ``speaker`` is a substring of the speaker cluster's name or spellings."""
        where = Where(self.dialect)
        if speaker:
            where.add(_SPELLED.format(cluster="q.speaker_cluster"), where.fold(speaker))
        sql = ("SELECT q.id, q.text, q.speaker_cluster, c.name AS speaker, COUNT(*) AS sources, "
               "COUNT(DISTINCT x.site) AS sites, MIN(x.published) AS first_published "
               "FROM quote_clusters q JOIN quote_cluster_members m ON m.cluster_id = q.id "
               "JOIN articles x ON x.id = m.article_id LEFT JOIN actor_clusters c ON c.id = q.speaker_cluster "
               f"{where} GROUP BY q.id, c.name HAVING COUNT(*) >= ? ")
        where.params.append(int(min_sources))
        sql += f"ORDER BY sources DESC, first_published NULLS FIRST, q.id {where.page(limit, offset)}"
        rows = []
        for r in self.con.execute(sql, where.params).fetchall():
            d = dict(r)
            d["outlets"] = [dict(m) for m in self.con.execute(
                "SELECT m.article_id, m.statement_id, m.segment, x.site, x.published, m.quote_text, m.similarity, "
                "m.because "
                "FROM quote_cluster_members m JOIN articles x ON x.id = m.article_id WHERE m.cluster_id = ? "
                "ORDER BY x.published NULLS FIRST, m.seq", (d["id"],))]
            rows.append(d)
        return rows

    def stance_timeline(self, *, actor: str | None = None, topic: str | None = None, limit: int | None = None,
                        offset: int = 0) -> list[dict[str, Any]]:
        """Stances per actor cluster and topic across articles, in date order; ``changed`` marks a stance that
        differs from the previous one of the same actor on the same topic."""
        where = Where(self.dialect)
        if actor:
            where.add(_SPELLED.format(cluster="p.cluster_id"), where.fold(actor))
        if topic:
            where.add("onrecord_fold(p.topic) = ?", where.fold(topic))
        sql = ("SELECT p.cluster_id, c.name AS actor, p.topic, p.date, p.stance, p.article_id, x.site, "
               "p.stance_id, p.evidence_json, p.because FROM stance_points p "
               "LEFT JOIN actor_clusters c ON c.id = p.cluster_id JOIN articles x ON x.id = p.article_id "
               f"{where} "
               "ORDER BY c.name NULLS FIRST, p.cluster_id, p.topic, p.date IS NULL, p.date, x.published NULLS FIRST, "
               f"p.article_id, p.stance_id {where.page(limit, offset)}")
        rows, last = [], {}
        for r in self.con.execute(sql, where.params):
            d = dict(r)
            d["evidence"] = json.loads(d.pop("evidence_json"))
            key = (d["cluster_id"], d["topic"])
            d["changed"] = key in last and last[key] != d["stance"]
            last[key] = d["stance"]
            rows.append(d)
        return rows
