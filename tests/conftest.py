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


# -- PostgreSQL: tests that take ``store_target`` run on SQLite and on the server .ci/run starts ----------------

PG_ENV = "ONRECORD_TEST_POSTGRES"


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://… (`source .ci/postgres.sh` starts one)")
    return url


@pytest.fixture
def pg_store_url(pg_url):
    """A URL whose search_path is a fresh, empty schema (dropped afterwards), so every test starts clean."""
    import uuid

    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{sep}options=-csearch_path%3D{schema},public"
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path) -> str:
    """Where a store lives: a SQLite file under a fresh folder, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "sub" / "onrecord.db")
    return request.getfixturevalue("pg_store_url")
