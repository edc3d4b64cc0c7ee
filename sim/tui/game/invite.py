"""Pick an organization to invite: type part of its name, then enter (or arrows and enter)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sim.engine.view import SeatView
from sim.play.public import sector_label
from sim.scenario.words import MEMBER_STATUS, REPRESENTATIVE


def invitable(view: SeatView, needle: str = "") -> list[str]:
    """Organizations an invitation could still reach, best match first.

    An exact short name ranks first, then a name with a word that starts with the text,
    then any name holding it: typing `port` picks the Port before the Department of
    Transportation, whose name only holds those letters inside a word.
    """
    public = view.scenario
    text = needle.strip().casefold()
    found: list[tuple[int, int, str]] = []
    for org in public.organizations:
        member = view.member[org.id]
        if member.status == "left" or member.representative == "decision_maker":
            continue
        names = (org.id, (org.short or "").casefold(), org.name.casefold())
        if text and not any(text in n for n in names):
            continue
        found.append((_rank(text, names), public.index[org.id], org.id))
    return [org for _, _, org in sorted(found)]


def _rank(text: str, names: tuple[str, ...]) -> int:
    """0 an exact name, 1 a word starting with the text, 2 the text inside a word."""
    if not text or text in names[:2]:
        return 0
    words = [w for n in names for w in n.replace("-", " ").split()]
    return (
        1 if any(w.startswith(text) for w in words) or any(n.startswith(text) for n in names) else 2
    )


class InviteDialog(ModalScreen[str | None]):
    """Organizations outside the table (or there, to ask for someone more senior)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="invite.cancel", tooltip="Close without inviting"),
        Binding("down", "to_list", "List", show=False, id="invite.list"),
    ]

    def __init__(self, view: SeatView) -> None:
        super().__init__(classes="dialog-screen")
        self.seat_view = view
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Static(
                Content.from_markup("[b]Invite a member[/b] — whom do you ask to the table?"),
                classes="dialog-title",
            )
            yield Input(placeholder="Type part of a name, then enter", id="invite-filter")
            yield OptionList(id="invite-list", classes="dialog-list")
            yield Static(
                "enter picks the first match · ↓ to the list · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _label(self, org: str) -> Content:
        member = self.seat_view.member[org]
        spec = self.seat_view.scenario.orgs[org]
        where = MEMBER_STATUS[member.status]
        if member.representative and member.status == "table":
            where += f", sends a {REPRESENTATIVE[member.representative]}"
        if member.requested:
            where = f"asks to join, offering a {REPRESENTATIVE[member.requested]}"
        elif member.invited:
            where = "invited, yet to answer"
        return Content.from_markup(
            "$name [dim]· $sector · $where[/dim]",
            name=spec.name,
            sector=sector_label(spec.sector),
            where=where,
        )

    def _fill(self, needle: str) -> None:
        self.shown = invitable(self.seat_view, needle)
        options = self.query_one(OptionList)
        options.set_options(Option(self._label(org), id=org) for org in self.shown)
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown:
            self.dismiss(self.shown[0])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
