"""Damaged saves: `sim verify` answers exit 1 and one line naming the problem and the step,
never a traceback and never a silent wrong replay."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sim.record.layout import checksum, header_checksum
from sim.record.versions import CURRENT
from tests.record.helpers import run_cli

ONE_LINE = re.compile(r"^sim: [^\n]+: (step \d+|header|scenario|file|annotation \d+): [^\n]+\n$")


def verify_fails(path: Path, capsys: pytest.CaptureFixture[str], where: str) -> str:
    code = run_cli(["verify", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert ONE_LINE.match(err), err
    assert err.startswith(f"sim: {path}: {where}"), err
    assert "Traceback" not in err
    return err


def _entry_offsets(data: bytes) -> list[int]:
    return [m.start() for m in re.finditer(rb"\n\[\[actions\]\]\n", data)]


def _rechecked(entry: bytes) -> bytes:
    """An entry edited by someone who knew to recompute its checksum."""
    import tomllib

    table = tomllib.loads(entry.decode())["actions"][0]
    del table["check"]
    return re.sub(rb'check = "[0-9a-f]+"', f'check = "{checksum(table)}"'.encode(), entry)


def test_an_intact_save_verifies(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["verify", str(save_path)]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(
        rf"{re.escape(str(save_path))}: ok: \d+ steps verified \(demo, seed 3, finished\)\n", out
    )
    assert err == ""


def test_truncated(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = save_path.read_bytes()
    n = len(_entry_offsets(data))
    save_path.write_bytes(data[: _entry_offsets(data)[-1] + 30])
    err = verify_fails(save_path, capsys, f"step {n}: the final entry is incomplete")
    assert f"steps 1-{n - 1} are intact" in err


def test_flipped_bytes(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(save_path.read_bytes())
    at = _entry_offsets(bytes(data))[4] + len('\n[[actions]]\nstep = 5\nseat = "conv')
    data[at] ^= 0x20
    save_path.write_bytes(bytes(data))
    verify_fails(save_path, capsys, "step 5: checksum does not match")


def test_an_edited_action(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = save_path.read_bytes()
    offsets = _entry_offsets(data)
    k = next(n for n, at in enumerate(offsets) if b'kind = "invite"' in data[at : offsets[n + 1]])
    start, end = offsets[k], offsets[k + 1]
    entry = data[start:end]
    ask = re.search(rb'ask = "(\w+)"', entry)
    assert ask is not None
    other = b"staff_call" if ask[1] == b"letter" else b"letter"
    edited = entry.replace(ask[0], b'ask = "' + other + b'"')
    save_path.write_bytes(data[:start] + edited + data[end:])
    verify_fails(save_path, capsys, f"step {k + 1}: checksum does not match")
    # Even with its checksum recomputed, re-simulation catches the edit at that step.
    save_path.write_bytes(data[:start] + _rechecked(edited) + data[end:])
    err = verify_fails(save_path, capsys, f"step {k + 1}: ")
    assert "differs from the recording" in err or "not legal" in err


def test_an_edited_seed_with_a_recomputed_header_check(
    save_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tomllib

    text = save_path.read_text(encoding="utf-8")
    head = text[: text.index("\n[[actions]]")]
    document = tomllib.loads(head)
    document["seed"] = 4
    edited = text.replace("\nseed = 3\n", "\nseed = 4\n").replace(
        f'check = "{header_checksum({**document, "seed": 3})}"',
        f'check = "{header_checksum(document)}"',
    )
    save_path.write_text(edited, encoding="utf-8")
    verify_fails(save_path, capsys, "step 1: the re-simulated state differs")


def test_a_scenario_that_does_not_match_its_hash(
    save_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = save_path.read_text(encoding="utf-8")
    save_path.write_text(text.replace("budget = 50_000", "budget = 90_000"), encoding="utf-8")
    verify_fails(save_path, capsys, "scenario: the embedded scenario text does not match")


def test_an_unknown_version(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = save_path.read_text(encoding="utf-8")
    line = f"\nversion = {CURRENT}\n"
    save_path.write_text(text.replace(line, "\nversion = 7\n"), encoding="utf-8")
    err = verify_fails(save_path, capsys, "header: save format version 7 is newer")
    assert "update sim" in err
    save_path.write_text(text.replace(line, "\nversion = 0\n"), encoding="utf-8")
    verify_fails(save_path, capsys, "header: unknown save format version 0")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "not a Common Table save: the file is empty"),
        (b"{{{ not toml at all", "not a Common Table save: not TOML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a Common Table save: not text"),
        (b'title = "a scenario, not a save"\n', "not a Common Table save: no format ="),
    ],
)
def test_not_a_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str
) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(content)
    verify_fails(path, capsys, f"file: {says}")


def test_a_100_mb_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: no need to write 100 MB
    verify_fails(path, capsys, "file: the file is 100.0 MB; a save is at most 64 MB")


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    verify_fails(tmp_path / "nope.toml", capsys, "file: cannot read it: no such file")
    verify_fails(tmp_path, capsys, "file: cannot read it: it is a folder")


def test_unreadable_file(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    save_path.chmod(0)
    verify_fails(save_path, capsys, "file: cannot read it: permission denied")


def test_entries_out_of_order(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = save_path.read_bytes()
    offsets = _entry_offsets(data)
    a, b, c = offsets[2], offsets[3], offsets[4]
    save_path.write_bytes(data[:a] + data[b:c] + data[a:b] + data[c:])
    verify_fails(save_path, capsys, "step 3: the entry is numbered 4")
    save_path.write_bytes(data[:a] + data[b:])
    verify_fails(save_path, capsys, "step 3: the entry is numbered 4")
