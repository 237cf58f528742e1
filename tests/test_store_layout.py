"""The store stays in rooms (issue 10): a package of modules under 600 lines, no import cycle through any of them
(imports inside functions count), and the idioms that were written out a dozen times each live in one place
(``store/sql.py``): the WHERE clause, the page, the transaction."""

from __future__ import annotations

import re
from pathlib import Path

from test_nlp_layout import _imports

import onrecord
import onrecord.store

SRC = Path(onrecord.__file__).resolve().parent
STORE = Path(onrecord.store.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    """Every module of onrecord by dotted name (the nlp layout test's helper reads their imports)."""
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def test_the_store_is_a_package_of_short_modules():
    assert STORE.name == "store" and (STORE / "__init__.py").exists()
    assert not (SRC / "store.py").exists() and not (SRC / "store_pg.py").exists()
    long = {p.name: n for p in STORE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_no_import_cycle_runs_through_the_store():
    mods = _modules()
    graph = {m: _imports(m, p, mods) for m, p in mods.items()}
    cyclic = []
    for start in (m for m in graph if m.startswith("onrecord.store")):
        seen, todo = set(), list(graph[start])
        while todo and start not in seen:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        if start in seen:
            cyclic.append(start)
    assert cyclic == []
    assert "onrecord.store" not in graph["onrecord.store.postgres"]  # the dialect needs the schema, not Store


def test_the_repeated_idioms_live_in_one_place():
    text = {p.name: p.read_text(encoding="utf-8") for p in STORE.glob("*.py")}
    assert [n for n, t in text.items() if "' AND '.join" in t or '" AND ".join' in t] == ["sql.py"]
    assert [n for n, t in text.items() if "no_limit if limit is None" in t] == ["sql.py"]
    commits = {n for n, t in text.items() if re.search(r"""execute\(["'](COMMIT|ROLLBACK)""", t)}
    assert commits <= {"sql.py", "sqlite.py", "postgres.py"}, commits
    assert [n for n, t in text.items() if "dialect.begin(" in t] == ["sql.py"]


def test_the_public_api_is_where_it_was():
    from onrecord.store import MIGRATIONS, SCHEMA_VERSION, Store, fts_query, is_database_url

    assert SCHEMA_VERSION == len(MIGRATIONS) and callable(fts_query) and is_database_url("postgresql://x")
    for name in ("add", "add_many", "delete", "has", "get", "count", "ids_with_prefix", "statements", "events",
                 "topics", "stances", "timeline", "actors", "articles", "actor", "counts", "statements_per_day",
                 "fingerprint", "all_articles", "overrides", "add_override", "delete_override", "consolidate",
                 "last_consolidation", "actor_clusters", "quote_clusters", "stance_timeline", "feed_state",
                 "save_feed_state", "seen_feed_item", "record_feed_item", "feeds", "feed_items", "correct_speaker",
                 "corrections", "migrations", "close", "open"):
        assert callable(getattr(Store, name)), name
