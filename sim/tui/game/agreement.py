"""The agreement editor (norming): issues × options, the seat's own points, proposals and votes.

The tally under the DecisionRule in force comes from the feed's vote events, so the editor
shows exactly what the table saw, never a bot's hidden points.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from sim.engine import actions as A
from sim.engine.notices import ProposalVoted
from sim.engine.view import SeatView
from sim.play.words import issue_option
from sim.scenario.models import DecisionRuleSpec
from sim.scenario.words import RULE
from sim.tui.common.footer import FitFooter
from sim.tui.common.rows import RowTable
from sim.tui.game import flows
from sim.tui.game.screen import GameScreen
from sim.tui.game.widgets.stage_bar import StageBar

DIGITS = "123456789"
# The digit keys show in the footer as one entry, "1…9 Issue".
ISSUE_KEYS = Binding.Group("Issue", compact=True)


def rule_needs(rule: DecisionRuleSpec) -> str:
    """What a proposal needs to pass under a rule, in a sentence's worth of words."""
    return {
        "consensus": "every voter says yes or stands aside",
        "consensus_minus_one": "at most one voter says no",
        "supermajority": f"{rule.threshold:.0%} of the yes and no votes are yes",
        "majority": "more than half of the yes and no votes are yes",
        "weighted": "more yes weight (money and influence) than no weight",
        "executive_committee": "a majority of the executive committee",
    }.get(rule.rule, rule.rule)


def rule_line(view: SeatView) -> str:
    adopted = "" if view.rule_adopted else " (the convener's, until one is adopted)"
    return (
        f"DecisionRule in force: {RULE[view.rule.rule]}{adopted} — passes when "
        f"{rule_needs(view.rule)}; a veto holder's no blocks. Voters: {len(view.voters)}. "
        f"Proposals this round: {view.proposals_this_round} of {view.agenda}."
    )


def last_votes(view: SeatView, issue: str) -> list[ProposalVoted]:
    return [n for n in view.feed if isinstance(n, ProposalVoted) and n.issue == issue]


def tally_text(view: SeatView, vote: ProposalVoted) -> str:
    label = view.scenario.option_label(vote.issue, vote.option)
    verdict = "adopted" if vote.adopted else "not adopted"
    text = (
        f"Round {vote.round}: {label} — {vote.yes} yes, {vote.no} no, "
        f"{vote.stand_aside} stand aside under {RULE.get(vote.rule, vote.rule)}: {verdict}"
    )
    if vote.blockers and not vote.adopted:
        names = [view.scenario.short(b) for b in vote.blockers[:5]]
        more = " …" if len(vote.blockers) > 5 else ""
        text += f" (blocked by {', '.join(names)}{more})"
    return text + "."


def pending_text(view: SeatView) -> str:
    pending = view.pending
    if pending is None:
        return ""
    what = "; ".join(
        f"{view.scenario.issue[issue].name} — {view.scenario.option_label(issue, option)}"
        for issue, option in pending.options.items()
    )
    waiting = [m for m in pending.voters if m not in pending.voted]
    who = "you" if view.seat in waiting else ", ".join(view.scenario.short(m) for m in waiting)
    kind = "package" if pending.package else "vote"
    return f"{kind.capitalize()} open: {what}. Waiting for {who} (v votes)."


class AgreementScreen(GameScreen):
    """Pick an issue on the left, an option on the right; p puts it to a vote."""

    PLACE = "agreement"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Table", id="agreement.back", tooltip="Back to the table"),
        Binding(
            "p",
            "propose",
            "Propose",
            id="agreement.propose",
            tooltip="Put the highlighted option to a vote under the rule in force",
        ),
        Binding(
            "a",
            "package",
            "Package",
            id="agreement.package",
            tooltip="Add the highlighted option to a package (or take it out); p proposes all",
        ),
        Binding("v", "vote", "Vote", id="agreement.vote", tooltip="Vote on the open proposal"),
        Binding(
            "u",
            "sound_out",
            "Sound out",
            id="agreement.sound_out",
            tooltip="Meet a member to learn where it stands (convener)",
        ),
        Binding("e", "end_round", "End round", id="agreement.end_round", tooltip="End this round"),
        *(
            Binding(
                d,
                f"issue({n})",
                f"Issue {d}",
                group=ISSUE_KEYS,
                id=f"agreement.issue{d}",
                tooltip=f"Show issue {d} and its options",
            )
            for n, d in enumerate(DIGITS)
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StageBar(id="stage-bar")
        yield Static(id="rule-line")
        with Horizontal(id="agreement-body"):
            yield OptionList(id="issues")
            with Vertical(id="agreement-right"):
                yield RowTable(id="options-table")
                yield Static(id="issue-detail")
        yield FitFooter(compact=True)

    def headline(self) -> tuple[str, str]:
        return "Agreement editor", self.view.scenario.info.title

    def on_mount(self) -> None:
        self.fit_header()
        self.issue_index = 0
        # Options gathered for one vote (issue -> option); p adds the highlighted one.
        self.package: dict[str, str] = {}
        table = self.query_one("#options-table", DataTable)
        table.add_column("#", key="n")
        table.add_column("Option", key="option")
        if not self.view.is_convener:
            table.add_column("Your points", key="points")
        table.add_column("Status", key="status")
        self.query_one("#issues", OptionList).border_title = "Issues"
        self.refresh_game()
        self.query_one("#issues", OptionList).focus()

    @property
    def issue(self) -> str:
        return self.view.scenario.issues[self.issue_index].id

    def refresh_game(self) -> None:
        view = self.view
        self.query_one(StageBar).show(view, self.game.saved is not None)
        self.query_one("#rule-line", Static).update(Content(rule_line(view)))
        issues = self.query_one("#issues", OptionList)
        keep = self.issue_index
        options = []
        for n, issue in enumerate(view.scenario.issues, start=1):
            adopted = view.agreement.get(issue.id)
            mark = "✓" if adopted else "·"
            options.append(Option(Content(f"{n} {mark} {issue.name}"), id=issue.id))
        issues.set_options(options)
        issues.highlighted = keep
        self._fill_options()
        self.refresh_keys()

    @on(OptionList.OptionHighlighted, "#issues")
    def _issue_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.issue_index:
            self.issue_index = event.option_index
            self._fill_options()

    @on(OptionList.OptionSelected, "#issues")
    def _issue_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#options-table").focus()

    @on(DataTable.RowSelected, "#options-table")
    def _option_selected(self) -> None:
        self.action_propose()

    @on(DataTable.RowHighlighted, "#options-table")
    def _option_highlighted(self) -> None:
        self._detail()

    def _fill_options(self) -> None:
        view = self.view
        spec = view.scenario.issue[self.issue]
        table = self.query_one("#options-table", DataTable)
        row = table.cursor_row
        table.clear()
        adopted = view.agreement.get(spec.id)
        pending = view.pending
        failed = {v.option: 0 for v in last_votes(view, spec.id)}
        for vote in last_votes(view, spec.id):
            if not vote.adopted:
                failed[vote.option] += 1
        for n, option in enumerate(spec.options, start=1):
            status = []
            if option.id == adopted:
                status.append("✓ adopted")
            if pending is not None and pending.options.get(spec.id) == option.id:
                status.append("vote open")
            if self.package.get(spec.id) == option.id:
                status.append("in the package")
            if failed.get(option.id):
                status.append(f"✗ failed {failed[option.id]}×")
            cells = [Text(str(n)), Text(option.label)]
            if view.sheet is not None:
                points = view.sheet.points.get(spec.id, {}).get(option.id, 0)
                cells.append(Text(str(points), justify="right"))
            cells.append(Text(", ".join(status) or "—"))
            table.add_row(*cells, key=option.id)
        if spec.options:
            table.move_cursor(row=min(max(row, 0), len(spec.options) - 1), animate=False)
        self._detail()

    def _detail(self) -> None:
        view = self.view
        spec = view.scenario.issue[self.issue]
        table = self.query_one("#options-table", DataTable)
        option = spec.options[min(max(table.cursor_row, 0), len(spec.options) - 1)]
        lines = [f"{spec.name}: {option.label}"]
        if option.description:
            lines.append(option.description.strip())
        sheet = view.sheet
        if sheet is not None:
            points = sheet.points.get(spec.id, {}).get(option.id, 0)
            lines.append(
                f"Your points: {points} of a best {sheet.best[spec.id]}; this issue must "
                f"carry about {sheet.reserve[spec.id]:.0f} of your BATNA."
            )
        if self.package:
            parts = [issue_option(view, i, o) for i, o in self.package.items()]
            lines.append("Package: " + "; ".join(parts) + " (a adds or drops, p proposes).")
        if spec.id not in view.agreement and view.voters:
            lines.append(flows.forecast_line(view, self.options(spec.id, option.id)))
        votes = last_votes(view, spec.id)
        if votes:
            lines.append("Last vote: " + tally_text(view, votes[-1]))
        if spec.id not in view.agreement:
            reason = view.why_not(self.proposal(spec.id, option.id))
            lines.append(
                "p proposes it now." if reason is None else f"Cannot propose now: {reason}."
            )
        pending = pending_text(view)
        if pending:
            lines.append(pending)
        self.query_one("#issue-detail", Static).update(Content("\n".join(lines)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "vote":
            return not view.is_convener
        if action == "sound_out":
            return view.is_convener
        # Propose acts, or says why not (a member proposes only from the deciding body).
        return True

    def action_issue(self, index: int) -> None:
        issues = self.view.scenario.issues
        if index >= len(issues):
            return
        self.issue_index = index
        self.query_one("#issues", OptionList).highlighted = index
        self._fill_options()
        table = self.query_one("#options-table", DataTable)
        table.move_cursor(row=0, animate=False)
        table.focus()

    def options(self, issue: str, option: str) -> dict[str, str]:
        """The options one vote would settle: the package, with the highlighted option."""
        return {**self.package, issue: option}

    def proposal(self, issue: str, option: str) -> A.Propose:
        package = {i: o for i, o in self.package.items() if i != issue}
        return A.Propose(seat=self.view.seat, issue=issue, option=option, package=package)

    def highlighted_option(self) -> tuple[str, str]:
        spec = self.view.scenario.issue[self.issue]
        table = self.query_one("#options-table", DataTable)
        option = spec.options[min(max(table.cursor_row, 0), len(spec.options) - 1)]
        return spec.id, option.id

    def action_package(self) -> None:
        issue, option = self.highlighted_option()
        if issue in self.view.agreement:
            name = self.view.scenario.issue[issue].name
            self.notify(f"Not now: {name} is settled already.", severity="warning", timeout=4)
            return
        if self.package.get(issue) == option:
            del self.package[issue]
        else:
            self.package[issue] = option
        self._fill_options()

    def action_propose(self) -> None:
        action = self.proposal(*self.highlighted_option())
        reason = self.view.why_not(action)
        if reason is not None:
            self.notify(f"Cannot propose now: {reason}.", severity="warning", timeout=5)
            return
        self.package = {}
        self.submit(action)

    def action_sound_out(self) -> None:
        flows.sound_out(self)

    def action_vote(self) -> None:
        flows.vote(self)

    def action_end_round(self) -> None:
        self.submit(A.EndRound())

    def action_back(self) -> None:
        self.app.pop_screen()
