"""Key moments: found from what the table did, and asked about in the table's own terms."""

from __future__ import annotations

from pathlib import Path

from sim.debrief.debrief import Debrief
from sim.debrief.moments.find import for_report
from sim.debrief.moments.lessons import LESSONS
from sim.debrief.moments.votes import passes_counts, short_by_one
from sim.debrief.names import org_name, tension_parties, tension_title
from sim.engine.notices import ProposalVoted
from tests.debrief.helpers import play_save


def test_a_deferred_tension_that_came_back(table_a: Debrief) -> None:
    moment = next(m for m in table_a.moments if m.kind == "deferred")
    entry = table_a.save.entries[moment.step - 1]
    assert entry.action.kind == "handle_tension" and entry.action.how == "defer"
    tension = entry.action.tension
    title = tension_title(table_a.game, tension)
    assert moment.related, "the fixture's deferred Tension comes back"
    back = moment.related[0]
    assert any(
        e.kind == "tension_surfaced" and e.returned and e.tension == tension
        for e in table_a.trace.events_at(back)
    )
    first, second = moment.questions
    assert title in first and f"round {moment.round}" in first
    party = org_name(table_a.game, tension_parties(table_a.game, tension)[0])
    assert party in first
    assert f"round {table_a.save.entries[back - 1].round}" in second
    assert moment.fork == moment.step - 1 and "instead of deferring" in moment.what_if
    assert moment.lesson == "conflict"


def test_every_moment_has_a_lesson_and_specific_questions(table_a: Debrief) -> None:
    assert table_a.moments
    for moment in table_a.moments:
        assert moment.lesson in LESSONS
        assert 1 <= len(moment.questions) <= 2
        for question in moment.questions:
            assert question.endswith("?"), question
        # Written from what this table did: a round, a step or a number is always named.
        assert any(ch.isdigit() for ch in " ".join(moment.questions)), moment.questions


def test_skipping_and_its_regression(table_b: Debrief) -> None:
    kinds = [m.kind for m in table_b.moments]
    assert "skip" in kinds
    skip = next(m for m in table_b.moments if m.kind == "skip")
    assert skip.lesson == "form-perform"
    assert table_b.save.entries[skip.step - 1].action.kind == "skip"
    for regression in (m for m in table_b.moments if m.kind == "regression"):
        assert regression.lesson == "form-perform"  # the table skipped, so name the paradox


def test_moments_come_in_step_order_and_the_report_keeps_the_weightiest(
    table_a: Debrief,
) -> None:
    steps = [m.step for m in table_a.moments]
    assert steps == sorted(steps)
    kept = for_report(table_a.moments, limit=3)
    assert len(kept) == 3
    assert [m.step for m in kept] == sorted(m.step for m in kept)
    heaviest = sorted(table_a.moments, key=lambda m: -m.weight)[:3]
    assert {id(m) for m in kept} == {id(m) for m in heaviest}


def test_reneged_pledge_names_the_member_and_the_amounts(tmp_path: Path) -> None:
    # Skipping to performing leaves trust low, so on this seed a member slips on a pledge.
    skipped = Debrief.open(play_save(tmp_path, "skipped.toml", policy="skip", seed=2))
    moment = next(m for m in skipped.moments if m.kind == "reneged")
    settled = [
        e
        for e in skipped.trace.events_at(moment.step)
        if e.kind == "pledge_settled" and e.delivered < e.pledged
    ]
    worst = max(settled, key=lambda e: e.pledged - e.delivered)
    name = org_name(skipped.game, worst.organization)
    assert moment.title.startswith(name)
    assert f"${worst.pledged:,.0f}" in moment.questions[0]


def _vote(game_rule: str, yes: int, no: int, blockers: list[str]) -> ProposalVoted:
    return ProposalVoted(
        round=1,
        text="",
        issue="i",
        option="o",
        rule=game_rule,
        yes=yes,
        no=no,
        stand_aside=0,
        adopted=False,
        blockers=blockers,
    )


def test_failed_by_one_under_each_rule(table_a: Debrief) -> None:
    game = table_a.game
    plain = [o.id for o in game.scenario.organizations if not o.veto]
    veto = [o.id for o in game.scenario.organizations if o.veto]
    assert short_by_one(game, _vote("consensus", 5, 1, plain[:1]), 0.5)
    assert not short_by_one(game, _vote("consensus", 4, 2, plain[:2]), 0.5)
    assert short_by_one(game, _vote("consensus_minus_one", 4, 2, plain[:2]), 0.5)
    assert short_by_one(game, _vote("majority", 3, 3, plain[:3]), 0.5)
    assert not short_by_one(game, _vote("majority", 2, 4, plain[:4]), 0.5)
    assert short_by_one(game, _vote("supermajority", 3, 2, plain[:2]), 2 / 3)
    assert not short_by_one(game, _vote("supermajority", 2, 3, plain[:3]), 2 / 3)
    if veto:  # one veto holder's no, with the rest in favor: one change of mind carries it
        assert short_by_one(game, _vote("majority", 5, 1, veto[:1]), 0.5)
    assert not passes_counts(0, 0, "majority", 0.5)
