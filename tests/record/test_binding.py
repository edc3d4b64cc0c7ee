"""A save covers everything it replays: the scenario, seats and header it claims are bound
into every entry, a finished game says so in its last entry, and verify reads one entry
at a time. Each edit below used to verify as "ok"."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pytest

from sim.cli import main
from sim.record import layout, load_save, verify
from sim.record.layout import MARKER, entry_text, header_bound, header_checksum
from sim.record.model import Branch, Save, sha256_text
from sim.record.naming import default_path
from tests.record.helpers import autoplay_save

ONE_LINE = re.compile(r"^sim: [^\n]+: [^\n]+\n$")


def _verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _fails(path: Path, capsys: pytest.CaptureFixture[str], says: str) -> str:
    code, out, err = _verify(path, capsys)
    assert code == 1 and out == "" and ONE_LINE.match(err), err
    assert err.startswith(f"sim: {path}: {says}"), err
    return err


def _write(path: Path, save: Save) -> Path:
    """A save rewritten by someone who knows the format: every checksum recomputed."""
    bound = header_bound(save.header)
    text = layout.header_text(save.header, save.annotations)
    path.write_text(text + "".join(entry_text(e, bound) for e in save.entries))
    return path


def _edit_scenario(path: Path, old: str, new: str, rebind: bool = False) -> Path:
    """Edit the embedded scenario text, then recompute its sha256 and the header check (as
    the format page says to), and with `rebind` the binding too."""
    data = path.read_text(encoding="utf-8")
    head, rest = data.split(f"\n{MARKER}\n", 1)
    doc = tomllib.loads(head)
    text = doc["scenario"]["text"]
    assert old in text, old
    doc["scenario"]["text"] = text.replace(old, new, 1)
    doc["scenario"]["sha256"] = sha256_text(doc["scenario"]["text"])
    if rebind:
        doc["bound"] = layout.binding(doc)
    doc["check"] = header_checksum(doc)
    edited = path.with_name("edited.toml")
    ordered = {k: doc[k] for k in (*layout.CURRENT.scalars, "check", "bound", "seats")}
    ordered["scenario"] = doc["scenario"]
    import tomli_w

    edited.write_text(f"{layout.TOP}\n{tomli_w.dumps(ordered)}\n{MARKER}\n{rest}")
    return edited


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return autoplay_save(tmp_path, seed=3)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("batna = 15", "batna = 1"),  # a BATNA
        ("personality", "veto = true\npersonality"),  # a veto flag
        ("cost_per_unit = 30_000", "cost_per_unit = 3_000"),  # a cost
        ('name = "County Commission"', 'name = "County Board"'),  # a name
    ],
)
def test_an_edited_scenario_with_its_hash_recomputed_is_named(
    saved: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    assert _verify(saved, capsys)[0] == 0
    edited = _edit_scenario(saved, old, new)
    _fails(edited, capsys, "scenario: the embedded scenario (its text, id or title) changed after")
    # Rebinding the header as well leaves every entry bound to the scenario played.
    rebound = _edit_scenario(saved, old, new, rebind=True)
    _fails(rebound, capsys, "step 1: checksum does not match: the entry was changed after it")
    assert main(["report", str(rebound)]) == 1
    assert "step 1: checksum does not match" in capsys.readouterr().err


def test_a_finished_game_says_so_and_a_cut_save_does_not(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _verify(saved, capsys)
    steps = len(load_save(saved).entries)
    assert code == 0 and out.endswith(f"ok: {steps} steps verified (demo, seed 3, finished)\n")
    data = saved.read_bytes()
    cut = [m.start() for m in re.finditer(rb"\n\[\[actions\]\]\n", data)][-3]
    saved.write_bytes(data[:cut])  # exactly at an entry boundary
    code, out, err = _verify(saved, capsys)
    assert code == 0 and err == ""
    assert out == (
        f"{saved}: ok: {steps - 3} steps verified (demo, seed 3, stopped in performing, round "
        f"{verify(load_save(saved)).round}); ends after step {steps - 3}; no close record "
        "(a game still in progress, or a save cut short)\n"
    )


def test_an_entry_after_the_close_is_damage(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = load_save(saved)
    last = save.entries[-1]
    extra = last.model_copy(update={"step": last.step + 1, "over": False})
    with saved.open("a", encoding="utf-8") as file:
        file.write(entry_text(extra, header_bound(save.header)))
    _fails(
        saved, capsys, f"step {last.step + 1}: recorded after step {last.step}, whose entry says"
    )


def test_a_close_record_the_game_does_not_bear_out(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = load_save(saved)
    entries = list(save.entries[:5])
    entries[-1] = entries[-1].model_copy(update={"over": True})
    _write(saved, save.model_copy(update={"entries": tuple(entries)}))
    _fails(saved, capsys, "step 5: the entry says the game ended here, but re-simulated it goes on")


@pytest.mark.parametrize("change", ["dropped", "duplicated", "reordered", "renamed"])
def test_seats_must_be_every_seat_once_in_order(
    saved: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    save = load_save(saved)
    seats = list(save.header.seats)
    if change == "dropped":
        del seats[2]
    elif change == "duplicated":
        seats.insert(2, seats[1])
    elif change == "reordered":
        seats[1], seats[2] = seats[2], seats[1]
    else:
        seats[2] = seats[2].model_copy(update={"seat": "nobody"})
    header = save.header.model_copy(update={"seats": tuple(seats)})
    _write(saved, save.model_copy(update={"header": header}))
    _fails(saved, capsys, "seats: ")


def test_the_header_names_the_scenario_it_embeds(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = load_save(saved)
    scenario = save.header.scenario.model_copy(update={"id": "other"})
    _write(
        saved,
        save.model_copy(update={"header": save.header.model_copy(update={"scenario": scenario})}),
    )
    _fails(saved, capsys, "scenario: the header names 'other' ('Demo'), but the embedded scenario")


def test_an_annotation_on_a_step_the_save_lacks(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = load_save(saved)
    from sim.record.model import Annotation, now

    note = Annotation(step=len(save.entries) + 5, author="x", text="y", time=now())
    _write(saved, save.model_copy(update={"annotations": (note,)}))
    _fails(saved, capsys, f"annotation 1: it is on step {len(save.entries) + 5}, but the save")


def test_a_branch_is_checked_against_its_parent(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sim.record import branch_at

    made = branch_at(saved, 4)
    code, out, _ = _verify(made.path, capsys)
    assert code == 0 and "not here" not in out
    save = load_save(made.path)
    # A fork step past what the branch holds.
    late = save.header.model_copy(update={"branch": Branch(parent=str(saved), fork_step=9)})
    _write(made.path, save.model_copy(update={"header": late}))
    _fails(made.path, capsys, "branch: it forks from its parent at step 9, but holds only 4")
    # A parent that is another game.
    other = autoplay_save(tmp_path, seed=6, name="other.toml")
    wrong = save.header.model_copy(update={"branch": Branch(parent=str(other), fork_step=4)})
    _write(made.path, save.model_copy(update={"header": wrong}))
    _fails(made.path, capsys, "branch: ")
    # A parent that is not here is said, not an error.
    gone = save.header.model_copy(update={"branch": Branch(parent="gone.toml", fork_step=4)})
    _write(made.path, save.model_copy(update={"header": gone}))
    code, out, _ = _verify(made.path, capsys)
    assert code == 0 and "its parent gone.toml is not here" in out


def test_verify_reads_one_entry_at_a_time(
    saved: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = saved.read_bytes()
    starts = [m.start() for m in re.finditer(rb"\n\[\[actions\]\]\n", data)]
    body = data[starts[0] :]
    # Damage at step 3, then about 40 MB of entries after it.
    damaged = data[: starts[2]] + data[starts[2] : starts[3]].replace(b"step = 3", b"step = 33")
    huge = damaged + data[starts[3] :] + body * (40 * 1024 * 1024 // len(body))
    saved.write_bytes(huge)
    parsed: list[int] = []
    original = layout._entry

    def counting(chunk: bytes, step: int, bound: str | None) -> dict[str, object]:
        parsed.append(step)
        return original(chunk, step, bound)

    monkeypatch.setattr(layout, "_entry", counting)
    began = time.monotonic()
    _fails(saved, capsys, "step 3: ")
    assert parsed == [1, 2, 3]
    assert time.monotonic() - began < 10


def test_the_entry_limit_is_enforced_when_reading_and_recording(
    saved: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sim.record.reader
    import sim.record.recorder

    monkeypatch.setattr(sim.record.reader, "MAX_ENTRIES", 5)
    monkeypatch.setattr(sim.record.recorder, "MAX_ENTRIES", 5)
    _fails(saved, capsys, "step 6: a save holds at most 5 entries")
    from sim.record import SaveError
    from sim.record.live import autoplay_recorded

    with pytest.raises(SaveError, match="step 6: a save holds at most 5 entries"):
        autoplay_recorded(saved.parent / "demo.toml", 3, "full", saved.parent / "n.toml", _Sink())


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("scenario_id", ["../../escaped", "/etc/escaped", "a/../../b", ".hidden"])
def test_a_name_made_from_file_data_stays_in_its_folder(tmp_path: Path, scenario_id: str) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    path = default_path(scenario_id, "../convener", folder, tag="whatif-3")
    assert path.parent == folder
    assert "/" not in path.name and not path.name.startswith(".")


def test_a_what_if_of_a_save_with_an_escaping_id_never_escapes(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sim.record import SaveError, branch_at

    save = load_save(saved)
    scenario = save.header.scenario.model_copy(update={"id": "../../escaped"})
    _write(
        saved,
        save.model_copy(update={"header": save.header.model_copy(update={"scenario": scenario})}),
    )
    with pytest.raises(SaveError, match="scenario: the header names"):
        branch_at(saved, 2)
    assert not list(saved.parent.parent.parent.glob("escaped*"))
    assert sorted(p.name for p in saved.parent.glob("*.toml")) == ["demo.toml", saved.name]
