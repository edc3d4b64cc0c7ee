"""docs/balance.md explains every policy, figure, warning and lesson `sim balance` prints,
and every document the program points a person to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.cli.balance_view import policy_table
from sim.engine.bots.registry import POLICIES
from sim.study.balance import WARNING_KINDS, PolicySummary, Spread
from sim.study.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "balance.md"
TEXT = DOC.read_text("utf-8")


def _rows(first_cell: str) -> bool:
    return re.search(rf"^\| {re.escape(first_cell)} \|", TEXT, re.MULTILINE) is not None


@pytest.mark.parametrize("lesson", [lesson.id for lesson in LESSONS])
def test_every_lesson_has_a_row(lesson: str) -> None:
    assert _rows(f"`{lesson}`"), f"docs/balance.md has no row for the lesson {lesson}"


@pytest.mark.parametrize("kind", WARNING_KINDS)
def test_every_warning_has_a_row(kind: str) -> None:
    assert _rows(f"`{kind}`"), f"docs/balance.md has no row for the warning {kind}"


@pytest.mark.parametrize("policy", POLICIES)
def test_every_policy_has_a_row(policy: str) -> None:
    assert _rows(f"`{policy}`"), f"docs/balance.md has no row for the policy {policy}"


def test_every_figure_of_the_policy_table_has_a_row() -> None:
    one = Spread.of([1.0])
    summary = PolicySummary("full", 1, one, one, (1.0,), (), (), one, one, (), 1.0, 1.0)
    labels = [str(cell) for cell in policy_table(summary).columns[0].cells]
    assert "result over the game" in labels
    missing = [label for label in labels if not _rows(label)]
    assert not missing, f"docs/balance.md does not explain {missing}"


def _headings(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings."""
    found = set()
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def test_links_into_sources_name_headings_that_exist() -> None:
    anchors = re.findall(r"\(sources\.md#([\w-]+)\)", TEXT)
    assert anchors
    missing = sorted(set(anchors) - _headings(ROOT / "docs" / "sources.md"))
    assert not missing, f"docs/sources.md has no heading for {missing}"


def test_every_document_the_program_names_exists() -> None:
    """A --help or a screen that says 'docs/X.md explains…' points at a real file."""
    named = {
        (source.relative_to(ROOT), doc)
        for source in (ROOT / "sim").rglob("*.py")
        for doc in re.findall(r"docs/[\w-]+\.md", source.read_text("utf-8"))
    }
    assert any(doc == "docs/balance.md" for _, doc in named)
    missing = sorted((str(src), doc) for src, doc in named if not (ROOT / doc).is_file())
    assert not missing, f"named but missing: {missing}"
