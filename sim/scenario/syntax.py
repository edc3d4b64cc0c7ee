"""TOML syntax errors in plain words: what is wrong, where, and how to fix it.

tomllib's messages are written for parser authors ("Expected newline or end of document
after a statement" for `1,200,000`). Here each is read together with the text at its
position, so a facilitator is told "numbers cannot contain commas: write 1_200_000".
A message this module does not know is passed on as tomllib wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# Deeper than this, nesting is reported as too deep where it happens; a scenario nests
# arrays and inline tables three deep at most.
MAX_NESTING = 64

_NUMBER_WITH_COMMAS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+(?![\d,])")
_SPACED_NUMBER = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?![\d ])")
_PERCENT = re.compile(r"[+-]?(\d+(?:\.\d+)?)%")
_LEADING_ZERO = re.compile(r"[+-]?0\d+(?![\d.eE:-])")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+)?")
_WORD = re.compile(r"[^\s,\]}#]+")
_KEY = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Explained:
    """A syntax error, moved to where the author must act, in plain words."""

    line: int
    col: int
    message: str


class _Text:
    """The document with helpers to look around one position."""

    def __init__(self, text: str, line: int, col: int) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line = max(1, min(line, len(self.lines)))
        self.col = max(1, col)

    @property
    def here(self) -> str:
        """The rest of the line from the error's column."""
        return self.lines[self.line - 1][self.col - 1 :]

    @property
    def row(self) -> str:
        return self.lines[self.line - 1]

    def value_start(self) -> int | None:
        """The 1-based column where this line's value starts (after `key =`), if it has one."""
        found = re.match(r"\s*(?:[^=\"'#\[]+|\"[^\"]*\"|'[^']*')=\s*", self.row)
        return found.end() + 1 if found else None

    def value(self) -> str:
        start = self.value_start()
        return self.row[start - 1 :] if start else self.here


def explain(message: str, text: str, line: int, col: int, at_end: bool = False) -> Explained:
    """The plain-words form of tomllib's `message` at (line, col) of `text`."""
    if at_end or _only_blanks_after(text, line, col):
        found = _at_end(message, text)
        if found is not None:
            return found
    where = _Text(text, line, col)
    for prefix, handler in _HANDLERS:
        if message.startswith(prefix):
            said = handler(where, message)
            if said is not None:
                return said
    return Explained(where.line, where.col, f"TOML syntax: {message}")


# --------------------------------------------------------------------------- handlers


def _unclosed_string(where: _Text, message: str) -> Explained | None:
    if message != "Illegal character '\\n'":
        char = message.removeprefix("Illegal character ").strip("'")
        return Explained(
            where.line,
            where.col,
            f"a control character ({char}) is not allowed in a string: delete it, or write "
            "it as an escape such as \\t",
        )
    opening = _opening_quote(where.row, where.col - 1)
    return Explained(
        where.line,
        opening + 1 if opening is not None else where.col,
        "this string is not closed: end it with a quote on the same line, or use triple "
        'quotes ("""...""") for text over several lines',
    )


def _after_statement(where: _Text, message: str) -> Explained | None:
    """`1,200,000`, `2026-13-45`, `20%`, `0123` or two statements on one line."""
    start = where.value_start()
    value = where.value()
    col = start or where.col
    if (found := _NUMBER_WITH_COMMAS.match(value)) is not None:
        fixed = found.group().replace(",", "_")
        return Explained(
            where.line, col, f"numbers cannot contain commas: write {fixed} (or without the _)"
        )
    if (found := _DECIMAL_COMMA.match(value)) is not None:
        fixed = found.group().replace(",", ".")
        return Explained(where.line, col, f"decimals take a point, not a comma: write {fixed}")
    if (found := _PERCENT.match(value)) is not None:
        share = float(found.group(1)) / 100
        return Explained(
            where.line,
            col,
            f"write a share as a fraction, not a percentage: {share:g} for {found.group()}",
        )
    if (found := _SPACED_NUMBER.match(value)) is not None:
        fixed = found.group().replace(" ", "_")
        return Explained(where.line, col, f"numbers cannot contain spaces: write {fixed}")
    if (found := _DATE_LIKE.match(value)) is not None:
        return Explained(where.line, col, _bad_date(found.group()))
    if (found := _LEADING_ZERO.match(value)) is not None:
        fixed = found.group().lstrip("+-").lstrip("0") or "0"
        return Explained(where.line, col, f"a number cannot start with 0: write {fixed}")
    if re.match(r"\s*[A-Za-z0-9_\"'-]+\s*=", where.here):
        return Explained(where.line, where.col, "put each `key = value` on a line of its own")
    return Explained(
        where.line,
        where.col,
        "unexpected text after the value: write one `key = value` per line, and put text "
        'in quotes ("like this")',
    )


def _bad_date(text: str) -> str:
    day = text[:10]
    try:
        dt.date.fromisoformat(day)
    except ValueError as exc:
        why = str(exc).removeprefix("Invalid isoformat string: ")
        return (
            f"{text} is not a valid date ({why}): write dates as YYYY-MM-DD, or put text in "
            'quotes ("like this")'
        )
    return f"{text} is not a valid date or time: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"


def _invalid_value(where: _Text, message: str) -> Explained:
    col = where.value_start() or where.col
    word = (_WORD.match(where.row[col - 1 :]) or _WORD.match(where.here) or [""])[0]
    if not word:
        return Explained(where.line, col, "a value is missing after =")
    if word.lower() in ("yes", "no", "on", "off", "true", "false"):
        return Explained(
            where.line,
            col,
            f"'{word}' is not a TOML value: booleans are written true or false, in lowercase",
        )
    if word.startswith("$"):
        return Explained(
            where.line,
            col,
            f"write money as a plain number, without $: {word[1:].replace(',', '_')}",
        )
    return Explained(
        where.line, col, f'text must be in quotes: write "{word}" (or a number, true or false)'
    )


def _overwrite(where: _Text, message: str) -> Explained:
    key = _KEY.match(where.row.lstrip().lstrip("[").lstrip())
    name = f"'{key.group()}' " if key else "this key "
    return Explained(
        where.line,
        where.col,
        f"{name}is set twice in the same table: each key appears once; for a list of tables "
        "write each entry under its own [[name]] header",
    )


def _declared_twice(where: _Text, message: str) -> Explained:
    table = message.removeprefix("Cannot declare ").removesuffix(" twice")
    name = ".".join(re.findall(r"'([^']*)'", table)) or table
    return Explained(
        where.line,
        1,
        f"[{name}] is declared twice: a table is declared once (merge the two), or, for a "
        f"list of tables, write [[{name}]] for every entry",
    )


def _immutable(where: _Text, message: str) -> Explained:
    return Explained(
        where.line,
        1,
        "this table was already written inline ({ ... }) above, so it cannot be extended "
        "here: move its keys into one place",
    )


def _duplicate_inline(where: _Text, message: str) -> Explained:
    key = message.removeprefix("Duplicate inline table key ").strip("'")
    return Explained(where.line, where.col, f"'{key}' appears twice in this {{ ... }} table")


def _expected_equals(where: _Text, message: str) -> Explained:
    return Explained(
        where.line,
        where.col,
        "a key must be followed by = and a value (`key = value`); a key with spaces or "
        'other characters must be quoted ("my key" = 1)',
    )


def _key_part(where: _Text, message: str) -> Explained:
    if "{" in where.row and "}" not in where.row[where.col - 1 :]:
        return Explained(
            where.line,
            where.col,
            "an inline table { ... } must stay on one line: close it on this line, or use "
            "a [section] for a longer table",
        )
    before = where.row[: where.col - 1].rstrip()
    if before.endswith(","):
        return Explained(
            where.line,
            where.col,
            "an inline table { ... } takes no comma after its last value: remove it",
        )
    return Explained(
        where.line,
        where.col,
        "a key is letters, digits, - and _ (or a quoted string): this is not one",
    )


def _unclosed_inline(where: _Text, message: str) -> Explained:
    opening = where.row.rfind("{")
    return Explained(
        where.line,
        opening + 1 if opening >= 0 else where.col,
        "this inline table { is not closed on its line: add } (an inline table must stay on "
        "one line; use a [section] for longer ones)",
    )


def _header(where: _Text, message: str) -> Explained:
    close = "]]" if "]]" in message else "]"
    return Explained(
        where.line, 1, f"this header is not closed: write it as {'[' * len(close)}name{close}"
    )


def _backslash(where: _Text, message: str) -> Explained:
    slash = where.row.rfind("\\", 0, where.col)
    return Explained(
        where.line,
        slash + 1 if slash >= 0 else where.col,
        'a backslash starts an escape inside "...": write \\\\ for a backslash, or use single '
        "quotes ('C:\\path'), which take text as it is",
    )


def _escape(where: _Text, message: str) -> Explained:
    return Explained(
        where.line,
        where.col,
        "a \\u escape takes exactly 4 hex digits and \\U exactly 8 (for example \\u00e9)",
    )


def _statement(where: _Text, message: str) -> Explained:
    return Explained(
        where.line,
        where.col,
        "a line must be `key = value`, a [table] header or a [[list]] header",
    )


_HANDLERS: tuple[tuple[str, Callable[[_Text, str], Explained | None]], ...] = (
    ("Illegal character", _unclosed_string),
    ("Expected newline or end of document after a statement", _after_statement),
    ("Invalid value", _invalid_value),
    ("Cannot overwrite a value", _overwrite),
    ("Cannot declare", _declared_twice),
    ("Cannot mutate immutable namespace", _immutable),
    ("Cannot redefine namespace", _immutable),
    ("Duplicate inline table key", _duplicate_inline),
    ("Expected '=' after a key", _expected_equals),
    ("Invalid initial character for a key part", _key_part),
    ("Unclosed inline table", _unclosed_inline),
    ("Expected ']' at the end of a table declaration", _header),
    ("Expected ']]' at the end of an array declaration", _header),
    ("Unescaped '\\' in a string", _backslash),
    ("Invalid hex value", _escape),
    ("Escaped character is not a Unicode scalar value", _escape),
    ("Invalid statement", _statement),
)


# --------------------------------------------------------------------------- the whole text


def _opening_quote(row: str, end: int) -> int | None:
    """The 0-based column of the quote that opens the string still open at `end`."""
    opening: int | None = None
    k = 0
    while k < min(end, len(row)):
        char = row[k]
        if opening is None:
            if char == "#":
                return None
            if char in "\"'":
                opening = k
        elif row[opening] == '"' and char == "\\":
            k += 1
        elif char == row[opening]:
            opening = None
        k += 1
    return opening


def _scan(text: str) -> tuple[list[tuple[int, str]], int | None, str | None]:
    """Brackets still open at the end (offset, char), the first offset deeper than
    MAX_NESTING, and the quote of a string still open at the end, if any."""
    stack: list[tuple[int, str]] = []
    too_deep: int | None = None
    quote: str | None = None
    pos, end = 0, len(text)
    line_start = True
    while pos < end:
        char = text[pos]
        if quote is not None:
            if char == "\\" and quote == '"':
                pos += 2
                continue
            if text.startswith(quote, pos):
                pos += len(quote)
                quote = None
                continue
            if char == "\n" and len(quote) == 1:
                quote = None  # a one-line string cannot run on; tomllib stops here too
            pos += 1
            continue
        if char in "\"'":
            triple = char * 3
            quote = triple if text.startswith(triple, pos) else char
            pos += len(quote)
            line_start = False
            continue
        if char == "#":
            pos = text.find("\n", pos)
            pos = end if pos < 0 else pos
            continue
        if char == "\n":
            line_start = True
        elif char == "[" and line_start and not stack:
            pos = text.find("\n", pos)  # a [table] header, not an array
            pos = end if pos < 0 else pos
            continue
        elif char in "[{":
            stack.append((pos, char))
            if len(stack) > MAX_NESTING and too_deep is None:
                too_deep = pos
        elif char in "]}" and stack:
            stack.pop()
        if not char.isspace():
            line_start = False
        pos += 1
    return stack, too_deep, quote


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _only_blanks_after(text: str, line: int, col: int) -> bool:
    lines = text.split("\n")
    rest = "\n".join([lines[line - 1][col - 1 :], *lines[line:]]) if line <= len(lines) else ""
    return not re.sub(r"#[^\n]*", "", rest).strip()


def _at_end(message: str, text: str) -> Explained | None:
    """Errors found only at the end of the document: point at what was left open instead."""
    stack, _, quote = _scan(text)
    if quote is not None and len(quote) == 3:
        line, col = _line_col(text, text.rfind(quote))
        return Explained(line, col, f"this string is never closed: end it with {quote}")
    if message.startswith(('Expected "\'"', "Expected '\"'")):
        rows = text.split("\n")
        for n in range(len(rows), 0, -1):
            opening = _opening_quote(rows[n - 1], len(rows[n - 1]))
            if opening is not None:
                return Explained(
                    n,
                    opening + 1,
                    "this string is not closed: end it with a quote on the same line",
                )
    if message.startswith(("Unclosed array", "Invalid value")) and stack:
        line, col = _line_col(text, stack[-1][0])
        if stack[-1][1] == "{":
            return Explained(line, col, "this inline table { is never closed: add }")
        return Explained(line, col, "this array [ is never closed: add the ] that ends it")
    return None


def too_deep(text: str) -> Explained:
    """Where arrays and inline tables first nest deeper than the game allows."""
    _, offset, _ = _scan(text)
    line, col = _line_col(text, offset) if offset is not None else (1, 1)
    return Explained(
        line,
        col,
        f"arrays and inline tables are nested more than {MAX_NESTING} deep here; a scenario "
        "needs three at most",
    )
