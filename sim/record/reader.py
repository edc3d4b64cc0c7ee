"""Read a save file into a validated `Save`: size limit, version, checksums, models, scenario.

Every problem becomes a one-line `SaveError` naming the step or part; a torn final entry is
not an error here but is reported in `Save.torn`, because resuming after a crash wants the
rest of the file. Strict callers (`sim verify`) call `require_complete`.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from sim.record.errors import SaveError, TornSave
from sim.record.layout import VERSIONS, RawSave, count_entries, last_entry, read_header
from sim.record.model import Annotation, Entry, Header, Save, TornTail, sha256_text
from sim.record.versions import PEEK, migrate, peek_version, read_current
from sim.scenario.files import InputRefused, os_message, read_limited
from sim.scenario.files import read_fd as read_limited_fd

# A 10,000-action save is about 3.5 MB and the largest scenario about 2 MB; anything this
# big is not a save, and reading it whole would only waste memory.
MAX_BYTES = 64 * 1024 * 1024
# Autoplay cuts a round at 400 actions, and the longest game has 240 rounds: no game the
# engine plays needs more entries than this (the recorder refuses to write more).
MAX_ENTRIES = 100_000
# Entries validated per pydantic call: large enough that the call's overhead vanishes,
# small enough that `sim verify` parses little past the first step that fails.
ENTRY_BATCH = 256
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
    version, doc, start, _ = _head(data)
    header = build_header(migrate(RawSave(version, doc)).header)
    require_same_rules(header)
    return Glance(header, count_entries(data, start))


def _head(data: bytes) -> tuple[int, dict[str, Any], int, str | None]:
    """A save's version, its checked header tables, where its entries begin, and the digest
    they are bound to."""
    version = peek_version(data)
    return version, *read_header(data, VERSIONS[version])


@dataclass(frozen=True)
class Summary:
    """What a list of saves says about one: its checked header, how many moves it holds,
    and where the last of them left the game (stage, round, whether it ended)."""

    header: Header
    steps: int
    stage: str | None
    round: int | None
    over: bool


def summarize(path: str | os.PathLike[str]) -> Summary:
    """A save's header and its last complete entry, each checked; SaveError if either is
    damaged. The entries between are not read: opening or verifying the save checks them."""
    data = read_bytes(path)
    version, doc, start, bound = _head(data)
    last = last_entry(data, start, bound)
    raw = migrate(RawSave(version, doc, iter([last] if last else [])))
    header = build_header(raw.header)
    for table in raw.entries:
        step = _valid(Entry, table, f"step {table['step']}", table["step"])
        return Summary(header, step.step, step.stage, step.round, step.over)
    return Summary(header, 0, None, None, False)


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
    """A save whose header is read and checked, and whose entries are read as they are asked for.

    `entries()` validates the entries a batch at a time (one pydantic call each) and yields
    them in order; a problem at a step is raised only once every step before it has been
    yielded, so a caller that stops at an earlier step (a replay that differs) reports that
    one, as if each entry had been read on its own. Once they run out it checks what depends
    on their number (annotations' steps, the branch's fork step) and sets `torn`. So `sim
    verify` stops within a batch of the first entry that fails without parsing the rest.
    """

    def __init__(self, raw: RawSave) -> None:
        self.raw = raw
        self.header = build_header(raw.header)
        self.annotations = tuple(
            _valid(Annotation, note, f"annotation {n}")
            for n, note in enumerate(raw.header.get("annotations", []), start=1)
        )
        self.torn: TornTail | None = None
        self.last_over = False  # the last entry read says the game ended there

    def entries(self) -> Iterator[Entry]:
        count = 0
        for batch, problem in _batches(self.raw.entries):
            valid, invalid = _valid_prefix(batch, count + 1)
            for entry in valid:
                self.last_over = entry.over
                yield entry
            count += len(valid)
            if invalid is not None:
                raise invalid
            if problem is not None:
                raise problem
        _check_steps(self.header, self.annotations, count)
        tail = self.raw.tail
        if tail.torn_step is not None:
            self.torn = TornTail(step=tail.torn_step, offset=tail.end, size=tail.size - tail.end)


def _batches(
    tables: Iterator[dict[str, Any]],
) -> Iterator[tuple[list[dict[str, Any]], SaveError | None]]:
    """The entries' tables in runs of ENTRY_BATCH, each with the problem that ended it early
    (a damaged entry, or one past MAX_ENTRIES), held back for its entries to go first."""
    n = 0
    while True:
        batch: list[dict[str, Any]] = []
        try:
            for table in tables:
                n += 1
                if n > MAX_ENTRIES:
                    raise SaveError.at_step(n, f"a save holds at most {MAX_ENTRIES:,} entries")
                batch.append(table)
                if len(batch) == ENTRY_BATCH:
                    break
        except SaveError as exc:
            yield batch, exc
            return
        if batch:
            yield batch, None
        if len(batch) < ENTRY_BATCH:
            return


def open_save(data: bytes) -> OpenedSave:
    """Check a save's size, version and header; its entries are read as they are asked for."""
    if len(data) > MAX_BYTES:
        raise SaveError("file", f"more than {MAX_BYTES // 1024 // 1024} MB: not a save")
    return OpenedSave(read_current(data))


def build_header(doc: dict[str, Any]) -> Header:
    """A current-version header's tables, validated, its scenario's sha256 checked."""
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


@functools.cache
def _entry_list() -> TypeAdapter[list[Entry]]:
    """Built on first use: its schema costs start-up time a command that reads no save saves."""
    return TypeAdapter(list[Entry])


def _valid_prefix(
    entries: list[dict[str, Any]], first: int = 1
) -> tuple[tuple[Entry, ...], SaveError | None]:
    """The entries validated in one call (one at a time costs a Python round trip each),
    numbered from step `first`: all of them, or those before the first bad one and the
    error one-at-a-time validation gives for it."""
    try:
        return tuple(_entry_list().validate_python(entries)), None
    except ValidationError as exc:
        error = exc.errors()[0]  # pydantic reports a list's items in order
        index, *rest = error["loc"]
        step = first + int(index)
        place = ".".join(str(part) for part in rest)
        message = f"{place}: {error['msg']}" if place else error["msg"]
        before = tuple(_entry_list().validate_python(entries[: int(index)]))
        return before, SaveError(f"step {step}", message, step)


def _valid(model: type[_M], data: Any, where: str, step: int | None = None) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(part) for part in error["loc"])
        raise SaveError(
            where, f"{place}: {error['msg']}" if place else error["msg"], step
        ) from None
