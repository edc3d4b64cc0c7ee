"""The two lines on every game screen: where the partnership is, and what it takes to move on."""

from __future__ import annotations

import textwrap

from textual.content import Content
from textual.widgets import Static

from sim.debrief.names import plural
from sim.engine.view import SeatView
from sim.play.words import money, stage_title
from sim.scenario.words import FORMING_NAMED_HINT, MEMBER_HINT, MEMBER_PLACE_HINT, STAGE_HINT

NEXT = {"forming": "storming", "storming": "norming", "norming": "performing"}


def where_text(view: SeatView, saved: bool, width: int = 0) -> Content:
    """'NORMING · year 2/3 · round 2/4 (6 of 12) · time 4 · budget $120,000 · saved step 23',
    on one line of `width`: the round's place in the whole game goes first, then 'saved'."""
    years = view.total_rounds // max(1, view.rounds_per_year)
    stage = stage_title(view.stage).upper()
    whole = f" ({min(view.round, view.total_rounds)} of {view.total_rounds})"
    if view.convener is not None:
        seat = [f"time {view.convener.time_left}", f"budget {money(view.convener.budget)}"]
    else:
        seat = [f"you: {view.scenario.short(view.seat)}"]  # the header names it in full
    for overall, said in ((whole, saved), ("", saved), ("", False)):
        round_ = f"round {view.round_in_year}/{view.rounds_per_year}{overall}"
        step = f"saved step {view.steps}" if said else f"step {view.steps}"
        rest = " · ".join([f"year {view.year}/{years}", round_, *seat, step])
        if not width or len(stage) + 3 + len(rest) <= width:
            break
    return Content.from_markup("[b reverse] $stage [/b reverse] $rest", stage=stage, rest=rest)


# Lines the stage bar gives what it takes to move on (its first line says where the table is).
MOVE_ON_LINES = 2
# How the engine begins its reason while tensions are open: the list after it can be long.
OPEN_TENSIONS = "handle every open tension first"


def move_on_text(view: SeatView, width: int = 0) -> str:
    """What it takes to leave this stage, in the engine's own words (why Advance is off),
    in MOVE_ON_LINES lines of `width` when one is given: a long list of open tensions
    becomes their count, and anything still too long ends in whole words and '…'."""
    text = _move_on(view, view.stage_holds)
    if not width or _fits(text, width):
        return text
    reason = view.stage_holds or ""
    if reason.startswith(OPEN_TENSIONS):
        count = sum(1 for t in view.tensions if t.status == "open")
        short = f"{OPEN_TENSIONS} ({plural(count, 'tension')} open: the Tensions tab lists them)"
        text = _move_on(view, short)
        if _fits(text, width):
            return text
    words = text.split(" ")
    while words and not _fits(" ".join(words) + " …", width):
        words.pop()
    return " ".join(words) + " …"


def _fits(text: str, width: int) -> bool:
    return len(textwrap.wrap(text, width, break_long_words=False)) <= MOVE_ON_LINES


def _move_on(view: SeatView, advance_reason: str | None) -> str:
    stage = view.stage
    if view.over:
        return "The game is over: the scorecard says how the partnership did."
    hint = stage_hint(view)
    if stage in NEXT:
        if advance_reason is None:
            who = "press a" if view.is_convener else "the convener may move on"
            return f"✓ Ready for {NEXT[stage]}: {who}. Now: {hint}."
        if view.is_convener:
            return f"To move on to {NEXT[stage]}: {advance_reason}."
        if advance_reason.startswith(WAITING):
            return f"To move on to {NEXT[stage]}: {_you(view, advance_reason)}."
        # The reason is the convener's task; a member reads it as what the table waits for.
        return f"Next, {NEXT[stage]}: the convener must {advance_reason}."
    return (
        f"Performing until round {view.total_rounds} ends: {hint}. "
        "A trust shock can send the table back to storming."
    )


def stage_hint(view: SeatView) -> str:
    """What this seat does in this stage: the convener's work, or a member's, which
    depends first on whether it has a seat at the table."""
    if view.is_convener:
        if view.stage == "forming" and view.result is not None:
            return FORMING_NAMED_HINT
        return STAGE_HINT[view.stage]
    me = view.member.get(view.seat)
    if me is not None and view.stage != "adjourning":
        if me.invited is not None:
            return MEMBER_PLACE_HINT["invited"]
        if me.status != "table":
            return MEMBER_PLACE_HINT.get(me.status, MEMBER_PLACE_HINT["outside"])
    return MEMBER_HINT[view.stage]


WAITING = "a vote is open; waiting for "


def _you(view: SeatView, reason: str) -> str:
    """The reason as this seat reads it: its own name in the waiting list becomes 'you'."""
    if not reason.startswith(WAITING):
        return reason
    mine = view.scenario.short(view.seat)
    names = ["you" if n == mine else n for n in reason[len(WAITING) :].split(", ")]
    return WAITING + ", ".join(names)


class StageBar(Static):
    """Stage, year, round, the seat's time and budget, and the reason the stage holds."""

    shown: tuple[SeatView, bool] | None = None

    def show(self, view: SeatView, saved: bool) -> None:
        self.shown = (view, saved)
        # Before the first layout the bar will be as wide as the screen, less its padding.
        width = self.content_size.width or max(0, self.app.size.width - 2)
        where = where_text(view, saved, width)
        self.update(where + Content("\n") + Content(move_on_text(view, width)))

    def on_resize(self) -> None:
        if self.shown is not None:
            self.show(*self.shown)  # the first line is fitted to the width
