"""The rules layers stay importable without Textual and do no terminal I/O, and no import
cycle joins any two `sim` modules.

The import contracts in pyproject.toml (`lint-imports`) check the same layering statically;
these tests check it at run time too, where a lazy import or a re-export would show.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

LAYERS = ["scenario", "engine", "scoring", "record", "lint", "play", "debrief"]
FORBIDDEN_MODULES = ("textual", "rich", "sim.tui", "sim.cli", "curses")


# The one cycle left, and only while the TUI is being rewritten (issue 10): the app imports
# its screens and the palette, which import the app back. Screens will post messages up
# instead; then this set goes. The test fails when a cycle reaches beyond it, and when a
# module here is no longer in a cycle, so the set can only shrink.
def _python_files(layer: str) -> list[Path]:
    return sorted((ROOT / "sim" / layer).rglob("*.py"))


def _modules(layer: str) -> list[str]:
    """Every module of a layer, subpackages included, by its dotted name."""
    names = []
    for path in _python_files(layer):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


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


# Imports each module in turn in a fresh interpreter and names the first that brings in a
# forbidden package; importing the package alone proves nothing, as `__init__` files load
# their names lazily.
_IMPORT_EACH = """
import importlib, json, sys
modules, roots = json.loads(sys.argv[1]), sys.argv[2:]
for name in modules:
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if any(m == r or m.startswith(r + ".") for r in roots))
    assert not bad, f"importing {name} loads {', '.join(bad[:5])}"
"""
RUNTIME_FORBIDDEN = ("textual", "rich", "sim.tui", "sim.cli")


def import_each(modules: list[str], forbidden: tuple[str, ...]) -> str | None:
    """None when importing every module loads none of `forbidden`, else what did."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, json.dumps(modules), *forbidden],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("layer", LAYERS)
def test_importing_every_module_of_a_rules_layer_loads_no_textual(layer: str) -> None:
    modules = _modules(layer)
    assert len(modules) > 1, f"sim.{layer} has no modules to import"
    problem = import_each(modules, RUNTIME_FORBIDDEN)
    assert problem is None, problem


def test_the_import_check_sees_past_a_lazy_init() -> None:
    """`sim.scoring`'s `__init__` loads its names lazily, and its modules use numpy: walking
    the modules is what lets the check see an import the package itself hides."""
    assert "loads numpy" in (import_each(_modules("scoring"), ("numpy",)) or "")


def _cycles(graph: grimp.ImportGraph) -> Iterator[set[str]]:
    """The import graph's strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(module: str) -> Iterator[set[str]]:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                yield from visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                yield component

    for module in sorted(graph.modules):
        if module not in index:
            yield from visit(module)


def test_no_import_cycle_joins_sim_modules() -> None:
    graph = grimp.build_graph("sim", cache_dir=None)
    cycles = [sorted(c) for c in _cycles(graph)]
    assert not cycles, "import cycles among sim modules:\n" + "\n".join(
        " <-> ".join(c) for c in cycles
    )
