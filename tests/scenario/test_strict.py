"""The format is strict where play would otherwise crash or silently mislead.

Each case is the flagship with one value changed, as an attacker found it: every one of
them used to validate and then crash lint, analyze or autoplay (or pass silently).
"""

from __future__ import annotations

import re

import pytest

from sim.scenario import ScenarioInvalid, parse_scenario
from sim.scenario.checks import SCORING_DEFAULTS
from sim.scenario.models import MAX_ORGANIZATIONS, Scoring
from tests.conftest import SCENARIOS

FLAGSHIP = (SCENARIOS / "clean-air-compact.toml").read_text(encoding="utf-8")
WEIGHTS = "result|allocation|representation|governance|trust|problem_solving|agreement"


def changed(pattern: str, replacement: str, every: bool = False) -> str:
    text = re.sub(pattern, replacement, FLAGSHIP, count=0 if every else 1, flags=re.M)
    assert text != FLAGSHIP, pattern
    return text


def errors_of(text: str) -> list[str]:
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(text, "f.toml")
    return [str(e) for e in caught.value.errors]


CASES = [
    (
        "money-inf",
        changed(r"^assets = \{ money = [\d_]+", "assets = { money = inf"),
        "organizations[0].assets.money: got inf: only finite numbers are allowed",
    ),
    (
        "points-1e20",
        changed(r"^(points\.\w+\s+= \{ [\w-]+ = )\d+", r"\g<1>1e20"),
        "organizations[0].points.governance.shared: a whole number is needed, got 1e+20",
    ),
    (
        "points-too-many",
        changed(r"^(points\.\w+\s+= \{ [\w-]+ = )\d+", r"\g<1>99_000_000"),
        "organizations[0].points.governance.shared: got 99,000,000; it must be at most 10,000",
    ),
    (
        "batna-1e20",
        changed(r"^batna = \d+", "batna = 1e20"),
        "organizations[0].batna: a whole number is needed, got 1e+20",
    ),
    (
        "nox-inf",
        changed(r"(reduction = \{ nox = )[\d.]+", r"\g<1>inf"),
        "projects[0].reduction.nox: got inf: only finite numbers are allowed",
    ),
    (
        "nox-1e308",
        changed(r"(reduction = \{ nox = )[\d.]+", r"\g<1>1e308"),
        "projects[0].reduction.nox: got 1e+308; it must be at most 1,000,000,000",
    ),
    (
        "cost-false",
        changed(r"^cost_per_unit = [\d_]+", "cost_per_unit = false"),
        "projects[0].cost_per_unit: input should be a valid number, got a boolean False",
    ),
    (
        "cost-zero",
        changed(r"^cost_per_unit = [\d_]+", "cost_per_unit = 0.0"),
        "projects[0].cost_per_unit: got 0; it must be at least 0.01",
    ),
    (
        "cost-string",
        changed(r"^cost_per_unit = [\d_]+", 'cost_per_unit = "600000"'),
        "projects[0].cost_per_unit: input should be a valid number, got a string '600000'",
    ),
    (
        "stream-amount-inf",
        changed(r"^amount = [\d_]+", "amount = inf"),
        "streams[0].amount: got inf: only finite numbers are allowed",
    ),
    (
        "scoring-inf",
        changed(r"^result = [\d.]+$", "result = inf"),
        "scoring.result: got inf: only finite numbers are allowed",
    ),
    (
        "scoring-1e308",
        changed(rf"^({WEIGHTS}) = [\d.]+$", r"\1 = 1e308", every=True),
        "scoring.result: got 1e+308; it must be at most 1,000",
    ),
    (
        "scoring-boolean",
        changed(r"^representation = [\d.]+$", "representation = true"),
        "scoring.representation: input should be a valid number, got a boolean True",
    ),
    (
        "targets-nan",
        changed(r"^targets = \[[^\]]*\]", "targets = [nan]"),
        "results[0].targets[0]: got nan: only finite numbers are allowed",
    ),
    (
        "target-zero",
        changed(r"^targets = \[[^\]]*\]", "targets = [0]"),
        "results[0].targets[0]: got 0; it must be above 0",
    ),
    (
        "target-negative",
        changed(r"^targets = \[[^\]]*\]", "targets = [-5]"),
        "results[0].targets[0]: got -5; it must be above 0",
    ),
    (
        "count-float",
        changed(r"^max_units = \d+", "max_units = 4.0"),
        "projects[0].max_units: a whole number is needed: write 4, not 4.0",
    ),
    (
        "count-boolean",
        changed(r"^max_units = \d+", "max_units = true"),
        "projects[0].max_units: input should be a valid integer, got a boolean True",
    ),
    (
        "name-number",
        changed(r'^name = "[^"]*"', "name = 42"),
        "convener.name: input should be a valid string, got an integer 42",
    ),
    (
        "match-share-one",
        changed(r"^match_share = [\d.]+", "match_share = 1.0"),
        "streams[0].match_share: got 1; it must be below 1",
    ),
    (
        "all-weights-zero",
        changed(rf"^({WEIGHTS}) = [\d.]+$", r"\1 = 0", every=True),
        "scoring: every weight is 0, so no play could score",
    ),
    (
        "duplicate-party",
        changed(r'^parties = \["([\w-]+)"', r'parties = ["\1", "\1"'),
        "tensions[0].parties[1]: 'freight-assoc' is already a party (at [0])",
    ),
    (
        "threshold-on-majority",
        changed(
            r'decision = \{ rule = "majority" \}',
            'decision = { rule = "majority", threshold = 0.6 }',
        ),
        "decision.threshold: only a supermajority has a threshold; majority ignores it",
    ),
    (
        "issue-without-points",
        changed(r"^points\.governance .*\n", ""),
        "organizations[0].points: no points for issue(s) governance: give every option",
    ),
    (
        "match-from-a-grant",
        changed(r"^match_from = \[[^\]]*\]", 'match_from = ["state-diesel-fund"]'),
        "streams[0].match_from[0]: 'state-diesel-fund' is a grant: a grant's match comes "
        "from money the partners bring",
    ),
]


@pytest.mark.parametrize(("text", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_value_play_cannot_mean_is_a_located_error(text: str, says: str) -> None:
    errors = errors_of(text)
    assert any(says in error for error in errors), errors
    assert all(re.match(r"^f\.toml:\d+:\d+: ", e) for e in errors)


def test_a_share_written_as_a_percentage_gets_the_hint() -> None:
    text = changed(r"^match_share = [\d.]+", "match_share = 20")
    [error] = errors_of(text)
    assert error.endswith("streams[0].match_share: got 20; a share is at most 1: write 0.2 for 20%")


def test_the_organization_limit_is_a_located_error() -> None:
    org = re.search(r"^\[\[organizations\]\]\n(?:(?!^\[\[).*\n)*", FLAGSHIP, re.M)
    assert org is not None
    extra = "".join(
        re.sub(r'^id = "[\w-]+"', f'id = "extra-{n}"', org.group(), count=1, flags=re.M)
        for n in range(MAX_ORGANIZATIONS)
    )
    text = FLAGSHIP.replace(org.group(), org.group() + extra, 1)
    errors = errors_of(text)
    assert any(
        f"organizations: {48 + MAX_ORGANIZATIONS} entries; the game handles at most "
        f"{MAX_ORGANIZATIONS}" in e
        for e in errors
    ), errors[:3]


def test_scoring_defaults_in_the_checks_are_the_models() -> None:
    assert {name: field.default for name, field in Scoring.model_fields.items()} == (
        SCORING_DEFAULTS
    )


def test_a_new_issue_nobody_scores_is_one_error_at_the_issue() -> None:
    issue = '[[issues]]\nid = "parking"\nkind = "custom"\nname = "Parking"\n'
    issue += 'options = [{ id = "meters", label = "Meters" }, { id = "free", label = "Free" }]\n\n'
    text = FLAGSHIP.replace("\n[[issues]]\n", f"\n{issue}[[issues]]\n", 1)
    [error] = errors_of(text)
    line = text[: text.index('id = "parking"')].count("\n")  # the [[issues]] header's line
    assert error == (
        f"f.toml:{line}:1: issues[0]: no organization gives points for issue 'parking': add "
        "points.parking to every organization (0 for an option it does not care about)"
    )


def test_the_format_version_is_a_number_not_true() -> None:
    # Found by fuzzing: Literal[1] accepted `format = true`, since true == 1 in Python.
    text = changed(r"^format = 1$", "format = true")
    [error] = errors_of(text)
    assert error.endswith("format: got true; the format version is the number 1")
