"""The compiled TOML reader reads what saves hold exactly as tomllib does.

Generated entries and headers, written by the save layout's own writers (tomli-w for
every scalar), with the strings, numbers and datetimes a scenario or an action can hold;
the test suite's conftest also checks every save any test reads (`toml_parity.check`).
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.record.layout import OPENER, _key, _value
from sim.scenario import fasttoml
from tests.conftest import SCENARIOS
from tests.record import toml_parity
from tests.record.helpers import autoplay_save

PRINTABLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
KEYS = st.text(min_size=1, max_size=12) | st.text(PRINTABLE, min_size=1, max_size=12)
SCALARS = st.one_of(
    st.text(max_size=40),  # any Unicode, control characters and quotes included
    st.text(PRINTABLE, max_size=40),  # what rtoml is given: quotes and backslashes too
    st.integers(min_value=-(2**70), max_value=2**70),  # beyond 64 bits too
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
        ),
    ),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.dates(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
# What an entry holds: ASCII keys and strings, numbers, offset datetimes; rtoml reads most.
ASCII_KEYS = st.text(PRINTABLE, min_size=1, max_size=12)
ASCII_VALUES = st.recursive(
    st.one_of(
        st.text(PRINTABLE, max_size=40),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.datetimes(
            min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
        ),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ASCII_KEYS, inner, max_size=4),
    max_leaves=12,
)


def entry_like(fields: dict[str, object]) -> str:
    """Lines as `layout.entry_text` writes an entry: one `key = value` per field."""
    return "\n".join(f"{_key(k)} = {_value(v)}" for k, v in fields.items()) + "\n"


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=8))
def test_entries_parse_as_tomllib_parses_them(fields: dict[str, object]) -> None:
    toml_parity.check(entry_like(fields))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(ASCII_KEYS, ASCII_VALUES, min_size=1, max_size=8))
def test_ascii_entries_parse_as_tomllib_parses_them(fields: dict[str, object]) -> None:
    """The entries rtoml is given: plain ASCII, as an action's ids and words are."""
    toml_parity.check(entry_like(fields))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_headers_parse_as_tomllib_parses_them(doc: dict[str, object]) -> None:
    """Headers are written by tomli-w whole: tables, arrays of tables, long strings."""
    toml_parity.check(tomli_w.dumps(doc))


@pytest.mark.parametrize(
    "text",
    [
        'a = "unterminated\n',
        "a = 1,200,000\n",
        "a = 2026-13-45\n",
        "a = 1\na = 2\n",
        "[t]\nx = 1\n[t]\ny = 2\n",
        "a = { b = 1, }\n",
        "a = 99999999999999999999999\n",  # tomllib reads it; rtoml cannot hold it
        "a = 12:34\n",  # TOML 1.1 only, like the rest below
        'a = "\\e"\n',
        'a = "\\x41"\n',
        "a = { b = 1,\n c = 2 }\n",
        "a = 1979-05-27T07:32\n",
        "a = 1979-05-27 07:32Z\n",
        "a = [12:34, 01:02]\n",
        "a = { t = 12:34 }\n",
        'a = "bell\x07"\n',
        "a = 1\rb = 2\n",
        "é = 1\n",
    ],
)
def test_errors_are_tomllibs(text: str) -> None:
    """What tomllib rejects, fasttoml rejects with tomllib's own message."""
    try:
        expected: object = tomllib.loads(text)
    except tomllib.TOMLDecodeError as reference:
        with pytest.raises(tomllib.TOMLDecodeError) as raised:
            fasttoml.loads(text)
        assert str(raised.value) == str(reference)
        return
    assert toml_parity.typed(fasttoml.loads(text)) == toml_parity.typed(expected)


def test_what_saves_hold_takes_the_fast_path(tmp_path: Path) -> None:
    """Every entry of a real save goes to rtoml (or nothing here is faster than tomllib)."""
    if not fasttoml.fast("a = 1\n"):
        pytest.skip("rtoml is not installed")
    data = autoplay_save(tmp_path).read_bytes()
    body = data[data.index(OPENER) :].decode("utf-8")
    entries = body.split("\n[[actions]]\n")[1:]
    assert entries and all(fasttoml.fast(chunk) for chunk in entries)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_scenarios_take_the_fast_path_and_read_as_tomllib_reads_them(path: Path) -> None:
    """Whatever names and dashes a scenario's strings hold, its keys are plain: rtoml reads it."""
    if not fasttoml.fast("a = 1\n"):
        pytest.skip("rtoml is not installed")
    text = path.read_text("utf-8")
    assert fasttoml.fast(text)
    toml_parity.check(text, fasttoml.rtoml_first)


@pytest.mark.parametrize(
    "text", ['"é" = "café"\n', '[t]\n"clé" = 1\n', 'a = [{ "ñ" = 1 }]\n', "é = 1 # café\n"]
)
def test_a_key_beyond_ascii_is_read_by_tomllib(text: str) -> None:
    """Quoted, it is legal TOML 1.0 and reads the same; bare, tomllib's error stands."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as reference:
        with pytest.raises(tomllib.TOMLDecodeError, match=re.escape(str(reference))):
            fasttoml.rtoml_first(text)
        return
    assert toml_parity.typed(fasttoml.rtoml_first(text)) == toml_parity.typed(expected)


def test_offset_datetimes_get_tomllibs_timezones() -> None:
    got = fasttoml.loads("a = 2026-01-02 03:04:05.5+00:00\nb = 2026-01-02T03:04:05-08:00\n")
    assert got["a"].tzinfo is UTC
    assert type(got["b"].tzinfo) is timezone and got["b"].utcoffset() == timedelta(hours=-8)
