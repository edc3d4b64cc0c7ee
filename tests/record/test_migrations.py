"""Old saves keep loading: one test per shipped format version, read through the migrations.

Each shipped version keeps a writer here that produces that version's text from a current
record. When version N+1 ships: keep version N's writer (`sim.record.layout` writes every
`Version` it knows), add MIGRATIONS[N] in sim/record/versions.py, and add the new version's
writer.
The saves are generated in the test, because the engine's hashes are still changing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sim.record import layout, load_save, verify
from sim.record.errors import OtherRules
from sim.record.model import Save
from sim.record.reader import parse_save
from sim.record.versions import CURRENT, MIGRATIONS, READERS, peek_version


def _writer(version: layout.Version) -> Callable[[Save], bytes]:
    def write(save: Save) -> bytes:
        text = layout.header_text(save.header, save.annotations, version)
        bound = layout.header_bound(save.header, version)
        entries = "".join(layout.entry_text(e, bound) for e in save.entries)
        return (text + entries).encode("utf-8")

    return write


# Version 1 had no `rules` key: every game saved then was played under rules 1. Version 2
# had no binding and no close record.
WRITERS: dict[int, Callable[[Save], bytes]] = {
    1: _writer(layout.V1),
    2: _writer(layout.V2),
    3: _writer(layout.V3),
}


def _as_read_from(version: int, save: Save) -> Save:
    """What reading a save of `version` gives: before 3, no binding and no close record."""
    if version >= 3:
        return save.model_copy(update={"written": version})
    entries = tuple(e.model_copy(update={"over": False}) for e in save.entries)
    header = save.header.model_copy(update={"bound": None})
    if version == 1:
        header = header.model_copy(update={"rules": 1})  # before rules were recorded
    return save.model_copy(update={"header": header, "entries": entries, "written": version})


def test_every_version_has_a_reader_a_writer_here_and_a_migration_onward() -> None:
    assert set(READERS) == set(range(1, CURRENT + 1))
    assert set(MIGRATIONS) == set(range(1, CURRENT))
    assert set(WRITERS) == set(READERS)


@pytest.mark.parametrize("version", sorted(WRITERS))
def test_a_save_of_each_version_loads_as_the_current_record(save_path: Path, version: int) -> None:
    current = load_save(save_path)
    data = WRITERS[version](current)
    assert peek_version(data) == version
    migrated = parse_save(data)
    assert migrated == _as_read_from(version, current)
    if version == 1:
        # A version-1 save was played under rules 1, which this sim no longer plays.
        with pytest.raises(OtherRules):
            verify(migrated)
        return
    assert verify(migrated).state_hash() == current.entries[-1].hash
