"""A thousand ways to damage a real save: each is either refused in one line naming where, or
loads as exactly the original (or the original cut at an entry): never a wrong replay."""

from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.record import SaveError, annotate, require_complete, verify
from sim.record.layout import MARKER
from sim.record.model import Save
from sim.record.reader import parse_save
from tests.record.helpers import autoplay_save

WHERE = ("step ", "header: ", "scenario: ", "file: ", "annotation ")


@functools.cache
def original() -> tuple[bytes, Save]:
    """A real, annotated save, made once per test run by playing a game."""
    with tempfile.TemporaryDirectory() as folder:
        path = autoplay_save(Path(folder), seed=2, policy="random")
        annotate(path, 3, "Ines", 'Why "this" invite?\nAsk the table.')
        data = path.read_bytes()
    save = parse_save(data)
    assert len(save.entries) >= 20 and save.annotations
    return data, save


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data, _ = original()
    body = data.index(MARKER.encode())  # most bytes are the scenario text; aim at the rest too
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        if not out:
            break
        low = body if draw(st.booleans()) and body < len(out) else 0
        at = draw(st.integers(low, len(out) - 1))
        how = draw(
            st.sampled_from(
                ["flip", "byte", "delete", "insert", "truncate", "dup-line", "drop-line", "digit"]
            )
        )
        if how == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "byte":
            out[at] = draw(st.integers(0, 255))
        elif how == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif how == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(SNIPPETS))
        elif how == "truncate":
            del out[at:]
        elif how in ("dup-line", "drop-line"):
            start = out.rfind(b"\n", 0, at) + 1
            end = out.find(b"\n", at) + 1 or len(out)
            line = bytes(out[start:end])
            out[start:end] = line * 2 if how == "dup-line" else b""
        else:
            digit = next((i for i in range(at, len(out)) if 48 <= out[i] <= 57), None)
            if digit is not None:
                out[digit] = 48 + (out[digit] - 48 + draw(st.integers(1, 9))) % 10
    return bytes(out)


SNIPPETS = [b"\n", b"\n[[actions]]\n", b"\0\0\0\0", b'"', b"#", b"\r\n", b"\xff\xfe", b" = 1\n"]


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=mutated())
def test_mutated_saves_are_refused_in_one_line_or_load_unchanged(data: bytes) -> None:
    _, good = original()
    try:
        save = parse_save(data)
        verify(save)
    except SaveError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(WHERE), message
        return
    assert save.header == good.header
    assert save.annotations == good.annotations
    assert save.entries == good.entries[: len(save.entries)]
    try:
        require_complete(save)
    except SaveError as exc:
        assert save.torn is not None and str(exc).startswith(f"step {save.torn.step}: ")


def test_the_mutated_save_is_real() -> None:
    data, save = original()
    assert verify(parse_save(data)).state_hash() == save.entries[-1].hash
    assert io.BytesIO(data).read(1) == b"#"
