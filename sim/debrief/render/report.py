"""The debrief report of one save, organized by Thiagarajan's six phases.

How do you feel (prompts) · what happened (timeline by stage, charts, key moments) · what
did you learn (each moment tied to its seed lesson, with questions) · how does it relate
to the real world (the seed's real case, quoted) · what if (branch points, the optimum) ·
what next. The scorecard comes first and the instructors' notes last.
"""

from __future__ import annotations

from collections import Counter

from sim.debrief.debrief import Debrief
from sim.debrief.moments.find import for_report
from sim.debrief.moments.lessons import LESSONS, RealCase
from sim.debrief.moments.moment import KeyMoment
from sim.debrief.moments.prompts import feel_prompts, next_prompts
from sim.debrief.names import org_name, project_name, seat_name, short_why
from sim.debrief.render.charts import money_chart, result_chart, trust_chart
from sim.debrief.render.doc import Block, Bullets, Document, Heading, Para, Quote, Table
from sim.debrief.trace.timeline import TimelineStep
from sim.engine.actions import Reflect, Vote
from sim.engine.notices import Reflected, RoundEnded
from sim.record.model import Annotation
from sim.scenario.words import sentence
from sim.scoring.model import DIMENSIONS

# Longer saves list only the steps worth reading; the rest are counted in one line.
FULL_TIMELINE = 300
ROUTINE = (Reflect, Vote)
ROUTINE_NOTICES = (Reflected, RoundEnded)


def report(debrief: Debrief) -> Document:
    moments = for_report(debrief.moments)
    doc = Document(f"Debrief: {debrief.title}")
    doc.add(*header(debrief), *scorecard_blocks(debrief))
    doc.add(Heading(2, "1. How do you feel?"), Bullets(tuple(feel_prompts(debrief, moments))))
    doc.add(Heading(2, "2. What happened?"))
    doc.add(*timeline_blocks(debrief, moments), *chart_blocks(debrief, moments))
    doc.add(*moment_blocks(moments))
    doc.add(Heading(2, "3. What did you learn?"), *lesson_blocks(moments))
    doc.add(Heading(2, "4. How does it relate to the real world?"), *real_world_blocks(moments))
    doc.add(Heading(2, "5. What if?"), *what_if_blocks(debrief, moments))
    doc.add(Heading(2, "6. What next?"), Bullets(tuple(next_prompts(debrief, moments))))
    doc.add(*note_blocks(debrief.annotations))
    return doc


def label(moments: list[KeyMoment], moment: KeyMoment) -> str:
    return f"M{moments.index(moment) + 1}"


# --------------------------------------------------------------------------- header, scores


def header(debrief: Debrief) -> list[Block]:
    h = debrief.save.header
    final = debrief.final
    status = "finished" if final.is_over else f"stopped in {final.stage}, round {final.round}"
    people = [f"{seat_name(debrief.game, s.seat)}: {s.name}" for s in h.seats if s.player != "bot"]
    out: list[Block] = [
        Heading(1, f"Debrief: {debrief.title}"),
        Para(
            f"Save {debrief.name} · scenario {h.scenario.id} · seed {h.seed} · "
            f"{debrief.steps} steps · {status}. Played by {'; '.join(people) or 'bots only'}."
        ),
    ]
    if h.branch is not None:
        out.append(
            Para(
                f"A what-if branch of {h.branch.parent}, from step {h.branch.fork_step}.",
                lead="What-if.",
            )
        )
    if debrief.save.torn is not None:
        out.append(Para(debrief.save.torn.message(), lead="Note."))
    return out


def scorecard_blocks(debrief: Debrief) -> list[Block]:
    card = debrief.final_card
    rows = [
        (
            card.dimensions[d].label,
            f"{card.dimensions[d].score:.0f}",
            f"{card.dimensions[d].weight:g}",
            short_why(card.dimensions[d].why[0]) if card.dimensions[d].why else "",
        )
        for d in DIMENSIONS
    ]
    rows.append(("total", f"{card.total:.1f}", "", "weighted by the scenario's [scoring]"))
    state = "final" if card.final else f"live, at {card.stage} round {card.round}"
    return [
        Heading(2, "Scorecard"),
        Para(f"The scorecard ({state}); each dimension is 0–100 with the reason it gives first."),
        Table(("Dimension", "Score", "Weight", "Why"), tuple(rows), numeric=(1, 2)),
    ]


# --------------------------------------------------------------------------- what happened


def timeline_blocks(debrief: Debrief, moments: list[KeyMoment]) -> list[Block]:
    tl = debrief.timeline
    marked = {m.step: label(moments, m) for m in reversed(moments)}
    notes: dict[int, list[Annotation]] = {}
    for note in debrief.annotations:
        notes.setdefault(note.step, []).append(note)
    condensed = debrief.steps > FULL_TIMELINE
    out: list[Block] = [Heading(3, "Timeline by stage")]
    if condensed:
        out.append(
            Para(
                f"{debrief.steps:,} steps: routine ones (reflecting, single votes) without a "
                "key moment or a note are counted, not listed."
            )
        )
    if notes.get(0):
        out.append(_phase_table(debrief, [], notes, marked, condensed, before=notes[0]))
    for phase in tl.phases:
        out.append(Heading(4, f"{phase.title} — {phase.span}"))
        steps = [s for s in tl.steps if phase.first <= s.step <= phase.last]
        if not steps:
            out.append(Para("No steps were taken in this stage."))
            continue
        out.append(_phase_table(debrief, steps, notes, marked, condensed))
    return out


def _phase_table(
    debrief: Debrief,
    steps: list[TimelineStep],
    notes: dict[int, list[Annotation]],
    marked: dict[int, str],
    condensed: bool,
    before: list[Annotation] | None = None,
) -> Table:
    rows: list[tuple[str, ...]] = []
    note_rows: list[int] = []
    skipped: Counter[str] = Counter()

    def add_notes(items: list[Annotation]) -> None:
        for note in items:
            note_rows.append(len(rows))
            rows.append((f"✎ {note.step}", "", note.author, note.text, "instructor's note"))

    def flush() -> None:
        if skipped:
            kinds = ", ".join(f"{k} ×{n}" for k, n in skipped.most_common())
            total = sum(skipped.values())
            rows.append(
                ("…", "", "", f"{total} routine step{'' if total == 1 else 's'} ({kinds})", "")
            )
            skipped.clear()

    if before:
        add_notes(before)
    for s in steps:
        action = debrief.trace.entries[s.step - 1].action
        quiet = all(isinstance(e, ROUTINE_NOTICES) for e in debrief.trace.events_at(s.step))
        routine = isinstance(action, ROUTINE) and quiet and s.step not in marked
        if condensed and routine and s.step not in notes:
            skipped[s.kind] += 1
            continue
        flush()
        effect = " ".join(s.said)
        if s.changes:
            effect += (" " if effect else "") + "(" + "; ".join(s.changes) + ")"
        step = f"{s.step} · {marked[s.step]}" if s.step in marked else str(s.step)
        rows.append((step, str(s.round), s.who, s.action, effect))
        add_notes(notes.get(s.step, []))
    flush()
    return Table(
        ("Step", "Round", "Who", "Action", "What it changed"),
        tuple(rows),
        numeric=(1,),
        note_rows=tuple(note_rows),
    )


def chart_blocks(debrief: Debrief, moments: list[KeyMoment]) -> list[Block]:
    marks = [(m.step, label(moments, m)) for m in moments]
    unit = debrief.unit
    trace = debrief.trace
    return [
        Heading(3, "Charts"),
        trust_chart(trace, marks),
        result_chart(trace, unit, marks),
        money_chart(trace, marks),
    ]


def moment_blocks(moments: list[KeyMoment]) -> list[Block]:
    out: list[Block] = [Heading(3, "Key moments")]
    if not moments:
        out.append(
            Para("No key moment stood out: no swing, regression, deferral or broken Pledge.")
        )
    for m in moments:
        out.append(
            Para(
                f"{sentence(m.title)} {m.detail}",
                lead=f"{label(moments, m)} · step {m.step}, round {m.round}, {m.stage}.",
            )
        )
    return out


# --------------------------------------------------------------------------- lessons, cases


def lesson_blocks(moments: list[KeyMoment]) -> list[Block]:
    out: list[Block] = []
    order = list(dict.fromkeys(m.lesson for m in moments))
    if not order:
        out.append(Para("With no key moment, ask the table which decision it would take back."))
    for lesson_id in order:
        lesson = LESSONS[lesson_id]
        out += [Heading(3, lesson.title), Quote(lesson.quote, lesson.source.cite)]
        for m in (m for m in moments if m.lesson == lesson_id):
            out.append(Para(m.title + ".", lead=f"{label(moments, m)} · step {m.step}."))
            out.append(Bullets(m.questions))
    return out


def real_world_blocks(moments: list[KeyMoment]) -> list[Block]:
    """Each real case once (by name), with every passage the table's moments point to."""
    cases: dict[str, tuple[list[RealCase], list[KeyMoment]]] = {}
    for m in moments:
        case = LESSONS[m.lesson].case
        quotes, shown = cases.setdefault(case.name, ([], []))
        if case not in quotes:
            quotes.append(case)
        shown.append(m)
    out: list[Block] = []
    for name, (quotes, shown) in cases.items():
        out.append(Heading(3, name))
        out += [Quote(case.quote, case.source.cite) for case in quotes]
        tags = "; ".join(f"{label(moments, m)} {m.title}" for m in shown)
        out.append(Para(f"At this table: {tags}.", lead="Compare."))
    if not out:
        out.append(Para("No key moment to tie to a seed case this time."))
    return out


# --------------------------------------------------------------------------- what if


def what_if_blocks(debrief: Debrief, moments: list[KeyMoment]) -> list[Block]:
    forks: dict[int, KeyMoment] = {}
    for m in sorted(moments, key=lambda x: -x.weight):
        if m.fork is not None and m.what_if and m.fork not in forks:
            forks[m.fork] = m
    items = [f"{label(moments, m)}: {m.what_if}" for m in list(forks.values())[:6]]
    out: list[Block] = [
        Heading(3, "Branch points worth trying"),
        Para(
            f"Open the save with 'sim replay {debrief.name}', select the step and press w: a new "
            "save starts from that state (it records its parent and fork step), and "
            "'sim play --resume' plays it on."
        ),
    ]
    out.append(Bullets(tuple(items)) if items else Para("No branch point stood out."))
    return out + optimum_blocks(debrief)


def optimum_blocks(debrief: Debrief) -> list[Block]:
    bench = debrief.benchmarks
    comp = bench.comparison
    funded, best = comp.funded.units(), comp.optimal.units()
    projects = [p for p in debrief.game.scenario.projects if p.id in funded or p.id in best]
    rows = tuple(
        (project_name(debrief.game, p.id), str(funded.get(p.id, 0)), str(best.get(p.id, 0)))
        for p in projects
    )
    share = f"{comp.share:.0%}" if comp.share is not None else "—"
    out: list[Block] = [
        Heading(3, "What the same money and rule could have reached"),
        Para(
            f"The funded portfolio promises {comp.funded.value:,.1f} {comp.unit} a year for "
            f"${comp.funded.cost:,.0f}; the best portfolio the same money could buy under the same "
            f"stream rules promises {comp.optimal.value:,.1f} for ${comp.optimal.cost:,.0f} "
            f"({share} of the optimum). Money: {comp.funds_note}."
        ),
        Table(("Project", "Funded (units)", "Optimal (units)"), rows, numeric=(1, 2)),
    ]
    issues = debrief.game.scenario.issues
    packages = [p for p in (bench.adopted, bench.welfare, bench.nash) if p is not None]
    header = ("Issue", *(("adopted" if p is bench.adopted else p.name) for p in packages))
    rows2 = [(issue.name, *(p.options.get(issue.id, "—") for p in packages)) for issue in issues]
    rows2.append(("total points", *(str(p.welfare) for p in packages)))
    rows2.append(
        (
            "members below BATNA",
            *(
                ", ".join(org_name(debrief.game, m) for m in p.below_batna) or "none"
                for p in packages
            ),
        )
    )
    out += [
        Para(
            f"The adopted agreement beside the packages that pass {bench.rule} at this table: "
            "the one with the most total points, and the one with the largest Nash product."
        ),
        Table(header, tuple(rows2)),
    ]
    if bench.notes:
        out.append(Bullets(tuple(bench.notes)))
    return out


def note_blocks(notes: tuple[Annotation, ...]) -> list[Block]:
    if not notes:
        return [Heading(2, "Instructor's notes"), Para("No notes yet: add them in the viewer (a).")]
    rows = tuple((str(n.step), n.author, n.text) for n in sorted(notes, key=lambda n: n.step))
    return [Heading(2, "Instructor's notes"), Table(("Step", "Author", "Note"), rows, numeric=(0,))]
