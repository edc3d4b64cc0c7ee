"""The game's own words, keyed by the scenario format's literals: one table per word.

The engine's feed, the screens, the scorecard and the debrief all name stages, asks,
representatives, tension handlings, DecisionRules and problem-solving behaviors from
here, so a label changes in one place and every reader says it the same way. Where a
word is used in two grammatical forms (a button label and a phrase inside a sentence),
both forms sit side by side.
"""

from __future__ import annotations

STAGES = ("forming", "storming", "norming", "performing", "adjourning")
STAGE_HINT = {
    "forming": "invite members, name the specific measurable result",
    "storming": "handle the tensions that surfaced",
    "norming": "negotiate the partnership agreement, issue by issue",
    "performing": "pledge money, fund projects, measure what works",
    "adjourning": "the partnership's work is scored",
}
# Forming's hint once the result is named: what is left of the convener's forming work.
FORMING_NAMED_HINT = "invite whom the work needs; the result is named"
# A member not at the table has one thing to do in any stage, whatever the table is doing.
MEMBER_PLACE_HINT = {
    "invited": "answer the invitation: whom you send, or decline",
    "outside": "ask the convener for a seat, or wait for an invitation",
    "declined": "ask the convener for a seat, or wait for another invitation",
    "left": "your organization has left the partnership; the table goes on without it",
}
# The same, for a person holding an organization: what a member does while the convener
# does the above.
MEMBER_HINT = {
    "forming": "read the issues and your brief while the convener invites and names the result",
    "storming": "raise a tension you are party to; the convener handles each",
    "norming": "vote on proposals, propose options, trade side deals",
    "performing": "pledge money each year, and deliver what you pledged",
    "adjourning": "the partnership's work is scored",
}

# How the convener asks an organization, as the phrase after "by": "asked by letter".
ASK = {
    "letter": "letter",
    "staff_call": "a staff call",
    "convener_meeting": "a meeting with the convener",
    "champion": "a call from a champion",
}

REPRESENTATIVE = {"designee": "designee", "doer": "doer", "decision_maker": "decision-maker"}
# Seniority of whom a member sends: an ask that brings a higher rank is an upgrade.
REPRESENTATIVE_RANK = {"designee": 1, "doer": 2, "decision_maker": 3}

MEMBER_STATUS = {
    "table": "at the table",
    "outside": "outside",
    "declined": "declined",
    "left": "left",
}
TENSION_STATUS = {
    "open": "open",
    "resolved": "resolved",
    "deferred": "deferred",
    "latent": "not surfaced",
}

# The five ways to handle a Tension: a label, what it tends to do, a verb and a noun.
HANDLING = {
    "open": "Open dialogue",
    "mediate": "Mediated session",
    "defer": "Defer it",
    "override": "Override by a vote",
    "side_deal": "Side deal",
}
HANDLING_EFFECT = {
    "open": "builds trust if it settles; may stay open",
    "mediate": "settles it, raises trust; costs money",
    "defer": "free now; heats up and may come back",
    "override": "fast; the outvoted side trusts less",
    "side_deal": "helps one side; the rest notice",
}
HANDLING_VERB = {
    "open": "opens a dialogue on",
    "mediate": "holds a mediated session on",
    "defer": "defers",
    "override": "overrides by a vote",
    "side_deal": "makes a side deal on",
}
HANDLING_NOUN = {
    "open": "an open dialogue",
    "mediate": "mediation",
    "defer": "deferral",
    "override": "an override vote",
    "side_deal": "a side deal",
}
# The bare noun, for lists of how each table handled it: "mediation; open dialogue".
HANDLING_NAME = {
    "open": "open dialogue",
    "mediate": "mediation",
    "defer": "deferral",
    "override": "override",
    "side_deal": "side deal",
}

# DecisionRules: a label, and the phrase after "under": "adopted under a supermajority".
RULE = {
    "consensus": "consensus",
    "consensus_minus_one": "consensus minus one",
    "supermajority": "supermajority",
    "majority": "simple majority",
    "weighted": "weighted vote",
    "executive_committee": "executive committee",
}
RULE_UNDER = {
    "consensus": "consensus",
    "consensus_minus_one": "consensus minus one",
    "supermajority": "a supermajority",
    "majority": "simple majority",
    "weighted": "a weighted vote",
    "executive_committee": "the executive committee",
}

GOVERNANCE_FORM = {
    "shared": "Shared governance",
    "lead_organization": "A lead organization",
    "network_administrative_organization": "A network administrative organization",
}

# The four problem-solving behaviors: a command, the activity, and the behavior's name.
BEHAVIOR = {
    "problem_defining": "Define the problem",
    "interpreting": "Interpret and hypothesize",
    "solution_finding": "Find solutions",
    "analyzing_reflecting": "Analyze and reflect",
}
BEHAVIOR_DOING = {
    "problem_defining": "defining the problem",
    "interpreting": "interpreting and hypothesizing",
    "solution_finding": "finding solutions",
    "analyzing_reflecting": "analyzing and reflecting",
}
BEHAVIOR_NAME = {
    "problem_defining": "problem-defining",
    "interpreting": "interpreting & hypothesizing",
    "solution_finding": "solution-finding",
    "analyzing_reflecting": "analyzing & reflecting",
}

VOTE = {"yes": "yes", "no": "no", "stand_aside": "stand aside"}

RESPONSE = {
    "absorb": "Absorb it and carry on",
    "rally": "Rally the members",
    "replace": "Ask a new champion to step in",
}
RESPONSE_EFFECT = {
    "absorb": "free; the shock stands",
    "rally": "takes time; steadies trust, cannot undo the shock",
    "replace": "a champion's call brings a decision-maker back",
}


def sentence(text: str) -> str:
    """End with one full stop, even when the text ends with an abbreviation like "Fdn."
    or an author's title ends with its own mark ("Public housing first?")."""
    return text if text.endswith((".", "?", "!")) else text + "."


def rank(representative: str | None) -> int:
    """A representative's seniority, 0 for nobody sent."""
    return REPRESENTATIVE_RANK.get(representative or "", 0)
