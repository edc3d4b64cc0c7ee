"""Durable file operations: what "the move is saved" means on disk.

An append is one write of the whole entry followed by fdatasync. A new file or a rewrite is
written to a temp file in the same folder, synced, then linked or renamed into place and
the folder synced, so the name always points at complete bytes. A recorder holds an
exclusive lock (flock) on its file, so two games never append to one save and a rewrite
never swaps the file out from under a live game.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sim.record.errors import SaveError
from sim.scenario.files import InputRefused, require_regular

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; saves there go unlocked
    fcntl = None  # type: ignore[assignment]


def append(fd: int, data: bytes) -> None:
    """Append data and return only once it is on disk (a short write is retried)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    sync(fd)


def sync(fd: int) -> None:
    """fdatasync where there is one: it also persists the new file size, which is enough."""
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:  # pragma: no cover - macOS and Windows
        os.fsync(fd)


def sync_folder(folder: Path) -> None:
    """Persist a folder's entries (a new or renamed file); a no-op where folders can't open."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def lock(fd: int) -> None:
    """Take the save's exclusive lock without waiting; a held lock means a live game."""
    if fcntl is None:  # pragma: no cover
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SaveError("file", "a running game is recording this save; stop it first") from None


def open_locked(path: Path, flags: int) -> int:
    """Open and lock path, checking the lock holds the file the name points at now.

    Only a regular file is opened, and without blocking: opening a FIFO would wait for
    a writer for ever.
    """
    for _ in range(3):  # a rewrite may rename a new file in between open and lock
        regular(os.stat(path).st_mode)
        fd = os.open(path, flags | os.O_NONBLOCK)
        try:
            regular(os.fstat(fd).st_mode)
            lock(fd)
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise SaveError("file", "the save kept being replaced while it was being opened")


def regular(mode: int) -> None:
    """Raise SaveError unless the file is a regular file (not a device, pipe or folder)."""
    try:
        require_regular(mode)
    except InputRefused as exc:
        raise SaveError("file", f"cannot open it: {exc.problem}") from None


def create(path: Path, data: bytes, *, replace: bool = False) -> int:
    """Put data at path atomically; return the new file open (read, append) and locked.

    With replace=False an existing file is never overwritten (FileExistsError).
    """
    folder = path.parent
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
    try:
        append(fd, data)
        lock(fd)
        if replace:
            os.replace(temp, path)
        else:
            _link(temp, path)
        sync_folder(folder)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return fd


def _link(temp: Path, path: Path) -> None:
    """Move temp to path unless path exists; a hard link makes the check and move one step."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # pragma: no cover - a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(temp, path)
        return
    os.unlink(temp)
