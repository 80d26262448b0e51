"""Two people and a kernel on one shared .journey.json: 200 interleaved operations, none lost.

A JupyterLab with jupyter-collaboration, two browser contexts (two anonymous users) with the
file open, and a kernel bound to the same file with ``jw.open``. With a fixed seed, 200
operations (edit a card's text, add a card, move one, delete one) come from the three in
turn, without waiting for one to reach the others. Each actor only touches the cards it made
or was given, so every accepted operation has one expected outcome. At the end both views,
the kernel's ``m.data`` and the file hold the same cards, and each card is as its owner last
left it.
"""

from __future__ import annotations

import json
import random
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

import journey_widget as jw

from .harness import Kernel, Lab

SEED = 20261201
OPS = 200
STAGES = ["Discover", "Choose", "Buy", "Use"]
LANES = ["Actions", "Thoughts", "Pain points"]
OWNERS = ("A", "B", "K")

pytestmark = pytest.mark.slow


@dataclass
class Card:
    """What a card must end as: its owner's last word on it."""

    text: str
    stage: str
    lane: str


@dataclass
class Actor:
    name: str
    cards: dict[str, Card] = field(default_factory=dict)
    made: int = 0


def start_map(path: Path) -> dict[str, Actor]:
    actors = {name: Actor(name) for name in OWNERS}
    rows = []
    for owner in OWNERS:
        for i in range(4):
            card_id = f"{owner.lower()}{i}"
            stage, lane = STAGES[i % len(STAGES)], LANES[(i + OWNERS.index(owner)) % len(LANES)]
            text = f"{owner} card {i}"
            rows.append({"id": card_id, "stage": stage, "lane": lane, "text": text})
            actors[owner].cards[card_id] = Card(text, stage, lane)
    import pandas as pd

    jw.JourneyMap(pd.DataFrame(rows), stages=STAGES, lanes=LANES, overlays=False).save(path)
    return actors


def start_kernel(lab: Lab, path: Path) -> Kernel:
    request = urllib.request.Request(
        f"{lab.url}/api/kernels?token={lab.token}",
        data=json.dumps({"name": "python3"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        kernel_id = json.loads(r.read())["id"]
    file = lab.runtime / f"kernel-{kernel_id}.json"
    deadline = time.monotonic() + 30
    while not file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    kernel = Kernel(file)
    kernel.run(f"import journey_widget as jw\nm = jw.open({str(path)!r})")
    return kernel


def card_cell(page: Page, card_id: str) -> tuple[str, str]:
    card = page.locator(f'[data-jw-card="{card_id}"]').first
    cell = card.locator("xpath=ancestor::*[@data-jw-cell][1]")
    return str(cell.get_attribute("data-stage")), str(cell.get_attribute("data-lane"))


def browser_op(page: Page, actor: Actor, rng: random.Random, i: int) -> None:
    kind = rng.choices(["edit", "add", "move", "delete"], [5, 2, 2, 1])[0]
    if not actor.cards or (kind == "delete" and len(actor.cards) < 3):
        kind = "add"
    if kind == "add":
        stage, lane = rng.choice(STAGES), rng.choice(LANES)
        page.locator(
            f'[data-jw-cell][data-stage="{stage}"][data-lane="{lane}"] [data-jw-add]'
        ).click()
        editor = page.locator("textarea[data-jw-editor]")
        editor.wait_for()
        text = f"{actor.name} new {i}"
        editor.fill(text)
        editor.press("Enter")
        new_card = page.locator("[data-jw-card]").filter(
            has=page.locator("[data-jw-card-text]", has_text=text)
        )
        new_card.wait_for()
        new_id = str(new_card.get_attribute("data-jw-card"))
        actor.cards[new_id] = Card(text, stage, lane)
        return
    card_id = rng.choice(sorted(actor.cards))
    card = actor.cards[card_id]
    target = page.locator(f'[data-jw-card="{card_id}"]').first
    if kind == "edit":
        card.text = f"{actor.name} edit {i}"
        target.dblclick()
        editor = page.locator("textarea[data-jw-editor]")
        editor.fill(card.text)
        editor.press("Enter")
    elif kind == "move":
        target.focus()
        page.keyboard.press(
            f"Alt+{rng.choice(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'])}"
        )
        page.wait_for_timeout(50)
        card.stage, card.lane = card_cell(page, card_id)
    else:
        target.focus()
        page.keyboard.press("Delete")
        page.locator(f'[data-jw-card="{card_id}"]').wait_for(state="detached")
        del actor.cards[card_id]


def kernel_op(kernel: Kernel, actor: Actor, rng: random.Random, i: int) -> None:
    kind = rng.choices(["edit", "add", "move", "delete"], [5, 2, 2, 1])[0]
    if not actor.cards or (kind == "delete" and len(actor.cards) < 3):
        kind = "add"
    if kind == "add":
        stage, lane, text = rng.choice(STAGES), rng.choice(LANES), f"K new {i}"
        new_id = kernel.json(f"m.add_card({stage!r}, {lane!r}, {text!r})")
        actor.cards[new_id] = Card(text, stage, lane)
        return
    card_id = rng.choice(sorted(actor.cards))
    card = actor.cards[card_id]
    if kind == "edit":
        card.text = f"K edit {i}"
        kernel.run(f"m.edit_card({card_id!r}, 'text', {card.text!r})")
    elif kind == "move":
        card.stage, card.lane = rng.choice(STAGES), rng.choice(LANES)
        kernel.run(f"m.move_card({card_id!r}, stage={card.stage!r}, lane={card.lane!r})")
    else:
        kernel.run(f"m.delete_card({card_id!r})")
        del actor.cards[card_id]


VIEW_CARDS = """() => Object.fromEntries([...document.querySelectorAll('[data-jw-card]')].map(c => {
  const cell = c.closest('[data-jw-cell]');
  const text = c.querySelector('[data-jw-card-text]');
  return [c.getAttribute('data-jw-card'),
          [cell.getAttribute('data-stage'), cell.getAttribute('data-lane'),
           (text ?? c).textContent.trim()]];
}))"""


def as_table(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {str(r["id"]): [r["stage"], r["lane"], r["text"]] for r in records}


def converged(a: Page, b: Page, kernel: Kernel, path: Path) -> dict[str, Any]:
    return {
        "A": a.evaluate(VIEW_CARDS),
        "B": b.evaluate(VIEW_CARDS),
        "kernel": as_table(kernel.records()),
        "file": as_table(jw.load(path).data.to_dict("records")),
    }


def test_two_users_and_a_kernel_lose_nothing(collab_lab: Lab, two_users: tuple[Page, Page]):
    a, b = two_users
    path = collab_lab.root / "room.journey.json"
    actors = start_map(path)
    for page in (a, b):
        page.goto(f"{collab_lab.url}/lab/tree/{path.name}?reset&token={collab_lab.token}")
        page.locator('[data-jw-card="a0"]').wait_for(timeout=60_000)
    kernel = start_kernel(collab_lab, path)
    try:
        rng = random.Random(SEED)
        for i in range(OPS):
            owner = rng.choice(OWNERS)
            if owner == "K":
                kernel_op(kernel, actors["K"], rng, i)
            else:
                browser_op(a if owner == "A" else b, actors[owner], rng, i)
        expected = {
            card_id: [card.stage, card.lane, card.text]
            for actor in actors.values()
            for card_id, card in actor.cards.items()
        }
        deadline = time.monotonic() + 45
        seen = converged(a, b, kernel, path)
        while any(v != expected for v in seen.values()) and time.monotonic() < deadline:
            time.sleep(0.5)
            seen = converged(a, b, kernel, path)
        wrong = {
            where: (
                {k: (v, cards.get(k)) for k, v in expected.items() if cards.get(k) != v},
                {k: cards[k] for k in sorted(set(cards) - set(expected))},
            )
            for where, cards in seen.items()
        }
        assert all(not w and not x for w, x in wrong.values()), (
            f"(expected, seen), unexpected: {wrong}"
        )
        file_order = [str(c) for c in jw.load(path).data["id"]]
        assert [
            str(c) for c in json.loads(kernel.run("print(m.data['id'].to_json(orient='values'))"))
        ] == file_order
    finally:
        kernel.run("m.close_file()")
        kernel.close()
        assert not a.console_errors and not b.console_errors  # type: ignore[attr-defined]
