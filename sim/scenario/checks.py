"""Checks the models cannot express alone: unique ids and references between tables.

They read the raw TOML data rather than the models, so they still run (and
report) when some other part of the file fails validation: a facilitator sees
every problem in one run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sim.scenario.errors import Path

Problem = tuple[Path, str]
Raw = dict[str, Any]


def _known(names: Iterable[str]) -> str:
    """List known ids in a message, shortened so one line stays readable."""
    ordered = sorted(names)
    shown = ", ".join(ordered[:8])
    return (shown + (f", … ({len(ordered)} in all)" if len(ordered) > 8 else "")) or "none"


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


def _ids(raw: Raw, key: str) -> set[str]:
    return {e["id"] for _, e in _entries(raw, key) if isinstance(e.get("id"), str)}


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


def _ref(path: Path, value: Any, known: Iterable[str], kind: str) -> Iterator[Problem]:
    if isinstance(value, str) and value not in known:
        yield path, f"unknown {kind} '{value}' (known: {_known(known)})"


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


def _issue_options(raw: Raw) -> dict[str, set[str]]:
    return {
        issue["id"]: {
            o["id"] for _, o in _entries(issue, "options") if isinstance(o.get("id"), str)
        }
        for _, issue in _entries(raw, "issues")
        if isinstance(issue.get("id"), str)
    }


def _check_organizations(raw: Raw, orgs: set[str]) -> Iterator[Problem]:
    interests = _ids(raw, "interests")
    streams = _ids(raw, "streams")
    issues = _issue_options(raw)
    for n, org in _entries(raw, "organizations"):
        base: Path = ("organizations", n)
        sector = org.get("sector")
        if org.get("level") is not None and isinstance(sector, str) and sector != "public":
            yield (*base, "level"), f"only public-sector organizations have a level, not {sector}"
        for k, interest in _strings(org, "interests"):
            yield from _ref((*base, "interests", k), interest, interests, "interest")
        for k, stream in _strings(org, "streams"):
            yield from _ref((*base, "streams", k), stream, streams, "stream")
        points = org.get("points")
        for issue_id, options in points.items() if isinstance(points, dict) else ():
            if issue_id not in issues:
                known = _known(issues)
                yield (*base, "points", issue_id), f"unknown issue '{issue_id}' (known: {known})"
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
        for k, rel in _entries(org, "history"):
            path = (*base, "history", k, "organization")
            yield from _ref(path, rel.get("organization"), orgs, "organization")
            if rel.get("organization") == org.get("id"):
                yield path, "an organization has no history with itself"


def _check_tensions(raw: Raw, orgs: set[str]) -> Iterator[Problem]:
    interests = _ids(raw, "interests")
    issues = _ids(raw, "issues")
    for n, tension in _entries(raw, "tensions"):
        base: Path = ("tensions", n)
        parties = {p for _, p in _strings(tension, "parties")}
        for k, party in _strings(tension, "parties"):
            yield from _ref((*base, "parties", k), party, orgs, "organization")
        sides = tension.get("sides")
        for k, side in enumerate(sides) if isinstance(sides, list) else ():
            for m, member in enumerate(side) if isinstance(side, list) else ():
                if isinstance(member, str) and member not in parties:
                    yield (*base, "sides", k, m), f"'{member}' is on a side but not a party"
        for k, interest in _strings(tension, "interests"):
            yield from _ref((*base, "interests", k), interest, interests, "interest")
        yield from _ref((*base, "issue"), tension.get("issue"), issues, "issue")


def _check_issues(raw: Raw, orgs: set[str]) -> Iterator[Problem]:
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
                threshold = decision.get("threshold", 0.5)
                if (
                    decision.get("rule") == "supermajority"
                    and isinstance(threshold, int | float)
                    and threshold <= 0.5
                ):
                    yield (
                        (*path, "decision", "threshold"),
                        (f"a supermajority needs a threshold above 0.5, not {threshold}"),
                    )


def _check_money(raw: Raw, orgs: set[str]) -> Iterator[Problem]:
    streams = _ids(raw, "streams")
    projects = _ids(raw, "projects")
    for n, stream in _entries(raw, "streams"):
        base: Path = ("streams", n)
        for k, project in _strings(stream, "eligible"):
            yield from _ref((*base, "eligible", k), project, projects, "project")
        yield from _ref((*base, "provider"), stream.get("provider"), orgs, "organization")
        for k, other in _strings(stream, "match_from"):
            yield from _ref((*base, "match_from", k), other, streams, "stream")
            if other == stream.get("id"):
                yield (*base, "match_from", k), "a grant cannot match itself"
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


def _check_events(raw: Raw, orgs: set[str]) -> Iterator[Problem]:
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
