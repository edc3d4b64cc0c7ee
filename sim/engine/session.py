"""`Session`: one play of a scenario. Actions go in, events come out, state is hashed.

Every action is checked in full before anything changes, so an illegal action
raises `IllegalAction` naming why and leaves the state exactly as it was.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from sim.engine import actions as A
from sim.engine import events as E
from sim.engine.game import Game
from sim.engine.incidents import apply_effect, due, midpoint_round
from sim.engine.machine import ADVANCE, StageModel, build_machine
from sim.engine.money import (
    Spend,
    affordable_units,
    bot_pledge,
    capacity,
    find_lead,
    funded_units,
    pay,
    plan_spend,
    pledge_stream,
    record_pledge,
    settle_pledges,
)
from sim.engine.performing import (
    achieved,
    delivered_rate,
    draw_noise,
    effectiveness,
    nominal_rate,
    regression_chance,
)
from sim.engine.state import Batch, Member, Proposal, SessionState, StreamState, TensionState
from sim.engine.trust import (
    clamp,
    density,
    initial_trust,
    lower_pairs,
    lower_tau,
    partnership_trust,
    raise_pairs,
    raise_tau,
)
from sim.engine.voting import agenda_size, bot_vote, passes, rule_in_force, voters
from sim.engine.words import REPRESENTATIVES
from sim.scenario.models import GrantStream, LoanStream

# Convener time each kind of work takes within a round.
RALLY_TIME = 2
# Effects a convener can answer in the round they land (see Respond).
ANSWERABLE = ("trust_shock", "member_exit", "champion_leaves", "budget_cut", "tension_heat")
HANDLE_TIME = {"open": 3, "mediate": 2, "defer": 0, "override": 1, "side_deal": 2}
MIN_TABLE = 3


class IllegalAction(ValueError):
    """An action the rules do not allow now; the message says why in one sentence."""


class Session:
    """One game in progress: the OpenSpiel-shaped API the UI, bots and saves use."""

    def __init__(self, game: Game, seed: int, seats: dict[str, str]) -> None:
        self.game = game
        self.seats = seats
        for seat in seats:
            if seat != A.CONVENER and seat not in game.orgs:
                raise IllegalAction(f"unknown seat '{seat}'")
        scenario = game.scenario
        rng = random.Random(seed)
        self.state = SessionState(
            seed=seed,
            rng=rng,
            total_rounds=scenario.timeline.years * scenario.timeline.rounds_per_year,
            rounds_per_year=scenario.timeline.rounds_per_year,
            convener_time=scenario.convener.time_per_round,
            convener_budget=scenario.convener.budget,
        )
        s = self.state
        s.members = {org: Member(human=seats.get(org) == "human") for org in game.orgs}
        s.trust = initial_trust(game)
        s.tensions = {t.id: TensionState() for t in scenario.tensions}
        s.streams = {st.id: StreamState() for st in scenario.streams}
        for st in scenario.streams:
            if isinstance(st, GrantStream | LoanStream):
                s.streams[st.id].balance = s.streams[st.id].received = st.amount
        # What each project really does, hidden until measured: the table must learn it.
        s.truth = {p.id: max(0.1, rng.gauss(1.0, p.uncertainty)) for p in scenario.projects}
        s.problem_solving = {
            b: 0
            for b in (
                "problem_defining",
                "interpreting",
                "solution_finding",
                "analyzing_reflecting",
            )
        }
        self.history: list[A.Action] = []
        self.feed: list[E.Event] = []
        self._pending_events: list[E.Event] = []
        self._model = StageModel(
            {
                "table_formed": lambda: s.result is not None and len(s.at_table()) >= MIN_TABLE,
                "tensions_handled": lambda: (
                    not any(t.status == "open" for t in s.tensions.values())
                ),
                "agreement_adopted": self._agreement_adopted,
                "result_named": lambda: s.result is not None and len(s.at_table()) >= 2,
            },
            self._stage_changed,
        )
        build_machine(self._model)

    # ------------------------------------------------------------------ public API

    @property
    def stage(self) -> str:
        return self.state.stage

    @property
    def round(self) -> int:
        return self.state.round

    @property
    def is_over(self) -> bool:
        return self.state.stage == "adjourning"

    def state_hash(self) -> str:
        return self.state.digest()

    def view(self, seat: str) -> dict[str, Any]:
        """Everything `seat` may see now; see `sim.engine.view`."""
        from sim.engine.view import view  # view.py imports this module

        return view(self, seat)

    def legal_actions(self, seat: str = A.CONVENER) -> list[A.Action]:
        """Every action the seat may take now (fund offers 1 unit and the most affordable)."""
        return [a for a in self._candidates(seat) if self._why_not(a) is None]

    def why_illegal(self, action: A.Action) -> str | None:
        """None when the action is legal now, else the reason in one sentence."""
        return self._why_not(action)

    def apply(self, action: A.Action) -> list[E.Event]:
        """Apply a legal action and return what happened; raise IllegalAction otherwise."""
        reason = self._why_not(action)
        if reason is not None:
            raise IllegalAction(reason)
        self._pending_events = []
        handler: Callable[[Any], None] = getattr(self, f"_do_{action.kind}")
        handler(action)
        self.history.append(action)
        out, self._pending_events = self._pending_events, []
        self.feed.extend(out)
        return out

    # ------------------------------------------------------------------ guards

    def _agreement_adopted(self) -> bool:
        """Governance form and decision rule, where the scenario has them, are agreed."""
        core = [
            i.id for i in self.game.scenario.issues if i.kind in ("governance", "decision_rule")
        ]
        needed = core or [self.game.scenario.issues[0].id]
        return all(issue in self.state.agreement for issue in needed)

    def _stage_changed(self, trigger: str, source: str, dest: str) -> None:
        s = self.state
        s.stage = dest
        s.stages_visited.append(dest)
        regression = trigger == "regress"
        text = {
            "storming": "Storming: the tensions at the table come into the open.",
            "norming": "Norming: the table negotiates its partnership agreement.",
            "performing": "Performing: members pledge money and the partnership funds projects.",
            "adjourning": "Adjourning: the partnership's work is scored.",
        }[dest]
        if regression:
            s.regressions += 1
            text = (
                "Regression to storming: trust broke down and conflicts are back on the "
                "table; funding pauses until they are handled."
            )
        elif trigger == "skip":
            text = (
                "Skipped to performing: the table starts funding without having "
                "surfaced its conflicts or agreed how it works."
            )
        self._emit(
            E.StageChanged(
                round=s.round, source=source, dest=dest, regression=regression, text=text
            )
        )
        if dest == "storming":
            self._surface_tensions()
        if dest == "performing":
            self._open_year_pledges()
        self._fire(due(self.game, s, entered=dest))

    # ------------------------------------------------------------------ legality

    def _candidates(self, seat: str) -> Iterator[A.Action]:
        s, game = self.state, self.game
        if seat != A.CONVENER:
            if seat not in game.orgs:
                return  # an observer or a mistyped seat can do nothing
            for choice in ("yes", "no", "stand_aside"):
                yield A.Vote(seat=seat, choice=choice)
            stream = pledge_stream(game, seat)
            cap = capacity(game, seat)
            for amount in sorted({round(cap * share, 2) for share in (0.25, 0.5, 1.0)}):
                yield A.Pledge(seat=seat, stream=stream, amount=amount)
            return
        yield A.EndRound()
        yield A.Advance()
        yield A.Skip()
        for org in game.orgs:
            for ask in ("letter", "staff_call", "convener_meeting", "champion"):
                yield A.Invite(organization=org, ask=ask)
        for metric in game.scenario.results:
            for target in metric.targets:
                yield A.ChooseResult(metric=metric.id, target=target)
        for tension_id, tension in s.tensions.items():
            if tension.status == "open":
                for how in HANDLE_TIME:
                    sides = len(self._sides(tension_id)) if how in ("override", "side_deal") else 1
                    for favor in range(sides):
                        yield A.HandleTension(tension=tension_id, how=how, favor=favor)
        for issue in game.scenario.issues:
            for option in issue.options:
                yield A.Propose(issue=issue.id, option=option.id)
        if s.stage == "performing":
            for project in game.scenario.projects:
                for stream in game.scenario.streams:
                    most = affordable_units(game, s, project, stream.id)
                    for units in sorted({1, most}):
                        if units >= 1:
                            yield A.Fund(project=project.id, stream=stream.id, units=units)
                yield A.Measure(project=project.id)
        for behavior in s.problem_solving:
            yield A.Reflect(behavior=behavior)
        for event in s.awaiting:
            for response in ("absorb", "rally", "replace"):
                yield A.Respond(event=event, response=response)

    def _why_not(self, action: A.Action) -> str | None:
        s, game = self.state, self.game
        if s.stage == "adjourning":
            return "the game is over: the partnership has adjourned"
        if action.seat != A.CONVENER:
            if action.seat not in game.orgs:
                return f"unknown seat '{action.seat}'"
            if self.seats.get(action.seat) != "human":
                return f"{action.seat} is played by a bot"
        elif self.seats.get(A.CONVENER, "human") != "human" and action.kind != "end_round":
            return "the convener seat is played by a bot"
        kind = action.kind
        if s.pending is not None and kind not in ("vote", "end_round", "invite"):
            missing = [m for m in s.pending.voters if m not in s.pending.votes]
            return f"a vote is open; waiting for {', '.join(missing)}"
        if kind == "end_round":
            if s.pending is not None:
                return "a vote is open; every voter must vote first"
            return None
        if kind == "vote":
            assert isinstance(action, A.Vote)
            if s.pending is None:
                return "no proposal is open for a vote"
            if action.seat not in s.pending.voters:
                return f"{action.seat} is not among the voters"
            if action.seat in s.pending.votes:
                return f"{action.seat} has already voted"
            return None
        if kind == "pledge":
            assert isinstance(action, A.Pledge)
            if action.seat == A.CONVENER:
                return "only members pledge money; the convener spends it"
            if s.stage != "performing":
                return "pledges are made in performing"
            if s.members[action.seat].status != "table":
                return f"{action.seat} is not at the table"
            if action.stream not in game.streams:
                return f"unknown stream '{action.stream}'"
            if any(p.organization == action.seat and p.year == s.year for p in s.ledger):
                return f"{action.seat} has already pledged this year"
            if action.amount > capacity(game, action.seat) + 0.01:
                return (
                    f"{action.seat} can pledge at most ${capacity(game, action.seat):,.0f} a year"
                )
            return None
        if action.seat != A.CONVENER:
            return f"only the convener can {kind.replace('_', ' ')}"
        if kind == "advance":
            if s.stage not in ADVANCE:
                return f"there is no stage after {s.stage} to advance to by choice"
            return (
                None
                if getattr(self._model, f"may_{ADVANCE[s.stage]}")()
                else self._advance_blocker()
            )
        if kind == "skip":
            if s.stage != "forming":
                return "only a table in forming can skip to performing"
            if s.result is None:
                return "name the specific measurable result first"
            if len(s.at_table()) < 2:
                return "invite at least two members first"
            return None
        if kind == "invite":
            assert isinstance(action, A.Invite)
            if action.organization not in game.orgs:
                return f"unknown organization '{action.organization}'"
            org = game.orgs[action.organization]
            member = s.members[action.organization]
            if member.status == "left":
                return f"{org.name} has left the partnership"
            sends = getattr(org.sends, action.ask)
            if member.status == "table" and (
                sends == "nobody" or _rank(sends) <= _rank(member.representative)
            ):
                return f"{org.name} is at the table; that ask would not bring anyone more senior"
            cost = game.scenario.dynamics.ask_cost.get(action.ask, 0) + org.sends.extra_cost
            if cost > s.convener_time:
                return f"inviting {org.name} that way takes {cost} time; {s.convener_time} left"
            return None
        if kind == "choose_result":
            assert isinstance(action, A.ChooseResult)
            if s.stage != "forming":
                return "the result is named in forming"
            if action.metric not in game.metrics:
                return f"unknown result metric '{action.metric}'"
            if action.target <= 0:
                return "the target must be positive"
            return None
        if kind == "handle_tension":
            assert isinstance(action, A.HandleTension)
            tension = s.tensions.get(action.tension)
            if tension is None:
                return f"unknown tension '{action.tension}'"
            if tension.status != "open":
                return f"'{action.tension}' is not open (it is {tension.status})"
            if action.favor >= len(self._sides(action.tension)):
                return "there is no such side"
            if HANDLE_TIME[action.how] > s.convener_time:
                return f"that takes {HANDLE_TIME[action.how]} time; {s.convener_time} left"
            cost = self._handling_cost(action)
            if cost > s.convener_budget + 1e-6:
                return (
                    f"that costs ${cost:,.0f}; the convening budget has ${s.convener_budget:,.0f}"
                )
            return None
        if kind == "propose":
            assert isinstance(action, A.Propose)
            review = game.scenario.timeline.midpoint_review and s.round == midpoint_round(s)
            if s.stage != "norming" and not (s.stage == "performing" and review):
                return "proposals are made in norming (or at the midpoint review)"
            issue = game.issues.get(action.issue)
            if issue is None:
                return f"unknown issue '{action.issue}'"
            if action.option not in {o.id for o in issue.options}:
                return f"'{action.option}' is not an option of {issue.name}"
            if s.agreement.get(action.issue) == action.option:
                return f"that option of {issue.name} is already adopted"
            n_voters = len(voters(game, s))
            if n_voters == 0:
                return "nobody is at the table to vote"
            if s.proposals_this_round >= agenda_size(n_voters):
                return (
                    f"a body of {n_voters} voters can take up {agenda_size(n_voters)} "
                    "proposal(s) a round; end the round"
                )
            if s.convener_time < 1:
                return "no convener time left this round"
            return None
        if kind == "fund":
            assert isinstance(action, A.Fund)
            if s.stage != "performing":
                return "projects are funded in performing"
            project = game.projects.get(action.project)
            if project is None:
                return f"unknown project '{action.project}'"
            if action.stream not in game.streams:
                return f"unknown stream '{action.stream}'"
            if funded_units(s, project.id) + action.units > project.max_units:
                return f"{project.name} has at most {project.max_units} units"
            plan = plan_spend(game, s, project, action.stream, action.units)
            if isinstance(plan, str):
                return plan
            if find_lead(game, s, project) is None:
                return f"no member at the table can lead {project.name}"
            return None
        if kind == "measure":
            assert isinstance(action, A.Measure)
            if s.stage != "performing":
                return "measurement happens in performing"
            if not any(
                b.project == action.project and not b.measured and b.round_funded < s.round
                for b in s.batches
            ):
                return f"nothing of '{action.project}' has run a round unmeasured yet"
            if s.convener_time < 1:
                return "no convener time left this round"
            if self._measure_cost(action.project) > self._measure_money():
                return "not enough money to pay for measurement"
            return None
        if kind == "reflect":
            return None if s.convener_time >= 1 else "no convener time left this round"
        if kind == "respond":
            assert isinstance(action, A.Respond)
            return self._respond_blocker(action)
        return f"unknown action '{kind}'"

    def _advance_blocker(self) -> str:
        s = self.state
        if s.stage == "forming":
            if s.result is None:
                return "name the specific measurable result before storming"
            return f"invite at least {MIN_TABLE} members before storming"
        if s.stage == "storming":
            left = [t for t, st in s.tensions.items() if st.status == "open"]
            return f"handle every open tension first: {', '.join(left)}"
        core = [
            i.name
            for i in self.game.scenario.issues
            if i.kind in ("governance", "decision_rule") and i.id not in s.agreement
        ]
        return f"adopt {' and '.join(core) or 'an agreement'} before performing"

    def _handling_cost(self, action: A.HandleTension) -> float:
        spec = self.game.tensions[action.tension]
        mediation: float = spec.mediation_cost
        return {"mediate": mediation, "side_deal": mediation / 2}.get(action.how, 0.0)

    def _measure_cost(self, project: str) -> float:
        spent = sum(b.cost for b in self.state.batches if b.project == project and not b.measured)
        share = self.game.scenario.dynamics.measurement_share
        if self._shared_measurement():
            share /= 2  # a shared measurement system makes each study cheaper
        return round(max(5_000.0, spent * share), 2)

    def _shared_measurement(self) -> bool:
        for issue in self.game.scenario.issues:
            if issue.kind == "measurement" and issue.id in self.state.agreement:
                option = next(o for o in issue.options if o.id == self.state.agreement[issue.id])
                return bool(option.shared_measurement)  # type: ignore[union-attr]
        return False

    def _measure_money(self) -> float:
        pooled = [st.id for st in self.game.scenario.streams if st.kind == "pooled"]
        return self.state.convener_budget + sum(self.state.streams[p].balance for p in pooled)

    # ------------------------------------------------------------------ action effects

    def _emit(self, event: E.Event) -> None:
        self._pending_events.append(event)

    def _do_invite(self, action: A.Invite) -> None:
        s, game = self.state, self.game
        org = game.orgs[action.organization]
        member = s.members[org.id]
        s.convener_time -= game.scenario.dynamics.ask_cost.get(action.ask, 0) + org.sends.extra_cost
        sends = getattr(org.sends, action.ask)
        if sends == "nobody":
            if member.status != "table":
                s.set_status(org.id, "declined")
            self._emit(
                E.InviteDeclined(
                    round=s.round,
                    organization=org.id,
                    text=f"{org.name} declines an invitation by {_ASK[action.ask]}.",
                )
            )
            return
        upgrade = member.status == "table"
        s.set_status(org.id, "table")
        member.representative = sends
        if not upgrade:
            member.joined_round = s.round
            member.tau = clamp(
                0.35 + 0.1 * _rank(sends) + 0.05 * (org.personality == "cooperative")
            )
        how = _ASK[action.ask]
        verb = "now sends" if upgrade else "joins and sends"
        self._emit(
            E.MemberJoined(
                round=s.round,
                organization=org.id,
                representative=sends,
                text=f"{org.name} {verb} a {REPRESENTATIVES[sends]} (asked by {how}).",
            )
        )
        if not upgrade and s.stage != "forming":
            # A newcomer brings its conflicts: latent tensions involving it surface now.
            self._surface_tensions(only=org.id)

    def _do_choose_result(self, action: A.ChooseResult) -> None:
        s = self.state
        metric = self.game.metrics[action.metric]
        s.result = (action.metric, action.target)
        s.problem_solving["problem_defining"] += 1
        self._emit(
            E.ResultNamed(
                round=s.round,
                metric=metric.id,
                target=action.target,
                text=f"The table names its result: {action.target:g} "
                f"{metric.unit} of {metric.name} by year "
                f"{self.game.scenario.timeline.years}.",
            )
        )

    def _do_advance(self, action: A.Advance) -> None:
        getattr(self._model, ADVANCE[self.state.stage])()

    def _do_skip(self, action: A.Skip) -> None:
        self._model.skip()  # type: ignore[attr-defined]

    def _do_handle_tension(self, action: A.HandleTension) -> None:
        s, game = self.state, self.game
        dyn = game.scenario.dynamics
        spec = game.tensions[action.tension]
        tension = s.tensions[action.tension]
        s.convener_time -= HANDLE_TIME[action.how]
        s.convener_budget -= self._handling_cost(action)
        sides = self._sides(action.tension)
        present = [[m for m in side if s.members[m].status == "table"] for side in sides]
        everyone = [m for side in present for m in side]
        resolved = True
        how = action.how
        title = spec.title
        if how == "open":
            chance = 1 - tension.heat * (1 - density(game, s, everyone or None))
            resolved = s.rng.random() < chance
            rate = dyn.trust_gain if resolved else dyn.trust_gain / 2
            _cross(game, s, present, rate)
            raise_tau(s, everyone, rate / 2)
            if not resolved:
                tension.heat *= 0.6
            text = f"Open dialogue on '{title}' " + (
                "settles it; the parties trust each other more."
                if resolved
                else "clears the air but settles nothing yet; it cools and stays open."
            )
            s.problem_solving["interpreting"] += 1
        elif how == "mediate":
            _cross(game, s, present, 1.5 * dyn.trust_gain)
            raise_tau(s, everyone, dyn.trust_gain)
            text = f"A mediated session settles '{title}'; trust between the parties rises."
            s.problem_solving["interpreting"] += 1
        elif how == "defer":
            resolved = False
            tension.status = "deferred"
            text = (
                f"'{title}' is deferred: nothing is lost now, but it heats up each round "
                "and may come back."
            )
        elif how == "override":
            winners = present[action.favor] if action.favor < len(present) else []
            losers = [m for k, side in enumerate(present) if k != action.favor for m in side]
            lower_pairs(game, s, losers, winners, dyn.override_loss)
            lower_tau(s, losers, dyn.override_loss)
            raise_tau(s, winners, dyn.trust_gain / 3)
            text = (
                f"'{title}' is settled by a vote; the outvoted side "
                f"({', '.join(losers) or 'nobody present'}) trusts the partnership less."
            )
        else:  # side_deal
            insiders = present[action.favor] if action.favor < len(present) else []
            outsiders = [m for m in s.at_table() if m not in insiders]
            raise_tau(s, insiders, dyn.trust_gain)
            lower_tau(s, outsiders, dyn.trust_gain / 2)
            text = (
                f"A side deal settles '{title}' for {', '.join(insiders) or 'nobody'}; "
                "the rest of the table notices."
            )
        if how != "defer":
            tension.status = "resolved" if resolved else "open"
        if resolved and how != "defer":
            tension.heat = 0.0
        tension.handled.append(how)
        self._emit(
            E.TensionHandled(
                round=s.round,
                tension=action.tension,
                how=how,
                resolved=resolved and how != "defer",
                text=text,
            )
        )

    def _sides(self, tension_id: str) -> list[list[str]]:
        spec = self.game.tensions[tension_id]
        sides: list[list[str]] = spec.sides or [[p] for p in spec.parties]
        return sides

    def _do_propose(self, action: A.Propose) -> None:
        s, game = self.state, self.game
        s.convener_time -= 1
        s.proposals_this_round += 1
        body = voters(game, s)
        s.pending = Proposal(action.issue, action.option, body)
        for member in body:
            if not s.members[member].human:
                s.pending.votes[member] = bot_vote(game, s, member, action.issue, action.option)
        self._maybe_tally()

    def _do_vote(self, action: A.Vote) -> None:
        assert self.state.pending is not None
        self.state.pending.votes[action.seat] = action.choice
        self._maybe_tally()

    def _maybe_tally(self) -> None:
        s, game = self.state, self.game
        pending = s.pending
        if pending is None or any(m not in pending.votes for m in pending.voters):
            return
        rule = rule_in_force(game, s)
        adopted, blockers = passes(game, s, pending.votes, rule)
        issue = game.issues[pending.issue]
        option = next(o for o in issue.options if o.id == pending.option)
        counts = {
            c: sum(v == c for v in pending.votes.values()) for c in ("yes", "no", "stand_aside")
        }
        if adopted:
            s.agreement[pending.issue] = pending.option
            text = f"Adopted under {_RULE[rule.rule]}: {issue.name} — {option.label}."
        else:
            s.failed_votes[pending.issue] = s.failed_votes.get(pending.issue, 0) + 1
            who = ", ".join(blockers[:4]) + (" …" if len(blockers) > 4 else "")
            text = (
                f"Not adopted under {_RULE[rule.rule]}: {issue.name} — {option.label} "
                f"({counts['yes']} yes, {counts['no']} no; blocked by {who})."
            )
        s.pending = None
        self._emit(
            E.ProposalVoted(
                round=s.round,
                issue=issue.id,
                option=option.id,
                rule=rule.rule,
                yes=counts["yes"],
                no=counts["no"],
                stand_aside=counts["stand_aside"],
                adopted=adopted,
                blockers=blockers,
                text=text,
            )
        )

    def _settle(self) -> None:
        """Deliver open pledges now and report each line of the ledger."""
        game, s = self.game, self.state
        for pledge in settle_pledges(game, s):
            self._emit(
                E.PledgeSettled(
                    round=s.round,
                    organization=pledge.organization,
                    stream=pledge.stream,
                    pledged=pledge.pledged,
                    delivered=pledge.delivered or 0.0,
                    text=_settled_text(
                        game.orgs[pledge.organization].name,
                        pledge.pledged,
                        pledge.delivered or 0.0,
                    ),
                )
            )

    def _do_pledge(self, action: A.Pledge) -> None:
        record_pledge(self.state, action.seat, action.stream, action.amount)
        self._emit(
            E.Pledged(
                round=self.state.round,
                organization=action.seat,
                stream=action.stream,
                amount=action.amount,
                text=f"{self.game.orgs[action.seat].name} pledges ${action.amount:,.0f}.",
            )
        )
        self._settle()

    def _do_fund(self, action: A.Fund) -> None:
        s, game = self.state, self.game
        project = game.projects[action.project]
        plan = plan_spend(game, s, project, action.stream, action.units)
        assert isinstance(plan, Spend)
        lead = find_lead(game, s, project)
        assert lead is not None
        pay(s, plan)
        s.members[lead].staff_used += project.lead.staff
        s.batches.append(
            Batch(
                project.id,
                action.units,
                plan.cost,
                action.stream,
                lead,
                s.round,
                draw_noise(s, project.uncertainty),
            )
        )
        s.problem_solving["solution_finding"] += 1
        self._emit(
            E.Funded(
                round=s.round,
                project=project.id,
                stream=action.stream,
                units=action.units,
                cost=plan.cost,
                lead=lead,
                text=f"Funded {project.name}: {action.units} × {project.unit}, "
                f"${plan.cost:,.0f}, led by {game.orgs[lead].name}.",
            )
        )

    def _do_measure(self, action: A.Measure) -> None:
        s, game = self.state, self.game
        cost = self._measure_cost(action.project)
        from_budget = min(cost, s.convener_budget)
        s.convener_budget -= from_budget
        rest = round(cost - from_budget, 2)
        for stream in (st.id for st in game.scenario.streams if st.kind == "pooled"):
            take = min(rest, s.streams[stream].balance)
            s.streams[stream].balance -= take
            s.streams[stream].spent += take
            rest = round(rest - take, 2)
        s.convener_time -= 1
        e = effectiveness(game, s)
        nominal = delivered = 0.0
        for batch in s.batches:
            if batch.project == action.project:
                batch.measured = True
                nominal += nominal_rate(game, s, batch)
                delivered += delivered_rate(game, s, batch, e)
        s.problem_solving["analyzing_reflecting"] += 1
        name = game.projects[action.project].name
        self._emit(
            E.Measured(
                round=s.round,
                project=action.project,
                nominal=nominal,
                delivered=delivered,
                text=f"Measurement of {name}: promised {nominal:,.1f} a year, "
                f"delivering {delivered:,.1f} (cost ${cost:,.0f}).",
            )
        )

    def _do_reflect(self, action: A.Reflect) -> None:
        s = self.state
        s.convener_time -= 1
        s.problem_solving[action.behavior] += 1
        if action.behavior == "interpreting":
            # An open exchange of interpretations builds a little trust (Tuckman's norming).
            raise_tau(s, s.at_table(), self.game.scenario.dynamics.trust_gain / 4)
        self._emit(
            E.Reflected(
                round=s.round,
                behavior=action.behavior,
                text=f"The table spends time on {_BEHAVIOR[action.behavior]}.",
            )
        )

    def _respond_blocker(self, action: A.Respond) -> str | None:
        s, game = self.state, self.game
        if action.event not in s.awaiting:
            return f"'{action.event}' is not waiting for a response this round"
        if action.response == "rally" and s.convener_time < RALLY_TIME:
            return f"rallying the members takes {RALLY_TIME} time; {s.convener_time} left"
        if action.response == "replace":
            leaving = self._champion_leaving(action.event)
            if leaving is None:
                return "only a champion who left can be replaced"
            if game.orgs[leaving].sends.champion != "decision_maker":
                return f"{game.orgs[leaving].name} sends no decision-maker even for a champion"
            cost = game.scenario.dynamics.ask_cost.get("champion", 0)
            if s.convener_time < cost:
                return f"asking a champion to call takes {cost} time; {s.convener_time} left"
        return None

    def _champion_leaving(self, event_id: str) -> str | None:
        event = next(e for e in self.game.scenario.events if e.id == event_id)
        return next(
            (ef.organization for ef in event.effects if ef.effect == "champion_leaves"), None
        )

    def _do_respond(self, action: A.Respond) -> None:
        s, game = self.state, self.game
        s.awaiting.remove(action.event)
        title = next(e.title for e in game.scenario.events if e.id == action.event)
        if action.response == "rally":
            # The convener calls members one by one: it softens a shock, it cannot undo it.
            s.convener_time -= RALLY_TIME
            raise_tau(s, s.at_table(), game.scenario.dynamics.trust_gain / 2)
            s.problem_solving["interpreting"] += 1
            text = f"The convener rallies the members after '{title}'; trust steadies."
        elif action.response == "replace":
            org = self._champion_leaving(action.event)
            assert org is not None
            s.convener_time -= game.scenario.dynamics.ask_cost.get("champion", 0)
            s.members[org].representative = "decision_maker"
            text = f"A new champion brings {game.orgs[org].name}'s decision-maker back."
        else:
            text = f"The table absorbs '{title}' and carries on."
        self._emit(
            E.Responded(round=s.round, event=action.event, response=action.response, text=text)
        )

    # ------------------------------------------------------------------ the round's end

    def _do_end_round(self, action: A.EndRound) -> None:
        s, game = self.state, self.game
        s.awaiting.clear()  # a response belongs to the round the event landed in
        dyn = game.scenario.dynamics
        if s.stage == "performing":
            s.performing_rounds += 1
            self._surface_latent_in_performing()
        self._heat_deferred(dyn.heat_growth)
        last_of_year = s.round_in_year == s.rounds_per_year
        if last_of_year and s.stage in ("performing", "adjourning"):
            value = achieved(game, s)
            s.year_results.append(value)
            self._emit(
                E.YearClosed(
                    round=s.round,
                    year=s.year,
                    achieved=value,
                    effectiveness=effectiveness(game, s),
                    text=f"Year {s.year} closes: the funded projects deliver {value:,.1f} "
                    f"{self._unit()} (effectiveness {effectiveness(game, s):.2f}).",
                )
            )
        s.trust_history.append(round(density(game, s), 6))
        if s.round >= s.total_rounds:
            if s.stage != "performing" or not last_of_year:
                s.year_results.append(achieved(game, s))
            self._model.adjourn()  # type: ignore[attr-defined]
            s.over = True
            return
        if (
            s.stage == "performing"
            and s.stage != "adjourning"
            and s.rng.random() < regression_chance(game, s)
        ):
            self._regress()
        s.round += 1
        s.convener_time = game.scenario.convener.time_per_round
        s.proposals_this_round = 0
        self._emit(
            E.RoundEnded(
                round=s.round - 1,
                next_round=s.round,
                text=f"Round {s.round - 1} ends; year {s.year}, round {s.round_in_year} begins.",
            )
        )
        if s.round == midpoint_round(s) and game.scenario.timeline.midpoint_review:
            self._emit(
                E.MidpointReview(
                    round=s.round,
                    text=(
                        "Midpoint review: halfway through, the table may revisit its agreement "
                        "this round (Gersick: groups change course at the midpoint)."
                    ),
                )
            )
        if s.stage == "performing" and s.round_in_year == 1:
            self._open_year_pledges()
        self._fire(due(game, s))

    def _unit(self) -> str:
        metric = self.game.metrics[self.state.result[0]] if self.state.result else None
        return metric.unit if metric else ""

    def _open_year_pledges(self) -> None:
        """Each member at the table pledges once a year; bots decide now."""
        s, game = self.state, self.game
        if s.year in s.pledged_years:
            return
        s.pledged_years.append(s.year)
        for org in s.at_table():
            if s.members[org].human:
                continue
            amount = bot_pledge(game, s, org)
            if amount <= 0:
                continue
            stream = pledge_stream(game, org)
            record_pledge(s, org, stream, amount)
            self._emit(
                E.Pledged(
                    round=s.round,
                    organization=org,
                    stream=stream,
                    amount=amount,
                    text=f"{game.orgs[org].name} pledges ${amount:,.0f}.",
                )
            )
        # Pledges are settled as the year opens, so the ledger shows at once who delivered.
        self._settle()

    def _surface_tensions(self, only: str | None = None) -> None:
        s, game = self.state, self.game
        for spec in game.scenario.tensions:
            tension = s.tensions[spec.id]
            if tension.status != "latent":
                continue
            if only is not None and only not in spec.parties:
                continue
            present = [p for p in spec.parties if s.members[p].status == "table"]
            if not present:
                continue
            both = len(present) >= 2
            tension.status = "open"
            tension.heat = spec.heat if both else spec.heat * 0.6
            self._emit(
                E.TensionSurfaced(
                    round=s.round, tension=spec.id, text=f"Tension surfaces: {spec.title}."
                )
            )

    def _surface_latent_in_performing(self) -> None:
        """Conflicts nobody surfaced still exist: each round one may break out, with a shock."""
        s, game = self.state, self.game
        for spec in game.scenario.tensions:
            tension = s.tensions[spec.id]
            present = [p for p in spec.parties if s.members[p].status == "table"]
            if tension.status != "latent" or not present:
                continue
            if s.rng.random() < spec.heat * 0.5:
                tension.status = "open"
                tension.heat = spec.heat
                lower_tau(s, present, game.scenario.dynamics.trust_gain * spec.heat)
                self._emit(
                    E.TensionSurfaced(
                        round=s.round,
                        tension=spec.id,
                        text=f"A conflict nobody raised breaks out: {spec.title}.",
                    )
                )

    def _heat_deferred(self, growth: float) -> None:
        s, game = self.state, self.game
        for spec in game.scenario.tensions:
            tension = s.tensions[spec.id]
            if tension.status != "deferred":
                continue
            tension.heat = clamp(tension.heat + growth)
            if s.rng.random() < tension.heat:
                tension.status = "open"
                tension.returns += 1
                present = [p for p in spec.parties if s.members[p].status == "table"]
                lower_tau(s, present, game.scenario.dynamics.trust_gain * tension.heat)
                self._emit(
                    E.TensionSurfaced(
                        round=s.round,
                        tension=spec.id,
                        returned=True,
                        text=f"A deferred tension comes back, hotter: {spec.title}.",
                    )
                )
                self._fire(due(game, s, returned=spec.id))

    def _regress(self) -> None:
        s = self.state
        lower_tau(s, s.at_table(), self.game.scenario.dynamics.trust_gain / 2)
        for tension in s.tensions.values():
            if tension.status == "deferred":
                tension.status = "open"
        self._model.regress()  # type: ignore[attr-defined]

    def _fire(self, events: list[Any]) -> None:
        s, game = self.state, self.game
        for event in events:
            if event.once and event.id in s.fired:
                continue
            s.fired.append(event.id)
            if any(ef.effect in ANSWERABLE for ef in event.effects):
                s.awaiting.append(event.id)
            clauses = [apply_effect(game, s, effect) for effect in event.effects]
            detail = "; ".join(clauses)
            self._emit(
                E.ScenarioEventFired(
                    round=s.round,
                    event=event.id,
                    title=event.title,
                    text=f"{event.title}: {event.text}" + (f" ({detail}.)" if detail else ""),
                )
            )
            if (
                any(effect.effect == "member_exit" for effect in event.effects)
                and s.stage == "performing"
                and s.rng.random() < regression_chance(game, s) + 0.2
            ):
                self._regress()  # a change of membership can send the table back to storming

    # ------------------------------------------------------------------ read models

    def summary(self) -> dict[str, Any]:
        """Headline figures for autoplay, the UI meters and the scorecard."""
        s, game = self.state, self.game
        metric, target = s.result or (game.scenario.results[0].id, 0.0)
        return {
            "stage": s.stage,
            "round": s.round,
            "year": s.year,
            "members": len(s.at_table()),
            "density": round(density(game, s), 4),
            "partnership_trust": round(partnership_trust(s), 4),
            "effectiveness": round(effectiveness(game, s), 4),
            "result": {
                "metric": metric,
                "target": target,
                "achieved": round(
                    s.year_results[-1] if s.over and s.year_results else achieved(game, s), 3
                ),
            },
        }


def _cross(game: Game, state: SessionState, sides: list[list[str]], rate: float) -> None:
    """Raise trust across every pair of opposing sides."""
    for k, left in enumerate(sides):
        for right in sides[k + 1 :]:
            raise_pairs(game, state, left, right, rate)


def _rank(kind: str | None) -> int:
    return {"designee": 1, "doer": 2, "decision_maker": 3}.get(kind or "", 0)


def _settled_text(name: str, pledged: float, delivered: float) -> str:
    if delivered >= pledged - 0.01:
        return f"{name} delivers its pledge of ${pledged:,.0f} in full."
    return f"{name} delivers ${delivered:,.0f} of the ${pledged:,.0f} it pledged."


_ASK = {
    "letter": "letter",
    "staff_call": "a staff call",
    "convener_meeting": "a meeting with the convener",
    "champion": "a call from a champion",
}
_RULE = {
    "consensus": "consensus",
    "consensus_minus_one": "consensus minus one",
    "supermajority": "a supermajority",
    "majority": "simple majority",
    "weighted": "a weighted vote",
    "executive_committee": "the executive committee",
}
_BEHAVIOR = {
    "problem_defining": "defining the problem",
    "interpreting": "interpreting and hypothesizing",
    "solution_finding": "finding solutions",
    "analyzing_reflecting": "analyzing and reflecting",
}
