"""Key moments of how the table worked together: Tensions deferred, stages skipped or
lost, votes that failed by one, who was sent, the governance chosen, what was never agreed.
"""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.moments.votes import rule_threshold, short_by_one
from sim.debrief.names import (
    issue_name,
    names,
    option_label,
    org_name,
    seat_name,
    sentence,
    short_why,
    tension_parties,
    tension_title,
)
from sim.engine.notices import MemberJoined, Notice, ProposalVoted, StageChanged, TensionHandled
from sim.scenario.words import ASK, HANDLING_NOUN, REPRESENTATIVE_RANK, RULE_UNDER


def _events(facts: Facts) -> list[tuple[int, Notice]]:
    trace = facts.trace
    return [(k, e) for k in range(1, trace.steps + 1) for e in trace.events_at(k)]


def _where(facts: Facts, step: int) -> tuple[int, str]:
    entry = facts.trace.entries[step - 1]
    return entry.round, entry.stage


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _tries(proposed: int, failures: int) -> str:
    if not proposed:
        return "never proposed"
    return _plural(failures, "failed vote") if failures else f"proposed {_plural(proposed, 'time')}"


def deferred_tensions(facts: Facts) -> list[KeyMoment]:
    """One moment per deferred Tension: when it was deferred, and when it came back."""
    trace, game = facts.trace, facts.trace.game
    defers: dict[str, list[int]] = {}
    returns: dict[str, list[tuple[int, int]]] = {}
    settled: dict[str, list[tuple[int, str]]] = {}
    for k, e in _events(facts):
        if isinstance(e, TensionHandled):
            if e.how == "defer":
                defers.setdefault(e.tension, []).append(k)
            elif e.resolved:
                settled.setdefault(e.tension, []).append((k, e.how))
        elif e.kind == "tension_surfaced" and getattr(e, "returned", False):
            returns.setdefault(getattr(e, "tension", ""), []).append((k, e.round))
    out: list[KeyMoment] = []
    final = trace.final.state
    for tension, steps in defers.items():
        first = steps[0]
        rnd, stage = _where(facts, first)
        title = tension_title(game, tension)
        parties = tension_parties(game, tension)
        who = seat_name(game, trace.entries[first - 1].seat)
        back = [(k, r) for k, r in returns.get(tension, []) if k > first]
        status = final.tensions[tension].status if tension in final.tensions else "open"
        ask_first = (
            f"In round {rnd} the table deferred '{title}' instead of settling it. What did "
            f"{names(game, parties, 2)} each expect to happen to it, and what did deferring "
            "buy the table that round?"
        )
        if back:
            k, r = back[0]
            before, after = trace.frames[k - 1].partnership, trace.frames[k].partnership
            more = f", and {_plural(len(back) - 1, 'more time')}" if len(back) > 1 else ""
            later = [(s, how) for s, how in settled.get(tension, []) if s > k]
            end = (
                f" It was finally settled by {HANDLING_NOUN.get(later[0][1], later[0][1])} at step "
                f"{later[0][0]}."
                if later
                else f" At the end it was still {status}."
            )
            detail = (
                f"{who} deferred '{title}' between {names(game, parties)} (step {first}). It "
                f"came back hotter in round {r} (step {k}){more}; trust in the partnership "
                f"went from {before:.2f} to {after:.2f}.{end}"
            )
            questions = (
                ask_first,
                f"When it came back in round {r}, trust in the partnership fell from "
                f"{before:.2f} to {after:.2f}. What would it have taken to settle it in round "
                f"{rnd}, and who would have had to give ground?",
            )
            heading = f"'{title}' deferred in round {rnd}, back in round {r}"
            weight = 5.0 + len(back)
        else:
            detail = (
                f"{who} deferred '{title}' between {names(game, parties)} (step {first}). It "
                f"did not come back before the game ended; at the end it was {status}."
            )
            questions = (
                ask_first,
                f"'{title}' was still {status} when the partnership stopped. Would "
                f"{org_name(game, parties[0]) if parties else 'its parties'} say it was dealt "
                "with, and who carries that cost into the next year?",
            )
            heading = f"'{title}' deferred in round {rnd}"
            weight = 3.0
        out.append(
            KeyMoment(
                kind="deferred",
                step=first,
                round=rnd,
                stage=stage,
                title=heading,
                detail=detail,
                lesson="conflict",
                questions=questions,
                weight=weight,
                related=tuple(k for k, _ in back) + tuple(steps[1:]),
                fork=first - 1,
                what_if=f"Branch at step {first - 1} and open a dialogue on, or mediate, "
                f"'{title}' instead of deferring it.",
            )
        )
    return out


def regressions(facts: Facts) -> list[KeyMoment]:
    """A fall back to storming: what the table looked like, and who trusted it least."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    n_issues = len(game.scenario.issues)
    skipped = any(e.action.kind == "skip" for e in trace.entries)
    for k, e in _events(facts):
        if not (isinstance(e, StageChanged) and e.regression):
            continue
        before = trace.frames[k - 1]
        causes = [
            x.title  # type: ignore[union-attr]
            for x in trace.events_at(k)
            if x.kind == "scenario_event"
        ]
        cause = f"'{causes[0]}'" if causes else f"the end of round {e.round}"
        s = facts.state_at(k).state
        table = sorted(s.at_table(), key=lambda m: (s.members[m].tau, game.index[m]))[:2]
        lows = ", ".join(f"{org_name(game, m)} ({s.members[m].tau:.2f})" for m in table)
        missing = [i for i in game.scenario.issues if i.id not in s.agreement]
        rnd, stage = _where(facts, k)
        questions = [
            f"In round {e.round} the table fell back to storming with trust at "
            f"{before.density:.2f} and {before.agreed} of {n_issues} issues agreed. What signs "
            "in the rounds before could have warned you?"
        ]
        if table:
            questions.append(
                f"{names(game, table, 2)} trusted the partnership least just then ({lows}). "
                "What had happened to them, and what could the convener have done earlier?"
            )
        fix = (
            f"agree {', '.join(i.name for i in missing[:2])}"
            if missing
            else "settle the open Tensions"
        )
        out.append(
            KeyMoment(
                kind="regression",
                step=k,
                round=rnd,
                stage=stage,
                title=f"Regression to storming in round {e.round}",
                detail=(
                    f"After {cause}, the table fell back to storming: trust between members "
                    f"{before.density:.2f}, norm clarity {before.norm_clarity:.2f}, "
                    f"{before.agreed} of {n_issues} issues agreed."
                    + (f" Lowest trust in the partnership: {lows}." if lows else "")
                ),
                lesson="form-perform" if skipped else "trust",
                questions=tuple(questions),
                weight=5.0,
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and {fix} before the round ends.",
            )
        )
    return out


def skipped_stages(facts: Facts) -> list[KeyMoment]:
    """The form-perform shortcut, and what it cost by the end."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    for entry in trace.entries:
        if entry.action.kind != "skip":
            continue
        k = entry.step
        before, end = trace.frames[k - 1], trace.frames[-1]
        broke_out = [
            (j, getattr(e, "tension", ""))
            for j, e in _events(facts)
            if j > k and e.kind == "tension_surfaced" and not getattr(e, "returned", False)
        ]
        target = f" of {end.target:g}" if end.target else ""
        cost = (
            f"'{tension_title(game, broke_out[0][1])}' broke out anyway at step {broke_out[0][0]}"
            if broke_out
            else f"the table regressed {_plural(end.regressions, 'time')}"
        )
        out.append(
            KeyMoment(
                kind="skip",
                step=k,
                round=entry.round,
                stage=entry.stage,
                title=f"Skipped from forming straight to performing in round {entry.round}",
                detail=(
                    f"With {before.members} members, {before.agreed} issues agreed and trust "
                    f"{before.density:.2f}, the table went straight to funding. At the end every "
                    f"dollar worked at {end.effectiveness:.0%} effectiveness and the result was "
                    f"{end.achieved:,.1f}{target} a year; {cost}."
                ),
                lesson="form-perform",
                questions=(
                    f"In round {entry.round} the table skipped storming and norming with "
                    f"{before.members} members at the table. What made skipping look worth it?",
                    f"By the end effectiveness was {end.effectiveness:.0%} and {cost}. Which "
                    "conversation that never happened cost the table most?",
                ),
                weight=6.0,
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and advance to storming instead of skipping; "
                "compare the scorecards at the end.",
            )
        )
    return out


def designees(facts: Facts) -> list[KeyMoment]:
    """Members who sent someone who can neither decide nor implement."""
    trace, game = facts.trace, facts.trace.game
    final = trace.final.state
    joins = [
        (k, e)
        for k, e in _events(facts)
        if isinstance(e, MemberJoined)
        and e.representative == "designee"
        and final.members[e.organization].representative == "designee"
    ]
    if not joins:
        return []
    k, first = joins[0]
    org = first.organization
    entry = trace.entries[k - 1]
    ask = getattr(entry.action, "ask", "letter")
    sends = game.orgs[org].sends
    better = [
        a
        for a in ("convener_meeting", "champion")
        if REPRESENTATIVE_RANK.get(getattr(sends, a), 0) > REPRESENTATIVE_RANK["designee"]
    ]
    everyone = [e.organization for _, e in joins]
    funded = [x for x in trace.entries[k:] if x.action.kind == "fund"]
    when = (
        f"when the table funded projects in round {funded[0].round}"
        if funded
        else "when the agreement came to a vote"
    )
    more = (
        f" {len(everyone)} members ended with designees: {names(game, everyone)}."
        if len(everyone) > 1
        else ""
    )
    weighty = game.orgs[org].veto or game.orgs[org].assets.money > 0
    return [
        KeyMoment(
            kind="designee",
            step=k,
            round=entry.round,
            stage=entry.stage,
            title=f"{org_name(game, org)} joined with a designee (round {entry.round})",
            detail=(
                f"Asked by {ASK.get(ask, ask)}, {org_name(game, org)} sent a designee: someone "
                f"who represents it but can neither decide nor implement.{more}"
            ),
            lesson="representatives",
            questions=(
                f"{org_name(game, org)} sent a designee when asked by {ASK.get(ask, ask)} in round "
                f"{entry.round}. Whom would you have needed from it {when}?",
                f"What would it have cost the convener to ask {org_name(game, org)} by "
                f"{ASK[better[-1]] if better else 'a different ask'} instead, and what would "
                "the table have gained?",
            ),
            weight=2.0 + weighty,
            fork=k - 1 if better else None,
            what_if=(
                f"Branch at step {k - 1} and invite {org_name(game, org)} by {ASK[better[-1]]}."
                if better
                else ""
            ),
        )
    ]


def governance_choice(facts: Facts) -> list[KeyMoment]:
    """The governance form the table adopted, and how well it fit the table."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    card = facts.final_card
    for k, e in _events(facts):
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
        rnd, stage = _where(facts, k)
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
    for k, e in _events(facts):
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
        rnd, stage = _where(facts, k)
        label, iname = option_label(game, e.issue, e.option), issue_name(game, e.issue)
        rule = RULE_UNDER.get(e.rule, e.rule)
        blockers = list(e.blockers)
        proposed = max((x.step for x in trace.entries[:k] if x.action.kind == "propose"), default=k)
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
        issue = getattr(x.action, "issue", None)
        if x.action.kind == "propose" and issue in proposed:
            proposed[issue] += 1
    listing = ", ".join(
        f"{i.name} ({_tries(proposed[i.id], s.failed_votes.get(i.id, 0))})" for i in missing
    )
    last_try = max(
        (
            x.step
            for x in trace.entries
            if x.action.kind == "propose" and getattr(x.action, "issue", "") == first.id
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
    rnd, stage = _where(facts, n)
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
                f"The table never agreed {first.name} ({_tries(proposed[first.id], failures)}). What "
                "kept it apart: the options, the DecisionRule, or who sat at the table?",
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
