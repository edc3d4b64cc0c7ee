"""The seed lessons a key moment can show, each with its article's own words and a real case.

Quotes are copied exactly from the five articles (only line breaks are folded into spaces)
and appear verbatim in `docs/sources.md#quoted-in-the-debrief`, which gives each article in
full; `tests/debrief/test_lessons.py` checks every one against that page, and against the
article's text where the design folder's copies are at hand, so the report never puts words
in a source's mouth.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.scoring.sources import INTEGRATION, INTERSECTOR, LIVING_CITIES, Article


@dataclass(frozen=True)
class RealCase:
    """A partnership the articles describe, quoted briefly, with the article it is from."""

    id: str
    name: str
    source: Article
    quote: str


@dataclass(frozen=True)
class Lesson:
    """What a moment teaches, the article's words for it, and the real case it relates to."""

    id: str
    title: str
    source: Article
    quote: str
    case: RealCase


NEWARK = RealCase(
    "newark",
    "Newark Integration Initiative (Newark, NJ)",
    LIVING_CITIES,
    "Despite months of meetings, partners have not been able to come to an agreement on "
    "shared measurable indicators of progress or an accountability structure that gives "
    "grassroots organizations equal leverage as larger public institutions such as public "
    "schools, highlighting the difficulty in moving from theory to action.",
)
NEWARK_PURPOSE = RealCase(
    "newark-purpose",
    "Newark Integration Initiative (Newark, NJ)",
    LIVING_CITIES,
    "it is important that the table establishes a shared purpose, not just serve as a space "
    "to validate any one singular institutional agenda.",
)
COO_STRUCTURE = RealCase(
    "coo-structure",
    "Corridors of Opportunity (Minneapolis–St. Paul)",
    LIVING_CITIES,
    "It includes a policy board made up of decision-makers and a senior staff group composed "
    "of doers who work for the members of the policy board.",
)
COO_REPRESENTATIVES = RealCase(
    "coo-representatives",
    "Corridors of Opportunity (Minneapolis–St. Paul)",
    LIVING_CITIES,
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
    LIVING_CITIES,
    "The BIP used data to identify its target population and as a foundation for measuring "
    "progress toward their specified result.",
)
PORTFOLIO = RealCase(
    "living-cities-portfolio",
    "Living Cities' grantee portfolio",
    LIVING_CITIES,
    "there’s a common trap that partnerships fall into relating to trust: they try to go "
    "straight from forming to performing.",
)

LESSONS: dict[str, Lesson] = {
    lesson.id: lesson
    for lesson in (
        Lesson(
            "conflict",
            "Surface conflict and settle it: a deferred Tension comes back",
            LIVING_CITIES,
            "Addressing conflict and building trust—while difficult—are necessary "
            "prerequisites to being able to implement the work.",
            NEWARK_PURPOSE,
        ),
        Lesson(
            "form-perform",
            "The form-perform paradox: skipping storming and norming costs more later",
            LIVING_CITIES,
            "If you skip the storming and norming, the phases that establish trust and "
            "boundaries and clarity and consensus, it’s very difficult to perform successfully.",
            PORTFOLIO,
        ),
        Lesson(
            "trust",
            "Trust is kept by Pledges met and lost faster than it is gained",
            LIVING_CITIES,
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
            LIVING_CITIES,
            "collective impact efforts seem to be showing greater progress when they build "
            "formal structures that outline specific roles for each partner and clarify the "
            "ways that each partner is accountable to one another.",
            COO_STRUCTURE,
        ),
        Lesson(
            "representatives",
            "Designees, doers and decision-makers: who a Member sends matters",
            LIVING_CITIES,
            "We’re learning that it’s important for collective impact efforts to engage all "
            "three types of representatives.",
            COO_REPRESENTATIVES,
        ),
        Lesson(
            "reflecting",
            "Analyzing and reflecting: measure what works and move the money",
            LIVING_CITIES,
            "One pattern we’ve observed in all types of cross-sector partnerships is weak "
            "“analyzing & reflecting” behaviors.",
            STRIVE,
        ),
        Lesson(
            "result",
            "A specific measurable result, and money spent where it moves the result",
            LIVING_CITIES,
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
