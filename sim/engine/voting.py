"""Who votes, how bots vote, and how a tally is read under each decision rule."""

from __future__ import annotations

from collections.abc import Mapping

from sim.engine.game import Game
from sim.engine.state import SessionState
from sim.scenario.models import DecisionRuleSpec, StructureIssue

CONVENERS_CONSENSUS = DecisionRuleSpec(rule="consensus")
# How much each personality lets trust in the partnership soften its judgment.
GOODWILL = {"cooperative": 0.5, "pragmatic": 0.3, "hard_bargainer": 0.15, "spoiler": 0.0}
EXECUTIVE_SIZE = 5


def rule_in_force(game: Game, state: SessionState) -> DecisionRuleSpec:
    """The adopted decision rule, or the convener's consensus before one is adopted."""
    for issue in game.scenario.issues:
        if issue.kind == "decision_rule" and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return option.decision
    return CONVENERS_CONSENSUS


def _structure(game: Game, state: SessionState) -> tuple[set[str], bool]:
    for issue in game.scenario.issues:
        if isinstance(issue, StructureIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return set(option.structures), option.community_vote
    return {"plenary"}, False


def voters(game: Game, state: SessionState) -> list[str]:
    """Who decides: the plenary, a policy board of decision-makers, or an executive committee.

    Veto holders at the table always have a say, whatever the structure.
    """
    table = state.at_table()
    structures, community_vote = _structure(game, state)
    chosen = table
    if "policy_board" in structures:
        board = [
            m
            for m in table
            if state.members[m].representative == "decision_maker"
            or (community_vote and game.orgs[m].sector == "community")
        ]
        if len(board) >= 3:
            chosen = board
    if rule_in_force(game, state).rule == "executive_committee" and len(chosen) > EXECUTIVE_SIZE:
        ranked = sorted(
            chosen,
            key=lambda m: (
                -game.orgs[m].assets.influence,
                -game.orgs[m].assets.money,
                game.index[m],
            ),
        )
        chosen = sorted(ranked[:EXECUTIVE_SIZE], key=game.index.__getitem__)
    vetoes = [m for m in table if game.orgs[m].veto and m not in chosen]
    return [m for m in table if m in set(chosen) | set(vetoes)]


def agenda_size(n_voters: int) -> int:
    """Proposals a body can take up in one round: small groups decide faster (Wheelan 2009)."""
    if n_voters <= 8:
        return 3
    if n_voters <= 16:
        return 2
    return 1


def bot_vote(game: Game, state: SessionState, org: str, issue: str, option: str) -> str:
    """A bot's vote: yes when the option (plus goodwill) carries its share of the BATNA."""
    member = state.members[org]
    profile = game.orgs[org]
    sheet = profile.points.get(issue, {})
    spread = (max(sheet.values()) - min(sheet.values())) if sheet else 0
    value = sheet.get(option, 0)
    goodwill = member.tau * spread * GOODWILL[profile.personality]
    noise = state.rng.gauss(0.0, game.scenario.dynamics.vote_noise * max(spread, 1))
    margin = value + goodwill + noise - game.reservation[org][issue]
    spoils = profile.personality == "spoiler" and sheet and value < max(sheet.values())
    if spoils and state.rng.random() < 0.5:
        return "no"  # a spoiler blocks what is not its favorite about half the time
    if margin >= 0:
        return "yes"
    if member.tau >= 0.55 and margin >= -0.35 * max(spread, 1):
        return "stand_aside"  # disagrees, but trusts the table enough not to block
    return "no"


def passes(
    game: Game, state: SessionState, votes: Mapping[str, str], rule: DecisionRuleSpec
) -> tuple[bool, list[str]]:
    """Read a tally under a rule; return whether it passes and who blocked it."""
    yes = [m for m, v in votes.items() if v == "yes"]
    no = [m for m, v in votes.items() if v == "no"]
    vetoed = [m for m in no if game.orgs[m].veto]
    if vetoed:
        return False, vetoed
    if not yes:
        return False, no
    if rule.rule == "consensus":
        return not no, no
    if rule.rule == "consensus_minus_one":
        return len(no) <= 1, no if len(no) > 1 else []
    if rule.rule == "weighted":

        def weight(m: str) -> float:
            assets = game.orgs[m].assets
            return 1.0 + assets.money / 1_000_000 + assets.influence

        yes_w, no_w = sum(map(weight, yes)), sum(map(weight, no))
        return yes_w > no_w, [] if yes_w > no_w else no
    threshold = rule.threshold if rule.rule == "supermajority" else 0.5
    share = len(yes) / (len(yes) + len(no))
    ok = share >= threshold if rule.rule == "supermajority" else share > threshold
    return ok, [] if ok else no
