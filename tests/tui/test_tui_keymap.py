"""A keymap file remaps any binding by its id; a broken one is reported and play goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Game
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.app import binding_groups, make_app
from sim.tui.common.help import HelpScreen
from sim.tui.game.invite import InviteDialog
from sim.tui.game.table import TableScreen
from sim.tui.keymap import KEYMAP_ENV, binding_ids, load_keymap
from tests.tui.conftest import DEMO, screen_text

KNOWN = binding_ids(b for _, group in binding_groups() for b in group)


def solo() -> Driver:
    return Driver(Game(load_scenario(DEMO)).new_session(7, {"convener": "human"}))


def test_every_binding_id_is_unique_across_screens() -> None:
    ids = [b.id for _, group in binding_groups() for b in group if getattr(b, "id", None)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_keymap_reads_ids_and_reports_what_it_cannot_use(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\n"table.invite" = "x"\n"table.nope" = "y"\n"app.help" = 3\n')
    keymap = load_keymap(path, KNOWN)
    assert keymap.keys == {"table.invite": "x"}
    assert any("'table.nope'" in p for p in keymap.problems)
    assert any("'app.help'" in p for p in keymap.problems)


def test_a_broken_or_missing_keymap_changes_nothing(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "absent.toml", KNOWN).keys == {}
    broken = tmp_path / "keymap.toml"
    broken.write_text("[keys\n")
    keymap = load_keymap(broken, KNOWN)
    assert keymap.keys == {} and keymap.problems and "cannot be read" in keymap.problems[0]


async def test_a_remapped_key_plays_and_the_old_one_does_not(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\n"table.invite" = "x"\n')
    monkeypatch.setenv(KEYMAP_ENV, str(path))
    app = make_app(scenarios_folder=catalog, driver=solo())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        await pilot.press("i")
        assert not isinstance(app.screen, InviteDialog)
        await pilot.press("x")
        assert isinstance(app.screen, InviteDialog)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _, rows in app.screen.sections() for row in rows]
        assert ("x", "Invite an organization to the table [table.invite]") in rows
        assert "keymap" in screen_text(app)


async def test_a_keymap_problem_is_told_and_play_goes_on(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\n"table.invitee" = "x"\n')
    monkeypatch.setenv(KEYMAP_ENV, str(path))
    app = make_app(scenarios_folder=catalog, driver=solo())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("'table.invitee'" in t for t in app.toasts), app.toasts
        await pilot.press("i")
        assert isinstance(app.screen, InviteDialog)
