"""What funded projects deliver: norm clarity, effectiveness, results and regression.

Nothing here looks at which stages a table visited: a table that skipped
storming and norming is hurt only through the trust and norms it lacks.
"""

from __future__ import annotations

import math

from sim.engine.facts import Facts
from sim.engine.governance import overload, regression_factor, working_trust
from sim.engine.needs import project_factor
from sim.engine.state import Batch, SessionState
from sim.engine.trust import clamp, density

# Each unit of heat in conflicts left open at the table adds this to the chance of a
# regression each performing round: an unhandled fight keeps threatening the work.
OPEN_HEAT_REGRESSION = 0.1
# Members outvoted by an override strain the table: their share of it, fading each round,
# adds this much to the chance of a regression.
STRAIN_REGRESSION = 0.3
# How much of a batch's effectiveness is fixed the day it is funded (its design, contracts
# and who leads it), the rest following the partnership's effectiveness as it changes.
LAUNCH_SHARE = 0.5
# However bad things are, a round of performing is never a sure regression.
MAX_REGRESSION_CHANCE = 0.9
# A project type never turns out to do less than this share of its nominal effect.
MIN_TRUTH = 0.1
# A project type that fails in this region does this share of its nominal effect.
FAILED_TRUTH = (0.15, 0.5)
# Each level of a lead's expertise above (below) 2 makes its projects deliver this much
# more (less): an experienced implementer runs the same money better.
EXPERTISE_STEP = 0.04
EXPERTISE_MIDDLE = 2


def norm_clarity(game: Facts, state: SessionState) -> float:
    """Share of the agreement's norm weight adopted so far (0 with nothing agreed)."""
    total = sum(issue.norm_weight for issue in game.scenario.issues)
    if total <= 0:
        return 0.0
    adopted = sum(i.norm_weight for i in game.scenario.issues if i.id in state.agreement)
    return adopted / total


def effectiveness(game: Facts, state: SessionState) -> float:
    """E = e0 + (1−e0)·sqrt(T·N): trust (as the governance form lets the work use it,
    `working_trust`) and clear norms make every dollar work; and
    running more projects than the governance can manage makes each work less."""
    e0 = game.scenario.dynamics.base_effectiveness
    base = e0 + (1 - e0) * math.sqrt(working_trust(game, state) * norm_clarity(game, state))
    return base * overload(game, state, running_projects(game, state))


def running_projects(game: Facts, state: SessionState) -> int:
    """How many projects the partnership is running now (each counts once)."""
    return len({b.project for b in state.batches if running(game, state, b)})


def staffed(state: SessionState, batch: Batch) -> bool:
    """A doer leads it and a decision-maker at the table can commit the partnership."""
    lead = state.members.get(batch.lead)
    has_doer = lead is not None and lead.status == "table" and lead.representative == "doer"
    return has_doer and any(
        state.members[m].representative == "decision_maker" for m in state.at_table()
    )


def lead_factor(game: Facts, state: SessionState, batch: Batch) -> float:
    """Full strength when staffed (see `staffed`), a little more or less by the lead's
    expertise."""
    staffing = 1.0 if staffed(state, batch) else game.scenario.dynamics.lead_penalty
    expertise = game.orgs[batch.lead].assets.expertise
    return staffing * (1 + EXPERTISE_STEP * (expertise - EXPERTISE_MIDDLE))


def nominal_rate(game: Facts, state: SessionState, batch: Batch) -> float:
    """What a batch promises per year on the named metric, before anything goes wrong."""
    if state.result is None:
        return 0.0
    metric = game.metrics[state.result[0]]
    return batch.units * game.per_unit(game.projects[batch.project], metric)


def batch_effectiveness(batch: Batch, e: float) -> float:
    """A batch works as well as the partnership did when it launched it, in part, and as
    it does now, in part: what was designed in low trust and unclear norms stays weaker."""
    return LAUNCH_SHARE * batch.launched + (1 - LAUNCH_SHARE) * e


def delivered_rate(game: Facts, state: SessionState, batch: Batch, e: float) -> float:
    """What a batch really removes per year: nominal × hidden truth × noise × E × lead,
    times the share it delivers without an interest it needs."""
    truth = state.truth.get(batch.project, 1.0)
    needs = project_factor(game, state, game.projects[batch.project])
    return (
        nominal_rate(game, state, batch)
        * truth
        * batch.noise
        * batch_effectiveness(batch, e)
        * lead_factor(game, state, batch)
        * needs
    )


def achieved(game: Facts, state: SessionState) -> float:
    """The yearly rate the funded projects deliver, at today's effectiveness.

    A project past its lifetime, or whose lead has left the partnership,
    delivers nothing more.
    """
    e = effectiveness(game, state)
    return sum(delivered_rate(game, state, b, e) for b in state.batches if running(game, state, b))


def running(game: Facts, state: SessionState, batch: Batch) -> bool:
    """Whether a batch still delivers: not stopped, within its lifetime and with its lead at
    the table."""
    if batch.stopped:
        return False
    age_years = (state.round - batch.round_funded) / state.rounds_per_year
    lifetime = game.projects[batch.project].lifetime_years
    return age_years < lifetime and state.members[batch.lead].status != "left"


def regression_chance(game: Facts, state: SessionState) -> float:
    """r0·(1−density)·(1−N), plus the heat of conflicts left open at the table."""
    dyn = game.scenario.dynamics
    base = dyn.regression_rate * (1 - density(game, state)) * (1 - norm_clarity(game, state))
    base = base * regression_factor(game, state) + STRAIN_REGRESSION * state.strain
    open_heat = sum(t.heat for t in state.tensions.values() if t.status == "open")
    return clamp(base + OPEN_HEAT_REGRESSION * open_heat, 0.0, MAX_REGRESSION_CHANCE)


# How many draws of luck each project holds for its batches and for its measurements; the
# next one after the last starts the list again.
LUCK_DRAWS = 24


def draw_luck(state: SessionState) -> tuple[float, ...]:
    """A project's luck for the game: standard-normal draws, taken in turn."""
    return tuple(state.rng.gauss(0.0, 1.0) for _ in range(LUCK_DRAWS))


def luck(draws: tuple[float, ...], k: int) -> float:
    """The k-th draw of a project's luck.

    Each project takes its luck from its own list, drawn as the game opens, so funding or
    measuring one project does not change the luck of any other draw in the game: two games
    on the same seed that differ in one choice differ by that choice, not by reshuffled luck.
    """
    return draws[k % len(draws)] if draws else 0.0


def draw_noise(state: SessionState, project: str, uncertainty: float) -> float:
    """A new batch's luck: normal around 1 with the project's spread, never below zero."""
    k = sum(1 for b in state.batches if b.project == project)
    return max(0.0, 1.0 + uncertainty * luck(state.batch_luck.get(project, ()), k))


def draw_truth(state: SessionState, uncertainty: float, failure_chance: float) -> float:
    """What a project type really does against its nominal figure, drawn once per game:
    usually near nominal, and with `failure_chance` a failure that only measurement shows."""
    if state.rng.random() < failure_chance:
        return state.rng.uniform(*FAILED_TRUTH)
    return max(MIN_TRUTH, state.rng.gauss(1.0, uncertainty))
