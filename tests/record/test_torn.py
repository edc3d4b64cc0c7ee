"""Torn tails: a write cut short leaves an incomplete final entry, which is never an error for
resume (it was never acknowledged) and always reported; any other damage is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.record import SaveError, TornSave, load_save, require_complete, resume, verify
from sim.record.reader import parse_save
from tests.record.helpers import play


def _last_entry_start(data: bytes) -> int:
    return data.rindex(b"\n[[actions]]\n")


def test_every_cut_inside_the_final_entry_is_a_torn_tail(save_path: Path) -> None:
    data = save_path.read_bytes()
    complete = parse_save(data)
    n = len(complete.entries)
    start = _last_entry_start(data)
    for cut in range(start + 2, len(data)):  # from "\n[" to all but the final newline
        save = parse_save(data[:cut])
        assert save.torn is not None, cut
        assert save.torn.step == n and save.torn.offset <= cut
        assert save.entries == complete.entries[:-1]
        with pytest.raises(TornSave, match=rf"^step {n}: the final entry is incomplete"):
            require_complete(save)
    for cut in (start, start + 1):  # cut between entries (a blank line left): just shorter
        assert parse_save(data[:cut]).torn is None


@pytest.mark.parametrize(
    "tail",
    [b"\n", b"\n[", b"\n[[actions]", b"\n[[actions]]\nstep = 2", b"\0" * 300, b"\n[[act\0\0\0"],
)
def test_a_lost_next_entry_is_torn_and_blank_lines_are_harmless(
    save_path: Path, tail: bytes
) -> None:
    data = save_path.read_bytes()
    n = len(parse_save(data).entries)
    save = parse_save(data + tail)
    assert len(save.entries) == n
    if tail == b"\n":
        assert save.torn is None
    else:
        assert save.torn is not None and save.torn.step == n + 1


def test_resume_cuts_the_torn_tail_and_continues(save_path: Path, tmp_path: Path) -> None:
    data = save_path.read_bytes()
    start = _last_entry_start(data)
    torn = tmp_path / "torn.toml"
    torn.write_bytes(data[: start + 40])
    n = len(parse_save(data).entries)
    session, recorder = resume(torn)
    with recorder:
        assert recorder.warning is not None and recorder.warning.startswith(f"step {n}: dropped")
        assert torn.read_bytes() == data[:start]
        assert recorder.steps == len(session.history) == n - 1
        play(session, recorder)
    again = require_complete(load_save(torn))
    assert verify(again).is_over
    assert again.entries[-1].step == len(again.entries) >= n


@pytest.mark.parametrize("where", ["middle", "last"])
def test_damage_that_is_not_a_cut_is_an_error(save_path: Path, where: str) -> None:
    data = save_path.read_bytes()
    entries = [i for i in range(len(data)) if data.startswith(b"\n[[actions]]\n", i)]
    at = entries[len(entries) // 2] if where == "middle" else entries[-1]
    step = entries.index(at) + 1
    hash_at = data.index(b'hash = "', at) + len(b'hash = "') + 3
    flipped = data[:hash_at] + bytes([data[hash_at] ^ 0x01]) + data[hash_at + 1 :]
    with pytest.raises(SaveError, match=rf"^step {step}: checksum does not match"):
        parse_save(flipped)
    with pytest.raises(SaveError, match=rf"^step {step}"):
        resume_file = save_path.with_name("damaged.toml")
        resume_file.write_bytes(flipped)
        resume(resume_file)
    assert resume_file.read_bytes() == flipped  # damage is reported, never "repaired"


def test_text_after_the_last_entry_is_damage(save_path: Path) -> None:
    data = save_path.read_bytes()
    n = len(parse_save(data).entries)
    with pytest.raises(SaveError, match=rf"^step {n + 1}: expected an \[\[actions\]\] table"):
        parse_save(data + b"\nseed = 4\n")


def test_a_cut_inside_the_header_is_damage_not_a_tear(save_path: Path) -> None:
    data = save_path.read_bytes()
    with pytest.raises(SaveError, match=r"^header: the marker line"):
        parse_save(data[: data.index(b"[scenario]")])
