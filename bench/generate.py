"""Generate large, valid scenarios so the loader can be measured at a scale no author writes yet.

The text looks like what authors write (inline tables for points, assets and options, one
``[[organizations]]`` block each) because the loader's cost depends on the shape of the text
as well as on its size: ``locate`` scans every key, and inline tables take a different path
through it than ``[table]`` headers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any, TypeGuard

import tomli_w

Doc = dict[str, Any]

SECTORS: tuple[str, ...] = (
    "public",
    "private",
    "nonprofit",
    "philanthropic",
    "labor",
    "community",
    "academic",
)
# Rough shares of each sector at a big regional table.
SECTOR_WEIGHTS: tuple[int, ...] = (25, 25, 18, 6, 6, 14, 6)
LEVELS: tuple[str, ...] = ("local", "county", "regional", "state", "federal")
KINDS: tuple[str, ...] = ("designee", "doer", "decision_maker")
PERSONALITIES: tuple[str, ...] = ("cooperative", "pragmatic", "hard_bargainer", "spoiler")
PERSONALITY_WEIGHTS: tuple[int, ...] = (30, 45, 20, 5)

PLACES: tuple[str, ...] = (
    "Riverside",
    "Northgate",
    "Lakeview",
    "Harbor",
    "Mill Creek",
    "Eastside",
    "Westfield",
    "Cedar Park",
    "Pine Hill",
    "Southport",
    "Bayfront",
    "Old Town",
    "Fairmount",
    "Greenway",
    "Iron Bridge",
    "Quarry Flats",
)
ORG_KINDS: Mapping[str, tuple[str, ...]] = {
    "public": (
        "Transit Authority",
        "Public Works Department",
        "Health Department",
        "Port Authority",
        "Air Quality District",
        "School District",
    ),
    "private": (
        "Freight Lines",
        "Logistics Park",
        "Electric Utility",
        "Cement Works",
        "Builders Group",
        "Rail Yard",
    ),
    "nonprofit": ("Clean Air Coalition", "Housing Alliance", "Bike Coalition", "Food Bank"),
    "philanthropic": ("Community Foundation", "Health Fund", "Family Trust"),
    "labor": ("Teamsters Local", "Building Trades Council", "Transit Workers Union"),
    "community": ("Neighbors Association", "Tenants Union", "Parents Network", "Faith Council"),
    "academic": ("State University", "Community College", "Research Institute"),
}
MOTIVES: tuple[str, ...] = (
    "Your board wants results it can show before the next budget cycle.",
    "Your members breathe the worst air in the region and are tired of studies.",
    "You will not pay for projects that shift costs onto your customers.",
    "You need the partnership to respect the work you already do.",
    "You want data you can trust before you commit staff.",
    "Your funders expect a seat wherever decisions about money are made.",
)

INTERESTS: tuple[tuple[str, str], ...] = (
    ("policymaking", "Policymaking"),
    ("funding", "Funding"),
    ("community-voice", "Community voice"),
    ("data", "Data and measurement"),
    ("implementation", "Implementation capacity"),
    ("research", "Research"),
    ("workforce", "Workforce"),
    ("land", "Land and facilities"),
    ("fleets", "Fleets"),
    ("health", "Public health"),
)

NOTES: tuple[str, ...] = ("A fight over bus money.", "Ran a grant together.", "Shared a board.")
TOPICS: tuple[str, ...] = ("trucks", "money", "credit", "data")
# Organizations pledge into these; the grants and the loan come from outside.
MEMBER_STREAMS: tuple[str, ...] = ("local-pool", "in-kind")

# (id, name, unit, cost, max units, reduction, lifetime, revenue per unit, lead sectors)
PROJECTS: tuple[tuple[str, str, str, int, int, dict[str, float], int, int, list[str]], ...] = (
    ("bus-retrofit", "School bus retrofits", "bus", 30_000, 200, {"nox": 1.2}, 7, 0, ["public"]),
    (
        "drayage",
        "Drayage truck replacement",
        "truck",
        120_000,
        150,
        {"nox": 2.5, "pm25": 0.1},
        10,
        8_000,
        ["private"],
    ),
    ("e-bus", "Electric transit buses", "bus", 900_000, 40, {"nox": 1.0, "co2": 90.0}, 12, 0, []),
    ("rideshare", "Employer rideshare", "employer", 50_000, 60, {"nox": 0.8, "voc": 0.3}, 2, 0, []),
    ("shore-power", "Port shore power", "berth", 2_500_000, 6, {"nox": 20.0}, 20, 150_000, []),
    (
        "lawn-exchange",
        "Lawn equipment exchange",
        "household",
        400,
        5_000,
        {"voc": 0.02},
        5,
        0,
        ["community", "nonprofit"],
    ),
    ("signals", "Signal timing", "corridor", 80_000, 30, {"nox": 0.6, "co2": 40.0}, 8, 0, []),
    ("ev-charging", "Fleet EV charging", "site", 350_000, 25, {"co2": 120.0}, 10, 30_000, []),
    ("trees", "Street trees", "block", 15_000, 400, {"pm25": 0.01, "co2": 2.0}, 30, 0, []),
    (
        "idle-sensors",
        "Anti-idling sensors",
        "site",
        5_000,
        300,
        {"nox": 0.05, "pm25": 0.01},
        5,
        0,
        ["public", "academic"],
    ),
)


def _issues(lead_a: str, lead_b: str) -> list[Doc]:
    """Seven issues of four options each, one of every built-in kind but custom."""
    return [
        {
            "id": "governance",
            "kind": "governance",
            "name": "Governance form",
            "options": [
                {"id": "shared", "label": "Shared governance", "form": "shared"},
                {
                    "id": "lead-a",
                    "label": "Lead agency",
                    "form": "lead_organization",
                    "lead": lead_a,
                },
                {
                    "id": "lead-b",
                    "label": "Lead nonprofit",
                    "form": "lead_organization",
                    "lead": lead_b,
                },
                {
                    "id": "nao",
                    "label": "Backbone organization",
                    "form": "network_administrative_organization",
                    "staff": 4.0,
                    "cost_per_year": 450_000,
                },
            ],
        },
        {
            "id": "rule",
            "kind": "decision_rule",
            "name": "Decision rule",
            "options": [
                {"id": "consensus", "label": "Consensus", "decision": {"rule": "consensus"}},
                {
                    "id": "minus-one",
                    "label": "Consensus minus one",
                    "decision": {"rule": "consensus_minus_one"},
                },
                {
                    "id": "two-thirds",
                    "label": "Two-thirds",
                    "decision": {"rule": "supermajority", "threshold": 0.67},
                },
                {"id": "majority", "label": "Majority", "decision": {"rule": "majority"}},
            ],
        },
        {
            "id": "structure",
            "kind": "structure",
            "name": "Structure",
            "options": [
                {"id": "plenary", "label": "Plenary only", "structures": ["plenary"]},
                {
                    "id": "board",
                    "label": "Board and staff",
                    "structures": ["policy_board", "senior_staff"],
                },
                {
                    "id": "full",
                    "label": "Full structure",
                    "structures": ["plenary", "policy_board", "workgroup", "community_engagement"],
                },
                {
                    "id": "community-seat",
                    "label": "Community vote",
                    "structures": ["policy_board", "community_engagement"],
                    "community_vote": True,
                },
            ],
        },
        {
            "id": "cost",
            "kind": "cost_share",
            "name": "Who pays",
            "options": [
                {"id": "public-pays", "label": "Public pays", "shares": {"public": 1.0}},
                {
                    "id": "split",
                    "label": "Public and private split",
                    "shares": {"public": 0.5, "private": 0.5},
                },
                {
                    "id": "three-way",
                    "label": "Three-way",
                    "shares": {"public": 0.4, "private": 0.4, "philanthropic": 0.2},
                },
                {
                    "id": "broad",
                    "label": "Everyone chips in",
                    "shares": {"public": 0.4, "private": 0.3, "philanthropic": 0.2, "labor": 0.1},
                },
            ],
        },
        {
            "id": "measurement",
            "kind": "measurement",
            "name": "Shared measurement",
            "options": [
                {
                    "id": "none",
                    "label": "No shared data",
                    "shared_measurement": False,
                    "data_sharing": "none",
                },
                {"id": "aggregate", "label": "Aggregate dashboard", "data_sharing": "aggregate"},
                {"id": "open", "label": "Open data", "data_sharing": "open"},
                {
                    "id": "funded",
                    "label": "Funded evaluation",
                    "data_sharing": "open",
                    "budget_share": 0.05,
                },
            ],
        },
        {
            "id": "accountability",
            "kind": "accountability",
            "name": "Community leverage",
            "options": [
                {"id": "advisory", "label": "Advisory only", "community_leverage": 0.0},
                {
                    "id": "reporting",
                    "label": "Public reporting",
                    "community_leverage": 0.25,
                    "public_reporting": True,
                },
                {"id": "shared-leverage", "label": "Shared leverage", "community_leverage": 0.5},
                {"id": "equal", "label": "Equal leverage", "community_leverage": 1.0},
            ],
        },
        {
            "id": "document",
            "kind": "document",
            "name": "Codifying the agreement",
            "options": [
                {"id": "handshake", "label": "Handshake", "document": "handshake"},
                {"id": "mou", "label": "Memorandum of understanding", "document": "mou"},
                {"id": "charter", "label": "Charter", "document": "charter"},
                {"id": "contract", "label": "Contract", "document": "contract"},
            ],
        },
    ]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _organization(rng: random.Random, index: int, n_orgs: int, issues: list[Doc]) -> Doc:
    sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
    place = rng.choice(PLACES)
    kind = rng.choice(ORG_KINDS[sector])
    name = f"{place} {kind}"
    org: Doc = {
        "id": org_id(index),
        "name": name,
        "short": f"{place} {kind.split()[0]}"[:24],
        "sector": sector,
    }
    if sector == "public":
        org["level"] = rng.choice(LEVELS)
    org["description"] = f"A {sector} organization serving {place}."
    org["interests"] = sorted(rng.sample([i for i, _ in INTERESTS], rng.randint(1, 3)))
    org["assets"] = {
        "money": rng.randrange(0, 2_000_001, 25_000),
        "staff": round(rng.uniform(0.0, 6.0), 1),
        "expertise": rng.randint(0, 5),
        "data": rng.randint(0, 5),
        "influence": rng.randint(0, 5),
    }
    org["streams"] = sorted(rng.sample(MEMBER_STREAMS, rng.randint(1, 2)))
    org["sends"] = {
        "letter": rng.choice(KINDS[:2]),
        "staff_call": rng.choice(KINDS[:2]),
        "convener_meeting": rng.choice(KINDS[1:]),
        "champion": "decision_maker",
        "extra_cost": rng.randint(0, 2),
    }
    points = {
        issue["id"]: {option["id"]: rng.randint(0, 30) for option in issue["options"]}
        for issue in issues
    }
    org["points"] = points
    best = sum(max(options.values()) for options in points.values())
    org["batna"] = int(best * rng.uniform(0.3, 0.6))
    org["personality"] = rng.choices(PERSONALITIES, PERSONALITY_WEIGHTS)[0]
    if sector == "public" and rng.random() < 0.05:
        org["veto"] = True
    others = rng.sample([k for k in range(n_orgs) if k != index], rng.randint(2, 3))
    org["history"] = [
        {
            "organization": org_id(other),
            "kind": rng.choice(("conflict", "cooperation")),
            "strength": round(rng.uniform(0.1, 0.9), 2),
            "note": rng.choice(NOTES),
        }
        for other in sorted(others)
    ]
    org["brief"] = f"You speak for {name}. {rng.choice(MOTIVES)}"
    org["goals"] = [rng.choice(("Win funding", "Keep control of our fleet", "Be heard"))]
    return org


def org_id(index: int) -> str:
    """The id of the index-th generated organization."""
    return f"org-{index + 1:04d}"


def big_scenario_data(n_orgs: int, seed: int = 0) -> Doc:
    """The parsed form of `big_scenario`: plain dicts and lists, as tomllib returns them."""
    if n_orgs < 4:
        raise ValueError("a generated scenario needs at least 4 organizations")
    rng = random.Random(seed)
    # Any organization can lead; sector fit is the players' argument, not the loader's.
    issues = _issues(org_id(0), org_id(1))
    orgs = [_organization(rng, k, n_orgs, issues) for k in range(n_orgs)]
    org_ids = [o["id"] for o in orgs]
    interest_ids = [i for i, _ in INTERESTS]
    project_ids = [p[0] for p in PROJECTS]

    tensions: list[Doc] = []
    for k in range(20):
        parties = rng.sample(org_ids, rng.randint(2, 4))
        tensions.append(
            {
                "id": f"tension-{k + 1:02d}",
                "title": f"Dispute {k + 1} over {rng.choice(TOPICS)}",
                "description": "It has simmered for years and will surface as soon as money does.",
                "parties": parties,
                "sides": [parties[:1], parties[1:]],
                "interests": rng.sample(interest_ids, 2),
                "issue": rng.choice(issues)["id"],
                "heat": round(rng.uniform(0.2, 0.9), 2),
                "mediation_cost": rng.randrange(10_000, 60_001, 5_000),
            }
        )

    streams: list[Doc] = [
        {
            "id": "federal-grant",
            "kind": "grant",
            "name": "Federal clean air grant",
            "provider": org_ids[2],
            "amount": 8_000_000,
            "match_share": 0.2,
            "match_from": ["local-pool", "in-kind"],  # a grant never matches a grant
            "eligible": project_ids[:6],
        },
        {"id": "state-grant", "kind": "grant", "name": "State mobility grant", "amount": 3_000_000},
        {"id": "local-pool", "kind": "pooled", "name": "Local pool"},
        {
            "id": "green-loan",
            "kind": "loan",
            "name": "Green bank loan",
            "provider": org_ids[3],
            "amount": 5_000_000,
            "rate": 0.035,
            "eligible": ["drayage", "shore-power", "ev-charging"],
        },
        {"id": "in-kind", "kind": "in_kind", "name": "Staff and services"},
    ]

    projects: list[Doc] = []
    for pid, name, unit, cost, units, reduction, life, revenue, sectors in PROJECTS:
        project: Doc = {
            "id": pid,
            "name": name,
            "unit": unit,
            "cost_per_unit": cost,
            "max_units": units,
            "reduction": reduction,
            "co_benefits": {"equity": rng.randint(0, 5), "health": rng.randint(0, 5)},
            "lead": {"sectors": sectors, "staff": 0.5},
            "uncertainty": round(rng.uniform(0.1, 0.4), 2),
            "lifetime_years": life,
            "source": f"Generated: cost and effect scaled from published {unit} programs.",
        }
        if revenue:
            project["revenue_per_unit"] = revenue
        projects.append(project)

    events: list[Doc] = [
        {
            "id": "ozone-day",
            "title": "Ozone exceedance",
            "text": "A hot week pushes ozone over the standard.",
            "trigger": {"on": "round", "year": 2, "round": 1},
            "effects": [{"effect": "urgency", "amount": 0.2}],
        },
        {
            "id": "state-cut",
            "title": "State budget cut",
            "text": "The legislature trims the mobility grant.",
            "trigger": {"on": "midpoint"},
            "effects": [{"effect": "budget_cut", "stream": "state-grant", "share": 0.3}],
        },
        {
            "id": "windfall",
            "title": "Settlement money",
            "text": "A court settlement adds money to the local pool.",
            "trigger": {"on": "chance", "probability": 0.1},
            "effects": [{"effect": "add_money", "stream": "local-pool", "amount": 250_000}],
        },
        {
            "id": "walkout",
            "title": "A member walks out",
            "text": "Trust has fallen so far that a member leaves.",
            "trigger": {"on": "trust_below", "threshold": 0.25},
            "effects": [{"effect": "member_exit", "organization": rng.choice(org_ids)}],
        },
        {
            "id": "old-fight",
            "title": "An old fight returns",
            "text": "The deferred dispute is back on the agenda.",
            "trigger": {"on": "tension_returns", "tension": tensions[0]["id"]},
            "effects": [{"effect": "tension_heat", "tension": tensions[0]["id"], "amount": 0.2}],
        },
        {
            "id": "storm-press",
            "title": "Critical press",
            "text": "A newspaper asks who is really in charge.",
            "trigger": {"on": "stage", "stage": "storming"},
            "effects": [
                {
                    "effect": "trust_shock",
                    "amount": -0.1,
                    "organizations": rng.sample(org_ids, 3),
                }
            ],
        },
        {
            "id": "election",
            "title": "Election",
            "text": "A champion loses office.",
            "trigger": {"on": "round", "year": 3, "round": 2},
            "effects": [{"effect": "champion_leaves", "organization": rng.choice(org_ids)}],
        },
        {
            "id": "steel-prices",
            "title": "Steel prices",
            "text": "Equipment costs rise.",
            "trigger": {"on": "chance", "probability": 0.05, "stage": "norming"},
            "effects": [{"effect": "cost_change", "project": "drayage", "factor": 1.25}],
        },
    ]

    return {
        "format": 1,
        "scenario": {
            "id": f"generated-{n_orgs}",
            "title": f"Generated table of {n_orgs} organizations",
            "summary": "A machine-written scenario for measuring the loader at scale.",
            "region": "Generated region",
            "minutes": 120,
            "briefing": (
                "The region fails the ozone standard.\n"
                f"The convener has called {n_orgs} organizations together.\n"
            ),
            "sources": ["bench/generate.py"],
        },
        "timeline": {"years": 3, "rounds_per_year": 4},
        "convener": {
            "name": "Regional Council",
            "organization": org_ids[0],
            "budget": 500_000,
            "brief": "Convene the table and keep it together.",
            "goals": ["Name a measurable result", "Fund what works"],
        },
        "interests": [{"id": i, "name": name, "weight": 1.0} for i, name in INTERESTS],
        "organizations": orgs,
        "tensions": tensions,
        "issues": issues,
        "streams": streams,
        "projects": projects,
        "events": events,
        "results": [
            {
                "id": "nox-voc",
                "name": "NOx + VOC removed",
                "pollutants": ["nox", "voc"],
                "targets": [100.0, 200.0, 300.0],
            },
            {"id": "pm25", "name": "PM2.5 removed", "pollutants": ["pm25"], "targets": [2.0, 5.0]},
            {"id": "co2", "name": "CO2 removed", "pollutants": ["co2"], "targets": [1_000.0]},
        ],
        "scoring": {"result": 30.0, "allocation": 20.0, "trust": 15.0},
    }


def big_scenario(n_orgs: int, seed: int = 0) -> str:
    """A valid scenario text with n_orgs organizations, the same for the same seed."""
    return to_toml(big_scenario_data(n_orgs, seed))


# --------------------------------------------------------------------------- serializing


def _is_table_array(value: object) -> TypeGuard[list[Mapping[str, Any]]]:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    # tomli_w quotes keys that need it; reuse it rather than re-implement TOML's rules.
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _inline(value: object) -> str:
    """One value in author style: tables inline, arrays of tables one entry a line."""
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if _is_table_array(value):
        return "[\n" + "".join(f"  {_inline(v)},\n" for v in value) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") : -1]


def to_toml(doc: Mapping[str, Any]) -> str:
    """Serialize a scenario the way authors lay it out.

    tomli_w writes every nested dict as a ``[table]`` header; authors write points, assets
    and options inline, so arrays of tables are laid out here, with tomli_w formatting
    every scalar (quoting and escaping are where hand-written serializers go wrong).
    """
    head = {k: v for k, v in doc.items() if not _is_table_array(v)}
    parts = [tomli_w.dumps(head, multiline_strings=True)]
    for name, entries in doc.items():
        if not _is_table_array(entries):
            continue
        for entry in entries:
            lines = "".join(f"{_key(k)} = {_inline(v)}\n" for k, v in entry.items())
            parts.append(f"[[{_key(name)}]]\n{lines}")
    return "\n".join(parts)
