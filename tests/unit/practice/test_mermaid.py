"""Mermaid journey diagrams in and out: the mapping, round trips, escaping, line-numbered errors."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from journey_helpers import checkout_map

import journey_widget as jw
from journey_widget.io.mermaid import escape_task, parse_mermaid, to_mermaid

WORKING_DAY = """\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""


def test_sections_become_stages_and_tasks_become_action_steps():
    j = parse_mermaid(WORKING_DAY)
    assert j.title == "My working day"
    assert j.stage_names() == ["Go to work", "Go home"]
    assert j.stage("Go to work").steps == ("Make tea", "Go upstairs", "Do work")
    assert [(x.name, x.kind) for x in j.lanes] == [("Actions", "text"), ("Emotions", "emotion")]
    assert all(x.prompt for x in j.lanes)
    t = j.table
    assert t[["step", "lane", "text", "actors"]].values.tolist()[:6] == [
        ["Make tea", "Actions", "Make tea", "Me"],
        ["Make tea", "Emotions", "", "Me"],
        ["Go upstairs", "Actions", "Go upstairs", "Me"],
        ["Go upstairs", "Emotions", "", "Me"],
        ["Do work", "Actions", "Do work", "Me, Cat"],
        ["Do work", "Emotions", "", "Me, Cat"],
    ]
    # 1..5 onto the default -2..2 scale
    assert t.loc[t["lane"] == "Emotions", "score"].tolist() == [2.0, 0.0, -2.0, 2.0, 2.0]
    assert t.loc[t["lane"] == "Actions", "score"].isna().all()
    assert list(t["id"][:2]) == ["mm-make-tea-a", "mm-make-tea-e"]


def test_text_round_trip_is_exact_for_canonical_text():
    assert to_mermaid(parse_mermaid(WORKING_DAY)) == WORKING_DAY
    assert jw.JourneyMap.from_mermaid(WORKING_DAY).to_mermaid() == WORKING_DAY


def test_reading_twice_gives_the_same_ids_so_versions_can_be_diffed():
    later = WORKING_DAY.replace("Do work: 1", "Do work: 2").replace(
        "      Sit down: 5: Me\n", "      Sit down: 5: Me\n      Read: 4: Me\n"
    )
    table = jw.diff(parse_mermaid(WORKING_DAY), parse_mermaid(later))
    assert table[["id", "change", "fields"]].values.tolist() == [
        ["mm-do-work-e", "edited", "score"],
        ["mm-read-a", "added", ""],
        ["mm-read-e", "added", ""],
    ]


def test_loose_text_reads_and_comes_out_canonical():
    loose = (
        "---\ntitle: Front matter title\n---\n"
        "%%{init: {'theme': 'forest'}}%%\n"
        "journey\n"
        "\taccTitle: A day\n"
        "  accDescr {\n   several lines\n   of description\n  }\n"
        "%% a comment line\n"
        "section Go to work   %% trailing comment\n"
        "Make tea :5:Me ,  \n"
        "    Do work: 1.5\n"
        "section Empty\n"
    )
    j = parse_mermaid(loose)
    assert j.title == "Front matter title"
    assert j.stage_names() == ["Go to work", "Empty"]
    t = j.table
    assert t["actors"].tolist()[:2] == ["Me", "Me"] and t["actors"].iloc[2:].isna().all()
    assert t.loc[t["lane"] == "Emotions", "score"].tolist() == [2.0, -1.5]
    assert to_mermaid(j) == (
        "journey\n    title Front matter title\n"
        "    section Go to work\n      Make tea: 5: Me\n"
        "      Do work: 1.5\n    section Empty\n"
    )
    assert to_mermaid(parse_mermaid(to_mermaid(j))) == to_mermaid(j)


def test_a_diagram_without_actors_has_no_actors_column_and_repeated_tasks_get_steps():
    j = parse_mermaid("journey\nsection Wait\n  Waits: 2\n  Waits: 1\n  Waits: 3\n")
    assert "actors" not in j.table.columns
    assert j.stage("Wait").steps == ("Waits", "Waits (2)", "Waits (3)")
    assert j.table["text"].tolist()[::2] == ["Waits"] * 3
    assert len(set(j.table["id"])) == 6
    assert (
        to_mermaid(j) == "journey\n    section Wait\n      Waits: 2\n      Waits: 1\n"
        "      Waits: 3\n"
    )


def test_map_round_trip_keeps_stages_tasks_scores_and_actors():
    m = jw.JourneyMap.from_mermaid(WORKING_DAY)
    m.add_card("Go home", "Actions", "Feeds the cat", step=None, actors="Me")
    m.add_card("Go home", "Emotions", "", step=None, score=1, actors="Me")
    again = jw.JourneyMap.from_mermaid(m.to_mermaid())
    columns = ["stage", "lane", "text", "score", "actors"]
    before = m.data[columns].sort_values(columns).reset_index(drop=True)
    after = again.data[columns].sort_values(columns).reset_index(drop=True)
    assert len(before) == 12 and before.equals(after)
    # the cards without a step come out first in their stage, and come back as a step
    assert again.steps("Go home") == ("Feeds the cat", "Go downstairs", "Sit down")


@pytest.mark.parametrize(
    ("scale", "scores"),
    [((1, 5), [5.0, 3.0, 1.0]), ((0, 10), [10.0, 5.0, 0.0]), ((-3, 3), [3.0, 0.0, -3.0])],
)
def test_scores_map_linearly_onto_the_scale_and_back(scale, scores):
    j = parse_mermaid(WORKING_DAY, scale=scale)
    t = j.table
    assert t.loc[t["lane"] == "Emotions", "score"].tolist()[:3] == scores
    assert to_mermaid(j) == WORKING_DAY


def test_scores_between_mermaid_points_keep_two_decimals():
    cards = pd.DataFrame(
        {
            "stage": ["A"] * 2,
            "lane": ["Actions", "Emotions"],
            "text": ["Waits", ""],
            "score": [None, 7],
        }
    )
    out = to_mermaid(jw.Journey(cards, scale=(1, 10)))
    assert "      Waits: 3.67\n" in out


def test_a_general_map_exports_actions_paired_with_emotions():
    assert (
        checkout_map().to_mermaid()
        == """\
journey
    title Online checkout
    section Browse
      Searches for running shoes: 4
      Compares two models side by side: 2
    section Cart
      Adds shoes to cart: 2
      Applies a discount code: 2
      Changes the size: 2
    section Checkout
      Types the shipping address: 3
      Enters card details: 1
    section Delivery
      Relieved when the parcel arrives: 5
"""
    )


def test_persona_column_gives_the_actors_when_there_is_no_actors_column():
    cards = pd.DataFrame(
        {
            "stage": ["Pay"] * 3,
            "lane": ["Actions", "Emotions", "Emotions"],
            "text": ["Pays", "Calm", "Angry"],
            "score": [None, 1, -2],
            "persona": [None, "Ana", "Ben"],
        }
    )
    assert to_mermaid(jw.Journey(cards)) == (
        "journey\n    section Pay\n      Pays: 4: Ana\n      Angry: 1: Ben\n"
    )


# ---- escaping ----------------------------------------------------------------------------------
TRICKY = [
    "Pays: with card",
    "50%% off",
    "Step #3; then",
    "Line one\nline two",
    "section B",
    "Title page",
    "journey planner",
    "accTitle: x",
    "#58; literal",
    "tab\tinside",
    "Ärger über Gebühren 💳",
    "a,b",
    "%% looks like a comment",
]


@pytest.mark.parametrize("text", TRICKY)
def test_user_text_never_breaks_the_diagram(text):
    cards = pd.DataFrame(
        {
            "stage": ["Pay: now", "Pay: now"],
            "lane": ["Actions", "Emotions"],
            "text": [text, ""],
            "score": [None, 1],
            "actors": ["Ana: the buyer, Ben #2", None],
        }
    )
    out = to_mermaid(jw.Journey(cards, title="A; B # C"))
    task = out.splitlines()[-1].strip()
    assert out.count("\n") == 4  # journey, title, section, one task: no line was split
    assert task.count(":") == 2 and ";" not in re.sub(r"#\w+;", "", out)
    assert "%%" not in out and not re.search(r"#(?!\w+;)", out)
    assert not task.lower().startswith(("section", "title", "journey", "acc"))
    j = parse_mermaid(out)
    assert j.title == "A; B # C" and j.stage_names() == ["Pay: now"]
    assert j.table["text"].iloc[0] == text
    assert j.table["actors"].iloc[0] == "Ana: the buyer, Ben #2"


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_any_task_name_comes_back(name):
    assert (
        parse_mermaid(f"journey\nsection S\n{escape_task(name)}: 3\n").table["text"].iloc[0]
        == name.strip()
    )


def test_empty_task_names_get_a_placeholder():
    cards = pd.DataFrame({"stage": ["A"], "lane": ["Actions"], "text": [""]})
    assert to_mermaid(jw.Journey(cards)).endswith("      (no text): 3\n")


# ---- errors with line numbers --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "the text is empty"),
        ("graph TD\n  A-->B\n", 1, "starts with 'journey', got 'graph TD'"),
        ("%% c\n\njourney\n  Make tea: 5: Me\n", 4, "comes before any section"),
        ("journey\n  section A\n  Tea: 7: Me\n", 3, "score 7, outside Mermaid's 1..5"),
        ("journey\n  section A\n  Tea: five: Me\n", 3, "score 'five'; expected a number"),
        ("journey\n  section A\n  Tea\n", 3, "expected 'title TEXT', 'section NAME'"),
        ("journey\n  section A\n  Tea; Coffee: 3\n", 3, "write #59; for a semicolon"),
        ("journey\n  section A: B\n", 2, "a section name cannot contain ':'"),
        ("journey\n  section A\n  section B\n  section A\n", 4, "first at line 2"),
        ("journey\n  title\n", 2, "'title' needs the diagram's title"),
        ("journey\n  section A\n  Tea: 3: Me: You\n", 3, "more than two ':'"),
        ("journey\n  section A\n  : 3\n", 3, "a task needs a name"),
        ("journey\njourney\n", 2, "'journey' appears twice"),
        ("---\ntitle: x\n", 1, "front matter"),
        ("---\ntitle: x\n---\njourney\nsection A\nTea: 0\n", 6, "score 0"),
    ],
)
def test_errors_name_the_line(text, line, fragment):
    with pytest.raises(jw.JourneyError) as err:
        parse_mermaid(text)
    message = str(err.value)
    assert message.startswith(f"line {line}: "), message
    assert fragment in message


def test_from_mermaid_refuses_non_text():
    with pytest.raises(jw.JourneyError, match="must be text"):
        jw.JourneyMap.from_mermaid(b"journey")  # type: ignore[arg-type]
