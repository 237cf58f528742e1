"""A synthetic news archive of any size, built from a few hundred extracted records (bench/scale.py).

Article ``i`` of the archive is a perturbed copy of base record ``i % B`` (B base records):

* **ids differ**: ``s{i:07d}-{base id}``, so the store sees one new article per copy;
* **dates move**: ``start + i // per_day`` days, so an archive of N articles covers N / per_day days and the next
  ``per_day`` articles are "one more day";
* **stories**: copies ``k = i // B`` fall into groups of ``outlets`` consecutive rounds (``g = k // outlets``); the
  copies of one group are one story told by several outlets: they **share their quotes** (one word changed in
  some) and their people. A new group is a new story: most person surnames are replaced by a made-up surname
  (a hash of the old one and the group, so it is the same person in every article of the group) and most words of
  each quote are replaced by made-up words, so an archive of 100k articles is not 100k copies of 300 stories;
* **names respelled**: inside a story a person's surname is written in transliteration variants (Zelenskyy,
  Zelensky, Zelenskiy; Khodorkovsky, Hodorkovsky; doubled letters) that ``consolidate.names.translit_key`` folds to
  one key, or cut to the surname alone, as outlets do.

No NLP: the records are dataclasses rewritten with ``dataclasses.replace``. Deterministic for a given seed, and
lazy (a generator), so a driver building a million articles holds only the base records.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta

from onrecord.consolidate.names import translit_key
from onrecord.model import Article

_CONSONANTS = "bdfklmnprstvz"
_VOWELS = "aeiou"
_FILLERS = ("now", "indeed", "also", "still", "again")


def _digest(*parts: object) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest(), "big")


def pseudo_word(seed: int, syllables: int = 3) -> str:
    """A pronounceable made-up word (lower case) drawn from ``seed``."""
    out = []
    for _ in range(syllables):
        seed, c = divmod(seed, len(_CONSONANTS))
        seed, v = divmod(seed, len(_VOWELS))
        out.append(_CONSONANTS[c] + _VOWELS[v])
    return "".join(out)


def _variants(word: str) -> list[str]:
    """Respellings of one surname that outlets use for one person (transliteration of Slavic, Arabic, … names)."""
    low = word.lower()
    out = []
    for a, b in (("yy", "y"), ("y", "iy"), ("iy", "y"), ("y", "yi"), ("ii", "y")):
        if low.endswith(a):
            out.append(word[: len(word) - len(a)] + b)
    for a, b in (("kh", "h"), ("w", "v"), ("v", "w")):
        if a in low[1:]:
            at = low.index(a, 1)
            out.append(word[:at] + b + word[at + len(a):])
    for at in range(1, len(word) - 1):
        if low[at] == low[at + 1]:
            out.append(word[:at] + word[at + 1:])  # a doubled letter written once
            break
    else:
        if len(word) > 3 and low[2] not in _VOWELS:
            out.append(word[:3] + word[2] + word[3:])  # a letter doubled
    return [v for v in out if v != word]


def respell(word: str, rng: random.Random) -> str:
    """One transliteration variant of ``word`` that keeps its blocking key (``translit_key``), or ``word``."""
    key = translit_key(word)
    same = [v for v in _variants(word) if translit_key(v) == key]
    return rng.choice(same) if same else word


def new_surname(surname: str, group: int, seed: int) -> str:
    """The made-up surname that stands for ``surname`` in story ``group``."""
    return pseudo_word(_digest("surname", seed, surname, group)).capitalize() + "ko"


def _person_name(name: str, group: int, rng: random.Random, seed: int, keep: float) -> str:
    words = name.split()
    if not words:
        return name
    surname = words[-1]
    if group and _digest("keep", seed, surname, group) % 1000 >= keep * 1000:
        surname = new_surname(surname, group, seed)
    if rng.random() < 0.3:
        surname = respell(surname, rng)
    if len(words) >= 2 and rng.random() < 0.15:
        return surname  # the surname alone
    return " ".join([*words[:-1], surname])


def _quote(text: str, group: int, rng: random.Random, seed: int) -> str:
    words = text.split()
    if group:  # a new story: most words are new, the same ones for every outlet of the story
        words = [pseudo_word(_digest("word", seed, w, group), 2 + len(w) % 3) if len(w) > 2 and
                 _digest("swap", seed, w, group) % 10 < 7 else w for w in words]
    if words and rng.random() < 0.3:  # one outlet's edit of the shared quote
        words[rng.randrange(len(words))] = rng.choice(_FILLERS)
    return " ".join(words)


def perturbed(base: Article, i: int, *, n_base: int, outlets: int = 4, per_day: int = 1000, seed: int = 1,
              start: date = date(2025, 1, 1), keep: float = 0.3) -> Article:
    """Article ``i`` of the archive, from its base record (see the module docstring). ``keep``: the share of
    surnames a new story keeps from the base record (recurring people)."""
    rng = random.Random(_digest("article", seed, i))
    group = (i // n_base) // outlets
    actors = tuple(replace(a, name=_person_name(a.name, group, rng, seed, keep)) if a.kind == "person" else a
                   for a in base.actors)
    statements = []
    for s in base.statements:
        text = _quote(s.content_text, group, rng, seed)
        statements.append(replace(s, content_text=text, content_spans=((0, len(text)),)))
    day = start + timedelta(days=i // per_day)
    return replace(base, id=f"s{i:07d}-{base.id[:16]}", published=day.isoformat(),
                   site=f"outlet{_digest('site', seed, i) % (8 * outlets)}.example", actors=actors,
                   statements=tuple(statements), warnings=())


def archive(base: Sequence[Article], start: int, n: int, **kw) -> Iterator[Article]:
    """Articles ``start`` … ``start + n - 1`` of the archive built from ``base`` (lazily)."""
    if not base:
        raise ValueError("no base records")
    for i in range(start, start + n):
        yield perturbed(base[i % len(base)], i, n_base=len(base), **kw)
