"""The public face of a scenario in words: what every seat may read before play starts.

Every function here reads a `PublicScenario` (a full `Scenario` is reduced to one first),
which has no field for organizations' points, BATNAs, personalities, history or briefs,
or the convener's brief and goals, so no public screen can show them by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from sim.engine.public import PublicScenario, public_scenario
from sim.scenario.models import (
    FundingStream,
    GrantStream,
    InKindStream,
    LoanStream,
    PooledStream,
    Scenario,
    Sector,
    Timeline,
)

SECTORS: tuple[str, ...] = get_args(Sector)
Readable = Scenario | PublicScenario


def _public(scenario: Readable) -> PublicScenario:
    return public_scenario(scenario) if isinstance(scenario, Scenario) else scenario


def sector_label(sector: str) -> str:
    return sector.replace("_", " ").capitalize()


def sectors_present(scenario: Readable) -> list[str]:
    """The sectors at least one organization belongs to, in the format's order."""
    scenario = _public(scenario)
    present = {org.sector for org in scenario.organizations}
    return [sector for sector in SECTORS if sector in present]


def money(amount: float) -> str:
    return f"${amount:,.0f}"


def number(value: float) -> str:
    """A target or amount without a trailing '.0': 400, 12.5, 1,200."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def timeline_text(timeline: Timeline) -> str:
    years = "year" if timeline.years == 1 else "years"
    rounds = timeline.years * timeline.rounds_per_year
    text = f"{timeline.years} {years} × {timeline.rounds_per_year} rounds a year ({rounds} rounds)"
    return text + (", with a midpoint review" if timeline.midpoint_review else "")


@dataclass(frozen=True)
class RosterRow:
    """One organization as the public roster shows it."""

    id: str
    short: str
    name: str
    sector: str
    level: str
    interests: tuple[str, ...]
    interest_names: str
    money: float


def roster_rows(scenario: Readable) -> list[RosterRow]:
    scenario = _public(scenario)
    names = {interest.id: interest.name for interest in scenario.interests}
    return [
        RosterRow(
            id=org.id,
            short=org.short or org.id,
            name=org.name,
            sector=org.sector,
            level=org.level or "",
            interests=tuple(org.interests),
            interest_names=", ".join(names.get(i, i) for i in org.interests),
            money=org.assets.money,
        )
        for org in scenario.organizations
    ]


POLLUTANTS = {"nox": "NOx", "voc": "VOC", "pm25": "PM2.5", "co2": "CO₂"}


def _stream_terms(stream: FundingStream) -> str:
    """A funding stream's amount and rules, in words a facilitator uses."""
    if isinstance(stream, GrantStream):
        match = (
            f"needs a {stream.match_share:.0%} local match"
            if stream.match_share
            else "no local match needed"
        )
        return f"grant of {money(stream.amount)}, {match}"
    if isinstance(stream, LoanStream):
        return f"loan of {money(stream.amount)} at {stream.rate:.1%} a year"
    if isinstance(stream, PooledStream):
        return "pool of the money members pledge"
    assert isinstance(stream, InKindStream)
    return "in kind: staff time and services members lend"


def briefing_markdown(scenario: Readable) -> str:
    """The public briefing with the facts of the game around it."""
    scenario = _public(scenario)
    info = scenario.info
    sectors = sectors_present(scenario)
    lines = [
        f"- **Region:** {info.region or 'not named'}",
        f"- **Session:** about {info.minutes} minutes",
        f"- **Timeline:** {timeline_text(scenario.timeline)}",
        f"- **Convener:** {scenario.convener.name}",
        f"- **Table:** {len(scenario.organizations)} organizations across "
        f"{len(sectors)} sectors ({', '.join(sectors)})",
        "",
        "## Briefing",
        "",
        info.briefing.strip(),
        "",
        "## Result metrics",
        "",
        "In forming, the table names one of these as its specific measurable result.",
        "",
    ]
    for result in scenario.results:
        unit = result.unit
        if result.pollutants:
            unit += " of " + " + ".join(POLLUTANTS[p] for p in result.pollutants)
        targets = " · ".join(number(t) for t in result.targets)
        lines.append(f"- **{result.name}** in {unit}; candidate targets {targets}")
    lines += ["", "## Funding streams", ""]
    lines += [f"- **{stream.name}**: {_stream_terms(stream)}" for stream in scenario.streams]
    return "\n".join(lines) + "\n"


def tensions_markdown(scenario: Readable) -> str:
    """Tension titles and the negotiation issues with their options: public knowledge."""
    scenario = _public(scenario)
    lines = ["## Tensions", ""]
    if scenario.tensions:
        lines.append("These conflicts may surface once the table forms.")
        lines.append("")
        lines += [f"- {tension.title}" for tension in scenario.tensions]
    else:
        lines.append("No tensions are known in advance.")
    lines += [
        "",
        "## Negotiation issues",
        "",
        "The partnership agreement settles each issue by adopting one of its options.",
    ]
    for issue in scenario.issues:
        lines += ["", f"### {issue.name}", ""]
        if issue.description:
            lines += [issue.description.strip(), ""]
        lines += [f"- {option.label}" for option in issue.options]
    return "\n".join(lines) + "\n"
