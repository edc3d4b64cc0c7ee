"""Checks the models cannot express alone: unique ids and references between tables.

They read the raw TOML data rather than the models, so they still run (and
report) when some other part of the file fails validation: a facilitator sees
every problem in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from sim.scenario.errors import Path

Problem = tuple[Path, str]
Raw = dict[str, Any]
# The set of ids a reference may name, or None when the table itself is missing: its absence
# is already reported, and every reference into it would only repeat that (a follow-on).
Known = Collection[str] | None

# Scoring weights a file leaves out take these defaults (the models' own, kept equal by a
# test), so "all weights 0" can be judged on raw data.
SCORING_DEFAULTS = {
    "result": 25.0,
    "allocation": 15.0,
    "representation": 15.0,
    "governance": 10.0,
    "trust": 15.0,
    "problem_solving": 10.0,
    "agreement": 10.0,
}
# A grant's match must be money the partners bring: a grant cannot match a grant, and loan
# money as match would let a project without revenue spend a loan.
MATCHES_FROM = ("pooled", "in_kind")


def _known(names: Iterable[str]) -> str:
    """Every known id, in order, so the author can pick the one meant."""
    return ", ".join(sorted(names)) or "none"


def unknown(value: str, known: Collection[str], kind: str) -> str:
    """'unknown organization 'x'' with the nearest id, else the list of every id."""
    near = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    if near:
        return f"unknown {kind} '{value}' (did you mean '{near[0]}'?)"
    return f"unknown {kind} '{value}' (known: {_known(known)})"


def _entries(table: Any, key: str) -> list[tuple[int, Raw]]:
    """The (index, entry) pairs of an array of tables, skipping malformed entries."""
    items = table.get(key) if isinstance(table, dict) else None
    if not isinstance(items, list):
        return []
    return [(n, item) for n, item in enumerate(items) if isinstance(item, dict)]


def _strings(table: Raw, key: str) -> list[tuple[int, str]]:
    values = table.get(key)
    if not isinstance(values, list):
        return []
    return [(n, v) for n, v in enumerate(values) if isinstance(v, str)]


# The tables a scenario must have: when one is missing, references into it are follow-ons.
REQUIRED_TABLES = ("interests", "organizations", "issues", "streams", "projects", "results")


def _ids(raw: Raw, key: str) -> set[str] | None:
    """The ids of a table's entries; None when they cannot all be known.

    A required table missing altogether, or an entry whose id is missing or not text (an
    error of its own), leaves the set of ids unknown: a reference to that entry would be
    reported as unknown at every place it is used, so references are not judged at all.
    """
    if key in REQUIRED_TABLES and not isinstance(raw.get(key), list):
        return None
    entries = _entries(raw, key)
    if any(not isinstance(e.get("id"), str) for _, e in entries):
        return None
    return {e["id"] for _, e in entries}


def _duplicates(base: Path, entries: list[tuple[int, Raw]], kind: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, entry in entries:
        item_id = entry.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            yield (
                (*base, index, "id"),
                f"duplicate {kind} id '{item_id}' (first at [{seen[item_id]}])",
            )
        else:
            seen[item_id] = index


def _ref(path: Path, value: Any, known: Known, kind: str) -> Iterator[Problem]:
    if known is not None and isinstance(value, str) and value not in known:
        yield path, unknown(value, known, kind)


def check(raw: Raw) -> list[Problem]:
    """Every duplicate-id and cross-reference problem in raw scenario data."""
    return list(_check(raw))


def _check(raw: Raw) -> Iterator[Problem]:
    for table, kind in (
        ("interests", "interest"),
        ("organizations", "organization"),
        ("tensions", "tension"),
        ("issues", "issue"),
        ("streams", "stream"),
        ("projects", "project"),
        ("events", "event"),
        ("results", "result"),
    ):
        yield from _duplicates((table,), _entries(raw, table), kind)
    orgs = _ids(raw, "organizations")
    convener = raw.get("convener")
    if isinstance(convener, dict):
        yield from _ref(
            ("convener", "organization"), convener.get("organization"), orgs, "organization"
        )
    yield from _check_organizations(raw, orgs)
    yield from _check_tensions(raw, orgs)
    yield from _check_issues(raw, orgs)
    yield from _check_money(raw, orgs)
    yield from _check_events(raw, orgs)
    yield from _check_scoring(raw)


def _issue_options(raw: Raw) -> dict[str, set[str]] | None:
    if _ids(raw, "issues") is None:
        return None
    return {
        issue["id"]: {
            o["id"] for _, o in _entries(issue, "options") if isinstance(o.get("id"), str)
        }
        for _, issue in _entries(raw, "issues")
        if isinstance(issue.get("id"), str)
    }


def _check_organizations(raw: Raw, orgs: Known) -> Iterator[Problem]:
    interests = _ids(raw, "interests")
    streams = _ids(raw, "streams")
    issues = _issue_options(raw)
    unscored = _unscored(raw, issues or {})
    yield from _issues_nobody_scores(unscored)
    for n, org in _entries(raw, "organizations"):
        base: Path = ("organizations", n)
        sector = org.get("sector")
        if org.get("level") is not None and isinstance(sector, str) and sector != "public":
            yield (*base, "level"), f"only public-sector organizations have a level, not {sector}"
        for k, interest in _strings(org, "interests"):
            yield from _ref((*base, "interests", k), interest, interests, "interest")
        for k, stream in _strings(org, "streams"):
            yield from _ref((*base, "streams", k), stream, streams, "stream")
        yield from _check_points(base, org, issues, set(unscored))
        for k, rel in _entries(org, "history"):
            path = (*base, "history", k, "organization")
            yield from _ref(path, rel.get("organization"), orgs, "organization")
            if rel.get("organization") == org.get("id"):
                yield path, "an organization has no history with itself"


def _unscored(raw: Raw, issues: dict[str, set[str]]) -> dict[str, int]:
    """Issues no organization gives points for (a new issue not yet scored), by index."""
    sheets = [org.get("points") for _, org in _entries(raw, "organizations")]
    sheets = [p if isinstance(p, dict) else {} for p in sheets]
    if len(sheets) < 2:
        return {}
    return {
        issue["id"]: n
        for n, issue in _entries(raw, "issues")
        if isinstance(issue.get("id"), str)
        and issue["id"] in issues
        and not any(issue["id"] in p for p in sheets)
    }


def _issues_nobody_scores(unscored: dict[str, int]) -> Iterator[Problem]:
    """One error at an issue nobody scores, instead of one at every organization."""
    for issue_id, n in unscored.items():
        yield (
            ("issues", n),
            f"no organization gives points for issue '{issue_id}': add points.{issue_id} to "
            "every organization (0 for an option it does not care about)",
        )


def _check_points(
    base: Path, org: Raw, issues: dict[str, set[str]] | None, unscored: set[str]
) -> Iterator[Problem]:
    """Points name real issues and options, and cover every option of every issue.

    An issue in `unscored` (nobody's points name it) is reported once, at the issue.
    """
    if issues is None:
        return
    points = org.get("points", {})
    if not isinstance(points, dict):
        return
    left_out = [issue for issue in issues if issue not in points and issue not in unscored]
    if left_out:
        # A whole issue without points reads as zero for every option: the organization
        # would never care how it is settled, which is almost never what the author meant.
        where = (*base, "points") if "points" in org else base
        yield (
            where,
            (
                f"no points for issue(s) {', '.join(left_out)}: give every option of every issue "
                "its points (0 where the organization does not care)"
            ),
        )
    for issue_id, options in points.items():
        if issue_id not in issues:
            yield (*base, "points", issue_id), unknown(issue_id, issues, "issue")
            continue
        for option_id in options if isinstance(options, dict) else ():
            path = (*base, "points", issue_id, option_id)
            yield from _ref(path, option_id, issues[issue_id], f"option of issue '{issue_id}'")
        missing = sorted(issues[issue_id] - set(options)) if isinstance(options, dict) else []
        if missing:
            # A silent zero is how point sheets go wrong; make the author write it.
            yield (
                (*base, "points", issue_id),
                (f"no points for option(s) {', '.join(missing)} of issue '{issue_id}'"),
            )


def _check_tensions(raw: Raw, orgs: Known) -> Iterator[Problem]:
    interests = _ids(raw, "interests")
    issues = _ids(raw, "issues")
    for n, tension in _entries(raw, "tensions"):
        base: Path = ("tensions", n)
        parties = {p for _, p in _strings(tension, "parties")}
        first: dict[str, int] = {}
        for k, party in _strings(tension, "parties"):
            yield from _ref((*base, "parties", k), party, orgs, "organization")
            if party in first:
                yield (*base, "parties", k), f"'{party}' is already a party (at [{first[party]}])"
            first.setdefault(party, k)
        sides = tension.get("sides")
        placed: set[str] = set()
        for k, side in enumerate(sides) if isinstance(sides, list) else ():
            for m, member in enumerate(side) if isinstance(side, list) else ():
                if isinstance(member, str) and member not in parties:
                    yield (*base, "sides", k, m), f"'{member}' is on a side but not a party"
                elif isinstance(member, str) and member in placed:
                    yield (*base, "sides", k, m), f"'{member}' is on more than one side"
                if isinstance(member, str):
                    placed.add(member)
        for k, interest in _strings(tension, "interests"):
            yield from _ref((*base, "interests", k), interest, interests, "interest")
        yield from _ref((*base, "issue"), tension.get("issue"), issues, "issue")


def _check_issues(raw: Raw, orgs: Known) -> Iterator[Problem]:
    for n, issue in _entries(raw, "issues"):
        options = _entries(issue, "options")
        yield from _duplicates(("issues", n, "options"), options, "option")
        kind = issue.get("kind")
        for k, option in options:
            path: Path = ("issues", n, "options", k)
            if kind == "governance":
                yield from _ref((*path, "lead"), option.get("lead"), orgs, "organization")
            shares = option.get("shares")
            if kind == "cost_share" and isinstance(shares, dict):
                values = [v for v in shares.values() if isinstance(v, int | float)]
                if values and abs(sum(values) - 1.0) > 0.011:
                    yield (*path, "shares"), f"shares add up to {sum(values):.2f}, not 1"
            decision = option.get("decision")
            if kind == "decision_rule" and isinstance(decision, dict):
                yield from _check_decision((*path, "decision"), decision)


def _check_decision(path: Path, decision: Raw) -> Iterator[Problem]:
    rule = decision.get("rule")
    threshold = decision.get("threshold", 0.5)
    if rule != "supermajority" and "threshold" in decision and isinstance(rule, str):
        # Every other rule ignores it, so a threshold there means the author expects an
        # effect the game will not give.
        yield (
            (*path, "threshold"),
            (
                f"only a supermajority has a threshold; {rule} ignores it: remove it, or make "
                "the rule supermajority"
            ),
        )
    elif rule == "supermajority" and isinstance(threshold, int | float) and threshold <= 0.5:
        yield (*path, "threshold"), f"a supermajority needs a threshold above 0.5, not {threshold}"


def _check_money(raw: Raw, orgs: Known) -> Iterator[Problem]:
    streams = _ids(raw, "streams")
    projects = _ids(raw, "projects")
    kinds = {
        e["id"]: e.get("kind") for _, e in _entries(raw, "streams") if isinstance(e.get("id"), str)
    }
    for n, stream in _entries(raw, "streams"):
        base: Path = ("streams", n)
        for k, project in _strings(stream, "eligible"):
            yield from _ref((*base, "eligible", k), project, projects, "project")
        yield from _ref((*base, "provider"), stream.get("provider"), orgs, "organization")
        for k, other in _strings(stream, "match_from"):
            yield from _ref((*base, "match_from", k), other, streams, "stream")
            if other == stream.get("id"):
                yield (*base, "match_from", k), "a grant cannot match itself"
            elif kinds.get(other) in ("grant", "loan"):
                yield (
                    (*base, "match_from", k),
                    (
                        f"'{other}' is a {kinds[other]}: a grant's match comes from money the "
                        f"partners bring, a {' or '.join(MATCHES_FROM).replace('_', '-')} stream"
                    ),
                )
    for n, project in _entries(raw, "projects"):
        lead = project.get("lead")
        for k, org in _strings(lead, "organizations") if isinstance(lead, dict) else ():
            yield from _ref(("projects", n, "lead", "organizations", k), org, orgs, "organization")


_EFFECT_REFS = {
    "stream": ("streams", "stream"),
    "organization": ("organizations", "organization"),
    "project": ("projects", "project"),
    "tension": ("tensions", "tension"),
}


def _check_events(raw: Raw, orgs: Known) -> Iterator[Problem]:
    known = {table: _ids(raw, table) for table, _ in _EFFECT_REFS.values()}
    timeline = raw.get("timeline") if isinstance(raw.get("timeline"), dict) else {}
    years = timeline.get("years", 3)
    rounds = timeline.get("rounds_per_year", 4)
    for n, event in _entries(raw, "events"):
        base: Path = ("events", n)
        trigger = event.get("trigger")
        if isinstance(trigger, dict):
            path: Path = (*base, "trigger")
            if trigger.get("on") == "tension_returns":
                yield from _ref(
                    (*path, "tension"), trigger.get("tension"), known["tensions"], "tension"
                )
            if trigger.get("on") == "round":
                year, rnd = trigger.get("year"), trigger.get("round", 1)
                if isinstance(year, int) and isinstance(years, int) and year > years:
                    yield (*path, "year"), f"year {year} is after the last year ({years})"
                if isinstance(rnd, int) and isinstance(rounds, int) and rnd > rounds:
                    yield (*path, "round"), f"round {rnd} is past rounds_per_year ({rounds})"
        for k, effect in _entries(event, "effects"):
            for key, (table, kind) in _EFFECT_REFS.items():
                yield from _ref((*base, "effects", k, key), effect.get(key), known[table], kind)
            for m, org in _strings(effect, "organizations"):
                yield from _ref(
                    (*base, "effects", k, "organizations", m), org, orgs, "organization"
                )


def _check_scoring(raw: Raw) -> Iterator[Problem]:
    scoring = raw.get("scoring")
    if not isinstance(scoring, dict):
        return
    weights = {**SCORING_DEFAULTS, **scoring}
    values = [weights[key] for key in SCORING_DEFAULTS]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    if numbers and all(v == 0 for v in values):
        yield ("scoring",), "every weight is 0, so no play could score: give one a weight above 0"
