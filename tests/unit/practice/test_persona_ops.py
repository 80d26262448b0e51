"""Persona, title and state: validated, undoable metadata edits; lane prompts; map copies."""

from __future__ import annotations

import pytest
from journey_helpers import assert_same_state, checkout_journey, checkout_map, snapshot

import journey_widget as jw
from journey_widget.model import Lane, Persona
from journey_widget.model.ops import SetMeta, SetPersona, SetState, SetTitle
from journey_widget.model.structure import Avatar, to_lane, to_persona

FULL = {
    "name": "Ana",
    "goals": ["Pay fast", "Trust the shop"],
    "frustrations": ["Hidden costs"],
    "quote": "Just let me pay",
    "description": "Buys on her phone",
    "avatar": {"initials": "AN", "color": "teal"},
    "segment": "new",
}


# ---- the model -------------------------------------------------------------------------------
def test_a_full_persona_reads_and_writes_every_field():
    p = to_persona(FULL)
    assert p.goals == ("Pay fast", "Trust the shop") and p.frustrations == ("Hidden costs",)
    assert p.quote == "Just let me pay" and p.avatar == Avatar("AN", "teal")
    assert p.extra == {"segment": "new"}
    assert p.to_dict() == {
        "segment": "new",
        "name": "Ana",
        "goals": ["Pay fast", "Trust the shop"],
        "description": "Buys on her phone",
        "frustrations": ["Hidden costs"],
        "quote": "Just let me pay",
        "avatar": {"initials": "AN", "color": "teal"},
    }
    assert to_persona(p.to_dict()) == p


def test_a_persona_without_the_new_fields_writes_what_it_wrote_before():
    assert to_persona("Ana").to_dict() == {"name": "Ana", "goals": [], "description": ""}
    assert to_persona({"name": "Ana", "avatar": "A"}).avatar == Avatar("A", "")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"name": "Ana", "goals": [1, 2]}, "persona goals must be a string or a list of strings"),
        ({"name": "Ana", "frustrations": {"a": 1}}, "persona frustrations"),
        ({"name": "Ana", "quote": 3}, "persona quote must be a string, got 3"),
        ({"name": 7}, "persona name must be a string, got 7"),
        ({"name": "Ana", "avatar": {"initials": "ANNA"}}, "1 to 3 characters"),
        ({"name": "Ana", "avatar": {"initials": "A N"}}, "without spaces"),
        ({"name": "Ana", "avatar": {"initials": "AN", "color": "url(x)"}}, "'url(x)'"),
        ({"name": "Ana", "avatar": 5}, "avatar must be initials or a dict"),
    ],
)
def test_bad_persona_fields_are_named(value, fragment):
    with pytest.raises(jw.JourneyError, match=r"persona|avatar") as err:
        to_persona(value)
    assert fragment in str(err.value)


def test_lane_prompts_are_optional_and_written_only_when_set():
    assert Lane("Actions").to_dict() == {"name": "Actions", "kind": "text"}
    lane = to_lane({"name": "Actions", "prompt": "What is the customer doing?"})
    assert lane.to_dict() == {
        "name": "Actions",
        "kind": "text",
        "prompt": "What is the customer doing?",
    }
    assert to_lane(lane) == lane
    with pytest.raises(jw.JourneyError, match="prompt 5; expected a string"):
        to_lane({"name": "Actions", "prompt": 5})


@pytest.mark.parametrize(
    ("op", "field", "value"),
    [
        (SetTitle("Checkout, future"), "title", "Checkout, future"),
        (SetState("future"), "state", "future"),
        (SetPersona(FULL), "persona", to_persona(FULL)),
        (SetPersona(None), "persona", None),
    ],
)
def test_meta_ops_apply_and_their_inverse_restores_exactly(op, field, value):
    j = checkout_journey()
    before = (j.title, j.persona, j.state)
    cards = snapshot(j)
    applied = op.apply(j)
    assert getattr(j, field) == value
    assert applied.changes[0].kind == f"set_{field}"
    applied.inverse.apply(j)
    assert (j.title, j.persona, j.state) == before
    assert_same_state(j, cards)


@pytest.mark.parametrize(
    ("op", "fragment"),
    [
        (SetTitle(5), "title must be a string, got 5"),
        (SetState("past"), "state must be one of current, future, got 'past'"),
        (SetPersona({"goals": ["x"]}), "a persona needs a non-empty name"),
        (SetPersona({"name": "Ana", "goals": 3}), "persona goals"),
        (SetMeta("scale", (1, 5)), "cannot set 'scale'"),  # type: ignore[arg-type]
    ],
)
def test_bad_meta_values_raise_before_anything_changes(op, fragment):
    j = checkout_journey()
    before = (j.title, j.persona, j.state)
    with pytest.raises(jw.JourneyError) as err:
        op.apply(j)
    assert fragment in str(err.value)
    assert (j.title, j.persona, j.state) == before


# ---- the widget ------------------------------------------------------------------------------
def test_title_persona_and_state_setters_publish_notify_and_undo():
    m = checkout_map()
    events = []
    m.on_edit(events.append)
    revision = m.revision
    m.title = "Checkout, future"
    m.persona = FULL
    m.state = "future"
    assert m.revision == revision + 3
    assert m.structure["title"] == "Checkout, future" and m.structure["state"] == "future"
    assert m.structure["persona"]["quote"] == "Just let me pay"
    assert [(e.kind, e.source) for e in events] == [
        ("set_title", "python"),
        ("set_persona", "python"),
        ("set_state", "python"),
    ]
    assert events[1].old["name"] == "First-time buyer" and events[1].new["name"] == "Ana"
    assert m.undo() and m.undo() and m.undo()
    assert (m.title, m.persona.name, m.state) == ("Online checkout", "First-time buyer", "current")
    assert m.structure["persona"]["name"] == "First-time buyer"
    assert m.redo() and m.title == "Checkout, future"


def test_a_refused_persona_changes_nothing():
    m = checkout_map()
    revision, persona = m.revision, m.persona
    with pytest.raises(jw.JourneyError, match="avatar color"):
        m.persona = {"name": "Ana", "avatar": {"initials": "A", "color": "chartreuse"}}
    assert m.revision == revision and m.persona == persona


def test_set_persona_changes_some_fields_in_one_undo_step():
    m = checkout_map()
    m.set_persona(quote="Why was my card declined?", frustrations=["Card declines"])
    assert m.persona.name == "First-time buyer"
    assert m.persona.goals == ("Get running shoes quickly",)
    assert m.persona.quote == "Why was my card declined?"
    assert m.persona.frustrations == ("Card declines",)
    m.undo()
    assert m.persona.quote == "" and m.persona.frustrations == ()
    m.set_persona({"name": "Returning buyer"}, goals=["Reorder"])
    assert (m.persona.name, m.persona.goals, m.persona.description) == (
        "Returning buyer",
        ("Reorder",),
        "",
    )
    m.set_persona(None)
    assert m.persona is None and m.structure["persona"] is None
    m.undo()
    assert m.persona.name == "Returning buyer"


def test_set_persona_fields_without_a_persona_needs_a_name():
    m = jw.JourneyMap(None)
    with pytest.raises(jw.JourneyError, match="non-empty name"):
        m.set_persona(quote="hi")
    m.set_persona(name="Ana", quote="hi")
    assert m.persona == Persona("Ana", quote="hi")


def test_the_new_persona_fields_and_prompts_survive_save_and_load(tmp_path):
    m = checkout_map()
    m.persona = FULL
    m.add_lane("Thoughts", prompt="What are they thinking?", index=1)
    path = tmp_path / "m.journey.json"
    m.save(path)
    again = jw.load(path)
    assert again.persona == m.persona
    assert again.journey.lane("Thoughts").prompt == "What are they thinking?"
    m.rename_lane("Thoughts", "Questions")
    assert m.journey.lane("Questions").prompt == "What are they thinking?"


def test_copy_is_independent_keeps_ids_and_takes_overrides():
    m = checkout_map()
    future = m.copy(state="future", title="Checkout, future")
    assert isinstance(future, jw.JourneyMap) and future is not m
    assert future.data.equals(m.data) and list(future.data["id"]) == list(m.data["id"])
    assert (future.state, future.title, m.state) == ("future", "Checkout, future", "current")
    future.edit_card("c17", "text", "Declines explained")
    future.persona = "Returning buyer"
    assert m.journey.card("c17")["text"] == "Card declined without a reason"
    assert m.persona.name == "First-time buyer"
    assert future.undo() and future.undo() and not future.undo()  # its own history only
    assert future.journey.card("c17")["text"] == "Card declined without a reason"
    assert m.copy(persona=None).persona is None
    with pytest.raises(jw.JourneyError, match="state"):
        m.copy(state="someday")
