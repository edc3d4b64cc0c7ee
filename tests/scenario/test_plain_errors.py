"""Errors a facilitator can act on: plain words, the place to fix, no follow-on noise."""

from __future__ import annotations

import pytest

from sim.scenario import ScenarioInvalid, parse_scenario
from tests.conftest import SCENARIOS

FLAGSHIP = (SCENARIOS / "clean-air-compact.toml").read_text(encoding="utf-8")


def errors_of(data: str | bytes) -> list[str]:
    with pytest.raises(ScenarioInvalid) as caught:
        parse_scenario(data, "s.toml")
    return [str(e) for e in caught.value.errors]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("bad", "where", "says"),
    [
        # The cryptic tomllib messages the issue quotes, and what each now says.
        ('name = "Funding', (None, 8), "this string is not closed: end it with a quote"),
        ("budget = 1,200,000", (None, 10), "numbers cannot contain commas: write 1_200_000"),
        ("budget = 2026-13-45", (None, 10), "2026-13-45 is not a valid date (month must be"),
        ("budget = 0,5", (None, 10), "decimals take a point, not a comma: write 0.5"),
        ("budget = 20%", (None, 10), "write a share as a fraction, not a percentage: 0.2"),
        ("budget = $500", (None, 10), "write money as a plain number, without $: 500"),
        ("budget = yes", (None, 10), "'yes' is not a TOML value: booleans are written true"),
        ("budget = hello", (None, 10), 'text must be in quotes: write "hello"'),
        ("budget = 1 time = 2", (None, 12), "put each `key = value` on a line of its own"),
        ("budget =", (None, 9), "a value is missing after ="),
        ("budget 5", (None, 8), "a key must be followed by = and a value"),
        ('name = "C:\\path"', (None, 11), "a backslash starts an escape inside"),
    ],
)
def test_toml_syntax_in_plain_words(
    starter: str, bad: str, where: tuple[None, int], says: str
) -> None:
    original = 'name = "Funding"' if bad.startswith("name") else "budget = 50_000"
    assert original in starter
    text = starter.replace(original, bad, 1)
    line = line_of(text, bad)
    [error] = errors_of(text)
    assert error.startswith(f"s.toml:{line}:{where[1]}: (toml): {says}"), error
    assert "TOML syntax" not in error and "Expected" not in error


def test_a_key_set_twice(starter: str) -> None:
    text = starter.replace("budget = 50_000", "budget = 50_000\nbudget = 60_000", 1)
    line = line_of(text, "budget = 60_000")
    [error] = errors_of(text)
    assert error.startswith(f"s.toml:{line}:")
    assert "'budget' is set twice in the same table: each key appears once" in error


def test_a_table_declared_twice(starter: str) -> None:
    text = starter.replace("[timeline]", "[timeline]\nyears = 2\n[timeline]", 1)
    [error] = errors_of(text)
    assert "[timeline] is declared twice: a table is declared once" in error


def test_an_array_never_closed_points_at_its_opening(starter: str) -> None:
    text = starter.rstrip("\n") + "\nextra = [1,\n  2,\n"
    line = line_of(text, "extra = [1,")
    [error] = errors_of(text)
    assert error == f"s.toml:{line}:9: (toml): this array [ is never closed: add the ] that ends it"


def test_deep_nesting_is_reported_where_it_happens() -> None:
    text = "format = 1\n\nx = " + "[" * 3000 + "]" * 3000 + "\n"
    [error] = errors_of(text)
    assert error.startswith("s.toml:3:69: (toml): arrays and inline tables are nested more than 64")


def test_a_date_where_text_belongs_says_to_quote_it(starter: str) -> None:
    text = starter.replace('title = "Demo"', "title = 2026-06-01", 1)
    errors = errors_of(text)
    assert any(
        "scenario.title: input should be a valid string, got a date 2026-06-01 (put it in "
        'quotes, "2026-06-01", for text)' in e
        for e in errors
    ), errors


def test_a_byte_order_mark_is_refused_clearly(starter: str) -> None:
    assert errors_of(b"\xef\xbb\xbf" + starter.encode()) == [
        "s.toml:1:1: (document): the file starts with a byte-order mark (BOM), which TOML "
        "editors such as taplo reject: save it as UTF-8 without a BOM"
    ]


def test_an_unknown_id_gets_a_did_you_mean(starter: str) -> None:
    text = starter.replace('parties = ["city", "neighbors"]', 'parties = ["city", "neigbors"]')
    [error] = errors_of(text)
    assert error.endswith(
        "tensions[0].parties[1]: unknown organization 'neigbors' (did you mean 'neighbors'?)"
    )


def test_an_unknown_id_far_from_all_lists_every_known_id() -> None:
    text = FLAGSHIP.replace('parties = ["freight-assoc"', 'parties = ["zzz"', 1)
    errors = [e for e in errors_of(text) if "unknown organization 'zzz'" in e]
    assert len(errors) == 1
    known = errors[0].split("(known: ", 1)[1].rstrip(")").split(", ")
    assert len(known) == 48 and "port-authority" in known


def test_a_singular_table_header_is_one_error(starter: str) -> None:
    text = starter.replace("[[organizations]]", "[[organization]]")
    line = line_of(text, "[[organization]]")
    assert errors_of(text) == [
        f"s.toml:{line}:1: organization: unknown key 'organization' (did you mean 'organizations'?)"
    ]


def test_a_missing_required_table_suppresses_references_into_it(starter: str) -> None:
    start = starter.index("[[organizations]]")
    end = starter.index("[[tensions]]")
    errors = errors_of(starter[:start] + starter[end:])
    assert errors == ["s.toml:1:1: organizations: required field is missing"]


@pytest.mark.parametrize("bad", ["id = [1, 2]", 'identifier = "accountability"'])
def test_an_entry_without_a_usable_id_is_one_error_not_one_per_reference(bad: str) -> None:
    # Found by fuzzing: every organization's points then named an "unknown issue".
    text = FLAGSHIP.replace('id = "accountability"', bad, 1)
    errors = errors_of(text)
    assert 1 <= len(errors) <= 2, errors  # the id, and a misspelled key that replaced it
    assert all(e.split(": ")[1].startswith("issues[5].") for e in errors), errors
