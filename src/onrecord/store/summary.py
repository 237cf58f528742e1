"""The actor summaries the list and actor pages read, kept up to date in each article's own transaction.

``Store.actors`` (the /actors list, the overview's most quoted) groups every actor row by (name, kind), and
``Store.actor`` every row of one id: on a 58,605-article store the list took 48.7 s and one country's profile
3.9 s.  These tables hold the same aggregates, decomposed per article, so adding an article adds its part and
removing (or replacing) one subtracts exactly what it had added:

========================  ===============================================================================
``actor_names``           per (name, kind): articles with such an actor, statements they are the speaker of
``actor_name_facets``     per (name, kind): how many of its rows have each id, role and affiliation
``actor_ids``             per actor id: articles that have it, statements whose speaker it is
``actor_id_facets``       per actor id: its (name, kind)s, roles, affiliations and spellings, with counts
``event_parties``         one row per (event, source or target actor of its article), in ingest order
``statement_speakers``    one row per statement with a resolved speaker, in ingest order (migration 0016)
``statement_days``        per (publication day, speaker's party): statements (the overview's chart; 0017)
``timeline_keys``         one row per event and statement, in the timeline's order (0017)
========================  ===============================================================================

Every statement here is the reader's own aggregate restricted to one article (``{only}``) or run over all of them
(the backfill of migration 0013), so what the summary says is what the GROUP BY said; a count that reaches zero
takes its row with it.  A hand correction moves a statement to another speaker: ``speaker_changing`` /
``speaker_changed`` take the article's statement counts out and put them back around it (and its
``statement_speakers`` rows).  ``event_parties`` and ``statement_speakers`` reference their article (ON DELETE
CASCADE), so they leave with it.

PostgreSQL writes articles in parallel: two transactions whose articles share an actor update its summary rows in
turn (row locks, held to the commit).  Every statement upserts its rows in key order, and the statements run in
one order, so two such transactions take the locks in the same order and cannot deadlock.
"""

from __future__ import annotations

# The article filter of each statement: one article (a bound id) or, for the backfill, every article.
_ONE = "= ?"


def _spelling(dialect) -> str:
    start, end = dialect.json_int("m.value", 0), dialect.json_int("m.value", 1)
    return f"substr(t.text, {start} + 1, {end} - {start})"


def _counts(dialect, sign: int, only: str) -> list[tuple[str, int]]:
    """(SQL, how many times it binds the article id) that add ``sign`` × the article's part to the four count
    tables (``only``: the article filter, ``= ?`` or an always-true one for the backfill)."""
    s = f"{int(sign):d}"
    return [
        (f"INSERT INTO actor_names(name, kind, fname, articles, statements) "
         f"SELECT a.name, a.kind, onrecord_fold(a.name), {s} * COUNT(DISTINCT a.article_id), {s} * COUNT(s.id) "
         "FROM actors a LEFT JOIN statements s ON s.article_id = a.article_id AND s.speaker_actor = a.id "
         f"WHERE a.article_id {only} GROUP BY a.name, a.kind ORDER BY a.name, a.kind "
         "ON CONFLICT (name, kind) DO UPDATE SET articles = actor_names.articles + excluded.articles, "
         "statements = actor_names.statements + excluded.statements", 1),
        ("INSERT INTO actor_name_facets(name, kind, facet, value, n) "
         f"SELECT f.name, f.kind, f.facet, f.value, {s} * COUNT(*) FROM ("
         f"SELECT a.name, a.kind, 'id' AS facet, a.id AS value FROM actors a WHERE a.article_id {only} "
         f"UNION ALL SELECT a.name, a.kind, 'role', r.value FROM actors a, json_each(a.roles_json) r "
         f"WHERE a.article_id {only} "
         f"UNION ALL SELECT a.name, a.kind, 'affiliation', a.affiliation FROM actors a "
         f"WHERE a.article_id {only} AND a.affiliation IS NOT NULL) f WHERE true "
         "GROUP BY f.name, f.kind, f.facet, f.value ORDER BY f.name, f.kind, f.facet, f.value "
         "ON CONFLICT (name, kind, facet, value) DO UPDATE SET n = actor_name_facets.n + excluded.n", 3),
        ("INSERT INTO actor_ids(id, articles, statements) "
         f"SELECT u.id, {s} * SUM(u.articles), {s} * SUM(u.statements) FROM ("
         f"SELECT a.id, 1 AS articles, 0 AS statements FROM actors a WHERE a.article_id {only} "
         f"UNION ALL SELECT s.speaker_actor, 0, 1 FROM statements s WHERE s.article_id {only} "
         "AND s.speaker_actor IS NOT NULL) u WHERE true GROUP BY u.id ORDER BY u.id "
         "ON CONFLICT (id) DO UPDATE SET articles = actor_ids.articles + excluded.articles, "
         "statements = actor_ids.statements + excluded.statements", 2),
        ("INSERT INTO actor_id_facets(id, facet, value, kind, n) "
         f"SELECT f.id, f.facet, f.value, f.kind, {s} * COUNT(*) FROM ("
         f"SELECT a.id, 'name' AS facet, a.name AS value, a.kind FROM actors a WHERE a.article_id {only} "
         f"UNION ALL SELECT a.id, 'role', r.value, '' FROM actors a, json_each(a.roles_json) r "
         f"WHERE a.article_id {only} "
         f"UNION ALL SELECT a.id, 'affiliation', a.affiliation, '' FROM actors a "
         f"WHERE a.article_id {only} AND a.affiliation IS NOT NULL "
         f"UNION ALL SELECT a.id, 'spelling', {_spelling(dialect)}, '' "
         "FROM actors a JOIN articles t ON t.id = a.article_id, json_each(a.mentions_json) m "
         f"WHERE a.article_id {only}) f WHERE true "
         "GROUP BY f.id, f.facet, f.value, f.kind ORDER BY f.id, f.facet, f.value, f.kind "
         "ON CONFLICT (id, facet, value, kind) DO UPDATE SET n = actor_id_facets.n + excluded.n", 4),
    ]


def _statement_counts(sign: int) -> list[tuple[str, int]]:
    """The two statement counts alone (a correction changes a statement's speaker, nothing else)."""
    s = f"{int(sign):d}"
    return [
        ("INSERT INTO actor_names(name, kind, fname, articles, statements) "
         f"SELECT a.name, a.kind, onrecord_fold(a.name), 0, {s} * COUNT(s.id) "
         "FROM actors a LEFT JOIN statements s ON s.article_id = a.article_id AND s.speaker_actor = a.id "
         "WHERE a.article_id = ? GROUP BY a.name, a.kind ORDER BY a.name, a.kind "
         "ON CONFLICT (name, kind) DO UPDATE SET statements = actor_names.statements + excluded.statements", 1),
        (f"INSERT INTO actor_ids(id, articles, statements) SELECT s.speaker_actor, 0, {s} * COUNT(*) "
         "FROM statements s WHERE s.article_id = ? AND s.speaker_actor IS NOT NULL GROUP BY s.speaker_actor "
         "ORDER BY s.speaker_actor ON CONFLICT (id) DO UPDATE SET statements = actor_ids.statements + excluded.statements", 1),
    ]


def _event_parties(only: str) -> tuple[str, int]:
    # an event's sources and targets that are actors of its article (what events(actor_id=…) filtered on)
    part = ("SELECT e.article_id, e.id, p.value, a.ingested_at, e.seq FROM events e "
            "JOIN articles a ON a.id = e.article_id, json_each(e.{side}) p "
            f"WHERE e.article_id {only} AND p.value IN (SELECT x.id FROM actors x WHERE x.article_id = e.article_id)")
    return ("INSERT INTO event_parties(article_id, event_id, actor_id, ingested_at, seq) "
            + part.format(side="sources_json") + " UNION " + part.format(side="targets_json"), 2)


def _statement_speakers(only: str) -> tuple[str, int]:
    # a speaker's statements in the reader's order (its articles' ingest, then text order): statements(actor=…)
    # reads a range of its index instead of sorting every statement of the speaker by its article's ingest time
    return ("INSERT INTO statement_speakers(article_id, statement_id, actor_id, ingested_at, seq) "
            "SELECT s.article_id, s.id, s.speaker_actor, a.ingested_at, s.seq FROM statements s "
            f"JOIN articles a ON a.id = s.article_id WHERE s.article_id {only} AND s.speaker_actor IS NOT NULL", 1)


# The overview's statements per day and party (Store.statements_per_day), from the reader's own expressions; a
# statement whose speaker has no party counts under known = 0 (a key column cannot be NULL on PostgreSQL).
_DAY = "substr(a.published, 1, 10)"
_PARTY = "coalesce(x.affiliation, CASE WHEN x.kind = 'country' THEN x.name END)"


def _statement_days(sign: int, only: str) -> tuple[str, int]:
    s = f"{int(sign):d}"
    return ("INSERT INTO statement_days(day, known, party, n) "
            f"SELECT {_DAY}, CASE WHEN {_PARTY} IS NULL THEN 0 ELSE 1 END, coalesce({_PARTY}, ''), {s} * COUNT(*) "
            "FROM statements s JOIN articles a ON a.id = s.article_id "
            "LEFT JOIN actors x ON x.article_id = s.article_id AND x.id = s.speaker_actor "
            f"WHERE s.article_id {only} AND {_DAY} IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
            "ON CONFLICT (day, known, party) DO UPDATE SET n = statement_days.n + excluded.n", 1)


def _timeline_keys(only: str) -> tuple[str, int]:
    # the timeline's sort key of every event and statement (Store.timeline: the date, undated last; the article's
    # publication date, undated first; the article; events before statements; text order) as plain columns, so the
    # unfiltered timeline is a range of one index: '' and known = 0 stand for NULL (a NULL sorts first on SQLite,
    # last on PostgreSQL)
    ev_date = f"coalesce(e.time_resolved, {_DAY})"
    return ("INSERT INTO timeline_keys(undated, date, pub_known, pub, article_id, what, seq, id) "
            f"SELECT CASE WHEN {ev_date} IS NULL THEN 1 ELSE 0 END, coalesce({ev_date}, ''), "
            "CASE WHEN a.published IS NULL THEN 0 ELSE 1 END, coalesce(a.published, ''), e.article_id, 'event', "
            f"e.seq, e.id FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id {only} "
            f"UNION ALL SELECT CASE WHEN {_DAY} IS NULL THEN 1 ELSE 0 END, coalesce({_DAY}, ''), "
            "CASE WHEN a.published IS NULL THEN 0 ELSE 1 END, coalesce(a.published, ''), s.article_id, 'statement', "
            f"s.seq, s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.article_id {only}", 2)


# an article's day rows that reached zero (its day is one day: a few rows)
_EMPTY_DAYS = ("DELETE FROM statement_days WHERE n <= 0 AND day IN "
               f"(SELECT {_DAY} FROM articles a WHERE a.id = ?)", 1)


def days_backfill(dialect) -> list[str]:
    """The statement that fills ``statement_days`` from every stored statement (migration 0017)."""
    return [_statement_days(1, "IS NOT NULL")[0], _timeline_keys("IS NOT NULL")[0]]


def speakers_backfill(dialect) -> list[str]:
    """The statement that fills ``statement_speakers`` from every stored statement (migration 0016)."""
    return [_statement_speakers("IS NOT NULL")[0]]


# the rows whose counts reached zero, among the keys one article touches
_EMPTY = (
    ("DELETE FROM actor_names WHERE articles <= 0 AND statements <= 0 AND (name, kind) IN "
     "(SELECT name, kind FROM actors WHERE article_id = ?)", 1),
    ("DELETE FROM actor_name_facets WHERE n <= 0 AND (name, kind) IN "
     "(SELECT name, kind FROM actors WHERE article_id = ?)", 1),
    ("DELETE FROM actor_ids WHERE articles <= 0 AND statements <= 0 AND id IN "
     "(SELECT id FROM actors WHERE article_id = ? UNION SELECT speaker_actor FROM statements "
     "WHERE article_id = ? AND speaker_actor IS NOT NULL)", 2),
    ("DELETE FROM actor_id_facets WHERE n <= 0 AND id IN (SELECT id FROM actors WHERE article_id = ?)", 1),
)


def backfill(dialect) -> list[str]:
    """The statements that fill the summaries from every stored article (migration 0013)."""
    always = "IS NOT NULL"  # every article (article ids are never NULL)
    return [sql for sql, _ in _counts(dialect, 1, always)] + [_event_parties(always)[0]]


def _run(store, statements, article_id: str) -> None:
    for sql, binds in statements:
        store.con.execute(sql, (article_id,) * binds)


def article_added(store, article_id: str) -> None:
    """Add the stored article's part (call once its rows are in, in its transaction)."""
    _run(store, [*_counts(store.dialect, 1, _ONE), _event_parties(_ONE), _statement_speakers(_ONE),
                 _statement_days(1, _ONE), _timeline_keys(_ONE)], article_id)


def article_removing(store, article_id: str) -> None:
    """Take the article's part out (call before its rows go, in the same transaction)."""
    _run(store, [*_counts(store.dialect, -1, _ONE), *_EMPTY, _statement_days(-1, _ONE), _EMPTY_DAYS], article_id)


def speaker_changing(store, article_id: str) -> None:
    """Before a statement of the article changes speaker: its statement counts out."""
    _run(store, [*_statement_counts(-1), ("DELETE FROM statement_speakers WHERE article_id = ?", 1),
                 _statement_days(-1, _ONE)], article_id)


def speaker_changed(store, article_id: str, old_speaker: str | None = None) -> None:
    """After: its statement counts back in, as they now are.  ``old_speaker``: the actor id the statement had, whose
    row may have reached zero though it is no longer a speaker of the article (an id that is no actor of it)."""
    _run(store, [*_statement_counts(1), _statement_speakers(_ONE), _statement_days(1, _ONE), *_EMPTY, _EMPTY_DAYS],
         article_id)
    if old_speaker is not None:
        store.con.execute("DELETE FROM actor_ids WHERE id = ? AND articles <= 0 AND statements <= 0", (old_speaker,))
