"""The report: golden files for a fixed save, and the `sim report` command's contract.

The saves are played in the test from the committed fixture scenario and seed, so tuning
the shipped scenarios never churns these files. When the engine's rules change on purpose,
regenerate them with `UPDATE_GOLDEN=1 pytest tests/debrief` and read the diff.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import pytest

from sim.cli.debrief import add_commands
from sim.debrief.debrief import Debrief
from sim.debrief.render.html import render_html
from sim.debrief.render.markdown import render_markdown
from sim.debrief.render.report import report
from sim.debrief.render.seminar import seminar_report
from sim.record.notes import add_note

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{name} did not exist: written now, check it and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs; UPDATE_GOLDEN=1 regenerates it"


@pytest.fixture(scope="module")
def annotated(seminar: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Debrief:
    """table-a with two instructors' notes: one before play, one on the deferral."""
    path = tmp_path_factory.mktemp("annotated") / "table-a.toml"
    shutil.copyfile(seminar["a"], path)
    deferral = Debrief.open(path).moments
    step = next(m.step for m in deferral if m.kind == "deferred")
    add_note(path, 0, "Ask who expected the table to fund first.", author="Dr. Okafor")
    add_note(path, step, "Why defer this one | and not the others?", author="Dr. Okafor")
    return Debrief.open(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="sim")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_markdown_golden(annotated: Debrief) -> None:
    check_golden("table-a.md", render_markdown(report(annotated)))


def test_html_golden(annotated: Debrief) -> None:
    check_golden("table-a.html", render_html(report(annotated)))


def test_seminar_golden(seminar: dict[str, Path]) -> None:
    tables = [Debrief.open(seminar[k]) for k in ("a", "b", "c")]
    check_golden("seminar.md", render_markdown(seminar_report(tables)))


def test_the_report_follows_the_six_phases(annotated: Debrief) -> None:
    text = render_markdown(report(annotated))
    phases = [
        "## 1. How do you feel?",
        "## 2. What happened?",
        "## 3. What did you learn?",
        "## 4. How does it relate to the real world?",
        "## 5. What if?",
        "## 6. What next?",
    ]
    at = [text.index(p) for p in phases]
    assert at == sorted(at)
    assert text.index("## Scorecard") < at[0]
    for part in ("### Timeline by stage", "### Key moments", "### Charts"):
        assert text.index(part) < at[2]
    assert "docs/sources.md#living-cities-2014" in text  # quotes cite the repo, not a seed file
    assert "What the same money and rule could have reached" in text
    # Notes show in the timeline and in their own section; a pipe in a note is escaped.
    assert text.count("Why defer this one \\| and not the others?") == 2
    assert "Ask who expected the table to fund first." in text


def test_html_has_svg_charts_and_no_scripts(annotated: Debrief) -> None:
    page = render_html(report(annotated))
    assert page.count("<svg") == 3
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "@media print" in page
    assert "Why defer this one | and not the others?" in page


def test_report_command_writes_markdown_to_stdout(
    seminar: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["report", str(seminar["a"])], capsys)
    assert code == 0 and err == ""
    assert out.startswith("# Debrief: Healthy Homes Lakeshore")


def test_report_command_writes_html_by_suffix(
    seminar: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "debrief.html"
    code, out, _ = run(["report", str(seminar["a"]), "-o", str(target)], capsys)
    assert code == 0 and out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = tmp_path / "debrief.md"
    assert run(["report", str(seminar["a"]), "-o", str(md)], capsys)[0] == 0
    assert md.read_text(encoding="utf-8").startswith("# Debrief")


def test_report_command_compares_a_seminar(
    seminar: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", str(seminar["a"]), "--compare", str(seminar["b"]), str(seminar["c"])]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert out.startswith("# Seminar debrief: Healthy Homes Lakeshore")
    assert "| Dimension | table-a.toml | table-b.toml | table-c.toml |" in out


def test_a_damaged_save_is_one_line_and_exit_1(
    save_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = save_copy.read_text(encoding="utf-8")
    save_copy.write_text(text.replace('stage = "storming"', 'stage = "norming"', 1), "utf-8")
    code, out, err = run(["report", str(save_copy)], capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"sim: {save_copy}: step ") and err.count("\n") == 1
    code, _, err = run(["report", str(save_copy.parent / "missing.toml")], capsys)
    assert code == 1 and "no such file" in err and err.count("\n") == 1


def test_tables_of_another_scenario_are_refused(
    seminar: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.record.helpers import autoplay_save

    other = autoplay_save(tmp_path)
    code, out, err = run(["report", str(seminar["a"]), "--compare", str(other)], capsys)
    assert code == 1 and out == ""
    assert "compare tables of one scenario" in err and err.count("\n") == 1


def test_an_unwritable_output_is_exit_1(
    seminar: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["report", str(seminar["a"]), "-o", str(tmp_path / "no" / "x.md")], capsys)
    assert code == 1 and err.startswith("sim: cannot write")
