"""jw.open: a map bound to its file. Edits reach the file, outside changes reach the map."""

from __future__ import annotations

import errno
import json
import os
import time
import warnings
from collections.abc import Callable, Iterator

import pandas as pd
import pytest
from journey_helpers import LANES, STAGES, checkout_cards, checkout_map

import journey_widget as jw
from journey_widget.durable import binding as binding_module
from journey_widget.model.replace_ops import JourneyState, ReplaceJourney


@pytest.fixture(autouse=True)
def no_background_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests look at the file themselves (``check_file``): no poll races them."""
    monkeypatch.setattr(binding_module, "POLL_SECONDS", 3600.0)


@pytest.fixture
def opened(tmp_path) -> Iterator[Callable[..., jw.JourneyMap]]:
    maps: list[jw.JourneyMap] = []

    def open_map(*args, **kwargs) -> jw.JourneyMap:
        m = jw.open(*args, **kwargs)
        maps.append(m)
        return m

    yield open_map
    for m in maps:
        m.close_file()


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for the binding's thread (generous: correctness, not speed, is tested here)."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def on_disk(path) -> jw.JourneyMap:
    return jw.load(path)


def text_of(m: jw.JourneyMap, card: str) -> str:
    return str(m.data.set_index("id").at[card, "text"])


# ---- creating and opening ---------------------------------------------------------------------
def test_a_missing_file_is_created_from_the_default(tmp_path, opened):
    path = tmp_path / "checkout.journey.json"
    m = opened(path, default=checkout_cards(), stages=STAGES, lanes=LANES, title="Checkout")
    assert m.path == path and m.file_status.state == "saved"
    # The views are told from the start (the widget's file_binding trait).
    assert m.file_binding["state"] == "saved" and m.file_binding["path"] == str(path)
    saved = tmp_path / "saved.journey.json"
    m.save(saved)
    assert path.read_bytes() == saved.read_bytes()  # the bytes m.save writes
    assert on_disk(path).title == "Checkout"


@pytest.mark.parametrize("default", [None, "b2c", "map", "journey"])
def test_defaults_of_every_kind(tmp_path, opened, default):
    given = {"map": checkout_map(), "journey": checkout_map().journey}.get(default, default)
    m = opened(tmp_path / "x.journey.json", default=given)
    expected = {None: (), "b2c": jw.templates.load("b2c").stages}.get(default, tuple(STAGES))
    assert m.stages == expected and on_disk(m.path).stages == expected


def test_the_file_wins_and_a_different_default_gets_a_notice(tmp_path, opened):
    path = tmp_path / "checkout.journey.json"
    checkout_map().save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = opened(path, default=checkout_cards().head(3), stages=STAGES, lanes=LANES)
    assert len(m.data) == 21
    (notice,) = [w for w in caught if issubclass(w.category, jw.JourneyNotice)]
    assert "checkout.journey.json exists" in str(notice.message) and "cards" in str(notice.message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opened(path, default=checkout_map())  # the same map: no notice


def test_bad_paths_and_defaults_are_refused(tmp_path):
    with pytest.raises(jw.JourneyError, match="does not exist"):
        jw.open(tmp_path / "nowhere" / "x.journey.json")
    with pytest.raises(jw.JourneyError, match=r"\.journey\.json"):
        jw.open(tmp_path / "x.csv")
    with pytest.raises(jw.JourneyError, match="default must be"):
        jw.open(tmp_path / "x.journey.json", default=42)
    with pytest.raises(jw.JourneyError, match="unknown option"):
        jw.open(tmp_path / "x.journey.json", colour="red")
    assert not (tmp_path / "x.journey.json").exists()


def test_reopening_the_file_unbinds_the_earlier_map(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    first = opened(path, default=checkout_map())
    second = opened(path)
    assert first.path is None and first.file_status is None
    assert second.file_status.state == "saved"


# ---- edits -> file ----------------------------------------------------------------------------
def test_every_kind_of_edit_reaches_the_file(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    m.edit_card("c01", "text", "python edit")
    assert text_of(on_disk(path), "c01") == "python edit"  # written before the call returned
    m.undo()
    wait_until(lambda: text_of(on_disk(path), "c01") != "python edit")
    m.redo()
    wait_until(lambda: text_of(on_disk(path), "c01") == "python edit")
    m.send = lambda *a, **k: None  # the browser transport (not under test)
    m._on_message(
        m,
        {
            "type": "op",
            "op_id": "b1",
            "base_revision": m.revision,
            "op": {"kind": "edit", "id": "c02", "field": "text", "value": "browser edit"},
        },
        [],
    )
    m.rename_stage("Cart", "Basket")
    m.title = "Renamed"
    m.flush()
    back = on_disk(path)
    assert text_of(back, "c02") == "browser edit" and "Basket" in back.stages
    assert back.title == "Renamed" and m.file_status.state == "saved"
    assert path.read_text(encoding="utf-8") == m.to_json()


def test_a_burst_of_edits_is_written_once_it_pauses(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    for i in range(20):
        m.edit_card("c01", "text", f"typing {i}")
    wait_until(
        lambda: m.file_status.state == "saved" and text_of(on_disk(path), "c01") == "typing 19"
    )


def test_a_failed_write_keeps_the_edit_and_retries(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())

    def disk_full(_tmp):
        raise OSError(errno.ENOSPC, "No space left on device")

    m._binding.before_replace = disk_full
    m.edit_card("c01", "text", "kept in memory")  # raises nothing
    assert text_of(m, "c01") == "kept in memory"
    # written at once, or by the binding's thread when the edit came right after the file's
    # first write (a busy machine): either way the write fails and says so
    wait_until(lambda: m.file_status.state == "error")
    assert "No space left" in m.file_status.message
    assert text_of(on_disk(path), "c01") != "kept in memory"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    m._binding.before_replace = None  # space again: the retry writes it
    wait_until(lambda: m.file_status.state == "saved")
    assert text_of(on_disk(path), "c01") == "kept in memory"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_folder(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    tmp_path.chmod(0o500)
    try:
        m.edit_card("c01", "text", "while read-only")
        assert m.file_status.state == "error"
    finally:
        tmp_path.chmod(0o700)
    wait_until(lambda: m.file_status.state == "saved")
    assert text_of(on_disk(path), "c01") == "while read-only"


def test_close_file_flushes_and_unbinds(tmp_path):
    path = tmp_path / "x.journey.json"
    m = jw.open(path, default=checkout_map())
    m.close_file()
    assert m.path is None and m.file_binding["state"] == "closed"
    m.edit_card("c01", "text", "not written")
    assert text_of(on_disk(path), "c01") != "not written"


def test_stale_temp_files_of_dead_writers_are_removed_on_open(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    checkout_map().save(path)
    stale = tmp_path / ".x.journey.json.999999999.deadbeef.tmp"
    stale.write_text("{half", encoding="utf-8")
    opened(path)
    assert not stale.exists()


# ---- file -> map ------------------------------------------------------------------------------
def test_an_outside_change_is_one_undoable_step(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    seen = []
    m.on_edit(seen.append)
    other = jw.load(path)
    other.edit_card("c03", "text", "changed elsewhere")
    other.add_stage("Returns")
    other.save(path)
    m._binding.check_file()
    assert text_of(m, "c03") == "changed elsewhere" and "Returns" in m.stages
    assert [(e.kind, e.field) for e in seen] == [("replace", "map")]
    assert m.file_binding["message"].startswith("Reloaded")
    m.undo()
    assert "Returns" not in m.stages
    wait_until(lambda: "Returns" not in on_disk(path).stages)  # undoing writes the map back


def test_an_outside_change_merges_with_unwritten_edits(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    other = jw.load(path)
    other.edit_card("c02", "text", "theirs")
    m._binding.before_replace = lambda _t: (_ for _ in ()).throw(OSError(errno.EIO, "busy"))
    m.edit_card("c01", "text", "ours")  # not written yet
    other.save(path)
    m._binding.before_replace = None
    m.flush()
    back = on_disk(path)
    assert text_of(back, "c01") == "ours" and text_of(back, "c02") == "theirs"
    wait_until(lambda: text_of(m, "c02") == "theirs")
    assert m.file_status.state == "saved"


def test_a_conflict_keeps_theirs_in_the_file_and_ours_in_a_copy(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    other = jw.load(path)
    other.edit_card("c01", "text", "theirs")
    other.edit_card("c05", "text", "theirs too")
    other.save(path)
    m.edit_card("c01", "text", "ours")
    m.edit_card("c06", "text", "ours too")
    m.flush()
    status = m.file_status
    assert status.state == "conflict" and status.conflict_copy
    copy = status.conflict_copy
    assert os.path.basename(copy).startswith("x.conflict-") and copy.endswith(".journey.json")
    assert os.path.basename(copy) in status.message and "card c01 text" in status.message
    back = on_disk(path)
    assert text_of(back, "c01") == "theirs" and text_of(back, "c05") == "theirs too"
    assert text_of(back, "c06") == "ours too"
    assert text_of(jw.load(copy), "c01") == "ours"  # nothing typed is lost
    wait_until(lambda: text_of(m, "c01") == "theirs")  # the map shows what the file holds


def test_replace_journey_is_exactly_undone():
    m = checkout_map()
    before = m.to_json()
    other = jw.JourneyMap(
        pd.DataFrame({"stage": ["X"], "lane": ["Y"], "text": ["z"]}),
        title="Other",
        persona="Bo",
        state="future",
        scale=(1, 5),
    )
    applied = m.journey.apply(ReplaceJourney(JourneyState.capture(other.journey)))
    assert m.journey.title == "Other" and m.journey.scale.max == 5
    applied.inverse.apply(m.journey)
    assert m.to_json() == before


def test_the_written_file_is_what_to_json_says(tmp_path, opened):
    path = tmp_path / "x.journey.json"
    m = opened(path, default=checkout_map())
    m.edit_card("c01", "severity", 3)
    m.flush()
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(m.to_json())
