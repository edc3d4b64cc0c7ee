"""`sim.study.balance`: each figure and each warning, from figures built by hand so every
expected number is known exactly."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from sim.engine.game import Game
from sim.scenario import Scenario, load_scenario
from sim.study.balance import (
    BalanceWarning,
    Spread,
    quantile,
    summarize,
    summarize_policy,
)
from sim.study.batch import Arm, play
from sim.study.metrics import GameFigures
from tests.conftest import SCENARIOS

FULL_AGREEMENT = (
    ("accountability", "tenant-seats"),
    ("decision-rule", "consensus-minus-one"),
    ("governance", "shared"),
    ("measurement", "shared-dashboard"),
)


@cache
def homes() -> Scenario:
    return load_scenario(SCENARIOS / "healthy-homes.toml")


def game(seed: int = 1, **changes: object) -> GameFigures:
    """A plausible finished game of Healthy Homes; tests change only what they measure."""
    base = GameFigures(
        seed=seed,
        cumulative=50.0,
        final=60.0,
        target=110.0,
        rounds_to_agree=2.0,
        agreed=True,
        trust=0.7,
        density=0.4,
        regressions=0,
        stages=("forming", "storming", "norming", "performing", "adjourning"),
        tensions_returned=0,
        events_fired=("contractor-shortage",),
        adopted=FULL_AGREEMENT,
        funded=("home-remediation", "chw-home-visits"),
        reached=False,
        scores=(("governance", 90.0), ("total", 70.0), ("trust", 80.0)),
        metric="healthy-homes-per-year",
        entered=(
            ("forming", 1),
            ("storming", 2),
            ("norming", 3),
            ("performing", 4),
            ("adjourning", 5),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def texts(warnings: tuple[BalanceWarning, ...], kind: str) -> list[str]:
    return [w.text for w in warnings if w.kind == kind]


# ----------------------------------------------------------------------------- distributions


def test_quantile_matches_numpy_linear_interpolation() -> None:
    rng = random.Random(4)
    for size in (1, 2, 3, 10, 57):
        values = [rng.uniform(-50, 500) for _ in range(size)]
        for q in (0.0, 0.1, 0.5, 0.9, 1.0):
            assert quantile(values, q) == pytest.approx(float(np.percentile(values, 100 * q)))


def test_spread_of_known_values() -> None:
    spread = Spread.of([float(v) for v in range(1, 11)])
    assert (spread.mean, spread.p10, spread.p90) == pytest.approx((5.5, 1.9, 9.1))
    assert (spread.low, spread.high, spread.n) == (1.0, 10.0, 10)
    assert spread.varies
    assert not Spread.of([3.0, 3.0]).varies
    assert Spread.of([]).n == 0


def test_policy_summary_reads_every_figure() -> None:
    games = [
        game(1, cumulative=10.0, final=20.0, reached=True, tensions_returned=2),
        game(
            2,
            cumulative=30.0,
            agreed=False,
            regressions=1,
            stages=("forming", "performing", "adjourning"),
            entered=(("forming", 1), ("performing", 2), ("adjourning", 4)),
            events_fired=(),
        ),
    ]
    s = summarize_policy(homes(), "full", games)
    assert s.games == 2
    assert s.cumulative.mean == 20.0
    assert s.cumulative_values == (10.0, 30.0)
    assert s.final.mean == 40.0
    assert (s.reached, s.agreed) == (0.5, 0.5)
    assert s.tensions_returned.mean == 1.0
    assert s.regressions.mean == 0.5
    stages = {t.stage: t for t in s.stages}
    assert stages["storming"].share == 0.5
    assert stages["storming"].mean_round == 2.0
    assert stages["performing"].share == 1.0
    assert stages["performing"].mean_round == 3.0  # entered in rounds 4 and 2
    assert stages["adjourning"].mean_round == 4.5
    events = {e.title: e.share for e in s.events}
    assert events["Lead-certified contractors are scarce"] == 0.5
    assert events["The tenants' union walks out"] == 0.0
    assert len(events) == len(homes().events)


def test_a_dimension_is_read_only_in_games_it_was_scored_in() -> None:
    games = [
        game(1, scores=(("governance", 0.0), ("total", 60.0)), unscored=("governance",)),
        game(2, scores=(("governance", 80.0), ("total", 70.0))),
        game(3, scores=(("governance", 100.0), ("total", 80.0))),
    ]
    dims = {d.name: d for d in summarize_policy(homes(), "full", games).dimensions}
    assert dims["governance"].label == "governance fit"
    assert dims["governance"].spread.n == 2
    assert dims["governance"].spread.mean == 90.0
    assert dims["total"].spread.mean == 70.0
    assert "trust" not in dims  # no game here has a trust score


# ----------------------------------------------------------------------------- warnings


def study(played: dict[str, list[GameFigures]]) -> tuple[BalanceWarning, ...]:
    runs = len(next(iter(played.values())))
    return summarize(homes(), played, runs=runs, jobs=1).warnings


def spread_games(values: list[float], **changes: object) -> list[GameFigures]:
    return [game(i, cumulative=v, **changes) for i, v in enumerate(values, start=1)]


def test_a_policy_dominates_when_its_p10_clears_every_other_p90() -> None:
    warnings = study(
        {
            "full": spread_games([100.0, 110.0, 120.0, 130.0]),
            "skip": spread_games([10.0, 20.0, 30.0, 99.0]),
        }
    )
    [text] = texts(warnings, "dominates")
    assert text.startswith("full dominates")
    assert [w.policy for w in warnings if w.kind == "dominates"] == ["full"]


def test_overlapping_or_tied_policies_do_not_dominate() -> None:
    overlap = {
        "full": spread_games([50.0, 110.0, 120.0, 130.0]),
        "skip": spread_games([10.0, 20.0, 30.0, 99.0]),
    }
    assert texts(study(overlap), "dominates") == []
    tied = {"full": spread_games([5.0, 5.0]), "skip": spread_games([5.0, 5.0])}
    assert texts(study(tied), "dominates") == []
    assert texts(study({"full": spread_games([5.0, 9.0])}), "dominates") == []


def test_a_dimension_that_never_varies_is_named_with_its_policy() -> None:
    full = [game(i, scores=(("governance", 90.0), ("trust", 50.0 + i))) for i in range(1, 4)]
    warnings = study({"full": full})
    assert texts(warnings, "never-varies") == [
        "governance fit never varies under full: 90 in every one of 3 games"
    ]
    one_game = study({"full": full[:1]})
    assert texts(one_game, "never-varies") == []


def test_a_constant_total_or_an_unscored_dimension_is_not_a_flat_dimension() -> None:
    full = [
        game(i, scores=(("governance", 0.0), ("total", 70.0), ("trust", 40.0 + i)))
        for i in range(1, 4)
    ]
    full = [replace(g, unscored=("governance",)) for g in full]
    assert texts(study({"full": full}), "never-varies") == []


def test_options_never_adopted_are_named_by_label_and_issue() -> None:
    other = (
        ("accountability", "equal-leverage"),
        ("decision-rule", "majority"),
        ("governance", "backbone"),
        ("measurement", "each-own"),
    )
    warnings = study({"full": [game(1), game(2, adopted=other)]})
    never = texts(warnings, "never-adopted")
    assert "option 'Consensus' of 'Decision rule' is never adopted (in 2 games)" in never
    assert (
        "option 'Lead organization: city housing' of 'Governance form' is never adopted "
        "(in 2 games)" in never
    )
    adopted_labels = ["Shared (participant-governed)", "Simple majority", "Equal leverage"]
    assert not [t for t in never for label in adopted_labels if f"'{label}'" in t]
    options = sum(len(i.options) for i in homes().issues)
    assert len(never) == options - 8


def test_projects_never_funded_and_events_never_fired_are_named() -> None:
    warnings = study({"full": [game(1), game(2, funded=("code-sweeps",))]})
    assert texts(warnings, "never-funded") == [
        "project 'Landlord incentive fund' is never funded (in 2 games)",
        "project 'Asthma referral pathway' is never funded (in 2 games)",
    ]
    fired = texts(warnings, "never-fires")
    assert "event 'The tenants' union walks out' never fires (in 2 games)" in fired
    assert not [t for t in fired if "contractors" in t]
    assert len(fired) == len(homes().events) - 1


def test_a_target_no_game_reaches_is_named_with_the_best_final_year() -> None:
    warnings = study({"full": [game(1, final=80.0), game(2, final=104.6)]})
    assert texts(warnings, "never-reached") == [
        "the target of 110 homes made healthy/year (Rental homes made healthy) is never "
        "reached: the best final year was 104.6 (named in 2 games)"
    ]
    one_reached = [game(1, final=80.0), game(2, final=120.0, reached=True)]
    assert texts(study({"full": one_reached}), "never-reached") == []
    unnamed = [game(1, metric="", target=0.0)]
    assert texts(study({"full": unnamed}), "never-reached") == [
        "no game named a result, so none reached one"
    ]


def test_warnings_never_show_an_id() -> None:
    lone = [game(1, adopted=(), funded=(), events_fired=(), scores=(("governance", 1.0),))]
    warnings = study({"full": lone, "skip": [game(1, cumulative=0.0)]})
    ids = [
        *(o.id for i in homes().issues for o in i.options),
        *(p.id for p in homes().projects),
        *(e.id for e in homes().events),
    ]
    for w in warnings:
        assert not [i for i in ids if f"'{i}'" in w.text], w.text


# ----------------------------------------------------------------------------- JSON and games


def test_as_json_is_one_json_object_with_every_part() -> None:
    played = {"full": spread_games([1.0, 2.0]), "skip": spread_games([0.0, 0.5])}
    data = summarize(homes(), played, runs=2, jobs=3, first_seed=7).as_json()
    assert list(data) == ["scenario", "runs", "jobs", "seeds", "policies", "warnings", "lessons"]
    assert data["scenario"] == "Healthy Homes Lakeshore"
    assert (data["runs"], data["jobs"], data["seeds"]) == (2, 3, [7, 8])
    full = data["policies"]["full"]  # type: ignore[index]
    assert full["cumulative"]["mean"] == 1.5
    assert set(full["cumulative"]) == {"mean", "p10", "p90", "min", "max", "n"}
    assert full["stages"]["storming"] == {"share": 1.0, "mean_round": 2.0}
    assert data["lessons"] == []
    assert {"kind", "text", "policy"} == set(data["warnings"][0])  # type: ignore[index]
    json.dumps(data)


def test_a_played_game_records_when_each_stage_began_and_what_was_scored() -> None:
    figures = play(Game(homes()), Arm("full"), 1, score=True)
    entered = dict(figures.entered)
    assert figures.entered[0] == ("forming", 1)
    assert set(entered) == set(figures.stages)
    rounds = list(entered.values())
    assert rounds == sorted(rounds)
    assert figures.metric in {r.id for r in homes().results}
    names = {name for name, _ in figures.scores}
    assert set(figures.unscored) <= names


def test_a_stage_no_game_reaches_has_no_round() -> None:
    skipped = game(1, stages=("forming", "performing"), entered=(("forming", 1), ("performing", 2)))
    stages = {t.stage: t for t in summarize_policy(homes(), "skip", [skipped]).stages}
    assert (stages["norming"].share, stages["norming"].mean_round) == (0.0, None)
