"""The seed lessons a key moment can show, each with the seed's own words and a real case.

Quotes are copied exactly from the seed files in `shared/seeds/` (only line breaks are
folded into spaces); `tests/debrief/test_lessons.py` checks every one against its file,
so the report never puts words in a source's mouth.
"""

from __future__ import annotations

from dataclasses import dataclass

RIGHT_PARTNERSHIP = "living-cities-right-cross-sector-partnership.txt"
INTEGRATION = "living-cities-integration-initiative-lessons.txt"
BLOOMBERG = "bloomberg-cities-better-together-2017.txt"
ACC = "acc-strategic-partnerships-2021.txt"
INTERSECTOR = "intersector-critical-tool-for-city-leaders.txt"


@dataclass(frozen=True)
class RealCase:
    """A partnership the seeds describe, quoted briefly, with the file the quote is from."""

    id: str
    name: str
    seed: str
    quote: str


@dataclass(frozen=True)
class Lesson:
    """What a moment teaches, the seed's words for it, and the real case it relates to."""

    id: str
    title: str
    seed: str
    quote: str
    case: RealCase


NEWARK = RealCase(
    "newark",
    "Newark Integration Initiative (Newark, NJ)",
    RIGHT_PARTNERSHIP,
    "Despite months of meetings, partners have not been able to come to an agreement on "
    "shared measurable indicators of progress or an accountability structure that gives "
    "grassroots organizations equal leverage as larger public institutions such as public "
    "schools, highlighting the difficulty in moving from theory to action.",
)
NEWARK_PURPOSE = RealCase(
    "newark-purpose",
    "Newark Integration Initiative (Newark, NJ)",
    RIGHT_PARTNERSHIP,
    "it is important that the table establishes a shared purpose, not just serve as a space "
    "to validate any one singular institutional agenda.",
)
COO_STRUCTURE = RealCase(
    "coo-structure",
    "Corridors of Opportunity (Minneapolis–St. Paul)",
    RIGHT_PARTNERSHIP,
    "It includes a policy board made up of decision-makers and a senior staff group composed "
    "of doers who work for the members of the policy board.",
)
COO_REPRESENTATIVES = RealCase(
    "coo-representatives",
    "Corridors of Opportunity (Minneapolis–St. Paul)",
    RIGHT_PARTNERSHIP,
    "COO has representatives ranging from the mayors and deputy mayors of Minneapolis and "
    "St. Paul and County and State Commissioners (decision-makers), to staff members from the "
    "organizations involved with the work (doers) and community members (designees).",
)
STRIVE = RealCase(
    "strive",
    "Strive Partnership (Cincinnati)",
    INTEGRATION,
    "The Strive Partnership in Cincinnati has been highly effective because local leaders have "
    "been able to define mutually agreed-upon data to measure effectiveness and drive "
    "performance accountability.",
)
BALTIMORE = RealCase(
    "baltimore",
    "Baltimore Integration Partnership",
    RIGHT_PARTNERSHIP,
    "The BIP used data to identify its target population and as a foundation for measuring "
    "progress toward their specified result.",
)
PORTFOLIO = RealCase(
    "living-cities-portfolio",
    "Living Cities' grantee portfolio",
    RIGHT_PARTNERSHIP,
    "there’s a common trap that partnerships fall into relating to trust: they try to go "
    "straight from forming to performing.",
)

LESSONS: dict[str, Lesson] = {
    lesson.id: lesson
    for lesson in (
        Lesson(
            "conflict",
            "Surface conflict and settle it: a deferred Tension comes back",
            RIGHT_PARTNERSHIP,
            "Addressing conflict and building trust—while difficult—are necessary "
            "prerequisites to being able to implement the work.",
            NEWARK_PURPOSE,
        ),
        Lesson(
            "form-perform",
            "The form-perform paradox: skipping storming and norming costs more later",
            RIGHT_PARTNERSHIP,
            "If you skip the storming and norming, the phases that establish trust and "
            "boundaries and clarity and consensus, it’s very difficult to perform successfully.",
            PORTFOLIO,
        ),
        Lesson(
            "trust",
            "Trust is kept by Pledges met and lost faster than it is gained",
            RIGHT_PARTNERSHIP,
            "If members of a cross-sector partnership do not believe in the reliability, truth, "
            "ability, or strength of their partners as well as the partnership itself, it is "
            "very difficult to achieve the partnership’s intended goals.",
            PORTFOLIO,
        ),
        Lesson(
            "decision-rule",
            "A DecisionRule that fits the table, and leverage for every Member",
            INTERSECTOR,
            "Each sector – and indeed, each entity within the sectors – has its own language, "
            "culture, and work practices, which can prove challenging to align when pursuing "
            "shared goals in a consensus-oriented environment.",
            NEWARK,
        ),
        Lesson(
            "structure",
            "A governance form and structure that fit the table's size and trust",
            RIGHT_PARTNERSHIP,
            "collective impact efforts seem to be showing greater progress when they build "
            "formal structures that outline specific roles for each partner and clarify the "
            "ways that each partner is accountable to one another.",
            COO_STRUCTURE,
        ),
        Lesson(
            "representatives",
            "Designees, doers and decision-makers: who a Member sends matters",
            RIGHT_PARTNERSHIP,
            "We’re learning that it’s important for collective impact efforts to engage all "
            "three types of representatives.",
            COO_REPRESENTATIVES,
        ),
        Lesson(
            "reflecting",
            "Analyzing and reflecting: measure what works and move the money",
            RIGHT_PARTNERSHIP,
            "One pattern we’ve observed in all types of cross-sector partnerships is weak "
            "“analyzing & reflecting” behaviors.",
            STRIVE,
        ),
        Lesson(
            "result",
            "A specific measurable result, and money spent where it moves the result",
            RIGHT_PARTNERSHIP,
            "Cross-sector partnerships working on a shared agenda are most effective when they "
            "can articulate a specific result, which states a clear outcome or set of outcomes "
            "to be achieved.",
            BALTIMORE,
        ),
        Lesson(
            "funding",
            "Cross-sector money comes with rules, and with Members' Pledges",
            INTEGRATION,
            "Cross-sector collaborations need cross-sector funding streams.",
            STRIVE,
        ),
    )
}

# Which lesson a scorecard dimension's swing shows.
DIMENSION_LESSON = {
    "result": "result",
    "allocation": "funding",
    "representation": "representatives",
    "governance": "structure",
    "trust": "trust",
    "problem_solving": "reflecting",
    "agreement": "decision-rule",
}


def lesson(lesson_id: str) -> Lesson:
    return LESSONS[lesson_id]


def real_cases() -> list[RealCase]:
    """Every real case once, in the order the lessons name them."""
    seen: dict[str, RealCase] = {}
    for item in LESSONS.values():
        seen.setdefault(item.case.id, item.case)
    return list(seen.values())
