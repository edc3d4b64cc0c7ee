"""The one definition of "parses as tomllib does": same values, same types, same order.

`==` alone would miss what matters here: a float where tomllib gives an int, a tzinfo of
another class, keys in another order (a checksum is over the sorted keys, but a rewrite
writes them back in the order read), NaN (never equal to itself).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sim.scenario import fasttoml


def typed(value: Any) -> Any:
    """A value as plain comparable data that keeps every type tomllib's result has."""
    if isinstance(value, dict):
        return ("table", [(key, typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [typed(item) for item in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    if isinstance(value, datetime):
        zone = None if value.tzinfo is None else (type(value.tzinfo), value.utcoffset())
        return ("datetime", value.replace(tzinfo=None).isoformat(), zone)
    if isinstance(value, date | time):
        return (type(value).__name__, value.isoformat())
    return (type(value).__name__, value)


def check(text: str, loads: Callable[[str], dict[str, Any]] = fasttoml.loads) -> dict[str, Any]:
    """fasttoml's result for `text`, after asserting it is exactly tomllib's (or both fail).

    `loads` is fasttoml's own, bound when this module loads, so the suite-wide shadow
    check in tests/conftest.py can put this function in its place.
    """
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as reference:
        try:
            loads(text)
        except tomllib.TOMLDecodeError as error:
            assert str(error) == str(reference), "a different error than tomllib's"
            raise
        raise AssertionError(f"fasttoml accepted what tomllib rejects: {reference}") from None
    got = loads(text)
    assert typed(got) == typed(expected), f"fasttoml differs from tomllib on:\n{text[:400]}"
    return got
