"""Key moments of the agreement: the governance form adopted, votes that failed by one, and
the issues the partnership never agreed.
"""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.moments.votes import rule_threshold, short_by_one
from sim.debrief.names import issue_name, names, option_label, plural, short_why
from sim.engine.actions import Propose
from sim.engine.notices import ProposalVoted
from sim.scenario.words import RULE_UNDER, sentence


def governance_choice(facts: Facts) -> list[KeyMoment]:
    """The governance form the table adopted, and how well it fit the table."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    card = facts.final_card
    for k, e in facts.events():
        if not (isinstance(e, ProposalVoted) and e.adopted):
            continue
        issue = game.issues.get(e.issue)
        if issue is None or issue.kind != "governance":
            continue
        before = trace.frames[k - 1]
        label = option_label(game, e.issue, e.option)
        others = [o.label for o in issue.options if o.id != e.option][:2]
        fit = card.dimensions["governance"] if card is not None else None
        said = (
            f" Governance fit scored {fit.score:.0f} at the end: {sentence(short_why(fit.why[0]))}"
            if fit and fit.why
            else ""
        )
        rnd, stage = facts.where(k)
        out.append(
            KeyMoment(
                kind="governance",
                step=k,
                round=rnd,
                stage=stage,
                title=f"Adopted '{label}' for a table of {before.members} (round {rnd})",
                detail=(
                    f"{issue.name}: '{label}' passed under {RULE_UNDER.get(e.rule, e.rule)} with "
                    f"{e.yes} yes and {e.no} no.{said}"
                ),
                lesson="structure",
                questions=(
                    f"The table chose '{label}' with {before.members} members and trust at "
                    f"{before.density:.2f}. Would {' or '.join(repr(o) for o in others)} have "
                    f"fit {before.members} members better, and why?",
                    f"Under '{label}', which Member has the most say over the money, and which "
                    "the least? Is that who should?",
                ),
                weight=2.0 + (2.0 if fit is not None and fit.score < 50 else 0.0),
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and propose "
                f"{' or '.join(repr(o) for o in others)} instead.",
            )
        )
    return out


def close_votes(facts: Facts) -> list[KeyMoment]:
    """Proposals one vote short of adoption under the DecisionRule then in force."""
    trace, game = facts.trace, facts.trace.game
    agreement: dict[str, str] = {}
    adopted_at: dict[str, tuple[int, str]] = {}
    close: list[tuple[int, ProposalVoted]] = []
    for k, e in facts.events():
        if not isinstance(e, ProposalVoted):
            continue
        if e.adopted:
            agreement[e.issue] = e.option
            adopted_at.setdefault(e.issue, (e.round, e.option))
        elif short_by_one(game, e, rule_threshold(game, agreement)):
            close.append((k, e))
    out: list[KeyMoment] = []
    seen: set[str] = set()
    for k, e in close:
        rnd, stage = facts.where(k)
        label, iname = option_label(game, e.issue, e.option), issue_name(game, e.issue)
        rule = RULE_UNDER.get(e.rule, e.rule)
        blockers = list(e.blockers)
        proposed = max(
            (x.step for x in trace.entries[:k] if isinstance(x.action, Propose)), default=k
        )
        later = adopted_at.get(e.issue)
        after = (
            f" The table adopted '{option_label(game, e.issue, later[1])}' in round {later[0]}."
            if later and later[0] >= e.round and later[1] != e.option
            else ""
        )
        lone = len(blockers) == 1
        voters = e.yes + e.no + e.stand_aside
        who = names(game, blockers)
        out.append(
            KeyMoment(
                kind="close-vote",
                step=k,
                round=rnd,
                stage=stage,
                title=f"'{iname}: {label}' failed by one vote (round {rnd})",
                detail=(
                    f"Under {rule}: {e.yes} yes, {e.no} no, {e.stand_aside} stood aside; "
                    f"{sentence('blocked by ' + who)}{after}"
                ),
                lesson="decision-rule",
                questions=(
                    (
                        f"Under {rule}, {who} alone blocked '{label}' in round {rnd}. What would "
                        f"{who} have needed in the package to vote yes?"
                        if lone
                        else f"{who} voted no on '{label}' in round {rnd}; one of them changing "
                        "its mind would have carried it. Which one could the convener have won, "
                        "and with what?"
                    ),
                    f"Was {rule} the right DecisionRule for {voters} voters on {iname}? What "
                    "would the table have gained, and lost, under a different rule?",
                ),
                weight=4.0 if e.issue not in seen else 1.5,
                fork=proposed - 1,
                what_if=f"Branch at step {proposed - 1} and meet {who} before proposing "
                f"'{label}', or propose another option of {iname}.",
            )
        )
        seen.add(e.issue)
    return out


def unagreed_issues(facts: Facts) -> list[KeyMoment]:
    """Issues the partnership ended without: Newark's stalled indicators, in this table."""
    trace, game = facts.trace, facts.trace.game
    final = trace.final
    if not final.is_over or not trace.steps:
        return []
    s = final.state
    missing = [i for i in game.scenario.issues if i.id not in s.agreement]
    if not missing:
        return []
    telling = [i for i in missing if i.kind in ("measurement", "accountability")]
    first = (telling or missing)[0]
    failures = s.failed_votes.get(first.id, 0)
    community = [m for m in s.at_table() if game.orgs[m].sector == "community"]
    proposed = {i.id: 0 for i in missing}
    for x in trace.entries:
        if isinstance(x.action, Propose) and x.action.issue in proposed:
            proposed[x.action.issue] += 1
    listing = ", ".join(
        f"{i.name} ({_tries(proposed[i.id], s.failed_votes.get(i.id, 0))})" for i in missing
    )
    last_try = max(
        (
            x.step
            for x in trace.entries
            if isinstance(x.action, Propose) and x.action.issue == first.id
        ),
        default=None,
    )
    second = (
        f"Without {first.name}, how would {names(game, community, 2)} hold the larger "
        "institutions at the table to account?"
        if telling and community
        else f"Which Member would have had to give ground for {first.name} to pass, and what "
        "could the table have offered it?"
    )
    n = trace.steps
    rnd, stage = facts.where(n)
    return [
        KeyMoment(
            kind="unagreed",
            step=n,
            round=rnd,
            stage=stage,
            title=f"The partnership ended without agreeing {first.name}",
            detail=f"{len(missing)} of {len(game.scenario.issues)} issues were never agreed: "
            f"{listing}.",
            lesson="decision-rule",
            questions=(
                f"The table never agreed {first.name} "
                f"({_tries(proposed[first.id], failures, rnd)}). What kept it apart: the "
                "options, the DecisionRule, or who sat at the table?",
                second,
            ),
            weight=4.0 if telling else 2.0,
            fork=None if last_try is None else last_try - 1,
            what_if=(
                f"Branch at step {last_try - 1} and propose another option of {first.name}."
                if last_try is not None
                else ""
            ),
        )
    ]


def _tries(proposed: int, failures: int, by_round: int | None = None) -> str:
    if not proposed:
        return "never proposed" + (f" in {plural(by_round, 'round')}" if by_round else "")
    return plural(failures, "failed vote") if failures else f"proposed {plural(proposed, 'time')}"
