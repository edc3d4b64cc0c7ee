"""Every save format version this sim has shipped, and the migrations between them.

Reading a save peeks at its version, splits it with that version's reader, then runs
the migrations from that version up to the current one, one version at a time. To ship
version N+1: add its reader to READERS (a new `layout.Version` when only the header's keys
change), add MIGRATIONS[N] turning a version-N RawSave into a version-N+1 one, and add a
writer for version N to the migration tests.
The one rule every version keeps: the first key lines are `format = "common-table-save"`
and `version = N`, so a reader can tell which version it holds before parsing it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Callable

from sim.record import layout
from sim.record.errors import SaveError
from sim.record.layout import RawSave

CURRENT = layout.CURRENT.number
READERS: dict[int, Callable[[bytes], RawSave]] = {
    number: functools.partial(layout.read, version=version)
    for number, version in layout.VERSIONS.items()
}
# The rules version of every game saved before saves named their rules (format 1).
FIRST_RULES = 1


def _rules_named(raw: RawSave) -> RawSave:
    """Version 1 to 2: the header names the rules the game was played under."""
    header = {**raw.header, "version": 2, "rules": FIRST_RULES}
    return dataclasses.replace(raw, version=2, header=header)


def _bound_later(raw: RawSave) -> RawSave:
    """Version 2 to 3: nothing to add. A version-2 save's entries were never bound to its
    header, and it has no close record, so it reads with `bound` absent; a rewrite (a note)
    writes it as version 3, bound to the header it has then."""
    return dataclasses.replace(raw, version=3, header={**raw.header, "version": 3})


# MIGRATIONS[n] turns a version-n save into a version-(n+1) save. A migration that must
# change entries maps `raw.entries`, which is read lazily.
MIGRATIONS: dict[int, Callable[[RawSave], RawSave]] = {1: _rules_named, 2: _bound_later}

_FORMAT_LINE = f'format = "{layout.FORMAT}"'
_VERSION_LINE = re.compile(r"version = (-?\d+)")
PEEK = 4096  # the first key lines are within this many bytes
_PARSE_AT_MOST = 1024 * 1024  # only to name what a small stray file is


def peek_version(data: bytes) -> int:
    """The version a save declares in its first key lines; raise SaveError if it is not one."""
    keys = [
        line.strip()
        for line in data[:PEEK].decode("utf-8", "replace").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ][:2]
    if not keys or keys[0] != _FORMAT_LINE:
        raise SaveError("file", f"not a Common Table save: {_what_it_is(data)}")
    found = _VERSION_LINE.fullmatch(keys[1]) if len(keys) > 1 else None
    if found is None:
        raise SaveError("header", "the version line is missing or damaged")
    version = int(found[1])
    if version > CURRENT:
        raise SaveError(
            "header",
            f"save format version {version} is newer than this sim reads (up to {CURRENT}); "
            "update sim",
        )
    if version not in READERS:
        raise SaveError("header", f"unknown save format version {version}")
    return version


def read_current(data: bytes) -> RawSave:
    """Split a save of any shipped version and migrate it to the current version."""
    return migrate(READERS[peek_version(data)](data))


def migrate(raw: RawSave) -> RawSave:
    """A RawSave of any shipped version as the current version (a header alone works too)."""
    while raw.version < CURRENT:
        raw = MIGRATIONS[raw.version](raw)
    return raw


def _what_it_is(data: bytes) -> str:
    """A few words on what the file is instead, for the one-line error."""
    if not data.strip():
        return "the file is empty"
    if len(data) > _PARSE_AT_MOST:
        return f"no {_FORMAT_LINE} line at the top"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not text (a binary file?)"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return f"not TOML ({exc})"
    except RecursionError:
        return "not TOML (nesting is too deep)"
    return f"no {_FORMAT_LINE} line at the top"
