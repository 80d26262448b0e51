"""Two people on one ``.journey.json`` in a JupyterLab with jupyter-collaboration.

The file is one shared document (docs/collaboration.md): each person's edits reach the other's
view, concurrent edits of different cards merge, the server saves the map in Python's own
bytes, and Ctrl+Z undoes the person's own last edit, not the neighbour's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

import journey_widget as jw

from .harness import Lab, wait_saved

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "checkout.journey.json"
DOC = ".jw-lab-document [data-jw-root]"
X, Y, Z, GONE = "c-7341ff6377", "c-1317b5ec6b", "c-a8367675bb", "c-bb25aeece5"
X_TEXT, Y_TEXT = "Sees a running-shoe ad on social media", "Instagram ad"


def open_map(lab: Lab, page: Page, workspace: str, name: str) -> Locator:
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={lab.token}")
    doc = page.locator(DOC)
    expect(doc.locator("[data-jw-card]")).to_have_count(22, timeout=60_000)
    return doc


def edit_text(doc: Locator, card_id: str, text: str) -> None:
    doc.locator(f'[data-jw-card="{card_id}"]').dblclick()
    editor = doc.locator("textarea[data-jw-editor]")
    editor.fill(text)
    editor.press("Enter")


def add_card(doc: Locator, stage: str, lane: str, text: str) -> None:
    doc.locator(f'[data-jw-cell][data-stage="{stage}"][data-lane="{lane}"] [data-jw-add]').click()
    editor = doc.locator("textarea[data-jw-editor]")
    editor.fill(text)
    editor.press("Enter")


def text_of(doc: Locator, card_id: str) -> Locator:
    return doc.locator(f'[data-jw-card="{card_id}"] [data-jw-card-text]')


def cell_of(doc: Locator, card_id: str) -> Locator:
    """The cell a card is in (its data-stage and data-lane)."""
    return doc.locator(f'[data-jw-card="{card_id}"]').locator("xpath=ancestor::*[@data-jw-cell][1]")


def card_ids(doc: Locator) -> list[str]:
    ids = doc.locator("[data-jw-card]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-jw-card'))"
    )
    return [str(i) for i in ids]


def test_two_people_edit_one_map_file_and_the_server_saves_everything(
    collab_lab: Lab, two_users: tuple[Page, Page]
) -> None:
    # long: one story, two people and the file.
    path = collab_lab.root / "shared.journey.json"
    shutil.copy(EXAMPLE, path)
    a, b = two_users
    doc_a = open_map(collab_lab, a, "person-a", path.name)
    doc_b = open_map(collab_lab, b, "person-b", path.name)

    # Six changes, made on both sides without waiting for each other.
    edit_text(doc_a, X, "A's words on X")
    edit_text(doc_b, Y, "B's words on Y")
    add_card(doc_a, "Checkout", "Thoughts", "Added by A")
    doc_b.locator(f'[data-jw-card="{Z}"]').focus()
    b.keyboard.press("Alt+ArrowRight")  # Browse -> Cart, same lane
    add_card(doc_b, "Delivery", "Pain points", "Added by B")
    doc_a.locator(f'[data-jw-card="{GONE}"]').focus()
    a.keyboard.press("Delete")

    for doc in (doc_a, doc_b):
        expect(text_of(doc, X)).to_have_text("A's words on X")
        expect(text_of(doc, Y)).to_have_text("B's words on Y")
        expect(doc.get_by_text("Added by A", exact=True)).to_have_count(1)
        expect(doc.get_by_text("Added by B", exact=True)).to_have_count(1)
        expect(cell_of(doc, Z)).to_have_attribute("data-stage", "Cart")
        expect(doc.locator(f'[data-jw-card="{GONE}"]')).to_have_count(0)
        expect(doc.locator("[data-jw-card]")).to_have_count(23)
    assert sorted(card_ids(doc_a)) == sorted(card_ids(doc_b))

    # Ctrl+S asks the server to save (it saves by itself too); no dialog, no dirty tab.
    doc_a.locator(f'[data-jw-card="{X}"]').focus()
    a.keyboard.press("Control+s")
    expect(a.locator(".jp-Dialog")).to_have_count(0)
    expect(a.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)

    def complete(text: str) -> bool:
        cards = {c["id"]: c for c in json.loads(text)["cards"]}
        texts = [c["text"] for c in cards.values()]
        return (
            cards.get(X, {}).get("text") == "A's words on X"
            and cards.get(Y, {}).get("text") == "B's words on Y"
            and "Added by A" in texts
            and "Added by B" in texts
            and cards.get(Z, {}).get("stage") == "Cart"
            and GONE not in cards
        )

    text = wait_saved(path, complete, timeout=30)
    assert complete(text), text
    saved = jw.load(path)
    assert text == saved.to_json()  # the server wrote Python's own bytes
    data = saved.data.set_index("id")
    assert len(data) == 23
    assert data.at[X, "text"] == "A's words on X"
    assert data.at[Y, "text"] == "B's words on Y"
    assert data.at[Z, "stage"] == "Cart"
    assert GONE not in data.index
    added = data[data["text"].isin(["Added by A", "Added by B"])]
    assert sorted(zip(added["text"], added["stage"], added["lane"], strict=True)) == [
        ("Added by A", "Checkout", "Thoughts"),
        ("Added by B", "Delivery", "Pain points"),
    ]
    assert sorted(data.index) == sorted(card_ids(doc_a))
    for page in (a, b):
        assert page.console_errors == []  # type: ignore[attr-defined]


def test_ctrl_z_undoes_ones_own_edit_not_the_neighbours(
    collab_lab: Lab, two_users: tuple[Page, Page]
) -> None:
    path = collab_lab.root / "undo.journey.json"
    shutil.copy(EXAMPLE, path)
    a, b = two_users
    doc_a = open_map(collab_lab, a, "undo-a", path.name)
    doc_b = open_map(collab_lab, b, "undo-b", path.name)

    edit_text(doc_a, X, "A's edit")
    expect(text_of(doc_b, X)).to_have_text("A's edit")
    edit_text(doc_b, Y, "B's edit")
    expect(text_of(doc_a, Y)).to_have_text("B's edit")

    doc_a.locator(f'[data-jw-card="{X}"]').focus()
    a.keyboard.press("Control+z")
    for doc in (doc_a, doc_b):
        expect(text_of(doc, X)).to_have_text(X_TEXT)
        expect(text_of(doc, Y)).to_have_text("B's edit")
    text = wait_saved(
        path, lambda t: X_TEXT in t and "B's edit" in t and "A's edit" not in t, timeout=30
    )
    assert "A's edit" not in text

    a.keyboard.press("Control+Shift+z")
    for doc in (doc_a, doc_b):
        expect(text_of(doc, X)).to_have_text("A's edit")
        expect(text_of(doc, Y)).to_have_text("B's edit")
    # B's undo is B's own: Y goes back, X stays A's.
    doc_b.locator(f'[data-jw-card="{Y}"]').focus()
    b.keyboard.press("Control+z")
    for doc in (doc_a, doc_b):
        expect(text_of(doc, Y)).to_have_text(Y_TEXT)
        expect(text_of(doc, X)).to_have_text("A's edit")

    # Presence through the awareness: A sees the card whose editor B has open, named.
    b_name = b.evaluate("globalThis[Symbol.for('journey-widget.identity')].name")
    doc_b.locator(f'[data-jw-card="{X}"]').dblclick()
    marked = doc_a.locator(f'[data-jw-card="{X}"]')
    expect(marked).to_have_attribute("data-jw-presence", b_name)
    expect(doc_b.locator("[data-jw-presence]")).to_have_count(0)  # never oneself
    b.keyboard.press("Escape")
    expect(doc_a.locator("[data-jw-presence]")).to_have_count(0)
    for page in (a, b):
        assert page.console_errors == []  # type: ignore[attr-defined]
