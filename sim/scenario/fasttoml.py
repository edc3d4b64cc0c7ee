"""Reading TOML quickly, with exactly the results and errors of `tomllib`.

A 10,000-action save is 10,001 small TOML documents, and the flagship scenario is 157 KB;
pure-Python `tomllib` spends most of their loading time parsing them. `rtoml` (compiled)
parses the same text several times faster. `tomllib` stays the reference:

- rtoml reads TOML 1.1, which allows a few things 1.0 (and tomllib) does not: a trailing
  comma or a line break in an inline table, the \\e and \\x escapes, a time without
  seconds, Unicode in bare keys; and rtoml keeps a CRLF inside a multi-line string,
  where tomllib gives LF. Text that could hold any of the first four, or any CR
  (`_TOML_1_1`, a coarse test) goes to tomllib; what tomli-w writes for an entry never
  does. Text beyond ASCII (a scenario's names and dashes) is read by rtoml, and given
  to tomllib after all when any key read is beyond ASCII, since that key may have been
  bare. The test can be fooled only by hand-written text (an inline table broken over
  lines after a "}" in a string), and then what is read is still what the text says,
  which an entry's checksum covers and a scenario's validation reads.
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
# can stand before a value or a date's time, so not an offset such as +00:00), and a control
# character other than tab, and any CR: rtoml keeps a CRLF inside a multi-line string,
# tomllib reads it as LF (Unicode bare keys are checked after parsing).
# One pattern for each: alternatives in one pattern are tried at every position, several
# times slower.
_TOML_1_1 = tuple(
    re.compile(pattern)
    for pattern in (
        r",\s*\}",
        r"\{[^}\n]*\n",
        r"\\[ex]",
        r"[\s=\[,{Tt]\d\d:\d\d(?!:\d)",
        r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
        r"\r",
    )
)


def loads(text: str) -> dict[str, Any]:
    """Parse a TOML document as `tomllib.loads` does (raising its TOMLDecodeError)."""
    return rtoml_first(text)


def rtoml_first(text: str) -> dict[str, Any]:
    """`loads` itself, under a name the tests' suite-wide parity check does not replace."""
    if not fast(text):
        return tomllib.loads(text)
    try:
        parsed = rtoml.loads(text)
    except Exception:  # rtoml's own errors, or a value it cannot hold (an int beyond 64 bits)
        return tomllib.loads(text)
    if not text.isascii() and not _ascii_keys(parsed):
        return tomllib.loads(text)
    return _as_tomllib(parsed)


def fast(text: str) -> bool:
    """Whether `loads` gives this text to rtoml first (tests check saves' entries and the
    shipped scenarios all go there)."""
    return rtoml is not None and not any(pattern.search(text) for pattern in _TOML_1_1)


def _ascii_keys(doc: dict[str, Any]) -> bool:
    """Whether every key in a parsed document is plain ASCII (so none was a Unicode bare
    key, which TOML 1.0 forbids)."""
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            if not all(key.isascii() for key in node):
                return False
            stack.extend(item for item in node.values() if type(item) in (dict, list))
        else:
            stack.extend(item for item in node if type(item) in (dict, list))
    return True


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
