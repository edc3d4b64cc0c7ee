"""`sim autoplay --save`'s recording: the same game as without a save, one line per action."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sim.engine.autoplay import autoplay
from sim.engine.game import Game
from sim.record import SaveError, autoplay_recorded, load_save
from sim.scenario.load import parse_scenario
from tests.record.helpers import STARTER, scenario_file


@pytest.mark.parametrize("policy", ["full", "skip", "random", "greedy"])
def test_recording_does_not_change_the_game(tmp_path: Path, policy: str) -> None:
    out = io.StringIO()
    played = autoplay_recorded(scenario_file(tmp_path), 6, policy, tmp_path / "s.toml", out)
    plain = autoplay(Game(parse_scenario(STARTER)), 6, policy)
    assert played.as_json() == plain.as_json()
    lines = out.getvalue().splitlines()
    save = load_save(tmp_path / "s.toml")
    assert len(lines) == len(save.entries) + 1 == len(plain.session.history) + 1
    for line, entry in zip(lines, save.entries, strict=False):
        assert (
            line == f"step {entry.step} saved: {entry.seat} {entry.action.kind} {entry.hash[:12]}"
        )
    assert lines[-1] == f"saved {tmp_path / 's.toml'}: {len(save.entries)} actions"


def test_a_folder_gets_the_default_name(tmp_path: Path) -> None:
    autoplay_recorded(scenario_file(tmp_path), 1, "full", tmp_path, io.StringIO())
    (saved,) = tmp_path.glob("demo-*.toml")
    assert re.fullmatch(r"demo-\d{8}-\d{6}-convener\.toml", saved.name)


def test_problems_are_save_errors(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match=r"^scenario: cannot read"):
        autoplay_recorded(tmp_path / "none.toml", 1, "full", tmp_path / "s.toml", io.StringIO())
    with pytest.raises(SaveError, match=r"^file: cannot create .*No such file"):
        autoplay_recorded(
            scenario_file(tmp_path), 1, "full", tmp_path / "no" / "s.toml", io.StringIO()
        )
