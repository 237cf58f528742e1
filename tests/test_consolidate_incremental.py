"""Incremental consolidation gives the clusters a full rebuild gives (Store.consolidate() vs consolidate(full=True)),
on random stores changed between runs (articles added, deleted, replaced; overrides added and removed) and on the
multi-outlet test set.  Tests taking ``store_target`` run on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.consolidate import consolidate
from onrecord.model import (
    Actor,
    Article,
    LayerWarning,
    Speaker,
    Stance,
    Statement,
    Topic,
)
from onrecord.store import Store

GIVEN = ["Ray", "John", "Peter", "Eleanor", "Volodymyr", "Dmitry", "Mike", "Greta", "J.", "Jon"]
SURNAMES = ["Johnson", "Ray", "Peskov", "Zelensky", "Zelenskyy", "Waltz", "Trump", "Charles", "Smith"]
ORGS = ["Trump", "Kremlin", "the Kremlin", "Reuters", "European Union", "Smith"]
COUNTRIES = ["Russia", "Ukraine", "Russia"]
PHRASES = [
    "we will not accept any ceasefire that rewards the aggressor",
    "let us not get ahead of events",
    "let's not get ahead of events at all",
    "the idea itself is correct and we certainly support it",
    "the idea itself is correct",
    "a ceasefire without guarantees is an invitation to the next war",
    "we are ready to talk",
    "sanctions will stay in place until the troops leave",
]


def _random_article(rng: random.Random, aid: str) -> Article:
    actors = []
    for i in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.45:
            name, kind = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", "person"
        elif r < 0.65:
            name, kind = rng.choice(SURNAMES), "person"
        elif r < 0.85:
            name, kind = rng.choice(ORGS), "organisation"
        else:
            name, kind = rng.choice(COUNTRIES), "country"
        affiliation = rng.choice([None, None, "Kremlin", "White House"]) if kind == "person" else None
        roles = tuple(rng.sample(["spokesman", "president", "minister"], rng.randint(0, 1)))
        actors.append(Actor(id=f"x{i}", name=name, kind=kind, roles=roles, affiliation=affiliation))
    statements = []
    for i in range(rng.randint(0, 4)):
        words = rng.choice(PHRASES).split()
        if rng.random() < 0.4:  # cut or extended: containment decides
            words = words[rng.randint(0, 2):len(words) - rng.randint(0, 2)] + rng.sample(["now", "today"], 1)
        text = " ".join(words)
        if rng.random() < 0.3:
            text = f"“{text},” and “{rng.choice(PHRASES)}”"
        speaker = rng.choice(actors + [None]) if actors else None
        statements.append(Statement(id=f"s{i}", kind="direct", content_text=text, content_spans=((0, len(text)),),
                                    cue=None, speaker=Speaker(speaker.name if speaker else None, None,
                                                              speaker.id if speaker else None, "name"),
                                    medium=None, sentence_span=(0, len(text))))
    topics = (Topic("t1", "ceasefire", "a ceasefire"), Topic("t2", "sanctions", "sanctions"))
    stances = tuple(Stance(f"st{i}", rng.choice(actors).id, rng.choice(["t1", "t2", "t9"]),
                           rng.choice(["support", "oppose"]), date=rng.choice([None, f"2025-03-0{rng.randint(1, 9)}"]))
                    for i in range(rng.randint(0, 2))) if actors else ()
    day = rng.randint(1, 5)
    return Article(id=aid, text=f"text of {aid}", site=rng.choice(["Wire", "Courier", None]),
                   published=rng.choice([f"2025-03-0{day}", f"2025-03-0{day}T10:00:00", None]),
                   actors=tuple(actors), statements=tuple(statements), topics=topics, stances=stances)


def snapshot(store: Store) -> tuple:
    """Every stored consolidation row that a reader sees, in a canonical order."""
    q = lambda sql: sorted((tuple(r) for r in store.con.execute(sql)), key=repr)
    return (q("SELECT id, name, kind FROM actor_clusters"),
            q("SELECT cluster_id, article_id, actor_id, seq, because FROM actor_cluster_members"),
            q("SELECT id, text, speaker_cluster FROM quote_clusters"),
            q("SELECT cluster_id, article_id, statement_id, segment, seq, quote_text, similarity, because "
              "FROM quote_cluster_members"),
            q("SELECT cluster_id, topic, stance, date, article_id, stance_id, evidence_json, because "
              "FROM stance_points"))


def pure(store: Store) -> tuple:
    """The same rows from the pure ``consolidate()`` over the stored articles."""
    result = consolidate(list(store.all_articles()), [
        __import__("onrecord.consolidate", fromlist=["Override"]).Override(o["action"], o["a"], o["b"], id=o["id"])
        for o in store.overrides()])
    from onrecord.store.rows import dump
    sorted_ = lambda rows: sorted(rows, key=repr)
    return (sorted_((c.id, c.name, c.kind) for c in result.actors),
            sorted_((c.id, m.article_id, m.actor_id, i, m.because) for c in result.actors
                    for i, m in enumerate(c.members)),
            sorted_((c.id, c.text, c.speaker) for c in result.quotes),
            sorted_((c.id, s.article_id, s.statement_id, s.segment, i, s.text, s.similarity, s.because)
                    for c in result.quotes for i, s in enumerate(c.sources)),
            sorted_((p.cluster, p.topic, p.stance, p.date, p.article_id, p.stance_id, dump(list(p.evidence)),
                     p.because) for p in result.stances))


def _check(store: Store) -> None:
    incremental = snapshot(store)
    summary = store.consolidate(full=True)
    assert summary["mode"] == "full"
    rebuilt = snapshot(store)
    assert incremental == rebuilt
    assert rebuilt == pure(store)


def _steps(rng: random.Random, store: Store, rounds: int) -> None:
    n = 0
    for _ in range(rounds):
        op = rng.random()
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id")]
        if op < 0.5 or not ids:
            for _ in range(rng.randint(1, 4)):
                n += 1
                art = _random_article(rng, f"a{rng.randint(0, 10**6):07d}-{n}")
                if rng.random() < 0.2:  # stored with W100: the next add of this id replaces it
                    art = replace(art, warnings=(LayerWarning("W100", "quotes", "quotes failed"),))
                store.add(art)
        elif op < 0.65:
            store.delete(rng.choice(ids))
        elif op < 0.8:
            warned = [r[0] for r in store.con.execute("SELECT DISTINCT article_id FROM article_warnings")]
            if warned:
                store.add(_random_article(rng, rng.choice(warned)))  # the fail-soft redo
        elif op < 0.92:
            names = [r[0] for r in store.con.execute("SELECT name FROM actors")] or ["Nobody"]
            action = rng.choice(["force", "forbid"])
            a, b = rng.choice(names), rng.choice(names + ["Someone Else"])
            if rng.random() < 0.3 and ids:
                row = store.con.execute("SELECT article_id, id FROM actors ORDER BY article_id, id").fetchall()
                if row:
                    art, act = rng.choice(row)
                    a = f"{art[:5]}:{act}"
            if a.casefold() != b.casefold():
                store.add_override(action, a, b)
        else:
            ovs = store.overrides()
            if ovs:
                store.delete_override(rng.choice(ovs)["id"])
        summary = store.consolidate()
        assert summary["mode"] == "incremental"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(2, 8))
def test_incremental_equals_full_rebuild_on_random_stores(tmp_path_factory, seed, rounds):
    rng = random.Random(seed)
    with Store(tmp_path_factory.mktemp("inc") / "s.db") as store:
        store.add_many(_random_article(rng, f"seed{i}") for i in range(rng.randint(0, 6)))
        store.consolidate(full=True)
        _steps(rng, store, rounds)
        _check(store)


def test_incremental_equals_full_on_both_databases(store_target):
    rng = random.Random(7)
    store = Store(store_target)
    try:
        store.add_many(_random_article(rng, f"seed{i}") for i in range(8))
        assert store.consolidate()["mode"] == "full"  # the first run on a store
        _steps(rng, store, 12)
        _check(store)
    finally:
        store.close()


def test_an_unchanged_store_recomputes_nothing(tmp_path):
    rng = random.Random(3)
    with Store(tmp_path / "s.db") as store:
        store.add_many(_random_article(rng, f"a{i}") for i in range(10))
        store.consolidate()
        again = store.consolidate()
        assert again["mode"] == "incremental" and again["recomputed_nodes"] == 0
        assert again["recomputed_passages"] == 0


def test_a_new_given_name_reopens_a_surname_block(tmp_path):
    """Rule 4 reads every article's given names: "Ray" alone joins Hugh Ray until someone called Ray appears."""
    def art(aid, day, names):
        return Article(id=aid, text=aid, published=f"2025-03-0{day}",
                       actors=tuple(Actor(f"x{i}", n, "person") for i, n in enumerate(names)))
    with Store(tmp_path / "s.db") as store:
        store.add_many([art("a1", 1, ["Hugh Ray"]), art("a2", 2, ["Ray"])])
        store.consolidate()
        assert len(store.actor_clusters(name="ray")) == 1
        store.add(art("a3", 3, ["Ray Charles"]))  # a block of its own ("charles"), but "ray" is now a given name
        summary = store.consolidate()
        assert summary["mode"] == "incremental"
        rays = store.actor_clusters(name="ray")
        assert sorted(len(c["members_detail"]) for c in rays) == [1, 1, 1]
        inc = snapshot(store)
        store.consolidate(full=True)
        assert snapshot(store) == inc


@pytest.mark.parametrize("full", [False, True])
def test_a_growing_cluster_keeps_its_id(tmp_path, full):
    with Store(tmp_path / "s.db") as store:
        store.add(Article(id="b1", text="b1", published="2025-03-01", actors=(Actor("x0", "Russia", "country"),)))
        store.consolidate()
        (before,) = store.actor_clusters(name="russia")
        store.add(Article(id="c1", text="c1", published="2025-03-02", actors=(Actor("x0", "Russia", "country"),)))
        summary = store.consolidate(full=full)
        (after,) = store.actor_clusters(name="russia")
        assert after["id"] == before["id"] and after["articles"] == 2
        # incremental: a later "Russia" joins its one cluster without reclustering the block
        assert summary["recomputed_nodes"] == (2 if full else 0)
        inc = snapshot(store)
        store.add(Article(id="a0", text="a0", published="2025-02-01", actors=(Actor("x0", "Russia", "country"),)))
        assert store.consolidate()["recomputed_nodes"] == 3  # earlier than the block's nodes: reclustered
        assert snapshot(store) != inc
        inc = snapshot(store)
        store.consolidate(full=True)
        assert snapshot(store) == inc


@pytest.mark.slow
def test_incremental_equals_full_on_the_multi_article_set(nlp, tmp_path):
    """Real records: the multi-outlet test set, stored one article at a time with a run after each, then one
    article deleted and re-added, and an override added — identical to a full rebuild at every step."""
    from pathlib import Path

    from onrecord import ingest
    from onrecord.config import Options
    from onrecord.pipeline import extract_document

    folder = Path(__file__).parent / "data" / "multi" / "articles"
    arts = [extract_document(ingest.read_document(p, max_bytes=ingest.DEFAULT_MAX_BYTES), nlp, Options())
            for p in ingest.iter_paths([folder])]
    with Store(tmp_path / "s.db") as store:
        for art in arts:
            store.add(art)
            store.consolidate()
            inc = snapshot(store)
            store.consolidate(full=True)
            assert snapshot(store) == inc
        assert len(store.quote_clusters(min_sources=2)) >= 2 and store.actor_clusters(merged_only=True)
        store.delete(arts[1].id)
        store.consolidate()
        store.add(arts[1])
        name = arts[0].actors[0].name
        store.add_override("forbid", name, arts[1].actors[0].name if arts[1].actors[0].name != name else "Nobody")
        store.consolidate()
        _check(store)
