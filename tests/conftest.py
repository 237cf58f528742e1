"""Shared fixtures: one spaCy model per test session; paths to ../shared data that skip cleanly when absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
EXAMPLE = SHARED / "examples" / "ceasefire-talks.txt"
EVAL_DATA = SHARED / "eval-data"


@pytest.fixture(scope="session")
def nlp():
    from onrecord.nlp import load_nlp

    return load_nlp(None)


@pytest.fixture(scope="session")
def example_path() -> Path:
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE}")
    return EXAMPLE


@pytest.fixture(scope="session")
def eval_data() -> Path:
    if not EVAL_DATA.is_dir():
        pytest.skip(f"eval data not found at {EVAL_DATA} (set ONRECORD_SHARED)")
    return EVAL_DATA
