"""The bot convener: a scripted convener that plays fair, from its seat's view alone.

It reads only what a person in the convener's seat can read: the `SeatView` (the public
state, the public scenario, its own brief and means) and what it has learned by sounding
members out, which the view carries. It never sees an organization's points, BATNA or
personality, whom an organization sends for each kind of ask, or what a project really
delivers. Styles: 'full' (every stage, with care), 'skip' (the same, but skips from
forming straight to performing), 'greedy' (the quickest gain at each step). Each choice a
lesson contrasts can be changed on its own (`Choices`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product

from sim.engine import actions as A
from sim.engine.bots.plan import (
    ASK_ORDER,
    KEY_SEATS,
    TYPICAL_SENDS,
    plan_table,
    preferred_forms,
    steering_members,
)
from sim.engine.facts import Facts
from sim.engine.forming import STEERING_TIME
from sim.engine.public import PublicScenario
from sim.engine.seatview import SeatView
from sim.engine.streams import may_fund
from sim.scenario.words import rank

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
CORE_KINDS = ("governance", "decision_rule")
# A careful convener sounds out voters it has not asked about an issue within this many
# rounds, up to a caucus at a time, before it proposes.
READ_FRESH = 4
CAUCUS = 5
# It proposes an option whose forecast passes at least this often; below it, it looks for
# a package, and after this many failures on an issue it proposes the best it has anyway.
PROPOSE_AT = 0.45
STUBBORN_AFTER = 2
# It gives up on an issue outside the core after this many failed votes.
GIVE_UP_AFTER = 3
# Once the core is adopted it moves on to performing after norming this many rounds, if
# every other issue has had a vote; and after this many, whatever is left.
NORMING_AT_LEAST = 3
NORMING_PATIENCE = 8
# It names a steering committee when the table is larger than this.
STEERING_AT = 12
# It stops a measured project that turns out to deliver less than this share of what the
# table's measured projects typically deliver against their promise: a failure, not bad luck.
STOP_RATIO = 0.55
# It keeps this many years of the governance form's cost in the pools.
GOVERNANCE_RESERVE_YEARS = 1.0


@dataclass(frozen=True)
class Choices:
    """The choices a lesson contrast changes one at a time (None: the careful default)."""

    skip: bool = False  # skip from forming straight to performing
    steering: bool | None = None  # name an interim steering committee for a large table
    govern: str | None = None  # the governance form it works for
    measure: bool = True  # measure funded projects and move money on what it learns
    invite: tuple[str, ...] | None = None  # whom to invite instead of its own plan
    sound_out: bool = True  # meet members before proposing
    churn: bool = False  # move money between projects each year without cause
    deals: bool = True  # offer side deals to members its reads say would not back a proposal


@dataclass
class Memory:
    """What the bot remembers between moves (a person would keep notes)."""

    asked: dict[str, set[str]] = field(default_factory=dict)
    reflected: set[tuple[str, int]] = field(default_factory=set)
    norming_since: int | None = None
    stopped: set[str] = field(default_factory=set)  # projects it learned do not work here
    churned: set[int] = field(default_factory=set)  # years it moved money without cause
    offered: set[str] = field(default_factory=set)  # members it offered a side deal
    declined: dict[str, int] = field(default_factory=dict)  # the round a person said no


class ConvenerBot:
    """A scripted convener; call it with the convener's seat view (or a session)."""

    def __init__(
        self, game: Facts | PublicScenario, style: str = "full", choices: Choices | None = None
    ) -> None:
        self.public = game.public if isinstance(game, Facts) else game
        self.style = style
        self.choices = choices or Choices(skip=style == "skip")
        if style == "skip" and not self.choices.skip:
            self.choices = replace(self.choices, skip=True)
        size = len(self.public.organizations) if style == "greedy" else None
        self.table = list(self.choices.invite or plan_table(self.public, size))
        self.memory = Memory()

    def __call__(self, seen: object) -> A.Action:
        view = _as_view(seen)
        if self.style == "full" or self.style == "skip":
            for event in view.awaiting:
                for response in ("replace", "rally", "absorb"):
                    answer = self._try(view, A.Respond(event=event, response=response))  # type: ignore[arg-type]
                    if answer is not None:
                        return answer
        admit = self._admit(view)
        if admit is not None:
            return admit
        chooser = {
            "forming": self._forming,
            "storming": self._storming,
            "norming": self._norming,
            "performing": self._performing,
        }.get(view.stage)
        action = chooser(view) if chooser else None
        return action or A.EndRound()

    # ------------------------------------------------------------------ helpers

    def _try(self, view: SeatView, action: A.Action) -> A.Action | None:
        return action if view.why_not(action) is None else None

    def _ask(self, view: SeatView, org: str, want: int) -> A.Invite | None:
        """The cheapest ask that typically brings someone of rank `want`, not tried yet."""
        member = view.member[org]
        tried = self.memory.asked.setdefault(org, set())
        for ask in reversed(ASK_ORDER):  # cheapest first
            if ask in tried or rank(TYPICAL_SENDS[ask]) < want:
                continue
            if member.status == "table" and rank(TYPICAL_SENDS[ask]) <= rank(member.representative):
                continue
            action = A.Invite(organization=org, ask=ask)  # type: ignore[arg-type]
            if view.why_not(action) is None:
                return action
        # Asked every way that should work: the strongest ask not tried, if any.
        for ask in ASK_ORDER:
            action = A.Invite(organization=org, ask=ask)  # type: ignore[arg-type]
            if ask not in tried and member.status != "table" and view.why_not(action) is None:
                return action
        return None

    def _admit(self, view: SeatView) -> A.Action | None:
        """A member that asks to join is let in, the cheapest way (it comes as it offered)."""
        for member in view.members:
            if member.requested is not None:
                for ask in reversed(ASK_ORDER):
                    action = self._try(view, A.Invite(organization=member.organization, ask=ask))  # type: ignore[arg-type]
                    if action is not None:
                        return action
        return None

    def _plan(self, view: SeatView) -> list[str]:
        """Its table: organizations people play come first (a seminar seat is in the game),
        then its own plan."""
        people = [m.organization for m in view.members if m.person]
        return people + [org for org in self.table if org not in people]

    # ------------------------------------------------------------------ forming

    def _forming(self, view: SeatView) -> A.Action | None:
        if view.result is None:
            metric = view.scenario.results[0]
            targets = sorted(metric.targets)
            target = targets[-1] if self.style == "greedy" else targets[len(targets) // 2]
            return A.ChooseResult(metric=metric.id, target=target)
        for n, org in enumerate(self._plan(view)):
            member = view.member[org]
            if member.invited is not None:
                continue  # its person has yet to answer
            # A person who has just said no is not asked again in the same meeting.
            just_declined = member.person and member.status == "declined"
            if just_declined and self.memory.declined.setdefault(org, view.round) == view.round:
                continue
            want = 3 if n < KEY_SEATS else 2
            if self.style == "greedy":
                if member.status == "outside":
                    invite = self._try(view, A.Invite(organization=org, ask="letter"))
                    if invite is not None:
                        return invite
                continue
            if member.status in ("outside", "declined") or (
                n < KEY_SEATS and member.status == "table" and rank(member.representative) < want
            ):
                invite = self._ask(view, org, want)
                if invite is not None:
                    self.memory.asked[org].add(invite.ask)
                    return invite
                if member.status == "outside" and view.convener and view.convener.time_left < 4:
                    return None  # out of time this round: end it and carry on
        if self.choices.skip:
            return self._try(view, A.Skip())
        if self._wants_steering(view):
            members = steering_members(view)
            action = self._try(view, A.NameSteering(members=members))
            if action is not None:
                return action
            if view.convener is not None and view.convener.time_left < STEERING_TIME:
                return None  # the invitations took this round's time: name it next round
        if self.style == "full" and ("problem", 0) not in self.memory.reflected:
            self.memory.reflected.add(("problem", 0))
            action = self._try(view, A.Reflect(behavior="problem_defining"))
            if action is not None:
                return action
        return self._try(view, A.Advance())

    def _wants_steering(self, view: SeatView) -> bool:
        if view.governance.steering or self.style != "full":
            return False
        if self.choices.steering is not None:
            return self.choices.steering
        return len(view.at_table) > STEERING_AT

    # ------------------------------------------------------------------ storming

    def _storming(self, view: SeatView) -> A.Action | None:
        open_tensions = sorted(
            (t for t in view.tensions if t.status == "open"), key=lambda t: -t.heat
        )
        for tension in open_tensions:
            ways = ["override", "defer"] if self.style == "greedy" else ["mediate", "open"]
            if "override" in tension.handled:
                ways = [w for w in ways if w != "override"]  # one vote by force is enough
            for how in ways:
                action = self._try(view, A.HandleTension(tension=tension.tension, how=how))  # type: ignore[arg-type]
                if action is not None:
                    return action
        return self._try(view, A.Advance())

    # ------------------------------------------------------------------ norming

    def _open_issues(self, view: SeatView) -> list[str]:
        issues = sorted(view.scenario.issues, key=lambda i: ISSUE_ORDER.index(i.kind))
        out = []
        for issue in issues:
            failed = view.failed_votes.get(issue.id, 0)
            core = issue.kind in CORE_KINDS
            if issue.id in view.agreement or (not core and failed >= GIVE_UP_AFTER):
                continue
            out.append(issue.id)
        return out

    def _norming(self, view: SeatView) -> A.Action | None:
        if self.memory.norming_since is None and view.stage == "norming":
            self.memory.norming_since = view.round
        open_issues = self._open_issues(view)
        if not open_issues or (
            view.stage == "norming" and view.why_not(A.Advance()) is None and self._enough(view)
        ):
            return self._try(view, A.Advance())
        issue = open_issues[0]
        if self.style != "greedy" and self.choices.sound_out:
            meet = self._to_sound_out(view, issue, open_issues)
            if meet is not None:
                return meet
        proposal = self._best_proposal(view, issue, open_issues[1:])
        return self._try(view, proposal) if proposal is not None else None

    def _enough(self, view: SeatView) -> bool:
        """Core adopted and the rest tried enough: every other issue put to a vote once,
        or norming has run long enough that waiting costs more than the terms would add."""
        open_issues = self._open_issues(view)
        if not open_issues:
            return True
        spent = view.round - (self.memory.norming_since or view.round)
        untried = [i for i in open_issues if not view.failed_votes.get(i, 0)]
        return spent >= NORMING_PATIENCE or (spent >= NORMING_AT_LEAST and not untried)

    def _to_sound_out(self, view: SeatView, issue: str, issues: list[str]) -> A.Action | None:
        stale = [
            v
            for v in view.voters
            if v != view.scenario.convener.organization
            and (
                issue not in view.knowledge.get(v, {})
                or view.round - view.knowledge[v][issue].round > READ_FRESH
            )
        ]
        if not stale:
            return None
        stale.sort(key=lambda v: (not view.scenario.orgs[v].veto, view.scenario.index[v]))
        for size in range(min(CAUCUS, len(stale)), 0, -1):
            action = self._try(view, A.SoundOut(members=stale[:size], issues=issues))
            if action is not None:
                return action
        return None

    def _candidates(self, view: SeatView, issue: str) -> list[str]:
        spec = view.scenario.issue[issue]
        options = [o.id for o in spec.options]
        if spec.kind == "governance":
            forms = preferred_forms(view, self.choices.govern)
            by_form = {o.id: o.form for o in spec.options}  # type: ignore[attr-defined]
            wanted = [o for o in options if by_form[o] in forms[:1]]
            if wanted and view.failed_votes.get(issue, 0) < STUBBORN_AFTER + 2:
                return wanted
            return sorted(options, key=lambda o: forms.index(by_form[o]))
        return options

    def _best_proposal(self, view: SeatView, issue: str, others: list[str]) -> A.Action | None:
        options = self._candidates(view, issue)
        if self.style == "greedy":
            return A.Propose(issue=issue, option=options[0])
        scored = sorted(
            ((view.forecast({issue: o})[0], -n, o) for n, o in enumerate(options)), reverse=True
        )
        chance, _, option = scored[0]
        failed = view.failed_votes.get(issue, 0)
        if chance < PROPOSE_AT and self.choices.deals:
            deal = self._deal(view, issue, option)
            if deal is not None:
                return deal
        if not others:
            return A.Propose(issue=issue, option=option)
        # Stuck on an issue, it looks beyond the options it would rather have on the others:
        # what a blocker needs elsewhere may buy its vote here.
        stuck = failed >= STUBBORN_AFTER
        got, main, package = self._best_package(view, issue, options, others, stuck)
        # A package settles two issues in one vote: worth it when it is likelier to pass than
        # the option alone, or when it settles more issues per vote than the option would.
        bundles = not stuck and got >= PROPOSE_AT and 2 * got > chance
        if package and (got > chance if chance < PROPOSE_AT else bundles):
            return A.Propose(issue=issue, option=main, package=package)
        return A.Propose(issue=issue, option=option)

    def _best_package(
        self, view: SeatView, issue: str, options: list[str], others: list[str], wide: bool
    ) -> tuple[float, str, dict[str, str]]:
        """The two-issue package with the best forecast, pairing `issue` with one of the next
        few open issues: on the options it would rather have there, or on any if `wide`
        (but the governance form, which it keeps to what it works for)."""
        best: tuple[float, str, dict[str, str]] = (0.0, "", {})
        for other in others[:3]:
            spec = view.scenario.issue[other]
            if wide and spec.kind != "governance":  # the form it works for is not for trade
                theirs_options = [o.id for o in spec.options]
            else:
                theirs_options = self._candidates(view, other)
            for mine, theirs in product(options, theirs_options):
                got = view.forecast({issue: mine, other: theirs})[0]
                if got > best[0]:
                    best = (got, mine, {other: theirs})
        return best

    def _deal(self, view: SeatView, issue: str, option: str) -> A.OfferDeal | None:
        """A side deal with a voter its reads say would not back `option`: the convener's
        organization backs what that member found acceptable on the issue it cares most
        about, if it backs `option`."""
        for voter in view.voters:
            read = view.knowledge.get(voter, {}).get(issue)
            if voter in self.memory.offered or read is None:
                continue
            if read.options.get(option) == "acceptable":
                continue
            cares = view.knowledge[voter].get(read.cares_most)
            if read.cares_most == issue or read.cares_most in view.agreement or cares is None:
                continue
            liked = [o for o, st in cares.options.items() if st == "acceptable"]
            if not liked:
                continue
            action = A.OfferDeal(
                partner=voter,
                give_issue=read.cares_most,
                give_option=liked[0],
                want_issue=issue,
                want_option=option,
            )
            if view.why_not(action) is None:
                self.memory.offered.add(voter)
                return action
        return None

    # ------------------------------------------------------------------ performing

    def _performing(self, view: SeatView) -> A.Action | None:
        midpoint = view.round == view.total_rounds // 2 + 1
        if midpoint and self.style != "greedy":
            for issue in self._open_issues(view):
                proposal = self._best_proposal(view, issue, [])
                if proposal is not None and view.why_not(proposal) is None:
                    return proposal
        if self.choices.measure and self.style != "greedy":
            for project in dict.fromkeys(b.project for b in view.batches if not b.stopped):
                action = self._try(view, A.Measure(project=project))
                if action is not None:
                    return action
            stop = self._stop(view)
            if stop is not None:
                return stop
        if self.choices.churn:
            churn = self._churn(view)
            if churn is not None:
                return churn
            key = ("analyze", view.year)
            if key not in self.memory.reflected and view.round_in_year == view.rounds_per_year:
                self.memory.reflected.add(key)
                action = self._try(view, A.Reflect(behavior="analyzing_reflecting"))
                if action is not None:
                    return action
        return self._fund(view)

    def _realized(self, view: SeatView) -> dict[str, float]:
        """For each measured running project: its estimate against its promise."""
        if view.result is None:
            return {}
        metric = view.scenario.metric[view.result[0]]
        out = {}
        for project in view.projects:
            if project.estimate is None or not project.running:
                continue
            spec = view.scenario.project[project.project]
            units = sum(
                b.units for b in view.batches if b.project == project.project and not b.stopped
            )
            promised = units * view.scenario.per_unit(spec, metric)
            if promised > 0:
                out[project.project] = project.estimate / promised
        return out

    def _value(self, view: SeatView, project: str) -> float:
        """What a dollar buys a year, nominally, corrected by what measuring it taught."""
        if view.result is None or project in self.memory.stopped:
            return 0.0
        metric = view.scenario.metric[view.result[0]]
        spec = view.scenario.project[project]
        state = view.project[project]
        value = view.scenario.per_unit(spec, metric) * state.factor
        realized = self._realized(view) if self.choices.measure else {}
        if project in realized:
            typical = _median(list(realized.values()))
            value *= realized[project] / typical if typical > 0 else 1.0
        return value / state.unit_cost if state.unit_cost > 0 else 0.0

    def _stop(self, view: SeatView) -> A.Action | None:
        realized = self._realized(view)
        if len(realized) < 2:
            return None  # one measurement alone says nothing about what is typical here
        typical = _median(list(realized.values()))
        for project, ratio in realized.items():
            unpaid = sum(b.escrow for b in view.batches if b.project == project and not b.stopped)
            if (
                unpaid > 0
                and ratio < STOP_RATIO * typical
                and self._better_use(view, project, typical)
            ):
                action = self._try(view, A.Stop(project=project))
                if action is not None:
                    self.memory.stopped.add(project)
                    return action
        return None

    def _better_use(self, view: SeatView, project: str, typical: float) -> bool:
        """Whether the money a stop returns would buy more a year elsewhere than the
        project delivers as measured. What was paid is gone either way, so only the unpaid
        money, less the wind-down, counts; and each stream's share goes back to that stream,
        so money only the project's own streams can spend on nothing better sits idle."""
        estimate = view.project[project].estimate
        if estimate is None:
            return False
        back: dict[str, float] = {}
        for b in view.batches:
            if b.project == project and not b.stopped:
                back[b.stream] = back.get(b.stream, 0.0) + b.escrow * (1 - view.scenario.stop_cost)
        # Projects a member can still lead and grow: value per dollar, dollars it can take.
        open_projects = [
            (other, self._value(view, other.id), view.project[other.id])
            for other in view.scenario.projects
            if other.id != project
            and view.project[other.id].lead is not None
            and view.project[other.id].closed is None
        ]
        worth = 0.0
        for stream, money in back.items():
            spec = view.scenario.stream[stream]
            room = [
                (value, (other.max_units - state.funded) * state.unit_cost)
                for other, value, state in open_projects
                if may_fund(spec, other, state.unit_cost) is None
            ]
            # The money fills the best projects first, as far as each can still grow.
            for value, left in sorted(room, reverse=True):
                used = min(money, left)
                worth += used * value
                money -= used
        # Nominal value per dollar, times what projects here typically deliver of it.
        return worth * typical > estimate

    def _churn(self, view: SeatView) -> A.Action | None:
        """Once a year, in its last round, stop the running project with the most money
        still to pay, for no reason the table learned: its money goes to the next best
        project. The year's end is when a stop still returns money (the next year opens by
        paying the tranches) and when the stopped lead has seen a year of its work."""
        if view.year in self.memory.churned or view.round_in_year != view.rounds_per_year:
            return None
        unpaid: dict[str, float] = {}
        for b in view.batches:
            if not b.stopped and b.escrow > 0:
                unpaid[b.project] = unpaid.get(b.project, 0.0) + b.escrow
        if not unpaid:
            return None
        project = max(unpaid, key=unpaid.__getitem__)
        action = self._try(view, A.Stop(project=project))
        if action is not None:
            self.memory.churned.add(view.year)
        return action

    def _fund(self, view: SeatView) -> A.Action | None:
        """Fund the best value per dollar each stream can buy, grants first, keeping
        the governance form's cost in the pools and within what it can manage."""
        if view.result is None:
            return None
        ranked = sorted(
            ((self._value(view, p.id), p.id) for p in view.scenario.projects),
            key=lambda vp: -vp[0],
        )
        streams = sorted(view.scenario.streams, key=lambda st: st.kind != "grant")
        reserve = self._reserve(view)
        new_allowed = view.governance.running < view.governance.capacity or self.style == "greedy"
        for stream in streams:
            balance = view.stream[stream.id].balance
            if balance < 1:
                continue
            for value, project in ranked:
                if value <= 0:
                    continue
                if not view.project[project].running and not new_allowed:
                    continue
                units = view.fundable(project, stream.id)
                if stream.kind == "pooled" and units >= 1:
                    cost = view.project[project].unit_cost
                    spare = balance - reserve
                    units = min(units, int(spare // cost)) if cost > 0 else units
                if units < 1:
                    continue
                action = A.Fund(project=project, stream=stream.id, units=units)
                if view.why_not(action) is None:
                    return action
        return None

    def _reserve(self, view: SeatView) -> float:
        """Money to leave in the pools for next year's governance cost."""
        if self.style == "greedy" or view.year >= view.total_rounds // view.rounds_per_year:
            return 0.0
        issue = next((i for i in view.scenario.issues if i.kind == "governance"), None)
        if issue is None or issue.id not in view.agreement:
            return 0.0
        option = next(o for o in issue.options if o.id == view.agreement[issue.id])
        cost: float = option.cost_per_year  # type: ignore[union-attr]
        pooled = [s for s in view.scenario.streams if s.kind == "pooled"]
        return GOVERNANCE_RESERVE_YEARS * cost / max(1, len(pooled))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _as_view(seen: object) -> SeatView:
    """The convener's view: given one, or read (for a bot) from a session."""
    if isinstance(seen, SeatView):
        return seen
    return seen.view(A.CONVENER, for_bot=True)  # type: ignore[attr-defined,no-any-return]
