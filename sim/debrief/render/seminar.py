"""The seminar-wide report: every table of one scenario side by side, then each table's
most telling moments with their questions, in Thiagarajan's order where it applies.
"""

from __future__ import annotations

from sim.debrief.debrief import Debrief
from sim.debrief.moments.find import for_report
from sim.debrief.moments.lessons import LESSONS
from sim.debrief.render.doc import Bullets, Document, Heading, Para, Quote, Table
from sim.debrief.views.compare import (
    agreement_rows,
    check_same_scenario,
    portfolio_rows,
    score_rows,
    seminar_questions,
    stage_rows,
    summarize,
)
from sim.scenario.words import sentence

MOMENTS_PER_TABLE = 5


def seminar_report(debriefs: list[Debrief]) -> Document:
    check_same_scenario(debriefs)
    first = debriefs[0]
    tables = [summarize(d) for d in debriefs]
    names = tuple(t.name for t in tables)
    doc = Document(f"Seminar debrief: {first.title}")
    doc.add(
        Heading(1, f"Seminar debrief: {first.title}"),
        Para(
            f"{len(tables)} tables played scenario {first.save.header.scenario.id}: "
            + ", ".join(f"{d.name} (seed {d.save.header.seed}, {d.steps} steps)" for d in debriefs)
            + ". Each table's full debrief: 'sim report SAVE'."
        ),
        Heading(2, "Scorecards side by side"),
        Table(
            ("Dimension", *names),
            tuple(score_rows(tables)),
            numeric=tuple(range(1, len(names) + 1)),
        ),
        Heading(2, "Stage timing"),
        Para("When each table first reached each stage."),
        Table(("Stage", *names), tuple(stage_rows(tables))),
        Heading(2, "Agreements reached"),
        Table(("Issue", *names), tuple(agreement_rows(first, tables))),
        Heading(2, "Portfolios funded"),
        Para(
            "Units of each project funded, and the share of the best portfolio each table's own money could buy."
        ),
        Table(("Project", *names), tuple(portfolio_rows(first, tables))),
        Heading(2, "Questions across tables"),
        Bullets(
            tuple(seminar_questions(first, tables))
            or ("The tables played alike: ask each what it would change.",)
        ),
    )
    for debrief in debriefs:
        moments = for_report(debrief.moments, MOMENTS_PER_TABLE)
        doc.add(
            Heading(2, f"{debrief.name}: {debrief.final_card.total:.1f}"),
        )
        if not moments:
            doc.add(Para("No key moment stood out at this table."))
        for n, m in enumerate(moments, start=1):
            lesson = LESSONS[m.lesson]
            doc.add(
                Para(
                    f"{sentence(m.title)} {m.detail}",
                    lead=f"M{n} · step {m.step}, round {m.round}.",
                ),
                Quote(lesson.quote, lesson.source.cite),
                Bullets(m.questions),
            )
    return doc
