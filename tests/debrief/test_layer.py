"""The debrief is a rules-side layer: no Textual, and no terminal output.

The command line (`sim.cli.debrief`) is what opens the viewer, so importing any debrief
module never loads Textual.
"""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

FOLDER = ROOT / "sim" / "debrief"
FORBIDDEN = ("textual", "rich", "sim.tui", "curses")


def test_no_module_level_ui_imports_and_no_print() -> None:
    for path in sorted(FOLDER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.startswith(FORBIDDEN) for n in names), f"{path.name}: {names}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "input"), f"{path.name}:{node.lineno}"


def test_importing_every_debrief_module_loads_no_textual() -> None:
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in sorted(FOLDER.rglob("*.py"))
    ]
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
