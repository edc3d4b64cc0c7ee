"""The allocation editor (performing): projects, the streams and their rules, and the ledger.

A project's effect is the nominal one until it is measured; measuring shows what the
funded units really deliver, which is how the table learns what works.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from sim.engine.actions import EndRound
from sim.engine.public import PublicScenario
from sim.engine.view import SeatView
from sim.play.public import sector_label
from sim.play.words import money
from sim.scenario.models import GrantStream, LoanStream, ResultMetric
from sim.tui.common.footer import FitFooter
from sim.tui.common.rows import RowTable
from sim.tui.game import flows
from sim.tui.game.screen import GameScreen
from sim.tui.game.widgets.stage_bar import StageBar

# Column room at the screen's width: the projects' number columns other than the two
# named for the result's unit (cost 9, ± 3, units 5, measured 8, with the padding of all
# seven and a scrollbar), and the streams' Left column with padding and a scrollbar.
# Names wrap in what is left.
NUMBERS = 42
NAME_MIN = 14
STREAM_FIXED = 20
WIDE = 120  # the width assumed before the first layout


def unit_headings(unit: str, width: int) -> tuple[str, str]:
    """The effect and cost-per-effect headings, in the unit's words: all of them where the
    table fits the width so, else its first word ("homes/unit", "$ per home")."""
    unit = unit.split("/")[0]
    first = unit.split()[0] if unit.split() else unit
    for words in (unit, first):
        one = words[:-1] if words.endswith("s") else words
        headings = (f"{words}/unit", f"$ per {one}")
        if width - NUMBERS - sum(map(len, headings)) >= NAME_MIN:
            break
    return headings


def metric_of(view: SeatView) -> ResultMetric:
    """The named result's metric, or the scenario's first before one is named."""
    public = view.scenario
    return public.metric[view.result[0]] if view.result else public.results[0]


def stream_rules(public: PublicScenario, stream_id: str) -> str:
    stream = public.stream[stream_id]
    parts = []
    if isinstance(stream, GrantStream):
        parts.append(
            f"needs a {stream.match_share:.0%} local match" if stream.match_share else "no match"
        )
    if isinstance(stream, LoanStream):
        parts.append(f"a loan at {stream.rate:.1%}: only projects that earn revenue")
    eligible = stream.eligible
    if eligible:
        names = [public.project[p].name.split(" (")[0] for p in eligible if p in public.project]
        parts.append("only: " + ", ".join(names))
    else:
        parts.append("any project")
    return "; ".join(parts)


def project_detail(view: SeatView, project_id: str) -> str:
    public = view.scenario
    spec = public.project[project_id]
    need = spec.lead
    lead = []
    if need.sectors:
        lead.append(" or ".join(sector_label(x) for x in need.sectors))
    if need.organizations:
        lead.append(" or ".join(public.short(o) for o in need.organizations))
    who = " · ".join(lead) or "any member"
    doer = "a doer or decision-maker, " if need.doer else ""
    lines = [
        f"{spec.name}: {spec.description.strip()}" if spec.description else spec.name,
        f"Lead: {who}, with {doer}{need.staff:g} staff free. Lasts {spec.lifetime_years} years."
        f" Co-benefits: equity {spec.co_benefits.equity}, health {spec.co_benefits.health},"
        f" congestion {spec.co_benefits.congestion}, jobs {spec.co_benefits.jobs} (of 5).",
    ]
    state = view.project[project_id]
    if state.estimate is not None and state.studied is not None:
        unit = f" {public.metric[view.result[0]].unit}" if view.result else ""
        again = state.studied + view.rounds_per_year
        if again > view.total_rounds:
            when = "the game ends before another study"
        elif view.round >= again:
            when = "a new study is due now (m)"
        else:
            when = f"a new study from round {again}"
        lines.append(
            f"Measured in round {state.studied}: delivering about {state.estimate:,.1f}{unit}; "
            f"{when}."
        )
    return "\n".join(lines)


def ledger_state(pledged: float, delivered: float | None) -> str:
    """Whether a pledge was kept, in words: the ledger never relies on colour."""
    if delivered is None:
        return "due"
    if delivered >= pledged - 0.01:
        return "✓ kept"
    return f"✗ short {money(pledged - delivered)}"


# The tab keys show in the footer as one entry, "12 Tabs".
TAB_KEYS = Binding.Group("Tabs", compact=True)


class AllocationScreen(GameScreen):
    """Highlight a project; f funds it from a stream, m measures it. Tabs: streams, ledger."""

    PLACE = "allocation"
    headings: tuple[str, str] = ("", "")  # the unit's two column headings, set on mount
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Table", id="allocation.back", tooltip="Back to the table"),
        Binding(
            "f",
            "fund",
            "Fund",
            id="allocation.fund",
            tooltip="Fund units of the highlighted project from a stream",
        ),
        Binding(
            "m",
            "measure",
            "Measure",
            id="allocation.measure",
            tooltip="Pay to measure what the highlighted project really delivers",
        ),
        Binding(
            "s",
            "stop",
            "Stop",
            id="allocation.stop",
            tooltip="Stop the highlighted project: its unpaid money goes back (asks first)",
        ),
        Binding("e", "end_round", "End round", id="allocation.end_round", tooltip="End this round"),
        Binding(
            "p", "pledge", "Pledge", id="allocation.pledge", tooltip="Pledge money for this year"
        ),
        Binding(
            "1",
            "tab('streams')",
            "Streams",
            group=TAB_KEYS,
            id="allocation.streams",
            tooltip="Show the funding streams and their rules",
        ),
        Binding(
            "2",
            "tab('ledger')",
            "Ledger",
            group=TAB_KEYS,
            id="allocation.ledger",
            tooltip="Show the commitment ledger: pledged and delivered",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StageBar(id="stage-bar")
        yield RowTable(id="projects-table")
        yield Static(id="project-detail")
        with TabbedContent(id="allocation-tabs"):
            with TabPane("Streams", id="streams"):
                yield RowTable(id="streams-table")
            with TabPane("Ledger", id="ledger"):
                yield RowTable(id="ledger-table")
        yield FitFooter(compact=True)

    def headline(self) -> tuple[str, str]:
        return "Allocation editor", self.view.scenario.info.title

    def width_now(self) -> int:
        """The screen's width; before its first layout, the terminal's."""
        return self.size.width or self.app.size.width or WIDE

    def on_mount(self) -> None:
        self.fit_header()
        effect, per = self.headings = unit_headings(metric_of(self.view).unit, self.width_now())
        projects = self.query_one("#projects-table", DataTable)
        for key, label in (
            ("name", "Project"),
            ("cost", "Cost/unit"),
            ("effect", effect),
            ("per", per),
            ("spread", "±"),
            ("units", "Units"),
            ("measured", "Measured"),
        ):
            projects.add_column(label, key=key)
        streams = self.query_one("#streams-table", DataTable)
        for key, label in (("name", "Stream"), ("left", "Left"), ("rules", "Rules")):
            streams.add_column(label, key=key)
        ledger = self.query_one("#ledger-table", DataTable)
        for key, label in (
            ("member", "Member"),
            ("year", "Year"),
            ("pledged", "Pledged"),
            ("delivered", "Delivered"),
            ("kept", "Kept?"),
        ):
            ledger.add_column(label, key=key)
        self.refresh_game()
        projects.focus()

    @property
    def project(self) -> str | None:
        projects = self.view.scenario.projects
        table = self.query_one("#projects-table", DataTable)
        if not projects or table.cursor_row < 0:
            return None
        return projects[min(table.cursor_row, len(projects) - 1)].id

    def refresh_game(self) -> None:
        view = self.view
        public = view.scenario
        self.query_one(StageBar).show(view, self.game.saved is not None)
        metric = metric_of(view)
        table = self.query_one("#projects-table", RowTable)
        row = table.cursor_row
        table.clear()
        # Names wrap onto a second line rather than lose words; the numbers keep one line.
        longest = max((len(p.name) for p in public.projects), default=NAME_MIN)
        numbers = NUMBERS + sum(map(len, self.headings))
        room = max(NAME_MIN, self.width_now() - numbers)
        table.wrap_column("name", min(longest, room))
        for p in public.projects:
            cost = view.project[p.id].unit_cost
            effect = public.per_unit(p, metric)
            per = money(cost / effect) if effect > 0 else "—"
            measured = [b for b in view.batches if b.project == p.id and b.measured]
            table.add_row(
                Text(p.name),
                Text(money(cost), justify="right"),
                Text(f"{effect:,.3g}", justify="right"),
                Text(per, justify="right"),
                Text(f"{p.uncertainty:.0%}", justify="right"),
                Text(f"{view.project[p.id].funded}/{p.max_units}", justify="right"),
                Text("yes" if measured else "no"),
                key=p.id,
                height=None,
            )
        if public.projects:
            table.move_cursor(row=min(max(row, 0), len(public.projects) - 1), animate=False)
        streams = self.query_one("#streams-table", RowTable)
        streams.clear()
        names = max((len(x.name) for x in public.streams), default=0)
        width = self.width_now()
        streams.wrap_column("name", min(names, width // 3))
        streams.wrap_column("rules", width - min(names, width // 3) - STREAM_FIXED)
        for stream in public.streams:
            streams.add_row(
                Text(stream.name),
                Text(money(view.stream[stream.id].balance), justify="right"),
                Text(stream_rules(public, stream.id)),
                key=stream.id,
                height=None,
            )
        ledger = self.query_one("#ledger-table", DataTable)
        ledger.clear()
        for n, p in enumerate(view.ledger):
            ledger.add_row(
                Text(public.name(p.organization)),
                Text(str(p.year), justify="right"),
                Text(money(p.pledged), justify="right"),
                Text("—" if p.delivered is None else money(p.delivered), justify="right"),
                Text(ledger_state(p.pledged, p.delivered)),
                key=str(n),
            )
        self._detail()
        self.refresh_keys()

    @on(DataTable.RowHighlighted, "#projects-table")
    def _highlighted(self) -> None:
        self._detail()

    @on(DataTable.RowSelected, "#projects-table")
    def _selected(self) -> None:
        if self.view.is_convener:
            self.action_fund()

    def _detail(self) -> None:
        project = self.project
        if project is None:
            return
        view = self.view
        text = project_detail(view, project)
        lead = view.project[project].lead
        who = view.scenario.name(lead) if lead else "no member at the table can, now"
        self.query_one("#project-detail", Static).update(Content(f"Would be led by: {who}. {text}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "stop":
            return view.is_convener
        # Each seat's keys stay live: pressed when the move is off, they say why.
        if action in ("fund", "measure"):
            return view.is_convener
        if action == "pledge":
            return not view.is_convener
        return True

    def action_fund(self) -> None:
        if self.project is not None:
            flows.fund(self, self.project)

    def action_measure(self) -> None:
        if self.project is not None:
            flows.measure(self, self.project)

    def action_stop(self) -> None:
        if self.project is not None:
            flows.stop(self, self.project)

    def action_pledge(self) -> None:
        flows.pledge(self)

    def action_end_round(self) -> None:
        self.submit(EndRound())

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.set_focus(self.query_one(f"#{tab}-table"))

    def action_back(self) -> None:
        self.app.pop_screen()
