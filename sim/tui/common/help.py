"""The help screen (?): every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys the widgets themselves handle; they have no binding of ours to read.
MOVING_AROUND: list[tuple[str, str]] = [
    ("tab / shift+tab", "Move focus to the next / previous part of the screen"),
    ("↑ ↓ pgup pgdn", "Move through a list or table, scroll a text"),
    ("← →", "Switch tabs when the tab bar has focus"),
    ("enter", "Open the highlighted choice, press a button, open a filter list"),
    ("ctrl+p", "Command palette: open a scenario or jump to a tab by name"),
    ("ctrl+p in a game", "Every step by name, and every legal action spelled out (Do: …)"),
    ("1–9 in a dialog", "Pick that choice; ✗ marks a choice the rules do not allow now"),
    ("ctrl+q", "Quit, even while typing in a filter"),
    ("mouse", "Click a row to highlight it and again to open it; click tabs and filters"),
]
# Spelled out here because the footer's symbols are too terse for a key list.
SPELLED = {"enter": "enter", "escape": "escape"}


def key_names(app: App[object], binding: Binding, remapped: Mapping[str, str]) -> str:
    """All keys of a binding, e.g. '? / f1', as the keymap file set them."""
    keys = remapped.get(binding.id or "", binding.key)
    return " / ".join(
        SPELLED.get(key, app.get_key_display(Binding(key.strip(), ""))) for key in keys.split(",")
    )


def key_rows(
    app: App[object], bindings: Iterable[BindingType], remapped: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(keys, what it does [its id]) for each binding: the id is what a keymap file names."""
    return [
        (
            key_names(app, b, remapped),
            f"{b.tooltip or b.description} [{b.id}]" if b.id else b.tooltip or b.description,
        )
        for b in bindings
        if isinstance(b, Binding)
    ]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app and of every screen, grouped where they work."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(
        self,
        groups: list[tuple[str, Iterable[BindingType]]],
        rules: Iterable[str] = (),
        *,
        remapped: Mapping[str, str] | None = None,
        keymap_note: str = "",
    ) -> None:
        super().__init__()
        self.groups = groups
        self.rules = list(rules)
        self.remapped = dict(remapped or {})
        self.keymap_note = keymap_note

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        sections = [
            (title, key_rows(self.app, source, self.remapped)) for title, source in self.groups
        ]
        return [*sections, ("Moving around", MOVING_AROUND)]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("[b]Keys[/b] — escape or ? closes this help", id="help-title")
            with VerticalScroll(id="help-body"):
                if self.rules:
                    yield Static(
                        Content.from_markup("[b]The rules in brief[/b]"), classes="help-section"
                    )
                    for rule in self.rules:
                        yield Static(Content(f"• {rule}"), classes="help-rule")
                if self.keymap_note:
                    yield Static(Content(self.keymap_note), classes="help-rule")
                for title, rows in self.sections():
                    yield Static(
                        Content.from_markup("[b]$title[/b]", title=title), classes="help-section"
                    )
                    for key, what in rows:
                        with Horizontal(classes="help-row"):
                            yield Static(Content.from_markup("[b]$k[/b]", k=key), classes="key")
                            yield Static(Content(what), classes="what")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
