"""Every scenario that validates lints, analyzes, autoplays, saves, verifies and reports.

The scenarios are generated, not mutated: each starts from a shipped scenario's shape and
draws every number the format allows anywhere in its range (its bounds included, where the
crashes were: 1e20 points, inf money, 1e308 reductions), clones organizations, drops
events and tensions, and changes decision rules. Only what `sim validate` accepts is kept;
then every command runs on it in this process, so a traceback fails the test with its
stack, and each --json command must print exactly one JSON document.
"""

from __future__ import annotations

import json
import tomllib
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types as at
import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sim.cli import main
from sim.scenario import ScenarioInvalid, parse_scenario
from sim.scenario.models import Dynamics, Scenario, Scoring
from sim.scenario.starter import starter_text
from tests.conftest import SCENARIOS

BASES = {
    "starter": tomllib.loads(starter_text("demo", "Demo", "demo.toml")),
    "healthy-homes": tomllib.loads((SCENARIOS / "healthy-homes.toml").read_text("utf-8")),
}
RULES = ("consensus", "consensus_minus_one", "majority", "supermajority", "weighted")
RULES += ("executive_committee",)
Key = str | int
Leaf = tuple[tuple[Key, ...], type, float, float, bool, bool]  # path, int|float, lo, hi, open


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None, bool, bool]:
    lo = hi = None
    lo_open = hi_open = False
    for item in metadata:
        found = item.metadata if isinstance(item, FieldInfo) else [item]
        for m in found:
            if isinstance(m, at.Ge):
                lo = float(m.ge)  # type: ignore[arg-type]
            elif isinstance(m, at.Gt):
                lo, lo_open = float(m.gt), True  # type: ignore[arg-type]
            elif isinstance(m, at.Le):
                hi = float(m.le)  # type: ignore[arg-type]
            elif isinstance(m, at.Lt):
                hi, hi_open = float(m.lt), True  # type: ignore[arg-type]
    return lo, hi, lo_open, hi_open


def _member_for(options: tuple[Any, ...], value: Any) -> Any:
    """The union member a raw value is an instance of: the model whose tag it carries."""
    for option in options:
        base = get_args(option)[0] if get_origin(option) is Annotated else option
        if isinstance(value, dict) and isinstance(base, type) and issubclass(base, BaseModel):
            # The tag is `kind` where a model has one; other Literal fields are not tags.
            tagged = sorted(base.model_fields.items(), key=lambda nf: nf[0] != "kind")
            tags = [
                get_args(f.annotation)
                for _, f in tagged
                if get_origin(f.annotation) is typing.Literal
            ]
            if all(any(value.get(k) in t for k in value) for t in tags[:1]):
                return option
        elif not isinstance(value, dict) and base in (int, float) and not isinstance(value, bool):
            return option
    return None


def _leaves(
    annotation: Any, metadata: list[Any], value: Any, path: tuple[Key, ...]
) -> Iterator[Leaf]:
    """Every number in `value` with the type and the bounds the format gives it."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        yield from _leaves(base, [*metadata, *extra], value, path)
    elif origin in (Union, types.UnionType):
        member = _member_for(get_args(annotation), value)
        if member is not None:
            yield from _leaves(member, metadata, value, path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(value, dict):
            fields = {f.alias or n: f for n, f in annotation.model_fields.items()}
            for key, item in value.items():
                field = fields.get(key)
                if field is not None:
                    yield from _leaves(field.annotation, list(field.metadata), item, (*path, key))
    elif origin is list and isinstance(value, list):
        (element,) = get_args(annotation)
        for n, item in enumerate(value):
            yield from _leaves(element, [], item, (*path, n))
    elif origin is dict and isinstance(value, dict):
        _, element = get_args(annotation)
        for key, item in value.items():
            yield from _leaves(element, [], item, (*path, key))
    elif (
        annotation in (int, float)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        lo, hi, lo_open, hi_open = _bounds(metadata)
        yield (
            path,
            annotation,
            -1e6 if lo is None else lo,
            1e6 if hi is None else hi,
            lo_open,
            hi_open,
        )


def _number(draw: st.DrawFn, leaf: Leaf) -> float:
    _, kind, lo, hi, lo_open, hi_open = leaf
    if kind is int:
        low, high = int(lo) + lo_open, int(hi) - hi_open
        return draw(st.one_of(st.sampled_from([low, high]), st.integers(low, high)))
    edges = [x for x, is_open in ((lo, lo_open), (hi, hi_open)) if not is_open]
    inside = st.floats(lo, hi, exclude_min=lo_open, exclude_max=hi_open, allow_nan=False)
    return draw(st.one_of(st.sampled_from(edges), inside) if edges else inside)


def _set(data: Any, path: tuple[Key, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@st.composite
def scenarios(draw: st.DrawFn) -> str:
    """A scenario text drawn from the format's own ranges; most of them validate."""
    data = json.loads(json.dumps(BASES[draw(st.sampled_from(sorted(BASES)))]))
    # Every tunable written out, so that each can be drawn too.
    data["dynamics"] = {**Dynamics().model_dump(by_alias=True), **data.get("dynamics", {})}
    data["scoring"] = {**Scoring().model_dump(by_alias=True), **data.get("scoring", {})}
    orgs = data["organizations"]
    for n in range(draw(st.integers(0, 4))):
        clone = json.loads(json.dumps(orgs[draw(st.integers(0, len(orgs) - 1))]))
        clone["id"] = f"clone-{n}"
        clone.pop("history", None)
        orgs.append(clone)
    if draw(st.booleans()):
        data["events"] = [e for e in data.get("events", []) if draw(st.booleans())]
    if draw(st.integers(0, 4)) == 0:
        data["tensions"], data["events"] = [], []
    for issue in data["issues"]:
        for option in issue["options"]:
            if "decision" in option and draw(st.integers(0, 2)) == 0:
                rule = draw(st.sampled_from(RULES))
                option["decision"] = {"rule": rule}
                if rule == "supermajority":
                    option["decision"]["threshold"] = draw(st.floats(0.51, 1.0))
    leaves = list(_leaves(Scenario, [], data, ()))
    for leaf in draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=30)):
        _set(data, leaf[0], _number(draw, leaf))
    return tomli_w.dumps(data)


def _valid(text: str) -> bool:
    try:
        parse_scenario(text, "g.toml")
    except ScenarioInvalid:
        return False
    return True


def _json(out: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(out)  # fails on NaN, inf or any stray text
    return data


def test_the_generator_reaches_numbers_everywhere() -> None:
    data = {
        **BASES["healthy-homes"],
        "dynamics": Dynamics().model_dump(),
        "scoring": Scoring().model_dump(),
    }
    paths = {leaf[0][0] for leaf in _leaves(Scenario, [], data, ())}
    for table in ("organizations", "projects", "streams", "scoring", "dynamics", "results"):
        assert table in paths, table


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(text=scenarios(), seed=st.integers(1, 10_000), policy=st.sampled_from(["full", "random"]))
def test_what_validates_runs_every_command(
    text: str, seed: int, policy: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assume(_valid(text))
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "g.toml"
    path.write_text(text, encoding="utf-8")
    capture = _Capture()
    assert capture.run(["validate", "-q", str(path)]) == 0
    assert capture.run(["lint", str(path), "--play", "1"]) in (0, 1)
    assert "Traceback" not in capture.err
    _json(capture.ok(["analyze", str(path), "--json"]))
    played = _json(
        capture.ok(["autoplay", str(path), "--seed", str(seed), "--policy", policy, "--json"])
    )
    assert played["seed"] == seed
    save = folder / "game.toml"
    capture.ok(
        ["autoplay", str(path), "--seed", str(seed), "--policy", policy, "--save", str(save)]
    )
    assert "ok" in capture.ok(["verify", str(save)])
    capture.ok(["report", str(save), "-o", str(folder / "debrief.md")])
    assert (folder / "debrief.md").read_text(encoding="utf-8").strip()


class _Capture:
    """Runs `sim` in this process with stdout and stderr captured, so a traceback fails here."""

    def __init__(self) -> None:
        self.err = ""

    def run(self, argv: list[str]) -> int:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        self.out, self.err = out.getvalue(), err.getvalue()
        return code

    def ok(self, argv: list[str]) -> str:
        code = self.run(argv)
        assert code == 0, (argv, self.err[-2000:])
        return self.out
