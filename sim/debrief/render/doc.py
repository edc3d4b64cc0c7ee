"""A report as a list of plain blocks, so Markdown and HTML render the same content.

The report builders decide what to say; the renderers only decide how it looks. Text in
blocks is plain (no markup): each renderer escapes it for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a bold lead-in, e.g. "M1 · step 15"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns to right-align
    note_rows: tuple[int, ...] = ()  # rows that are instructors' notes, styled apart


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # the article it is quoted from, as the debrief cites it


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """A line chart over steps: series, an optional target line, and marked steps."""

    title: str
    steps: tuple[int, ...]  # the x of each value
    series: tuple[Series, ...]
    unit: str = ""
    target: float | None = None
    marks: tuple[tuple[int, str], ...] = ()  # (step, label): key moments
    caption: str = ""


Block = Heading | Para | Bullets | Table | Quote | Chart


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
