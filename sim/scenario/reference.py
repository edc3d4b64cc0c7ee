"""The scenario format reference, generated from the models in sim/scenario/models.py.

The reference in docs/authoring.md is produced here rather than written by hand so
that it cannot drift from the format: a test compares the committed section with
`reference_markdown()`. Regenerate it with

    python -m sim.scenario.reference docs/authoring.md

The module writes with sys.stdout.write, never print: the rules layers do no
terminal I/O except in an explicit command entry point.
"""

from __future__ import annotations

import inspect
import json
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sim.scenario import models
from sim.scenario.models import Scenario

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"

# Named aliases from models.py shown under their game name instead of their base type,
# because "dollars" tells an author more than "number ≥ 0".
_NAMED: tuple[tuple[Any, str], ...] = ((models.Id, "id"), (models.Money, "dollars"))

# The rules below are read by hand from checks.py (the only hand-kept text here):
# checks.py works on raw TOML, so there is no model to derive them from.
CROSS_REFERENCES: tuple[tuple[str, str], ...] = (
    (
        "an organization id",
        "`convener.organization`, `organizations.history.organization`, "
        "`tensions.parties`, `issues.options.lead` (governance), `streams.provider`, "
        "`projects.lead.organizations`, `events.effects.organization`, "
        "`events.effects.organizations`",
    ),
    ("an interest id", "`organizations.interests`, `tensions.interests`"),
    ("an issue id", "`organizations.points` (its keys), `tensions.issue`"),
    (
        "an option id of that issue",
        "`organizations.points.<issue>` (its keys)",
    ),
    (
        "a stream id",
        "`organizations.streams`, `streams.match_from`, `events.effects.stream`",
    ),
    ("a project id", "`streams.eligible`, `events.effects.project`"),
    ("a tension id", "`events.trigger.tension`, `events.effects.tension`"),
)

OTHER_RULES: tuple[str, ...] = (
    "Ids are unique within `interests`, `organizations`, `tensions`, `issues`, `streams`, "
    "`projects`, `events` and `results`; option ids are unique within their issue.",
    "Only a `public` organization has a `level`.",
    "Every organization gives `points` for every option of every issue: write 0 where it "
    "does not care, so a forgotten issue is never read as indifference.",
    "An organization has no `history` with itself.",
    "A tension names each of its `parties` once; every member of its `sides` is one of its "
    "parties, on one side only.",
    "A `cost_share` option's `shares` add up to 1.",
    "Only a `supermajority` decision rule has a `threshold` (every other rule ignores one, "
    "so writing it there is an error), and it is above 0.5.",
    "A grant's `match_from` names only pooled or in-kind streams: never the grant itself, "
    "another grant or a loan.",
    "A `round` trigger's `year` is at most `timeline.years` and its `round` at most "
    "`timeline.rounds_per_year`.",
    "At least one `[scoring]` weight is above 0.",
    'Numbers are TOML numbers: a quoted `"600000"` or a `true` where a number belongs is '
    "an error, and so are `inf` and `nan`. Counts (units, years, rounds, points, BATNA, "
    "time) are whole numbers: `4`, not `4.0`.",
    "The file is UTF-8 text without a byte-order mark (TOML editors reject one).",
)

# The limits the game can honour, from the constants in models.py: (what, constant name).
LIMITS: tuple[tuple[str, str], ...] = (
    ("organizations", "MAX_ORGANIZATIONS"),
    ("interests", "MAX_INTERESTS"),
    ("tensions", "MAX_TENSIONS"),
    ("issues", "MAX_ISSUES"),
    ("options of one issue", "MAX_OPTIONS"),
    ("funding streams", "MAX_STREAMS"),
    ("projects", "MAX_PROJECTS"),
    ("events", "MAX_EVENTS"),
    ("effects of one event", "MAX_EFFECTS"),
    ("results", "MAX_RESULTS"),
    ("targets of one result", "MAX_TARGETS"),
    ("any other list (parties, history, goals, ...)", "MAX_LIST"),
    ("characters in a name, title or label", "MAX_NAME"),
    ("points on one option (either sign)", "MAX_POINTS"),
    ("a BATNA (either sign)", "MAX_BATNA"),
    ("any amount of money, in dollars", "MAX_MONEY"),
    ("tons, people or any outcome per unit, and a target", "MAX_AMOUNT"),
)


# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Bounds:
    """The numeric and length constraints pydantic keeps in a field's metadata."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    min_len: int | None = None
    max_len: int | None = None

    def merged(self, other: Bounds) -> Bounds:
        """Both sets of constraints; the other's win where both set one."""
        changes = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def without(self, implied: Bounds) -> Bounds:
        """Only the constraints a named alias does not already imply."""
        kept = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(implied, f.name)
        }
        return Bounds(**kept)


def _bounds(metadata: Iterable[object]) -> Bounds:
    found = Bounds()
    for item in metadata:
        if isinstance(item, FieldInfo):
            found = found.merged(_bounds(item.metadata))
        elif isinstance(item, at.Ge):
            found = replace(found, ge=float(item.ge))
        elif isinstance(item, at.Gt):
            found = replace(found, gt=float(item.gt))
        elif isinstance(item, at.Le):
            found = replace(found, le=float(item.le))
        elif isinstance(item, at.Lt):
            found = replace(found, lt=float(item.lt))
        elif isinstance(item, at.MinLen):
            found = replace(found, min_len=item.min_length)
        elif isinstance(item, at.MaxLen):
            found = replace(found, max_len=item.max_length)
        else:
            # StringConstraints and friends carry min_length / max_length attributes.
            low, high = getattr(item, "min_length", None), getattr(item, "max_length", None)
            if low is not None:
                found = replace(found, min_len=low)
            if high is not None:
                found = replace(found, max_len=high)
    return found


def _num(value: float) -> str:
    """A number as an author would type it: 25000 not 25000.0, 0.5 as is."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return repr(float(value))


def _number_bounds(b: Bounds) -> str:
    if b.lt is not None:
        b = replace(b, le=None)  # a strict upper bound is the tighter one
    if b.gt is not None:
        b = replace(b, ge=None)
    low = b.ge if b.ge is not None else b.gt
    high = b.le if b.le is not None else b.lt
    if b.ge is not None and b.le is not None:
        joiner = " to " if b.ge < 0 else "–"  # "-1–1" reads as a typo
        return f" {_num(b.ge)}{joiner}{_num(b.le)}"
    parts = []
    if low is not None:
        parts.append(f"{'≥' if b.ge is not None else '>'} {_num(low)}")
    if high is not None:
        parts.append(f"{'≤' if b.le is not None else '<'} {_num(high)}")
    return (" " + " and ".join(parts)) if parts else ""


def _entries(count: int) -> str:
    return f"{_num(count)} {'entry' if count == 1 else 'entries'}"


def _length_bounds(b: Bounds) -> str:
    low, high = b.min_len, b.max_len
    if low and high:
        return f", {_num(low)}–{_entries(high)}"
    if low:
        return f", at least {_entries(low)}"
    if high:
        return f", at most {_entries(high)}"
    return ""


def _string_bounds(b: Bounds) -> str:
    parts = []
    if b.min_len == 1:
        parts.append("non-empty")
    elif b.min_len:
        parts.append(f"at least {_num(b.min_len)} characters")
    if b.max_len:
        parts.append(f"up to {_num(b.max_len)} characters")
    return (", " + ", ".join(parts)) if parts else ""


def _strip(tp: Any) -> tuple[Any, list[object]]:
    """Peel Annotated layers off a type, keeping their metadata."""
    metadata: list[object] = []
    while get_origin(tp) is Annotated:
        base, *extra = get_args(tp)
        metadata = [*extra, *metadata]
        tp = base
    return tp, metadata


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _union_tag(members: Sequence[Any], metadata: Iterable[object] = ()) -> str | None:
    """The field that tells union members apart: the discriminator, else a shared Literal."""
    for item in metadata:
        if isinstance(item, FieldInfo) and isinstance(item.discriminator, str):
            return item.discriminator
    if not members or not all(_is_model(m) for m in members):
        return None
    for name in members[0].model_fields:
        if all(_tag_value(m, name) is not None for m in members):
            return name
    return None


def _tag_value(model: type[BaseModel], tag: str) -> str | None:
    field = model.model_fields.get(tag)
    if field is None or get_origin(field.annotation) is not Literal:
        return None
    values = get_args(field.annotation)
    return str(values[0]) if len(values) == 1 else None


def _non_none(tp: Any) -> list[Any]:
    return [a for a in get_args(tp) if a is not type(None)]


def _paren(text: str) -> str:
    return f"({text})" if " " in text else text


def type_text(tp: Any, outer: Iterable[object] = ()) -> str:
    """A readable type, e.g. 'integer 0–5', 'list of id', 'table: id → integer'."""
    outer = list(outer)
    for alias, name in _NAMED:
        if tp == alias:
            extra = _bounds(outer).without(_bounds(_strip(alias)[1]))
            return name + _number_bounds(extra) + _string_bounds(extra)
    base, metadata = _strip(tp)
    if base is not tp:
        return type_text(base, [*metadata, *outer])
    b = _bounds(outer)
    if _is_union(tp):
        members = _non_none(tp)
        tag = _union_tag(members, outer)
        if tag is not None:
            return f"table; `{tag}` picks one of {len(members)} kinds"
        if len(members) == 1:
            return type_text(members[0], outer)
        return " or ".join(type_text(m) for m in members)
    origin = get_origin(tp)
    if origin is Literal:
        values = ", ".join(f"`{json.dumps(v)}`" for v in get_args(tp))
        return values if len(get_args(tp)) == 1 else f"one of {values}"
    if origin is list:
        (item,) = get_args(tp)
        inner, inner_meta = _strip(item)
        if _is_model(inner):
            text = "list of tables"
        elif _is_union(inner) and _union_tag(_non_none(inner), inner_meta):
            tag = _union_tag(_non_none(inner), inner_meta)
            text = f"list of tables; `{tag}` picks one of {len(_non_none(inner))} kinds"
        else:
            text = f"list of {_paren(type_text(item))}"
        return text + _length_bounds(b)
    if origin is dict:
        key, value = get_args(tp)
        text = f"table: {_paren(type_text(key))} → {_paren(type_text(value))}"
        return text + _length_bounds(b)
    if _is_model(tp):
        return "table"
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer" + _number_bounds(b)
    if tp is float:
        return "number" + _number_bounds(b)
    if tp is str:
        return "string" + _string_bounds(b)
    return getattr(tp, "__name__", str(tp))


# --------------------------------------------------------------------------- fields


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """Field types as written in models.py, so named aliases such as Money survive."""
    try:
        return typing.get_type_hints(model, include_extras=True)
    except (NameError, TypeError):
        return {}  # an unresolvable hint: fall back to pydantic's annotations


def _field_type(model: type[BaseModel], name: str) -> Any:
    return _hints(model).get(name, model.model_fields[name].annotation)


def _alias_description(tp: Any) -> str | None:
    for alias, _ in _NAMED:
        if tp == alias:
            return next((m.description for m in _strip(alias)[1] if isinstance(m, FieldInfo)), None)
    return None


def _value_text(value: Any) -> str:
    """A default as TOML would spell it."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _num(value).replace(",", "_")
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, BaseModel):
        return "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k} = {_value_text(v)}" for k, v in value.items()) + " }"
    return str(value)


def _default_text(field: FieldInfo) -> str:
    if field.is_required():
        return "**required**"
    value = field.get_default(call_default_factory=True, validated_data={})
    if value is None:
        return "none"
    return f"`{_value_text(value)}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _row(model: type[BaseModel], name: str, tag: str | None = None) -> str:
    field = model.model_fields[name]
    tp = _field_type(model, name)
    description = field.description or ""
    if description and description == _alias_description(tp):
        description = ""  # the type's own note, explained once under "Types"
    if name == tag:
        description = description or "Says which kind of entry this is."
    return (
        f"| `{name}` | {_cell(type_text(tp, field.metadata))} | {_default_text(field)} "
        f"| {_cell(description)} |"
    )


def _table(model: type[BaseModel], names: Iterable[str], tag: str | None = None) -> Iterator[str]:
    rows = [_row(model, name, tag) for name in names]
    if rows:
        yield "\n".join(["| key | type | default | description |", "|---|---|---|---|", *rows])


def _doc(model: type[BaseModel]) -> Iterator[str]:
    # Only the class's own docstring: an undocumented subclass must not repeat its base's.
    text = model.__dict__.get("__doc__")
    for paragraph in inspect.cleandoc(text).split("\n\n") if text else ():
        yield " ".join(paragraph.split())


# --------------------------------------------------------------------------- sections
# Every generator below yields Markdown blocks; reference_markdown() joins them with
# one blank line, so the output is stable whatever each block contains.


@dataclass(frozen=True)
class _Nested:
    """A field whose value is itself a table, a list of tables or a free-keyed table."""

    name: str
    models: tuple[type[BaseModel], ...]
    tag: str | None
    is_list: bool
    is_dict: bool = False


def _nested(model: type[BaseModel], name: str) -> _Nested | None:
    tp, metadata = _strip(_field_type(model, name))
    is_list = get_origin(tp) is list
    if is_list:
        tp, metadata = _strip(get_args(tp)[0])
    if get_origin(tp) is dict:
        return _Nested(name, (), None, False, is_dict=True)
    if _is_union(tp):
        members = _non_none(tp)
        tag = _union_tag(members, metadata)
        if tag is not None:
            return _Nested(name, tuple(members), tag, is_list)
        if len(members) == 1 and _is_model(members[0]):
            return _Nested(name, (members[0],), None, is_list)
        return None
    if _is_model(tp):
        return _Nested(name, (tp,), None, is_list)
    return None


def _heading(level: int, text: str) -> str:
    return f"{'#' * min(level, 6)} {text}"


def _header(path: Sequence[str], is_list: bool) -> str:
    dotted = ".".join(path)
    return f"`[[{dotted}]]`" if is_list else f"`[{dotted}]`"


def _field_note(model: type[BaseModel], name: str, shown: Sequence[str] = ()) -> Iterator[str]:
    """The parent field's description, unless the section already says the same."""
    description = model.model_fields[name].description
    if description and not any(s.startswith(description.rstrip(".")) for s in shown):
        yield description


def _model_section(
    model: type[BaseModel],
    title: str,
    level: int,
    path: tuple[str, ...],
    parent: tuple[type[BaseModel], str] | None = None,
    tag: str | None = None,
    skip: Iterable[str] = (),
    suffix: str = "",
) -> Iterator[str]:
    yield _heading(level, title)
    doc = list(_doc(model))
    yield from doc
    if parent is not None:
        yield from _field_note(*parent, shown=doc)
    skipped = set(skip)
    names = [n for n in model.model_fields if n not in skipped]
    if tag in names:
        names.remove(tag)
        names.insert(0, tag)  # the tag first: it decides what the other keys mean
    yield from _table(model, names, tag)
    yield from _children(model, names, level + 1, path, suffix)


def _children(
    model: type[BaseModel],
    names: Iterable[str],
    level: int,
    path: tuple[str, ...],
    suffix: str,
) -> Iterator[str]:
    for name in names:
        nested = _nested(model, name)
        if nested is None:
            continue
        sub = (*path, name)
        if nested.is_dict:
            yield from _dict_section(model, name, level, sub, suffix)
        elif nested.tag is not None:
            yield from _union_section(model, nested, level, sub, suffix)
        else:
            title = _header(sub, nested.is_list) + suffix
            yield from _model_section(
                nested.models[0], title, level, sub, parent=(model, name), suffix=suffix
            )


def _dict_section(
    model: type[BaseModel], name: str, level: int, path: tuple[str, ...], suffix: str
) -> Iterator[str]:
    field = model.model_fields[name]
    tp, _ = _strip(_field_type(model, name))
    key, value = get_args(tp)
    yield _heading(level, _header(path, False) + suffix)
    yield from _field_note(model, name)
    key_base, _ = _strip(key)
    if get_origin(key_base) is not Literal:
        yield (
            f"Each key is of type *{type_text(key)}*; each value is of type *{type_text(value)}*."
        )
        return
    default: dict[Any, Any] = {}
    if not field.is_required():
        default = field.get_default(call_default_factory=True, validated_data={}) or {}
    keys = get_args(key_base)
    rows = [f"| `{k}` | {_cell(type_text(value))} |" for k in keys]
    if default:
        rows = [
            f"{row} `{_value_text(default[k])}` |" if k in default else f"{row}  |"
            for row, k in zip(rows, keys, strict=True)
        ]
        header = ["| key | type | default |", "|---|---|---|"]
    else:
        header = ["| key | type |", "|---|---|"]
    yield "\n".join(header + rows)


def _common_fields(members: Sequence[type[BaseModel]], tag: str) -> list[str]:
    """Keys every member shares with the same type and default, shown once."""
    first = members[0].model_fields
    return [
        name
        for name, field in first.items()
        if name != tag
        and all(repr(m.model_fields.get(name)) == repr(field) for m in members)
        and all(_field_type(m, name) == _field_type(members[0], name) for m in members)
    ]


def _union_section(
    model: type[BaseModel], nested: _Nested, level: int, path: tuple[str, ...], suffix: str
) -> Iterator[str]:
    tag = nested.tag or ""
    header = _header(path, nested.is_list)
    members = nested.models
    values = ", ".join(f'`"{_tag_value(m, tag)}"`' for m in members)
    yield _heading(level, header + suffix)
    yield from _field_note(model, nested.name)
    whose = "Each entry's" if nested.is_list else "Its"
    yield f"{whose} `{tag}` says which kind it is: {values}."
    common = _common_fields(members, tag)
    if common:
        yield "Every kind has these keys:"
        yield from _table(members[0], common)
        yield from _children(members[0], common, level + 1, path, suffix)
    for member in members:
        with_tag = f' with `{tag} = "{_tag_value(member, tag)}"`'
        yield from _model_section(
            member,
            header + with_tag + suffix,
            level + 1,
            path,
            tag=tag,
            skip=common,
            suffix=suffix + (" for" + with_tag.removeprefix(" with") if not suffix else ""),
        )


# --------------------------------------------------------------------------- document


def _types_section() -> Iterator[str]:
    yield _heading(3, "Types")
    lines = ["The type column uses these words:", ""]
    for alias, name in _NAMED:
        base, metadata = _strip(alias)
        note = (_alias_description(alias) or "").rstrip(".")
        pattern = next(
            (getattr(m, "pattern", None) for m in metadata if hasattr(m, "pattern")), None
        )
        plain = type_text(base, metadata)
        matching = f"; it must match `{pattern}`" if pattern else ""
        lines.append(f"- `{name}`: {note} ({plain}){matching}.")
    lines += [
        "- `number`: an integer or a decimal; `integer`: a whole number. A range such as "
        "`0–1` includes both ends.",
        "- `table`: a TOML table, written as a `[section]` or inline as `{ key = value }`. "
        "`list of tables`: an array of tables, written as repeated `[[section]]` blocks or "
        "inline as `[{ ... }, { ... }]`.",
        "- **required**: the key must be there. Every other key may be left out and then "
        "takes the default shown; *none* means it is simply absent.",
        "- Unknown keys are errors, so a misspelled key is reported, not ignored.",
    ]
    yield "\n".join(lines)


def _rules_section() -> Iterator[str]:
    yield _heading(3, "Cross-references")
    yield (
        "`sim validate` also checks that ids refer to things that exist. "
        "These keys must name an existing entry:"
    )
    rows = ["| must name | keys |", "|---|---|"]
    rows += [f"| {target} | {_cell(keys)} |" for target, keys in CROSS_REFERENCES]
    yield "\n".join(rows)
    yield "And these rules hold across tables:"
    yield "\n".join(f"- {rule}" for rule in OTHER_RULES)


def _limits_section() -> Iterator[str]:
    from sim.scenario.load import MAX_BYTES  # the loader's, so the two never disagree

    yield _heading(3, "Limits")
    yield (
        "The game plays, lints and analyzes a scenario within these limits in under a "
        "minute (200 organizations: lint about 12 s, analyze about 25 s); a "
        "file beyond one is refused with a located error. A project unit costs at least "
        f"${models.MIN_COST:g}, and a scenario file is at most {MAX_BYTES // 1024 // 1024} MB."
    )
    rows = ["| at most | of |", "|---|---|"]
    rows += [f"| {_num(getattr(models, name))} | {what} |" for what, name in LIMITS]
    yield "\n".join(rows)


def reference_markdown() -> str:
    """The complete format reference, from `Scenario` down, as Markdown."""
    top_level = list(Scenario.model_fields)
    blocks = [
        "<!-- Generated by `python -m sim.scenario.reference docs/authoring.md`: "
        "edit the models, not this section. -->",
        *_types_section(),
        _heading(3, "The file (top level)"),
        *_doc(Scenario),
        *_table(Scenario, top_level),
        *_children(Scenario, top_level, 3, (), suffix=""),
        *_rules_section(),
        *_limits_section(),
    ]
    return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------- command


def fill(document: str, reference: str | None = None) -> str:
    """The document with the text between the reference markers replaced."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"markers {START} and {END} not found in order")
    body = reference if reference is not None else reference_markdown()
    return document[: start + len(START)] + "\n" + body + document[end:]


def main(argv: Sequence[str]) -> int:
    """Print the reference, or with FILE refresh the reference inside FILE."""
    if not argv:
        sys.stdout.write(reference_markdown())
        return 0
    if len(argv) > 1 or argv[0].startswith("-"):
        sys.stderr.write("usage: python -m sim.scenario.reference [FILE]\n")
        return 2
    path = Path(argv[0])
    try:
        text = path.read_text(encoding="utf-8")
        updated = fill(text)
    except OSError as exc:
        sys.stderr.write(f"{path}: cannot read: {exc.strerror or exc}\n")
        return 1
    except ValueError:
        sys.stderr.write(f"{path}: no {START} … {END} markers; add them around the reference\n")
        return 1
    if updated == text:
        sys.stdout.write(f"{path}: reference already up to date\n")
        return 0
    path.write_text(updated, encoding="utf-8")
    sys.stdout.write(f"{path}: reference updated\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
