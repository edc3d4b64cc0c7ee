"""Each kind of scenario error is reported at its exact line, column and path."""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioInvalid, parse_scenario


def errors_of(text: str) -> list[str]:
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(text, "s.toml")
    return [str(e) for e in caught.value.errors]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_starter_is_valid(starter: str) -> None:
    scenario = parse_scenario(starter, "s.toml")
    assert scenario.scenario.id == "demo"
    assert len(scenario.organizations) == 4


def test_toml_syntax_error_is_at_the_string_that_is_not_closed(starter: str) -> None:
    text = starter.replace('name = "Funding"', 'name = "Funding', 1)
    line = line_of(text, 'name = "Funding')
    col = text.splitlines()[line - 1].index('"Funding') + 1
    [error] = errors_of(text)
    assert error.startswith(f"s.toml:{line}:{col}: (toml): this string is not closed: ")


def test_wrong_type_points_at_the_key(starter: str) -> None:
    text = starter.replace("cost_per_unit = 30_000", 'cost_per_unit = "a lot"')
    line = line_of(text, 'cost_per_unit = "a lot"')
    assert errors_of(text) == [
        f"s.toml:{line}:1: projects[0].cost_per_unit: input should be a valid number, "
        "got a string 'a lot'"
    ]


def test_missing_field_points_at_its_table(starter: str) -> None:
    text = starter.replace(
        'source = "docs/sources.md#cost-effectiveness: Carl Moyer about $3,000 per ton NOx"\n', ""
    )
    header = line_of(text, "[[projects]]")
    assert errors_of(text) == [f"s.toml:{header}:1: projects[0].source: required field is missing"]


def test_unknown_key_suggests_the_near_one(starter: str) -> None:
    text = starter.replace("uncertainty = 0.15", "uncertainity = 0.15")
    line = line_of(text, "uncertainity")
    assert errors_of(text) == [
        f"s.toml:{line}:1: projects[0].uncertainity: unknown key 'uncertainity' "
        "(did you mean 'uncertainty'?)"
    ]


def test_a_misspelled_required_key_is_one_error_not_two(starter: str) -> None:
    # The missing `max_units` is the misspelling's follow-on: saying it twice hides the fix.
    text = starter.replace("max_units = 40", "max_unit = 40")
    line = line_of(text, "max_unit = 40")
    assert errors_of(text) == [
        f"s.toml:{line}:1: projects[0].max_unit: unknown key 'max_unit' (did you mean 'max_units'?)",
    ]


def test_unknown_key_inside_inline_table_has_its_column(starter: str) -> None:
    text = starter.replace(
        '{ effect = "urgency", amount = 0.2 }', '{ effect = "urgency", amount = 0.2, amont = 1 }'
    )
    line = line_of(text, "amont")
    col = text.splitlines()[line - 1].index("amont") + 1
    [error] = errors_of(text)
    assert error.startswith(f"s.toml:{line}:{col}: events[0].effects[0].amont: unknown key")


def test_duplicate_id(starter: str) -> None:
    text = starter.replace('id = "county"', 'id = "city"')
    line = line_of(text, 'name = "County Commission"') - 1
    assert (
        f"s.toml:{line}:1: organizations[1].id: duplicate organization id 'city' (first at [0])"
        in errors_of(text)
    )


def test_unknown_reference_to_an_organization(starter: str) -> None:
    text = starter.replace('parties = ["city", "neighbors"]', 'parties = ["city", "neigbors"]')
    line = line_of(text, "neigbors")
    col = text.splitlines()[line - 1].index('"neigbors"') + 1
    [error] = errors_of(text)
    assert error.startswith(
        f"s.toml:{line}:{col}: tensions[0].parties[1]: unknown organization 'neigbors'"
    )


@pytest.mark.parametrize(
    ("old", "new", "needle", "path", "message"),
    [
        (
            'eligible = ["retrofit"]',
            'eligible = ["retrofits"]',
            '"retrofits"',
            "streams[0].eligible[0]",
            "unknown project 'retrofits'",
        ),
        (
            'match_from = ["local-pool"]',
            'match_from = ["pool"]',
            '"pool"',
            "streams[0].match_from[0]",
            "unknown stream 'pool'",
        ),
        (
            'interests = ["funding"]\nstreams',
            'interests = ["money"]\nstreams',
            '"money"',
            "organizations[2].interests[0]",
            "unknown interest 'money'",
        ),
        (
            "rule = { consensus = 5, majority = 15 }",
            "rule = { consensus = 5, vote = 15 }",
            "vote = 15",
            "organizations[0].points.rule.vote",
            "unknown option of issue 'rule' 'vote'",
        ),
        (
            "points = { governance = { shared = 15, lead = 5 }",
            "points = { governence = { shared = 15, lead = 5 }",
            "governence",
            "organizations[1].points.governence",
            "unknown issue 'governence'",
        ),
    ],
)
def test_unknown_references(
    starter: str, old: str, new: str, needle: str, path: str, message: str
) -> None:
    assert old in starter
    text = starter.replace(old, new, 1)
    line = line_of(text, needle)
    col = text.splitlines()[line - 1].index(needle) + 1
    errors = errors_of(text)
    expected = f"s.toml:{line}:{col}: {path}: {message}"
    assert any(e.startswith(expected) for e in errors), errors


def test_points_must_cover_every_option(starter: str) -> None:
    text = starter.replace("rule = { consensus = 5, majority = 15 }", "rule = { consensus = 5 }")
    line = line_of(text, "rule = { consensus = 5 }")
    col = text.splitlines()[line - 1].index("rule = {") + 1
    assert errors_of(text) == [
        f"s.toml:{line}:{col}: organizations[0].points.rule: "
        "no points for option(s) majority of issue 'rule'"
    ]


def test_number_out_of_range(starter: str) -> None:
    text = starter.replace("heat = 0.6", "heat = 1.6")
    line = line_of(text, "heat = 1.6")
    assert errors_of(text) == [f"s.toml:{line}:1: tensions[0].heat: got 1.6; it must be at most 1"]


def test_bad_union_tag_points_at_the_tag(starter: str) -> None:
    text = starter.replace('kind = "pooled"', 'kind = "pool"')
    line = line_of(text, 'kind = "pool"')
    [error] = errors_of(text)
    assert error.startswith(f"s.toml:{line}:1: streams[1].kind: unknown kind 'pool'")


def test_field_of_a_union_member_is_checked_against_that_member(starter: str) -> None:
    text = starter.replace("match_share = 0.2", "match_share = 0.2\nmatch_shar = 3")
    line = line_of(text, "match_shar = 3")
    [error] = errors_of(text)
    assert (
        error
        == f"s.toml:{line}:1: streams[0].match_shar: unknown key 'match_shar' (did you mean 'match_share'?)"
    )


def test_all_errors_in_one_run(starter: str) -> None:
    text = (
        starter.replace("heat = 0.6", "heat = 7")
        .replace('kind = "pooled"', 'kind = "pool"')
        .replace('parties = ["city", "neighbors"]', 'parties = ["city", "nobody"]')
        .replace("max_units = 40", "max_units = -1")
    )
    errors = errors_of(text)
    assert len(errors) == 4
    assert errors == sorted(errors, key=lambda e: int(e.split(":")[1]))


def test_event_in_a_year_the_game_does_not_have(starter: str) -> None:
    text = starter.replace("year = 2, round = 1", "year = 5, round = 1")
    line = line_of(text, "year = 5")
    [error] = errors_of(text)
    col = text.splitlines()[line - 1].index("year = 5") + 1
    assert (
        error == f"s.toml:{line}:{col}: events[0].trigger.year: year 5 is after the last year (2)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "s.toml:1:1: (document): the file is empty"),
        (b"   \n\n", "s.toml:1:1: (document): the file is empty"),
        (
            b"a = 1\n\xff\xfe\x00garbage",
            "s.toml:2:1: (document): not UTF-8 text (is this a binary file?)",
        ),
        (
            b"a = " + b"[" * 5000 + b"]" * 5000,
            "s.toml:1:69: (toml): arrays and inline tables are nested more than 64 deep here; "
            "a scenario needs three at most",
        ),
    ],
)
def test_hopeless_input_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(data, "s.toml")
    assert [str(e) for e in caught.value.errors] == [message]


def test_empty_document_lists_required_tables() -> None:
    errors = errors_of("# nothing here\nformat = 1\n")
    assert "s.toml:1:1: scenario: required field is missing" in errors
    assert "s.toml:1:1: organizations: required field is missing" in errors
