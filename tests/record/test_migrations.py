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
from sim.record.model import Save
from sim.record.reader import parse_save
from sim.record.versions import CURRENT, MIGRATIONS, READERS, peek_version


def _writer(version: layout.Version) -> Callable[[Save], bytes]:
    def write(save: Save) -> bytes:
        text = layout.header_text(save.header, save.annotations, version)
        return (text + "".join(layout.entry_text(e) for e in save.entries)).encode("utf-8")

    return write


# Version 1 had no `rules` key: every game saved then was played under rules 1.
WRITERS: dict[int, Callable[[Save], bytes]] = {1: _writer(layout.V1), 2: _writer(layout.V2)}


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
    assert migrated == current
    assert verify(migrated).state_hash() == current.entries[-1].hash
