"""Key moments of conflict: a Tension deferred instead of settled, and whether it came back."""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.names import names, org_name, plural, seat_name, tension_parties, tension_title
from sim.engine.notices import TensionHandled, TensionSurfaced
from sim.scenario.words import HANDLING_NOUN


def deferred_tensions(facts: Facts) -> list[KeyMoment]:
    """One moment per deferred Tension: when it was deferred, and when it came back."""
    trace, game = facts.trace, facts.trace.game
    defers: dict[str, list[int]] = {}
    returns: dict[str, list[tuple[int, int]]] = {}
    settled: dict[str, list[tuple[int, str]]] = {}
    for k, e in facts.events():
        match e:
            case TensionHandled(how="defer"):
                defers.setdefault(e.tension, []).append(k)
            case TensionHandled(resolved=True):
                settled.setdefault(e.tension, []).append((k, e.how))
            case TensionSurfaced(returned=True):
                returns.setdefault(e.tension, []).append((k, e.round))
    out: list[KeyMoment] = []
    final = trace.final.state
    for tension, steps in defers.items():
        first = steps[0]
        rnd, stage = facts.where(first)
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
            more = f", and {plural(len(back) - 1, 'more time')}" if len(back) > 1 else ""
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
