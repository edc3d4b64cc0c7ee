"""The member detail panel: everything this seat knows about one organization.

Its public face (sector, interests, whom it sent, its trust), what the seat learned by
sounding it out, its pledges kept or broken, the tensions it is party to and any side
deal with it. All of it comes from the seat's view: nothing here is another's secret.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sim.engine.view import SeatView
from sim.play.public import sector_label
from sim.play.words import money
from sim.scenario.words import MEMBER_STATUS, REPRESENTATIVE, TENSION_STATUS
from sim.tui.game.member_flows import deal_text, own_org

STANCE = {"acceptable": "acceptable", "needs_more": "needs more", "would_block": "would block"}


def member_lines(view: SeatView, org: str) -> list[str]:
    """The panel's text, a line per fact (blank lines between sections)."""
    public = view.scenario
    spec = public.orgs[org]
    member = view.member[org]
    names = {i.id: i.name for i in public.interests}
    where = MEMBER_STATUS[member.status]
    if member.representative and member.status == "table":
        where += f", sends a {REPRESENTATIVE[member.representative]}"
        where += f", trust in the partnership {member.trust:.2f}"
        where += f", joined in round {member.joined_round}"
    lines = [
        f"{sector_label(spec.sector)}" + (f" · {spec.level}" if spec.level else ""),
        where + ".",
    ]
    if spec.description:
        lines.append(spec.description.strip())
    lines.append("Interests: " + (", ".join(names.get(i, i) for i in spec.interests) or "none"))
    facts = []
    if spec.veto:
        facts.append("holds a veto")
    if member.person:
        facts.append("a person holds its seat")
    if member.invited:
        facts.append("invited, has yet to answer")
    if member.requested:
        facts.append(f"asks to join, offering a {REPRESENTATIVE[member.requested]}")
    if facts:
        lines.append("It " + "; ".join(facts) + ".")

    lines += ["", "What you learned"]
    learned = view.knowledge.get(org, {})
    if not learned:
        if view.is_convener:
            lines.append("  Nothing yet: sound it out (u) to learn where it stands.")
        else:
            lines.append("  Nothing yet: only the convener sounds members out.")
    for issue, stance in learned.items():
        cares = public.issue[stance.cares_most].name if stance.cares_most in public.issue else ""
        reads = ", ".join(
            f"{public.option_label(issue, o)} {STANCE.get(r, r)}" for o, r in stance.options.items()
        )
        lines.append(f"  {public.issue[issue].name} (round {stance.round}): {reads}.")
        if cares:
            lines.append(f"    Cares most about {cares}.")

    lines += ["", "Pledges"]
    pledges = [p for p in view.ledger if p.organization == org]
    if not pledges:
        lines.append("  None yet.")
    for p in pledges:
        if p.delivered is None:
            state = "not yet delivered"
        elif p.delivered >= p.pledged - 0.01:
            state = "kept"
        else:
            state = f"broken: delivered {money(p.delivered)}"
        lines.append(
            f"  Year {p.year}: {money(p.pledged)} to {public.stream[p.stream].name}, {state}."
        )

    lines += ["", "Tensions it is party to"]
    theirs = [t for t in public.tensions if org in t.parties]
    shown = 0
    for t in theirs:
        seen = view.tension.get(t.id)
        if seen is None:
            continue  # not surfaced: nobody knows of it yet
        shown += 1
        lines.append(f"  {t.title}: {TENSION_STATUS[seen.status]}.")
    if not shown:
        lines.append("  None in the open.")

    me = own_org(view)
    with_them = [d for d in view.deals if org in (d.offerer, d.partner) and org != me]
    if with_them:
        lines += ["", "Side deals with you"]
        lines += [f"  {deal_text(view, d)}: {d.status}." for d in with_them]
    return lines


class MemberPanel(ModalScreen[str | None]):
    """One member in detail; returns the next step asked for ('invite', 'sound_out')."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="member.close", tooltip="Back to the table"),
        Binding("i", "step('invite')", "Invite", id="member.invite", tooltip="Invite it"),
        Binding("u", "step('sound_out')", "Sound out", id="member.sound_out", tooltip="Meet it"),
    ]

    def __init__(self, view: SeatView, org: str) -> None:
        super().__init__(classes="dialog-screen")
        self.seat_view = view
        self.org = org

    def compose(self) -> ComposeResult:
        view = self.seat_view
        with Vertical(classes="dialog tall", id="member-panel"):
            yield Static(
                Content.from_markup("[b]$name[/b]", name=view.scenario.name(self.org)),
                classes="dialog-title",
            )
            with VerticalScroll(id="member-panel-body"):
                yield Static(Content("\n".join(member_lines(view, self.org))))
            keys = "i invites · u sounds out · " if view.is_convener else ""
            yield Static(f"{keys}escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#member-panel-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return self.seat_view.is_convener
        return True

    def action_step(self, step: str) -> None:
        self.dismiss(step)

    def action_close(self) -> None:
        self.dismiss(None)
