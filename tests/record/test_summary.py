"""A save's summary, read from its header and last complete entry alone: what the resume
list shows without re-simulating the game."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.record import SaveError, load_save
from sim.record.reader import summarize
from tests.record.helpers import autoplay_save


def test_the_summary_is_the_last_entry_of_the_game(tmp_path: Path) -> None:
    path = autoplay_save(tmp_path)
    save = load_save(path)
    last = save.entries[-1]
    summary = summarize(path)
    assert (summary.steps, summary.stage, summary.round, summary.over) == (
        len(save.entries),
        last.stage,
        last.round,
        True,
    )
    assert summary.header == save.header


def test_a_torn_final_entry_is_passed_over_as_resuming_does(tmp_path: Path) -> None:
    path = autoplay_save(tmp_path)
    whole = summarize(path)
    text = path.read_bytes()
    cut = text.rindex(b"check = ")
    path.write_bytes(text[:cut])  # the last entry's write stopped before its check line
    torn = summarize(path)
    assert torn.steps == whole.steps - 1
    assert not torn.over


def test_a_changed_last_entry_is_reported(tmp_path: Path) -> None:
    path = autoplay_save(tmp_path)
    text = path.read_bytes()
    at = text.rindex(b"round = ")
    path.write_bytes(text[:at] + b"round = 1" + text[text.index(b"\n", at) :])
    with pytest.raises(SaveError, match="checksum does not match"):
        summarize(path)
