"""The event feed: what happened and why, in the engine's words, newest at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.content import Content
from textual.widgets import RichLog, Static

from sim.engine.notices import Notice
from sim.engine.view import SeatView

# A word before each line says what kind of thing happened, so the feed reads without colour.
TAGS = {
    "stage_changed": "Stage",
    "member_joined": "Member",
    "invite_declined": "Member",
    "result_named": "Result",
    "tension_surfaced": "Tension",
    "tension_handled": "Tension",
    "proposal_voted": "Vote",
    "pledged": "Pledge",
    "pledge_settled": "Ledger",
    "funded": "Fund",
    "measured": "Measure",
    "reflected": "Reflect",
    "year_closed": "Year",
    "scenario_event": "News",
    "midpoint_review": "Midpoint",
    "round_ended": "Round",
    "responded": "Response",
    "stopped": "Stop",
    "money_released": "Money",
    "governance_paid": "Money",
    "steering_named": "Steering",
    "sounded_out": "Learn",
    "invited": "Member",
    "asked_to_join": "Member",
    "walked_out": "Member",
    "deal_offered": "Deal",
    "deal_answered": "Deal",
    "deal_settled": "Deal",
}
LOUD = {"stage_changed", "scenario_event", "year_closed", "midpoint_review"}
MIN_WIDTH = 20  # the feed wraps at its pane's width, down to this many columns
# How the feed marks the seat's own organization where the engine's words name it, so a
# member finds itself in "The convener caucuses with State DOT, Riverton DOT, …".
OWN_STYLE = "bold underline"


def own_names(view: SeatView) -> tuple[str, ...]:
    """The names the feed marks for this seat: its organization's, in full and short (none
    for the convener, whom the engine's words call 'the convener')."""
    if view.is_convener:
        return ()
    return tuple(dict.fromkeys((view.scenario.name(view.seat), view.scenario.short(view.seat))))


def feed_line(event: Notice, own: Sequence[str] = ()) -> Text:
    tag = TAGS.get(event.kind, event.kind.replace("_", " ").capitalize())
    line = Text(f"r{event.round:<2} {tag:<8} ", style="dim")
    line.append(event.text, style="bold" if event.kind in LOUD else "")
    line.highlight_words(own, OWN_STYLE)
    return line


class Feed(RichLog):
    """The whole feed; it writes only the events it has not shown yet."""

    def __init__(self, *, id: str | None = None) -> None:
        # min_width: RichLog wraps at 78 columns at least, which a narrow pane then clips.
        super().__init__(
            id=id,
            wrap=True,
            markup=False,
            highlight=False,
            auto_scroll=True,
            min_width=MIN_WIDTH,
        )
        self.written = 0

    def on_mount(self) -> None:
        # It may mount late, in a hidden tab: catch up with the game at once.
        app = self.app
        if getattr(app, "in_game", False):
            view = app.driver.view  # type: ignore[attr-defined]
            self.sync(view.feed, own_names(view))

    def sync(self, events: Sequence[Notice], own: Sequence[str] = ()) -> None:
        for event in events[self.written :]:
            self.write(feed_line(event, own))
        self.written = len(events)


def strip_text(
    events: Sequence[Notice],
    lines: int = 3,
    width: int | None = None,
    own: Sequence[str] = (),
) -> Content:
    """The latest events that matter, skipping the routine 'round ends' lines; given the
    strip's `width`, only as many as fit whole in `lines` wrapped lines (at least one)."""
    notable = [e for e in events if e.kind != "round_ended"][-lines:]
    if not notable:
        return Content("Nothing has happened yet: your move.")
    shown = [Content.from_rich_text(feed_line(e, own)) for e in notable]
    if width:
        used = 0
        kept: list[Content] = []
        for line in reversed(shown):
            used += len(line.wrap(width))
            if kept and used > lines:
                break
            kept.insert(0, line)
        shown = kept
    return Content("\n").join(shown)


class FeedStrip(Static):
    """The latest events under the table, always in view, wrapped to the strip's width."""

    events: Sequence[Notice] = ()
    lines = 3
    own: Sequence[str] = ()

    def show(self, events: Sequence[Notice], lines: int = 3, own: Sequence[str] = ()) -> None:
        self.events, self.lines, self.own = events, lines, own
        self.on_resize()

    def on_resize(self) -> None:
        width = self.content_size.width or None
        self.update(strip_text(self.events, self.lines, width, self.own))
