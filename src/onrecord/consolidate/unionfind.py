"""The one union-find the clustering code uses: a dict of parents (an absent key is its own root) in which the
smaller of two roots stays root, so every set is labelled by its smallest member whatever the order of the unions
(full and incremental runs, and the Dask job, give the same labels)."""

from __future__ import annotations

from typing import Any


def root(parent: dict, x: Any) -> Any:
    """The root of ``x`` (halving the path it walks)."""
    while parent.get(x, x) != x:
        up = parent[x]
        parent[x] = parent.get(up, up)
        x = up
    return x


def union(parent: dict, a: Any, b: Any) -> None:
    """Join the sets of ``a`` and ``b``; the smaller root stays root."""
    ra, rb = root(parent, a), root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
