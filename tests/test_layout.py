"""The whole package stays in rooms a newcomer can find (issue 10): no module in src/onrecord over 600 lines and no
import cycle between any two of its modules, imports inside functions included.  (The nlp and store layout tests
check their own packages' finer rules; this one holds the line everywhere, so a new module cannot regrow a cycle
such as pipeline <-> executors, which executors' taking the function they map removed.)"""

from __future__ import annotations

from pathlib import Path

from test_nlp_layout import _imports, cyclic
from test_store_layout import _modules

import onrecord

SRC = Path(onrecord.__file__).resolve().parent


def test_no_module_in_the_package_is_over_600_lines():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_no_import_cycle_anywhere_in_the_package():
    mods = _modules()
    assert cyclic({m: _imports(m, p, mods) for m, p in mods.items()}) == []


def test_the_cycle_check_sees_a_cycle_through_a_function_level_import(tmp_path):
    # the reader must count an import inside a function (the form the two old cycles hid in)
    (tmp_path / "a.py").write_text("def f():\n    from .b import g\n")
    mods = {"pkg.a": tmp_path / "a.py", "pkg.b": tmp_path / "b.py"}
    (tmp_path / "b.py").write_text("from .a import f\n")
    assert _imports("pkg.a", mods["pkg.a"], mods) == {"pkg.b"}
    assert _imports("pkg.b", mods["pkg.b"], mods) == {"pkg.a"}
