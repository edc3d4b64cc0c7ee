"""What `sim balance` prints for a person: the progress bar, the tables, the histograms.

Rich draws the tables and the bar, plotext the histograms; both drop colour when the
output is not a terminal, so a pipe or a CI log gets plain text.
"""

from __future__ import annotations

import sys
from types import TracebackType

import plotext
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from sim.study.balance import Balance, PolicySummary, Spread
from sim.study.lessons import LessonResult

POLICY_WORDS = {
    "full": "every stage, with care",
    "skip": "forming straight to performing",
    "random": "any legal action",
    "greedy": "the quickest gain at each step",
}
METRIC_WORDS = {
    "cumulative": "result over the game",
    "final": "final year's result",
    "rounds_to_agree": "rounds to agree",
    "trust": "partnership trust",
}
HISTOGRAM_BINS = 20
HISTOGRAM_HEIGHT = 12
# Room either side of a histogram whose games all scored the same, so it still has a width.
FLAT_PAD = 1.0


class Bar:
    """A progress bar on stderr, one task per phase; does nothing when not enabled.

    It redraws only when told of a finished game, so no thread is running when the
    worker processes are forked.
    """

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            auto_refresh=False,
            transient=True,
            disable=not enabled,
        )

    def __enter__(self) -> Bar:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def phase(self, description: str, total: int | None = None) -> _Tick:
        task = self.progress.add_task(description, total=total)
        return _Tick(self.progress, task)


class _Tick:
    """Tells the bar how many games of a phase are done (and, once known, of how many)."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress, self.task = progress, task

    def __call__(self, done: int, total: int | None = None) -> None:
        self.progress.update(self.task, completed=done, total=total, refresh=True)


def _figure(spread: Spread) -> list[str]:
    return [f"{spread.mean:,.1f}", f"{spread.p10:,.1f}", f"{spread.p90:,.1f}"]


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def policy_table(summary: PolicySummary) -> Table:
    words = POLICY_WORDS.get(summary.policy, "")
    named = f"{summary.policy} ({words})" if words else summary.policy
    table = Table(title=f"{named} · {summary.games} games", title_justify="left")
    table.add_column("figure")
    for name in ("mean", "p10", "p90"):
        table.add_column(name, justify="right")
    table.add_row("result over the game", *_figure(summary.cumulative))
    table.add_row("final year's result", *_figure(summary.final))
    table.add_row("tensions returned", *_figure(summary.tensions_returned))
    table.add_row("regressions", *_figure(summary.regressions))
    if summary.dimensions:
        table.add_section()
    for d in summary.dimensions:
        if d.spread.n:
            table.add_row(f"score: {d.label}", *_figure(d.spread))
        else:
            table.add_row(f"score: {d.label}", "not scored", "", "")
    table.add_section()
    table.add_row("games reaching the target", _percent(summary.reached), "", "")
    table.add_row("games adopting a form and rule", _percent(summary.agreed), "", "")
    return table


def _per_policy(balance: Balance, title: str, first: str) -> Table:
    """A table with a column of names and one column per policy played."""
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for p in balance.policies:
        table.add_column(p.policy, justify="right")
    return table


def stage_table(balance: Balance) -> Table:
    table = _per_policy(balance, "Stages", "stage")
    for at, stage in enumerate(balance.policies[0].stages):
        cells = []
        for p in balance.policies:
            t = p.stages[at]
            cells.append(
                "—" if t.mean_round is None else f"{_percent(t.share)} · round {t.mean_round:.1f}"
            )
        table.add_row(stage.stage, *cells)
    return table


def event_table(balance: Balance) -> Table:
    table = _per_policy(balance, "Events", "event")
    for at, event in enumerate(balance.policies[0].events):
        table.add_row(event.title, *(_percent(p.events[at].share) for p in balance.policies))
    return table


def histograms(balance: Balance, width: int, color: bool) -> list[str]:
    """One histogram of the result over the game per policy, all on the same axis."""
    values = [v for p in balance.policies for v in p.cumulative_values]
    low, high = min(values), max(values)
    if high <= low:
        low, high = low - FLAT_PAD, high + FLAT_PAD
    out = []
    for p in balance.policies:
        plotext.clear_figure()
        plotext.theme("clear")
        plotext.hist(list(p.cumulative_values), bins=HISTOGRAM_BINS)
        plotext.xlim(low, high)
        plotext.plotsize(width, HISTOGRAM_HEIGHT)
        plotext.title(f"{p.policy}: result over the game, games per bar ({p.games} games)")
        drawn = plotext.build()
        out.append(drawn if color else plotext.uncolorize(drawn))
    plotext.clear_figure()
    return out


def _signed(value: float) -> str:
    return f"{value:+.3g}"


def lesson_row(result: LessonResult) -> list[str]:
    metric = METRIC_WORDS.get(result.lesson.metric, result.lesson.metric.replace("_", " "))
    r = result.result
    if r is None or result.arms is None:
        return [f"{result.lesson.id}\ndoes not apply here: {result.applies}", "", "", "", "", "—"]
    return [
        f"{result.lesson.id}\n{result.arms[0]} vs {result.arms[1]} · {metric}",
        str(r.n),
        _signed(r.mean_diff),
        f"{_signed(r.low)} to {_signed(r.high)}",
        f"{r.d:+.2f}",
        "yes" if result.emerges else "no",
    ]


def lesson_table(lessons: tuple[LessonResult, ...]) -> Table:
    table = Table(title="Lessons", title_justify="left", box=box.SIMPLE_HEAD, leading=1)
    table.add_column("lesson: contrast a vs b · metric", ratio=1)
    table.add_column("n", justify="right")
    for name in ("a − b", "95% CI", "d"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("emerges")
    for result in lessons:
        table.add_row(*lesson_row(result))
    return table


def warning_list(balance: Balance) -> Table:
    # A grid, so a long warning wraps under its own text rather than under the mark.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for w in balance.warnings:
        grid.add_row("!", w.text)
    return grid


def show(balance: Balance, seconds: float) -> None:
    """Print the whole study on stdout."""
    console = Console(file=sys.stdout, highlight=False)
    say = lambda text="": console.print(text, markup=False)  # noqa: E731
    games = balance.runs * len(balance.policies)
    games += sum(2 * r.result.n for r in balance.lessons if r.result is not None)
    last = balance.first_seed + balance.runs - 1
    say(
        f"{balance.scenario}: {balance.runs} games per policy and lesson arm (seeds "
        f"{balance.first_seed}–{last}); {games:,} games in {seconds:.1f} s with "
        f"{balance.jobs} job{'s' if balance.jobs != 1 else ''}"
    )
    for summary in balance.policies:
        say()
        console.print(policy_table(summary))
    say()
    console.print(stage_table(balance))
    say("Each cell: the share of games that reached the stage · the mean round it first did.")
    if balance.policies[0].events:
        say()
        console.print(event_table(balance))
        say("Each cell: the share of games the event fired in.")
    for drawn in histograms(balance, console.width, console.color_system is not None):
        say()
        console.print(Text.from_ansi(drawn), no_wrap=True, crop=True)
    say()
    if balance.warnings:
        say(f"Warnings ({len(balance.warnings)}):")
        console.print(warning_list(balance))
    else:
        say("No warnings.")
    if balance.lessons:
        say()
        console.print(lesson_table(balance.lessons))
        say(
            "a − b: the mean paired difference on the same seeds. A lesson emerges when its "
            "95% CI excludes 0 in the direction the research expects and |d| ≥ 0.3."
        )
