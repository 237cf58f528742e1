"""The nlp package stays in rooms a newcomer can find (issue 10): no module over 600 lines, components share the
parse helpers through ``nlp.syntax`` rather than each other's private names, and no import cycle among its modules
(imports inside functions count)."""

from __future__ import annotations

import ast
from pathlib import Path

import onrecord.nlp

NLP = Path(onrecord.nlp.__file__).resolve().parent  # the package under test, wherever it is imported from
REPO = Path(__file__).resolve().parent.parent


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(NLP.rglob("*.py")):
        parts = list(p.relative_to(NLP.parent.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    """The modules of ``mods`` that ``name`` imports, anywhere in its body."""
    pkg = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(pkg[:len(pkg) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else (node.module or "")
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if sub in mods else base)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m in mods and m != name}


def test_no_nlp_module_is_over_600_lines():
    long = {str(p.relative_to(NLP)): n for p in NLP.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def cyclic(graph: dict[str, set[str]]) -> list[str]:
    """The modules of ``graph`` (module -> the modules it imports) that reach themselves."""
    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        return False

    return sorted(m for m in graph if reaches(m, m))


def test_no_import_cycle_among_the_nlp_modules():
    mods = _modules()
    assert cyclic({m: _imports(m, p, mods) for m, p in mods.items()}) == []


def test_components_do_not_import_each_others_private_names():
    for p in NLP.rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                private = [a.name for a in node.names if a.name.startswith("_") and a.name != "__version__"]
                assert not private, f"{p.relative_to(NLP)} imports {private} from {node.module}"


def test_the_factories_stay_where_the_entry_points_name_them():
    import tomllib

    from spacy.util import registry

    entry = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]
    for factory, target in entry["spacy_factories"].items():
        module, _, attr = target.partition(":")
        mod = __import__(module, fromlist=[attr])
        assert callable(getattr(mod, attr)), target
        assert registry.factories.get(factory) is not None or factory == "onrecord_paragraphs"
