"""Rewrites of a save (annotations): a whole new file, synced, then renamed over the old one.

A rewrite reads the save, checks it, and writes it back in the current format with the
change; it holds the save's lock throughout, so it never races a game that is recording.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.record import durable
from sim.record.errors import SaveError
from sim.record.layout import entry_text, header_text
from sim.record.model import Annotation, Save, now
from sim.record.reader import parse_save, read_fd


def annotate(path: str | os.PathLike[str], step: int, author: str, text: str) -> Annotation:
    """Add an instructor's note on `step` of a save that no game is recording now."""
    file = Path(path)
    try:
        fd = durable.open_locked(file, os.O_RDONLY)
    except OSError as exc:
        raise SaveError("file", f"cannot open it: {exc.strerror or exc}") from None
    try:
        note, new_fd = add_annotation(fd, file, step, author, text)
        os.close(new_fd)
    finally:
        os.close(fd)
    return note


def add_annotation(
    fd: int, path: Path, step: int, author: str, text: str
) -> tuple[Annotation, int]:
    """Rewrite the locked save open at fd with one more note; return it and the new fd."""
    save = parse_save(read_fd(fd))
    if not 0 <= step <= len(save.entries):
        raise SaveError("annotation", f"step {step} is not in the save (0-{len(save.entries)})")
    note = Annotation(step=step, author=author, text=text, time=now())
    new = save.model_copy(update={"annotations": (*save.annotations, note)})
    return note, replace(path, new)


def replace(path: Path, save: Save) -> int:
    """Write `save` over path atomically; return the new file open, locked, for appending.

    A torn final entry is not carried over: it was never acknowledged.
    """
    text = header_text(save.header, save.annotations)
    data = (text + "".join(entry_text(entry) for entry in save.entries)).encode("utf-8")
    try:
        return durable.create(path, data, replace=True)
    except OSError as exc:
        raise SaveError("file", f"cannot rewrite {path}: {exc.strerror or exc}") from None
