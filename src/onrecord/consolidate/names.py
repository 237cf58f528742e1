"""Name keys: the folding and transliteration that make one actor's spellings equal (module docstring of
``onrecord.consolidate``, rule 2)."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

HONORIFICS = frozenset("""mr mrs ms miss dr prof sir dame lord lady gen col capt lt sgt rev sen rep gov pres president
senator governor secretary minister prime chancellor mayor ambassador judge justice""".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())


def fold_text(text: str) -> str:
    """ASCII, case-folded, possessive and punctuation dropped, single spaces: "Zelenskyy’s" → "zelenskyy"."""
    t = anyascii(text).casefold()
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


# names and affiliations recur (every rule reads them again): fold them once; long texts go through fold_text
fold = lru_cache(maxsize=1 << 17)(fold_text)


_ENDINGS = re.compile(r"(?:yy|iy|ii|yi|ij|yj|ei|y)$")


@lru_cache(maxsize=1 << 17)
def translit_key(word: str) -> str:
    """A key that is equal for the usual English transliterations of one Slavic name (see module docstring)."""
    w = fold(word).replace(" ", "")
    w = _ENDINGS.sub("i", w)
    w = w.replace("kh", "h").replace("g", "h").replace("w", "v").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and suffixes: "Sir Keir Starmer" → ["keir", "starmer"]."""
    words = fold(name).split()
    while words and words[0] in HONORIFICS | {"the"}:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words
