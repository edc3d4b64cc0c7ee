"""A paired contrast: one choice differs, the same seeds, the difference with its interval.

The interval is the normal approximation on the per-seed differences; the effect size is
Cohen's d, the mean difference over the two arms' pooled standard deviation.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# A lesson emerges when its 95% interval excludes 0 and its effect is at least this large.
MIN_EFFECT = 0.3
Z95 = 1.96


@dataclass(frozen=True)
class Contrast:
    """Arm a against arm b over the same seeds (a − b), and whether the lesson emerges."""

    label_a: str
    label_b: str
    mean_a: float
    mean_b: float
    mean_diff: float
    low: float
    high: float
    d: float
    n: int

    @property
    def emerges(self) -> bool:
        """The 95% interval excludes 0 and |d| is at least MIN_EFFECT, in either direction."""
        return (self.low > 0 or self.high < 0) and abs(self.d) >= MIN_EFFECT

    def line(self, unit: str = "") -> str:
        return (
            f"{self.label_a} {self.mean_a:,.1f} vs {self.label_b} {self.mean_b:,.1f}{unit}: "
            f"difference {self.mean_diff:+,.1f} (95% CI {self.low:+,.1f} to {self.high:+,.1f}, "
            f"d = {self.d:+.2f}, n = {self.n} paired seeds)"
        )


def contrast(label_a: str, a: Sequence[float], label_b: str, b: Sequence[float]) -> Contrast:
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    n = len(diffs)
    mean = statistics.fmean(diffs) if diffs else 0.0
    half = Z95 * statistics.stdev(diffs) / math.sqrt(n) if n > 1 else 0.0
    pooled = math.sqrt((statistics.variance(a) + statistics.variance(b)) / 2) if n > 1 else 0.0
    d = mean / pooled if pooled > 0 else 0.0
    return Contrast(
        label_a,
        label_b,
        statistics.fmean(a) if a else 0.0,
        statistics.fmean(b) if b else 0.0,
        mean,
        mean - half,
        mean + half,
        d,
        n,
    )
