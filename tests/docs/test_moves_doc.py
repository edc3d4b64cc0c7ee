"""docs/moves.md ("Every move, at every seat") stays true to the code.

The conventions the doc keeps, and these tests check:

- each action kind of `RULES` has exactly one heading `### <Name> (`<kind>`)`, in the order
  of `RULES`, and every `###` heading is such a move heading;
- each move section has the fields `- **Who:**`, `- **Keys:**`, `- **Refused when:**`,
  `- **What it does:**` and `- **Rule:**`;
- `Who:` begins "the convener", "an organization seat" or "both", and agrees with the rule's
  `convener_only` and with which table keys `CONVENER_ONLY` / `MEMBER_ONLY` hide;
- `Keys:` names each key as `` `key` (`binding.id`) ``: the binding id names the screen
  (`table`, `agreement`, `allocation`, `member`), the binding with that id is bound to that
  key, and the ids named are exactly the bindings that start the move (`MOVE_BINDINGS`);
- `Rule:` names, as `` `sim/…/x.py` ``, the module that holds the move's why-not and effect;
- every backticked UPPER_CASE name in a section is an attribute of a module that section
  names.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from textual.binding import Binding

from sim.engine.session import RULES
from sim.tui.game.agreement import AgreementScreen
from sim.tui.game.allocation import AllocationScreen
from sim.tui.game.member_panel import MemberPanel
from sim.tui.game.table import CONVENER_ONLY, MEMBER_ONLY, TableScreen

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "moves.md"

HEADING = re.compile(r"^(#+) (.*)$")
MOVE_HEADING = re.compile(r"^(?P<name>\S.*) \(`(?P<kind>[a-z_]+)`\)$")
FIELD = re.compile(r"^- \*\*(?P<label>[^*]+):\*\* ?(?P<text>.*)$")
KEY = re.compile(r"`(?P<key>[^`]+)` \(`(?P<id>(?P<screen>[a-z]+)\.[a-z_]+)`\)")
CONSTANT = re.compile(r"`([A-Z][A-Z0-9_]*[A-Z0-9])`")
MODULE = re.compile(r"`(sim/[\w/]+\.py)`")

FIELDS = ("Who", "Keys", "Refused when", "What it does", "Rule")
SCREENS = {
    "table": TableScreen,
    "agreement": AgreementScreen,
    "allocation": AllocationScreen,
    "member": MemberPanel,
}
# The bindings that start each move: the table key, and the editor or panel keys after it.
MOVE_BINDINGS: dict[str, set[str]] = {
    "invite": {"table.invite", "table.member", "member.invite"},
    "choose_result": {"table.result"},
    "skip": {"table.skip"},
    "name_steering": {"table.steering"},
    "advance": {"table.advance"},
    "handle_tension": {"table.tension"},
    "propose": {"table.agreement", "agreement.propose", "agreement.package"},
    "sound_out": {"table.sound_out", "agreement.sound_out", "member.sound_out"},
    "vote": {"table.vote", "agreement.vote"},
    "pledge": {"table.pledge", "allocation.pledge"},
    "fund": {"table.allocation", "allocation.fund"},
    "stop": {"table.allocation", "allocation.stop"},
    "measure": {"table.allocation", "allocation.measure"},
    "reflect": {"table.reflect"},
    "respond": {"table.respond"},
    "join": {"table.join"},
    "ask_to_join": {"table.ask_to_join"},
    "walk_out": {"table.walk_out"},
    "raise_tension": {"table.tension"},
    "deliver": {"table.deliver"},
    "offer_deal": {"table.deals"},
    "answer_deal": {"table.deals"},
    "end_round": {"table.end_round", "agreement.end_round", "allocation.end_round"},
}
# Table keys that open an editor or a panel, shared by moves of both kinds of seat.
SHARED_TABLE_KEYS = {"agreement", "allocation", "member", "tension", "deals", "end_round"}


@dataclass
class Section:
    """One heading of the doc and the text under it, up to the next heading."""

    level: int
    title: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.lines])

    @property
    def kind(self) -> str | None:
        found = MOVE_HEADING.match(self.title)
        return found["kind"] if found and self.level == 3 else None

    def fields(self) -> dict[str, str]:
        """The section's `- **Label:** text` bullets, each with its indented continuation."""
        out: dict[str, str] = {}
        label: str | None = None
        for line in self.lines:
            found = FIELD.match(line)
            if found:
                label = found["label"]
                out[label] = found["text"]
            elif label is not None and line.startswith("  "):
                out[label] += " " + line.strip()
            else:
                label = None
        return out


def sections(text: str) -> list[Section]:
    out: list[Section] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        found = None if fenced else HEADING.match(line)
        if found:
            out.append(Section(len(found[1]), found[2].strip()))
        elif out:
            out[-1].lines.append(line)
    return out


@cache
def doc_sections() -> tuple[Section, ...]:
    assert DOC.exists(), f"{DOC} is missing"
    return tuple(sections(DOC.read_text(encoding="utf-8")))


def move_section(kind: str) -> Section:
    found = [s for s in doc_sections() if s.kind == kind]
    assert len(found) == 1, f"expected one section for {kind}, found {len(found)}"
    return found[0]


def key_pairs(text: str) -> list[tuple[str, str]]:
    """The (key, binding id) pairs a Keys field names."""
    return [(m["key"], m["id"]) for m in KEY.finditer(text)]


def binding(binding_id: str) -> Binding | None:
    screen = SCREENS.get(binding_id.split(".", 1)[0])
    if screen is None:
        return None
    for entry in screen.BINDINGS:
        if isinstance(entry, Binding) and entry.id == binding_id:
            return entry
    return None


def key_problems(pairs: list[tuple[str, str]]) -> list[str]:
    """Each named key that is not the key of the binding named beside it."""
    problems = []
    for key, binding_id in pairs:
        found = binding(binding_id)
        if found is None:
            problems.append(f"no binding {binding_id!r}")
        elif key not in [k.strip() for k in found.key.split(",")]:
            problems.append(f"{binding_id} is bound to {found.key!r}, not {key!r}")
    return problems


def modules_named(text: str) -> list[str]:
    return sorted({m.group(1) for m in MODULE.finditer(text)})


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def missing_constants(text: str) -> list[str]:
    """Backticked UPPER_CASE names in `text` that no module the text names defines."""
    names = sorted(set(CONSTANT.findall(text)))
    modules = [importlib.import_module(dotted(p)) for p in modules_named(text)]
    return [n for n in names if not any(hasattr(m, n) for m in modules)]


def who(text: str) -> str:
    lowered = text.lower()
    for start, seat in (
        ("the convener", "convener"),
        ("an organization seat", "organization"),
        ("both", "both"),
    ):
        if lowered.startswith(start):
            return seat
    raise AssertionError(
        f"Who: must begin 'the convener', 'an organization seat' or 'both': {text!r}"
    )


# ---------------------------------------------------------------------- headings


def test_every_kind_has_exactly_one_heading() -> None:
    counts = Counter(s.kind for s in doc_sections() if s.kind is not None)
    missing = [k for k in RULES if counts[k] == 0]
    twice = [k for k, n in counts.items() if n > 1]
    unknown = [k for k in counts if k not in RULES]
    assert not missing, f"no section for {missing}"
    assert not twice, f"more than one section for {twice}"
    assert not unknown, f"sections for kinds RULES does not have: {unknown}"


def test_moves_follow_the_order_of_rules() -> None:
    kinds = [s.kind for s in doc_sections() if s.kind is not None]
    assert kinds == list(RULES)


def test_every_third_level_heading_is_a_move() -> None:
    bad = [s.title for s in doc_sections() if s.level == 3 and s.kind is None]
    assert not bad, f"### headings that are not `### Name (`kind`)`: {bad}"


def test_the_doc_ends_with_the_stage_machine() -> None:
    last = [s for s in doc_sections() if s.level == 2][-1]
    assert last.title == "How the stage machine gates moves"
    assert "sim graph" in last.text and "`sim/engine/stages.py`" in last.text


# ---------------------------------------------------------------------- each move


@pytest.mark.parametrize("kind", list(RULES))
def test_each_move_has_its_fields(kind: str) -> None:
    fields = move_section(kind).fields()
    missing = [f for f in FIELDS if not fields.get(f, "").strip()]
    assert not missing, f"{kind}: no {missing}"


@pytest.mark.parametrize("kind", list(RULES))
def test_keys_are_the_bindings_of_the_move(kind: str) -> None:
    pairs = key_pairs(move_section(kind).fields().get("Keys", ""))
    assert any(i.startswith("table.") for _, i in pairs), f"{kind}: no table key named"
    assert not key_problems(pairs), f"{kind}: {key_problems(pairs)}"
    named = {i for _, i in pairs}
    assert named == MOVE_BINDINGS[kind], (
        f"{kind}: the doc names {sorted(named)}, the move starts from {sorted(MOVE_BINDINGS[kind])}"
    )


@pytest.mark.parametrize("kind", list(RULES))
def test_who_agrees_with_the_rule_and_the_table_keys(kind: str) -> None:
    seat = who(move_section(kind).fields()["Who"])
    assert (seat == "convener") == RULES[kind].convener_only, (
        f"{kind}: Who says {seat}, RULES says convener_only={RULES[kind].convener_only}"
    )
    table_actions = {
        i.removeprefix("table.")
        for i in MOVE_BINDINGS[kind]
        if i.startswith("table.") and i.removeprefix("table.") not in SHARED_TABLE_KEYS
    }
    if seat == "convener":
        assert not table_actions & MEMBER_ONLY, f"{kind}: its key is hidden from the convener"
    if seat == "organization":
        assert not table_actions & CONVENER_ONLY, f"{kind}: its key is hidden from members"


@pytest.mark.parametrize("kind", list(RULES))
def test_rule_points_to_the_module_of_the_rule(kind: str) -> None:
    named = {dotted(p) for p in modules_named(move_section(kind).fields()["Rule"])}
    rule = RULES[kind]
    for function in (rule.why_not, rule.apply):
        assert function.__module__ in named, (
            f"{kind}: Rule names {sorted(named)}, but {function.__name__} is in "
            f"{function.__module__}"
        )


# ---------------------------------------------------------------------- constants


def test_every_module_named_exists() -> None:
    for section in doc_sections():
        for path in modules_named(section.text):
            assert (ROOT / path).is_file(), f"{section.title}: {path} does not exist"


@pytest.mark.parametrize("section", doc_sections(), ids=lambda s: s.title)
def test_constants_exist_in_the_modules_the_section_names(section: Section) -> None:
    names = CONSTANT.findall(section.text)
    if names:
        assert modules_named(section.text), f"{section.title}: names constants, no module"
    assert not missing_constants(section.text), (
        f"{section.title}: {missing_constants(section.text)} not found in "
        f"{modules_named(section.text)}"
    )


def test_the_doc_names_constants_at_all() -> None:
    total = sum(len(set(CONSTANT.findall(s.text))) for s in doc_sections())
    assert total >= 40, f"only {total} constants named: the check would say little"


# ---------------------------------------------------------------------- the checks can fail


def test_the_checks_catch_mistakes() -> None:
    assert missing_constants("`NO_SUCH_FIGURE` in `sim/engine/forming.py`") == ["NO_SUCH_FIGURE"]
    assert missing_constants("`STEERING_TIME` in `sim/engine/forming.py`") == []
    assert missing_constants("`STEERING_TIME` in `sim/engine/storming.py`") == ["STEERING_TIME"]
    assert key_problems([("q", "table.invite")]) == ["table.invite is bound to 'i', not 'q'"]
    assert key_problems([("i", "table.nothing")]) == ["no binding 'table.nothing'"]
    assert key_problems([("i", "table.invite"), ("p", "agreement.propose")]) == []
    text = "### Vote (`vote`)\n\n- **Who:** both\n  at once\n### Vote (`vote`)\n"
    parsed = sections(text)
    assert [s.kind for s in parsed] == ["vote", "vote"]
    assert parsed[0].fields() == {"Who": "both at once"}
    with pytest.raises(AssertionError):
        who("anyone at all")
