"""The save file: valid TOML after every append, self-contained, named and placed by default."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from sim.engine.autoplay import autoplay
from sim.engine.game import Game
from sim.record import SaveError, load_save, start, verify
from sim.record.layout import CURRENT, ENTRY_KEYS, FORMAT, MARKER
from sim.record.model import sha256_text
from sim.record.naming import default_name, default_path
from sim.scenario.load import parse_scenario
from tests.conftest import ROOT
from tests.record.helpers import STARTER, autoplay_save, play, scenario_file


def test_the_file_is_valid_toml_after_every_append(tmp_path: Path) -> None:
    session, recorder = start(STARTER, "demo.toml", 5, {"convener": "person"}, path=tmp_path / "s")
    with recorder:
        assert tomllib.loads((tmp_path / "s").read_text())["seed"] == 5
        while not session.is_over:
            play(session, recorder, steps=1)
            document = tomllib.loads((tmp_path / "s").read_text(encoding="utf-8"))
            assert len(document["actions"]) == recorder.steps == len(session.history)
            assert document["actions"][-1]["hash"] == session.state_hash()


def test_layout_header_then_one_table_per_action(save_path: Path) -> None:
    text = save_path.read_text(encoding="utf-8")
    keys = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert keys[:2] == [f'format = "{FORMAT}"', f"version = {CURRENT.number}"]
    head, body = text.split(f"\n{MARKER}\n")
    assert "[[actions]]" not in head
    entries = body.split("\n[[actions]]\n")[1:]
    assert entries and body.startswith("\n[[actions]]\n")
    for n, entry in enumerate(entries, start=1):
        lines = entry.rstrip("\n").split("\n")
        assert [line.split(" = ")[0] for line in lines] == [*ENTRY_KEYS, "check"]
        assert lines[0] == f"step = {n}"
    document = tomllib.loads(text)
    assert document["actions"][0]["action"]["kind"]  # the action is an inline table
    assert {"seed", "created", "program", "check", "seats", "scenario"} <= set(document)


def test_the_save_holds_the_exact_scenario_text_so_the_file_may_go(tmp_path: Path) -> None:
    # CRLF line ends, a tab, quotes, non-ASCII: the embedded text must match byte for byte.
    text = STARTER.replace("\n", "\r\n").replace('title = "Demo"', 'title = "Démo\t\\"1\\""')
    scenario = scenario_file(tmp_path, text)
    path = autoplay_save(tmp_path)
    save = load_save(path)
    assert save.header.scenario.text == text == scenario.read_bytes().decode("utf-8")
    assert save.header.scenario.sha256 == sha256_text(text)
    assert save.header.scenario.source == str(scenario)
    scenario.unlink()
    assert verify(save).state_hash() == save.entries[-1].hash


def test_seats_say_who_played_what(save_path: Path) -> None:
    header = load_save(save_path).header
    game = Game(parse_scenario(header.scenario.text))
    assert [s.seat for s in header.seats] == ["convener", *game.orgs]
    assert header.seats[0].player == "script" and "full" in header.seats[0].name
    assert {s.player for s in header.seats[1:]} == {"bot"}
    assert header.seats[1].name == game.orgs[header.seats[1].seat].name


def test_entries_record_stage_and_round_before_and_hash_after(tmp_path: Path) -> None:
    scenario_file(tmp_path)
    seen: list[tuple[str, int, str]] = []
    game = Game(parse_scenario(STARTER))
    position = ["forming", 1]

    def watch(session: object, action: object, events: object) -> None:
        seen.append((position[0], position[1], session.state_hash()))  # type: ignore[attr-defined]
        position[:] = [session.stage, session.round]  # type: ignore[attr-defined]

    autoplay(game, 3, "full", on_action=watch)
    save = load_save(autoplay_save(tmp_path))
    assert [(e.stage, e.round, e.hash) for e in save.entries] == seen
    assert all(e.seat == e.action.seat for e in save.entries)
    assert [e.time for e in save.entries] == sorted(e.time for e in save.entries)


def test_default_name_and_place(tmp_path: Path) -> None:
    when = datetime(2026, 3, 4, 5, 6, 7)
    assert default_name("healthy-homes", "convener", when) == (
        "healthy-homes-20260304-050607-convener.toml"
    )
    first = default_path("demo", "city", tmp_path, when)
    first.touch()
    assert default_path("demo", "city", tmp_path, when).name == "demo-20260304-050607-city-2.toml"
    _, recorder = start(STARTER, "demo.toml", 1, {"city": "person"}, folder=tmp_path)
    with recorder:
        assert re.fullmatch(r"demo-\d{8}-\d{6}-city\.toml", recorder.path.name)
        assert recorder.path.parent == tmp_path


def test_saves_folder_is_kept_in_the_repository() -> None:
    assert (ROOT / "saves" / ".gitkeep").is_file()
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "saves/*" in ignored and "!saves/.gitkeep" in ignored


def test_a_save_is_never_overwritten(save_path: Path) -> None:
    before = save_path.read_bytes()
    with pytest.raises(SaveError, match="never overwritten"):
        start(STARTER, "demo.toml", 1, {}, path=save_path)
    assert save_path.read_bytes() == before
    assert [p.name for p in save_path.parent.iterdir() if p.name.startswith(".")] == []


def test_unknown_seat_and_invalid_scenario_are_save_errors(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="unknown seat 'mayor'"):
        start(STARTER, "demo.toml", 1, {"mayor": "person"}, path=tmp_path / "x.toml")
    with pytest.raises(SaveError, match=r"^scenario: "):
        start("format = 1\n", "bad.toml", 1, {}, path=tmp_path / "y.toml")
    assert not list(tmp_path.iterdir())
