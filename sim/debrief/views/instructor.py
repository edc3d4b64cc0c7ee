"""`InstructorView`: the instructor's full-information view of a save at one step.

CONFIDENTIAL by design. A seat's `SeatView` (`sim.engine.view`) is what one player may
know; this view is everything the game held at the step, for the debrief viewer only:
every Member's trust in the partnership, its points under the agreement against its
BATNA, how each ballot of a pending vote was cast, the Tensions that have not surfaced
yet, and the true yield of projects nobody paid to measure. Never show it to a player,
send it to a seat or let a bot play from it.

It is built once per step from the Session the replay rebuilt there, with names already
in the game's words, so the viewer's panes read plain data and never the engine's state.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.names import option_label, org_name, project_name, stream_name, tension_title
from sim.engine.delivery import achieved, delivered_rate, effectiveness, norm_clarity
from sim.engine.session import Session
from sim.engine.trust import density, partnership_trust
from sim.scenario.words import REPRESENTATIVE, TENSION_STATUS
from sim.scoring.card import scorecard
from sim.scoring.model import Scorecard


@dataclass(frozen=True)
class Trust:
    """The table's trust figures and what they do to every dollar."""

    density: float  # between members
    partnership: float  # in the partnership
    norm_clarity: float
    effectiveness: float


@dataclass(frozen=True)
class RosterLine:
    """A Member that sat at the table (or left it): whom it sent and its trust, τ."""

    organization: str
    name: str
    left: bool
    sends: str | None  # the representative in the game's words; None when nobody came
    trust: float


@dataclass(frozen=True)
class TensionLine:
    title: str
    status: str  # in the game's words
    heat: float


@dataclass(frozen=True)
class AgreementLine:
    issue: str
    option: str | None  # the adopted option's label; None while the issue is open


@dataclass(frozen=True)
class PortfolioLine:
    """Every batch of one project summed: units, cost, and whether all were measured."""

    project: str
    units: int
    cost: float
    measured: bool


@dataclass(frozen=True)
class LedgerLine:
    """A Pledge in the commitment ledger; `delivered` is None until the year settles it."""

    member: str
    year: int
    pledged: float
    delivered: float | None

    @property
    def short(self) -> bool:
        return self.delivered is not None and self.delivered < self.pledged - 0.01


@dataclass(frozen=True)
class StreamLine:
    name: str
    balance: float
    spent: float


@dataclass(frozen=True)
class Sheet:
    """A Member's confidential point sheet against the agreement so far."""

    organization: str
    name: str
    points: int
    batna: int

    @property
    def below_batna(self) -> bool:
        return self.points < self.batna


@dataclass(frozen=True)
class Truth:
    """What no seat could see at the step, and only the instructor may."""

    achieved: float  # the true yearly result of everything funded
    unmeasured: tuple[tuple[str, float], ...]  # (project, true yearly rate) per batch
    sheets: tuple[Sheet, ...]  # every Member at the table, in scenario order
    yes: tuple[str, ...] | None  # how the pending vote's ballots went; None with no vote
    no: tuple[str, ...] | None
    unraised: tuple[str, ...]  # Tensions not surfaced yet, with a party at the table
    weakest_pair: tuple[str, str, float] | None  # the two Members trusting each other least


@dataclass(frozen=True)
class InstructorView:
    """CONFIDENTIAL: everything the game held after `step`, for the debrief viewer only."""

    step: int
    stage: str
    round: int
    year: int
    over: bool
    card: Scorecard  # the live scorecard as it stood at the step
    trust: Trust
    roster: tuple[RosterLine, ...]
    at_table: int
    outside: int  # organizations never at the table (outside or declined)
    tensions: tuple[TensionLine, ...]  # those that have surfaced
    agreement: tuple[AgreementLine, ...]  # every issue, in scenario order
    portfolio: tuple[PortfolioLine, ...]
    ledger: tuple[LedgerLine, ...]
    streams: tuple[StreamLine, ...]
    truth: Truth

    @property
    def agreed(self) -> int:
        return sum(line.option is not None for line in self.agreement)


def instructor_view(session: Session, step: int, card: Scorecard | None = None) -> InstructorView:
    """The full-information view of `session`, which the replay rebuilt after `step`."""
    game, s = session.game, session.state
    seated = [m for m, v in s.members.items() if v.status in ("table", "left")]
    by_project: dict[str, tuple[int, float, bool]] = {}
    for b in s.batches:
        units, cost, measured = by_project.get(b.project, (0, 0.0, True))
        by_project[b.project] = (units + b.units, cost + b.cost, measured and b.measured)
    return InstructorView(
        step=step,
        stage=s.stage,
        round=s.round,
        year=s.year,
        over=session.is_over,
        card=card if card is not None else scorecard(session),
        trust=Trust(
            density=density(game, s),
            partnership=partnership_trust(s),
            norm_clarity=norm_clarity(game, s),
            effectiveness=effectiveness(game, s),
        ),
        roster=tuple(
            RosterLine(
                organization=m,
                name=org_name(game, m),
                left=s.members[m].status == "left",
                sends=REPRESENTATIVE.get(s.members[m].representative or ""),
                trust=s.members[m].tau,
            )
            for m in seated
        ),
        at_table=len(s.at_table()),
        outside=len(s.members) - len(seated),
        tensions=tuple(
            TensionLine(tension_title(game, t), TENSION_STATUS.get(st.status, st.status), st.heat)
            for t, st in s.tensions.items()
            if st.status != "latent"
        ),
        agreement=tuple(
            AgreementLine(
                issue.name,
                option_label(game, issue.id, s.agreement[issue.id])
                if issue.id in s.agreement
                else None,
            )
            for issue in game.scenario.issues
        ),
        portfolio=tuple(
            PortfolioLine(project_name(game, p), units, cost, measured)
            for p, (units, cost, measured) in by_project.items()
        ),
        ledger=tuple(
            LedgerLine(org_name(game, line.organization), line.year, line.pledged, line.delivered)
            for line in s.ledger
        ),
        streams=tuple(
            StreamLine(stream_name(game, sid), st.balance, st.spent)
            for sid, st in s.streams.items()
        ),
        truth=truth_at(session),
    )


def truth_at(session: Session) -> Truth:
    """What the full picture shows that no seat could see, at the session's step."""
    game, s = session.game, session.state
    e = effectiveness(game, s)
    table = s.at_table()
    ballots = None
    if s.pending is not None:
        ballots = {
            choice: tuple(org_name(game, m) for m, v in s.pending.votes.items() if v == choice)
            for choice in ("yes", "no")
        }
    return Truth(
        achieved=achieved(game, s),
        unmeasured=tuple(
            (project_name(game, b.project), delivered_rate(game, s, b, e))
            for b in s.batches
            if not b.measured
        ),
        sheets=tuple(
            Sheet(
                m,
                org_name(game, m),
                sum(game.points(m, i, o) for i, o in s.agreement.items()),
                game.orgs[m].batna,
            )
            for m in table
        ),
        yes=None if ballots is None else ballots["yes"],
        no=None if ballots is None else ballots["no"],
        unraised=tuple(
            tension_title(game, t)
            for t, st in s.tensions.items()
            if st.status == "latent"
            and any(s.members[p].status == "table" for p in game.tensions[t].parties)
        ),
        weakest_pair=_weakest_pair(session),
    )


def _weakest_pair(session: Session) -> tuple[str, str, float] | None:
    """The two Members at the table whose mutual trust (both ways, averaged) is lowest."""
    game, s = session.game, session.state
    table = s.at_table()
    worst: tuple[float, str, str] | None = None
    for n, a in enumerate(table):
        for b in table[n + 1 :]:
            t = (s.trust[game.index[a]][game.index[b]] + s.trust[game.index[b]][game.index[a]]) / 2
            if worst is None or t < worst[0]:
                worst = (t, a, b)
    if worst is None:
        return None
    return org_name(game, worst[1]), org_name(game, worst[2]), worst[0]
