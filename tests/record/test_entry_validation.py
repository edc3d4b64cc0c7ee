"""Entries validated a batch per call report exactly what one-at-a-time validation reported:
the first bad step, its field and pydantic's words, as `sim verify` prints them, after every
step before it has been handed on."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from sim.record import reader
from sim.record.errors import SaveError
from sim.record.model import Entry
from sim.record.reader import OpenedSave, _valid, _valid_prefix, read_bytes
from sim.record.versions import read_current
from tests.record.helpers import autoplay_save


def one_at_a_time(entries: list[dict[str, Any]]) -> tuple[Entry, ...]:
    """The reference: how the reader validated entries before, each on its own."""
    return tuple(_valid(Entry, entry, f"step {n}", n) for n, entry in enumerate(entries, 1))


def _valid_entries(entries: list[dict[str, Any]]) -> tuple[Entry, ...]:
    """Every entry validated in one call, as the reader validates a batch."""
    valid, problem = _valid_prefix(entries)
    if problem is not None:
        raise problem
    return valid


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = autoplay_save(tmp_path_factory.mktemp("entries"))
    return list(read_current(read_bytes(path)).entries)


def _set(entry: dict[str, Any], field: str, value: object) -> None:
    entry[field] = value


# Each damage is applied to steps 4 and 9; the report must name step 4, as before.
DAMAGE = {
    "step below one": lambda e: _set(e, "step", 0),
    "step not a number": lambda e: _set(e, "step", "four"),
    "a missing field": lambda e: e.pop("hash"),
    "a hash of the wrong form": lambda e: _set(e, "hash", "xyz"),
    "an unknown action": lambda e: _set(e, "action", {"kind": "bribe"}),
    "an action that is not a table": lambda e: _set(e, "action", 7),
    "an action missing its fields": lambda e: _set(e, "action", {"kind": e["action"]["kind"]}),
    "a time that is no time": lambda e: _set(e, "time", "noon"),
    "an extra field": lambda e: _set(e, "mood", "sunny"),
    "a round of zero": lambda e: _set(e, "round", 0),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_bad_entry_is_reported_as_before(entries: list[dict[str, Any]], damage: Any) -> None:
    damaged = copy.deepcopy(entries)
    for step in (4, 9):
        damage(damaged[step - 1])
    with pytest.raises(SaveError) as reference:
        one_at_a_time(copy.deepcopy(damaged))
    with pytest.raises(SaveError) as got:
        _valid_entries(damaged)
    assert str(got.value) == str(reference.value)
    assert got.value.step == reference.value.step == 4


def test_an_entry_that_is_not_a_table(entries: list[dict[str, Any]]) -> None:
    damaged: list[Any] = [*copy.deepcopy(entries[:2]), "just words", *entries[3:]]
    with pytest.raises(SaveError) as reference:
        one_at_a_time(damaged)
    with pytest.raises(SaveError) as got:
        _valid_entries(damaged)
    assert str(got.value) == str(reference.value)


def test_intact_entries_build_the_same_models(entries: list[dict[str, Any]]) -> None:
    assert _valid_entries(copy.deepcopy(entries)) == one_at_a_time(copy.deepcopy(entries))


@pytest.fixture(scope="module")
def save_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return read_bytes(autoplay_save(tmp_path_factory.mktemp("stream")))


def _streamed(data: bytes, tables: Iterator[dict[str, Any]]) -> tuple[list[int], SaveError]:
    """The steps an opened save yields from `tables`, and the error that ended them."""
    opened = OpenedSave(dataclasses.replace(read_current(data), entries=tables))
    steps: list[int] = []
    with pytest.raises(SaveError) as ended:
        for entry in opened.entries():
            steps.append(entry.step)
    return steps, ended.value


@pytest.mark.parametrize("batch", [1, 4, 256])
def test_a_bad_entry_ends_the_stream_after_every_step_before_it(
    save_bytes: bytes, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are validated in one call each, yet the steps before a bad one still come
    first, so a replay that differs earlier reports its own step, as one at a time did."""
    monkeypatch.setattr(reader, "ENTRY_BATCH", batch)
    tables = list(read_current(save_bytes).entries)[:12]
    tables[6]["round"] = 0
    with pytest.raises(SaveError) as reference:
        one_at_a_time(copy.deepcopy(tables))
    steps, error = _streamed(save_bytes, iter(tables))
    assert steps == [1, 2, 3, 4, 5, 6]
    assert (str(error), error.step) == (str(reference.value), 7)


@pytest.mark.parametrize("batch", [1, 4, 256])
def test_a_damaged_entry_ends_the_stream_after_every_step_before_it(
    save_bytes: bytes, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A problem the splitter finds (here at step 10) waits for the batch read before it."""
    monkeypatch.setattr(reader, "ENTRY_BATCH", batch)
    tables = list(read_current(save_bytes).entries)[:9]

    def split() -> Iterator[dict[str, Any]]:
        yield from tables
        raise SaveError.at_step(10, "checksum does not match")

    steps, error = _streamed(save_bytes, split())
    assert steps == list(range(1, 10))
    assert (str(error), error.step) == ("step 10: checksum does not match", 10)


def test_a_stream_stopped_early_reads_no_further_than_its_batch(
    save_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "ENTRY_BATCH", 4)
    tables = list(read_current(save_bytes).entries)
    handed: list[int] = []

    def split() -> Iterator[dict[str, Any]]:
        for table in tables:
            handed.append(table["step"])
            yield table

    opened = OpenedSave(dataclasses.replace(read_current(save_bytes), entries=split()))
    for entry in opened.entries():
        if entry.step == 2:
            break
    assert handed == [1, 2, 3, 4]
