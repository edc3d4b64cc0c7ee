"""docs/authoring.md stays true: its reference matches the models, its example validates."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from sim.cli import main as sim_main
from sim.scenario import Scenario, models, parse_scenario
from sim.scenario.reference import END, START, fill, main, reference_markdown
from sim.scenario.starter import starter_text
from tests.conftest import ROOT

DOC = ROOT / "docs" / "authoring.md"
REGENERATE = "python -m sim.scenario.reference docs/authoring.md"


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _models() -> list[type[BaseModel]]:
    """Every model defined in models.py, found without the reference module's walk."""
    return [
        obj
        for obj in vars(models).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == models.__name__
    ]


def _worked_example() -> str:
    blocks = re.findall(r"^```toml\n(.*?)^```", _doc(), re.S | re.M)
    found = [
        b for b in blocks if any(line.startswith("# worked-example") for line in b.splitlines()[:2])
    ]
    assert len(found) == 1, "docs/authoring.md needs one ```toml block marked '# worked-example'"
    return found[0]


def test_committed_reference_matches_the_models() -> None:
    text = _doc()
    assert START in text and END in text, f"docs/authoring.md lost its {START} / {END} markers"
    committed = text.split(START, 1)[1].split(END, 1)[0]
    assert committed == "\n" + reference_markdown(), (
        f"the reference in docs/authoring.md is stale: run `{REGENERATE}` and commit it"
    )


def test_every_field_of_every_model_is_in_the_reference() -> None:
    reference = reference_markdown()
    missing = [
        f"{model.__name__}.{name}"
        for model in _models()
        for name in model.model_fields
        if f"| `{name}` |" not in reference
    ]
    assert not missing, f"fields without a row in the reference: {missing}"


def test_every_model_docstring_and_union_tag_is_in_the_reference() -> None:
    reference = " ".join(reference_markdown().split())
    for model in _models():
        doc = model.__dict__.get("__doc__")
        if doc and model.model_fields:
            assert " ".join(doc.split()) in reference, model.__name__
        for tag in ("kind", "on", "effect"):
            field = model.model_fields.get(tag)
            if field is None or get_origin(field.annotation) is not Literal:
                continue
            values = get_args(field.annotation)
            if len(values) == 1:
                assert f'`{tag} = "{values[0]}"`' in reference, (model.__name__, tag)


def test_worked_example_validates() -> None:
    scenario = parse_scenario(_worked_example(), "docs/authoring.md (worked example)")
    assert scenario.scenario.id == "harbor-air"
    assert len(scenario.organizations) == 5
    assert {issue.kind for issue in scenario.issues} >= {"governance", "decision_rule"}
    assert any(s.kind == "grant" and s.match_share == pytest.approx(0.2) for s in scenario.streams)
    assert all(project.source for project in scenario.projects)


def test_worked_example_has_the_zone_of_agreement_the_guide_describes() -> None:
    scenario = parse_scenario(_worked_example())
    issues = [(issue.id, [o.id for o in issue.options]) for issue in scenario.issues]
    for org in scenario.organizations:
        for issue_id, options in issues:
            assert set(org.points[issue_id]) == set(options), (org.id, issue_id)
    packages = list(itertools.product(*(options for _, options in issues)))

    def score(org: models.Organization, package: tuple[str, ...]) -> int:
        return sum(org.points[i][o] for (i, _), o in zip(issues, package, strict=True))

    favorites = {max(packages, key=lambda p: score(org, p)) for org in scenario.organizations}
    assert len(favorites) == len(scenario.organizations), "each party's favorite differs"
    zone = [p for p in packages if all(score(o, p) >= o.batna for o in scenario.organizations)]
    assert len(zone) == 3, "the guide says 3 of 81 packages clear every BATNA"


def test_fill_replaces_only_the_text_between_the_markers() -> None:
    document = f"# Title\n\nprose\n\n{START}\nold\n{END}\n\nmore prose\n"
    filled = fill(document, "new\n")
    assert filled == f"# Title\n\nprose\n\n{START}\nnew\n{END}\n\nmore prose\n"
    with pytest.raises(ValueError):
        fill("# no markers\n", "new\n")


def test_command_refreshes_a_file_and_refuses_one_without_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "guide.md"
    good.write_text(f"intro\n{START}\nstale\n{END}\n", encoding="utf-8")
    assert main([str(good)]) == 0
    assert good.read_text(encoding="utf-8") == f"intro\n{START}\n{reference_markdown()}{END}\n"
    bad = tmp_path / "plain.md"
    bad.write_text("no markers here\n", encoding="utf-8")
    assert main([str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "markers" in err
    assert bad.read_text(encoding="utf-8") == "no markers here\n"


def test_command_without_a_file_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out == reference_markdown()


def test_reference_starts_at_the_top_level_model() -> None:
    reference = reference_markdown()
    assert " ".join((Scenario.__doc__ or "").split()) in reference
    for table in ("[scenario]", "[[organizations]]", "[organizations.points]", "[dynamics]"):
        assert f"`{table}`" in reference, table


# The six mistakes section 2 of the guide makes in a copy of the starter, in its words.
BROKEN = (
    ('id = "county"', 'id = "County"'),  # an id in capitals
    ('personality = "hard_bargainer"', 'personalty = "hard_bargainer"'),  # a misspelled key
    ('parties = ["city", "neighbors"]', 'parties = ["city", "neigbors"]'),  # an organization
    ('kind = "decision_rule"', 'kind = "decision"'),  # an issue kind that does not exist
    ("cost_per_unit = 30_000", 'cost_per_unit = "30,000"'),  # a cost written as a string
    ("year = 2, round = 1", "year = 3, round = 1"),  # an event after the last year
)


def test_the_guides_broken_example_prints_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = starter_text("river-cleanup", "River Cleanup", "river-cleanup.toml")
    for old, new in BROKEN:
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "broken.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert sim_main(["validate", "broken.toml"]) == 1
    shown = DOC.read_text(encoding="utf-8").split("$ sim validate broken.toml\n", 1)[1]
    assert shown.split("$ echo $?", 1)[0] == capsys.readouterr().err
