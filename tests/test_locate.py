"""Tests for sim.scenario.locate: exact positions, round trips of generated documents, junk."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.scenario.locate import Path, locate

EXAMPLE = """\
title = "x"
[scenario]
id = "a"
[[organizations]]
id = "city"
assets = { money = 5, staff = 2 }
points.governance = { shared = 3 }
tags = ["a", { b = 1 }]
[organizations.history]
x = 1
[[organizations]]
id = "county"
"""


def test_example_document() -> None:
    """The worked example from the module's specification maps exactly."""
    assert locate(EXAMPLE) == {
        ("title",): (1, 1),
        ("scenario",): (2, 1),
        ("scenario", "id"): (3, 1),
        ("organizations",): (4, 1),
        ("organizations", 0): (4, 1),
        ("organizations", 0, "id"): (5, 1),
        ("organizations", 0, "assets"): (6, 1),
        ("organizations", 0, "assets", "money"): (6, 12),
        ("organizations", 0, "assets", "staff"): (6, 23),
        ("organizations", 0, "points"): (7, 1),
        ("organizations", 0, "points", "governance"): (7, 8),
        ("organizations", 0, "points", "governance", "shared"): (7, 23),
        ("organizations", 0, "tags"): (8, 1),
        ("organizations", 0, "tags", 0): (8, 9),
        ("organizations", 0, "tags", 1): (8, 14),
        ("organizations", 0, "tags", 1, "b"): (8, 16),
        ("organizations", 0, "history"): (9, 1),
        ("organizations", 0, "history", "x"): (10, 1),
        ("organizations", 1): (11, 1),
        ("organizations", 1, "id"): (12, 1),
    }


def test_multiline_strings_hide_structure() -> None:
    """Brackets, `=`, `#` and quotes inside multi-line strings are not mistaken for syntax."""
    doc = (
        'a = """\n'  # 1
        "[not.a.table]\n"  # 2
        'b = "not a key" # not a comment\n'  # 3
        'escaped \\""" and "" two\n'  # 4
        '""""" # closes after two content quotes\n'  # 5
        "c = '''\n"  # 6
        "[[x]]\n"  # 7
        'd = 1 \'\' # """\n'  # 8
        "'''''\n"  # 9
        'e = """\\\n'  # 10
        '   continued ="""\n'  # 11
        "  f = '#' # real comment\n"  # 12
        '"g" = "a # b" # [h]\n'  # 13
        'i = """x""""\n'  # 14
    )
    parsed = tomllib.loads(doc)
    assert set(parsed) == {"a", "c", "e", "f", "g", "i"}
    assert locate(doc) == {
        ("a",): (1, 1),
        ("c",): (6, 1),
        ("e",): (10, 1),
        ("f",): (12, 3),
        ("g",): (13, 1),
        ("i",): (14, 1),
    }


def test_quoted_and_dotted_keys() -> None:
    """Quoted keys are single keys, escapes are decoded, and dots may have blanks around them."""
    doc = (
        '"a.b" = 1\n'  # 1
        "'x y' = 2\n"  # 2
        "p . q\t.  r = 3\n"  # 3
        'site."google.com" = true\n'  # 4
        '"\\u0041\\t" = 4\n'  # 5
        "'' = 5\n"  # 6
        "p.s = 6\n"  # 7
        "1234 = 7\n"  # 8
        "-_- = 8\n"  # 9
    )
    assert tomllib.loads(doc)["p"] == {"q": {"r": 3}, "s": 6}
    assert locate(doc) == {
        ("a.b",): (1, 1),
        ("x y",): (2, 1),
        ("p",): (3, 1),
        ("p", "q"): (3, 5),
        ("p", "q", "r"): (3, 10),
        ("site",): (4, 1),
        ("site", "google.com"): (4, 6),
        ("A\t",): (5, 1),
        ("",): (6, 1),
        ("p", "s"): (7, 3),
        ("1234",): (8, 1),
        ("-_-",): (9, 1),
    }


def test_headers_with_spaces_and_quotes() -> None:
    """Headers may contain blanks and quoted parts; implicit super-tables keep their segment."""
    doc = (
        '[ a . "b.c" ]\n'  # 1
        "x = 1\n"  # 2
        "[a]\n"  # 3
        "y = 2\n"  # 4
        "[[ 'arr ay' ]] # comment [x]\n"  # 5
        "z = 3\n"  # 6
        "\t[[ 'arr ay' ]]\n"  # 7
        "[ 'arr ay' . sub ]\n"  # 8
        "w = 4\n"  # 9
    )
    parsed = tomllib.loads(doc)
    assert parsed["a"] == {"b.c": {"x": 1}, "y": 2}
    assert parsed["arr ay"] == [{"z": 3}, {"sub": {"w": 4}}]
    assert locate(doc) == {
        ("a",): (1, 3),
        ("a", "b.c"): (1, 1),
        ("a", "b.c", "x"): (2, 1),
        ("a", "y"): (4, 1),
        ("arr ay",): (5, 1),
        ("arr ay", 0): (5, 1),
        ("arr ay", 0, "z"): (6, 1),
        ("arr ay", 1): (7, 2),
        ("arr ay", 1, "sub"): (8, 1),
        ("arr ay", 1, "sub", "w"): (9, 1),
    }


def test_nested_arrays_of_tables() -> None:
    """Sub-arrays and sub-tables attach to the most recent element of their parent array."""
    doc = (
        "[[f]]\n"  # 1
        "[[f.v]]\n"  # 2
        "n = 1\n"  # 3
        "[[f.v]]\n"  # 4
        "[f.meta]\n"  # 5
        "[[f]]\n"  # 6
        "[[f.v]]\n"  # 7
        "n = 2\n"  # 8
    )
    assert tomllib.loads(doc) == {"f": [{"v": [{"n": 1}, {}], "meta": {}}, {"v": [{"n": 2}]}]}
    assert locate(doc) == {
        ("f",): (1, 1),
        ("f", 0): (1, 1),
        ("f", 0, "v"): (2, 1),
        ("f", 0, "v", 0): (2, 1),
        ("f", 0, "v", 0, "n"): (3, 1),
        ("f", 0, "v", 1): (4, 1),
        ("f", 0, "meta"): (5, 1),
        ("f", 1): (6, 1),
        ("f", 1, "v"): (7, 1),
        ("f", 1, "v", 0): (7, 1),
        ("f", 1, "v", 0, "n"): (8, 1),
    }


def test_multiline_array_of_inline_tables() -> None:
    """Arrays spanning lines, with comments and a trailing comma, index their elements."""
    doc = (
        "people = [  # who is involved ]\n"  # 1
        '  { name = "Ann", tags = ["a", "b"] },\n'  # 2
        "  # { name = 'ghost' },\n"  # 3
        "  {name='Bo',age=3}  # comment, with comma\n"  # 4
        "  ,\n"  # 5
        "  { nested = { deep = [ 1979-05-27 07:32:00Z, 0x1F, +inf, -1_000.5e+3 ] } },\n"  # 6
        "]\n"  # 7
        "after = true\n"  # 8
    )
    assert len(tomllib.loads(doc)["people"]) == 3
    assert locate(doc) == {
        ("people",): (1, 1),
        ("people", 0): (2, 3),
        ("people", 0, "name"): (2, 5),
        ("people", 0, "tags"): (2, 19),
        ("people", 0, "tags", 0): (2, 27),
        ("people", 0, "tags", 1): (2, 32),
        ("people", 1): (4, 3),
        ("people", 1, "name"): (4, 4),
        ("people", 1, "age"): (4, 14),
        ("people", 2): (6, 3),
        ("people", 2, "nested"): (6, 5),
        ("people", 2, "nested", "deep"): (6, 16),
        ("people", 2, "nested", "deep", 0): (6, 25),
        ("people", 2, "nested", "deep", 1): (6, 47),
        ("people", 2, "nested", "deep", 2): (6, 53),
        ("people", 2, "nested", "deep", 3): (6, 59),
        ("after",): (8, 1),
    }


def test_crlf_counts_as_one_line_break() -> None:
    """CRLF documents get the same positions as their LF twins."""
    lf = EXAMPLE + 'ml = """\nline\n"""\nlast = [\n  1,\n]\n'
    crlf = lf.replace("\n", "\r\n")
    tomllib.loads(crlf)
    located = locate(crlf)
    assert located == locate(lf)
    assert located[("organizations", 1, "ml")] == (13, 1)
    assert located[("organizations", 1, "last", 0)] == (17, 3)


def test_columns_count_characters_not_bytes() -> None:
    """Non-ASCII characters (including astral ones) before a key count as one column each."""
    doc = 'a = { "é😀" = "ü", b = 1 }\n"ключ" = { "ж" = 2 }\n'
    assert tomllib.loads(doc) == {"a": {"é😀": "ü", "b": 1}, "ключ": {"ж": 2}}
    assert locate(doc) == {
        ("a",): (1, 1),
        ("a", "é😀"): (1, 7),
        ("a", "b"): (1, 19),
        ("ключ",): (2, 1),
        ("ключ", "ж"): (2, 12),
    }


def test_comment_and_hash_inside_strings() -> None:
    """`#` inside strings does not start a comment, and comment text is never a key."""
    doc = "# x = 1\na = \"#\" # b = 2\nc = '#' #\n# [t]\nd = 1#e=2\n"
    assert locate(doc) == {("a",): (2, 1), ("c",): (3, 1), ("d",): (5, 1)}


def test_first_definition_wins() -> None:
    """A super-table defined after its sub-table keeps the first position it was seen at."""
    doc = "[x.y.z]\nw = 1\n[x]\nv = 2\n"
    assert tomllib.loads(doc) == {"x": {"y": {"z": {"w": 1}}, "v": 2}}
    assert locate(doc) == {
        ("x",): (1, 2),
        ("x", "y"): (1, 4),
        ("x", "y", "z"): (1, 1),
        ("x", "y", "z", "w"): (2, 1),
        ("x", "v"): (4, 1),
    }


def test_empty_document_and_empty_containers() -> None:
    """Empty input maps to nothing; empty arrays and tables still get their key."""
    assert locate("") == {}
    assert locate("# only a comment\n\n") == {}
    assert locate("a = []\nb = {}\n[c]\n") == {("a",): (1, 1), ("b",): (2, 1), ("c",): (3, 1)}


def test_confusion_returns_what_was_found() -> None:
    """Unparseable text ends the scan but keeps everything recorded before it."""
    assert locate("a = 1\nb = \nc = 2\n") == {("a",): (1, 1), ("b",): (2, 1)}
    assert locate('a = 1\nb = "unterminated\n') == {("a",): (1, 1), ("b",): (2, 1)}
    assert locate("a = 1\n= 2\n") == {("a",): (1, 1)}


def test_pathological_inputs_do_not_raise() -> None:
    """Deep nesting, unterminated constructs and non-text input all return quietly."""
    for junk in [
        "a = " + "[" * 50_000,
        "a = " + "{b=" * 50_000,
        "[" * 10_000,
        'a = """',
        "a = '''",
        "a = {",
        "[[a]",
        "a.",
        "\x00\ud800\uffff",
        "\\u",
        '"\\U99999999" = 1',
    ]:
        assert isinstance(locate(junk), dict)
    assert locate(None) == {}  # type: ignore[arg-type]
    assert locate(b"a = 1") == {}  # type: ignore[arg-type]


# --- property tests --------------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_KEY_TOKEN = re.compile(r"[A-Za-z0-9_-]+|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")

_chars = st.characters(exclude_categories=("Cs",))
keys = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True),
    st.sampled_from(["a.b", "x y", "#", "[", "]", "=", '"', "'", "é", "", "\\", "'''", '"""']),
    st.text(_chars, max_size=6),
)
scalars = st.one_of(
    st.text(_chars, max_size=12),
    st.sampled_from(['a"""b', "x\n[y]\nz = 1\n", "'''", 'q""', "''", "# no"]),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
documents = st.dictionaries(keys, values, max_size=6)


def _all_paths(node: Any, prefix: Path = ()) -> set[Path]:
    """Every path (dict keys and list indexes, recursively) below `node` in a loaded document."""
    paths: set[Path] = set()
    items: Any = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in items:
        path = (*prefix, key)
        paths.add(path)
        if isinstance(child, dict | list):
            paths |= _all_paths(child, path)
    return paths


def _key_at(rest: str) -> str:
    """Decode the key written at the start of `rest`, or the last part of a header there."""
    if rest.startswith("["):
        node: Any = tomllib.loads(rest.rstrip("\r"))
        while True:
            [(name, child)] = node.items()
            child = child[-1] if isinstance(child, list) else child
            if not child:
                return name
            node = child
    token = _KEY_TOKEN.match(rest)
    assert token is not None, rest
    return next(iter(tomllib.loads(token.group(0) + " = 0")))


def _check(text: str) -> None:
    """Assert that `locate` finds exactly the loaded paths, each pointing at its own key."""
    data = tomllib.loads(text)
    located = locate(text)
    expected = _all_paths(data)
    assert set(located) == expected
    lines = text.split("\n")
    for path, (line, col) in located.items():
        assert line >= 1
        assert col >= 1
        rest = lines[line - 1][col - 1 :]
        key = path[-1]
        if isinstance(key, str):
            assert _key_at(rest) == key, (path, rest)
            continue
        value: Any = data
        for part in path:
            value = value[part]
        if isinstance(value, dict) and rest.startswith("[["):
            continue  # an element of an array of tables points at its [[header]]
        if isinstance(value, dict):
            assert rest.startswith("{"), (path, rest)
        elif isinstance(value, list):
            assert rest.startswith("["), (path, rest)
        elif isinstance(value, str):
            assert rest[:1] in {'"', "'"}, (path, rest)
        else:
            assert rest[:1] not in {'"', "'", "[", "{", " ", "\t", ",", "#", ""}, (path, rest)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=documents,
    multiline=st.booleans(),
    indent=st.integers(0, 4),
    crlf=st.booleans(),
)
def test_tomli_w_documents_round_trip(
    doc: dict[str, Any], multiline: bool, indent: int, crlf: bool
) -> None:
    """Every path of a tomli_w-serialized document is located at its own key."""
    text = tomli_w.dumps(doc, multiline_strings=multiline, indent=indent)
    if crlf:
        text = text.replace("\n", "\r\n")
    _check(text)


class _Writer:
    """A deliberately irregular TOML writer: inline tables, dotted keys, comments, odd spacing."""

    def __init__(self, data: st.DataObject) -> None:
        """Keep the hypothesis data object that makes every stylistic choice."""
        self.data = data

    def pick(self, *options: str) -> str:
        """Choose one of `options`."""
        return self.data.draw(st.sampled_from(options))

    def flip(self) -> bool:
        """Choose yes or no."""
        return self.data.draw(st.booleans())

    def blank(self) -> str:
        """Optional blanks around tokens."""
        return self.pick("", " ", "  ", "\t")

    def basic(self, text: str) -> str:
        """A single-line basic string with JSON escapes, which TOML also understands."""
        return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")

    def key(self, name: str) -> str:
        """A key part: bare when possible, unless quoting is chosen."""
        if _BARE.fullmatch(name) and self.flip():
            return name
        if self.flip() and not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", name):
            return f"'{name}'"
        return self.basic(name)

    def string(self, text: str) -> str:
        """A string in one of the four TOML string flavours."""
        style = self.pick("basic", "literal", "ml-basic", "ml-literal")
        if style == "literal" and not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", text):
            return f"'{text}'"
        if (
            style == "ml-literal"
            and "'''" not in text
            and not text.endswith("'''")
            and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
        ):
            return f"'''{self.pick('', chr(10))}{text}'''"
        if style == "ml-basic":
            out: list[str] = []
            run = 0
            for char in text:
                if char == '"':
                    run += 1
                    out.append('\\"' if run == 3 else char)
                    run %= 3
                    continue
                run = 0
                if char == "\\":
                    out.append("\\\\")
                elif char != "\n" and re.match(r"[\x00-\x1f\x7f]", char):
                    out.append(f"\\u{ord(char):04x}")
                else:
                    out.append(char)
            return f'"""{self.pick("", chr(10))}{"".join(out)}"""'
        return self.basic(text)

    def value(self, value: Any) -> str:
        """Any value written inline (arrays may still span lines)."""
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, dict):
            if not value:
                return self.pick("{}", "{ }")
            pairs = [
                f"{self.blank()}{self.key(k)}{self.blank()}={self.blank()}{self.value(v)}"
                for k, v in value.items()
            ]
            return "{" + ",".join(pairs) + self.blank() + "}"
        if isinstance(value, list):
            gap = ("", " ", "\n  ", " # [c] = '\n  ", "\n# x = 1\n")
            parts = [f"{self.pick(*gap)}{self.value(v)}{self.pick(*gap)}" for v in value]
            trailing = "," if value and self.flip() else ""
            return "[" + ",".join(parts) + trailing + self.pick(*gap) + "]"
        if isinstance(value, dt.datetime) and self.flip():
            return value.isoformat()
        return tomli_w.dumps({"v": value})[4:-1]

    def assignment(self, key: str, value: Any) -> str:
        """One `key = value` line with optional blanks and a trailing comment."""
        comment = self.pick("", " # c = [1]", "#", "\t# '''")
        return f"{key}{self.blank()}={self.blank()}{self.value(value)}{comment}"

    def dotted(self, prefix: str, table: dict[str, Any], lines: list[str]) -> None:
        """Write a non-empty table as `prefix.key = value` lines, possibly nesting further."""
        for name, value in table.items():
            key = f"{prefix}{self.blank()}.{self.blank()}{self.key(name)}"
            if isinstance(value, dict) and value and self.flip():
                self.dotted(key, value, lines)
            else:
                lines.append(self.assignment(key, value))

    def table(self, parts: list[str], table: dict[str, Any], lines: list[str], aot: bool) -> None:
        """Write a table (the root when `parts` is empty) and then its sub-table sections."""
        plain: list[str] = []
        sections: list[tuple[str, Any, bool]] = []
        for name, value in table.items():
            key = self.key(name)
            is_aot = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            style = self.pick("inline", "dotted", "section")
            if isinstance(value, dict) and value and style == "dotted":
                self.dotted(key, value, plain)
            elif (isinstance(value, dict) or is_aot) and style == "section":
                sections.append((key, value, bool(is_aot)))
            else:
                plain.append(self.assignment(key, value))
        implicit = not aot and not plain and sections and self.flip()
        if parts and not implicit:
            dot = f"{self.blank()}.{self.blank()}"
            inner = f"{self.blank()}{dot.join(parts)}{self.blank()}"
            comment = self.pick("", " # [x]", "#")
            header = f"[[{inner}]]" if aot else f"[{inner}]"
            lines.append(f"{self.blank()}{header}{comment}")
        lines.extend(plain)
        for key, value, is_aot in sections:
            if is_aot:
                for element in value:
                    self.table([*parts, key], element, lines, aot=True)
            else:
                self.table([*parts, key], value, lines, aot=False)

    def document(self, doc: dict[str, Any]) -> str:
        """The whole document, with stray blank and comment lines between statements."""
        lines: list[str] = []
        self.table([], doc, lines, aot=False)
        out: list[str] = []
        for line in lines:
            if self.flip():
                out.append(self.pick("", "# [fake] = 1", "  ", "\t# '''"))
            out.append(line)
        return self.pick("\n", "\r\n").join(out) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents, data=st.data())
def test_hand_written_documents_round_trip(doc: dict[str, Any], data: st.DataObject) -> None:
    """Inline tables, dotted keys, odd spacing, comments and all string styles locate exactly."""
    text = _Writer(data).document(doc)
    _check(text)


_junk_chars = st.characters(codec=None)
_toml_alphabet = st.sampled_from(list("[]{}\"'=.,#\n\r\t abc123\\-+:_eE\x00é")) | _junk_chars


@settings(max_examples=300, deadline=None)
@given(text=st.text(_junk_chars) | st.text(_toml_alphabet, max_size=80))
def test_junk_never_raises(text: str) -> None:
    """Arbitrary text, including surrogates and control characters, never makes locate raise."""
    result = locate(text)
    assert isinstance(result, dict)
    line_count = text.count("\n") + 1
    for line, col in result.values():
        assert 1 <= line <= line_count
        assert col >= 1


@settings(max_examples=100, deadline=None)
@given(doc=documents, data=st.data())
def test_damaged_documents_never_raise(doc: dict[str, Any], data: st.DataObject) -> None:
    """Valid documents with a random slice removed or junk inserted never make locate raise."""
    text = tomli_w.dumps(doc)
    cut = data.draw(st.integers(0, len(text)))
    size = data.draw(st.integers(0, 10))
    junk = data.draw(st.text(_toml_alphabet, max_size=5))
    assert isinstance(locate(text[:cut] + junk + text[cut + size :]), dict)
