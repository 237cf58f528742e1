"""The reader's queries (the web server and the CLI share them): statements, events, topics, stances, the
timeline, actors, articles, one actor, statements per day.

They return plain dict rows.  User input is only ever bound as a parameter (``sql.Where``); full-text input is
turned into quoted phrases by the dialect (``sqlite.fts_query``, ``postgres.pg_tsquery``) so quotes, dashes or
operators in it cannot raise syntax errors.  Date bounds mean one thing everywhere (``sql.Where.dates``): an ISO
day, month or year, inclusive of all of it.
"""

from __future__ import annotations

import json
from typing import Any

from .rows import event_dict, load_spans, statement_dict, text_order
from .sql import DAY, PARTY, PARTY_IS, NoWords, Where, rank_key

# A search by words alone (SQLite) ranks the most recently stored matches, this many, by relevance (bm25) and
# pages through them: ranking every match of a common word grows with the archive (a word in 7,000 of 100,000
# articles: ~20 ms; the newest 500 of them: ~2 ms).  With any other filter every match is ranked.
SEARCH_WINDOW = 500


def _search_window(table: str) -> str:
    """The rowids and ranks of one page (``LIMIT ? OFFSET ?``) of the best of the SEARCH_WINDOW newest rows of an
    FTS5 table matching ``?``.  Only rowid and rank are read for the window: a stored column (an article's id)
    reads the whole row, the article's text with it (2.4 ms of CPU for 500 articles; their page's ids: 0.8 ms)."""
    return (f"SELECT k_row, k_rank FROM (SELECT rowid AS k_row, rank AS k_rank FROM {table} WHERE {table} MATCH ? "
            f"ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}) ORDER BY k_rank, k_row LIMIT ? OFFSET ?")


# A topic whose name or one of its aliases contains the (folded) parameter (bound twice).
_TOPIC_NAMED = ("(instr(onrecord_fold(t.name), ?) > 0 OR EXISTS (SELECT 1 FROM json_each(t.aliases_json) j "
                "WHERE instr(onrecord_fold(j.value), ?) > 0))")


# What a stance row joins (stances, stance_count): its article and topic, its actor, the actor across articles
# once `consolidate` has run (else the cluster columns are null).
_STANCES_FROM = ("FROM stances s JOIN articles a ON a.id = s.article_id "
                 "JOIN topics t ON t.article_id = s.article_id AND t.id = s.topic_id "
                 "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.actor_id "
                 "LEFT JOIN actor_cluster_members cm ON cm.article_id = s.article_id AND cm.actor_id = s.actor_id "
                 "LEFT JOIN actor_clusters cc ON cc.id = cm.cluster_id")



def _stance_order(by_topic: bool) -> str:
    """The order of stance rows: by actor name, topic and date; or (``by_topic``, the actor page) by topic, date
    (undated last), article, actor id and text order."""
    date = f"COALESCE(s.date, {DAY})"
    if by_topic:
        return f"t.name, COALESCE(NULLIF({date}, ''), '9999'), s.article_id, s.actor_id, s.seq"
    return f"x.name NULLS FIRST, t.name, {date} IS NULL, {date}, a.published NULLS FIRST, s.article_id, s.seq"


class ReaderMixin:
    def statements(self, *, speaker: str | None = None, kind: str | None = None, article_id: str | None = None,
                   search: str | None = None, actor: str | None = None, affiliation: str | None = None,
                   site: str | None = None, since: str | None = None, until: str | None = None,
                   cluster: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Statements as flat rows, filtered; with ``search`` the best FTS matches come first.

        ``speaker`` is a case-insensitive substring of the resolved actor's name or of the speaker mention;
        ``actor`` an actor id (exact: the same id in every article); ``affiliation`` a case-insensitive substring
        of the speaker's party (its affiliation, or the country itself); ``site`` of the outlet; ``since`` and
        ``until`` ISO dates bounding the article's publication date (inclusive; undated articles are left out);
        ``cluster`` keeps the statements whose speaker is a member of that actor cluster (``consolidate``).
        """
        where = Where(self.dialect)
        join = rank = ""
        order = "a.ingested_at, a.id, s.seq"
        if search is not None and search.strip():
            try:
                join, rank = where.fts("statements_fts", "f", search,
                                       on="f.article_id = s.article_id AND f.statement_id = s.id")
            except NoWords:
                return []
            order = rank + ", " + order
        if speaker:
            where.add("(instr(onrecord_fold(s.speaker_name), ?) > 0 OR instr(onrecord_fold(s.speaker_text), ?) > 0)",
                      *[where.fold(speaker)] * 2)
        where.equal("s.kind", kind).equal("s.article_id", article_id).equal("s.speaker_actor", actor)
        if cluster:  # the cluster's members first (an index), then their statements: EXISTS scanned every statement
            where.add("(s.article_id, s.speaker_actor) IN (SELECT m.article_id, m.actor_id FROM actor_cluster_members m "
                      "WHERE m.cluster_id = ?)", cluster)
        where.contains(PARTY, affiliation).outlet_and_days(site, since, until)
        # Filter, order and cut to one page on keys alone, then fetch the page's full rows: the sort then carries
        # a few columns, not every column of every match (a common word matches hundreds of statements).
        searching = bool(join)
        key, rank_dir = rank_key(rank) if searching else ("", "")
        keys = (f"{key} AS k_rank, " if searching else "") + "a.ingested_at AS k_ing, a.id AS k_aid, " \
            "s.id AS k_sid, s.seq AS k_seq"
        outer = (f"p.k_rank{rank_dir}, " if searching else "") + "p.k_ing, p.k_aid, p.k_seq"
        inner = (f"SELECT {keys} FROM statements s JOIN articles a ON a.id = s.article_id "
                 "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
                 f"{join} {where} ORDER BY {order} {where.page(limit, offset)}")
        if actor and not searching and len(where) == 1:
            # a speaker's statements alone (the actor page): a range of statement_speakers' index, in this order,
            # cut to the page before any statement is read (sorting them all by ingest first: 5-200 ms at 100k)
            inner = ("SELECT ss.ingested_at AS k_ing, ss.article_id AS k_aid, ss.statement_id AS k_sid, "
                     "ss.seq AS k_seq FROM statement_speakers ss WHERE ss.actor_id = ? "
                     "ORDER BY ss.ingested_at, ss.article_id, ss.seq LIMIT ? OFFSET ?")
        elif searching and len(where) == 1 and self.dialect.name == "sqlite":
            # words alone: FTS5 ranks the SEARCH_WINDOW most recently stored matches itself, several times faster
            # than through a join (equal ranks in the order stored: the search row's rowid stands for the ingest key)
            inner = ("SELECT p0.k_rank, p0.k_row AS k_ing, g.article_id AS k_aid, g.statement_id AS k_sid, "
                     f"s.seq AS k_seq FROM ({_search_window('statements_fts')}) p0 "
                     "JOIN statements_fts g ON g.rowid = p0.k_row "
                     "JOIN statements s ON s.article_id = g.article_id AND s.id = g.statement_id")
        # rows are keyed by (article id, statement id), the primary key: PostgreSQL has no rowid
        sql = (f"SELECT s.*, a.title AS article_title, a.site AS article_site, a.published AS article_published, "
               f"a.source AS article_source, {PARTY} AS speaker_party FROM ({inner}) p "
               "JOIN statements s ON s.article_id = p.k_aid AND s.id = p.k_sid JOIN articles a ON a.id = s.article_id "
               "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
               f"ORDER BY {outer}")
        return [statement_dict(r) for r in self.con.execute(sql, where.params)]

    def events(self, *, type: str | None = None, actor: str | None = None, article_id: str | None = None,
               actor_id: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events as flat rows, in article and text order, with source and target actors named.

        ``type`` is a PLOVER type (case-insensitive); ``actor`` a case-insensitive substring of the name of a
        source or target actor (or of its id); ``actor_id`` an actor id that is a source or a target (exact).
        """
        where = Where(self.dialect)
        # With an actor id, its events are a range of event_parties (kept at ingest, in this order: the events where
        # it is a source or a target among its article's actors); filtering every event of its articles and sorting
        # them took 10-17 s for a country in 17,000 of 58,605 articles.
        parties = "JOIN event_parties ep ON ep.article_id = e.article_id AND ep.event_id = e.id " if actor_id else ""
        order = "ep.ingested_at, ep.article_id, ep.seq" if actor_id else "a.ingested_at, a.id, e.seq"
        where.equal("ep.actor_id", actor_id)
        where.equal("e.type", type.upper() if type else None).equal("e.article_id", article_id)
        if actor:
            where.add(
                "EXISTS (SELECT 1 FROM json_each(e.sources_json) p JOIN actors x "
                "ON x.article_id = e.article_id AND x.id = p.value WHERE instr(onrecord_fold(x.name), ?) > 0 "
                "OR x.id = ? UNION ALL SELECT 1 FROM json_each(e.targets_json) p JOIN actors x "
                "ON x.article_id = e.article_id AND x.id = p.value WHERE instr(onrecord_fold(x.name), ?) > 0 "
                "OR x.id = ?)", *[where.fold(actor), actor] * 2)
        sql = ("SELECT e.*, a.title AS article_title, a.published AS article_published, a.source AS article_source "
               f"FROM events e {parties}"
               f"JOIN articles a ON a.id = e.article_id {where} "
               f"ORDER BY {order} {where.page(limit, offset)}")
        rows = self.con.execute(sql, where.params).fetchall()
        names = self._actor_names(rows)  # once for the page (per row, it read every row's article again: 12 s)
        return [event_dict(r, names) for r in rows]

    def _actor_names(self, rows) -> dict[tuple[str, str], str]:
        """(article id, actor id) → name for the actors of the articles of ``rows``."""
        names: dict[tuple[str, str], str] = {}
        ids = sorted({r["article_id"] for r in rows})
        for i in range(0, len(ids), 500):  # a few queries for the page (one per article: 20 for 20 events)
            chunk = ids[i:i + 500]
            for x in self.con.execute("SELECT article_id, id, name FROM actors WHERE article_id IN "  # noqa: S608
                                      f"({', '.join(['?'] * len(chunk))})", chunk):
                names[(x["article_id"], x["id"])] = x["name"]
        return names

    def topics(self, *, name: str | None = None, article_id: str | None = None, canonical: str | None = None,
               limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Topics grouped by canonical name across articles: how many articles mention each and how many stances
        are recorded on it, with every label and alias used.  ``name`` is a case-insensitive substring of the name
        or of an alias; ``canonical`` one canonical name, exactly (the topic page: an index lookup, not a scan of
        every topic row's name and aliases)."""
        where = Where(self.dialect)
        if name:
            where.add(_TOPIC_NAMED, *[where.fold(name)] * 2)
        where.equal("t.name", canonical).equal("t.article_id", article_id)
        sql = ("SELECT t.name, COUNT(DISTINCT t.article_id) AS articles, "
               "(SELECT COUNT(*) FROM stances s JOIN topics t2 ON t2.article_id = s.article_id AND t2.id = s.topic_id "
               " WHERE t2.name = t.name) AS stances, "
               "json_group_array(DISTINCT t.label) AS labels_json, "
               "(SELECT json_group_array(DISTINCT j.value) FROM topics t3, json_each(t3.aliases_json) j "
               " WHERE t3.name = t.name) AS aliases_json "
               f"FROM topics t {where} "
               f"GROUP BY t.name ORDER BY articles DESC, stances DESC, t.name {where.page(limit, offset)}")
        rows = []
        for r in self.con.execute(sql, where.params):
            d = dict(r)
            d["labels"] = sorted(json.loads(d.pop("labels_json")), key=text_order)
            d["aliases"] = sorted(json.loads(d.pop("aliases_json")), key=text_order)
            rows.append(d)
        return rows

    def stances(self, *, topic: str | None = None, actor: str | None = None, stance: str | None = None,
                party: str | None = None, article_id: str | None = None, since: str | None = None,
                until: str | None = None, topic_name: str | None = None, actor_id: str | None = None,
                actor_ids: list[str] | None = None, by_topic: bool = False, evidence: bool = True,
                limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stances as flat rows, one per (article, actor, topic), with the evidence text.

        ``topic_name`` (a canonical topic name) and ``actor_id`` are exact filters, for pages keyed by them.

        Rows come grouped by actor name and topic and, within that, in date order (the stance's date, else the
        article's publication date): one actor's positions on one topic across articles read as a timeline.
        ``topic`` matches the topic name or an alias (case-insensitive substring); ``actor`` the actor's name;
        ``party`` the actor's affiliation or, for a country, its name (exact, case-insensitive); ``since``/``until``
        bound the date (ISO, inclusive).  Each row carries ``article_id`` and ``actor_id``, the key a later
        cross-article actor cluster joins on.

        ``actor_ids``: the stances of any of these actor ids (the actor page: a cluster's members); ``by_topic``
        orders by topic, date (undated last), article, actor id and text order instead (the actor page's order).
        ``evidence=False`` leaves ``evidence_text`` and ``evidence_kinds`` None (``with_evidence`` fills them for
        the rows a page shows): every stance of a topic for its matrix and chart, without reading the evidence of
        each.
        """
        where = self._stance_where(topic=topic, actor=actor, stance=stance, party=party, article_id=article_id,
                                   since=since, until=until, topic_name=topic_name, actor_id=actor_id,
                                   actor_ids=actor_ids)
        date = f"COALESCE(s.date, {DAY})"
        order = _stance_order(by_topic)
        sql = ("SELECT s.*, t.name AS topic_name, t.label AS topic_label, x.name AS actor_name, x.kind AS actor_kind, "
               f"x.affiliation AS actor_affiliation, {date} AS row_date, a.title AS article_title, "
               "a.site AS article_site, a.published AS article_published, "
               "cm.cluster_id AS cluster_id, cc.name AS cluster_name "
               f"{_STANCES_FROM} {where} ORDER BY {order} {where.page(limit, offset)}")
        rows = self.con.execute(sql, where.params).fetchall()
        found = _Evidence(self, [(r["article_id"], i) for r in rows for i in json.loads(r["evidence_json"])]) \
            if evidence else None
        return [self._stance_dict(r, found) for r in rows]

    def with_evidence(self, rows: list[dict[str, Any]], *, texts: bool = True) -> list[dict[str, Any]]:
        """Rows of ``stances(evidence=False)`` given ``evidence_kinds`` and (``texts``) ``evidence_text`` as
        ``stances`` gives them (in place; a few queries for all of them)."""
        found = _Evidence(self, [(r["article_id"], i) for r in rows for i in r["evidence"]])
        for r in rows:
            if texts:
                r["evidence_text"] = found.texts(r["article_id"], r["evidence"], r["spans"])
            r["evidence_kinds"] = [found.kind(r["article_id"], i) for i in r["evidence"]]
        return rows

    def evidence_kinds(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``with_evidence`` without the texts (what a chart's marks need)."""
        return self.with_evidence(rows, texts=False)

    def stance_count(self, **filters: Any) -> int:
        """How many rows ``stances(**filters)`` gives without a limit (a page's total)."""
        where = self._stance_where(**filters)
        return self.con.execute(f"SELECT COUNT(*) {_STANCES_FROM} {where}", where.params).fetchone()[0]

    def event_count(self, *, actor_id: str) -> int:
        """How many rows ``events(actor_id=…)`` gives without a limit: a count of an index range."""
        return self.con.execute("SELECT COUNT(*) FROM event_parties WHERE actor_id = ?", (actor_id,)).fetchone()[0]

    def _stance_where(self, *, topic: str | None = None, actor: str | None = None, stance: str | None = None,
                      party: str | None = None, article_id: str | None = None, since: str | None = None,
                      until: str | None = None, topic_name: str | None = None, actor_id: str | None = None,
                      actor_ids: list[str] | None = None) -> Where:
        where = Where(self.dialect)
        if topic:
            where.add(_TOPIC_NAMED, *[where.fold(topic)] * 2)
        if actor:
            where.add("(instr(onrecord_fold(x.name), ?) > 0 OR x.id = ?)", where.fold(actor), actor)
        where.equal("t.name", topic_name).equal("s.actor_id", actor_id)
        if actor_ids is not None:
            where.add(f"s.actor_id IN ({', '.join(['?'] * len(actor_ids)) or 'NULL'})", *actor_ids)
        where.equal("s.stance", stance.lower() if stance else None).party(party).equal("s.article_id", article_id)
        where.dates(f"COALESCE(s.date, {DAY})", since, until)
        return where

    def _stance_dict(self, r, found: "_Evidence | None") -> dict[str, Any]:
        evidence = json.loads(r["evidence_json"])
        spans = [list(x) for x in load_spans(r["spans_json"])]
        return {
            "article_id": r["article_id"],
            "id": r["id"],
            "topic": r["topic_name"],
            "topic_label": r["topic_label"],
            "actor": r["actor_name"] or r["actor_id"],
            "actor_kind": r["actor_kind"],
            "affiliation": r["actor_affiliation"],
            "stance": r["stance"],
            "date": r["row_date"],
            "because": r["because"],
            "evidence": evidence,
            "evidence_text": found.texts(r["article_id"], evidence, spans) if found else None,
            "evidence_kinds": [found.kind(r["article_id"], i) for i in evidence] if found else None,
            "spans": spans,
            "actor_id": r["actor_id"],
            "topic_id": r["topic_id"],
            "article_title": r["article_title"],
            "article_site": r["article_site"],
            "article_published": r["article_published"],
            "cluster_id": r["cluster_id"],
            "cluster_name": r["cluster_name"],
        }

    def timeline(self, *, party: str | None = None, actor: str | None = None, article_id: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int | None = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Dated events and statements in date order: an event's resolved time, else (and for statements) the
        article's publication date; undated rows come last.

        ``party`` keeps rows where a source, target or speaker is affiliated with it or is that country (exact,
        case-insensitive); ``actor`` where one of them has a name containing it; ``since``/``until`` bound the date
        (ISO, inclusive; a month such as ``2025-03`` works as a prefix bound).
        """
        # Each kind is filtered and cut to the first limit + offset rows on its keys alone, then the two are merged
        # and only the page's rows are read in full: the union of every event and statement, with sentence text and
        # party lookups for each, cost 60-550 ms on the BBC corpus.
        ev_date = f"COALESCE(e.time_resolved, {DAY})"
        ev, st = Where(self.dialect), Where(self.dialect)
        ev_parties = ("EXISTS (SELECT 1 FROM json_each(e.sources_json) p JOIN actors x ON x.article_id = e.article_id "
                      "AND x.id = p.value WHERE {cond} UNION ALL SELECT 1 FROM json_each(e.targets_json) p JOIN actors x "
                      "ON x.article_id = e.article_id AND x.id = p.value WHERE {cond})")
        st_parties = "EXISTS (SELECT 1 FROM actors x WHERE x.article_id = s.article_id AND x.id = s.speaker_actor AND {cond})"
        if party:
            ev.add(ev_parties.format(cond=PARTY_IS), *[ev.fold(party)] * 4)
            st.add(st_parties.format(cond=PARTY_IS), *[st.fold(party)] * 2)
        if actor:
            cond = "instr(onrecord_fold(x.name), ?) > 0"
            ev.add(ev_parties.format(cond=cond), *[ev.fold(actor)] * 2)
            st.add(st_parties.format(cond=cond), st.fold(actor))
        if not party and not actor and not article_id:
            return self._timeline_rows(self._timeline_range(since, until, limit, offset))
        ev.equal("e.article_id", article_id).dates(ev_date, since, until)
        st.equal("s.article_id", article_id).dates(DAY, since, until)
        cut = "" if limit is None else f" LIMIT {int(limit) + int(offset):d}"
        def order(date: str, x: str) -> str:  # expressions: PostgreSQL takes an output name only bare in ORDER BY
            return f"{date} IS NULL, {date}, a.published NULLS FIRST, {x}.article_id, {x}.seq"

        events = (f"SELECT 'event' AS what, e.article_id, e.id, e.seq, {ev_date} AS date, a.published AS article_published "
                  f"FROM events e JOIN articles a ON a.id = e.article_id {ev} ORDER BY {order(ev_date, 'e')}{cut}")
        statements = (f"SELECT 'statement' AS what, s.article_id, s.id, s.seq, {DAY} AS date, "
                      "a.published AS article_published FROM statements s JOIN articles a ON a.id = s.article_id "
                      f"{st} ORDER BY {order(DAY, 's')}{cut}")
        # (every subquery named: PostgreSQL before 16 requires it)
        st.params[:0] = ev.params  # the events' parameters come first in the union
        sql = (f"SELECT * FROM (SELECT * FROM ({events}) ev UNION ALL SELECT * FROM ({statements}) st) r "
               "ORDER BY r.date IS NULL, r.date, r.article_published NULLS FIRST, r.article_id, r.what, r.seq "
               f"{st.page(limit, offset)}")
        return self._timeline_rows(self.con.execute(sql, st.params).fetchall())

    def _timeline_range(self, since: str | None, until: str | None, limit: int | None, offset: int) -> list:
        """The timeline's keys without a party or actor filter: a range of ``timeline_keys`` (kept at ingest, in the
        timeline's order; sorting every event and statement took 2.8 s at 100k articles)."""
        where = Where(self.dialect)
        if since or until:
            where.add("k.undated = 0").dates("k.date", since, until)
        sql = ("SELECT k.what, k.article_id, k.id, k.seq, CASE WHEN k.undated = 0 THEN k.date END AS date, "
               f"CASE WHEN k.pub_known = 1 THEN k.pub END AS article_published FROM timeline_keys k {where} "
               "ORDER BY k.undated, k.date, k.pub_known, k.pub, k.article_id, k.what, k.seq "
               f"{where.page(limit, offset)}")
        return self.con.execute(sql, where.params).fetchall()

    def _timeline_rows(self, keys: list) -> list[dict[str, Any]]:
        """The timeline's rows in full, for the page's keys."""
        names = self._actor_names(keys)
        out = []
        for k in keys:
            if k["what"] == "event":
                r = self.con.execute(
                    "SELECT e.type, e.modality, e.sources_json AS who_json, e.targets_json AS whom_json, "
                    "e.trigger_text AS trigger, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
                    "AS text, e.place_text AS place, e.statement_id, a.title AS article_title, a.site AS article_site, "
                    "CASE WHEN e.time_resolved IS NOT NULL THEN 'event time' WHEN a.published IS NOT NULL "
                    "THEN 'published' END AS dated_by FROM events e JOIN articles a ON a.id = e.article_id "
                    "WHERE e.article_id = ? AND e.id = ?", (k["article_id"], k["id"])).fetchone()
            else:
                r = self.con.execute(
                    "SELECT s.kind AS type, NULL AS modality, CASE WHEN s.speaker_actor IS NULL THEN '[]' "
                    "ELSE json_array(s.speaker_actor) END AS who_json, '[]' AS whom_json, s.cue_text AS trigger, "
                    "s.content_text AS text, NULL AS place, NULL AS statement_id, a.title AS article_title, "
                    "a.site AS article_site, CASE WHEN a.published IS NOT NULL THEN 'published' END AS dated_by "
                    "FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND s.id = ?",
                    (k["article_id"], k["id"])).fetchone()
            d = {"what": k["what"], "article_id": k["article_id"], "id": k["id"], "seq": k["seq"], "date": k["date"],
                 "dated_by": r["dated_by"], "type": r["type"], "modality": r["modality"], "trigger": r["trigger"],
                 "text": r["text"], "place": r["place"], "statement_id": r["statement_id"],
                 "article_title": r["article_title"], "article_site": r["article_site"],
                 "article_published": k["article_published"]}
            d["who"] = [names.get((k["article_id"], i), i) for i in json.loads(r["who_json"])]
            d["whom"] = [names.get((k["article_id"], i), i) for i in json.loads(r["whom_json"])]
            out.append(d)
        return out

    def actors(self, *, name: str | None = None, kind: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Actors grouped by (name, kind) across articles, with how many articles and statements they have.

        Read from the summaries kept at ingest (``store/summary.py``): a page is a range of an index on the list's
        order, and each row's smallest id, roles and affiliations a few rows of ``actor_name_facets``."""
        where = Where(self.dialect).equal("p.kind", kind)
        if name:  # fname: the name folded as onrecord_fold folds it, stored beside it
            where.add("instr(p.fname, ?) > 0", where.fold(name))
        sql = ("SELECT p.name, p.kind, p.articles, p.statements FROM actor_names p "
               f"{where} ORDER BY p.statements DESC, p.articles DESC, p.name, p.kind {where.page(limit, offset)}")
        rows = []
        for r in self.con.execute(sql, where.params).fetchall():
            facets: dict[str, list[str]] = {"id": [], "role": [], "affiliation": []}
            for f in self.con.execute("SELECT facet, value FROM actor_name_facets WHERE name = ? AND kind = ? "
                                      "AND n > 0 ORDER BY facet, value", (r["name"], r["kind"])):
                facets[f["facet"]].append(f["value"])
            rows.append({"id": facets["id"][0] if facets["id"] else None, "name": r["name"], "kind": r["kind"],
                         "articles": r["articles"], "statements": r["statements"], "roles": sorted(facets["role"]),
                         "affiliations": sorted(facets["affiliation"])})
        return rows

    def articles(self, *, search: str | None = None, site: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles (metadata and counts, not the text), newest ingest first or best match first.

        ``site`` is a case-insensitive substring of the outlet; ``since``/``until`` bound the publication date.
        """
        where = Where(self.dialect)
        join = rank = ""
        order = "a.ingested_at DESC, a.id"
        if search is not None and search.strip():
            try:
                join, rank = where.fts("articles_fts", "f", search, on="f.article_id = a.id")
            except NoWords:
                return []
            order = rank + ", " + order
        where.outlet_and_days(site, since, until)
        words_only = bool(join) and len(where) == 1 and self.dialect.name == "sqlite"
        if words_only:  # FTS5 ranks the SEARCH_WINDOW newest matches itself, several times faster than a join
            where.page(limit, offset)
            inner = (f"SELECT g.article_id AS k_id, w.k_rank, w.k_row FROM ({_search_window('articles_fts')}) w "
                     "JOIN articles_fts g ON g.rowid = w.k_row")
        else:
            inner = (f"SELECT a.id AS k_id{', ' + rank_key(rank)[0] + ' AS k_rank' if join else ''} "
                     f"FROM articles a {join} "
                     f"{where} ORDER BY {order} {where.page(limit, offset)}")
        sql = (
            # the page's keys first (ordered, cut), then the counts for those rows only
            "SELECT a.id, a.title, a.source, a.site, a.published, a.author, a.ingested_at, "
            "length(a.text) AS chars, "
            "(SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements, "
            "(SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id) AS actors "
            f"FROM ({inner}) p JOIN articles a ON a.id = p.k_id "
            f"ORDER BY {'p.k_rank' + rank_key(rank)[1] + ', ' if join else ''}"
            f"{'p.k_row' if words_only else 'a.ingested_at DESC, a.id'}")
        return [dict(r) for r in self.con.execute(sql, where.params)]

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor across all articles by id: its names, how the articles refer to it, roles, affiliations
        and counts; None when no article has it.  Read from the per-id summaries kept at ingest (a country in
        17,000 of 58,605 articles took 3.9 s to aggregate from its rows)."""
        row = self.con.execute("SELECT articles, statements FROM actor_ids WHERE id = ?", (actor_id,)).fetchone()
        if row is None or not row["articles"]:
            return None
        facets = {f: [dict(r) for r in self.con.execute(
            f"SELECT value, kind, n FROM actor_id_facets WHERE id = ? AND facet = ? AND n > 0 ORDER BY {order}",
            (actor_id, f))] for f, order in (("name", "n DESC, value, kind"), ("role", "value"),
                                             ("affiliation", "value"), ("spelling", "n DESC, value"))}
        names = [{"name": r["value"], "kind": r["kind"], "articles": r["n"]} for r in facets["name"]]
        # How the texts refer to it: the surface form of every mention (names, surnames, "he", roles).
        spellings = [{"spelling": r["value"], "mentions": r["n"]} for r in facets["spelling"]]
        return {"id": actor_id, "name": names[0]["name"], "kind": names[0]["kind"], "names": names,
                "spellings": spellings, "roles": [r["value"] for r in facets["role"]],
                "affiliations": [r["value"] for r in facets["affiliation"]],
                "articles": row["articles"], "statements": row["statements"]}

    def statements_per_day(self, *, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Statement counts per publication day and speaker party (None: no affiliation known), oldest first;
        undated articles are left out."""
        # read from the per-day summary kept at ingest (store/summary.py; grouping every statement: 4 s at 100k)
        where = Where(self.dialect, "d.n > 0").dates("d.day", since, until)
        sql = ("SELECT d.day, CASE WHEN d.known = 1 THEN d.party END AS party, d.n AS statements "
               f"FROM statement_days d {where} "
               "ORDER BY d.day, d.n DESC, CASE WHEN d.known = 1 THEN d.party END NULLS FIRST")
        return [dict(r) for r in self.con.execute(sql, where.params)]


class _Evidence:
    """What the evidence ids of a page of stances name, read in a few queries for the whole page (one query per
    id made the topic page of a topic with 2,000 stances 8,600 queries): each id's statement text or event
    sentence, and an article's text only where a snippet is cut from it."""

    _CHUNK = 400  # pairs per query (two parameters each: well under SQLite's and PostgreSQL's limits)

    def __init__(self, store, pairs: list[tuple[str, str]]):
        self.store = store
        self.statements: dict[tuple[str, str], str] = {}
        self.events: dict[tuple[str, str], tuple[int, int]] = {}
        self._texts: dict[str, str] = {}
        pairs = list(dict.fromkeys(pairs))
        for i in range(0, len(pairs), self._CHUNK):
            chunk = pairs[i:i + self._CHUNK]
            values = ", ".join(["(?, ?)"] * len(chunk))
            params = [x for pair in chunk for x in pair]
            # (a join on the pairs: SQLite scans the table for "(a, b) IN (VALUES …)")
            pairs_cte = f"WITH v(article_id, id) AS (VALUES {values}) "
            for r in store.con.execute(pairs_cte + "SELECT x.article_id, x.id, x.content_text FROM v "  # noqa: S608
                                       "JOIN statements x ON x.article_id = v.article_id AND x.id = v.id", params):
                self.statements[(r[0], r[1])] = r[2]
            for r in store.con.execute(pairs_cte + "SELECT x.article_id, x.id, x.sentence_start, x.sentence_end "  # noqa: S608
                                       "FROM v JOIN events x ON x.article_id = v.article_id AND x.id = v.id", params):
                self.events[(r[0], r[1])] = (r[2], r[3])

    def kind(self, article_id: str, evidence_id: str) -> str | None:
        """"statement" or "event": which record of the article an evidence id names (None: neither)."""
        key = (article_id, evidence_id)
        return "statement" if key in self.statements else "event" if key in self.events else None

    def _text(self, article_id: str) -> str:
        if article_id not in self._texts:
            row = self.store.con.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            self._texts[article_id] = row[0] if row else ""
        return self._texts[article_id]

    def texts(self, article_id: str, ids: list[str], spans) -> list[str]:
        """The evidence as text: a statement's content, an event's sentence (once), else the stance's own spans
        (evidence from narration has spans only)."""
        out: list[str] = []
        for i in ids:
            key = (article_id, i)
            if key in self.statements:
                out.append(self.statements[key])
            elif key in self.events:
                a, b = self.events[key]
                snippet = self._text(article_id)[a:b]
                if snippet not in out:
                    out.append(snippet)
        if not out:
            text = self._text(article_id)
            out = [text[a:b] for a, b in spans]
        return out
