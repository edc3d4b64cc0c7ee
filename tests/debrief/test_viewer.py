"""The debrief viewer, driven by a Pilot: stepping, jumping, panes, notes and what-ifs."""

from __future__ import annotations

import argparse
import gc
import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

from sim.cli.debrief import add_commands
from sim.debrief.debrief import Debrief
from sim.record.reader import load_save
from sim.tui.app import CommonTableApp, make_replay_app
from sim.tui.replay.dialogs import PickDialog, TextDialog
from sim.tui.replay.screen import ReplayScreen
from sim.tui.replay.timeline import TimelineView

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_of(app: CommonTableApp) -> ReplayScreen:
    assert isinstance(app.screen, ReplayScreen)
    return app.screen


def plain(static: Static) -> str:
    """What a Static holds, as plain text (Rich renderables rendered 120 columns wide)."""
    console = Console(width=120, record=True, file=io.StringIO())
    content = static.content
    console.print(content if not isinstance(content, str) else Text(content))
    return console.export_text()


def status(app: CommonTableApp) -> str:
    return str(app.screen.query_one("#replay-status", Static).content)


@pytest.mark.parametrize("size", SIZES)
async def test_opens_at_the_end_and_steps_back_and_forth(
    seminar: dict[str, Path], size: tuple[int, int]
) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        n = debrief.steps
        assert status(app).startswith(f"Step {n}/{n} · adjourning")
        await pilot.press("left", "left")
        assert screen_of(app).step == n - 2
        assert app.screen.query_one(TimelineView).step == n - 2
        assert status(app).startswith(f"Step {n - 2}/{n}")
        await pilot.press("up")  # the timeline has focus: up is a step back too
        assert screen_of(app).step == n - 3
        await pilot.press("home")
        assert screen_of(app).step == 0
        await pilot.press("right", "down", "pagedown")
        assert screen_of(app).step == 12
        await pilot.press("end")
        assert screen_of(app).step == n


async def test_jumps_to_stages_moments_and_any_step(seminar: dict[str, Path]) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief, step=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        storming = next(p for p in debrief.timeline.phases if p.stage == "storming")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.step == storming.first
        await pilot.press("left_square_bracket")
        assert screen.step == 1
        await pilot.press("m")
        first = debrief.moments[0]
        assert screen.step == first.step
        assert f"★ M1 {first.title}" in status(app)
        await pilot.press("g")
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"norming", "enter")
        norming = next(p for p in debrief.timeline.phases if p.stage == "norming")
        assert screen.step == norming.first
        await pilot.press("g", *"M2", "enter")
        assert screen.step == debrief.moments[1].step
        await pilot.press("g", *"17", "enter")
        assert screen.step == 17
        await pilot.press("g", *"nowhere", "enter")
        assert screen.step == 17


async def test_the_loaded_save_is_kept_from_the_collector_until_the_viewer_closes(
    seminar: dict[str, Path],
) -> None:
    """A full collection walking a long replay stalled a seek by ~150 ms (`make bench`)."""
    app = make_replay_app(Debrief.open(seminar["a"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0
        await pilot.press("escape")
        await settle(pilot)
    assert gc.get_freeze_count() == 0


async def test_every_pane_draws(seminar: dict[str, Path]) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief, compare=[seminar["b"], seminar["c"]])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        for key, pane in zip(
            "123456", ("state", "charts", "moments", "lens", "optimum", "compare"), strict=True
        ):
            await pilot.press(key)
            await settle(pilot)
            assert tabs.active == pane
        compare = plain(app.screen.query_one("#replay-compare", Static))
        assert "table-b.toml" in compare and "Stage timing" in compare
        optimum = plain(app.screen.query_one("#replay-optimum", Static))
        assert "The best the same money could buy" in optimum
        await pilot.press("s")
        lens = plain(app.screen.query_one("#replay-lens", Static))
        assert "seat 2 of" in lens and "Hidden from this seat" in lens


async def test_notes_are_added_edited_and_deleted_in_the_file(save_copy: Path) -> None:
    app = make_replay_app(Debrief.open(save_copy), step=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Who chose the letter?", "enter")
        await pilot.pause()
        notes = load_save(save_copy).annotations
        assert [(n.step, n.author, n.text) for n in notes] == [
            (5, "Dr. Okafor", "Who chose the letter?")
        ]
        timeline = app.screen.query_one(TimelineView)
        assert any(r.kind == "note" and "Who chose the letter?" in r.text for r in timeline.rows)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, TextDialog)
        dialog.query_one(Input).value = "Who chose a letter, and why?"
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in load_save(save_copy).annotations] == [
            "Who chose a letter, and why?"
        ]
        await pilot.press("x")
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # the first choice: delete it
        await pilot.pause()
        assert load_save(save_copy).annotations == ()
        await pilot.press("x")  # nothing left to delete: a notice, no dialog
        assert isinstance(app.screen, ReplayScreen)


async def test_escape_in_a_note_dialog_writes_nothing(save_copy: Path) -> None:
    before = save_copy.read_bytes()
    app = make_replay_app(Debrief.open(save_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"draft", "escape")
        assert isinstance(app.screen, ReplayScreen)
    assert save_copy.read_bytes() == before


async def test_what_if_branches_a_new_save_from_the_step(save_copy: Path) -> None:
    made: list[ReplayScreen.BranchMade] = []
    app = make_replay_app(Debrief.open(save_copy), step=9)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        original = screen_of(app).post_message

        def spy(message: object) -> bool:
            if isinstance(message, ReplayScreen.BranchMade):
                made.append(message)
            return original(message)  # type: ignore[arg-type]

        screen_of(app).post_message = spy  # type: ignore[method-assign]
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog)  # it asks first, saying where the save goes
        assert str(save_copy.parent) in dialog.title_text and save_copy.name in dialog.title_text
        await pilot.press("escape")  # cancelled: nothing is written
        await pilot.pause()
        assert not made and sorted(save_copy.parent.iterdir()) == [save_copy]
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert str(made[0].what_if.path) in app.toasts[-1]
    assert len(made) == 1
    branch = made[0].what_if.path
    assert branch.parent == save_copy.parent and branch.name.endswith("-whatif-9.toml")
    save = load_save(branch)
    assert save.header.branch is not None and save.header.branch.fork_step == 9
    assert Path(save.header.branch.parent) == save_copy
    assert save.entries == load_save(save_copy).entries[:9]


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="sim")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code, capsys.readouterr().err


def test_replay_refuses_a_damaged_save_in_one_line(
    save_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_copy.write_text(save_copy.read_text("utf-8").replace("round = 1", "round = 2", 1), "utf-8")
    code, err = run_cli(["replay", str(save_copy)], capsys)
    assert code == 1 and err.startswith(f"sim: {save_copy}: ") and err.count("\n") == 1


def test_replay_refuses_a_step_outside_the_save(
    seminar: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(["replay", str(seminar["a"]), "--step", "999"], capsys)
    assert code == 2 and "--step 999" in err
