"""How the careful bot convener paces norming: what a person would do, from its view."""

from __future__ import annotations

import pytest

from sim.engine import actions as A
from sim.engine.autoplay import autoplay
from sim.engine.notices import ProposalVoted, StageChanged
from tests.engine.conftest import SHIPPED, load_game


@pytest.mark.parametrize("name", SHIPPED)
def test_the_careful_convener_puts_every_issue_to_a_vote_before_it_performs(name: str) -> None:
    """It moves on to performing once the core is adopted and every other issue has had a
    vote (or norming has run long), not after a fixed few rounds."""
    game = load_game(name)
    session = autoplay(game, 1, "full").session
    voted: set[str] = set()
    for notice in session.feed:
        if isinstance(notice, StageChanged) and notice.dest == "performing":
            break
        if isinstance(notice, ProposalVoted):
            voted.update([notice.issue, *notice.package])
    else:
        pytest.fail("the careful convener never reached performing")
    assert voted == {i.id for i in game.scenario.issues}


def test_the_careful_convener_bundles_issues_it_forecasts_will_pass_together() -> None:
    """On the flagship its committee would pass each issue alone, so it puts them to the vote
    two at a time and settles the seven-issue agreement in fewer votes than issues."""
    game = load_game("clean-air-compact")
    session = autoplay(game, 1, "full").session
    proposals = [a for a in session.history if isinstance(a, A.Propose)]
    assert any(p.package for p in proposals)
    assert set(session.state.agreement) == {i.id for i in game.scenario.issues}
    assert len(proposals) < len(game.scenario.issues)
