"""Where each rule comes from, cited the same way in every *why* line and debrief quote.

Every citation names its source and points at a section of `docs/sources.md`, which gives
the research in full (title, publisher, year, where to find it), so a facilitator can look
a claim up in the repository itself. The section anchors are stable; a test checks that
every one cited here exists on that page.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = "docs/sources.md"


def section(anchor: str) -> str:
    """A section of docs/sources.md, as citations write it."""
    return f"{SOURCES}#{anchor}"


@dataclass(frozen=True)
class Article:
    """One of the five articles the rules and the debrief's lessons rest on."""

    name: str  # how a citation names it
    anchor: str  # its section in docs/sources.md
    seed: str  # the design folder's copy of its text, which quotes were taken from

    @property
    def cite(self) -> str:
        """The attribution under a quote: the article, and its section in docs/sources.md."""
        return f"{self.name}; {section(self.anchor)}"

    def lesson(self, number: int) -> str:
        """One of the article's numbered lessons, as a why line cites it."""
        return f"{section(self.anchor)}, #{number}"


LIVING_CITIES = Article(
    "Living Cities, “How Do You Build the ‘Right’ Cross-Sector Partnership…” (2014)",
    "living-cities-2014",
    "living-cities-right-cross-sector-partnership.txt",
)
INTEGRATION = Article(
    "Living Cities, “Four Lessons From The Integration Initiative” (c. 2012)",
    "living-cities-integration-initiative",
    "living-cities-integration-initiative-lessons.txt",
)
BLOOMBERG = Article(
    "Bloomberg Cities, “Better Together” (2017)",
    "bloomberg-cities-2017",
    "bloomberg-cities-better-together-2017.txt",
)
INTERSECTOR = Article(
    "The Intersector Project, “Cross-sector Collaboration is a Critical Tool for City "
    "Leaders” (2017)",
    "intersector-2017",
    "intersector-critical-tool-for-city-leaders.txt",
)
ACC = Article(
    "American City & County, “How city leaders can develop, manage and maintain strategic "
    "partnerships” (2021)",
    "american-city-and-county-2021",
    "acc-strategic-partnerships-2021.txt",
)
ARTICLES = (LIVING_CITIES, INTEGRATION, BLOOMBERG, INTERSECTOR, ACC)

LC_RESULT = f"Living Cities: name a specific and measurable result ({LIVING_CITIES.lesson(1)})"
LC_DATA = (
    "Living Cities Integration Initiative: use a data-driven approach, focus on results "
    f"({INTEGRATION.lesson(3)})"
)
LC_FUNDING = (
    f"Living Cities Integration Initiative: cross-sector funding streams ({INTEGRATION.lesson(4)})"
)
LC_FRAME = f"Living Cities: the interest-based frame ({section('representatives')})"
LC_REPS = f"Living Cities: engage designees, doers and decision-makers ({LIVING_CITIES.lesson(3)})"
LC_STRUCTURE = (
    "Living Cities: build the right structure, policy board and staff groups "
    f"({LIVING_CITIES.lesson(4)})"
)
LC_NEWARK = (
    "Living Cities, Newark: no accountability structure gave grassroots groups leverage "
    f"equal to large institutions ({LIVING_CITIES.lesson(2)})"
)
LC_TRUST = (
    f"Living Cities: trust is imperative; the form-perform paradox ({LIVING_CITIES.lesson(6)})"
)
LC_PROBLEM = (
    "Living Cities figure 3: the problem-solving cycle, weakest at analyzing & reflecting "
    f"({LIVING_CITIES.lesson(7)})"
)
BACKBONE = (
    f"Bloomberg Cities: a backbone organization to structure the collective ({BLOOMBERG.lesson(5)})"
)
PROVAN_KENIS = (
    "Provan & Kenis 2008, 'Modes of Network Governance', JPART 18:229–252 "
    f"({section('governance')})"
)
WHEELAN = (
    "Wheelan 2009, Small Group Research: groups of 3–8 outperform groups of 9+ "
    f"({section('group-development')})"
)
TUCKMAN = f"Tuckman 1965; Tuckman & Jensen 1977 ({section('group-development')})"
VANGEN_HUXHAM = (
    "Vangen & Huxham 2003: trust grows as commitments are met, falls faster on a breach "
    f"({section('trust')})"
)
ANSELL_GASH = (
    "Ansell & Gash 2008: face-to-face dialogue and trust-building drive collaboration "
    f"({section('trust')})"
)
CMAQ = (
    "CMAQ cost-effectiveness practice: the most effect per dollar under each fund's rules "
    f"({section('cost-effectiveness')})"
)
PON = (
    "PON multi-party scorable games (Harborco): points against the BATNA "
    f"({section('negotiation-and-agreement-analysis')})"
)
NEGMAS = (
    "NegMAS-style outcome metrics: welfare, Nash product, rule-aware feasibility "
    f"({section('negotiation-and-agreement-analysis')})"
)
