"""Read an input file through a bounded reader: scenarios and saves alike.

`stat()` reports a size of 0 for devices and pipes, so a size check alone lets
`/dev/zero` fill memory and a FIFO block for ever. Every input is therefore checked to be
a regular file before it is opened, opened without blocking, checked again on the open
descriptor (the name may have been swapped in between), and read to at most `limit + 1`
bytes, so a file that grows while it is read is still refused.
"""

from __future__ import annotations

import os
import stat

# Reads are done in pieces of this size, so a refused file costs at most one piece more.
CHUNK = 1024 * 1024


class InputRefused(Exception):
    """An input that is not a readable regular file within the size limit; one line why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def os_message(exc: OSError) -> str:
    """An operating-system error in a few plain words."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a regular file"
    return "it is not a regular file"


def require_regular(mode: int) -> None:
    """Raise InputRefused unless `mode` (from stat) is a regular file's."""
    kind = _kind(mode)
    if kind is not None:
        raise InputRefused(kind)


def check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        most = f"{limit // 1024 // 1024} MB"
        raise InputRefused(f"the file is {megabytes(size)}; {what} is at most {most}")


def read_fd(fd: int, limit: int, what: str) -> bytes:
    """Up to `limit` bytes of an open regular file from its start; refuse anything more."""
    info = os.fstat(fd)
    require_regular(info.st_mode)
    check_size(info.st_size, limit, what)
    chunks: list[bytes] = []
    offset = 0
    while True:
        chunk = os.pread(fd, min(CHUNK, limit + 1 - offset), offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)
        # The file grew past the limit while being read (or lied about its size).
        check_size(offset, limit, what)


def read_limited(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputRefused says why not.

    `what` names the kind of file in the message, e.g. "a scenario".
    """
    try:
        require_regular(os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputRefused(os_message(exc)) from None
    try:
        return read_fd(fd, limit, what)
    except OSError as exc:
        raise InputRefused(os_message(exc)) from None
    finally:
        os.close(fd)
