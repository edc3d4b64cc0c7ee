"""Who votes, how bots vote, and who blocked a proposal under the rule in force."""

from __future__ import annotations

from collections.abc import Mapping

from sim.engine.decide import carried, member_weight
from sim.engine.facts import Facts
from sim.engine.governance import adopted, agenda_bonus, lead_pull
from sim.engine.state import SessionState
from sim.scenario.models import DecisionRuleSpec, StructureIssue

CONVENERS_CONSENSUS = DecisionRuleSpec(rule="consensus")
# How much each personality lets trust in the partnership soften its judgment.
GOODWILL = {"cooperative": 0.5, "pragmatic": 0.3, "hard_bargainer": 0.15, "spoiler": 0.0}
# Members on an executive committee: the most influential, then the richest.
EXECUTIVE_SIZE = 5
# A policy board sits only with at least this many members on it; else the plenary decides.
BOARD_MIN = 3
# A spoiler blocks an option that is not its favorite this often.
SPOILER_BLOCK_CHANCE = 0.5
# A member that trusts the table at least this much stands aside, rather than block, on
# an option that misses its BATNA share by at most this many issue spreads.
STAND_ASIDE_TRUST = 0.55
STAND_ASIDE_MARGIN = 0.35
# Proposals a body can take up in one round, by the most voters it may have: small groups
# decide faster (Wheelan 2009; docs/sources.md). Larger bodies take one.
AGENDA = ((8, 3), (16, 2))
LARGE_AGENDA = 1
# Workgroups prepare proposals, so the body takes up one more a round.
WORKGROUP_AGENDA = 1


def rule_in_force(game: Facts, state: SessionState) -> DecisionRuleSpec:
    """The adopted decision rule, or the convener's consensus before one is adopted."""
    for issue in game.scenario.issues:
        if issue.kind == "decision_rule" and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return option.decision
    return CONVENERS_CONSENSUS


def _structure(game: Facts, state: SessionState) -> tuple[set[str], bool]:
    for issue in game.scenario.issues:
        if isinstance(issue, StructureIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return set(option.structures), option.community_vote
    return {"plenary"}, False


def adopted_structures(game: Facts, state: SessionState) -> set[str]:
    return _structure(game, state)[0]


def executive_committee(game: Facts, members: list[str]) -> list[str]:
    """The executive committee among `members`: the most influential, then the richest."""
    ranked = sorted(
        members,
        key=lambda m: (
            -game.orgs[m].assets.influence,
            -game.orgs[m].assets.money,
            game.index[m],
        ),
    )
    return sorted(ranked[:EXECUTIVE_SIZE], key=game.index.__getitem__)


def voters(game: Facts, state: SessionState) -> list[str]:
    """Who decides: the plenary, a policy board of decision-makers, or an executive committee.

    Veto holders at the table always have a say, whatever the structure.
    """
    table = state.at_table()
    structures, community_vote = _structure(game, state)
    chosen = table
    steering = [m for m in state.steering if m in table]
    if steering and not any(
        i.kind == "decision_rule" and i.id in state.agreement for i in game.scenario.issues
    ):
        chosen = steering  # the interim steering committee decides until a rule is adopted
    elif adopted(game, state).kind == "shared":
        chosen = table  # shared governance: every member takes part in every decision
    elif "policy_board" in structures:
        board = [
            m
            for m in table
            if state.members[m].representative == "decision_maker"
            or (community_vote and game.orgs[m].sector == "community")
        ]
        if len(board) >= BOARD_MIN:
            chosen = board
    if rule_in_force(game, state).rule == "executive_committee" and len(chosen) > EXECUTIVE_SIZE:
        chosen = executive_committee(game, chosen)
    say = set(chosen)
    say.update(m for m in table if game.orgs[m].veto)
    return [m for m in table if m in say]


def agenda_size(n_voters: int) -> int:
    """Proposals a body can take up in one round: small groups decide faster (Wheelan 2009)."""
    for most, size in AGENDA:
        if n_voters <= most:
            return size
    return LARGE_AGENDA


def agenda(game: Facts, state: SessionState) -> int:
    """Proposals the table can take up this round: by the size of the body that votes, one
    more with workgroups preparing them, and what the governance form adds."""
    body = voters(game, state)
    if not body:
        return 0
    structures, _ = _structure(game, state)
    workgroups = WORKGROUP_AGENDA if "workgroup" in structures else 0
    return agenda_size(len(body)) + workgroups + agenda_bonus(game, state)


def stance_margin(
    game: Facts, state: SessionState, org: str, options: Mapping[str, str]
) -> tuple[float, float]:
    """How far a proposal (one option, or a package) sits above what the member must get
    from those issues, plus its goodwill and the lead's pull; and the issues' total spread."""
    member, profile = state.members[org], game.orgs[org]
    value = reserve = spread = pull = 0.0
    for issue, option in options.items():
        sheet = profile.points.get(issue, {})
        value += sheet.get(option, 0)
        reserve += game.reservation[org][issue]
        spread += (max(sheet.values()) - min(sheet.values())) if sheet else 0
        pull += lead_pull(game, state, org, issue, option)
    goodwill = member.tau * spread * GOODWILL[profile.personality]
    return value + goodwill + pull - reserve, spread


def bot_vote(game: Facts, state: SessionState, org: str, options: Mapping[str, str]) -> str:
    """A bot's vote on a proposal: yes when the options (plus goodwill) carry their share of
    its BATNA. The convener's own organization backs the convener."""
    if org == game.scenario.convener.organization:
        return "yes"
    member, profile = state.members[org], game.orgs[org]
    margin, spread = stance_margin(game, state, org, options)
    margin += state.rng.gauss(0.0, game.scenario.dynamics.vote_noise * max(spread, 1))
    spoils = profile.personality == "spoiler" and any(
        profile.points.get(i, {}) and profile.points[i].get(o, 0) < max(profile.points[i].values())
        for i, o in options.items()
    )
    if spoils and state.rng.random() < SPOILER_BLOCK_CHANCE:
        return "no"
    if margin >= 0:
        return "yes"
    if member.tau >= STAND_ASIDE_TRUST and margin >= -STAND_ASIDE_MARGIN * max(spread, 1):
        return "stand_aside"  # disagrees, but trusts the table enough not to block
    return "no"


def passes(
    game: Facts, state: SessionState, votes: Mapping[str, str], rule: DecisionRuleSpec
) -> tuple[bool, list[str]]:
    """Read a tally under a rule; return whether it passes and who blocked it."""
    yes = [m for m, v in votes.items() if v == "yes"]
    no = [m for m, v in votes.items() if v == "no"]
    vetoed = [m for m in no if game.orgs[m].veto]
    ok = bool(
        carried(
            rule,
            len(yes),
            len(no),
            sum(member_weight(game.orgs[m]) for m in yes),
            sum(member_weight(game.orgs[m]) for m in no),
            bool(vetoed),
        )
    )
    if vetoed:
        return False, vetoed
    if ok:
        return True, []
    # Who blocked: everyone who said no (every no-voter when nobody said yes at all).
    return False, no
