"""The pure parts of the TUI: public text, roster filtering and column fitting."""

from __future__ import annotations

from sim.play.public import (
    briefing_markdown,
    money,
    number,
    roster_rows,
    sectors_present,
    tensions_markdown,
    timeline_text,
)
from sim.scenario.models import Scenario
from sim.tui.common.fit import fit, fit_widths
from sim.tui.home.roster import ALL, filter_rows, layout
from tests.tui.fixtures.make_fixtures import SECRET


def test_briefing_has_the_public_facts(big: Scenario) -> None:
    text = briefing_markdown(big)
    assert "Harbor City region" in text
    assert "about 90 minutes" in text
    assert "3 years × 4 rounds a year (12 rounds)" in text
    assert "candidate targets 20 · 35 · 50" in text
    assert "grant of $1,000,000, needs a 20% local match" in text
    assert "The Harbor City region fails the federal ozone standard." in text


def test_tensions_and_issues_list_titles_and_option_labels(big: Scenario) -> None:
    text = tensions_markdown(big)
    for tension in big.tensions:
        assert tension.title in text
    for issue in big.issues:
        assert issue.name in text
        for option in issue.options:
            assert option.label in text


def test_public_text_never_carries_confidential_fields(big: Scenario) -> None:
    public = briefing_markdown(big) + tensions_markdown(big) + repr(roster_rows(big))
    assert SECRET not in public
    assert big.convener.brief not in public
    for word in ("batna", "personality", "points", "hard_bargainer", "spoiler"):
        assert word not in public.lower()


def test_sectors_come_in_the_format_order(big: Scenario) -> None:
    assert sectors_present(big) == [
        "public",
        "private",
        "nonprofit",
        "philanthropic",
        "labor",
        "community",
        "academic",
    ]


def test_numbers_read_the_way_people_write_them(big: Scenario) -> None:
    assert money(1_000_000) == "$1,000,000"
    assert number(400.0) == "400"
    assert number(12.5) == "12.5"
    assert timeline_text(big.timeline).endswith("with a midpoint review")


def test_filters_combine(big: Scenario) -> None:
    rows = roster_rows(big)
    assert len(filter_rows(rows)) == 48
    public = filter_rows(rows, sector="public")
    assert public and all(row.sector == "public" for row in public)
    voice = filter_rows(rows, interest="community-voice")
    assert voice and all("community-voice" in row.interests for row in voice)
    both = filter_rows(rows, sector="public", interest="community-voice")
    assert {row.id for row in both} == {row.id for row in public} & {row.id for row in voice}
    named = filter_rows(rows, ALL, ALL, "  COUNTY ")
    assert {row.id for row in named} == {"county", "north-county", "south-county", "health-dept"}
    assert filter_rows(rows, text="no such organization") == []


def test_columns_fit_an_80_column_screen(big: Scenario) -> None:
    rows = roster_rows(big)
    narrow = layout(rows, 80)
    assert [c.key for c in narrow] == ["name", "sector", "interests", "money"]
    assert sum(c.width + 2 for c in narrow) <= 80 - 2
    wide = layout(rows, 120)
    assert [c.key for c in wide] == ["short", "name", "sector", "interests", "money"]
    assert sum(c.width + 2 for c in wide) <= 120 - 2


def test_fit_widths_shrinks_the_widest_first() -> None:
    assert fit_widths([10, 30, 5], [4, 8, 5], 100) == [10, 30, 5]
    assert fit_widths([10, 30, 5], [4, 8, 5], 2 * 3 + 35) == [10, 20, 5]
    assert fit_widths([10, 30, 5], [4, 8, 5], 0) == [4, 8, 5]
    assert fit("Community Health Foundation", 10).plain == "Community…"
    assert fit("48", 4, justify="right").plain == "  48"
