"""A dimension's score as a sum of named parts, each of which becomes one *why* line.

Writing the score this way keeps every point traceable: the line says which rule gave
how many of its points and why, so the total is never a number nobody can explain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """Points a rule gave (`got` of `out_of`), what the state showed, and the source."""

    rule: str
    got: float
    out_of: float
    finding: str
    source: str = ""

    def line(self) -> str:
        head = f"{self.rule} {self.got:.0f}/{self.out_of:.0f}" if self.out_of > 0 else self.rule
        tail = f" — {self.source}" if self.source else ""
        return f"{head}: {self.finding}{tail}"


def note(rule: str, finding: str, source: str = "") -> Part:
    """A line that explains without scoring (out_of = 0)."""
    return Part(rule, 0.0, 0.0, finding, source)


def not_scored(rule: str, out_of: float, why: str) -> Part:
    """A part that did not apply in this game: it says so, and the dimension is rescaled
    over the parts that did (see `rescaled`)."""
    return Part(rule, 0.0, 0.0, f"not scored ({out_of:.0f} points): {why}")


def skipped(parts: list[Part]) -> list[Part]:
    return [p for p in parts if p.finding.startswith("not scored")]


def score(parts: list[Part]) -> float:
    """0–100: the points the parts gave out of the points they could give."""
    total = sum(p.out_of for p in parts)
    if total <= 0:
        return 0.0
    return round(100.0 * sum(p.got for p in parts) / total, 1)


def rescaled(parts: list[Part]) -> str | None:
    """A line saying how a dimension was rescaled when some parts were not scored."""
    off = skipped(parts)
    if not off:
        return None
    scored = sum(p.out_of for p in parts)
    names = ", ".join(p.rule.lower() for p in off)
    return (
        f"Rescaled: {names} did not apply, so this dimension is scored on the other "
        f"{scored:.0f} points and shown out of 100"
    )


def clamp01(value: float) -> float:
    return 0.0 if value < 0 else 1.0 if value > 1 else value


def share(part: float, whole: float) -> float:
    """part / whole in [0, 1], 0 when there is no whole."""
    return clamp01(part / whole) if whole > 0 else 0.0
