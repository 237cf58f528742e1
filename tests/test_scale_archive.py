"""The synthetic archive of bench/scale.py (bench/scale_archive.py): fast, on hand-built records."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import itertools

import scale_archive

from onrecord.consolidate.actors import actor_nodes, natural_key
from onrecord.consolidate.names import translit_key
from onrecord.consolidate.quotes import QUOTE_CONTAINMENT
from onrecord.model import Actor, Article, Speaker, Statement

QUOTE = "we will not accept any ceasefire that leaves our soldiers exposed to another winter of attacks"


def _base(aid: str, surname: str) -> Article:
    actors = (Actor(id="a1", name=f"Volodymyr {surname}", kind="person"),
              Actor(id="a2", name="United Nations", kind="organisation"))
    st = Statement(id="s1", kind="direct", content_text=QUOTE, content_spans=((0, len(QUOTE)),), cue=None,
                   speaker=Speaker(f"Volodymyr {surname}", None, "a1", "name"), medium=None,
                   sentence_span=(0, len(QUOTE)))
    return Article(id=aid, text=f"text of {aid}", actors=actors, statements=(st,))


def _bigrams(text: str) -> set:
    w = text.lower().split()
    return set(itertools.pairwise(w))


def _containment(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / min(len(x), len(y))


BASE = [_base("b0", "Zelenskyy"), _base("b1", "Khodorkovsky"), _base("b2", "Lavrov")]


def test_ids_differ_and_dates_move_one_day_per_day():
    arts = list(scale_archive.archive(BASE, 0, 60, per_day=10, outlets=4))
    assert len({a.id for a in arts}) == 60
    assert all(a.id not in {b.id for b in BASE} for a in arts)
    assert arts[0].published == "2025-01-01" and arts[9].published == "2025-01-01"
    assert arts[10].published == "2025-01-02" and arts[59].published == "2025-01-06"
    # lazy and deterministic: a later slice is the same articles as the same indices of a longer run
    assert [a.id for a in scale_archive.archive(BASE, 50, 10, per_day=10)] == [a.id for a in arts[50:]]
    assert list(scale_archive.archive(BASE, 50, 10, per_day=10)) == arts[50:]


def test_respellings_keep_the_blocking_key():
    rng = random.Random(3)
    for word in ("Zelenskyy", "Zelensky", "Khodorkovsky", "Lavrov", "Kuleba", "Medvedev", "Shoigu", "Tikhanovskaya",
                 "Navalny", "Kasparov", "Sullivan", "Blinken"):
        seen = {scale_archive.respell(word, rng) for _ in range(40)}
        assert all(translit_key(v) == translit_key(word) for v in seen), (word, seen)
    assert len({scale_archive.respell("Zelenskyy", rng) for _ in range(40)}) > 1  # it does respell
    assert scale_archive.respell("Zelenskyy", random.Random(0)) != "Zelenskyy" or \
        scale_archive.respell("Zelenskyy", random.Random(1)) != "Zelenskyy"


def test_outlets_of_one_story_share_quotes_and_people():
    # the copies of base b0 in rounds 0..3 are one story (outlets=4): same blocking key, quotes still pair
    copies = [a for a in scale_archive.archive(BASE, 0, 12, outlets=4) if a.id.endswith("-b0")]
    assert len(copies) == 4
    nodes = [n for n in actor_nodes(copies) if n.actor.id == "a1"]
    assert len({natural_key(n) for n in nodes}) == 1
    quotes = [c.statements[0].content_text for c in copies]
    assert all(_containment(quotes[0], q) >= QUOTE_CONTAINMENT for q in quotes)


def test_a_new_story_has_new_people_and_new_quotes():
    arts = list(scale_archive.archive(BASE, 0, 3 * 4 * 8, outlets=4, keep=0.0))
    story0 = [a for a in arts[:12] if a.id.endswith("-b0")]
    later = [a for a in arts[12:] if a.id.endswith("-b0")]  # rounds 4.., stories 1..7
    key0 = translit_key(story0[0].actors[0].name.split()[-1])
    assert all(translit_key(a.actors[0].name.split()[-1]) != key0 for a in later)
    assert len({translit_key(a.actors[0].name.split()[-1]) for a in later}) == 7  # one new person per story
    assert all(_containment(story0[0].statements[0].content_text, a.statements[0].content_text) < QUOTE_CONTAINMENT
               for a in later)
    # non-person actors and the statement's link to its speaker are kept
    assert all(a.actors[1].name == "United Nations" and a.statements[0].speaker.actor == "a1" for a in arts)
