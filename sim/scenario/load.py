"""Load a scenario file and report every problem with its line and column.

Loading runs four passes and collects all errors before giving up: bytes to
text, text to TOML, TOML to models (pydantic), models to cross-references.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sim.scenario import fasttoml
from sim.scenario.checks import check
from sim.scenario.errors import Path, ScenarioError, ScenarioInvalid, dotted
from sim.scenario.files import InputRefused, read_limited
from sim.scenario.locate import locate
from sim.scenario.models import Scenario
from sim.scenario.syntax import explain, too_deep

# A 2,000-organization scenario is about 2 MB; anything this big is a mistake.
MAX_BYTES = 16 * 1024 * 1024
_TOML_AT = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TAGS = ("kind", "on", "effect")


def load_scenario(file: str | FsPath) -> Scenario:
    """Read and validate a scenario file; raise ScenarioInvalid with every problem."""
    return load_scenario_text(file)[0]


def load_scenario_text(file: str | FsPath) -> tuple[Scenario, str]:
    """The valid scenario in a file and the file's text, read once (ScenarioInvalid if not)."""
    data = read_scenario_bytes(file)
    text = _decode(data, str(file))
    return parse_scenario(text, str(file)), text


def read_scenario_bytes(file: str | FsPath) -> bytes:
    """A scenario file's exact bytes, through the bounded reader (ScenarioInvalid if refused)."""
    try:
        return read_limited(file, MAX_BYTES, "a scenario")
    except InputRefused as exc:
        raise ScenarioInvalid([ScenarioError(str(file), 1, 1, "(file)", exc.problem)]) from None


def parse_scenario(data: bytes | str, name: str = "<scenario>") -> Scenario:
    """Validate scenario text; raise ScenarioInvalid listing every located problem."""
    text = _decode(data, name)
    raw = _parse_toml(text, name)
    problems = check(raw)
    scenario: Scenario | None = None
    failures: list[ErrorDetails] = []
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        failures = exc.errors()
    if not problems and not failures and scenario is not None:
        return scenario
    # Positions cost a second pass over the text, so only a file with problems pays for it.
    positions = locate(text)
    errors = [_located(name, path, message, positions) for path, message in problems]
    errors += [_from_pydantic(err, raw, positions, name) for err in _first_causes(failures, raw)]
    raise ScenarioInvalid(sorted(set(errors)))


def _first_causes(failures: list[ErrorDetails], raw: dict[str, Any]) -> list[ErrorDetails]:
    """Drop the errors another error explains: a misspelled key (`[[organization]]`) also
    leaves the key it meant missing, and saying so twice hides the one fix."""
    meant: set[Path] = set()
    for err in failures:
        if err["type"] == "extra_forbidden":
            path = _data_path(tuple(err["loc"]), raw)
            hint = _near_key(path, raw)
            if hint is not None:
                meant.add((*path[:-1], hint))
    return [
        err
        for err in failures
        if not (err["type"] == "missing" and _data_path(tuple(err["loc"]), raw) in meant)
    ]


def _near_key(path: Path, raw: Any) -> str | None:
    """The allowed key nearest a misspelled one, if any is near enough."""
    hint = difflib.get_close_matches(str(path[-1]), _allowed_keys(path[:-1], raw), n=1)
    return hint[0] if hint else None


# A UTF-8 byte-order mark: TOML editors (taplo) reject a file that starts with one, so the
# game does too, rather than accept a file the facilitator's editor calls broken.
BOM = "\ufeff"
BOM_MESSAGE = (
    "the file starts with a byte-order mark (BOM), which TOML editors such as taplo "
    "reject: save it as UTF-8 without a BOM"
)


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, bytes) and not data.strip():
        raise ScenarioInvalid([ScenarioError(name, 1, 1, "(document)", "the file is empty")])
    starts = data.startswith(BOM.encode() if isinstance(data, bytes) else BOM)
    if starts:
        raise ScenarioInvalid([ScenarioError(name, 1, 1, "(document)", BOM_MESSAGE)])
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ScenarioInvalid(
            [
                ScenarioError(
                    name, line, col, "(document)", "not UTF-8 text (is this a binary file?)"
                )
            ]
        ) from None


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    if not text.strip():
        raise ScenarioInvalid([ScenarioError(name, 1, 1, "(document)", "the file is empty")])
    try:
        return fasttoml.loads(text)  # tomllib's result and errors, compiled where it can
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_AT.match(message)
        if match:
            said = explain(match["msg"], text, int(match["line"]), int(match["col"]))
        else:
            line = text.count("\n") + 1
            said = explain(message.replace(" (at end of document)", ""), text, line, 1, True)
        raise ScenarioInvalid(
            [ScenarioError(name, said.line, said.col, "(toml)", said.message)]
        ) from None
    except RecursionError:
        said = too_deep(text)
        raise ScenarioInvalid(
            [ScenarioError(name, said.line, said.col, "(toml)", said.message)]
        ) from None


def _located(
    name: str, path: Path, message: str, positions: Mapping[Path, tuple[int, int]]
) -> ScenarioError:
    """Attach the position of the nearest enclosing thing that exists in the text."""
    probe = path
    while probe and probe not in positions:
        probe = probe[:-1]
    line, col = positions.get(probe, (1, 1))
    return ScenarioError(name, line, col, dotted(path), message)


def _child(node: Any, part: str | int) -> Any:
    """Step into raw TOML data, or None when the step leads nowhere."""
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _data_path(loc: tuple[str | int, ...], raw: Any) -> Path:
    """Turn a pydantic loc into a path through the raw TOML, dropping union tags."""
    path: list[str | int] = []
    node = raw
    for part in loc:
        if part == "[key]":
            continue
        is_tag = (
            isinstance(node, dict)
            and part not in node
            and any(node.get(tag) == part for tag in _TAGS)
        )
        if is_tag:
            continue  # pydantic names the union member it tried; the text does not
        path.append(part)
        node = _child(node, part)
    return tuple(path)


def _from_pydantic(
    err: ErrorDetails, raw: dict[str, Any], positions: Mapping[Path, tuple[int, int]], name: str
) -> ScenarioError:
    path = _data_path(tuple(err["loc"]), raw)
    if err["type"] == "union_tag_invalid":
        # Point at the tag itself, the one word the author has to change.
        path = (*path, str(err.get("ctx", {}).get("discriminator", "kind")).strip("'"))
    return _located(name, path, _message(err, path, raw), positions)


def _message(err: ErrorDetails, path: Path, raw: Any) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        # A validator's own words, without pydantic's "Value error, " in front.
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1], raw)
        hint = _near_key(path, raw)
        if hint:
            return f"unknown key '{path[-1]}' (did you mean '{hint}'?)"
        return f"unknown key '{path[-1]}'" + (
            f" (allowed: {', '.join(allowed)})" if allowed else ""
        )
    if kind == "union_tag_not_found":
        tag = err.get("ctx", {}).get("discriminator", "kind").strip("'")
        return f"missing '{tag}', which says what kind of entry this is"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        tag = str(ctx.get("discriminator", "kind")).strip("'")
        expected = str(ctx.get("expected_tags"))
        near = difflib.get_close_matches(
            str(ctx.get("tag")), [t.strip(" '") for t in expected.split(",")], n=1
        )
        if near:
            return f"unknown {tag} {ctx.get('tag')!r} (did you mean {near[0]!r}?)"
        return f"unknown {tag} {ctx.get('tag')!r} (expected one of: {expected})"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"got {err['input']!r}; expected one of: {expected}"
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} is not a valid id: use lowercase letters, digits, '-' and '_'"
    value = err.get("input")
    ctx = err.get("ctx", {})
    if kind == "finite_number":
        return f"got {value}: only finite numbers are allowed (no inf or nan)"
    if kind == "int_type" and isinstance(value, float) and not isinstance(value, bool):
        if value.is_integer() and abs(value) < 1e15:
            return f"a whole number is needed: write {int(value)}, not {value!r}"
        return f"a whole number is needed, got {value!r}"
    if kind == "too_long" and isinstance(value, list | dict):
        return (
            f"{ctx.get('actual_length', len(value))} entries; the game handles at most "
            f"{ctx.get('max_length')} (docs/authoring.md, Limits)"
        )
    if kind == "less_than_equal" and ctx.get("le") == 1 and _looks_like_percent(value):
        return f"got {_number(value)}; a share is at most 1: write {value / 100:g} for {value:g}%"
    if kind in ("float_type", "int_type") and isinstance(value, str):
        number = _as_number(value)
        if number is not None:
            return (
                f"{err['msg'][0].lower()}{err['msg'][1:]}, got a string {value!r}: write the "
                f"number without quotes, {number}"
            )
    bound = _BOUNDS.get(kind)
    if bound is not None and isinstance(value, int | float):
        word, key = bound
        return f"got {_number(value)}; it must be {word} {_number(ctx.get(key))}"
    message = err["msg"]
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{message[0].lower()}{message[1:]}, got {_describe(err['input'])}"
    return f"{message[0].lower()}{message[1:]}"


# pydantic's range errors, said with the number the author wrote.
_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "less_than": ("below", "lt"),
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("above", "gt"),
}


def _number(value: object) -> str:
    """A number as an author reads it: 1,000,000,000 and 0.01, never 1e9 or 1.0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:g}"


def _as_number(text: str) -> str | None:
    """How a number written as a string ("600000", "$30,000") is written in TOML, if it is one."""
    plain = text.strip().removeprefix("$").replace(",", "").replace("_", "").strip()
    try:
        value = float(plain)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    if value.is_integer() and "." not in plain and "e" not in plain.lower():
        return f"{int(value):_}"
    return plain


def _looks_like_percent(value: object) -> bool:
    """A share written as a percentage, e.g. match_share = 20 for 20% (1.6 is just too big)."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and 2 <= value <= 100  # type: ignore[operator]


def _describe(value: object) -> str:
    if isinstance(value, dt.date | dt.time):
        # TOML reads 2026-06-01 unquoted as a date: say so, and how to keep it as text.
        kind = "a time" if isinstance(value, dt.time) else "a date"
        return f'{kind} {value.isoformat()} (put it in quotes, "{value.isoformat()}", for text)'
    names = {
        dict: "a table",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
    }
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    kind = names.get(type(value), type(value).__name__)
    return kind if isinstance(value, dict | list) else f"{kind} {shown}"


def _allowed_keys(path: Path, raw: Any) -> list[str]:
    """The keys the model at a path accepts, for 'did you mean' hints."""
    model: Any = Scenario
    node = raw
    for part in path:
        model = _step(_unwrap(model, node), part)
        node = _child(node, part)
        if model is None:
            return []
    model = _unwrap(model, node)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _tag_of(model: Any) -> tuple[str, object] | None:
    """The discriminator field and value of a union member, e.g. ('kind', 'grant')."""
    for tag in _TAGS:
        field = model.model_fields.get(tag) if isinstance(model, type) else None
        if field is not None and get_args(field.annotation):
            return tag, get_args(field.annotation)[0]
    return None


def _unwrap(annotation: Any, node: Any) -> Any:
    """Strip Annotated, Optional and unions, picking the member the raw data's tag names."""
    while True:
        origin = get_origin(annotation)
        if origin is None or origin is list or origin is dict:
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if origin is Annotated:
            annotation = args[0]
            continue
        chosen = args[0] if args else None
        for member in args:
            tag = _tag_of(member)
            if tag and isinstance(node, dict) and node.get(tag[0]) == tag[1]:
                chosen = member
        annotation = chosen


def _step(model: Any, part: str | int) -> Any:
    origin = get_origin(model)
    if isinstance(part, int):
        return get_args(model)[0] if origin is list else None
    if origin is dict:
        return get_args(model)[1]
    if isinstance(model, type) and issubclass(model, BaseModel):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    return None
