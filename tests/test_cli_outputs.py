"""Output files never destroy what a person meant to keep; seat names get a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli import main
from tests.conftest import SCENARIOS
from tests.record.helpers import autoplay_save

FLAGSHIP = str(SCENARIOS / "clean-air-compact.toml")


@pytest.fixture
def save(tmp_path: Path) -> Path:
    return autoplay_save(tmp_path, seed=4)


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], says: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err, err


def test_a_report_never_overwrites_the_save_it_reports(
    save: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = save.read_bytes()
    for flags in ([], ["--force"]):
        _refused(["report", str(save), "-o", str(save), *flags], capsys, "an input of this")
    link = save.with_name("link.md")
    link.symlink_to(save.name)
    _refused(["report", str(save), "-o", str(link), "--force"], capsys, "an input of this")
    assert save.read_bytes() == before


def test_a_report_never_overwrites_any_save(
    save: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = autoplay_save(tmp_path, seed=5, name="other.toml")
    before = other.read_bytes()
    _refused(["report", str(save), "-o", str(other), "--force"], capsys, "is a saved game")
    assert other.read_bytes() == before


def test_an_existing_file_needs_force(
    save: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "debrief.md"
    out.write_text("my notes\n")
    _refused(["report", str(save), "-o", str(out)], capsys, "exists; add --force")
    assert out.read_text() == "my notes\n"
    assert main(["report", str(save), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("#")
    fresh = tmp_path / "fresh.html"
    assert main(["report", str(save), "-o", str(fresh)]) == 0
    assert "<html" in fresh.read_text()


def test_schema_replaces_only_a_schema_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(schema)]) == 0
    assert main(["schema", "-o", str(schema)]) == 0  # what `make schema` does
    scenario = tmp_path / "mine.toml"
    scenario.write_text("format = 1\n")
    _refused(["schema", "-o", str(scenario)], capsys, "exists; add --force")
    assert scenario.read_text() == "format = 1\n"


@pytest.mark.parametrize(
    ("command", "seat", "meant"),
    [
        (["play", FLAGSHIP], "pine-ridge", "pine-ridge-county (Pine Ridge County Commission)"),
        (["autoplay", FLAGSHIP], "Port of Riverton", "port-authority (Port of Riverton Authority)"),
    ],
)
def test_an_unknown_seat_gets_the_nearest_and_the_list(
    command: list[str], seat: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--seat", seat]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert f"unknown seat '{seat}': did you mean {meant}? " in line
    assert line.endswith(", labor-council, state-university, riverton-cc")
    assert "the seats are convener and the organization ids: mayors-office, city-dot," in line
