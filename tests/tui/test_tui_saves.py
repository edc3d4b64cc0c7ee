"""The resume list: each save says its scenario and seat, where the game stands, and when;
a game with no moves comes last and says so; a damaged save says why; a scenario beside
the saves is not listed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sim.engine import actions as A
from sim.play.launch import list_saves, new_game
from sim.tui.app import make_app
from sim.tui.home.saves import SavesScreen
from tests.record.helpers import autoplay_save
from tests.tui.conftest import DEMO, shown


def _saves(folder: Path) -> dict[str, Path]:
    """A finished game, one two rounds in, one with no moves, and a damaged copy of the
    finished one, each saved a minute apart so the newest-first order is known."""
    finished = autoplay_save(folder, seed=3, name="finished.toml")
    started = new_game(DEMO, A.CONVENER, 5, folder).driver
    for _ in range(2):
        started.submit(A.EndRound())
    started.close()
    empty = new_game(DEMO, A.CONVENER, 6, folder).driver
    empty.close()
    damaged = folder / "damaged.toml"
    shutil.copyfile(finished, damaged)
    text = damaged.read_bytes()
    last = text.rindex(b'seat = "')
    damaged.write_bytes(text[:last] + b'seat = "x' + text[last + len(b'seat = "') :])
    paths = {
        "finished": finished,
        "started": started.saved,
        "empty": empty.saved,
        "damaged": damaged,
    }
    for minute, path in enumerate(paths.values()):
        os.utime(path, (1_800_000_000 + 60 * minute,) * 2)  # type: ignore[arg-type]
    return paths  # type: ignore[return-value]


def test_each_save_says_where_its_game_stands(tmp_path: Path) -> None:
    paths = _saves(tmp_path)
    saves = {s.path: s for s in list_saves(tmp_path)}
    assert tmp_path / "demo.toml" not in saves  # the scenario autoplay read is not a save
    finished, started = saves[paths["finished"]], saves[paths["started"]]
    assert finished.state.startswith("finished · last move in round ")
    assert finished.summary is not None and finished.summary.over
    assert started.state.startswith("in progress · last move in round 2, forming · ")
    assert (
        started.title == "Demo Starter — Office of the Mayor (convener)"
        and "Demo" in finished.title
    )
    assert saves[paths["empty"]].state == "not started: no moves yet"
    assert saves[paths["damaged"]].state.startswith("cannot be resumed: step ")
    assert "checksum" in saves[paths["damaged"]].state
    # Newest first, and the game with no moves after every other.
    order = [s.path for s in list_saves(tmp_path)]
    assert order == [paths["damaged"], paths["started"], paths["finished"], paths["empty"]]


async def test_the_resume_list_shows_seat_round_stage_and_whether_it_ended(
    catalog: Path, tmp_path: Path
) -> None:
    paths = _saves(tmp_path)
    app = make_app(scenarios_folder=catalog, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        text = await shown(pilot, "not started: no moves yet")
        assert isinstance(app.screen, SavesScreen)
        assert "in progress · last move in round 2, forming" in text
        assert "finished · last move in round" in text
        assert "cannot be resumed: step" in text
        for path in paths.values():
            assert path.stem in text
