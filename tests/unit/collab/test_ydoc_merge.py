"""YJourney as the Jupyter server drives it: load, save, hash, and files written by others."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import pytest
from collab_helpers import card, checkout_doc, checkout_text, edit, fork, ids, new_card, sync
from journey_helpers import without_loop
from pycrdt import Doc

from journey_widget.collab.repair import canonical
from journey_widget.collab.ydoc import MergedWithFile, YJourney, text_hash
from journey_widget.collab.yshape import has_content, roots
from journey_widget.io.errors import JourneyFormatError
from journey_widget.io.json_format import document_text

FIRST, SECOND, THIRD = ids(checkout_doc())[:3]


def file_text(change: Any = None) -> str:
    """The checkout file as another program writes it after ``change``."""
    document = checkout_doc()
    if change is not None:
        change(document)
    return document_text(document)


def loaded() -> tuple[YJourney, Doc]:
    """The server's document loaded from the file, and a browser's replica of it."""
    server = YJourney()
    server.set(checkout_text())
    return server, fork(server.ydoc)


def read(shared: YJourney) -> dict[str, Any]:
    return json.loads(shared.get())


def test_a_file_change_with_no_unsaved_edits_is_taken_as_it_is():
    server, _ = loaded()
    disk = file_text(lambda d: card(d, FIRST).update(text="kernel"))
    server.set(disk)
    assert server.get() == disk
    assert server.base == canonical(json.loads(disk))


def test_an_unsaved_browser_edit_survives_a_file_change_elsewhere():
    server, browser = loaded()
    edit(browser, lambda d: card(d, FIRST).update(text="browser, unsaved"))
    sync(server.ydoc, browser)
    disk = file_text(lambda d: card(d, SECOND).update(text="kernel"))
    server.set(disk)
    merged = read(server)
    assert card(merged, FIRST)["text"] == "browser, unsaved"
    assert card(merged, SECOND)["text"] == "kernel"
    sync(server.ydoc, browser)
    assert YJourney(browser).get() == server.get()


def test_unsaved_added_and_moved_cards_survive_a_file_change():
    server, browser = loaded()

    def change(d: dict[str, Any]) -> None:
        d["cards"].insert(1, new_card("c-browser", "Cart", "Actions", "new"))
        d["cards"].remove(card(d, THIRD))

    edit(browser, change)
    sync(server.ydoc, browser)
    server.set(file_text(lambda d: d["cards"].append(new_card("c-kernel", "Cart", "Actions", "k"))))
    merged = ids(read(server))
    assert merged[1] == "c-browser" and merged[-1] == "c-kernel" and THIRD not in merged


def test_where_both_changed_one_field_the_file_wins():
    server, browser = loaded()
    edit(browser, lambda d: card(d, FIRST).update(text="browser"))
    sync(server.ydoc, browser)
    server.set(file_text(lambda d: card(d, FIRST).update(text="kernel")))
    assert card(read(server), FIRST)["text"] == "kernel"


def test_the_saved_text_becomes_the_base_when_the_server_reports_its_hash():
    server, browser = loaded()
    edit(browser, lambda d: card(d, FIRST).update(text="saved"))
    sync(server.ydoc, browser)
    saved = server.get()  # the server's autosave
    server.hash = text_hash(saved)
    assert server.hash == text_hash(saved)
    assert server.base == json.loads(saved)
    # then the browser puts the old text back (unsaved) while a kernel edits another card
    edit(browser, lambda d: card(d, FIRST).update(text=card(checkout_doc(), FIRST)["text"]))
    sync(server.ydoc, browser)
    disk = json.loads(saved)
    card(disk, SECOND)["text"] = "kernel"
    server.set(document_text(disk))
    merged = read(server)
    assert card(merged, FIRST)["text"] == card(checkout_doc(), FIRST)["text"]  # the revert
    assert card(merged, SECOND)["text"] == "kernel"


def test_a_hash_of_text_never_got_leaves_the_base():
    server, browser = loaded()
    before = server.base
    edit(browser, lambda d: card(d, FIRST).update(text="x"))
    sync(server.ydoc, browser)
    server.get()
    server.hash = "0" * 64
    assert server.base == before and server.hash == "0" * 64


def test_the_base_is_taken_from_the_first_fill_as_the_server_loads_rooms():
    """The room's document is filled by an update from a throwaway one (client id 0)."""
    room = YJourney(Doc())
    source = YJourney(Doc(client_id=0))
    source.set(checkout_text())
    room.ydoc.apply_update(source.ydoc.get_update())
    assert room.base == canonical(checkout_doc())
    browser = fork(room.ydoc)
    edit(browser, lambda d: card(d, FIRST).update(text="browser, unsaved"))
    sync(room.ydoc, browser)
    room.set(file_text(lambda d: card(d, SECOND).update(text="kernel")))
    merged = read(room)
    assert card(merged, FIRST)["text"] == "browser, unsaved"
    assert card(merged, SECOND)["text"] == "kernel"


def test_invalid_text_raises_naming_the_file_and_leaves_the_shared_map():
    server, _ = loaded()
    server.path = "maps/checkout.journey.json"
    before = server.ydoc.get_state()
    document = checkout_doc()
    document["cards"][0]["stage"] = "Nowhere"
    with pytest.raises(JourneyFormatError, match=r"maps/checkout.journey.json: cards\[0\].stage"):
        server.set(document_text(document))
    with pytest.raises(JourneyFormatError, match="JSON"):
        server.set('{"format": "journey-map", ')
    assert server.ydoc.get_state() == before
    assert server.get() == checkout_text()


@pytest.mark.parametrize("text", ["", "not json", '{"format": "journey-map", "version": 1}'])
def test_a_file_that_is_no_map_loads_as_an_empty_room_that_is_never_saved(text):
    room = YJourney()
    room.path = "broken.journey.json"
    room.set(text)  # the first load: no raise (jupyter-collaboration would fail the room)
    assert not has_content(room.ydoc)
    with pytest.raises(JourneyFormatError, match=r"broken\.journey\.json"):
        room.get()


def test_observers_hear_of_map_and_state_changes_until_unobserved():
    server, _ = loaded()
    heard: list[str] = []
    server.observe(lambda target, _event: heard.append(target))
    server.set(file_text(lambda d: card(d, FIRST).update(text="kernel")))
    server.dirty = False
    assert heard == ["source", "state"]
    server.unobserve()
    server.set(checkout_text())
    assert heard == ["source", "state"]


@without_loop  # a browser test's Playwright may leave a running loop in the main thread
def test_a_merge_that_differs_from_the_file_asks_the_server_to_save_it():
    async def scenario() -> list[tuple[str, Any]]:
        server, browser = loaded()
        heard: list[tuple[str, Any]] = []
        server.observe(lambda target, event: heard.append((target, event)))
        edit(browser, lambda d: card(d, FIRST).update(text="browser, unsaved"))
        sync(server.ydoc, browser)
        await server.aset(file_text(lambda d: card(d, SECOND).update(text="kernel")))
        for _ in range(200):  # the request comes on the loop, after set() returned
            if any(isinstance(e, MergedWithFile) for _, e in heard):
                break
            await asyncio.sleep(0.01)
        return heard

    requests = [(t, e) for t, e in asyncio.run(scenario()) if isinstance(e, MergedWithFile)]
    assert requests and requests[0] == ("source", MergedWithFile(()))


def test_get_refuses_to_save_a_map_no_valid_writer_makes():
    server, browser = loaded()
    roots(browser)[1][FIRST]["severity"] = "9"
    sync(server.ydoc, browser)
    with pytest.raises(JourneyFormatError, match="severity"):
        server.get()


def test_the_undo_manager_tracks_the_map():
    server, _ = loaded()
    doc = copy.deepcopy(json.loads(server.get()))
    card(doc, FIRST)["text"] = "undo me"
    server.set(document_text(doc))
    assert server.undo_manager.can_undo()
    server.undo_manager.undo()
    assert card(read(server), FIRST)["text"] == card(checkout_doc(), FIRST)["text"]
