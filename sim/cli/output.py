"""Writing a command's output file without ever destroying what the person meant to keep.

`sim report -o` and `sim schema -o` write here. A file named as input is never
overwritten, nor is a save (a game record is not replaceable by a report, whatever the
flags say); any other existing file only with `--force`. The text is written to a temp
file beside the target and renamed over it, so a failed write leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


class OutputRefused(Exception):
    """The output file may not be written; the message says why and what to do."""

    def __init__(self, message: str, usage: bool = True) -> None:
        super().__init__(message)
        self.usage = usage  # a refused choice of file is a usage error (exit 2)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_output(
    path: Path,
    inputs: Iterable[Path],
    force: bool,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Raise OutputRefused unless writing `path` loses nothing the person meant to keep.

    `replaceable` says which existing files the command may replace without --force (an
    older copy of its own output, such as the previous schema).
    """
    from sim.record.reader import looks_like_save

    for source in inputs:
        if _same(path, source):
            raise OutputRefused(f"-o {path} is {source}, an input of this command; write elsewhere")
    if path.is_dir():
        raise OutputRefused(f"-o {path} is a folder; name a file")
    if not path.exists() and not path.is_symlink():
        return
    if looks_like_save(path):
        raise OutputRefused(f"-o {path} is a saved game; a save is never overwritten")
    if not force and not (replaceable is not None and replaceable(path)):
        raise OutputRefused(f"-o {path} exists; add --force to overwrite it")


def write_output(path: Path, text: str) -> None:
    """Write text to path atomically (temp file beside it, then rename); OSError on failure."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
