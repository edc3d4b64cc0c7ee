"""The lessons must emerge from the rules in batch play (GAME.md section 3).

Asserted in direction only, on a fixed set of seeds, so the tests are exact
and repeatable: if a rule change reverses a direction, the test says so with
the measured numbers rather than being loosened.
"""

from __future__ import annotations

import statistics

from sim.engine import Game, Session
from sim.engine import actions as A
from sim.engine.autoplay import autoplay
from sim.engine.policies import acceptance, plan_table
from tests.engine.conftest import apply_all, cheapest_ask, name_result

PARADOX_SEEDS = range(40)
PLENARY_SEEDS = range(10)
NORMING_ROUNDS = 4
TABLE_SIZE = 12


def mean_achieved(game: Game, policy: str) -> float:
    return statistics.mean(
        autoplay(game, seed, policy).as_json()["result"]["achieved"] for seed in PARADOX_SEEDS
    )


def test_forming_properly_beats_skipping_to_performing(flagship_game: Game) -> None:
    """Form-perform paradox: skipping delivers sooner but worse over the whole game."""
    full, skip = mean_achieved(flagship_game, "full"), mean_achieved(flagship_game, "skip")
    assert full > skip, f"mean achieved over seeds 0-39: full {full:.2f} <= skip {skip:.2f}"


# ---------------------------------------------------------------------- size


def invite_all(session: Session, orgs: list[str], ask: str | None) -> None:
    """Invite each organization (by `ask`, else the cheapest ask it accepts), ending
    rounds whenever the convener runs out of time for the next invitation."""
    for org in orgs:
        action = A.Invite(organization=org, ask=ask or cheapest_ask(session.game, org))
        reason = session.why_illegal(action)
        if reason is not None and "time" in reason:
            session.apply(A.EndRound())
        apply_all(session, [action])


def adopted_in_norming(
    game: Game, seed: int, orgs: list[str], rounds: int, ask: str | None = None
) -> tuple[int, int]:
    """(members, issues adopted) after `rounds` norming rounds under the convener's consensus.

    The same careful convener for every table: name the result, invite,
    defer every tension (so both tables reach norming at once), then each round
    propose the most acceptable option of each open issue until the agenda or
    the convener's time runs out.
    """
    session = game.new_session(seed)
    name_result(session)
    invite_all(session, orgs, ask)
    members = len(session.state.at_table())
    apply_all(session, [A.Advance()])
    for tension, state in session.state.tensions.items():
        if state.status == "open":
            apply_all(session, [A.HandleTension(tension=tension, how="defer")])
    apply_all(session, [A.Advance()])
    assert session.stage == "norming"
    assert session.view("convener").rule.rule == "consensus"
    last = session.round + rounds - 1
    while session.round <= last and not session.is_over:
        proposed = False
        for issue in game.scenario.issues:
            if issue.id in session.state.agreement:
                continue
            ranked = sorted(issue.options, key=lambda o: -acceptance(session, issue.id, o.id))
            tries = session.state.failed_votes.get(issue.id, 0)
            option = ranked[tries % len(ranked)]
            action = A.Propose(issue=issue.id, option=option.id)
            if session.why_illegal(action) is None:
                session.apply(action)
                proposed = True
                break
        if not proposed:
            session.apply(A.EndRound())
    return members, len(session.state.agreement)


def test_a_48_member_consensus_plenary_adopts_less_than_a_12_member_table(
    flagship_game: Game,
) -> None:
    """Size: a plenary deciding everything by consensus stalls (Wheelan 2009)."""
    everyone = list(flagship_game.orgs)
    assert len(everyone) == 48
    table = plan_table(flagship_game, TABLE_SIZE)
    plenary = [
        adopted_in_norming(flagship_game, seed, everyone, NORMING_ROUNDS, "letter")
        for seed in PLENARY_SEEDS
    ]
    small = [
        adopted_in_norming(flagship_game, seed, table, NORMING_ROUNDS) for seed in PLENARY_SEEDS
    ]
    assert all(members == TABLE_SIZE for members, _ in small)
    assert all(members > 3 * TABLE_SIZE for members, _ in plenary)  # a few decline a letter
    adopted_plenary = sum(adopted for _, adopted in plenary)
    adopted_small = sum(adopted for _, adopted in small)
    assert adopted_plenary < adopted_small, (
        f"issues adopted in {NORMING_ROUNDS} norming rounds over seeds 0-9: "
        f"plenary of {plenary[0][0]} {adopted_plenary}, table of 12 {adopted_small}"
    )
