"""The table: the main game screen. Stage and what it takes to move on, meters, your move,
the members, the tensions and the event feed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.lazy import Lazy
from textual.widgets import DataTable, Header, Input, OptionList, TabbedContent, TabPane

from sim.engine import actions as A
from sim.tui.commands import TableCommands
from sim.tui.common.footer import FitFooter
from sim.tui.game import flows, member_flows
from sim.tui.game.member_flows import own_org
from sim.tui.game.member_panel import MemberPanel
from sim.tui.game.screen import GameScreen
from sim.tui.game.widgets.decisions import DecisionList, decisions
from sim.tui.game.widgets.feed import Feed, FeedStrip, own_names
from sim.tui.game.widgets.members import MemberTable
from sim.tui.game.widgets.meters import Meters
from sim.tui.game.widgets.stage_bar import StageBar
from sim.tui.game.widgets.tensions import TensionTable
from sim.tui.messages import LeaveGame

TABS = ("members", "tensions", "feed")
# The tab keys show in the footer as one entry, "123 Tabs".
TAB_KEYS = Binding.Group("Tabs", compact=True)
# Actions only the convener takes, and those only a person holding an organization takes.
CONVENER_ONLY = {
    "invite",
    "result",
    "reflect",
    "advance",
    "skip",
    "respond",
    "sound_out",
    "steering",
}
MEMBER_ONLY = {"vote", "pledge", "join", "ask_to_join", "deliver", "walk_out"}


def _b(key: str, action: str, text: str, tip: str, *, show: bool = True, **kw: object) -> Binding:
    return Binding(key, action, text, show=show, id=f"table.{action}", tooltip=tip, **kw)  # type: ignore[arg-type]


class TableScreen(GameScreen):
    """Everything a seat needs to play, on one screen; each key opens one step of play."""

    PLACE = "table"
    # Focus lands on the move list when the screen first shows, with no focus change after.
    AUTO_FOCUS = "#decisions"
    COMMANDS: ClassVar = {TableCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        _b("i", "invite", "Invite", "Invite an organization to the table"),
        _b("j", "join", "Join", "Answer the invitation: whom you send, or decline"),
        _b("k", "ask_to_join", "Ask to join", "Ask the convener for a seat at the table"),
        _b("r", "result", "Result", "Name the specific measurable result (forming)"),
        _b(
            "h",
            "tension",
            "Tension",
            "Handle a tension (convener) or raise one you are party to (member)",
        ),
        _b("y", "steering", "Steering", "Name an interim steering committee (forming)"),
        _b("u", "sound_out", "Sound out", "Meet a member to learn where it stands"),
        _b("m", "member", "Member", "Everything you know about the highlighted member"),
        _b("g", "agreement", "Agreement", "The agreement editor: issues, options, votes"),
        _b("f", "allocation", "Allocation", "The allocation editor: fund, measure, the ledger"),
        _b("c", "reflect", "Reflect", "Spend time on one problem-solving behavior"),
        _b("n", "respond", "Respond", "Answer news that landed this round: absorb, rally, replace"),
        _b("a", "advance", "Advance", "Move to the next stage when its guard allows"),
        _b("s", "skip", "Skip", "Skip from forming straight to performing (asks first)"),
        _b("e", "end_round", "End round", "End this round: bots act, money moves"),
        _b("v", "vote", "Vote", "Vote on the proposal that waits for you"),
        _b("p", "pledge", "Pledge", "Pledge money for this year"),
        _b("d", "deliver", "Deliver", "Deliver this year's pledge, in full or not"),
        _b("x", "deals", "Deals", "Offer a side deal, or answer one offered to you"),
        _b("w", "walk_out", "Walk out", "Leave the partnership for your BATNA (asks first)"),
        _b("b", "briefing", "Brief", "Read the briefing and your confidential brief again"),
        _b("1", "tab('members')", "Members", "Show the members tab", group=TAB_KEYS),
        _b("2", "tab('tensions')", "Tensions", "Show the tensions tab", group=TAB_KEYS),
        _b("3", "tab('feed')", "Feed", "Show the whole event feed", group=TAB_KEYS),
        _b("o", "sort", "Sort", "Sort the members another way"),
        _b(
            "slash",
            "filter",
            "Filter",
            "Type part of a member's name",
            key_display="/",
            priority=True,
        ),
        _b("escape", "leave", "Leave", "Leave this game for the home screen (it is saved)"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StageBar(id="stage-bar")
        yield Meters(id="meters")
        with Horizontal(id="table-body"):
            yield DecisionList(id="decisions")
            with TabbedContent(id="table-tabs"):
                with TabPane("Members", id="members"):
                    yield MemberTable(self.view.scenario, id="members-view")
                # Hidden tabs mount after the first frame, so the table appears sooner.
                with TabPane("Tensions", id="tensions"):
                    yield Lazy(TensionTable(id="tensions-table"))
                with TabPane("Feed", id="feed"):
                    yield Lazy(Feed(id="feed-log"))
        yield FeedStrip(id="feed-strip")
        yield FitFooter(compact=True)

    def on_mount(self) -> None:
        self.fit_header()
        self.refresh_game()

    def headline(self) -> tuple[str, str]:
        return self.view.scenario.info.title, f"{{seat}} · seed {self.view.seed}"

    def refresh_game(self) -> None:
        view = self.view
        self.query_one(StageBar).show(view, self.game.saved is not None)
        self.query_one(Meters).show(view)
        self.query_one(DecisionList).show(decisions(view))
        self.query_one(MemberTable).show(view)
        for tensions in self.query(TensionTable):
            tensions.show(view)
        own = own_names(view)
        for log in self.query(Feed):
            log.sync(view.feed, own)
        self.query_one(FeedStrip).show(view.feed, 3 if self.size.height >= 30 else 2, own)
        self.refresh_keys()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        convener = view.is_convener
        if action in CONVENER_ONLY and not convener:
            return False
        if action in MEMBER_ONLY and convener:
            return False
        member = view.member.get(view.seat)
        if action == "join":
            return member is not None and member.invited is not None
        if action == "ask_to_join":
            return member is not None and member.status != "table" and member.invited is None
        if action == "deals":
            return own_org(view) is not None
        # Every other key acts, or says why it cannot now.
        return True

    @on(OptionList.OptionSelected, "#decisions")
    async def _decision(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = event.option_id or ""
        if name == "scorecard":
            self.go("scorecard")
        else:
            await self.run_action(name)

    @on(DataTable.RowSelected, "#tensions-table")
    def _tension_row(self, event: DataTable.RowSelected) -> None:
        tension = str(event.row_key.value)
        found = self.view.tension.get(tension)
        if self.view.is_convener and found is not None and found.status == "open":
            flows.handle_tension(self, tension)

    @on(DataTable.RowSelected, "#members-table")
    def _member_row(self, event: DataTable.RowSelected) -> None:
        if self.view.is_convener:
            flows.invite(self, str(event.row_key.value))
        else:
            self.show_member(str(event.row_key.value))

    def show_member(self, org: str) -> None:
        def then(step: str | None) -> None:
            if step == "invite":
                flows.invite(self, org)
            elif step == "sound_out":
                flows.sound_out(self, org)

        self.app.push_screen(MemberPanel(self.view, org), then)

    def action_member(self) -> None:
        members = self.query_one(MemberTable)
        org = members.highlighted
        if org is None:
            self.notify("Not now: no member is highlighted (1 shows the members).", timeout=3)
            return
        self.show_member(org)

    def action_steering(self) -> None:
        flows.name_steering(self)

    def action_join(self) -> None:
        member_flows.join(self)

    def action_ask_to_join(self) -> None:
        member_flows.ask_to_join(self)

    def action_sound_out(self) -> None:
        members = self.query_one(MemberTable)
        org = members.highlighted if self.focused is members.table else None
        if org is not None and self.view.member[org].status != "table":
            org = None
        flows.sound_out(self, org)

    def action_deliver(self) -> None:
        member_flows.deliver(self)

    def action_deals(self) -> None:
        member_flows.deals(self)

    def action_walk_out(self) -> None:
        member_flows.walk_out(self)

    def action_invite(self) -> None:
        members = self.query_one(MemberTable)
        org = members.highlighted if self.focused is members.table else None
        if org is not None and self.view.member[org].status == "left":
            org = None
        flows.invite(self, org)

    def action_result(self) -> None:
        flows.name_result(self)

    def action_tension(self) -> None:
        if self.view.is_convener:
            flows.handle_tension(self)
        else:
            member_flows.raise_tension(self)

    def action_agreement(self) -> None:
        self.go("agreement")

    def action_allocation(self) -> None:
        self.go("allocation")

    def action_respond(self) -> None:
        flows.respond(self)

    def action_reflect(self) -> None:
        flows.reflect(self)

    def action_advance(self) -> None:
        self.submit(A.Advance())

    def action_skip(self) -> None:
        flows.skip(self)

    def action_end_round(self) -> None:
        self.submit(A.EndRound())

    def action_vote(self) -> None:
        flows.vote(self)

    def action_pledge(self) -> None:
        flows.pledge(self)

    def action_briefing(self) -> None:
        self.go("briefing")

    def action_tab(self, tab: str) -> None:
        if tab not in TABS:
            return
        self.query_one(TabbedContent).active = tab
        focus = {"members": "#members-table", "tensions": "#tensions-table", "feed": "#feed-log"}
        self.set_focus(self.query_one(focus[tab]))

    def action_sort(self) -> None:
        self.query_one(TabbedContent).active = "members"
        self.query_one(MemberTable).cycle_sort()

    def action_filter(self) -> None:
        name = self.query_one("#members-name", Input)
        if self.focused is name:
            name.insert_text_at_cursor("/")
            return
        self.query_one(TabbedContent).active = "members"
        self.query_one(MemberTable).focus_name_filter()

    def action_leave(self) -> None:
        name = self.query("#members-name")
        if name and self.focused is name.first():
            # Escape in the name filter clears it and goes back to the table, not home.
            name.first(Input).value = ""
            self.set_focus(self.query_one(MemberTable).table)
            return
        self.post_message(LeaveGame())
