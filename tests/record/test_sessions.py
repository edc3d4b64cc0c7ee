"""Resume after a stop, branch a what-if, annotate: each leaves a save that verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine.actions import EndRound
from sim.record import SaveError, annotate, branch, load_save, resume, start, verify
from tests.record.helpers import STARTER, play


def test_resume_continues_exactly_where_the_game_stopped(tmp_path: Path) -> None:
    straight, recorder = start(STARTER, "demo.toml", 4, {}, path=tmp_path / "a.toml")
    with recorder:
        play(straight, recorder, seed=4)
    stopped, recorder = start(STARTER, "demo.toml", 4, {}, path=tmp_path / "b.toml")
    with recorder:
        play(stopped, recorder, steps=9, seed=4)
    session, recorder = resume(tmp_path / "b.toml")
    with recorder:
        assert recorder.warning is None and recorder.steps == 9
        assert session.state_hash() == stopped.state_hash()
        assert session.feed == stopped.feed and session.history == stopped.history
        play(session, recorder, seed=4)
    assert session.state_hash() == straight.state_hash()
    save = load_save(tmp_path / "b.toml")
    assert verify(save).state_hash() == straight.state_hash()
    assert save.header == load_save(tmp_path / "b.toml").header


def test_resume_of_a_finished_game(save_path: Path) -> None:
    session, recorder = resume(save_path)
    recorder.close()
    assert session.is_over and len(session.history) == len(load_save(save_path).entries)


def test_a_what_if_branch_copies_the_past_and_diverges(save_path: Path) -> None:
    annotate(save_path, 2, "Ines", "before the fork")
    annotate(save_path, 20, "Ines", "after the fork")
    parent = load_save(save_path)
    session, recorder = branch(save_path, 6)
    with recorder:
        assert recorder.path.parent == save_path.parent and "whatif-6" in recorder.path.name
        assert session.state_hash() == parent.entries[5].hash
        recorder.apply(session, EndRound())
        play(session, recorder)
    child = load_save(recorder.path)
    assert child.header.branch is not None
    assert (child.header.branch.parent, child.header.branch.fork_step) == (str(save_path), 6)
    assert child.header.seed == parent.header.seed
    assert child.header.scenario == parent.header.scenario
    assert child.entries[:6] == parent.entries[:6]
    assert child.entries[6].action == EndRound()
    assert [a.text for a in child.annotations] == ["before the fork"]
    assert verify(child).is_over
    with pytest.raises(SaveError, match=r"^branch: step 99 is not in"):
        branch(save_path, 99)


def test_annotations_are_kept_in_the_save(save_path: Path) -> None:
    before = load_save(save_path)
    note = annotate(save_path, 0, "Dr. Okafor", 'Ask: "why these four?"\nThen wait.')
    after = load_save(save_path)
    assert after.annotations == (note,)
    assert (note.step, note.author) == (0, "Dr. Okafor")
    assert after.entries == before.entries and after.header == before.header
    verify(after)
    with pytest.raises(SaveError, match=r"^annotation: step 999 is not in the save"):
        annotate(save_path, 999, "x", "y")
    assert load_save(save_path).annotations == (note,)


def test_people_and_names_are_recorded(tmp_path: Path) -> None:
    session, recorder = start(
        STARTER,
        "demo.toml",
        2,
        {"convener": "person", "county": "person"},
        names={"convener": "Dana", "county": "Lee"},
        path=tmp_path / "p.toml",
    )
    recorder.close()
    seats = {s.seat: (s.player, s.name) for s in load_save(tmp_path / "p.toml").header.seats}
    assert seats["convener"] == ("person", "Dana")
    assert seats["county"] == ("person", "Lee")
    assert seats["city"] == ("bot", "City Transportation Department")
    assert session.seats["county"] == "human" and session.seats["city"] == "bot"
