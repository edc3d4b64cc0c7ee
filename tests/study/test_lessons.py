"""The lessons as contrasts: the statistics, which lessons apply where, and one played
contrast on fixed seeds (deterministic, so it cannot flake; `sim balance --lessons` runs
the full 200 paired seeds)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from sim.engine.game import Game
from sim.scenario.load import load_scenario
from sim.study.contrast import MIN_EFFECT, contrast
from sim.study.lessons import LESSONS, by_id, run_lessons

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _game(name: str) -> tuple[Path, Game]:
    path = SCENARIOS / f"{name}.toml"
    return path, Game(load_scenario(path))


def test_contrast_of_known_pairs() -> None:
    a = [3.0, 5.0, 7.0, 9.0]
    b = [1.0, 2.0, 3.0, 4.0]
    c = contrast("a", a, "b", b)
    diffs = [2.0, 3.0, 4.0, 5.0]
    sd = math.sqrt(sum((x - 3.5) ** 2 for x in diffs) / 3)
    assert c.mean_diff == pytest.approx(3.5)
    assert c.low == pytest.approx(3.5 - 1.96 * sd / 2)
    assert c.high == pytest.approx(3.5 + 1.96 * sd / 2)
    pooled = math.sqrt((20 / 3 + 5 / 3) / 2)
    assert c.d == pytest.approx(3.5 / pooled)
    assert c.emerges


def test_a_contrast_whose_interval_spans_zero_does_not_emerge() -> None:
    c = contrast("a", [1.0, 3.0, 2.0, 4.0], "b", [2.0, 2.0, 3.0, 3.0])
    assert c.low < 0 < c.high
    assert not c.emerges


def test_a_tiny_effect_does_not_emerge_however_sure() -> None:
    a = [100.0 + i for i in range(50)]
    b = [x - 0.5 for x in a]
    c = contrast("a", a, "b", b)
    assert c.low > 0 and abs(c.d) < MIN_EFFECT
    assert not c.emerges


def test_the_six_lessons_have_the_ids_the_command_line_takes() -> None:
    assert [lesson.id for lesson in LESSONS] == [
        "form-perform",
        "group-size",
        "governance-fit",
        "measurement",
        "interests",
        "trust-asymmetry",
    ]
    for lesson in LESSONS:
        assert lesson.source.startswith("docs/sources.md#")


def test_group_size_applies_only_to_a_large_table() -> None:
    _, small = _game("healthy-homes")
    _, flagship = _game("clean-air-compact")
    group_size = by_id(["group-size"])[0]
    assert isinstance(group_size.contrast(small), str)
    arms = group_size.contrast(flagship)
    assert isinstance(arms, tuple)
    assert arms[0].choices is not None and arms[0].choices.steering is True
    assert arms[1].choices is not None and arms[1].choices.steering is False


def test_each_contrast_changes_one_choice() -> None:
    """Arm b differs from arm a in exactly one of the careful convener's choices."""
    from dataclasses import fields

    from sim.engine.bots.convener import Choices

    _, game = _game("clean-air-compact")
    for lesson in LESSONS:
        arms = lesson.contrast(game)
        if isinstance(arms, str):
            continue
        a, b = (arm.choices or Choices() for arm in arms)
        differ = [f.name for f in fields(Choices) if getattr(a, f.name) != getattr(b, f.name)]
        # invite may be set on both (the same table); one more choice differs at most
        assert len([d for d in differ if d != "invite"]) <= 1, (lesson.id, differ)
        assert differ, lesson.id


def test_form_perform_emerges_on_the_small_table_over_fixed_seeds() -> None:
    """Every stage against skipping to performing, on the cumulative result."""
    path, game = _game("healthy-homes")
    [result] = run_lessons(path, game, 40, lessons=by_id(["form-perform"]))
    assert result.result is not None
    assert result.result.n == 40
    assert result.result.low > 0, result.result.line()
    assert result.emerges, result.result.line()


def test_the_group_size_arms_play_differently_on_the_flagship() -> None:
    """The steering arm really names its committee, even when inviting all 48 takes the
    round's time (it names it the next round), and its founding votes come sooner."""
    from sim.engine.autoplay import autoplay
    from sim.engine.notices import SteeringNamed
    from sim.study.metrics import figures

    _, game = _game("clean-air-compact")
    steering, plenary = by_id(["group-size"])[0].contrast(game)  # type: ignore[misc]
    a = autoplay(game, 1, choices=steering.choices).session
    b = autoplay(game, 1, choices=plenary.choices).session
    assert any(isinstance(n, SteeringNamed) for n in a.feed)
    assert not any(isinstance(n, SteeringNamed) for n in b.feed)
    assert figures(a).rounds_to_agree < figures(b).rounds_to_agree
