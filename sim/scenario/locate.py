"""Find where every key path of a TOML document is written in its source text.

Neither :mod:`tomllib` nor pydantic reports the position of a value, so this module scans the
TOML text once and records, for every path into the parsed document, the 1-based line and
column of the key (or array element, or table header) that defines it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import suppress
from itertools import accumulate

Path = tuple[str | int, ...]

# Blank space, newlines and comments between statements or array elements.
_SKIP = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
# Whatever may follow a complete statement on its line.
_EOL = re.compile(r"[ \t\r]*+(?:#[^\n]*+)?(?:\n|\Z)")
# One key segment (bare, "basic" or 'literal') with the blanks around it.
_KEY = re.compile(
    r"[ \t]*+(?:([A-Za-z0-9_-]++)"
    r"|\"([^\"\\\n]*+(?:\\.[^\"\\\n]*+)*+)\""
    r"|'([^'\n]*+)')[ \t]*+"
)
_EQUALS = re.compile(r"=[ \t]*+")
_SIMPLE_KEY = re.compile(r"([A-Za-z0-9_-]++)[ \t]*+=[ \t]*+")
_BASIC = re.compile(r"\"[^\"\\\n]*+(?:\\.[^\"\\\n]*+)*+\"")
_LITERAL = re.compile(r"'[^'\n]*+'")
# Content may hold escapes and runs of one or two quotes; the closing run may be 3 to 5 quotes
# because up to two quotes right before the delimiter still belong to the string.
_ML_BASIC = re.compile(r'"""(?:[^"\\]++|\\[\s\S]|"{1,2}+(?!"))*+"{3,5}')
# Numbers, booleans, inf/nan and dates; a date-time may use a space instead of the "T".
_SCALAR = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?"
    r"|[A-Za-z0-9_.:+-]++"
)
# `\e` and `\xHH` are TOML 1.1 additions, accepted by newer tomllib versions.
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "e": "\x1b",
}


class _Confused(Exception):
    """Raised when the text stops making sense, so the scan ends with what it has so far."""


def _unescape_match(match: re.Match[str]) -> str:
    """Decode one escape sequence so quoted keys compare equal to the keys tomllib returns."""
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        value = int(code, 16)
        return chr(value) if value <= 0x10FFFF else match.group(0)
    char = match.group(4)
    return _SIMPLE_ESCAPES.get(char, match.group(0))


def _unescape(raw: str) -> str:
    """Turn the body of a basic-string key into the key string tomllib would produce."""
    return _ESCAPE.sub(_unescape_match, raw) if "\\" in raw else raw


class _Scanner:
    """Hold the state of one pass over the text so the recursive helpers can share it."""

    __slots__ = ("arrays", "found", "text")

    def __init__(self, text: str, found: dict[Path, int]) -> None:
        """Prepare a scan of `text` that records character offsets into `found`."""
        self.text = text
        self.found = found
        # Number of [[header]] elements seen so far for each array-of-tables path.
        self.arrays: dict[Path, int] = {}

    def run(self) -> None:
        """Walk the top-level statements (headers and key/value pairs) until the end of text."""
        text = self.text
        end = len(text)
        skip = _SKIP.match
        eol = _EOL.match
        table: Path = ()
        pos = 0
        while True:
            pos = skip(text, pos).end()
            if pos >= end:
                return
            if text[pos] == "[":
                table, pos = self.header(pos)
            else:
                pos = self.keyval(pos, table)
            match = eol(text, pos)
            if match is None:
                raise _Confused
            pos = match.end()

    def segments(self, pos: int) -> tuple[list[tuple[str, int]], int]:
        """Read a possibly dotted key as (name, offset) segments, since keys may be quoted."""
        text = self.text
        parts: list[tuple[str, int]] = []
        while True:
            match = _KEY.match(text, pos)
            if match is None:
                raise _Confused
            bare, basic, literal = match.groups()
            if bare is not None:
                parts.append((bare, match.start(1)))
            elif basic is not None:
                parts.append((_unescape(basic), match.start(2) - 1))
            else:
                parts.append((literal, match.start(3) - 1))
            pos = match.end()
            if not text.startswith(".", pos):
                return parts, pos
            pos += 1

    def header(self, pos: int) -> tuple[Path, int]:
        """Read a `[table]` or `[[array]]` header and return the path later keys belong to."""
        text = self.text
        found = self.found
        arrays = self.arrays
        start = pos
        is_array = text.startswith("[[", pos)
        parts, pos = self.segments(pos + (2 if is_array else 1))
        close = "]]" if is_array else "]"
        if not text.startswith(close, pos):
            raise _Confused
        last = len(parts) - 1
        path: Path = ()
        for i, (name, offset) in enumerate(parts):
            path = (*path, name)
            if i < last:
                # Implicit super-table; inside an array of tables it means the last element.
                found.setdefault(path, offset)
                count = arrays.get(path)
                if count:
                    path = (*path, count - 1)
            else:
                found.setdefault(path, start)
                if is_array:
                    index = arrays.get(path, 0)
                    arrays[path] = index + 1
                    path = (*path, index)
                    found.setdefault(path, start)
        return path, pos + len(close)

    def keyval(self, pos: int, table: Path) -> int:
        """Record a `key = value` pair under `table` and return the offset just past the value."""
        found = self.found
        simple = _SIMPLE_KEY.match(self.text, pos)
        if simple is not None:
            # Fast path for the common single bare key.
            path = (*table, simple.group(1))
            found.setdefault(path, pos)
            return self.value(simple.end(), path)
        parts, pos = self.segments(pos)
        path = table
        for name, offset in parts:
            path = (*path, name)
            found.setdefault(path, offset)
        match = _EQUALS.match(self.text, pos)
        if match is None:
            raise _Confused
        return self.value(match.end(), path)

    def value(self, pos: int, path: Path) -> int:
        """Skip one value, recording the paths inside arrays and inline tables it contains."""
        text = self.text
        char = text[pos : pos + 1]
        if char == '"':
            match = (_ML_BASIC if text.startswith('"""', pos) else _BASIC).match(text, pos)
        elif char == "'":
            if text.startswith("'''", pos):
                close = text.find("'''", pos + 3)
                if close < 0:
                    raise _Confused
                close += 3
                # Up to two quotes right before the delimiter are part of the content.
                for _ in range(2):
                    if text.startswith("'", close):
                        close += 1
                return close
            match = _LITERAL.match(text, pos)
        elif char == "{":
            return self.inline_table(pos, path)
        elif char == "[":
            return self.array(pos, path)
        else:
            match = _SCALAR.match(text, pos)
        if match is None:
            raise _Confused
        return match.end()

    def inline_table(self, pos: int, path: Path) -> int:
        """Record the keys of a `{ ... }` table and return the offset just past its brace."""
        text = self.text
        skip = _SKIP.match
        pos = skip(text, pos + 1).end()
        while not text.startswith("}", pos):
            pos = skip(text, self.keyval(pos, path)).end()
            if text.startswith(",", pos):
                pos = skip(text, pos + 1).end()
            elif not text.startswith("}", pos):
                raise _Confused
        return pos + 1

    def array(self, pos: int, path: Path) -> int:
        """Record each element of a `[ ... ]` array by index and return the offset past it."""
        text = self.text
        found = self.found
        skip = _SKIP.match
        pos = skip(text, pos + 1).end()
        index = 0
        while not text.startswith("]", pos):
            item = (*path, index)
            found.setdefault(item, pos)
            pos = skip(text, self.value(pos, item)).end()
            if text.startswith(",", pos):
                pos = skip(text, pos + 1).end()
                index += 1
            elif not text.startswith("]", pos):
                raise _Confused
        return pos + 1


def _line_col(text: str, offsets: dict[Path, int]) -> dict[Path, tuple[int, int]]:
    """Convert character offsets to 1-based (line, column) pairs, counting only LF as a break."""
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
    result: dict[Path, tuple[int, int]] = {}
    for path, offset in offsets.items():
        line = bisect_right(starts, offset) - 1
        result[path] = (line + 1, offset - starts[line] + 1)
    return result


def locate(text: str) -> dict[Path, tuple[int, int]]:
    """Map every key path in a TOML document to the 1-based (line, column) where it is defined."""
    try:
        if not isinstance(text, str):
            return {}
        offsets: dict[Path, int] = {}
        # Any failure (including deep recursion) just ends the scan with what was found so far.
        with suppress(Exception):
            _Scanner(text, offsets).run()
        return _line_col(text, offsets)
    except Exception:
        return {}
