"""The rules layers stay importable without Textual and do no terminal I/O."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ["scenario", "engine", "scoring", "record"]
FORBIDDEN_MODULES = ("textual", "rich", "sim.tui", "sim.cli", "curses")


def _python_files(layer: str) -> list[Path]:
    return sorted((ROOT / "sim" / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_does_not_import_the_ui(layer: str) -> None:
    for path in _python_files(layer):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN_MODULES), f"{path}: imports {name}"


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_does_no_terminal_io(layer: str) -> None:
    for path in _python_files(layer):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "input"), f"{path}:{node.lineno}"


def test_importing_every_rules_layer_loads_no_textual() -> None:
    layers = [f"sim.{layer}" for layer in LAYERS if (ROOT / "sim" / layer).is_dir()]
    code = (
        "import sys, importlib\n"
        f"for name in {layers!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
