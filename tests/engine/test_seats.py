"""Organization seats played by a person: joining, asking in, walking out, raising a
tension, delivering pledges, side deals and proposals (issue #11, "organization seats
worth playing").

Each test plays the starter scenario (city, county, foundation, neighbors) with the
convener and one or two organizations held by people.
"""

from __future__ import annotations

import pytest

from sim.engine import Game, IllegalAction, Session
from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.joining import WALK_OUT_PAIRS, WALK_OUT_TAU
from sim.engine.session import RULES
from tests.engine.conftest import (
    apply_all,
    events_of,
    invite,
    load_game,
    name_result,
    settle_tensions,
    starter_variant,
)

# The foundation cares most about governance, hates majority rule and walks away easily
# (a high BATNA): on its own it votes against majority rule, yet a deal that trades its
# backing of majority rule for shared governance is worth its while.
DEAL_MINDED = (
    (
        "points = { governance = { shared = 15, lead = 10 }, "
        "rule = { consensus = 10, majority = 10 } }\nbatna = 10",
        "points = { governance = { shared = 30, lead = 0 }, "
        "rule = { consensus = 20, majority = 0 } }\nbatna = 45",
    ),
)
# A grant the county provides: it goes with the county if the county walks out.
COUNTY_GRANT = """
[[streams]]
id = "county-grant"
kind = "grant"
name = "County air grant"
amount = 100_000
provider = "county"
"""


def people(*orgs: str, game: Game | None = None, seed: int = 0) -> Session:
    """A starter session with a person at the convener's seat and at each of `orgs`."""
    seats = {"convener": "human", **{org: "human" for org in orgs}}
    return (game or load_game("starter")).new_session(seed, seats)


def seat(session: Session, org: str, ask: str = "letter", rep: str = "designee") -> None:
    """The convener invites `org` and its person answers, sending `rep`."""
    apply_all(session, [A.Invite(organization=org, ask=ask), A.Join(seat=org, representative=rep)])


def tau(session: Session, org: str) -> float:
    return session.state.members[org].tau


def T(session: Session, a: str, b: str) -> float:
    idx = session.game.index
    return session.state.trust[idx[a]][idx[b]]


def performing_with_county(game: Game | None = None, seed: int = 0) -> Session:
    """The county (a person) and the foundation at the table, skipped to performing."""
    session = people("county", game=game, seed=seed)
    name_result(session)
    seat(session, "county")
    invite(session, ["foundation"])
    apply_all(session, [A.Skip()])
    assert session.stage == "performing"
    return session


def norming_with(*orgs: str, game: Game | None = None, seed: int = 0) -> Session:
    """People at `orgs` (each sending a doer), the rest of the starter's
    organizations as bots (all asked to a meeting with the convener), tensions mediated,
    in norming."""
    session = people(*orgs, game=game, seed=seed)
    name_result(session)
    for org in ("city", "county", "foundation", "neighbors"):
        if org in orgs:
            seat(session, org, "convener_meeting", "doer")
        else:
            invite(session, [org], "convener_meeting")
        session.state.convener_time = 99  # inviting is not what these tests are about
    apply_all(session, [A.Advance()])
    settle_tensions(session)
    assert session.stage == "norming"
    return session


# ---------------------------------------------------------------------- invitations


def test_an_invited_person_seat_gets_an_invited_notice_and_waits_to_join() -> None:
    session = people("neighbors")
    out = apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    (notice,) = events_of(out, N.Invited)
    assert notice.organization == "neighbors" and notice.ask == "staff_call"
    assert "Riverside Neighbors" in notice.text
    member = session.state.members["neighbors"]
    assert member.status == "outside" and member.invited == "staff_call"
    assert "neighbors" not in session.state.at_table()
    assert session.view("convener").member["neighbors"].invited == "staff_call"


def test_a_pending_invitee_does_not_count_toward_the_table_until_it_joins() -> None:
    session = people("neighbors")
    name_result(session)
    invite(session, ["city", "county"])
    apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    assert session.why_illegal(A.Advance()) == "invite at least 3 members before storming"
    apply_all(session, [A.Join(seat="neighbors", representative="doer")])
    assert session.why_illegal(A.Advance()) is None


def test_join_seats_the_member_with_the_representative_it_chose() -> None:
    session = people("neighbors")
    apply_all(session, [A.Invite(organization="neighbors", ask="convener_meeting")])
    out = apply_all(session, [A.Join(seat="neighbors", representative="doer")])
    (joined,) = events_of(out, N.MemberJoined)
    assert joined.representative == "doer"
    member = session.state.members["neighbors"]
    assert member.status == "table" and member.representative == "doer"
    assert member.invited is None


def test_join_nobody_declines_the_invitation() -> None:
    session = people("neighbors")
    apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    out = apply_all(session, [A.Join(seat="neighbors", representative="nobody")])
    assert events_of(out, N.InviteDeclined)
    assert session.state.members["neighbors"].status == "declined"
    assert session.state.members["neighbors"].invited is None


def test_a_seat_may_send_no_one_more_senior_than_its_brief_allows_for_the_ask() -> None:
    """Neighbors send at most a doer to a staff call, and nobody to a letter."""
    session = people("neighbors")
    apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    too_senior = A.Join(seat="neighbors", representative="decision_maker")
    assert session.why_illegal(too_senior) == (
        "asked by a staff call, your organization sends at most a doer"
    )
    assert session.why_illegal(A.Join(seat="neighbors", representative="designee")) is None

    by_letter = people("neighbors")
    apply_all(by_letter, [A.Invite(organization="neighbors", ask="letter")])
    reason = by_letter.why_illegal(A.Join(seat="neighbors", representative="designee"))
    assert reason is not None and "sends nobody" in reason
    assert by_letter.why_illegal(A.Join(seat="neighbors", representative="nobody")) is None


def test_join_without_an_invitation_is_refused() -> None:
    session = people("neighbors")
    reason = session.why_illegal(A.Join(seat="neighbors", representative="doer"))
    assert reason == "nobody has invited you; ask to join instead"
    with pytest.raises(IllegalAction):
        session.apply(A.Join(seat="neighbors", representative="doer"))


def test_reinviting_a_pending_invitee_is_refused_with_a_reason() -> None:
    session = people("neighbors")
    apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    time_left = session.state.convener_time
    again = A.Invite(organization="neighbors", ask="convener_meeting")
    assert (
        session.why_illegal(again) == "Riverside Neighbors is invited already and has yet to answer"
    )
    assert session.view("convener").why_not(again) == session.why_illegal(again)
    with pytest.raises(IllegalAction):
        session.apply(again)
    assert session.state.convener_time == time_left


def test_a_declined_seat_can_be_invited_again() -> None:
    session = people("neighbors")
    apply_all(
        session,
        [
            A.Invite(organization="neighbors", ask="staff_call"),
            A.Join(seat="neighbors", representative="nobody"),
        ],
    )
    assert session.why_illegal(A.Invite(organization="neighbors", ask="staff_call")) is None


# ---------------------------------------------------------------------- asking to join


def test_ask_to_join_then_the_convener_admits_it_as_it_offered() -> None:
    session = people("neighbors")
    out = apply_all(session, [A.AskToJoin(seat="neighbors", representative="doer")])
    (asked,) = events_of(out, N.AskedToJoin)
    assert asked.representative == "doer"
    assert session.state.members["neighbors"].requested == "doer"
    assert session.view("convener").member["neighbors"].requested == "doer"
    # Asked in by its own request, it comes as it offered, with no Join to answer.
    out = apply_all(session, [A.Invite(organization="neighbors", ask="letter")])
    (joined,) = events_of(out, N.MemberJoined)
    assert joined.representative == "doer"
    member = session.state.members["neighbors"]
    assert member.status == "table" and member.requested is None and member.invited is None


def test_asking_twice_or_while_invited_or_seated_is_refused() -> None:
    session = people("neighbors")
    apply_all(session, [A.AskToJoin(seat="neighbors")])
    assert session.why_illegal(A.AskToJoin(seat="neighbors")) == (
        "you have asked; the convener has yet to answer"
    )
    invited = people("neighbors")
    apply_all(invited, [A.Invite(organization="neighbors", ask="staff_call")])
    assert invited.why_illegal(A.AskToJoin(seat="neighbors")) == (
        "you are invited: answer the invitation"
    )
    apply_all(invited, [A.Join(seat="neighbors", representative="doer")])
    assert invited.why_illegal(A.AskToJoin(seat="neighbors")) == "you are at the table already"


def test_an_offer_to_join_is_bounded_by_whom_the_brief_sends() -> None:
    """The seat cannot offer a decision-maker its organization would never send."""
    game = starter_variant(
        replace=(
            (
                'convener_meeting = "decision_maker", champion = "decision_maker"',
                'convener_meeting = "doer", champion = "doer"',
            ),
        )
    )
    session = people("neighbors", game=game)
    chair = A.AskToJoin(seat="neighbors", representative="decision_maker")
    assert session.why_illegal(chair) == (
        "however it is asked, your organization sends at most a doer"
    )
    assert session.why_illegal(A.AskToJoin(seat="neighbors", representative="doer")) is None
    # In the starter a meeting with the convener brings the chair, so the chair may be offered.
    assert people("neighbors").why_illegal(chair) is None


def every_kind(session: Session, seat: str) -> list[A.Action]:
    """One action of every kind, taken from `seat`, with names from the scenario."""
    sc = session.game.scenario
    org, other = sc.organizations[0].id, sc.organizations[1].id
    issue, project, stream = sc.issues[0], sc.projects[0].id, sc.streams[0].id
    option = issue.options[0].id
    samples: list[A.Action] = [
        A.Invite(organization=org),
        A.ChooseResult(metric=sc.results[0].id, target=1.0),
        A.HandleTension(tension=sc.tensions[0].id, how="mediate"),
        A.Propose(issue=issue.id, option=option),
        A.SoundOut(members=(org,), issues=(issue.id,)),
        A.Vote(choice="yes"),
        A.Pledge(stream=stream, amount=1.0),
        A.Fund(project=project, stream=stream, units=1),
        A.Stop(project=project),
        A.Measure(project=project),
        A.Reflect(behavior="interpreting"),
        A.NameSteering(members=(org,)),
        A.Advance(),
        A.Skip(),
        A.EndRound(),
        A.Respond(event="none", response="absorb"),
        A.Join(representative="doer"),
        A.AskToJoin(),
        A.WalkOut(),
        A.RaiseTension(tension=sc.tensions[0].id),
        A.Deliver(amount=1.0),
        A.OfferDeal(
            partner=other,
            give_issue=issue.id,
            give_option=option,
            want_issue=issue.id,
            want_option=option,
        ),
        A.AnswerDeal(deal=0, accept=True),
    ]
    assert {a.kind for a in samples} == set(RULES), "a new action kind needs a sample here"
    return [a.model_copy(update={"seat": seat}) for a in samples]


@pytest.mark.parametrize("seat", [A.CONVENER, "neighbors"])
def test_every_move_from_either_seat_is_answered_with_a_reason_never_a_crash(seat: str) -> None:
    """A scripted or network client may send any kind from any seat (walking out from the
    convener's seat raised KeyError)."""
    session = people("neighbors")
    for action in every_kind(session, seat):
        reason = session.why_illegal(action)
        assert reason is None or (reason and not reason.endswith(".")), (action, reason)
    for kind in ("join", "ask_to_join", "walk_out"):
        action = next(a for a in every_kind(session, A.CONVENER) if a.kind == kind)
        assert session.why_illegal(action) == (
            f"only an organization's own seat can {kind.replace('_', ' ')}"
        )


def test_a_bot_organization_cannot_be_played_by_a_person() -> None:
    session = people("neighbors")
    reason = session.why_illegal(A.AskToJoin(seat="county"))
    assert reason is not None and "bot" in reason


# ---------------------------------------------------------------------- walking out


def test_walking_out_voids_open_pledges_and_takes_the_money_it_provides() -> None:
    session = performing_with_county(starter_variant(COUNTY_GRANT))
    apply_all(session, [A.Pledge(seat="county", stream="local-pool", amount=100_000)])
    out = apply_all(session, [A.WalkOut(seat="county")])
    (walked,) = events_of(out, N.WalkedOut)
    assert "County air grant" in walked.text
    assert session.state.members["county"].status == "left"
    (line,) = [p for p in session.state.ledger if p.organization == "county"]
    assert line.delivered == 0.0
    grant = session.state.streams["county-grant"]
    assert grant.balance == 0.0 and grant.received == 0.0
    # The undelivered pledge never reached the pool.
    assert session.state.streams["local-pool"].balance == pytest.approx(
        sum(p.delivered or 0 for p in session.state.ledger if p.organization != "county")
    )


def test_walking_out_costs_the_rest_of_the_table_trust() -> None:
    """Everyone left loses half of a in τ, and its trust with the walker falls by a·T
    (in norming, so no regression to storming adds its own dip)."""
    session = norming_with("county")
    a = session.game.scenario.dynamics.trust_gain
    others = [m for m in session.state.at_table() if m != "county"]
    before_tau = {m: tau(session, m) for m in others}
    before_pair = {m: T(session, m, "county") for m in others}
    apply_all(session, [A.WalkOut(seat="county")])
    for m in others:
        assert tau(session, m) == pytest.approx(before_tau[m] * (1 - a * WALK_OUT_TAU))
        assert T(session, m, "county") == pytest.approx(before_pair[m] * (1 - a * WALK_OUT_PAIRS))
    assert session.state.at_table() == others


def test_a_member_that_walked_out_cannot_walk_out_or_ask_back_in() -> None:
    session = performing_with_county()
    apply_all(session, [A.WalkOut(seat="county")])
    assert session.why_illegal(A.WalkOut(seat="county")) == "you are not at the table"
    assert session.why_illegal(A.AskToJoin(seat="county")) == (
        "your organization has left the partnership"
    )
    assert session.why_illegal(A.Invite(organization="county")) == (
        "County Commission has left the partnership"
    )


def test_a_seat_outside_the_table_cannot_walk_out() -> None:
    session = people("neighbors")
    assert session.why_illegal(A.WalkOut(seat="neighbors")) == "you are not at the table"


# ---------------------------------------------------------------------- raising a tension


def test_a_party_can_put_a_deferred_tension_back_on_the_table() -> None:
    session = people("neighbors")
    name_result(session)
    invite(session, ["city", "county"])
    seat(session, "neighbors", "staff_call", "doer")
    apply_all(session, [A.Advance()])
    raise_it = A.RaiseTension(seat="neighbors", tension="trucks")
    assert session.why_illegal(raise_it) == "'Trucks on residential streets' is open already"
    apply_all(session, [A.HandleTension(tension="trucks", how="defer")])
    assert session.state.tensions["trucks"].status == "deferred"
    out = apply_all(session, [raise_it])
    assert events_of(out, N.TensionSurfaced)
    assert session.state.tensions["trucks"].status == "open"


def test_raising_a_latent_tension_opens_it_at_its_heat_without_a_trust_shock() -> None:
    """Skipping storming leaves the trucks tension latent; a party may raise it."""
    session = people("neighbors")
    name_result(session)
    invite(session, ["city"])
    seat(session, "neighbors", "staff_call", "doer")
    apply_all(session, [A.Skip()])
    assert session.state.tensions["trucks"].status == "latent"
    before = {m: tau(session, m) for m in session.state.at_table()}
    apply_all(session, [A.RaiseTension(seat="neighbors", tension="trucks")])
    assert session.state.tensions["trucks"].status == "open"
    assert session.state.tensions["trucks"].heat == session.game.tensions["trucks"].heat
    assert {m: tau(session, m) for m in session.state.at_table()} == before


def test_only_a_party_at_the_table_can_raise_a_tension_and_not_in_forming() -> None:
    session = people("neighbors", "county")
    name_result(session)
    seat(session, "county")
    reason = session.why_illegal(A.RaiseTension(seat="county", tension="trucks"))
    assert reason == "you are not a party to 'Trucks on residential streets'"
    reason = session.why_illegal(A.RaiseTension(seat="neighbors", tension="trucks"))
    assert reason == "you are not at the table"
    seat(session, "neighbors", "staff_call", "doer")
    reason = session.why_illegal(A.RaiseTension(seat="neighbors", tension="trucks"))
    assert reason is not None and "storming" in reason


# ---------------------------------------------------------------------- pledges


def pledged(session: Session, amount: float = 100_000) -> Session:
    apply_all(session, [A.Pledge(seat="county", stream="local-pool", amount=amount)])
    return session


def county_line(session: Session):  # type: ignore[no-untyped-def]
    (line,) = [p for p in session.state.ledger if p.organization == "county"]
    return line


def test_a_person_seat_pledge_waits_for_it_to_deliver() -> None:
    session = pledged(performing_with_county())
    assert county_line(session).delivered is None
    amounts = {
        m.action.amount for m in session.view("county").moves if isinstance(m.action, A.Deliver)
    }
    assert amounts == {100_000.0, 50_000.0, 0.0}


def test_delivering_part_of_a_pledge_reneges_on_the_rest() -> None:
    session = pledged(performing_with_county())
    pool = session.state.streams["local-pool"].balance
    out = apply_all(session, [A.Deliver(seat="county", amount=40_000)])
    (settled,) = events_of(out, N.PledgeSettled)
    assert settled.delivered == 40_000 and settled.pledged == 100_000
    assert "$40,000 of the $100,000" in settled.text
    assert county_line(session).delivered == 40_000
    assert session.state.streams["local-pool"].balance == pytest.approx(pool + 40_000)


def test_a_pledge_can_be_delivered_once_and_never_more_than_was_pledged() -> None:
    session = pledged(performing_with_county())
    assert session.why_illegal(A.Deliver(seat="county", amount=100_001)) == (
        "you pledged $100,000; deliver at most that"
    )
    apply_all(session, [A.Deliver(seat="county", amount=100_000)])
    assert session.why_illegal(A.Deliver(seat="county", amount=1)) == (
        "you have no pledge this year waiting to be delivered"
    )
    assert session.why_illegal(A.Pledge(seat="county", stream="local-pool", amount=1)) == (
        "you have pledged this year already"
    )


def test_a_pledge_left_open_at_the_year_close_is_delivered_in_full() -> None:
    session = pledged(performing_with_county())
    while session.state.year == 1:
        assert county_line(session).delivered is None
        apply_all(session, [A.EndRound()])
    assert county_line(session).delivered == 100_000


def test_reneging_on_a_pledge_costs_more_trust_than_keeping_it_earns() -> None:
    """Equal stakes: the whole pledge kept, or the whole pledge broken."""
    kept, broken = (pledged(performing_with_county(seed=3)) for _ in range(2))
    table = kept.state.at_table()
    before = {m: tau(kept, m) for m in table}
    assert before == {m: tau(broken, m) for m in table}
    apply_all(kept, [A.Deliver(seat="county", amount=100_000)])
    apply_all(broken, [A.Deliver(seat="county", amount=0)])
    for m in table:
        gain = tau(kept, m) - before[m]
        loss = before[m] - tau(broken, m)
        assert gain > 0 and loss > gain
    # The breaker's partners trust it less; keeping leaves pairwise trust alone.
    assert T(broken, "foundation", "county") < T(kept, "foundation", "county")


def test_the_pledge_a_seat_may_make_is_its_capacity_for_the_year() -> None:
    session = performing_with_county()
    cap = session.view("county").sheet.capacity  # type: ignore[union-attr]
    assert cap == pytest.approx(300_000 / 2)
    too_much = A.Pledge(seat="county", stream="local-pool", amount=cap + 1_000)
    assert session.why_illegal(too_much) == f"you can pledge at most ${cap:,.0f} this year"


# ---------------------------------------------------------------------- side deals


def deal_offer(partner: str = "foundation", seat: str = "county") -> A.OfferDeal:
    """`seat` backs shared governance if `partner` backs majority rule."""
    return A.OfferDeal(
        seat=seat,
        partner=partner,
        give_issue="governance",
        give_option="shared",
        want_issue="rule",
        want_option="majority",
    )


def test_an_accepted_deal_binds_a_bot_partner_to_vote_as_it_promised() -> None:
    game = starter_variant(replace=DEAL_MINDED)
    without = norming_with("county", game=game, seed=1)
    apply_all(without, [A.Propose(issue="rule", option="majority")])
    assert without.state.pending is not None
    assert without.state.pending.votes["foundation"] == "no"

    with_deal = norming_with("county", game=game, seed=1)
    out = apply_all(with_deal, [deal_offer()])
    (answer,) = events_of(out, N.DealAnswered)
    assert answer.accepted
    assert with_deal.state.deals[0].status == "accepted"
    apply_all(with_deal, [A.Propose(issue="rule", option="majority")])
    assert with_deal.state.pending is not None
    assert with_deal.state.pending.votes["foundation"] == "yes"
    apply_all(with_deal, [A.Vote(seat="county", choice="yes")])
    (voted,) = events_of(with_deal.feed, N.ProposalVoted)
    assert "foundation" not in voted.blockers


def test_a_bot_declines_a_deal_that_gives_it_nothing() -> None:
    """The starter's foundation scores both decision rules alike: backing majority costs it
    nothing, but the county backing lead governance gains it nothing either."""
    session = norming_with("county")
    offer = deal_offer().model_copy(update={"give_option": "lead"})
    out = apply_all(session, [offer])
    (answer,) = events_of(out, N.DealAnswered)
    assert not answer.accepted
    assert session.state.deals[0].status == "declined"


def test_accepting_a_deal_raises_the_pairs_trust_and_costs_the_room_a_little() -> None:
    session = norming_with("county", game=starter_variant(replace=DEAL_MINDED))
    a = session.game.scenario.dynamics.trust_gain
    pair = T(session, "county", "foundation")
    outsiders = {m: tau(session, m) for m in ("city", "neighbors")}
    apply_all(session, [deal_offer()])
    assert T(session, "county", "foundation") > pair
    for m, before in outsiders.items():
        assert tau(session, m) == pytest.approx(before - 0.1 * a * before)


def test_a_person_partner_answers_a_deal_itself() -> None:
    session = norming_with("county", "neighbors")
    apply_all(session, [deal_offer(partner="neighbors")])
    assert session.state.deals[0].status == "offered"
    answer = A.AnswerDeal(seat="neighbors", deal=0, accept=True)
    assert session.why_illegal(A.AnswerDeal(seat="county", deal=0, accept=True)) == (
        "that deal was not offered to you"
    )
    apply_all(session, [answer])
    assert session.state.deals[0].status == "accepted"
    assert session.why_illegal(answer) == "that deal has been answered"
    # The terms are the two parties' business only.
    assert [d.number for d in session.view("neighbors").deals] == [0]
    assert session.view("foundation").deals == ()


def test_breaking_a_deal_at_the_vote_costs_the_breaker_its_partners_trust() -> None:
    """The county promised to back shared governance; voting against it breaks the deal."""

    def after_vote(choice: str) -> Session:
        session = norming_with("county", "neighbors", seed=2)
        apply_all(
            session,
            [
                deal_offer(partner="neighbors"),
                A.AnswerDeal(seat="neighbors", deal=0, accept=True),
                A.Propose(issue="governance", option="shared"),
                A.Vote(seat="neighbors", choice="yes"),
            ],
        )
        session.before = (T(session, "neighbors", "county"), tau(session, "neighbors"))  # type: ignore[attr-defined]
        apply_all(session, [A.Vote(seat="county", choice=choice)])  # type: ignore[arg-type]
        return session

    broken, kept = after_vote("no"), after_vote("yes")
    assert broken.before == kept.before  # type: ignore[attr-defined]
    pair, partner_tau = broken.before  # type: ignore[attr-defined]
    dyn = broken.game.scenario.dynamics
    (settled,) = events_of(broken.feed, N.DealSettled)
    assert not settled.kept and settled.breaker == "county"
    assert broken.state.deals[0].status == "broken"
    assert T(broken, "neighbors", "county") == pytest.approx(
        pair * (1 - dyn.breach_factor * dyn.trust_gain)
    )
    assert tau(broken, "neighbors") == pytest.approx(partner_tau * (1 - dyn.trust_gain))
    assert kept.state.deals[0].status == "accepted"
    assert kept.state.deals[0].kept_by == ["county"]
    assert T(kept, "neighbors", "county") == pytest.approx(pair)


def test_a_deal_kept_on_both_sides_raises_the_pairs_trust() -> None:
    session = norming_with("county", "neighbors", seed=2)
    apply_all(
        session,
        [
            deal_offer(partner="neighbors"),
            A.AnswerDeal(seat="neighbors", deal=0, accept=True),
            A.Propose(seat="county", issue="governance", option="shared"),
            A.Vote(seat="neighbors", choice="yes"),
        ],
    )
    pair = T(session, "neighbors", "county")
    apply_all(
        session,
        [
            A.Propose(seat="neighbors", issue="rule", option="majority"),
            A.Vote(seat="county", choice="yes"),
        ],
    )
    assert session.state.deals[0].status == "kept"
    assert T(session, "neighbors", "county") > pair


def test_deals_trade_across_two_issues_in_storming_or_norming_only() -> None:
    session = norming_with("county")
    same = deal_offer().model_copy(update={"want_issue": "governance", "want_option": "lead"})
    assert session.why_illegal(same) == "a deal trades across two different issues"
    assert session.why_illegal(deal_offer(partner="county")) == "a deal takes two members"
    early = people("county")
    name_result(early)
    seat(early, "county")
    invite(early, ["foundation"])
    reason = early.why_illegal(deal_offer())
    assert reason == "side deals are struck in storming and norming, before the votes"


# ---------------------------------------------------------------------- proposals


def with_steering(*orgs: str, steering: tuple[str, ...] = ("city", "foundation", "neighbors")):  # type: ignore[no-untyped-def]
    """People at `orgs`, an interim steering committee named in forming, in norming."""
    session = people(*orgs)
    name_result(session)
    for org in ("city", "county", "foundation", "neighbors"):
        if org in orgs:
            seat(session, org, "convener_meeting", "doer")
        else:
            invite(session, [org], "convener_meeting")
        session.state.convener_time = 99
    apply_all(session, [A.NameSteering(members=list(steering))])
    apply_all(session, [A.Advance()])
    settle_tensions(session)
    return session


def test_a_member_seat_may_propose_when_it_sits_on_the_body_that_decides() -> None:
    session = norming_with("county", "neighbors")
    time_left = session.state.convener_time
    apply_all(session, [A.Propose(seat="county", issue="rule", option="majority")])
    pending = session.state.pending
    assert pending is not None and pending.voters == session.state.at_table()
    assert pending.votes["county"] == "yes"  # it backs what it proposes
    assert "county" in session.view("neighbors").pending.voted  # type: ignore[union-attr]
    assert session.state.convener_time == time_left  # a member's proposal is its own time
    yes_before = sum(v == "yes" for v in pending.votes.values())
    apply_all(session, [A.Vote(seat="neighbors", choice="no")])
    (voted,) = events_of(session.feed, N.ProposalVoted)
    assert voted.yes == yes_before and voted.no == 1


def test_a_member_seat_off_the_steering_committee_cannot_propose() -> None:
    session = with_steering("county", "neighbors")
    assert session.state.steering == ["city", "foundation", "neighbors"]
    reason = session.why_illegal(A.Propose(seat="county", issue="rule", option="majority"))
    assert reason is not None and "body that decides" in reason
    assert session.why_illegal(A.Propose(seat="neighbors", issue="rule", option="majority")) is None


def test_a_member_seat_off_the_deciding_body_does_not_vote() -> None:
    session = with_steering("county", "neighbors")
    apply_all(session, [A.Propose(seat="neighbors", issue="rule", option="consensus")])
    # The committee's bots and its proposer have all voted: the vote is settled.
    assert session.state.pending is None
    assert session.why_illegal(A.Vote(seat="county", choice="yes")) == (
        "no proposal is open for a vote"
    )
    (voted,) = events_of(session.feed, N.ProposalVoted)
    assert voted.yes + voted.no + voted.stand_aside == 3


def test_a_seat_outside_the_table_cannot_propose() -> None:
    session = norming_with("county", "neighbors")
    apply_all(session, [A.WalkOut(seat="county")])
    reason = session.why_illegal(A.Propose(seat="county", issue="rule", option="majority"))
    assert reason is not None and "body that decides" in reason


# ---------------------------------------------------------------------- "you"


def test_refusals_about_the_seat_itself_say_you() -> None:
    session = norming_with("county", "neighbors")
    apply_all(session, [deal_offer(partner="neighbors")])
    reasons = [
        session.why_illegal(A.Join(seat="county", representative="doer")),
        session.why_illegal(A.AskToJoin(seat="county")),
        session.why_illegal(A.RaiseTension(seat="county", tension="trucks")),
        session.why_illegal(A.Deliver(seat="county", amount=1)),
        session.why_illegal(A.AnswerDeal(seat="county", deal=0, accept=True)),
        session.why_illegal(deal_offer(partner="neighbors")),
    ]
    apply_all(session, [A.Propose(issue="rule", option="majority")])
    apply_all(session, [A.Vote(seat="county", choice="yes")])
    reasons.append(session.why_illegal(A.Vote(seat="county", choice="no")))
    for reason in reasons:
        assert reason is not None
        assert reason.startswith(("you ", "your ")) or " you" in reason, reason
        assert "county" not in reason.lower(), reason


def test_a_propose_refused_to_a_member_off_the_body_says_you() -> None:
    session = with_steering("county", "neighbors")
    reason = session.why_illegal(A.Propose(seat="county", issue="rule", option="majority"))
    assert reason is not None and "you" in reason.replace(",", " ").split()


def test_a_vote_waiting_for_the_seat_tells_it_so_by_name_not_id() -> None:
    session = norming_with("county", "neighbors")
    apply_all(session, [A.Propose(issue="rule", option="majority")])
    to_county = session.why_illegal(A.WalkOut(seat="county"))
    assert to_county is not None and "you" in to_county.replace(",", " ").split()
    to_convener = session.view("convener").stage_holds
    assert to_convener is not None
    assert "Riverside Neighbors" in to_convener and "neighbors," not in to_convener


def test_acting_for_a_bot_seat_names_the_organization() -> None:
    session = people("neighbors")
    reason = session.why_illegal(A.AskToJoin(seat="county"))
    assert reason is not None and "County Commission" in reason


# ---------------------------------------------------------------------- loopholes


def test_a_member_that_walked_out_cannot_accept_a_deal() -> None:
    session = norming_with("county", "neighbors")
    apply_all(session, [deal_offer(partner="neighbors"), A.WalkOut(seat="neighbors")])
    assert session.why_illegal(A.AnswerDeal(seat="neighbors", deal=0, accept=True)) is not None


def test_standing_aside_on_what_a_member_promised_to_back_does_not_keep_the_deal() -> None:
    session = norming_with("county", "neighbors", seed=2)
    apply_all(
        session,
        [
            deal_offer(partner="neighbors"),
            A.AnswerDeal(seat="neighbors", deal=0, accept=True),
            A.Propose(issue="governance", option="shared"),
            A.Vote(seat="neighbors", choice="yes"),
            A.Vote(seat="county", choice="stand_aside"),
        ],
    )
    assert "county" not in session.state.deals[0].kept_by


def test_walking_out_on_an_open_pledge_costs_the_table_at_least_a_renege() -> None:
    walked, reneged = (pledged(performing_with_county(seed=3)) for _ in range(2))
    before = tau(walked, "foundation")
    apply_all(walked, [A.WalkOut(seat="county")])
    apply_all(reneged, [A.Deliver(seat="county", amount=0)])
    assert before - tau(walked, "foundation") >= before - tau(reneged, "foundation")


def test_a_deals_terms_stay_with_its_two_parties() -> None:
    session = norming_with("county", "neighbors", game=starter_variant(replace=DEAL_MINDED))
    apply_all(session, [deal_offer()])  # the county and the foundation
    outsider = session.view("neighbors")
    assert outsider.deals == ()
    for notice in outsider.feed:
        assert "Simple majority" not in notice.text, notice.text


def test_a_departed_providers_money_does_not_come_back_through_a_stop() -> None:
    # A seed whose table does not fall back to storming at the walk-out (Stop needs performing).
    session = people("county", game=starter_variant(COUNTY_GRANT), seed=3)
    name_result(session)
    session.state.convener_time = 99
    seat(session, "county", "convener_meeting", "doer")
    invite(session, ["city", "foundation"], "convener_meeting")
    apply_all(
        session,
        [
            A.Skip(),
            A.Fund(project="retrofit", stream="county-grant", units=2),
            A.WalkOut(seat="county"),
        ],
    )
    assert session.state.streams["county-grant"].balance == 0.0
    session.state.convener_time = 99
    apply_all(session, [A.Stop(project="retrofit")])
    assert session.state.streams["county-grant"].balance == 0.0


def test_a_member_that_walked_out_is_not_told_to_ask_to_join() -> None:
    session = performing_with_county()
    apply_all(session, [A.WalkOut(seat="county")])
    reason = session.why_illegal(A.Join(seat="county", representative="doer"))
    assert reason is not None and "ask to join" not in reason


# ---------------------------------------------------------------------- what a seat sees


def test_a_member_seat_sees_its_own_sheet_and_no_one_elses() -> None:
    session = norming_with("county", "neighbors")
    view = session.view("county")
    assert view.sheet is not None and view.convener is None
    assert view.sheet.points == session.game.orgs["county"].points
    assert view.sheet.batna == 15
    assert view.sheet.reserve == {"governance": 7.5, "rule": 7.5}
    text = view.model_dump_json()
    assert session.game.orgs["city"].brief not in text  # the city's confidential brief
    assert session.view("neighbors").sheet.organization == "neighbors"  # type: ignore[union-attr]


def test_every_move_on_a_member_seat_acts_or_says_why_not() -> None:
    """Each move offered as on can be taken (on a copy of the game); each one off says why."""
    session = pledged(performing_with_county())
    moves = session.view("county").moves
    assert any(m.ok for m in moves) and any(not m.ok for m in moves)
    for move in moves:
        if not move.ok:
            assert move.reason
            continue
        copy = Session.restore(
            session.game,
            session.state.seed,
            session.seats,
            session.state,
            session.history,
            session.feed,
        )
        copy.apply(move.action)  # raises IllegalAction if the view lied
