"""One fail-soft layer for the onrecord components: a component that fails on an article, or finds the article's
time budget spent, leaves a coded warning on the Doc (``doc._.onrecord_warnings``, W-codes of
``errors.Warnings``) instead of a layer that looks clean and empty; ``pipeline.build_article`` carries the warnings
into ``Article.warnings``, so the store can redo the article on the next ingest and the CLI can count it.

The time budget (``Options.time_budget`` seconds, put on the Doc as ``user_data["onrecord_budget"]`` when it
enters the pipeline) is a per-article deadline on the rule layers: the clock starts when the parsed Doc reaches
the first onrecord component (``clock``) — under ``nlp.pipe`` the parser works on a whole batch before any Doc
goes on, so a deadline set earlier would charge one article for its batch-mates' parse. Components check it
between layers and between passes (``Clock.over``), and what was done by then is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

from ..errors import Warnings
from ..model import LayerWarning

log = logging.getLogger(__name__)

BUDGET = "onrecord_budget"  # Doc.user_data key: seconds the rule layers may take (None/0: no limit)
DEADLINE = "onrecord_deadline"  # Doc.user_data key: time.monotonic() at which they stop

if not Doc.has_extension("onrecord_warnings"):
    Doc.set_extension("onrecord_warnings", default=())

T = TypeVar("T")


class Clock:
    """The article's deadline; ``over()`` is cheap enough to ask in a loop."""

    __slots__ = ("deadline", "budget")

    def __init__(self, deadline: float | None = None, budget: float | None = None):
        self.deadline = deadline
        self.budget = budget

    def over(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline


NO_LIMIT = Clock()


def clock(doc: Doc) -> Clock:
    """The Doc's clock, started at the first call (see the module docstring)."""
    budget = doc.user_data.get(BUDGET)
    if not budget:
        return NO_LIMIT
    deadline = doc.user_data.get(DEADLINE)
    if deadline is None:
        deadline = doc.user_data[DEADLINE] = time.monotonic() + float(budget)
    return Clock(deadline, float(budget))


def warn(doc: Doc, code: str, layer: str, **fields) -> None:
    w = LayerWarning(code=code, layer=layer, message=Warnings.message(code, **fields))
    doc._.onrecord_warnings = tuple(doc._.onrecord_warnings) + (w,)


def out_of_time(doc: Doc, layer: str, skipped: str) -> None:
    """W200: the budget ran out; ``skipped`` says what of ``layer`` was not done ("quotes passes 3-4 not run")."""
    warn(doc, "W200", layer, budget=clock(doc).budget or 0, skipped=skipped)


def run(doc: Doc, code: str, layer: str, work: Callable[[Clock], T], what: str | None = None) -> T | None:
    """``work(clock)`` for one layer of ``doc``: its result; None, with warning ``code`` on the Doc, when it
    raises; None, with W200, when the budget is spent before it starts. One odd article never stops a batch, and
    never passes for a clean one."""
    c = clock(doc)
    if c.over():
        out_of_time(doc, layer, f"{what or 'the ' + layer + ' layer'} not run")
        return None
    try:
        return work(c)
    except Exception as err:  # noqa: BLE001 -- any bug in a rule layer: the layer is missing, the record says so
        log.exception("%s layer failed for a document of %d chars", layer, len(doc.text))
        warn(doc, code, layer, error=f"{type(err).__name__}: {err}"[:300])
        return None
