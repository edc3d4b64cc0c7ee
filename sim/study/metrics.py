"""What one finished game yields for a study: its results, its pace, its trust."""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.notices import ProposalVoted, StageChanged
from sim.engine.session import Session
from sim.engine.trust import density, partnership_trust

# Every game opens in forming in its first round.
FIRST_ROUND = 1


@dataclass(frozen=True)
class GameFigures:
    """A game's figures, plain numbers so a worker process can send them back."""

    seed: int
    cumulative: float  # what the air got over the whole game
    final: float  # the final year's rate
    target: float
    rounds_to_agree: float  # norming rounds until governance and rule were adopted
    agreed: bool
    trust: float  # partnership trust (mean τ) at the end
    density: float
    regressions: int
    stages: tuple[str, ...]
    tensions_returned: int
    events_fired: tuple[str, ...]
    adopted: tuple[tuple[str, str], ...]
    funded: tuple[str, ...]
    reached: bool  # the final-year rate reached the named target
    scores: tuple[tuple[str, float], ...] = ()
    # Added for `sim balance`; defaults keep older callers building figures unchanged.
    metric: str = ""  # the named result's id, "" when none was named
    entered: tuple[tuple[str, int], ...] = ()  # each stage reached, and the round it first was
    unscored: tuple[str, ...] = ()  # scorecard dimensions nothing in this game applied to


def core_issues(session: Session) -> list[str]:
    issues = session.game.scenario.issues
    core = [i.id for i in issues if i.kind in ("governance", "decision_rule")]
    return core or [issues[0].id]


def first_entered(session: Session) -> tuple[tuple[str, int], ...]:
    """Each stage the game reached, with the round it was first entered, in that order."""
    entered = {session.state.stages_visited[0]: FIRST_ROUND}
    for notice in session.feed:
        if isinstance(notice, StageChanged):
            entered.setdefault(notice.dest, notice.round)
    return tuple(entered.items())


def figures(
    session: Session,
    scores: dict[str, float] | None = None,
    unscored: tuple[str, ...] = (),
) -> GameFigures:
    s, game = session.state, session.game
    core = core_issues(session)
    started = next(
        (n.round for n in session.feed if isinstance(n, StageChanged) and n.dest == "norming"),
        None,
    )
    adopted: set[str] = set()
    agreed_round = None
    for notice in session.feed:
        if isinstance(notice, ProposalVoted) and notice.adopted:
            adopted.update([notice.issue, *notice.package])
            if agreed_round is None and all(c in adopted for c in core):
                agreed_round = notice.round
    if started is None or agreed_round is None:
        rounds = float(s.total_rounds)
    else:
        rounds = float(agreed_round - started + 1)
    target = s.result[1] if s.result else 0.0
    final = s.year_results[-1] if s.year_results else 0.0
    return GameFigures(
        seed=s.seed,
        cumulative=round(s.delivered_total, 6),
        final=round(final, 6),
        target=target,
        rounds_to_agree=rounds,
        agreed=agreed_round is not None,
        trust=round(partnership_trust(s), 6),
        density=round(density(game, s), 6),
        regressions=s.regressions,
        stages=tuple(s.stages_visited),
        tensions_returned=sum(t.returns for t in s.tensions.values()),
        events_fired=tuple(s.fired),
        adopted=tuple(sorted(s.agreement.items())),
        funded=tuple(sorted({b.project for b in s.batches})),
        reached=bool(target) and final >= target,
        scores=tuple(sorted((scores or {}).items())),
        metric=s.result[0] if s.result else "",
        entered=first_entered(session),
        unscored=unscored,
    )
