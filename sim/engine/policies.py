"""Scripted conveners for headless play: full, skip, random and greedy.

They only choose actions; the session's rules decide what those actions do,
so comparing policies in batch play shows what the rules make of each style.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sim.engine import actions as A
from sim.engine.game import Game
from sim.engine.money import affordable_units
from sim.engine.session import Session
from sim.engine.voting import (
    GOODWILL,
    STAND_ASIDE_MARGIN,
    STAND_ASIDE_TRUST,
    rule_in_force,
    voters,
)
from sim.scenario.words import rank

Policy = Callable[[Session], A.Action]
ASK_ORDER = ("champion", "convener_meeting", "staff_call", "letter")
# The careful convener invites this many, asking the first few for decision-makers.
TABLE_SIZE = 14
KEY_SEATS = 4
# How it ranks whom to invite next: each uncovered interest's weight, a share of all the
# money, a veto (which can sink the agreement from outside), and staff to lead projects.
INTEREST_WEIGHT = 2
MONEY_WEIGHT = 4
VETO_WEIGHT = 3
STAFF_WEIGHT = 0.2
# How it counts a voter before proposing: a sure yes, a likely stand-aside, and a likely
# block, which sinks a proposal under consensus (or by a veto) and so outweighs the rest.
SURE_YES = 1.0
LIKELY_ASIDE = 0.5
LIKELY_BLOCK = -10.0
MARGIN_TIEBREAK = 0.01
# The random policy ends the round this often, so a game finishes.
RANDOM_END_ROUND = 0.15


def plan_table(game: Game, size: int = TABLE_SIZE) -> list[str]:
    """Whom a careful convener invites: cover every needed interest, then money and vetoes."""
    weights = {i.id: i.weight for i in game.scenario.interests}
    total_money = sum(o.assets.money for o in game.scenario.organizations) or 1.0
    chosen: list[str] = []
    covered: set[str] = set()

    def score(org_id: str) -> float:
        org = game.orgs[org_id]
        new = sum(weights.get(i, 0) for i in org.interests if i not in covered)
        return (
            INTEREST_WEIGHT * new
            + MONEY_WEIGHT * org.assets.money / total_money
            + VETO_WEIGHT * org.veto
            + STAFF_WEIGHT * org.assets.staff
        )

    candidates = list(game.orgs)
    while candidates and len(chosen) < min(size, len(candidates) + len(chosen)):
        best = max(candidates, key=lambda o: (score(o), -game.index[o]))
        chosen.append(best)
        covered.update(game.orgs[best].interests)
        candidates.remove(best)
    return chosen


def best_ask(session: Session, org: str, want: int = 3) -> A.Invite | None:
    """The cheapest ask that brings the most senior representative up to `want`.

    Ranks: 1 designee, 2 doer, 3 decision-maker. Returns None when no ask the
    convener can still afford this round brings anyone.
    """
    best: tuple[int, int, A.Invite] | None = None
    costs = session.game.scenario.dynamics.ask_cost
    sends = session.game.orgs[org].sends
    for ask in ASK_ORDER:
        kind = getattr(sends, ask)
        action = A.Invite(organization=org, ask=ask)
        if kind == "nobody" or session.why_illegal(action) is not None:
            continue
        key = (-min(rank(kind), want), costs.get(ask, 0), action)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def acceptance(session: Session, issue: str, option: str) -> float:
    """Expected support, counting likely blockers heavily under consensus rules.

    A careful convener counts votes before proposing: under consensus one block
    sinks a proposal, so the option with fewest blockers beats the most popular.
    """
    game, s = session.game, session.state
    consensus = rule_in_force(game, s).rule in ("consensus", "consensus_minus_one")
    score = 0.0
    for m in voters(game, s):
        sheet = game.orgs[m].points.get(issue, {})
        spread = max((max(sheet.values()) - min(sheet.values())) if sheet else 0, 1)
        goodwill = s.members[m].tau * spread * GOODWILL[game.orgs[m].personality]
        margin = (sheet.get(option, 0) + goodwill - game.reservation[m][issue]) / spread
        if margin >= 0:
            score += SURE_YES
        elif s.members[m].tau >= STAND_ASIDE_TRUST and margin >= -STAND_ASIDE_MARGIN:
            score += LIKELY_ASIDE
        else:
            score += LIKELY_BLOCK if (consensus or game.orgs[m].veto) else 0.0
        score += MARGIN_TIEBREAK * margin
    return score


ISSUE_ORDER = (
    "decision_rule",
    "structure",
    "governance",
    "measurement",
    "accountability",
    "cost_share",
    "document",
    "custom",
)


class ConvenerBot:
    """A scripted convener; `style` is 'full', 'skip' or 'greedy'."""

    def __init__(self, game: Game, style: str) -> None:
        self.style = style
        self.table = plan_table(game, len(game.orgs) if style == "greedy" else TABLE_SIZE)
        self.reflected: set[tuple[int, str]] = set()

    def __call__(self, session: Session) -> A.Action:
        s = session.state
        chooser = {
            "forming": self._forming,
            "storming": self._storming,
            "norming": self._norming,
            "performing": self._performing,
        }.get(s.stage)
        if self.style == "full":
            for event in list(s.awaiting):
                for response in ("replace", "rally", "absorb"):
                    answer = self._try(session, A.Respond(event=event, response=response))
                    if answer is not None:
                        return answer
        action = chooser(session) if chooser else None
        return action or A.EndRound()

    def _try(self, session: Session, action: A.Action) -> A.Action | None:
        return action if session.why_illegal(action) is None else None

    def _forming(self, session: Session) -> A.Action | None:
        game, s = session.game, session.state
        if s.result is None:
            metric = game.scenario.results[0]
            targets = sorted(metric.targets)
            target = targets[-1] if self.style == "greedy" else targets[len(targets) // 2]
            return A.ChooseResult(metric=metric.id, target=target)
        for n, org in enumerate(self.table):
            if s.members[org].status in ("outside",):
                if self.style == "greedy":
                    invite = self._try(session, A.Invite(organization=org, ask="letter"))
                else:
                    # Decision-makers where they matter most, doers elsewhere (Living Cities).
                    invite = best_ask(session, org, 3 if n < KEY_SEATS else 2)
                if invite is not None:
                    return invite
                if s.convener_time <= 0 or self.style != "greedy":
                    return None  # out of time this round: end it and carry on
        if self.style == "skip":
            return self._try(session, A.Skip())
        if ("problem", s.round) not in self.reflected and self.style == "full":
            self.reflected.add(("problem", s.round))
            return self._try(session, A.Reflect(behavior="problem_defining"))
        return self._try(session, A.Advance())

    def _storming(self, session: Session) -> A.Action | None:
        s = session.state
        open_tensions = sorted(
            (t for t, st in s.tensions.items() if st.status == "open"),
            key=lambda t: -s.tensions[t].heat,
        )
        for tension in open_tensions:
            # Mediation settles a tension for sure in less meeting time; open dialogue is
            # free but may need a second try. A careful convener mediates while it can pay.
            ways = ["override", "defer"] if self.style == "greedy" else ["mediate", "open"]
            for how in ways:
                action = self._try(session, A.HandleTension(tension=tension, how=how))
                if action is not None:
                    return action
        return self._try(session, A.Advance())

    def _norming(self, session: Session) -> A.Action | None:
        game, s = session.game, session.state
        if (
            s.stage == "norming"
            and self.style == "full"
            and ("interpret", s.round) not in self.reflected
        ):
            self.reflected.add(("interpret", s.round))
            action = self._try(session, A.Reflect(behavior="interpreting"))
            if action is not None:
                return action
        issues = sorted(game.scenario.issues, key=lambda i: ISSUE_ORDER.index(i.kind))
        for issue in issues:
            core = issue.kind in ("governance", "decision_rule")
            if issue.id in s.agreement or (not core and s.failed_votes.get(issue.id, 0) >= 3):
                continue  # keep at the issues performing needs; let the others go
            if self.style == "greedy":
                ranked = sorted(
                    issue.options,
                    key=lambda o: -sum(game.points(m, issue.id, o.id) for m in s.at_table()),
                )
            else:
                ranked = sorted(issue.options, key=lambda o: -acceptance(session, issue.id, o.id))
            option = ranked[s.failed_votes.get(issue.id, 0) % len(ranked)]
            action = self._try(session, A.Propose(issue=issue.id, option=option.id))
            if action is not None:
                return action
            return None  # agenda or time used up: end the round
        return self._try(session, A.Advance())

    def _performing(self, session: Session) -> A.Action | None:
        game, s = session.game, session.state
        if s.round == (s.total_rounds // 2 + 1) and self.style == "full":
            for issue in game.scenario.issues:
                if issue.id not in s.agreement and s.failed_votes.get(issue.id, 0) < 4:
                    option = max(issue.options, key=lambda o: acceptance(session, issue.id, o.id))
                    action = self._try(session, A.Propose(issue=issue.id, option=option.id))
                    if action is not None:
                        return action
        if self.style != "greedy":
            for batch in s.batches:
                if not batch.measured and batch.round_funded < s.round:
                    action = self._try(session, A.Measure(project=batch.project))
                    if action is not None:
                        return action
            key = (s.year, "analyze")
            if key not in self.reflected and s.round_in_year == s.rounds_per_year:
                self.reflected.add(key)
                action = self._try(session, A.Reflect(behavior="analyzing_reflecting"))
                if action is not None:
                    return action
        return self._fund(session)

    def _fund(self, session: Session) -> A.Action | None:
        """Fund the best value per dollar each stream can buy, grants first."""
        game, s = session.game, session.state
        if s.result is None:
            return None
        metric = game.metrics[s.result[0]]
        measured = {b.project for b in s.batches if b.measured}
        ranked: list[tuple[float, str]] = []
        for project in game.scenario.projects:
            value = game.per_unit(project, metric) / project.cost_per_unit
            if project.id in measured and self.style != "greedy":
                value *= s.truth[project.id]  # measurement taught the table what works
            if value > 0:
                ranked.append((value, project.id))
        ranked.sort(key=lambda vp: -vp[0])
        streams = sorted(game.scenario.streams, key=lambda st: st.kind != "grant")
        for stream in streams:
            if s.streams[stream.id].balance < 1:
                continue
            for _, project_id in ranked:
                units = affordable_units(game, s, game.projects[project_id], stream.id)
                if units < 1:
                    continue
                action = A.Fund(project=project_id, stream=stream.id, units=units)
                if session.why_illegal(action) is None:
                    return action
        return None


def random_policy(seed: int) -> Policy:
    """Pick uniformly among legal actions, ending rounds often enough to finish."""
    rng = random.Random(seed)

    def choose(session: Session) -> A.Action:
        legal = session.legal_actions()
        others = [a for a in legal if a.kind != "end_round"]
        if not others or rng.random() < RANDOM_END_ROUND:
            return A.EndRound()
        return rng.choice(others)

    return choose


def make_policy(name: str, game: Game, seed: int) -> Policy:
    if name == "random":
        return random_policy(seed)
    if name in ("full", "skip", "greedy"):
        return ConvenerBot(game, name)
    raise ValueError(f"unknown policy '{name}' (full, skip, random, greedy)")


POLICIES = ("full", "skip", "random", "greedy")
