"""Instructors' notes on steps: add, edit and delete, each saved into the save atomically.

Adding is `rewrite.annotate`; editing and deleting rewrite the save the same way
(whole new file, synced, renamed over the old one, under the save's lock), so a note is
never half-written and never races a game that is still recording.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path

from sim.record import durable
from sim.record.errors import SaveError
from sim.record.model import Annotation, Save, now
from sim.record.reader import parse_save, read_fd
from sim.record.rewrite import annotate, replace


def default_author() -> str:
    """Who is writing: $SIM_AUTHOR, else the login name, else "instructor"."""
    name = os.environ.get("SIM_AUTHOR", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "instructor"
    except (KeyError, OSError):
        return "instructor"


def add_note(path: Path, step: int, text: str, author: str | None = None) -> Annotation:
    return annotate(path, step, author or default_author(), _clean(text))


def edit_note(path: Path, note: Annotation, text: str) -> Annotation:
    """Replace a note's text; it keeps its step and author and takes the time of the edit."""
    edited = note.model_copy(update={"text": _clean(text), "time": now()})

    def change(notes: list[Annotation]) -> None:
        notes[_index(notes, note)] = edited

    _rewrite(path, change)
    return edited


def delete_note(path: Path, note: Annotation) -> None:
    def change(notes: list[Annotation]) -> None:
        del notes[_index(notes, note)]

    _rewrite(path, change)


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise SaveError("annotation", "a note needs some text")
    return text


def _index(notes: list[Annotation], note: Annotation) -> int:
    for n, candidate in enumerate(notes):
        if candidate == note:
            return n
    raise SaveError("annotation", f"the note on step {note.step} is no longer in the save")


def _rewrite(path: Path, change: Callable[[list[Annotation]], None]) -> None:
    try:
        fd = durable.open_locked(path, os.O_RDONLY)
    except OSError as exc:
        raise SaveError("file", f"cannot open it: {exc.strerror or exc}") from None
    try:
        save: Save = parse_save(read_fd(fd))
        notes = list(save.annotations)
        change(notes)
        os.close(replace(path, save.model_copy(update={"annotations": tuple(notes)})))
    finally:
        os.close(fd)
