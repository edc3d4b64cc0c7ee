"""Opening a save in the viewer: the first frame comes from the header and an entry count,
the replay runs behind a progress bar, and a save found damaged on the way is reported and
never replayed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from sim.cli.parser import main
from sim.record.reader import glance, load_save
from sim.tui.app import CommonTableApp, make_app, open_replay_app
from sim.tui.home.home import HomeScreen
from sim.tui.messages import OpenDebrief
from sim.tui.replay.opening import Opening, OpeningScreen
from sim.tui.replay.screen import ReplayScreen


async def until(pilot: object, ready: object) -> None:
    """Pause the app until `ready()` holds: the screen shows it, no fixed sleep."""
    for _ in range(2000):
        if ready():  # type: ignore[operator]
            return
        await pilot.pause()  # type: ignore[attr-defined]
    raise AssertionError("the viewer never got there")


def test_glance_counts_the_entries_and_checks_the_header(seminar: dict[str, Path]) -> None:
    seen = glance(seminar["a"])
    save = load_save(seminar["a"])
    assert seen.steps == len(save.entries)
    assert seen.header == save.header


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_first_frame_then_the_viewer(
    seminar: dict[str, Path], size: tuple[int, int]
) -> None:
    path = seminar["a"]
    seen = glance(path)
    app = open_replay_app(Opening(path, seen, step=3))
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, OpeningScreen)
        what = str(app.screen.query_one("#opening-what", Static).content)
        assert (
            what
            == f"{seen.header.scenario.title} · seed {seen.header.seed} · {seen.steps} actions recorded"
        )
        assert app.screen.query_one(ProgressBar).total == seen.steps
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.step == 3
        assert app.replay_problem is None
        await pilot.press("escape")
    assert app.return_code == 0


# What the reader says of an entry changed after it was written (a format-3 save's entries
# are bound to its header, so the message names that too).
DAMAGED = (
    "checksum does not match: the entry was changed after it was written, "
    "or the scenario, seats, seed or rules it is bound to were changed"
)


def _damaged(path: Path, tmp_path: Path) -> Path:
    """The save with one entry's bytes flipped: the header is intact, step 5 is not."""
    data = bytearray(path.read_bytes())
    at = [m.start() for m in re.finditer(rb"\n\[\[actions\]\]\n", bytes(data))][4]
    at += len('\n[[actions]]\nstep = 5\nseat = "conv')
    data[at] ^= 0x20
    damaged = tmp_path / "damaged.toml"
    damaged.write_bytes(bytes(data))
    return damaged


async def test_a_damaged_entry_is_reported_not_replayed(
    seminar: dict[str, Path], tmp_path: Path
) -> None:
    path = _damaged(seminar["a"], tmp_path)
    app = open_replay_app(Opening(path, glance(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, OpeningScreen)
        await until(pilot, lambda: app.replay_problem is not None)
        said = str(screen.query_one("#opening-status", Static).content)
        assert said.startswith("Cannot replay damaged.toml: step 5: checksum does not match")
        assert not screen.query_one(ProgressBar).display
        assert app.replay_problem == f"{path}: step 5: {DAMAGED}"
        assert not any(isinstance(s, ReplayScreen) for s in app.screen_stack)
        await pilot.press("escape")


def test_sim_replay_prints_the_damage_and_exits_1(
    seminar: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _damaged(seminar["a"], tmp_path)
    seen: list[CommonTableApp] = []

    async def headless(app: CommonTableApp) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.replay_problem is not None)
            await pilot.press("escape")

    def run(self: CommonTableApp, *args: object, **kwargs: object) -> None:
        import asyncio

        seen.append(self)
        asyncio.run(headless(self))

    monkeypatch.setattr(CommonTableApp, "run", run)
    assert main(["replay", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err == f"sim: {path}: step 5: {DAMAGED}\n"
    assert len(seen) == 1


def test_sim_replay_refuses_a_step_beyond_the_save(
    seminar: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    steps = glance(seminar["a"]).steps
    assert main(["replay", str(seminar["a"]), "--step", str(steps + 1)]) == 2
    assert f"the save has steps 0-{steps}" in capsys.readouterr().err


async def test_from_home_the_viewer_opens_the_same_way_and_escape_comes_back(
    seminar: dict[str, Path], tmp_path: Path
) -> None:
    app = make_app(scenarios_folder=tmp_path, saves_folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(OpenDebrief(seminar["a"]))
        await until(pilot, lambda: isinstance(app.screen, OpeningScreen | ReplayScreen))
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_from_home_a_damaged_header_is_a_notice(
    seminar: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "edited.toml"
    path.write_text(seminar["a"].read_text("utf-8").replace("seed = ", "seed = 1", 1), "utf-8")
    app = make_app(scenarios_folder=tmp_path, saves_folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(OpenDebrief(path))
        await until(pilot, lambda: bool(app.toasts))
        assert app.toasts[-1].startswith("Cannot replay edited.toml: header: checksum")
        assert isinstance(app.screen, HomeScreen)
