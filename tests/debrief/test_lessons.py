"""Every quote the debrief prints is its source's own words, found verbatim in docs/sources.md
(and in the article's own text, where the design folder's copies sit beside the repository),
and every citation the product makes points at a section that page has."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sim.debrief.moments.lessons import LESSONS, real_cases
from sim.scoring import sources
from sim.scoring.sources import ARTICLES, Article
from tests.conftest import ROOT

DOC = ROOT / "docs" / "sources.md"
CITED = re.compile(r"docs/sources\.md#([\w-]+)")


def seeds_folder() -> Path | None:
    """$SIM_SEEDS, else the shared seeds beside the repository (where the design lives)."""
    for candidate in (os.environ.get("SIM_SEEDS"), ROOT.parent / "shared" / "seeds"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def folded(text: str) -> str:
    return " ".join(text.split())


def anchor(heading: str) -> str:
    """The anchor a Markdown heading gets, as GitHub makes it."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def anchors() -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    return {anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}


QUOTES = [(f"lesson {lesson.id}", lesson.source, lesson.quote) for lesson in LESSONS.values()] + [
    (f"case {case.id}", case.source, case.quote) for case in real_cases()
]


@pytest.mark.parametrize(("what", "source", "quote"), QUOTES, ids=[q[0] for q in QUOTES])
def test_quote_is_in_docs_sources_and_its_article(what: str, source: Article, quote: str) -> None:
    assert folded(quote) in folded(DOC.read_text(encoding="utf-8")), (
        f"{what}: not found word for word in docs/sources.md"
    )
    folder = seeds_folder()
    if folder is not None:  # the articles' text is not in the repository, only beside it
        text = folded((folder / source.seed).read_text(encoding="utf-8"))
        assert folded(quote) in text, f"{what}: not found word for word in {source.seed}"


def test_every_citation_points_at_a_section_of_docs_sources() -> None:
    sections = anchors()
    cited = {a.anchor for a in ARTICLES}
    for name, value in vars(sources).items():
        if name.isupper() and isinstance(value, str):
            cited |= set(CITED.findall(value))
    for path in sorted((ROOT / "sim").rglob("*")):
        if path.suffix in (".py", ".toml"):
            cited |= set(CITED.findall(path.read_text(encoding="utf-8")))
    assert cited, "no citation found: the search is broken"
    assert cited <= sections, f"cited but not on docs/sources.md: {sorted(cited - sections)}"


def test_no_citation_points_outside_the_repository() -> None:
    for path in sorted((ROOT / "sim").rglob("*")):
        if path.suffix in (".py", ".toml"):
            text = path.read_text(encoding="utf-8")
            for outside in ("seeds/", "SOURCES.md", "../shared"):
                assert outside not in text, f"{path.relative_to(ROOT)} cites {outside}"


def test_the_design_briefs_two_real_cases_are_there() -> None:
    names = {case.name for case in real_cases()}
    assert any("Newark" in n for n in names)
    assert any("Minneapolis" in n for n in names)
    newark = next(c for c in real_cases() if c.id == "newark")
    assert "shared measurable indicators" in newark.quote
