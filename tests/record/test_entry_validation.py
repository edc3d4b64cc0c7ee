"""All entries validated in one call report exactly what one-at-a-time validation reported:
the first bad step, its field and pydantic's words, as `sim verify` prints them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sim.record.errors import SaveError
from sim.record.model import Entry
from sim.record.reader import _valid, _valid_entries, read_bytes
from sim.record.versions import read_current
from tests.record.helpers import autoplay_save


def one_at_a_time(entries: list[dict[str, Any]]) -> tuple[Entry, ...]:
    """The reference: how the reader validated entries before, each on its own."""
    return tuple(_valid(Entry, entry, f"step {n}", n) for n, entry in enumerate(entries, 1))


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = autoplay_save(tmp_path_factory.mktemp("entries"))
    return read_current(read_bytes(path)).entries


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
