"""Replay for the debrief: a live Session at any step, restored from snapshots, identical to
the game as it was played (state, hash, history, feed and stage machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine.actions import EndRound
from sim.engine.autoplay import autoplay
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.record import Replay, load_save
from sim.record.simulate import fresh_session, game_of


def original_feeds(replay: Replay) -> list[list[Notice]]:
    """The feed after every step of the same game played straight through, without saves."""
    header = replay.save.header
    feeds: list[list[Notice]] = []

    def keep(session: Session, *_: object) -> None:
        feeds.append(list(session.feed))

    autoplay(game_of(header), header.seed, "full", seats=header.engine_seats(), on_action=keep)
    return [[], *feeds]


@pytest.mark.parametrize("every", [1, 4, 100])
def test_session_at_every_step_is_the_game_as_played(save_path: Path, every: int) -> None:
    save = load_save(save_path)
    replay = Replay(save, every)
    feeds = original_feeds(replay)
    assert replay.steps == len(save.entries) == len(feeds) - 1
    for k in range(replay.steps + 1):
        session = replay.session_at(k)
        expected = save.entries[k - 1].hash if k else fresh_session(save.header).state_hash()
        assert session.state_hash() == expected
        assert session.history == [e.action for e in save.entries[:k]]
        assert session.feed == feeds[k]
        assert session.stage == session.state.stage  # the stage lives in one place
        if k:
            assert replay.events(k) == feeds[k][len(feeds[k - 1]) :]
            assert replay.entry(k) == save.entries[k - 1]


def test_a_restored_session_plays_on_exactly_like_the_original(save_path: Path) -> None:
    save = load_save(save_path)
    replay = Replay(save, every=4)
    for k in range(0, replay.steps, 3):
        session = replay.session_at(k)
        for entry in save.entries[k:]:
            session.apply(entry.action)  # advance/skip go through the restored stage machine
            assert session.state_hash() == entry.hash, (k, entry.step)
        assert session.is_over


def test_seeking_gives_independent_sessions(save_path: Path) -> None:
    replay = Replay(load_save(save_path), every=5)
    mid = replay.steps // 2
    what_if = replay.session_at(mid)
    what_if.apply(EndRound())  # a different path from here...
    while not what_if.is_over:
        what_if.apply(EndRound())
    # ...changes nothing the replay holds: snapshots are copied, never shared.
    assert replay.session_at(mid).state_hash() == replay.entry(mid).hash
    assert replay.session_at(replay.steps).state_hash() == replay.final.state_hash()


def test_steps_outside_the_save_are_refused(save_path: Path) -> None:
    replay = Replay.open(save_path)
    with pytest.raises(IndexError, match="not in this save"):
        replay.session_at(replay.steps + 1)
    with pytest.raises(IndexError):
        replay.events(0)


def test_a_torn_save_replays_up_to_its_last_complete_step(save_path: Path) -> None:
    data = save_path.read_bytes()
    save_path.write_bytes(data[: data.rindex(b"\n[[actions]]\n") + 20])
    replay = Replay.open(save_path)
    assert replay.save.torn is not None
    assert replay.session_at(replay.steps).state_hash() == replay.save.entries[-1].hash


def test_opening_fast_still_catches_a_divergence(save_path: Path) -> None:
    from sim.record import Mismatch
    from sim.record.model import Save

    save = load_save(save_path)
    quick = Replay(save, every=5, check_every_step=False)
    assert quick.session_at(7).state_hash() == save.entries[6].hash
    wrong = list(save.entries)
    wrong[6] = wrong[6].model_copy(update={"hash": "0" * 64})  # as if the rules had changed
    bent = Save(header=save.header, entries=tuple(wrong))
    replay = Replay(bent, every=5, check_every_step=False)  # step 7 is no snapshot: opens
    with pytest.raises(Mismatch, match=r"^step 7: the re-simulated state differs"):
        replay.session_at(7)
    assert replay.session_at(8).state_hash() == save.entries[7].hash
    with pytest.raises(Mismatch, match=r"^step 7: "):
        Replay(bent, every=7, check_every_step=False)  # a snapshot at 7 is checked on opening
