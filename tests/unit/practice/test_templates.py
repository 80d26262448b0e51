"""Templates: ready maps with stages, lanes and a guiding prompt on every lane."""

from __future__ import annotations

import json

import pytest

import journey_widget as jw
from journey_widget.templates import document

EXPECTED_STAGES = {
    "b2c": ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"],
    "b2b": [
        "Need recognized",
        "Opportunity uncovered",
        "Research",
        "Shortlist and demos",
        "Decision and contract",
        "Implementation and launch",
        "Results and loyalty",
    ],
}


def test_the_four_templates_of_the_issue_are_there_in_a_stable_order():
    assert jw.templates.names()[:4] == ["b2c", "b2b", "service_blueprint", "onboarding"]


@pytest.mark.parametrize("name", jw.templates.names())
def test_every_template_loads_as_an_empty_valid_map_with_prompts(name):
    m = jw.templates.load(name)
    assert isinstance(m, jw.JourneyMap)
    assert len(m.data) == 0 and len(m.stages) >= 4 and len(m.lanes) >= 4
    for lane in m.journey.lanes:
        assert lane.prompt.strip().endswith("?") or "?" in lane.prompt, (name, lane)
    # the prompts travel to the view and into saved files
    assert all(x["prompt"] for x in m.structure["lanes"])
    again = jw.JourneyMap.from_json(m.to_json())
    assert again.journey.lanes == m.journey.lanes
    assert [s.description for s in again.journey.stages] == [
        s.description for s in m.journey.stages
    ]
    assert all(s.description for s in m.journey.stages)


@pytest.mark.parametrize("name", EXPECTED_STAGES)
def test_stage_sets_follow_the_practice(name):
    assert list(jw.templates.load(name).stages) == EXPECTED_STAGES[name]


def test_the_service_blueprint_has_the_blueprint_lanes_and_onboarding_a_metric_lane():
    blueprint = jw.templates.load("service_blueprint")
    for lane in ("Customer actions", "Frontstage", "Backstage", "Support processes"):
        assert lane in blueprint.lanes
    assert blueprint.lanes.index("Frontstage") < blueprint.lanes.index("Backstage")
    onboarding = jw.templates.load("onboarding")
    assert onboarding.lane_kind("Metrics") == "metric"
    assert onboarding.lane_kind("Emotions") == "emotion"


def test_template_files_are_versioned_journey_documents():
    for name in jw.templates.names():
        doc = document(name)
        assert doc["format"] == "journey-map" and doc["version"] == 1
        assert doc["cards"] == []


def test_load_gives_independent_maps_and_applies_overrides():
    a = jw.templates.load(
        "b2c",
        title="Running shoes",
        state="future",
        scale=(1, 5),
        persona={"name": "Ana", "quote": "Just let me pay"},
    )
    b = jw.templates.load("b2c")
    a.add_card("Awareness", "Actions", "Sees an ad")
    a.rename_stage("Advocacy", "Loyalty")
    assert len(b.data) == 0 and b.stages[-1] == "Advocacy"
    assert (a.title, a.state, a.persona.quote) == ("Running shoes", "future", "Just let me pay")
    assert (a.journey.scale.min, a.journey.scale.max) == (1, 5)
    assert b.title == "B2C customer journey" and b.persona is None


def test_read_only_goes_to_the_widget():
    assert jw.templates.load("onboarding", read_only=True).read_only is True


@pytest.mark.parametrize("bad", ["b2x", "../io/json_format", "", "B2C"])
def test_unknown_template_names_are_refused_with_the_list(bad):
    with pytest.raises(jw.JourneyError, match="the templates are"):
        jw.templates.load(bad)


def test_bad_overrides_are_refused():
    with pytest.raises(jw.JourneyError, match="state"):
        jw.templates.load("b2c", state="past")


def test_describe_lists_every_template():
    table = jw.templates.describe()
    assert list(table["name"]) == jw.templates.names()
    row = table.set_index("name").loc["b2c"]
    assert row["stages"].startswith("Awareness > Consideration")
    assert "Emotions" in row["lanes"]
    json.dumps(table.to_dict("records"))  # plain values only
