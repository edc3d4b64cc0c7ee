"""Read a save file into a validated `Save`: size limit, version, checksums, models, scenario.

Every problem becomes a one-line `SaveError` naming the step or part; a torn final entry is
not an error here but is reported in `Save.torn`, because resuming after a crash wants the
rest of the file. Strict callers (`sim verify`) call `require_complete`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import ValidationError

from sim.record.errors import SaveError, TornSave
from sim.record.layout import RawSave
from sim.record.model import Annotation, Entry, Header, Save, TornTail, sha256_text
from sim.record.versions import PEEK, peek_version, read_current
from sim.scenario.files import InputRefused, os_message, read_limited
from sim.scenario.files import read_fd as read_limited_fd

# A 10,000-action save is about 3.5 MB and the largest scenario about 2 MB; anything this
# big is not a save, and reading it whole would only waste memory.
MAX_BYTES = 64 * 1024 * 1024
# Autoplay cuts a round at 400 actions, and the longest game has 240 rounds: no game the
# engine plays needs more entries than this (the recorder refuses to write more).
MAX_ENTRIES = 100_000
_M = TypeVar("_M", Header, Annotation, Entry)


def load_save(path: str | os.PathLike[str]) -> Save:
    """Read and check a save file; raise SaveError with one line naming the problem."""
    return parse_save(read_bytes(path))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, refusing what cannot be a save (a device, a pipe, too big) unread."""
    try:
        return read_limited(path, MAX_BYTES, "a save")
    except InputRefused as exc:
        raise SaveError("file", _not_a_save(exc.problem)) from None


def looks_like_save(path: str | os.PathLike[str]) -> bool:
    """Whether a file declares itself a Common Table save in its first lines (unread past
    them; a device or a pipe is never a save)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            head = os.pread(fd, PEEK, 0) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
    except OSError:
        return False
    try:
        peek_version(head)
    except SaveError as exc:
        return exc.where != "file"  # a damaged or newer save is still a save
    return True


def read_fd(fd: int) -> bytes:
    """The bytes of a save already open (and locked) at fd, from its start."""
    try:
        return read_limited_fd(fd, MAX_BYTES, "a save")
    except InputRefused as exc:
        raise SaveError("file", _not_a_save(exc.problem)) from None
    except OSError as exc:
        raise SaveError("file", f"cannot read it: {os_message(exc)}") from None


def _not_a_save(problem: str) -> str:
    if problem.startswith("the file is "):
        return f"{problem}, so this is not one"
    return f"cannot read it: {problem}"


def parse_save(data: bytes) -> Save:
    """Check a save's bytes and build its models; a torn final entry is kept in `torn`."""
    opened = open_save(data)
    entries = tuple(opened.entries())
    return Save(
        header=opened.header,
        annotations=opened.annotations,
        entries=entries,
        torn=opened.torn,
        written=opened.raw.written,
    )


def require_complete(save: Save) -> Save:
    """The save itself, or TornSave when its final entry was cut off (strict readers)."""
    if save.torn is not None:
        problem = f"{save.torn.message()}; resuming the save drops it and continues"
        raise TornSave(f"step {save.torn.step}", problem, save.torn.step)
    return save


class OpenedSave:
    """A save whose header is read and checked, and whose entries are read one at a time.

    `entries()` validates each entry as it is reached and, once they run out, checks what
    depends on their number (annotations' steps, the branch's fork step) and sets `torn`.
    So `sim verify` can stop at the first entry that fails without parsing the rest.
    """

    def __init__(self, raw: RawSave) -> None:
        self.raw = raw
        self.header = _header(raw.header)
        self.annotations = tuple(
            _valid(Annotation, note, f"annotation {n}")
            for n, note in enumerate(raw.header.get("annotations", []), start=1)
        )
        self.torn: TornTail | None = None
        self.last_over = False  # the last entry read says the game ended there

    def entries(self) -> Iterator[Entry]:
        count = 0
        for n, data in enumerate(self.raw.entries, start=1):
            if n > MAX_ENTRIES:
                raise SaveError.at_step(n, f"a save holds at most {MAX_ENTRIES:,} entries")
            count = n
            entry = _valid(Entry, data, f"step {n}", n)
            self.last_over = entry.over
            yield entry
        _check_steps(self.header, self.annotations, count)
        tail = self.raw.tail
        if tail.torn_step is not None:
            self.torn = TornTail(step=tail.torn_step, offset=tail.end, size=tail.size - tail.end)


def open_save(data: bytes) -> OpenedSave:
    """Check a save's size, version and header; its entries are read as they are asked for."""
    if len(data) > MAX_BYTES:
        raise SaveError("file", f"more than {MAX_BYTES // 1024 // 1024} MB: not a save")
    return OpenedSave(read_current(data))


def _header(doc: dict[str, Any]) -> Header:
    fields = {k: v for k, v in doc.items() if k not in ("format", "check", "annotations")}
    header = _valid(Header, fields, "header")
    if sha256_text(header.scenario.text) != header.scenario.sha256:
        raise SaveError(
            "scenario",
            "the embedded scenario text does not match its sha256: it was edited in the save",
        )
    return header


def _check_steps(header: Header, notes: tuple[Annotation, ...], count: int) -> None:
    """Annotations and the branch name steps the save holds."""
    for n, note in enumerate(notes, start=1):
        if note.step > count:
            raise SaveError(
                f"annotation {n}", f"it is on step {note.step}, but the save holds steps 0-{count}"
            )
    branch = header.branch
    if branch is not None and branch.fork_step > count:
        raise SaveError(
            "branch",
            f"it forks from its parent at step {branch.fork_step}, but holds only {count} steps",
        )


def _valid(model: type[_M], data: Any, where: str, step: int | None = None) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(part) for part in error["loc"])
        raise SaveError(
            where, f"{place}: {error['msg']}" if place else error["msg"], step
        ) from None
