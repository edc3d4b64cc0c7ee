"""Turn an engine action into the keys a person presses on the table screen to take it.

Pilot tests and the tmux test both play whole games by keyboard alone: a scripted
convener (the engine's careful policy) decides, and these keys carry the decision
through the same dialogs and editors a person uses. Key names are Textual's; `tmux_keys`
spells them for `tmux send-keys`.
"""

from __future__ import annotations

from textual.pilot import Pilot

from sim.engine import actions as A
from sim.engine.money import affordable_units
from sim.engine.policies import ConvenerBot
from sim.engine.session import Session
from sim.play.choices import Choice, how_choices, reflect_choices, result_choices, tension_choices
from sim.scenario.words import ASK, RESPONSE
from sim.tui.game.invite import invitable
from sim.tui.game.member_flows import deal_issues, deal_options, deal_partners, deals_to_answer

# The same cut-off autoplay uses for a policy that never ends its round.
MAX_PER_ROUND = 400


def typed_name(session: Session, org: str) -> str:
    """The shortest start of an organization's id that the invite filter ranks first."""
    view = session.view("convener")
    for n in range(1, len(org) + 1):
        found = invitable(view, org[:n])
        if found and found[0] == org:
            return org[:n]
    return org


def digit(index: int) -> str:
    assert 0 <= index < 9, f"choice {index + 1} has no digit key"
    return str(index + 1)


def pick(choices: list[Choice[object]], value: object) -> list[str]:
    """Keys that choose `value` in a choice dialog: its digit, or arrows past the first
    nine (arrows skip the lines that are off now)."""
    index = [c.value for c in choices].index(value)
    if index < 9:
        return [digit(index)]
    return ["home", *["down"] * sum(c.ok for c in choices[:index]), "enter"]


def tick(values: list[object], wanted: list[object]) -> list[str]:
    """Keys that tick `wanted`, in that order, in a pick-many dialog, then confirm."""
    if wanted == values:
        return ["a", "enter"]
    keys: list[str] = []
    for value in wanted:
        keys += ["home", *["down"] * values.index(value), "space"]
    return [*keys, "enter"]


# The editor each kind of action is taken in; everything else is taken on the table.
EDITOR = {
    "propose": "agreement",
    "fund": "allocation",
    "measure": "allocation",
    "stop": "allocation",
}
OPEN = {"agreement": "g", "allocation": "f"}


def keys_for(session: Session, action: A.Action, place: str = "table") -> tuple[list[str], str]:
    """Keys that submit `action` from `place` (table, agreement, allocation), and where they end.

    Consecutive proposals stay in the agreement editor and consecutive funding in the
    allocation editor, as a person would; ending a round works from all three.
    """
    target = EDITOR.get(action.kind, place if action.kind == "end_round" else "table")
    keys: list[str] = []
    if target != place:
        if place != "table":
            keys.append("escape")
        if target in OPEN:
            keys.append(OPEN[target])
    return keys + _action_keys(session, action), target


def _action_keys(session: Session, action: A.Action) -> list[str]:
    game = session.game
    view = session.view("convener")
    match action:
        case A.Invite(organization=org, ask=ask):
            return ["i", *typed_name(session, org), "enter", digit(list(ASK).index(ask))]
        case A.ChooseResult():
            values = [c.value for c in result_choices(view)]
            return ["r", digit(values.index(action))]
        case A.HandleTension(tension=tension, how=how, favor=favor):
            order = [c.value for c in tension_choices(view)]
            hows = [c.value for c in how_choices(view, tension)]
            keys = ["h", digit(order.index(tension)), digit(hows.index(how))]
            if how in ("override", "side_deal"):
                keys.append(digit(favor))
            return keys
        case A.Propose(issue=issue, option=option, package=package):
            issues = [i.id for i in game.scenario.issues]
            keys = []
            for other, choice in package.items():
                options = [o.id for o in game.issues[other].options]
                keys += [digit(issues.index(other)), *["down"] * options.index(choice), "a"]
            options = [o.id for o in game.issues[issue].options]
            return [*keys, digit(issues.index(issue)), *["down"] * options.index(option), "p"]
        case A.SoundOut(members=members, issues=asked):
            own = game.scenario.convener.organization
            table = [m for m in view.at_table if m != own]
            open_ = [i.id for i in game.scenario.issues if i.id not in view.agreement]
            return ["u", *tick(table, members), *tick(open_, asked)]
        case A.NameSteering(members=members):
            return ["y", *tick(list(view.at_table), members)]
        case A.OfferDeal(partner=partner, give_issue=gi, give_option=go, want_issue=wi):
            answers = len(deals_to_answer(view))
            return [
                "x",
                digit(answers),
                *pick(deal_partners(view), partner),
                *pick(deal_issues(view), gi),
                *pick(deal_options(view, gi), go),
                *pick(deal_issues(view, gi), wi),
                *pick(deal_options(view, wi), action.want_option),
            ]
        case A.Stop(project=project):
            row = [p.id for p in game.scenario.projects].index(project)
            return ["home", *["down"] * row, "s", "1"]
        case A.Reflect():
            values = [c.value for c in reflect_choices(view)]
            return ["c", digit(values.index(action))]
        case A.Fund(project=project, stream=stream, units=units):
            projects = [p.id for p in game.scenario.projects]
            streams = [s.id for s in game.scenario.streams]
            row = projects.index(project)
            keys = ["home", *["down"] * row, "f", digit(streams.index(stream))]
            most = affordable_units(game, session.state, game.projects[project], stream)
            if units != most:
                keys += [*str(units)]
            return [*keys, "enter"]
        case A.Measure(project=project):
            row = [p.id for p in game.scenario.projects].index(project)
            return ["home", *["down"] * row, "m"]
        case A.Advance():
            return ["a"]
        case A.Skip():
            return ["s", "1"]
        case A.EndRound():
            return ["e"]
        case A.Respond(event=event, response=response):
            keys = ["n"]
            awaiting = list(session.state.awaiting)
            if len(awaiting) > 1:
                keys.append(digit(awaiting.index(event)))
            return [*keys, digit(list(RESPONSE).index(response))]
    raise AssertionError(f"no keys for {action!r}")


TMUX = {
    "enter": "Enter",
    "escape": "Escape",
    "down": "Down",
    "up": "Up",
    "home": "Home",
    "tab": "Tab",
}


def tmux_keys(keys: list[str]) -> list[str]:
    return [TMUX.get(k, k) for k in keys]


async def play_by_keys(pilot: Pilot[None], *, seed_policy: str = "full") -> int:
    """Play the convener's game to the scorecard by keys alone; return the keys pressed.

    Checks after every action that exactly the policy's action was submitted, so a key
    that lands in the wrong place fails at once rather than at the end.
    """
    from sim.tui.game.stage import StageDialog

    app = pilot.app
    driver = app.driver  # type: ignore[attr-defined]
    policy = ConvenerBot(driver.game, seed_policy)
    pressed = in_round = 0
    place = "table"
    while not driver.session.is_over:
        session = driver.session
        action = policy(session)
        if session.why_illegal(action) is not None or in_round >= MAX_PER_ROUND:
            action = A.EndRound()
        keys, place = keys_for(session, action, place)
        before = driver.steps
        await pilot.press(*keys)
        pressed += len(keys)
        while isinstance(app.screen, StageDialog):
            await pilot.press("enter")
            pressed += 1
        assert driver.steps == before + 1, f"{keys} did not submit {action!r}"
        assert session.history[-1] == action, f"{keys} submitted {session.history[-1]!r}"
        in_round = 0 if action.kind == "end_round" else in_round + 1
    await pilot.pause()
    return pressed
