"""The %%journey cell magic, run in a real IPython shell."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError
from IPython.testing.globalipapp import start_ipython

import journey_widget as jw
from journey_widget.magic import parse_line

BODY = """title Online checkout
section Browse
  Compare two pairs: 4: Buyer
section Pay
  Card declined: 1: Buyer, Bank
"""


@pytest.fixture(scope="module")
def ip():  # type: ignore[no-untyped-def]
    shell = start_ipython()
    shell.run_line_magic("load_ext", "journey_widget")
    return shell


def test_cell_magic_shows_the_map_and_binds_the_name(ip) -> None:
    shown = ip.run_cell_magic("journey", "checkout", BODY)
    m = ip.user_ns["checkout"]
    assert shown is m and isinstance(m, jw.JourneyMap)
    assert m.title == "Online checkout" and m.stages == ("Browse", "Pay")
    actions = m.data[m.data["lane"] == "Actions"]
    assert list(actions["text"]) == ["Compare two pairs", "Card declined"]


def test_a_body_may_start_with_the_journey_keyword(ip) -> None:
    ip.run_cell_magic("journey", "again", "journey\n" + BODY)
    assert ip.user_ns["again"].stages == ("Browse", "Pay")


def test_scale_option_maps_mermaid_scores_onto_the_map_scale(ip) -> None:
    m = ip.run_cell_magic("journey", "five --scale 1,5", BODY)
    assert (m.journey.scale.min, m.journey.scale.max) == (1, 5)
    scores = m.data.loc[m.data["lane"] == "Emotions", "score"].tolist()
    assert scores == [4.0, 1.0]


def test_without_a_name_the_map_is_shown_and_nothing_is_bound(ip) -> None:
    before = set(ip.user_ns)
    assert isinstance(ip.run_cell_magic("journey", "", BODY), jw.JourneyMap)
    assert set(ip.user_ns) == before


@pytest.mark.parametrize(
    "body, line",
    [
        ("title T\nsection A\n  Task without score\n", 4),
        ("title T\nsection A\n  Fine: 3: Me\n  Bad score: lots: Me\n", 5),
    ],
)
def test_errors_point_at_the_line_of_the_cell(ip, body: str, line: int) -> None:
    with pytest.raises(UsageError, match=rf"line {line} of the cell"):
        ip.run_cell_magic("journey", "broken", body)
    assert "broken" not in ip.user_ns


@pytest.mark.parametrize(
    "line, message",
    [("1abc", "not a Python name"), ("--scale", "MIN,MAX"), ("a b", "not a Python name")],
)
def test_bad_magic_lines_say_what_is_expected(line: str, message: str) -> None:
    with pytest.raises(jw.JourneyError, match=message):
        parse_line(line)
