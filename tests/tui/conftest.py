"""TUI fixtures: committed fixture scenarios, frozen cursors, and screen-text helpers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

from sim.scenario.load import load_scenario
from sim.scenario.models import Scenario
from sim.tui.app import CURSOR_BLINK_ENV

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CATALOG = FIXTURES / "catalog"
BIG = CATALOG / "big-table.toml"
DEMO = CATALOG / "demo.toml"
BROKEN = CATALOG / "broken.toml"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def frozen_cursor(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text cursors do not blink in tests, so a snapshot never catches one mid-blink
    (the app's documented SIM_CURSOR_BLINK switch)."""
    monkeypatch.setenv(CURSOR_BLINK_ENV, "0")
    yield


@pytest.fixture
def catalog() -> Path:
    """The committed fixture folder: a 48-organization scenario, the starter, a broken file."""
    return CATALOG


@pytest.fixture(scope="session")
def big() -> Scenario:
    return load_scenario(BIG)


def screen_text(app: App[object]) -> str:
    """The visible screen as plain text, read from the same SVG a snapshot stores."""
    svg = app.export_screenshot()
    svg = re.sub(r"<style.*?</style>", "", svg, flags=re.DOTALL)
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return html.unescape("".join(lines)).replace("\xa0", " ")


async def shown(pilot: object, *texts: str, tries: int = 50) -> str:
    """The screen's text once it holds every one of `texts` (a frame can lag a key press);
    the last text read, when it never does, for the caller's assert to show."""
    app = pilot.app  # type: ignore[attr-defined]
    text = screen_text(app)
    for _ in range(tries):
        if all(t in text for t in texts):
            break
        await pilot.pause()  # type: ignore[attr-defined]
        text = screen_text(app)
    return text
