"""Rules that act on structure and resources (issues #11 and #12): measurement and its
error, interests that gate projects, governance forms' costs and coordination load,
sounding members out, the vote forecast in a seat view, and stopping a project.

Each test plays the starter scenario (city, county, foundation, neighbors; a federal
grant with a 20% match from a local pool) or a small variant of it.
"""

from __future__ import annotations

import pytest

from sim.engine import Game, Session, governance
from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.delivery import achieved, delivered_rate, effectiveness, norm_clarity
from sim.engine.forecast import UNKNOWN
from sim.engine.measurement import measure_cost, measurement_spread
from sim.engine.performing import COMMITMENT, new_year
from sim.engine.pledges import OUTSIDER, VOICED_OUTSIDER, ownership
from sim.engine.sounding import NEEDS_MORE
from sim.engine.state import Stance
from sim.engine.trust import BREACH_FLOOR, density
from sim.engine.voting import agenda, agenda_size, stance_margin
from tests.engine.conftest import (
    apply_all,
    events_of,
    invite,
    load_game,
    name_result,
    settle_tensions,
    starter_variant,
)
from tests.engine.test_seats import DEAL_MINDED, deal_offer, norming_with

TABLE = ("city", "county", "foundation")


def tau(session: Session, org: str) -> float:
    return session.state.members[org].tau


def performing(game: Game | None = None, seed: int = 6, orgs=TABLE) -> Session:  # type: ignore[no-untyped-def]
    """The convener (a person) with `orgs` at the table, each sending a doer (the
    neighbors a decision-maker), skipped to performing: the bots have pledged. The seed is
    one whose table stays in performing for the rounds these tests play."""
    session = (game or load_game("starter")).new_session(seed)
    name_result(session)
    session.state.convener_time = 99  # inviting is not what these tests are about
    invite(session, orgs, "convener_meeting")
    apply_all(session, [A.Skip()])
    session.state.convener_time = 99
    assert session.stage == "performing"
    return session


def funded(session: Session, units: int = 5) -> Session:
    apply_all(session, [A.Fund(project="retrofit", stream="federal", units=units)])
    return session


def next_round(session: Session) -> Session:
    apply_all(session, [A.EndRound()])
    session.state.convener_time = 99
    return session


# ---------------------------------------------------------------------- stop and escrow


def test_a_funded_project_is_paid_in_yearly_tranches_over_the_years_left() -> None:
    """Retrofits run 7 years; the game has 2 left, so half is paid now, half next year."""
    session = funded(performing())
    (batch,) = session.state.batches
    assert batch.cost == 150_000
    assert batch.tranche == pytest.approx(75_000) and batch.escrow == pytest.approx(75_000)
    while session.state.year == 1:
        next_round(session)
    assert batch.escrow == 0.0


def test_stopping_returns_the_unpaid_tranches_to_their_streams_less_the_wind_down() -> None:
    session = funded(performing())
    stop_cost = session.game.scenario.dynamics.stop_cost
    before = {k: v.balance for k, v in session.state.streams.items()}
    out = apply_all(session, [A.Stop(project="retrofit")])
    (stopped,) = events_of(out, N.Stopped)
    back = 75_000 * (1 - stop_cost)
    assert stopped.returned == pytest.approx(back)
    assert stopped.lost == pytest.approx(75_000 * stop_cost)
    # Back where it came from: 80% to the grant, 20% to the local match.
    streams = session.state.streams
    assert streams["federal"].balance == pytest.approx(before["federal"] + 0.8 * back)
    assert streams["local-pool"].balance == pytest.approx(before["local-pool"] + 0.2 * back)
    (batch,) = session.state.batches
    assert batch.stopped and batch.escrow == 0.0


def test_money_is_conserved_through_a_stop() -> None:
    """Every dollar received is spent or still in a balance, before and after a stop."""

    def conserved(session: Session) -> bool:
        return all(
            m.balance + m.spent == pytest.approx(m.received) for m in session.state.streams.values()
        )

    session = funded(performing())
    assert conserved(session)
    apply_all(session, [A.Stop(project="retrofit")])
    assert conserved(session)


def test_a_tranche_paid_as_the_year_opens_is_a_commitment_kept_for_the_lead() -> None:
    """`new_year` alone (pledges settle on their own): the tranche leaves escrow and the
    lead's trust rises by a·COMMITMENT·(1 − τ)."""
    session = funded(performing())
    lead = session.state.batches[0].lead
    before = tau(session, lead)
    new_year(session._ctx)
    assert session.state.batches[0].escrow == 0.0
    a = session.game.scenario.dynamics.trust_gain
    assert tau(session, lead) == pytest.approx(before + a * COMMITMENT * (1 - before))


def test_a_stopped_project_delivers_nothing_and_frees_its_lead() -> None:
    session = next_round(funded(performing()))
    lead = session.state.batches[0].lead
    assert achieved(session.game, session.state) > 0
    staff = session.state.members[lead].staff_used
    apply_all(session, [A.Stop(project="retrofit")])
    assert achieved(session.game, session.state) == 0
    assert session.state.members[lead].staff_used == pytest.approx(
        staff - session.game.projects["retrofit"].lead.staff
    )


def test_stopping_costs_the_lead_trust_at_the_breach_rate() -> None:
    session = funded(performing())
    dyn = session.game.scenario.dynamics
    lead = session.state.batches[0].lead
    before = tau(session, lead)
    apply_all(session, [A.Stop(project="retrofit")])
    rate = dyn.breach_factor * dyn.trust_gain * COMMITMENT
    assert tau(session, lead) == pytest.approx(before - rate * max(before, BREACH_FLOOR))


def test_nothing_running_cannot_be_stopped() -> None:
    session = performing()
    assert (
        session.why_illegal(A.Stop(project="retrofit"))
        == "nothing of School bus diesel retrofits is running"
    )
    funded(session)
    apply_all(session, [A.Stop(project="retrofit")])
    assert (
        session.why_illegal(A.Stop(project="retrofit"))
        == "nothing of School bus diesel retrofits is running"
    )


# ---------------------------------------------------------------------- measurement

EXACT_MEASUREMENT = "[dynamics]\nmeasurement_noise = 0.0\n"
RESULTS_FUND = """
[[streams]]
id = "results"
kind = "grant"
name = "Results fund"
amount = 200_000
release = "measured"
"""
MEASUREMENT_ISSUE = """
[[issues]]
id = "measurement"
kind = "measurement"
name = "Shared measurement"
options = [
  { id = "none", label = "Each reports its own way", data_sharing = "none" },
  { id = "aggregate", label = "Aggregate data", shared_measurement = true, data_sharing = "aggregate" },
  { id = "open", label = "Open data", shared_measurement = true, data_sharing = "open" },
]
"""


def true_rate(session: Session, project: str = "retrofit") -> float:
    """What the project's running batches really deliver a year (hidden from every seat)."""
    game, s = session.game, session.state
    e = effectiveness(game, s)
    return sum(delivered_rate(game, s, b, e) for b in s.batches if b.project == project)


def test_an_unmeasured_project_shows_only_its_nominal_figure() -> None:
    session = next_round(funded(performing()))
    view = session.view("convener")
    assert view.project["retrofit"].estimate is None
    assert view.measured_rate is None
    assert view.nominal_rate == pytest.approx(5 * 1.2)  # 5 buses × 1.2 t NOx
    assert true_rate(session) != pytest.approx(view.nominal_rate)


def test_a_project_must_run_a_round_before_it_can_be_measured() -> None:
    session = funded(performing())
    assert session.why_illegal(A.Measure(project="retrofit")) == (
        "nothing of School bus diesel retrofits has run a round unmeasured yet"
    )
    next_round(session)
    assert session.why_illegal(A.Measure(project="retrofit")) is None


def test_measuring_costs_money_and_time_and_shows_an_estimate() -> None:
    session = next_round(funded(performing(starter_variant(EXACT_MEASUREMENT))))
    cost = measure_cost(session._ctx, "retrofit")
    budget, time_left = session.state.convener_budget, session.state.convener_time
    out = apply_all(session, [A.Measure(project="retrofit")])
    (measured,) = events_of(out, N.Measured)
    assert session.state.convener_budget == pytest.approx(budget - cost)
    assert session.state.convener_time == time_left - 1
    # With no measurement error the estimate is what the project really does.
    assert measured.delivered == pytest.approx(true_rate(session))
    assert session.view("convener").project["retrofit"].estimate == pytest.approx(
        true_rate(session), abs=1e-5
    )
    assert session.state.batches[0].measured


def test_a_measurement_errs_by_the_spread_the_data_allow() -> None:
    """With nothing agreed (no data shared) an estimate's spread is twice the scenario's
    measurement noise; over many games its relative error shows that spread."""
    errors = []
    for seed in range(120):
        session = next_round(funded(performing(seed=seed), units=2))
        if session.stage != "performing":
            continue  # the table regressed to storming: nothing can be measured now
        truth = true_rate(session)
        apply_all(session, [A.Measure(project="retrofit")])
        errors.append(session.state.estimates["retrofit"] / truth - 1)
    assert len(errors) > 60
    spread = 2 * load_game("starter").scenario.dynamics.measurement_noise
    mean = sum(errors) / len(errors)
    sd = (sum((e - mean) ** 2 for e in errors) / (len(errors) - 1)) ** 0.5
    assert abs(mean) < 0.1
    assert 0.7 * spread < sd < 1.3 * spread


def test_open_data_sharing_halves_the_error_and_shared_measurement_the_cost() -> None:
    # Every organization scores the new issue (the format refuses an issue nobody scores).
    scored = (", rule = { ", ", measurement = { none = 0, aggregate = 0, open = 0 }, rule = { ")
    game = starter_variant(MEASUREMENT_ISSUE, replace=(scored,))

    def spread_and_cost(option: str | None) -> tuple[float, float]:
        session = next_round(funded(performing(game)))
        if option is not None:
            session.state.agreement["measurement"] = option
        return measurement_spread(session._ctx), measure_cost(session._ctx, "retrofit")

    noise = game.scenario.dynamics.measurement_noise
    assert spread_and_cost(None)[0] == pytest.approx(2 * noise)
    assert spread_and_cost("none")[0] == pytest.approx(2 * noise)
    assert spread_and_cost("aggregate")[0] == pytest.approx(noise)
    assert spread_and_cost("open")[0] == pytest.approx(noise / 2)
    # Costs: 4% of what the unmeasured units cost, halved by shared measurement, at least $5,000.
    big = next_round(funded(performing(game), units=10))
    assert measure_cost(big._ctx, "retrofit") == pytest.approx(0.04 * 300_000)
    big.state.agreement["measurement"] = "open"
    assert measure_cost(big._ctx, "retrofit") == pytest.approx(0.02 * 300_000)


def test_a_member_with_data_makes_measurement_cheaper_and_sharper() -> None:
    with_data = starter_variant(
        replace=(("assets = { money = 250_000 }", "assets = { money = 250_000, data = 5 }"),)
    )
    plain = next_round(funded(performing(), units=10))
    sharp = next_round(funded(performing(with_data), units=10))
    assert measurement_spread(sharp._ctx) < measurement_spread(plain._ctx)
    assert measure_cost(sharp._ctx, "retrofit") < measure_cost(plain._ctx, "retrofit")


def test_the_measured_rate_in_the_view_is_what_measurement_estimated() -> None:
    session = next_round(funded(performing()))
    apply_all(session, [A.Measure(project="retrofit")])
    estimate = session.state.estimates["retrofit"]
    assert estimate != pytest.approx(true_rate(session), rel=1e-3)  # the draw erred
    assert session.view("convener").measured_rate == pytest.approx(estimate, abs=1e-3)


def test_results_only_money_waits_for_a_measured_result() -> None:
    session = performing(starter_variant(RESULTS_FUND))
    assert session.state.streams["results"].balance == pytest.approx(100_000)
    assert session.view("convener").stream["results"].held == pytest.approx(100_000)
    apply_all(session, [A.Fund(project="retrofit", stream="results", units=2)])
    next_round(session)
    balance = session.state.streams["results"].balance
    out = apply_all(session, [A.Measure(project="retrofit")])
    (released,) = events_of(out, N.MoneyReleased)
    assert released.amount == pytest.approx(100_000)
    assert session.state.streams["results"].balance == pytest.approx(balance + 100_000)
    assert session.state.held["results"] == 0.0


def test_money_is_conserved_when_results_only_money_is_released() -> None:
    session = performing(starter_variant(RESULTS_FUND))
    apply_all(session, [A.Fund(project="retrofit", stream="results", units=2)])
    next_round(session)
    apply_all(session, [A.Measure(project="retrofit")])
    money = session.state.streams["results"]
    assert money.balance + money.spent == pytest.approx(money.received)


# ---------------------------------------------------------------------- interests gate work

OUTREACH = """
[[projects]]
id = "outreach"
name = "Anti-idling outreach"
unit = "block"
cost_per_unit = 10_000
max_units = 10
reduction = { nox = 0.5 }
needs = [{ interest = "community-voice", sends = "doer" }]
source = "a test variant"

[[projects]]
id = "routes"
name = "Truck route signs"
unit = "route"
cost_per_unit = 10_000
max_units = 10
reduction = { nox = 0.5 }
needs = [{ interest = "community-voice" }]
without = 0.5
source = "a test variant"
"""
EQUITY_FUND = """
[[streams]]
id = "equity"
kind = "grant"
name = "Equity fund"
amount = 100_000
needs = [{ interest = "community-voice" }]
"""


def test_a_project_whose_needed_interest_is_missing_cannot_be_funded() -> None:
    session = performing(starter_variant(OUTREACH))
    reason = session.why_illegal(A.Fund(project="outreach", stream="local-pool", units=1))
    assert reason == (
        "Anti-idling outreach needs Community voice (at least a doer) at the table, "
        "and nobody there serves it"
    )
    view = session.view("convener")
    assert view.project["outreach"].closed == reason
    assert view.fundable("outreach", "local-pool") == 0


def test_a_member_serving_the_interest_opens_the_project() -> None:
    session = performing(starter_variant(OUTREACH), orgs=(*TABLE, "neighbors"))
    assert session.state.members["neighbors"].representative == "decision_maker"
    assert session.view("convener").project["outreach"].closed is None
    apply_all(session, [A.Fund(project="outreach", stream="local-pool", units=1)])


def test_a_need_for_a_doer_is_not_met_by_a_designee() -> None:
    game = starter_variant(OUTREACH, replace=(('staff_call = "doer"', 'staff_call = "designee"'),))
    session = game.new_session(0)
    name_result(session)
    session.state.convener_time = 99
    invite(session, TABLE, "convener_meeting")
    invite(session, ["neighbors"], "staff_call")
    apply_all(session, [A.Skip()])
    assert session.state.members["neighbors"].representative == "designee"
    reason = session.why_illegal(A.Fund(project="outreach", stream="local-pool", units=1))
    assert reason is not None and "needs Community voice (at least a doer)" in reason


def test_a_project_may_deliver_only_part_of_its_effect_without_an_interest() -> None:
    without = performing(starter_variant(OUTREACH))
    with_voice = performing(starter_variant(OUTREACH), orgs=(*TABLE, "neighbors"))
    assert without.view("convener").project["routes"].factor == 0.5
    assert with_voice.view("convener").project["routes"].factor == 1.0
    apply_all(without, [A.Fund(project="routes", stream="local-pool", units=1)])
    (batch,) = without.state.batches
    e = effectiveness(without.game, without.state)
    half = delivered_rate(without.game, without.state, batch, e)
    without.state.members["neighbors"].representative = "doer"
    without.state.set_status("neighbors", "table")  # a community voice arrives
    assert delivered_rate(without.game, without.state, batch, e) == pytest.approx(2 * half)


def test_a_stream_that_needs_an_interest_cannot_be_spent_without_it() -> None:
    session = performing(starter_variant(EQUITY_FUND))
    reason = session.why_illegal(A.Fund(project="retrofit", stream="equity", units=1))
    assert reason == "Equity fund can be spent only with Community voice at the table"
    assert session.view("convener").stream["equity"].closed == reason
    voiced = performing(starter_variant(EQUITY_FUND), orgs=(*TABLE, "neighbors"))
    assert voiced.why_illegal(A.Fund(project="retrofit", stream="equity", units=1)) is None


# ---------------------------------------------------------------------- governance forms

BACKBONE = (
    (
        '{ id = "lead", label = "City leads", form = "lead_organization", lead = "city" },',
        '{ id = "lead", label = "City leads", form = "lead_organization", lead = "city" },\n'
        '  { id = "backbone", label = "A backbone", form = "network_administrative_organization",'
        " staff = 4, cost_per_year = 40_000 },",
    ),
    # Every member scores the backbone (points must cover every option).
    *((f"lead = {p} }}", f"lead = {p}, backbone = 10 }}") for p in (20, 5, 10, 0)),
)


def adopt(session: Session, option: str, issue: str = "governance") -> None:
    """Adopt a governance option as a passed vote does (the vote itself is not the rule
    under test here)."""
    session.state.agreement[issue] = option
    governance.on_adopted(session._ctx)


def test_a_backbone_costs_its_yearly_cost_paid_from_pooled_money() -> None:
    session = performing(starter_variant(replace=BACKBONE))
    pool = session.state.streams["local-pool"].balance
    assert pool > 40_000
    adopt(session, "backbone")  # round 1 of 2: the whole year is owed now
    assert session.state.governance_due == pytest.approx(40_000)
    assert session.state.governance_cost == pytest.approx(40_000)
    assert session.state.streams["local-pool"].balance == pytest.approx(pool - 40_000)
    assert session.state.governance_paid == pytest.approx(1.0)
    (paid,) = events_of(session.feed + session._ctx.notices, N.GovernancePaid)
    assert paid.paid == pytest.approx(40_000)


def test_a_backbone_adopted_mid_year_owes_the_rest_of_the_year() -> None:
    session = next_round(performing(starter_variant(replace=BACKBONE)))
    assert session.state.round_in_year == 2
    adopt(session, "backbone")
    assert session.state.governance_due == pytest.approx(20_000)


def test_each_new_year_the_backbone_falls_due_again() -> None:
    session = performing(starter_variant(replace=BACKBONE))
    adopt(session, "backbone")
    while session.state.year == 1:
        next_round(session)
    assert session.state.governance_due == pytest.approx(80_000)


def test_an_unpaid_backbone_works_only_in_part() -> None:
    """Its staff add project capacity and agenda slots in proportion to what was paid."""
    session = performing(starter_variant(replace=BACKBONE))
    session.state.streams["local-pool"].balance = 0.0
    session.state.streams["local-pool"].received = session.state.streams["local-pool"].spent
    adopt(session, "backbone")
    assert session.state.governance_paid == 0.0
    base_agenda = agenda(session.game, session.state)
    assert governance.capacity(session.game, session.state) == governance.CONVENER_CAPACITY
    paid = performing(starter_variant(replace=BACKBONE))
    adopt(paid, "backbone")
    assert governance.capacity(paid.game, paid.state) == pytest.approx(
        governance.CONVENER_CAPACITY + governance.PROJECTS_PER_STAFF * 4
    )
    assert agenda(paid.game, paid.state) == base_agenda + 2  # 4 FTE, a slot per 2
    assert session.view("convener").governance.paid == 0.0


def test_a_lead_organization_sets_the_agenda_one_proposal_more() -> None:
    session = performing()
    before = agenda(session.game, session.state)
    adopt(session, "lead")
    assert agenda(session.game, session.state) == before + governance.LEAD_AGENDA


def flagship_table(game: Game, members: int, trust: float | None = None) -> Session:
    """The flagship with its first `members` organizations at the table under shared
    governance, pairwise trust set to `trust` when given."""
    session = game.new_session(0)
    for org in list(game.orgs)[:members]:
        session.state.set_status(org, "table")
        session.state.members[org].representative = "doer"
    if trust is not None:
        n = len(game.orgs)
        session.state.trust = [[1.0 if a == b else trust for b in range(n)] for a in range(n)]
    session.state.agreement["governance"] = "shared"
    return session


def test_shared_coordination_load_grows_with_the_members_at_the_table(
    flagship_game: Game,
) -> None:
    loads = [
        governance.coordination_load(flagship_game, flagship_table(flagship_game, n).state)
        for n in (6, 14, 30, 48)
    ]
    assert loads[0] == 0
    assert loads == sorted(loads) and loads[-1] > loads[1] > 0


def test_shared_coordination_load_falls_as_trust_rises(flagship_game: Game) -> None:
    loads = [
        governance.coordination_load(flagship_game, flagship_table(flagship_game, 30, t).state)
        for t in (0.2, 0.5, 0.8, 1.0)
    ]
    assert loads == sorted(loads, reverse=True) and loads[0] > loads[2]
    assert loads[-1] == 0


def test_coordination_load_is_not_charged_under_other_forms(flagship_game: Game) -> None:
    session = flagship_table(flagship_game, 30)
    session.state.agreement["governance"] = "backbone-new"
    assert governance.coordination_load(flagship_game, session.state) == 0


def test_shared_governance_eats_the_conveners_time_each_round(flagship_game: Game) -> None:
    session = flagship_table(flagship_game, 30)
    load = governance.coordination_load(flagship_game, session.state)
    assert 0 < load < flagship_game.scenario.convener.time_per_round
    apply_all(session, [A.EndRound()])
    assert session.state.convener_time == flagship_game.scenario.convener.time_per_round - load
    assert session.state.coordination_lost == load
    assert session.view("convener").governance.coordination_lost == load


def test_shared_members_co_manage_only_the_time_coordinating_leaves_them(
    flagship_game: Game,
) -> None:
    """Six members who co-manage add half a project each; at 48 coordinating one another
    takes all their time, so the convener's own capacity is all there is."""
    small = flagship_table(flagship_game, 6)
    assert governance.coordination_share(flagship_game, small.state) < 0.05
    assert governance.capacity(flagship_game, small.state) == pytest.approx(
        governance.CONVENER_CAPACITY
        + governance.SHARED_PER_MEMBER
        * 6
        * (1 - governance.coordination_share(flagship_game, small.state))
    )
    large = flagship_table(flagship_game, 48)
    assert governance.coordination_share(flagship_game, large.state) == 1.0
    assert governance.capacity(flagship_game, large.state) == governance.CONVENER_CAPACITY


def test_a_backbone_brokers_trust_the_members_do_not_yet_have() -> None:
    """The work runs on the density under shared governance, and on a paid backbone's
    brokered trust, which closes part of the gap to full trust."""
    session = performing(starter_variant(replace=BACKBONE))
    game, s = session.game, session.state
    d = density(game, s)
    assert governance.working_trust(game, s) == d  # no form adopted yet
    adopt(session, "backbone")
    assert governance.working_trust(game, s) == pytest.approx(
        d + (1 - d) * governance.BACKBONE_BROKERAGE
    )
    e0 = game.scenario.dynamics.base_effectiveness
    brokered = governance.working_trust(game, s) * norm_clarity(game, s)
    assert effectiveness(game, s) == pytest.approx(e0 + (1 - e0) * brokered**0.5)


def test_under_a_lead_the_work_runs_on_the_members_trust_in_the_lead() -> None:
    session = performing()
    adopt(session, "lead")
    game, s = session.game, session.state
    lead = game.index["city"]
    for org in s.at_table():
        if org != "city":
            s.trust[game.index[org]][lead] = 0.9
    assert density(game, s) < 0.9
    assert governance.working_trust(game, s) == pytest.approx(0.9)


def test_under_a_lead_at_low_density_members_far_from_the_lead_lose_trust() -> None:
    """The county's old fight with the city leaves it far from the city's lead: it loses
    more trust in the partnership each round than the foundation does."""
    session = performing()
    adopt(session, "lead")
    game, s = session.game, session.state
    assert density(game, s) < governance.LEAD_LOW_DENSITY
    before = {m: tau(session, m) for m in s.at_table()}
    governance.round_begins(session._ctx)
    a = game.scenario.dynamics.trust_gain
    for org in ("county", "foundation"):
        distance = 1 - s.trust[game.index[org]][game.index["city"]]
        expected = before[org] * (1 - a * governance.LEAD_DRIFT * distance)
        assert tau(session, org) == pytest.approx(expected)
    assert tau(session, "city") == before["city"]
    loss = {m: before[m] - tau(session, m) for m in ("county", "foundation")}
    assert loss["county"] > loss["foundation"] > 0


# ---------------------------------------------------------------------- sounding out


def norming(game: Game | None = None, seed: int = 0) -> Session:
    """All four starter organizations at the table (bots), tensions mediated, in norming."""
    session = (game or load_game("starter")).new_session(seed)
    name_result(session)
    session.state.convener_time = 99
    invite(session, (*TABLE, "neighbors"), "convener_meeting")
    apply_all(session, [A.Advance()])
    settle_tensions(session)
    session.state.convener_time = 99
    assert session.stage == "norming"
    return session


def sound(session: Session, members: list[str], issues: tuple[str, ...] = ("governance", "rule")):  # type: ignore[no-untyped-def]
    return apply_all(session, [A.SoundOut(members=members, issues=list(issues))])


@pytest.mark.parametrize(("members", "time"), [(1, 1), (2, 1), (3, 2), (4, 2)])
def test_sounding_out_takes_time_by_the_size_of_the_caucus(members: int, time: int) -> None:
    session = norming()
    session.state.convener_time = 3
    orgs = ["city", "county", "foundation", "neighbors"][:members]
    out = sound(session, orgs, ("rule",))
    (notice,) = events_of(out, N.SoundedOut)
    assert notice.members == orgs
    assert session.state.convener_time == 3 - time
    assert session.why_illegal(A.SoundOut(members=orgs, issues=["rule"])) == (
        None if time <= 3 - time else f"that meeting takes {time} time; {3 - time} left"
    )


def test_a_caucus_holds_at_most_five_and_only_members_at_the_table() -> None:
    session = norming()
    too_many = A.SoundOut(members=[f"org{n}" for n in range(6)], issues=["rule"])
    assert session.why_illegal(too_many) == "a caucus holds at most 5 members"
    game = load_game("starter")
    outside = game.new_session(0)
    name_result(outside)
    reason = outside.why_illegal(A.SoundOut(members=["county"], issues=["rule"]))
    assert reason is not None and "is not at the table" in reason


def test_what_the_convener_learns_is_in_its_view_only() -> None:
    session = norming()
    sound(session, ["county"])
    knowledge = session.view("convener").knowledge
    assert set(knowledge) == {"county"} and set(knowledge["county"]) == {"governance", "rule"}
    stance = knowledge["county"]["rule"]
    assert set(stance.options) == {"consensus", "majority"}
    assert set(stance.options.values()) <= {"acceptable", "needs_more", "would_block"}
    assert stance.round == session.state.round
    assert session.view("county").knowledge == {}
    assert session.view("foundation").knowledge == {}


def truth_of(session: Session, org: str, issue: str) -> dict[str, str]:
    """What a perfectly honest, noiseless read of `org` on `issue` would say."""
    out = {}
    for option in session.game.issues[issue].options:
        margin, spread = stance_margin(session.game, session.state, org, {issue: option.id})
        if margin >= 0:
            out[option.id] = "acceptable"
        elif margin >= -NEEDS_MORE * max(spread, 1):
            out[option.id] = "needs_more"
        else:
            out[option.id] = "would_block"
    return out


def misreads(trust: float, representative: str, seeds: int = 60) -> int:
    """How many of `seeds` reads of the neighbors on governance miss the truth."""
    wrong = 0
    for seed in range(seeds):
        session = norming(seed=seed)
        member = session.state.members["neighbors"]
        member.tau, member.representative = trust, representative
        truth = truth_of(session, "neighbors", "governance")
        sound(session, ["neighbors"], ("governance",))
        read = session.state.learned["convener"]["neighbors"]["governance"].options
        wrong += read != truth
    return wrong


def test_a_member_that_fully_trusts_the_table_answers_exactly() -> None:
    assert misreads(1.0, "designee") == 0


def test_reads_are_rougher_with_less_trust_and_a_more_junior_representative() -> None:
    rough = misreads(0.0, "designee")
    finer = misreads(0.0, "decision_maker")
    assert rough > finer
    assert misreads(0.6, "designee") < rough


# ---------------------------------------------------------------------- the vote forecast


def test_with_nothing_learned_the_forecast_assumes_nothing_of_other_voters() -> None:
    session = norming()
    chance, (yes, aside, no) = session.view("convener").forecast({"rule": "majority"})
    others = len(session.state.at_table()) - 1  # the convener's own city is a sure yes
    assert yes == pytest.approx(1 + UNKNOWN[0] * others)
    assert aside == pytest.approx(UNKNOWN[1] * others)
    assert no == pytest.approx(UNKNOWN[2] * others)
    assert 0 < chance < 1


def test_the_forecast_reads_only_what_the_seat_learned_not_the_hidden_sheets() -> None:
    """Two tables differing only in the foundation's confidential points forecast alike
    until the convener sounds the foundation out."""
    plain, other = norming(), norming(starter_variant(replace=DEAL_MINDED))
    options = {"rule": "majority"}
    assert plain.view("convener").forecast(options) == other.view("convener").forecast(options)


@pytest.mark.parametrize(
    ("stance", "direction"), [("acceptable", 1), ("needs_more", 0), ("would_block", -1)]
)
def test_what_was_learned_moves_the_forecast(stance: str, direction: int) -> None:
    """Every other voter read as accepting majority rule makes it likelier to pass than
    knowing nothing; read as blocking, less likely. Needing more (likely to stand aside)
    leaves a consensus as likely as knowing nothing, with fewer yes votes expected."""
    session = norming()
    options = {"rule": "majority"}
    before, _ = session.view("convener").forecast(options)
    learned = session.state.learned.setdefault("convener", {})
    for org in ("county", "foundation", "neighbors"):
        learned[org] = {
            "rule": Stance("rule", {"consensus": "acceptable", "majority": stance}, "rule", 1)
        }
    after, (yes, _, no) = session.view("convener").forecast(options)
    if direction:
        assert (after - before) * direction > 0
    else:
        assert after == pytest.approx(before)
        assert yes < session.view("convener").forecast({"rule": "consensus"})[1][0]
    if stance == "would_block":
        assert no > yes - 1  # mostly noes among the three


def test_a_sounded_out_vote_forecast_is_borne_out_by_the_vote() -> None:
    """Honest, exact reads (full trust) of every voter: a proposal all of them accept is
    forecast likely and passes."""
    session = norming()
    for org in session.state.at_table():
        session.state.members[org].tau = 1.0
    sound(session, ["county", "foundation", "neighbors"], ("rule",))
    reads = session.view("convener").knowledge
    accepted = [
        o
        for o in ("consensus", "majority")
        if all(reads[m]["rule"].options[o] == "acceptable" for m in reads)
    ]
    assert accepted, reads
    chance, _ = session.view("convener").forecast({"rule": accepted[0]})
    assert chance > 0.5
    apply_all(session, [A.Propose(issue="rule", option=accepted[0])])
    (voted,) = events_of(session.feed, N.ProposalVoted)
    assert voted.adopted


def test_a_deal_partner_counts_as_a_sure_yes_in_the_seats_forecast() -> None:
    session = norming_with("county", game=starter_variant(replace=DEAL_MINDED))
    options = {"rule": "majority"}
    before = session.view("county").forecast(options)
    apply_all(session, [deal_offer()])  # the foundation promises to back majority rule
    after = session.view("county").forecast(options)
    assert after[1][0] == pytest.approx(before[1][0] + 1 - UNKNOWN[0])  # unknown -> sure yes
    assert after[0] > before[0]


# ---------------------------------------------------------------------- who decides


def forming_with_all(game: Game | None = None) -> Session:
    session = (game or load_game("starter")).new_session(0)
    name_result(session)
    session.state.convener_time = 99
    invite(session, (*TABLE, "neighbors"), "convener_meeting")
    return session


def test_an_interim_steering_committee_costs_time_and_the_left_out_members_trust() -> None:
    session = forming_with_all()
    a = session.game.scenario.dynamics.trust_gain
    before = {m: tau(session, m) for m in session.state.at_table()}
    time_left = session.state.convener_time
    apply_all(session, [A.NameSteering(members=list(TABLE))])
    assert session.state.convener_time == time_left - 2
    assert tau(session, "neighbors") == pytest.approx(before["neighbors"] * (1 - 0.5 * a))
    for org in TABLE:
        assert tau(session, org) == before[org]


def test_the_steering_committee_decides_until_a_rule_is_adopted() -> None:
    session = forming_with_all()
    apply_all(session, [A.NameSteering(members=list(TABLE)), A.Advance()])
    settle_tensions(session)
    assert session.view("convener").voters == TABLE
    session.state.agreement["rule"] = "majority"
    assert session.view("convener").voters == (*TABLE, "neighbors")


def test_a_steering_committee_must_leave_someone_out_and_hold_at_least_three() -> None:
    session = forming_with_all()
    everyone = A.NameSteering(members=[*TABLE, "neighbors"])
    assert session.why_illegal(everyone) == (
        "a steering committee leaves some members out; otherwise it is the plenary"
    )
    assert session.why_illegal(A.NameSteering(members=["city", "county"])) == (
        "a steering committee holds 3 to 9 members"
    )


def test_a_member_off_the_deciding_body_owns_the_agreement_less_and_pledges_less() -> None:
    session = forming_with_all()
    apply_all(session, [A.NameSteering(members=list(TABLE))])
    assert ownership(session.game, session.state, "neighbors") == OUTSIDER
    assert ownership(session.game, session.state, "county") == 1.0


@pytest.mark.parametrize(("voters", "slots"), [(3, 3), (8, 3), (9, 2), (16, 2), (17, 1), (48, 1)])
def test_a_larger_body_takes_up_fewer_proposals_a_round(voters: int, slots: int) -> None:
    assert agenda_size(voters) == slots


def test_the_body_refuses_a_proposal_past_its_agenda() -> None:
    session = norming()
    for option in ("majority", "consensus", "majority"):
        apply_all(session, [A.Propose(issue="rule", option=option)])
    assert session.state.proposals_this_round == 3
    reason = session.why_illegal(A.Propose(issue="governance", option="shared"))
    assert reason == "the body of 4 voters can take up 3 proposal(s) a round; end the round"


def test_a_package_adopted_settles_every_issue_in_it() -> None:
    session = norming()
    for org in session.state.at_table():
        session.state.members[org].tau = 1.0
    package = A.Propose(issue="governance", option="shared", package={"rule": "consensus"})
    apply_all(session, [package])
    (voted,) = events_of(session.feed, N.ProposalVoted)
    assert voted.adopted and voted.package == {"rule": "consensus"}
    assert session.state.agreement == {"governance": "shared", "rule": "consensus"}


def test_a_package_refused_settles_none_of_its_issues() -> None:
    """The neighbors, trusting nothing, block a package of the city's lead and majority
    rule (0 points each on their sheet): neither issue is settled, both count a failure."""
    session = norming()
    session.state.members["neighbors"].tau = 0.0
    package = A.Propose(issue="governance", option="lead", package={"rule": "majority"})
    apply_all(session, [package])
    (voted,) = events_of(session.feed, N.ProposalVoted)
    assert not voted.adopted and "neighbors" in voted.blockers
    assert session.state.agreement == {}
    assert session.state.failed_votes == {"governance": 1, "rule": 1}


# ---------------------------------------------------------------------- prices on free moves


def test_an_override_costs_the_winners_goodwill_and_strains_the_table() -> None:
    session = forming_with_all()
    apply_all(session, [A.Advance()])
    a = session.game.scenario.dynamics.trust_gain
    winner = session.game.tensions["trucks"].parties[0]
    before = tau(session, winner)
    apply_all(session, [A.HandleTension(tension="trucks", how="override", favor=0)])
    assert tau(session, winner) == pytest.approx(before * (1 - a / 3))
    assert session.state.strain == pytest.approx(1 / len(session.state.at_table()))


def test_interpreting_builds_less_trust_each_time() -> None:
    session = norming()
    gains = []
    for _ in range(3):
        before = tau(session, "county")
        apply_all(session, [A.Reflect(behavior="interpreting")])
        gains.append(tau(session, "county") - before)
    assert gains[0] > gains[1] > gains[2] > 0


def test_a_stopped_project_cannot_be_measured() -> None:
    session = next_round(funded(performing()))
    apply_all(session, [A.Stop(project="retrofit")])
    assert session.why_illegal(A.Measure(project="retrofit")) is not None


def test_stop_and_measure_refusals_name_the_project() -> None:
    session = performing()
    for action in (A.Stop(project="retrofit"), A.Measure(project="retrofit")):
        reason = session.why_illegal(action)
        assert reason is not None
        assert "School bus diesel retrofits" in reason and "'retrofit'" not in reason


def test_a_lead_organization_pulls_votes_toward_its_favorite() -> None:
    """Under the city's lead, the county leans toward the city's favorite decision rule
    (majority: 15 on the city's sheet) by LEAD_PULL × the county's spread × its trust in
    the city, and away from the city's least favorite."""
    session = performing()
    game, s = session.game, session.state
    before = stance_margin(game, s, "county", {"rule": "majority"})[0]
    against = stance_margin(game, s, "county", {"rule": "consensus"})[0]
    adopt(session, "lead")
    pull = governance.LEAD_PULL * 10 * s.trust[game.index["county"]][game.index["city"]]
    assert stance_margin(game, s, "county", {"rule": "majority"})[0] == pytest.approx(before + pull)
    assert stance_margin(game, s, "county", {"rule": "consensus"})[0] == pytest.approx(
        against - pull
    )


def flagship_with_board(game: Game, structure: str) -> Session:
    """The flagship's whole roster at the table, every third member sending its
    decision-maker, under a structure option."""
    session = game.new_session(0)
    for n, org in enumerate(game.orgs):
        session.state.set_status(org, "table")
        session.state.members[org].representative = "decision_maker" if n % 3 == 0 else "doer"
    session.state.agreement["structure"] = structure
    session.state.agreement["governance"] = "backbone-new"
    return session


def test_a_policy_board_of_decision_makers_decides_and_veto_holders_keep_a_say(
    flagship_game: Game,
) -> None:
    session = flagship_with_board(flagship_game, "board-staff")
    s = session.state
    body = session.view("convener").voters
    makers = {m for m in s.at_table() if s.members[m].representative == "decision_maker"}
    vetoes = {m for m in s.at_table() if flagship_game.orgs[m].veto}
    assert set(body) == makers | vetoes
    assert len(body) < len(s.at_table())


def test_a_community_vote_seats_community_members_on_the_board(flagship_game: Game) -> None:
    session = flagship_with_board(flagship_game, "full-vote")
    body = set(session.view("convener").voters)
    community = {m for m in flagship_game.orgs if flagship_game.orgs[m].sector == "community"}
    assert community and community <= body


def test_shared_governance_gives_every_member_a_vote_whatever_the_structure(
    flagship_game: Game,
) -> None:
    session = flagship_with_board(flagship_game, "board-staff")
    session.state.agreement["governance"] = "shared"
    assert set(session.view("convener").voters) == set(session.state.at_table())


def test_workgroups_let_the_body_take_up_one_more_proposal(flagship_game: Game) -> None:
    plain = flagship_with_board(flagship_game, "board-staff")
    with_workgroups = flagship_with_board(flagship_game, "full-advisory")
    assert plain.view("convener").voters == with_workgroups.view("convener").voters
    assert agenda(flagship_game, with_workgroups.state) == agenda(flagship_game, plain.state) + 1


def test_a_voice_off_the_board_keeps_most_of_a_members_ownership(flagship_game: Game) -> None:
    board = flagship_with_board(flagship_game, "board-staff")
    voiced = flagship_with_board(flagship_game, "full-advisory")
    outsider = next(m for m in board.state.at_table() if m not in board.view("convener").voters)
    assert ownership(flagship_game, board.state, outsider) == OUTSIDER
    assert ownership(flagship_game, voiced.state, outsider) == VOICED_OUTSIDER
