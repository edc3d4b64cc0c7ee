"""The game's six lessons as clean contrasts: the careful convener against itself with one
choice changed, on the same seeds.

No score line asserts any of these: each is what the rules make of the choice, measured in
batch play. A lesson 'emerges' when its 95% interval excludes 0 in the direction the
research expects and |d| ≥ 0.3 (docs/sources.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sim.engine.bots.convener import Choices
from sim.engine.bots.plan import SMALL_TABLE, plan_table
from sim.engine.game import Game
from sim.engine.trust import initial_trust
from sim.study.batch import Arm, run
from sim.study.contrast import Contrast, contrast
from sim.study.metrics import GameFigures

BACKBONE = "network_administrative_organization"
# A table this large is a plenary no one can run by consensus (Wheelan 2009).
LARGE_TABLE = 16
# Shared governance fits few members only at high trust density; below it a lead
# organization or a backbone fits better (Provan & Kenis 2008, table 1).
SHARED_DENSITY = 0.6


@dataclass(frozen=True)
class Lesson:
    """A lesson, the metric it is read on, and how it plays out in one scenario."""

    id: str
    title: str
    metric: str  # a GameFigures field
    unit: str
    better: str  # "higher" or "lower": which way the research expects arm a to differ
    contrast: Callable[[Game], tuple[Arm, Arm] | str]  # the arms, or why it does not apply
    source: str


@dataclass(frozen=True)
class LessonResult:
    lesson: Lesson
    arms: tuple[str, str] | None
    result: Contrast | None
    applies: str | None  # why it does not apply here, when it does not

    @property
    def emerges(self) -> bool:
        if self.result is None:
            return False
        r = self.result
        right_way = r.low > 0 if self.lesson.better == "higher" else r.high < 0
        return right_way and r.emerges

    def as_json(self) -> dict[str, object]:
        r = self.result
        return {
            "id": self.lesson.id,
            "title": self.lesson.title,
            "contrast": f"{self.arms[0]} vs {self.arms[1]}" if self.arms else None,
            "metric": self.lesson.metric,
            "n": r.n if r else 0,
            "mean_a": round(r.mean_a, 4) if r else None,
            "mean_b": round(r.mean_b, 4) if r else None,
            "mean_diff": round(r.mean_diff, 4) if r else None,
            "ci": [round(r.low, 4), round(r.high, 4)] if r else None,
            "d": round(r.d, 4) if r else None,
            "emerges": self.emerges,
            "applies": self.applies is None,
            "why_not": self.applies,
        }


def _everyone(game: Game) -> tuple[str, ...]:
    return tuple(o.id for o in game.scenario.organizations)


def _form_perform(game: Game) -> tuple[Arm, Arm] | str:
    return Arm("every stage"), Arm("skips to performing", choices=Choices(skip=True))


def _group_size(game: Game) -> tuple[Arm, Arm] | str:
    if len(game.orgs) <= LARGE_TABLE:
        return f"with {len(game.orgs)} organizations the whole table is small enough to decide"
    everyone = _everyone(game)
    return (
        Arm("steering committee", choices=Choices(invite=everyone, steering=True)),
        Arm(
            f"{len(everyone)}-member consensus plenary",
            choices=Choices(invite=everyone, steering=False),
        ),
    )


def _forms(game: Game) -> set[str]:
    return {
        o.form  # type: ignore[attr-defined]
        for i in game.scenario.issues
        if i.kind == "governance"
        for o in i.options
    }


def _opening_density(game: Game) -> float:
    """Mean pairwise trust among every organization as the game opens (seed-free)."""
    trust = initial_trust(game)
    n = len(trust)
    pairs = [trust[i][j] for i in range(n) for j in range(n) if i != j]
    return sum(pairs) / len(pairs) if pairs else 0.0


def _governance_fit(game: Game) -> tuple[Arm, Arm] | str:
    forms = _forms(game)
    if BACKBONE not in forms or "shared" not in forms:
        return "the scenario does not offer both shared governance and a backbone"
    everyone = _everyone(game)
    backbone = Arm("backbone", choices=Choices(invite=everyone, govern=BACKBONE))
    shared = Arm("shared governance", choices=Choices(invite=everyone, govern="shared"))
    if len(everyone) > SMALL_TABLE or _opening_density(game) < SHARED_DENSITY:
        return backbone, shared
    # Only a handful of members who already trust one another can run themselves.
    return shared, backbone


def _measurement(game: Game) -> tuple[Arm, Arm] | str:
    return Arm("measures and reallocates"), Arm("never measures", choices=Choices(measure=False))


def _needed_interest(game: Game) -> str | None:
    counts: dict[str, int] = {}
    for item in [*game.scenario.projects, *game.scenario.streams]:
        for need in item.needs:
            counts[need.interest] = counts.get(need.interest, 0) + 1
    return max(counts, key=lambda i: (counts[i], i)) if counts else None


def _interests(game: Game) -> tuple[Arm, Arm] | str:
    interest = _needed_interest(game)
    if interest is None:
        return "no project or stream here needs an interest the table might lack"
    size = len(plan_table(game))
    without = [
        o for o in plan_table(game, len(game.orgs)) if interest not in game.orgs[o].interests
    ]
    if len(without) < size:
        return "too few organizations lack the needed interest to seat an equal table"
    name = next(i.name for i in game.scenario.interests if i.id == interest)
    return (
        Arm("covers every interest"),
        Arm(
            f"an equal table without {name.lower()}", choices=Choices(invite=tuple(without[:size]))
        ),
    )


def _trust_asymmetry(game: Game) -> tuple[Arm, Arm] | str:
    return (
        Arm("keeps its commitments"),
        Arm("moves money each year without cause", choices=Choices(churn=True)),
    )


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "form-perform",
        "Storming and norming lead to performing sooner and more effectively",
        "cumulative",
        "",
        "higher",
        _form_perform,
        "docs/sources.md#living-cities-2014",
    ),
    Lesson(
        "group-size",
        "A plenary deciding everything by consensus stalls; a smaller body decides",
        "rounds_to_agree",
        " rounds",
        "lower",
        _group_size,
        "docs/sources.md#group-development",
    ),
    Lesson(
        "governance-fit",
        "The governance form that fits the network's size works best",
        "cumulative",
        "",
        "higher",
        _governance_fit,
        "docs/sources.md#governance",
    ),
    Lesson(
        "measurement",
        "Measuring what projects deliver and moving money on it pays",
        "cumulative",
        "",
        "higher",
        _measurement,
        "docs/sources.md#living-cities-2014",
    ),
    Lesson(
        "interests",
        "A table judged by the interests it covers, not seats per sector",
        "cumulative",
        "",
        "higher",
        _interests,
        "docs/sources.md#living-cities-2014",
    ),
    Lesson(
        "trust-asymmetry",
        "Trust is lost faster than it is gained",
        "trust",
        "",
        "higher",
        _trust_asymmetry,
        "docs/sources.md#trust",
    ),
)


def by_id(ids: Sequence[str] | None = None) -> list[Lesson]:
    if not ids:
        return list(LESSONS)
    known = {lesson.id: lesson for lesson in LESSONS}
    return [known[i] for i in ids]


def run_lessons(
    path: Path,
    game: Game,
    runs: int,
    *,
    jobs: int = 1,
    lessons: Sequence[Lesson] | None = None,
    first_seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[LessonResult]:
    """Each lesson's contrast over `runs` paired seeds (arm a and arm b on every seed)."""
    chosen = list(lessons or LESSONS)
    plans = [(lesson, lesson.contrast(game)) for lesson in chosen]
    tasks = []
    for _, arms in plans:
        if isinstance(arms, tuple):
            for arm in arms:
                tasks += [(arm, seed) for seed in range(first_seed, first_seed + runs)]
    total = len(tasks)
    played = run(
        path, tasks, jobs=jobs, progress=(lambda done: progress(done, total)) if progress else None
    )
    out: list[LessonResult] = []
    at = 0
    for lesson, arms in plans:
        if isinstance(arms, str):
            out.append(LessonResult(lesson, None, None, arms))
            continue
        a = played[at : at + runs]
        b = played[at + runs : at + 2 * runs]
        at += 2 * runs
        out.append(
            LessonResult(
                lesson, (arms[0].label, arms[1].label), _contrast(lesson, arms, a, b), None
            )
        )
    return out


def _contrast(
    lesson: Lesson, arms: tuple[Arm, Arm], a: list[GameFigures], b: list[GameFigures]
) -> Contrast:
    pick = lambda f: float(getattr(f, lesson.metric))  # noqa: E731
    return contrast(arms[0].label, [pick(f) for f in a], arms[1].label, [pick(f) for f in b])
