"""Read a save file into a validated `Save`: size limit, version, checksums, models, scenario.

Every problem becomes a one-line `SaveError` naming the step or part; a torn final entry is
not an error here but is reported in `Save.torn`, because resuming after a crash wants the
rest of the file. Strict callers (`sim verify`) call `require_complete`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from sim.record.errors import SaveError, TornSave
from sim.record.layout import VERSIONS, RawSave, count_entries, read_header
from sim.record.model import Annotation, Entry, Header, Save, TornTail, sha256_text
from sim.record.versions import migrate, peek_version, read_current

# A 10,000-action save is about 3.5 MB and the largest scenario about 2 MB; anything this
# big is not a save, and reading it whole would only waste memory.
MAX_BYTES = 64 * 1024 * 1024
_M = TypeVar("_M", Header, Annotation, Entry)


def load_save(path: str | os.PathLike[str]) -> Save:
    """Read and check a save file; raise SaveError with one line naming the problem."""
    return parse_save(read_bytes(path))


@dataclass(frozen=True)
class Glance:
    """A save's checked header and how many entries follow, read without parsing them:
    enough for a viewer's first frame while the entries are checked in the background."""

    header: Header
    steps: int


def glance(path: str | os.PathLike[str]) -> Glance:
    """The header (checked, and of rules this sim plays) and the entry count of a save."""
    from sim.record.simulate import require_same_rules  # the engine: not for every reader

    data = read_bytes(path)
    version = peek_version(data)
    doc, start = read_header(data, VERSIONS[version])
    header = build_header(migrate(RawSave(version, doc, size=len(data))))
    require_same_rules(header)
    return Glance(header, count_entries(data, start))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, refusing what cannot be a save before reading it all."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise SaveError(
                    "file",
                    f"the file is {size / 1024 / 1024:.1f} MB; a save is at most "
                    f"{MAX_BYTES // 1024 // 1024} MB, so this is not one",
                )
            return file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SaveError("file", f"cannot read it: {_os_message(exc)}") from None


def read_fd(fd: int) -> bytes:
    """The bytes of a save already open (and locked) at fd, from its start."""
    size = os.fstat(fd).st_size
    if size > MAX_BYTES:
        raise SaveError("file", f"the file is {size / 1024 / 1024:.1f} MB; not a save")
    chunks: list[bytes] = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def parse_save(data: bytes) -> Save:
    """Check a save's bytes and build its models; a torn final entry is kept in `torn`."""
    if len(data) > MAX_BYTES:
        raise SaveError("file", f"more than {MAX_BYTES // 1024 // 1024} MB: not a save")
    return build(read_current(data))


def require_complete(save: Save) -> Save:
    """The save itself, or TornSave when its final entry was cut off (strict readers)."""
    if save.torn is not None:
        problem = f"{save.torn.message()}; resuming the save drops it and continues"
        raise TornSave(f"step {save.torn.step}", problem, save.torn.step)
    return save


def build(raw: RawSave) -> Save:
    """Validate a current-version RawSave into models and check the scenario's sha256."""
    doc = raw.header
    header = build_header(raw)
    notes = tuple(
        _valid(Annotation, note, f"annotation {n}")
        for n, note in enumerate(doc.get("annotations", []), start=1)
    )
    entries = _valid_entries(raw.entries)
    torn = None
    if raw.torn_step is not None:
        torn = TornTail(step=raw.torn_step, offset=raw.end, size=raw.size - raw.end)
    return Save(header=header, annotations=notes, entries=entries, torn=torn)


def build_header(raw: RawSave) -> Header:
    """The header of a current-version RawSave, validated, its scenario's sha256 checked."""
    fields = {k: v for k, v in raw.header.items() if k not in ("format", "check", "annotations")}
    header = _valid(Header, fields, "header")
    if sha256_text(header.scenario.text) != header.scenario.sha256:
        raise SaveError(
            "scenario",
            "the embedded scenario text does not match its sha256: it was edited in the save",
        )
    return header


@functools.cache
def _entry_list() -> TypeAdapter[list[Entry]]:
    """Built on first use: its schema costs start-up time a command that reads no save saves."""
    return TypeAdapter(list[Entry])


def _valid_entries(entries: list[dict[str, Any]]) -> tuple[Entry, ...]:
    """Every entry validated in one call (one at a time costs a Python round trip each)."""
    try:
        return tuple(_entry_list().validate_python(entries))
    except ValidationError as exc:
        error = exc.errors()[0]
        index, *rest = error["loc"]
        step = int(index) + 1
        place = ".".join(str(part) for part in rest)
        message = f"{place}: {error['msg']}" if place else error["msg"]
        raise SaveError(f"step {step}", message, step) from None


def _valid(model: type[_M], data: Any, where: str, step: int | None = None) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(part) for part in error["loc"])
        raise SaveError(
            where, f"{place}: {error['msg']}" if place else error["msg"], step
        ) from None


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a save"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
