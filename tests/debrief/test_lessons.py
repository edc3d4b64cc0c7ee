"""Every quote the debrief prints is the seed's own words, found in the named seed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.debrief.moments.lessons import LESSONS, real_cases
from tests.conftest import ROOT


def seeds_folder() -> Path | None:
    """$SIM_SEEDS, else the shared seeds beside the repository (where the design lives)."""
    for candidate in (os.environ.get("SIM_SEEDS"), ROOT.parent / "shared" / "seeds"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seeds() -> Path:
    folder = seeds_folder()
    if folder is None:
        pytest.skip("the seed files are not here (set SIM_SEEDS to their folder)")
    return folder


QUOTES = [(f"lesson {lesson.id}", lesson.seed, lesson.quote) for lesson in LESSONS.values()] + [
    (f"case {case.id}", case.seed, case.quote) for case in real_cases()
]


@pytest.mark.parametrize(("what", "seed", "quote"), QUOTES, ids=[q[0] for q in QUOTES])
def test_quote_is_in_its_seed(seeds: Path, what: str, seed: str, quote: str) -> None:
    text = folded((seeds / seed).read_text(encoding="utf-8"))
    assert folded(quote) in text, f"{what}: not found word for word in {seed}"


def test_the_design_briefs_two_real_cases_are_there() -> None:
    names = {case.name for case in real_cases()}
    assert any("Newark" in n for n in names)
    assert any("Minneapolis" in n for n in names)
    newark = next(c for c in real_cases() if c.id == "newark")
    assert "shared measurable indicators" in newark.quote
