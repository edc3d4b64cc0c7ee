"""The save file's text, as every format version so far lays it out: how a save is written,
and how it is split back into tables.

The layout exists so that appending is safe. A header is written once, atomically; a fixed
marker comment line ends it; then comes one ``[[actions]]`` table per applied action, each
ending with its own ``check`` line, so the file is valid TOML after every append and a write
cut short is recognisable as an entry without its check line. Every string is written on
one line (tomli-w's default), so each raw line break in a save is a TOML line break and a
line reading ``[[actions]]`` is always a real table header, never part of the scenario text.

The versions differ only in their header's keys, which `Version` names: version 2 added
`rules`, the rules version the game was played under; version 3 added `bound`, which binds
every entry to the scenario, seats, seed and rules it was recorded with, and `over` on the
entry that ended the game.

Entries are split and checked lazily, one at a time as the reader asks for them (it
validates them a batch at a time, `reader.ENTRY_BATCH`), so `sim verify` of a large save
stops near the first entry that fails without having parsed the rest. Their TOML is read
by `fasttoml`, which gives exactly tomllib's results and errors.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import tomli_w

from sim.record.errors import SaveError
from sim.record.model import Annotation, Entry, Header
from sim.scenario import fasttoml

FORMAT = "common-table-save"
TOP = "# A Common Table save (docs/save-format.md). Every table carries a checksum: do not edit."
MARKER = "# ---- actions: one [[actions]] table per applied action, appended as the game goes ----"
OPENER = b"[[actions]]\n"
ENTRY_KEYS = ("step", "seat", "time", "stage", "round", "action", "hash")
# The entry after which the game was over also says so, from version 3: the close record
# that tells a finished game from a save cut at an entry boundary.
CLOSING_KEYS = (*ENTRY_KEYS, "over")
# What the header's `bound` table binds, each part by its own digest, so a change names
# the part: the scenario (its id, title and text's sha256), the seats, and the game (seed
# and rules). Every entry's check covers the digest of the whole table.
BOUND_PARTS = ("scenario", "seats", "game")
_MARKER_LINE = b"\n" + MARKER.encode() + b"\n"
_CHECK_LINE = re.compile(rb"^check = [^\n]*\n", re.MULTILINE)
_TOML_AT = re.compile(r" \(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True)
class Version:
    """What one format version's header holds, in the order it is written."""

    number: int
    scalars: tuple[str, ...]  # the top-level keys before the check line, in order
    # The header keys its checksum covers; the scenario table is covered too, without its
    # text, which has its own sha256.
    covered: tuple[str, ...]
    bound: bool = False  # entries are bound to the header (`bound`) and closed (`over`)


V1 = Version(
    1,
    scalars=("format", "version", "program", "created", "seed"),
    covered=("format", "version", "program", "created", "seed", "seats", "branch"),
)
V2 = Version(2, scalars=(*V1.scalars, "rules"), covered=(*V1.covered, "rules"))
V3 = Version(3, scalars=V2.scalars, covered=(*V2.covered, "bound"), bound=True)
CURRENT = V3
VERSIONS = {v.number: v for v in (V1, V2, V3)}


@dataclass
class Tail:
    """How the entries ended, known once they have all been read."""

    torn_step: int | None = None  # the step of a dropped incomplete final entry
    end: int = 0  # byte offset where the complete part of the file ends
    size: int = 0  # the file's size in bytes


@dataclass
class RawSave:
    """A save split into plain tables, the header's checksums verified, before migration and
    validation. `entries` yields each entry's table (its check verified and removed) as it
    is read; `tail` is filled in when they run out."""

    version: int
    header: dict[str, Any]  # the top-level keys and tables, annotations included
    entries: Iterator[dict[str, Any]] = field(default_factory=lambda: iter(()))
    tail: Tail = field(default_factory=Tail)
    written: int = 0  # the version the file itself is in (migrations leave it)

    def __post_init__(self) -> None:
        self.written = self.written or self.version


# --------------------------------------------------------------------------- checksums


def checksum(data: Mapping[str, Any]) -> str:
    """16 hex digits of sha256 over the canonical JSON of a table's other fields."""
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: object) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(f"cannot checksum a {type(value).__name__}")


def binding(doc: Mapping[str, Any]) -> dict[str, str]:
    """The digest of each part of a header the entries are bound to (see BOUND_PARTS)."""
    scenario = doc.get("scenario")
    scenario = scenario if isinstance(scenario, Mapping) else {}
    return {
        "scenario": checksum({key: scenario.get(key) for key in ("id", "title", "sha256")}),
        "seats": checksum({"seats": doc.get("seats")}),
        "game": checksum({key: doc.get(key) for key in ("seed", "rules")}),
    }


def bound_digest(bound: Mapping[str, Any] | None) -> str | None:
    """What every entry's check covers besides its own fields (None before version 3)."""
    return None if bound is None else checksum(bound)


def header_checksum(doc: Mapping[str, Any], version: Version = CURRENT) -> str:
    covered = {key: doc[key] for key in version.covered if key in doc}
    scenario = doc.get("scenario")
    if isinstance(scenario, Mapping):
        scenario = {key: value for key, value in scenario.items() if key != "text"}
    covered["scenario"] = scenario
    return checksum(covered)


# --------------------------------------------------------------------------- writing


def header_text(
    header: Header, annotations: Iterable[Annotation] = (), version: Version = CURRENT
) -> str:
    """The header, written once when a save is created and again only by a rewrite.

    Saves are written in the current version; the migration tests write older ones.
    """
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": version.number,
        "program": header.program,
        "created": header.created,
        "seed": header.seed,
        "rules": header.rules,
        "seats": [seat.model_dump() for seat in header.seats],
    }
    if header.branch is not None:
        doc["branch"] = header.branch.model_dump()
    doc["scenario"] = header.scenario.model_dump()
    doc["bound"] = binding(doc)
    doc = {k: v for k, v in doc.items() if k in version.covered or k == "scenario"}
    # The check goes right after the scalars: tomli-w writes every table after them anyway.
    ordered = {k: doc[k] for k in version.scalars}
    ordered["check"] = header_checksum(doc, version)
    if "bound" in doc:
        ordered["bound"] = doc["bound"]
    ordered["seats"] = doc["seats"]
    if "branch" in doc:
        ordered["branch"] = doc["branch"]
    notes = [_with_check(note.model_dump()) for note in annotations]
    if notes:
        ordered["annotations"] = notes
    ordered["scenario"] = doc["scenario"]
    return f"{TOP}\n{tomli_w.dumps(ordered)}\n{MARKER}\n"


def header_bound(header: Header, version: Version = CURRENT) -> str | None:
    """The digest a header's entries are bound to, as `header_text` writes it."""
    if not version.bound:
        return None
    doc = {
        "seed": header.seed,
        "rules": header.rules,
        "seats": [seat.model_dump() for seat in header.seats],
        "scenario": header.scenario.model_dump(),
    }
    return bound_digest(binding(doc))


def entry_data(entry: Entry, bound: str | None) -> dict[str, Any]:
    """An entry as the plain table the file holds, its check included; `bound` is the
    header's digest the check also covers (from `header_bound`; None before version 3)."""
    action = entry.action.model_dump(mode="json")
    del action["seat"]  # stored once, on the entry
    data: dict[str, Any] = {
        "step": entry.step,
        "seat": entry.seat,
        "time": entry.time,
        "stage": entry.stage,
        "round": entry.round,
        "action": {"kind": action.pop("kind"), **action},
        "hash": entry.hash,
    }
    if entry.over and bound is not None:
        data["over"] = True
    return _with_check(data, bound)


def entry_text(entry: Entry, bound: str | None) -> str:
    """One appended entry: a blank line, ``[[actions]]``, one line per field, check last."""
    lines = [f"{_key(key)} = {_value(value)}" for key, value in entry_data(entry, bound).items()]
    return "\n[[actions]]\n" + "\n".join(lines) + "\n"


def _with_check(data: dict[str, Any], bound: str | None = None) -> dict[str, Any]:
    return {**data, "check": _check_of(data, bound)}


def _check_of(data: Mapping[str, Any], bound: str | None) -> str:
    return checksum(data if bound is None else {**data, "bound": bound})


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _value(value: Any) -> str:
    """A value on one line; tomli-w formats every scalar, inline tables keep check last."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return f"{{ {inner} }}" if inner else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") : -1]


# --------------------------------------------------------------------------- reading


def read(data: bytes, version: Version) -> RawSave:
    """Split a save of `version`: the header now, checked; the entries lazily, each checked
    as it is reached; a torn final entry is noted in `tail`, not raised."""
    doc, start, bound = read_header(data, version)
    tail = Tail(size=len(data), end=start)
    return RawSave(version.number, doc, _entries(data, start, bound, tail), tail)


def read_header(data: bytes, version: Version) -> tuple[dict[str, Any], int, str | None]:
    """The header's checked tables (its binding too, from version 3), the offset where the
    entries begin, and the digest they are bound to (None before version 3)."""
    cut = data.find(_MARKER_LINE)
    if cut < 0:
        raise SaveError("header", "the marker line that ends the header is missing or damaged")
    doc = _toml(_decode(data[: cut + 1], "header"), "header")
    _check_header(doc, version)
    bound = _check_bound(doc) if version.bound else None
    return doc, cut + len(_MARKER_LINE), bound


def count_entries(data: bytes, start: int) -> int:
    """How many entries begin after `start`, unparsed (a torn final one counts too)."""
    return data.count(b"\n" + OPENER, start - 1)


def last_entry(data: bytes, start: int, bound: str | None) -> dict[str, Any] | None:
    """The last complete entry after `start`, checked alone (None when there is none): what
    a list of saves shows without reading the whole game. A torn final entry is passed over,
    as resuming passes over it."""
    count = count_entries(data, start)
    end = len(data)
    while count:
        pos = data.rfind(b"\n" + OPENER, start - 1, end) + 1
        found = _CHECK_LINE.search(data, pos + len(OPENER), end)
        if found is not None:
            return _entry(data[pos + len(OPENER) : found.end()], count, bound)
        count, end = count - 1, pos - 1
    return None


def _entries(data: bytes, pos: int, bound: str | None, tail: Tail) -> Iterator[dict[str, Any]]:
    step = 0
    closed = False
    while True:
        while data.startswith(b"\n", pos):
            pos += 1  # the blank line before each entry, and any an editor added at the end
        if pos >= len(data):
            return
        step += 1
        if not data.startswith(OPENER, pos):
            rest = data[pos:].rstrip(b"\0")
            if OPENER.startswith(rest):  # a cut-off opener, or zeros from a lost write
                tail.torn_step = step
                return
            raise SaveError.at_step(step, "expected an [[actions]] table here; the file is damaged")
        found = _CHECK_LINE.search(data, pos + len(OPENER))
        if found is None:  # no check line: the write of this entry was cut short
            tail.torn_step = step
            return
        if closed:
            raise SaveError.at_step(
                step, f"recorded after step {step - 1}, whose entry says the game ended there"
            )
        entry = _entry(data[pos + len(OPENER) : found.end()], step, bound)
        closed = entry.get("over", False)
        pos = tail.end = found.end()
        yield entry


def _entry(chunk: bytes, step: int, bound: str | None) -> dict[str, Any]:
    where = f"step {step}"
    table = _toml(_decode(chunk, where), where, step)
    check = table.pop("check", None)
    if check != _check_of(table, bound):
        raise SaveError.at_step(
            step,
            "checksum does not match: the entry was changed after it was written"
            + (
                ", or the scenario, seats, seed or rules it is bound to were changed"
                if bound is not None
                else ""
            ),
        )
    keys = tuple(table)
    if keys != ENTRY_KEYS and not (bound is not None and keys == CLOSING_KEYS):
        raise SaveError.at_step(step, f"unexpected fields: {', '.join(table)}")
    if "over" in table and table["over"] is not True:
        raise SaveError.at_step(step, "over must be true where it is written")
    if table["step"] != step:
        raise SaveError.at_step(
            step, f"the entry is numbered {table['step']}: an entry is missing, repeated or moved"
        )
    return table


# What each bound part covers, in the words a changed-part message uses.
_PART_WORDS = {
    "scenario": ("scenario", "the embedded scenario (its text, id or title)"),
    "seats": ("seats", "the seats"),
    "game": ("header", "the seed or the rules"),
}


def _check_bound(doc: dict[str, Any]) -> str:
    """The header's binding digest, once each part is shown to be what the entries were
    recorded with; a changed part is named."""
    stored = doc.get("bound")
    if not isinstance(stored, dict) or set(stored) != set(BOUND_PARTS):
        raise SaveError("header", "the bound table is missing or damaged")
    derived = binding(doc)
    for part in BOUND_PARTS:
        if stored[part] != derived[part]:
            where, what = _PART_WORDS[part]
            raise SaveError(
                where,
                f"{what} changed after the game was played: the recorded steps are bound to "
                "other ones, so this save would replay a different game",
            )
    digest = bound_digest(stored)
    assert digest is not None
    return digest


def _check_header(doc: dict[str, Any], version: Version) -> None:
    if "actions" in doc:
        raise SaveError("header", "[[actions]] tables appear before the marker line")
    if doc.get("check") != header_checksum(doc, version):
        raise SaveError(
            "header",
            "checksum does not match: the seed, seats, rules, scenario reference or version "
            "were changed after the save was written",
        )
    notes = doc.get("annotations", [])
    if not isinstance(notes, list):
        raise SaveError("annotations", "must be [[annotations]] tables")
    for n, note in enumerate(notes, start=1):
        if not isinstance(note, dict):
            raise SaveError(f"annotation {n}", "must be a table")
        body = {k: v for k, v in note.items() if k != "check"}
        if note.get("check") != checksum(body):
            raise SaveError(f"annotation {n}", "checksum does not match: it was edited")
        del note["check"]


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(where, "not UTF-8 text: the file is damaged") from None


def _toml(text: str, where: str, step: int | None = None) -> dict[str, Any]:
    try:
        return fasttoml.loads(text)
    except fasttoml.TOMLDecodeError as exc:
        message = str(exc)
        if step is not None:  # tomllib counts lines from the entry's first field
            message = _TOML_AT.sub(r" (line \1 of the entry, column \2)", message)
        raise SaveError(where, f"not valid TOML: {message}", step) from None
    except RecursionError:
        raise SaveError(where, "not valid TOML: nesting is too deep", step) from None
