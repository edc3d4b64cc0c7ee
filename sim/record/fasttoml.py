"""Reading a save's TOML quickly, with exactly the results and errors of `tomllib`.

A 10,000-action save is 10,001 small TOML documents; pure-Python `tomllib` spends most of
a save's loading time parsing them. `rtoml` (compiled) parses the same text several times
faster. `tomllib` stays the reference:

- rtoml reads TOML 1.1, which allows a few things 1.0 (and tomllib) does not: a trailing
  comma or a line break in an inline table, the \\e and \\x escapes, a time without
  seconds, Unicode in bare keys. Text that could hold any of them (`_TOML_1_1`, a
  coarse test: anything not plain printable ASCII counts) goes to tomllib; what tomli-w
  writes for an entry never does. The test can be fooled only by hand-written text (an
  inline table broken over lines after a "}" in a string), and then what is read is
  still what the text says, which the entry's checksum covers.
- Whatever rtoml rejects is parsed again by tomllib, which raises its own error (so every
  message stays tomllib's) or returns its own result.
- rtoml's offset datetimes carry its own tzinfo class; they get the `datetime.timezone`
  tomllib gives.

`tests/record/test_fasttoml.py` checks the two agree on generated entries, headers and
malformed text, and the test suite's conftest checks every save any test reads. Without
rtoml installed, this is tomllib.
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime, timezone
from typing import Any

try:
    import rtoml
except ImportError:  # a platform without its wheel: the reference parser alone
    rtoml = None

TOMLDecodeError = tomllib.TOMLDecodeError
# Text rtoml might read although TOML 1.0 forbids it (false alarms only cost speed): a
# trailing comma or a line break in an inline table, \e or \x, an hh:mm time (after what
# can stand before a value or a date's time, so not an offset such as +00:00), a control
# character other than tab and a CR before LF, and anything beyond ASCII. One pattern for
# each: alternatives in one pattern are tried at every position, several times slower.
_TOML_1_1 = tuple(
    re.compile(pattern)
    for pattern in (
        r",\s*\}",
        r"\{[^}\n]*\n",
        r"\\[ex]",
        r"[\s=\[,{Tt]\d\d:\d\d(?!:\d)",
        r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
        r"\r(?!\n)",
    )
)


def loads(text: str) -> dict[str, Any]:
    """Parse a TOML document as `tomllib.loads` does (raising its TOMLDecodeError)."""
    if not fast(text):
        return tomllib.loads(text)
    try:
        parsed = rtoml.loads(text)
    except Exception:  # rtoml's own errors, or a value it cannot hold (an int beyond 64 bits)
        return tomllib.loads(text)
    return _as_tomllib(parsed)


def fast(text: str) -> bool:
    """Whether `loads` gives this text to rtoml (tests check saves' entries all go there)."""
    return (
        rtoml is not None
        and text.isascii()
        and not any(pattern.search(text) for pattern in _TOML_1_1)
    )


def _as_tomllib(doc: dict[str, Any]) -> dict[str, Any]:
    """rtoml's values with tomllib's types: offset datetimes get a `datetime.timezone`.

    Changed in place, a table at a time; no recursion, since this runs for every entry.
    """
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        for key, item in node.items() if type(node) is dict else enumerate(node):
            kind = type(item)
            if kind is dict or kind is list:
                stack.append(item)
            elif kind is datetime and item.tzinfo is not None:
                # A zero offset gives timezone.utc, as tomllib's does.
                node[key] = item.replace(tzinfo=timezone(item.utcoffset()))
    return doc
