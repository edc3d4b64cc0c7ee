"""Whatever is done to a valid scenario, `sim validate` answers with located lines, never a trace."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.scenario.starter import starter_text

LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: \S.*: .+$")
STARTER = starter_text("demo", "Demo", "demo.toml")
LINES = STARTER.splitlines(keepends=True)
VALUE_LINES = [n for n, line in enumerate(LINES) if re.match(r"^[a-z_]+ = ", line)]
SWAPS = ['"text"', "42", "-3.5", "true", "[1, 2]", "{ a = 1 }", "1979-05-27"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A starter scenario with one or more lines deleted, values swapped or bytes garbled."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["delete", "swap", "garble", "truncate", "duplicate"]))
        if not lines:
            break
        if how == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif how == "swap":
            n = draw(st.sampled_from(VALUE_LINES))
            if n < len(lines) and " = " in lines[n]:
                key = lines[n].split(" = ", 1)[0]
                lines[n] = f"{key} = {draw(st.sampled_from(SWAPS))}\n"
        elif how == "duplicate":
            n = draw(st.integers(0, len(lines) - 1))
            lines.insert(n, lines[n])
        elif how == "truncate":
            lines = lines[: draw(st.integers(0, len(lines)))]
    data = "".join(lines).encode()
    if draw(st.booleans()):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        junk = draw(st.binary(min_size=1, max_size=8))
        data = data[:at] + junk + data[at + len(junk) :]
    return data


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated())
def test_mutated_scenarios_get_located_errors(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mutant.toml"
    path.write_bytes(data)
    code = main(["validate", "-q", str(path)])
    out = capsys.readouterr()
    assert code in (0, 1)
    if code == 1:
        lines = out.err.splitlines()
        assert lines, "exit 1 must say why"
        for line in lines:
            assert LOCATED.match(line), line
            assert line.startswith(f"{path}:")
    assert "Traceback" not in out.err


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        b"[[organizations]]\n" * 5000,
        b"a = {" * 3000,
        STARTER.replace("[timeline]", "[timeline]\n[timeline]").encode(),
        ("x" * (2 * 1024 * 1024)).encode(),
    ],
    ids=["binary", "many-headers", "deep-inline", "duplicate-table", "2mb-junk"],
)
def test_real_process_never_prints_a_traceback(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "sim", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for line in done.stderr.splitlines():
        assert LOCATED.match(line), line


def test_a_50_megabyte_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"{path}:1:1: (file): the file is 50.0 MB; a scenario is at most 16 MB\n"
    )
