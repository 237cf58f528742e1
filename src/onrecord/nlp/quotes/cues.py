"""Which words are cues: the verbs (and, for the phrase rules, nouns and adjectives) that report what someone
said, wrote, believed or knew — the word lists in ``lexicon`` plus the rates learnt from PolNeAR train
(``data/cues.json``, built by ``train_cues``), cut at the thresholds of ``CueThresholds``.

The thresholds are settings of the ``onrecord_quotes`` factory (spaCy ``default_config``) and of ``Options``
(``cue_threshold``, ``strong_cue``, ``strong_seen``), never read from the environment here: a worker on another
host builds the same pipeline from the same options.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from ...config import DEFAULT_CUE_THRESHOLD, DEFAULT_STRONG_CUE, DEFAULT_STRONG_SEEN
from .. import lexicon as lx
from ..syntax import SUBJ, complement, is_animate, subject_token

log = logging.getLogger(__name__)

PREDICATE_REST = {"oprd", "xcomp", "dative", "acomp", "ccomp"}


@dataclass(frozen=True, slots=True)
class CueThresholds:
    """Where a learnt cue rate makes a word a cue."""

    # a verb learnt as a cue at least this often is one with a clause or an infinitive (and, for nouns and
    # adjectives, the rate that lets a learnt word or word + preposition in)
    threshold: float = DEFAULT_CUE_THRESHOLD
    # a verb learnt as a cue at least this often is one with any complement, not only a clause
    strong_cue: float = DEFAULT_STRONG_CUE
    # … when PolNeAR train saw it at least this often (8 → 4: dev F1 69.0 → 69.3; adds 137 rarer verbs and verb +
    # preposition pairs such as "allude", "chide", "deride", "reaffirm", "boast of", "touch on", "slam for")
    strong_seen: int = DEFAULT_STRONG_SEEN


DEFAULT_CUES = CueThresholds()


@functools.lru_cache(maxsize=1)
def learned() -> dict[str, tuple[int, int]]:
    """Cue rates learned from PolNeAR train (``train_cues``): key → (times a cue, times seen)."""
    path = Path(__file__).resolve().parents[2] / "data" / "cues.json"
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["cues"].items()}
    except (OSError, ValueError, KeyError):
        log.warning("learned cue table missing or unreadable at %s; using the word lists only", path)
        return {}


def cue_rate(tok: Token) -> tuple[float, int]:
    """The best learned rate for this verb (alone or with one of its prepositions) and how often it was seen."""
    table = learned()
    lemma = tok.lemma_.lower()
    keys = [f"VERB:{lemma}"] + [f"VERB:{lemma}+{c.lower_}" for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
    h0, n0 = table.get(keys[0], (0, 0))
    rare_alone = n0 >= 30 and h0 / n0 < 0.1  # "win", "go", "give": almost never a cue in news text
    best, seen = 0.0, 0
    for k in keys:
        if k in table:
            h, n = table[k]
            if rare_alone and k != keys[0] and n < 10:
                continue  # a handful of "won … from" in training does not outweigh hundreds of plain "won"
            if h / n > best:
                best, seen = h / n, n
    if not seen and f"VERB:{lemma}" not in table:
        return -1.0, 0  # never a cue in training, or never seen
    return best, seen


def is_cue(tok: Token, cues: CueThresholds) -> bool:
    """A verb that reports speech, writing, belief or knowledge."""
    if tok.pos_ not in {"VERB"}:
        return False
    if tok.tag_ in {"VBN", "VBD"} and tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children):
        return False  # "a philosopher sometimes referred to as …", "a plan known as …": nobody says anything
    lemma = tok.lemma_.lower()
    comp = complement(tok)
    rate, seen = cue_rate(tok)
    if rate >= cues.threshold and (lemma in lx.REPORTING_VERBS or comp is not None or (
            lemma not in lx.ACT_VERBS and any(c.dep_ == "xcomp" for c in tok.children))):
        # a verb learnt as a cue but not a verb of saying ("agree", "offer") reports only a clause
        return True
    if rate >= cues.strong_cue and seen >= cues.strong_seen:
        # mostly a cue in news text whatever follows: "expressed concern", "declined to comment", "pointed to X"
        return True
    if 0 <= rate < 0.1 and seen >= 30:
        return False  # common verb that is almost never a cue in news text ("make", "find" without a clause)
    if lemma in lx.REPORTING_VERBS:
        if lemma in lx.WEAK_CUES:
            if comp is not None:
                return True
            # "called it an “important moment”", "wrote a post": an object counts only for these
            return lemma in {"call", "post", "write"} and any(c.dep_ in {"dobj", "oprd"} for c in tok.children)
        return True
    # the open class: any verb with a finite clausal complement and an animate subject
    if comp is not None and any(t.dep_ in SUBJ or t.dep_ == "mark" for t in comp.children):
        subj = subject_token(tok)
        return subj is not None and is_animate(subj)
    return False


# prepositions that set the time or occasion of the saying, not what was said: "criticized the law as a crazy
# system | during a campaign stop in Flint", "challenged the rules | before 10 judges" (not "in" or "at", which
# often carry content: "endorsed Clinton in the race", "called him a master at bolting deals together")
CIRCUMSTANCE_PREPS = frozenset("during before after since until amid throughout".split())


def predicate_rest(c: Token) -> bool:
    """A complement after the object that is part of what is reported ("blamed X for Y", "described X as Y"), not a
    date ("… last week"), the occasion ("… during a campaign stop", "… since her 2008 bid") or a
    subordinate clause ("… as it was sailing through the Senate", "… when he ran for the White House")."""
    if c.dep_ == "prep":
        if c.lower_ in CIRCUMSTANCE_PREPS and not any(g.dep_ == "pcomp" for g in c.children):
            return False  # a time or occasion; "wants guarantees before signing a ceasefire" is a condition
        return not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    if c.dep_ == "advcl":
        return not any(m.dep_ == "mark" or (m.dep_ == "advmod" and m.tag_ == "WRB") for m in c.children)
    return c.dep_ in PREDICATE_REST


def content_prep(cue: Token, prep: Token, cues: CueThresholds) -> bool:
    """Whether the object of this preposition is what the cue reports: "talked about X", "called for X" (listed),
    "pointed to X", "railed against X" (learnt from PolNeAR train for this verb)."""
    low = prep.lower_
    if low in lx.CONTENT_PREPS:
        return True
    if low not in lx.CONTENT_PREPS_LEARNT:
        return False
    h, n = learned().get(f"VERB:{cue.lemma_.lower()}+{low}", (0, 0))
    return n >= 5 and h / n >= cues.strong_cue  # not "agreed to a ceasefire" (an act, 4 of 12 in train)

