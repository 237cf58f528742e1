"""Finding the expressions: rules run in windows around their anchor words, the longest accepted match
wins, and each is normalised in text order (so "that day" knows the day named last)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date

from ...model import TimeExpression, content_hash
from .vocab import REACH_AFTER, REACH_BEFORE, RULES, TOKEN, rules_of
from .calendar import Cand
from .relative import Normaliser


def candidates(text: str, published: date | None = None) -> list[Cand]:
    """Non-overlapping candidate spans: every rule's matches that its normaliser accepts, the longest kept where
    they overlap ("a three hour meeting": the set rule refuses "a … hour", the duration rule takes "three hour")."""
    found: list[Cand] = []
    probe = Normaliser(text, published)
    n = len(text)
    hits: dict[str, list[tuple[int, int]]] = {}
    for t in TOKEN.finditer(text):
        for name in rules_of(t.group()):
            hits.setdefault(name, []).append(t.span())
    for name, pat in RULES:
        if name not in hits:
            continue
        norm = getattr(probe, "n_" + name)
        seen: set[int] = set()
        for a0, b0 in _windows(hits[name], n):
            for m in pat.finditer(text, a0, b0):
                if m.end() == b0 and b0 < n:
                    m = pat.match(text, m.start())  # cut by the window: match again without its end
                    if m is None:
                        continue
                a, b = m.span()
                if a in seen:
                    continue
                seen.add(a)
                c = Cand(a, b, name, m)
                probe.at = a
                if norm(c) is not None:
                    found.append(c)
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    out: list[Cand] = []
    for c in found:
        i = bisect_right(taken, (c.start, 10 ** 12))
        if i > 0 and taken[i - 1][1] > c.start:
            continue
        if i < len(taken) and taken[i][0] < c.end:
            continue
        taken.insert(i, (c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _windows(hits: list[tuple[int, int]], n: int) -> Iterator[tuple[int, int]]:
    """Merged [start, end) windows around a rule's anchor hits."""
    cur: list[int] | None = None
    for h0, h1 in hits:
        a, b = max(0, h0 - REACH_BEFORE), min(n, h1 + REACH_AFTER)
        if cur is not None and a <= cur[1]:
            cur[1] = b
            continue
        if cur is not None:
            yield cur[0], cur[1]
        cur = [a, b]
    if cur is not None:
        yield cur[0], cur[1]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    s = text[a:b]
    for suf in ("'s", "’s"):
        if s.endswith(suf):
            b -= 2
            s = s[:-2]
    while b > a and text[b - 1] in " ,":
        b -= 1
    return a, b


def find_times(text: str, published: date | None, *, id_prefix: str = "", tense: str | None = None,
               anchor: date | None = None, anchor_required: bool = False) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in order, with TimeML type and value (resolved against
    ``published`` where the expression is relative; unresolvable parts stay ``X`` as TimeML writes them).

    ``tense`` ('future' / 'past') overrides the tense read from the sentence; ``anchor`` is the day "that day"
    refers to before any day is mentioned (the publication day when None, or nothing with ``anchor_required``).
    """
    norm = Normaliser(text, published, tense=tense, anchor=anchor, anchor_required=anchor_required)
    out: list[TimeExpression] = []
    key = id_prefix or content_hash(text)
    for c in candidates(text, published):
        norm.at = c.start
        got = getattr(norm, "n_" + c.rule)(c)
        if got is None:
            continue
        kind, value = got[:2]
        a, b = _trim(text, c.start, got[2] if len(got) > 2 else c.end)  # a rule may end the expression early
        out.append(TimeExpression(id=content_hash(key, "time", str(a), str(b)), text=text[a:b], span=(a, b),
                                  type=kind, value=value))
    return out
