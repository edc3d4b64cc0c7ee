"""`sim analyze`: the scenario-level analysis as data, and as text a facilitator can read.

Before any play there is no table yet, so every organization is a voter and the money is
what every organization could pledge (the optimal allocation says so in its note).
"""

from __future__ import annotations

import time
from typing import Any

from sim.engine.game import Game
from sim.scenario.models import DecisionRuleSpec, Scenario
from sim.scoring.agreements import PARETO_NOTE, analyze_agreements
from sim.scoring.portfolios import metric_of, scenario_optimum

DEFAULT_COALITION = 3


def analyze_scenario(
    scenario: Scenario,
    rule: DecisionRuleSpec | None = None,
    max_coalition: int = DEFAULT_COALITION,
) -> dict[str, Any]:
    """Everything `sim analyze --json` prints, as one JSON-ready object."""
    game = Game(scenario)
    rule = rule or DecisionRuleSpec(rule="consensus")
    started = time.perf_counter()
    optimum, funds, note = scenario_optimum(game)
    optimal_seconds = time.perf_counter() - started
    metric = metric_of(game)
    started = time.perf_counter()
    analysis = analyze_agreements(scenario, rule=rule, max_coalition=max_coalition)
    agreement_seconds = time.perf_counter() - started
    agreements = analysis.as_json()
    agreements["issues"] = [
        {"issue": issue.id, "options": [o.id for o in issue.options]} for issue in scenario.issues
    ]
    return {
        "scenario": scenario.scenario.id,
        "title": scenario.scenario.title,
        "organizations": len(scenario.organizations),
        "rule": {
            "rule": rule.rule,
            "threshold": rule.threshold,
            "label": analysis.rule,
        },
        "optimal_allocation": {
            "metric": metric.id,
            "unit": metric.unit,
            "targets": list(metric.targets),
            "value": round(optimum.value, 6),
            "cost": round(optimum.cost, 2),
            "projects": [line.as_json() for line in optimum.lines],
            "match": {k: round(v, 2) for k, v in optimum.match.items()},
            "funds": {k: round(v, 2) for k, v in funds.items()},
            "funds_note": note,
        },
        "agreements": agreements,
        "veto_players": analysis.veto_players,
        "blocking_coalitions": analysis.blocking_coalitions,
        "blocking_max_size": max_coalition,
        "seconds": {
            "optimal_allocation": round(optimal_seconds, 4),
            "agreements": round(agreement_seconds, 4),
        },
    }


def render_analysis(data: dict[str, Any]) -> str:
    """The analysis as plain text, section by section."""
    out: list[str] = []
    rule = data["rule"]["label"]
    out.append(
        f"{data['title']} — scenario analysis ({data['organizations']} organizations, rule: {rule})"
    )
    out += ["", *_allocation_text(data["optimal_allocation"])]
    out += ["", *_agreements_text(data["agreements"], rule)]
    out += ["", *_blocking_text(data)]
    seconds = data["seconds"]
    out += [
        "",
        f"Computed in {seconds['optimal_allocation']:.2f} s (allocation, exact MILP) and "
        f"{seconds['agreements']:.2f} s (agreements).",
    ]
    return "\n".join(out) + "\n"


def _allocation_text(alloc: dict[str, Any]) -> list[str]:
    unit = alloc["unit"]
    lines = [f"OPTIMAL ALLOCATION — {alloc['metric']} ({unit}), an exact optimum (MILP)"]
    lines.append(f"  {alloc['funds_note'][0].upper()}{alloc['funds_note'][1:]}:")
    for stream, amount in alloc["funds"].items():
        lines.append(f"    {stream:<28} ${amount:>14,.0f}")
    if not alloc["projects"]:
        lines.append("  No project can be funded and led with that money.")
        return lines
    lines.append(f"  {'project':<28} {'units':>5} {'cost':>14} {'value':>10}  streams; lead")
    for p in alloc["projects"]:
        streams = ", ".join(f"{s} {n}" for s, n in p["by_stream"].items())
        lines.append(
            f"  {p['project']:<28} {p['units']:>5} ${p['cost']:>13,.0f} {p['value']:>10,.1f}  "
            f"{streams}; {', '.join(p['leads'])}"
        )
    targets = ", ".join(f"{t:g}" for t in alloc["targets"])
    lines.append(
        f"  {'total':<28} {'':>5} ${alloc['cost']:>13,.0f} {alloc['value']:>10,.1f}  "
        f"{unit} at full effectiveness (targets: {targets})"
    )
    if alloc["match"]:
        match = ", ".join(f"{s} ${v:,.0f}" for s, v in alloc["match"].items())
        lines.append(f"  Grant match put up by: {match}")
    return lines


def _package_text(label: str, package: dict[str, Any] | None) -> list[str]:
    if package is None:
        return [f"  {label:<14} none passes"]
    options = " · ".join(package["options"].values())
    nash = "" if package["nash_log"] is None else f", log Nash product {package['nash_log']:.2f}"
    total = package["above_batna"] + len(package["below_batna"])
    return [
        f"  {label:<14} {options}",
        f"  {'':<14} {package['welfare']} points, {package['above_batna']}/{total} at or above "
        f"BATNA, worst-off gain {package['min_gain']:+d}{nash}",
    ]


def _agreements_text(ag: dict[str, Any], rule: str) -> list[str]:
    lines = [
        f"AGREEMENTS — {ag['n_outcomes']:,} packages ({len(ag['issues'])} issues); each "
        "organization votes yes on a whole package iff its points reach its BATNA",
        f"  Passing under {rule}: {ag['n_passing']:,}   at or above every BATNA: "
        f"{ag['n_above_all']:,}",
    ]
    lines += _package_text("Welfare best", ag["welfare_best"])
    lines += _package_text("Nash best", ag["nash_best"])
    lines += _package_text("Max-min best", ag["maxmin_best"])
    if ag["pareto_count"] is not None:
        lines.append(
            f"  Pareto frontier: {ag['pareto_count']:,} of {ag['n_outcomes']:,} packages "
            f"({ag['pareto_passing']:,} of them pass)."
        )
    lines.append(f"  Caveat: {PARETO_NOTE}")
    lines += [f"  Note: {n}" for n in ag["notes"]]
    return lines


def _blocking_text(data: dict[str, Any]) -> list[str]:
    rule = data["rule"]["label"]
    vetoes = data["veto_players"]
    lines = [
        f"VETO PLAYERS under {rule} (no passing package without their yes): "
        + (", ".join(vetoes) if vetoes else "none")
    ]
    coalitions = [c for c in data["blocking_coalitions"] if len(c) > 1]
    size = data["blocking_max_size"]
    lines.append(
        f"BLOCKING COALITIONS (minimal, 2 to {size} members, voting no together sinks every "
        f"package): {len(coalitions)}"
    )
    for c in coalitions[:20]:
        lines.append(f"  {' + '.join(c)}")
    if len(coalitions) > 20:
        lines.append(f"  … and {len(coalitions) - 20} more (see --json)")
    return lines
