"""Saves name the rules they were played under; a save from other rules is intact, not
damaged, and every command that would re-simulate it says so in one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sim.cli import main
from sim.engine.version import RULES_VERSION
from sim.record import OtherRules, Replay, branch, load_save, resume, verify
from sim.record.layout import MARKER, V1, entry_text, header_checksum, header_text

OTHER = RULES_VERSION + 1
MESSAGE = (
    f"played under rules {OTHER}; this sim plays rules {RULES_VERSION}, so it cannot re-simulate it"
)


def _header(text: str) -> dict[str, object]:
    return tomllib.loads(text[: text.index(f"\n{MARKER}\n")])


def claiming_rules(path: Path, rules: int, recheck: bool = True) -> Path:
    """The save as a sim playing `rules` would have written it: its rules line and, unless
    told otherwise, the header check recomputed to match."""
    text = path.read_text(encoding="utf-8")
    document = _header(text)
    edited = text.replace(f"\nrules = {RULES_VERSION}\n", f"\nrules = {rules}\n", 1)
    assert edited != text, "the save has no rules line"
    if recheck:
        old = header_checksum(document)
        new = header_checksum({**document, "rules": rules})
        edited = edited.replace(f'check = "{old}"', f'check = "{new}"', 1)
    other = path.with_name(f"rules-{rules}.toml")
    other.write_text(edited, encoding="utf-8")
    return other


def test_a_save_names_the_rules_it_was_played_under(save_path: Path) -> None:
    assert load_save(save_path).header.rules == RULES_VERSION
    assert _header(save_path.read_text(encoding="utf-8"))["rules"] == RULES_VERSION


def test_a_save_from_before_saves_named_their_rules_reads_as_rules_1(
    save_path: Path, tmp_path: Path
) -> None:
    save = load_save(save_path)
    old = tmp_path / "format-1.toml"
    text = header_text(save.header, save.annotations, V1)
    old.write_text(text + "".join(entry_text(e) for e in save.entries), encoding="utf-8")
    assert "rules" not in _header(old.read_text(encoding="utf-8"))
    assert load_save(old).header.rules == 1


def test_the_header_check_covers_the_rules(
    save_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = claiming_rules(save_path, OTHER, recheck=False)
    assert main(["verify", str(edited)]) == 1
    assert capsys.readouterr().err.startswith(f"sim: {edited}: header: checksum does not match")


@pytest.mark.parametrize(
    "command",
    [["verify"], ["play", "--resume"], ["replay"], ["report"]],
    ids=["verify", "resume", "replay", "report"],
)
def test_every_command_says_other_rules_in_one_line_and_exits_1(
    save_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    def no_ui(*args: object, **kwargs: object) -> None:
        raise AssertionError("the check must refuse the save before any screen opens")

    # Should the check regress, the command fails here instead of opening a real terminal UI.
    monkeypatch.setattr("sim.tui.app.make_app", no_ui)
    monkeypatch.setattr("sim.tui.app.run_viewer", no_ui)
    other = claiming_rules(save_path, OTHER)
    before = other.read_bytes()
    assert main([*command, str(other)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"sim: {other}: {MESSAGE}\n"
    assert other.read_bytes() == before


def test_resume_replay_branch_and_verify_refuse_other_rules(save_path: Path) -> None:
    other = claiming_rules(save_path, OTHER)
    save = load_save(other)  # it reads: nothing in it is damaged
    assert save.header.rules == OTHER
    for attempt in (
        lambda: verify(save),
        lambda: Replay(save),
        lambda: resume(other),
        lambda: branch(other, 3),
    ):
        with pytest.raises(OtherRules) as refused:
            attempt()
        assert str(refused.value) == MESSAGE
    assert sorted(p.name for p in other.parent.glob("*.toml")) == sorted(
        ["demo.toml", save_path.name, other.name]
    ), "a refused branch must not leave a file behind"
