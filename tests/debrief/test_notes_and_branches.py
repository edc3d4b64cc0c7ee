"""Notes and what-ifs on disk: atomic rewrites that keep the save intact and verifiable."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.debrief.debrief import Debrief
from sim.debrief.views.compare import check_same_scenario
from sim.debrief.views.lens import seat_lens, seats_to_view
from sim.engine.actions import CONVENER
from sim.record.errors import SaveError
from sim.record.notes import add_note, delete_note, edit_note
from sim.record.reader import load_save, require_complete
from sim.record.sessions import resume
from sim.record.simulate import verify
from sim.record.whatif import branch_at
from tests.record.helpers import autoplay_save


def test_add_edit_delete_keep_the_save_verifiable(save_copy: Path) -> None:
    first = add_note(save_copy, 3, "  Who was missing?  ")
    second = add_note(save_copy, 3, "And who was invited by letter?", author="Co-facilitator")
    assert first.text == "Who was missing?" and first.author == "Dr. Okafor"
    edited = edit_note(save_copy, first, "Who was missing, and who noticed?")
    notes = load_save(save_copy).annotations
    assert [n.text for n in notes] == [edited.text, second.text]
    assert edited.step == 3 and edited.author == first.author
    delete_note(save_copy, second)
    save = require_complete(load_save(save_copy))
    assert [n.text for n in save.annotations] == ["Who was missing, and who noticed?"]
    verify(save)  # every hash still matches: notes never touch the actions
    with pytest.raises(SaveError, match="no longer in the save"):
        delete_note(save_copy, second)
    with pytest.raises(SaveError, match="needs some text"):
        add_note(save_copy, 1, "   ")
    with pytest.raises(SaveError, match="step 99 is not in the save"):
        add_note(save_copy, 99, "too far")


def test_a_note_waits_for_a_running_game(save_copy: Path) -> None:
    _session, recorder = resume(save_copy)
    with recorder, pytest.raises(SaveError, match="a running game is recording this save"):
        add_note(save_copy, 1, "not while it is being played")
    before = load_save(save_copy).annotations
    assert before == ()


def test_a_what_if_starts_from_the_state_at_its_step(save_copy: Path) -> None:
    made = branch_at(save_copy, 12)
    save = load_save(made.path)
    assert save.header.branch is not None and save.header.branch.fork_step == 12
    assert made.play_command == f"sim play --resume {made.path}"
    session, recorder = resume(made.path)
    with recorder:
        parent = Debrief.open(save_copy)
        assert session.state_hash() == parent.session_at(12).state_hash()
        assert not session.is_over


def test_the_lens_hides_what_the_seat_could_not_see(table_a: Debrief) -> None:
    session = table_a.session_at(table_a.steps)
    seats = seats_to_view(session)
    assert seats[0] == CONVENER and len(seats) > 2
    convener = seat_lens(session, CONVENER)
    org = seat_lens(session, seats[1])
    assert "Own" in dict(convener.sees) and "Own sheet" in dict(org.sees)
    assert "BATNA" in dict(org.sees)["Own sheet"]
    hidden = dict(convener.hidden)
    assert "Below BATNA" in hidden and "Weakest pair" in hidden
    # A Member's own sheet is never listed among what is hidden from it.
    assert table_a.game.orgs[seats[1]].short not in dict(org.hidden)["Below BATNA"]


def test_only_tables_of_one_scenario_compare(table_a: Debrief, tmp_path: Path) -> None:
    other = Debrief.open(autoplay_save(tmp_path))
    with pytest.raises(SaveError, match="compare tables of one scenario"):
        check_same_scenario([table_a, other])
