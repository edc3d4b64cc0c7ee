"""A row-cursor table whose home and end keys go to the first and last row.

DataTable's own home and end scroll sideways; in a list of projects or members a person
(and a scripted game) expects them to jump to the first or last row.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


class RowTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def wrap_column(self, key: str, width: int) -> None:
        """Give column `key` a fixed width; rows added with `height=None` wrap its words
        onto more lines instead of cutting them."""
        column = self.columns[ColumnKey(key)]
        column.width = max(1, width)
        column.auto_width = False
