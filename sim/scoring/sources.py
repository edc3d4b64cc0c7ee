"""Where each scoring rule comes from, cited the same way in every *why* line.

Seeds are the files in the design folder's `seeds/`; research facts are those in
`SOURCES.md`. A line cites one of these so a facilitator can look the claim up.
"""

from __future__ import annotations

SEED_LC = "seeds/living-cities-right-cross-sector-partnership.txt"
SEED_LC_II = "seeds/living-cities-integration-initiative-lessons.txt"
SEED_BLOOMBERG = "seeds/bloomberg-cities-better-together-2017.txt"
SEED_INTERSECTOR = "seeds/intersector-critical-tool-for-city-leaders.txt"

LC_RESULT = f"Living Cities: name a specific and measurable result ({SEED_LC}, #1)"
LC_DATA = (
    "Living Cities Integration Initiative: use a data-driven approach, focus on results "
    f"({SEED_LC_II}, #3)"
)
LC_FUNDING = (
    f"Living Cities Integration Initiative: cross-sector funding streams ({SEED_LC_II}, #4)"
)
LC_FRAME = f"Living Cities: the interest-based frame ({SEED_LC})"
LC_REPS = f"Living Cities: engage designees, doers and decision-makers ({SEED_LC}, #3)"
LC_STRUCTURE = (
    f"Living Cities: build the right structure, policy board and staff groups ({SEED_LC}, #4)"
)
LC_NEWARK = (
    f"Living Cities, Newark: no accountability structure gave grassroots groups leverage "
    f"equal to large institutions ({SEED_LC})"
)
LC_TRUST = f"Living Cities: trust is imperative; the form-perform paradox ({SEED_LC}, #6)"
LC_PROBLEM = (
    "Living Cities figure 3: the problem-solving cycle, weakest at analyzing & reflecting "
    f"({SEED_LC}, #7)"
)
BACKBONE = (
    f"Bloomberg Cities: a backbone organization to structure the collective ({SEED_BLOOMBERG}, #5)"
)
PROVAN_KENIS = "Provan & Kenis 2008, 'Modes of Network Governance', JPART 18:229–252"
WHEELAN = "Wheelan 2009, Small Group Research: groups of 3–8 outperform groups of 9+"
TUCKMAN = "Tuckman 1965; Tuckman & Jensen 1977"
VANGEN_HUXHAM = "Vangen & Huxham 2003: trust grows as commitments are met, falls faster on a breach"
ANSELL_GASH = "Ansell & Gash 2008: face-to-face dialogue and trust-building drive collaboration"
DECISION_RULES = "decision rules from unanimity to majority (SOURCES.md, Governance)"
CMAQ = "CMAQ cost-effectiveness practice: the most effect per dollar under each fund's rules"
PON = "PON multi-party scorable games (Harborco): points against the BATNA"
NEGMAS = "NegMAS-style outcome metrics: welfare, Nash product, rule-aware feasibility"
