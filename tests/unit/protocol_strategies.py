"""Hypothesis strategies for browser messages.

Shared by the widget property test and the Python/TypeScript document parity test.

Messages are drawn against the map as it is now (its card ids, stages, lanes and steps), with
a share of names that do not exist and values of every type, so a sequence mixes accepted
edits and refusals of each kind the protocol has.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

import journey_widget as jw

#: ``NO_SHRINK=1`` reports a failing sequence at once instead of shrinking it (long sequences
#: of structure edits can shrink for minutes).
PHASES = (
    [Phase.explicit, Phase.reuse, Phase.generate] if os.environ.get("NO_SHRINK") else list(Phase)
)
SETTINGS = settings(
    phases=PHASES,
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    report_multiple_bugs=False,
)


#: Text of any assigned character: Python's and Node's Unicode tables differ only on characters
#: one of them does not know yet (``repr`` escapes those), so unassigned ones are left out.
def texts(max_size: int) -> st.SearchStrategy[str]:
    """Strings of assigned, non-surrogate characters."""
    return st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=max_size)


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 60),
    st.floats(-5, 5),
    texts(8),
    st.sampled_from(["NA", "<b>x</b>", "observed", "web"]),
)
indices = st.one_of(st.none(), st.integers(-2, 6), st.sampled_from(["0", 1.5]))
names = st.one_of(st.sampled_from(["Returns", "Feelings", " ", "", "Cart"]), texts(6))
CARD_KINDS = ["edit", "edit", "add", "delete", "move", "move", "bogus"]
STRUCTURE_KINDS = [
    "add_stage",
    "add_lane",
    "rename_stage",
    "rename_lane",
    "move_stage",
    "move_lane",
    "remove_stage",
    "remove_lane",
    "add_step",
    "rename_step",
    "move_step",
    "remove_step",
]
META_KINDS = ["set_title", "set_state", "set_persona"]


@st.composite
def card_op(draw: st.DrawFn, ids: list[str], stages: list[str], lanes: list[str]) -> dict[str, Any]:
    """An edit, add, delete or move of a card (or an unknown kind)."""
    card_id = draw(st.one_of(st.sampled_from(ids), st.just("nope"))) if ids else "nope"
    stage = draw(st.one_of(st.sampled_from(stages), st.just("Returns"))) if stages else "Returns"
    lane = draw(st.one_of(st.sampled_from(lanes), st.just("Thoughts"))) if lanes else "Thoughts"
    step = draw(st.sampled_from([None, "Search", "Compare", "Address", "Payment", "Nope"]))
    kind = draw(st.sampled_from(CARD_KINDS))
    if kind == "edit":
        field = draw(
            st.sampled_from(
                [
                    "text",
                    "text",
                    "score",
                    "score",
                    "severity",
                    "confidence",
                    "channel",
                    "stage",
                    "n_tickets",
                ]
            )
        )
        op = {"kind": "edit", "id": card_id, "field": field, "value": draw(values)}
        if draw(st.booleans()):
            op["old"] = draw(values)
        return op
    if kind == "add":
        op = {
            "kind": "add",
            "stage": stage,
            "step": step,
            "lane": lane,
            "text": draw(st.one_of(texts(8), st.none())),
            "index": draw(indices),
        }
        if draw(st.booleans()):
            op["score"] = draw(values)
        return op
    if kind == "delete":
        return {"kind": "delete", "id": card_id}
    if kind == "move":
        return {
            "kind": "move",
            "id": card_id,
            "stage": stage,
            "step": step,
            "lane": lane,
            "index": draw(indices),
        }
    return {"kind": kind}


@st.composite
def structure_op(draw: st.DrawFn, m: jw.JourneyMap) -> dict[str, Any]:
    """An operation on stages, lanes or steps, naming existing ones most of the time."""
    stages, lanes = list(m.stages), list(m.lanes)
    kind = draw(st.sampled_from(STRUCTURE_KINDS))
    axis = "stage" if "stage" in kind else "lane"
    existing = draw(st.one_of(st.sampled_from(stages if axis == "stage" else lanes), names))
    if kind.startswith("add_") and "step" not in kind:
        op = {"kind": kind, "name": draw(names), "index": draw(indices)}
        if kind == "add_lane":
            op["lane_kind"] = draw(st.sampled_from([None, "text", "emotion", "metric", "odd"]))
        return op
    if kind.endswith("step"):
        stage = draw(st.sampled_from(stages)) if stages else "Nope"
        steps = list(m.steps(stage)) if stage in stages else []
        step = draw(st.one_of(st.sampled_from(steps), names)) if steps else draw(names)
        if kind == "add_step":
            return {"kind": kind, "stage": stage, "name": draw(names), "index": draw(indices)}
        if kind == "rename_step":
            return {"kind": kind, "stage": stage, "old": step, "new": draw(names)}
        if kind == "move_step":
            return {"kind": kind, "stage": stage, "name": step, "index": draw(indices)}
        return {
            "kind": kind,
            "stage": stage,
            "name": step,
            "drop_cards": draw(st.sampled_from([True, False, "yes"])),
        }
    if kind.startswith("rename_"):
        return {"kind": kind, "old": existing, "new": draw(names)}
    if kind.startswith("move_"):
        return {"kind": kind, "name": existing, "index": draw(indices)}
    return {"kind": kind, "name": existing, "drop_cards": draw(st.sampled_from([True, False, 1]))}


@st.composite
def meta_op(draw: st.DrawFn) -> dict[str, Any]:
    """A title, state or persona change, valid or not."""
    kind = draw(st.sampled_from(META_KINDS))
    if kind == "set_title":
        return {"kind": kind, "title": draw(st.one_of(texts(10), st.integers()))}
    if kind == "set_state":
        return {"kind": kind, "state": draw(st.sampled_from(["current", "future", "past", 1]))}
    persona = draw(
        st.one_of(
            st.none(),
            st.just("Ana"),
            st.fixed_dictionaries(
                {"name": st.sampled_from(["Ana", "Bo", " ", 3])},
                optional={
                    "goals": st.one_of(st.lists(texts(5), max_size=2), st.integers()),
                    "quote": st.one_of(texts(8), st.none()),
                    "avatar": st.sampled_from(["AB", "ABCD", 7]),
                },
            ),
        )
    )
    return {"kind": kind, "persona": persona}


PARTICIPATION_KINDS = [
    "add_comment",
    "resolve_comment",
    "start_voting",
    "vote",
    "vote",
    "end_voting",
]
VOTERS = ["Ana", "Bo", "", 5, None]


@st.composite
def participation_op(draw: st.DrawFn, m: jw.JourneyMap) -> dict[str, Any]:
    """A comment or voting operation, valid or not: wrong types, missing or unknown keys."""
    ids, lanes = list(m.data["id"]), list(m.lanes)
    comments = list(m.comments["id"])
    card = draw(st.one_of(st.sampled_from(ids or ["nope"]), st.sampled_from(["nope", 3])))
    kind = draw(st.sampled_from(PARTICIPATION_KINDS))
    if kind == "add_comment":
        op = {
            "kind": kind,
            "card": card,
            "text": draw(st.one_of(texts(12), st.sampled_from(["<b>x</b>", "  ", 4]))),
            "author": draw(st.sampled_from(["Ana", "<i>Bo</i>", "", None])),
            "reply_to": draw(st.one_of(st.none(), st.sampled_from([*comments, "k99", 1]))),
        }
    elif kind == "resolve_comment":
        op = {
            "kind": kind,
            "comment": draw(st.sampled_from([*comments, "k99", 2])),
            "resolved": draw(st.sampled_from([True, False, "yes"])),
        }
    elif kind == "start_voting":
        op = {
            "kind": kind,
            "budget": draw(st.sampled_from([1, 2, 3, 0, 100, 2.5, True])),
            "lanes": draw(st.sampled_from([None, lanes[:1], ["Nope"], [], "Actions"])),
            "anonymous": draw(st.sampled_from([True, False, 0])),
            "minutes": draw(st.sampled_from([None, 5, 0.5, 0, -1, "5"])),
        }
    elif kind == "vote":
        op = {
            "kind": kind,
            "card": card,
            "voter": draw(st.sampled_from(VOTERS)),
            "count": draw(st.sampled_from([1, 1, -1, 2, 0, True])),
        }
    else:
        op = {"kind": kind}
    if draw(st.integers(0, 9)) == 0:
        op["extra"] = 1
    if len(op) > 1 and draw(st.integers(0, 9)) == 0:
        del op[draw(st.sampled_from(sorted(k for k in op if k != "kind")))]
    return op


@st.composite
def browser_op(
    draw: st.DrawFn, m: jw.JourneyMap, *, cards_only: bool = False, participation: bool = False
) -> dict[str, Any]:
    """One operation a browser may send for map ``m``.

    Mostly card edits, then structure, metadata, undo and redo, and batches of card edits;
    with ``participation``, comments and dot voting too (the widget's; the JupyterLab
    document's parity test leaves them out).
    """
    ids, stages, lanes = list(m.data["id"]), list(m.stages), list(m.lanes)
    if cards_only:
        return draw(card_op(ids, stages, lanes))
    extra = ["participation"] * 3 if participation else []
    family = draw(
        st.sampled_from(["card"] * 6 + ["structure"] * 2 + ["meta", "history", "batch", *extra])
    )
    if family == "participation":
        return draw(participation_op(m))
    if family == "card":
        return draw(card_op(ids, stages, lanes))
    if family == "structure":
        return draw(structure_op(m))
    if family == "meta":
        return draw(meta_op())
    if family == "history":
        return {"kind": draw(st.sampled_from(["undo", "redo"]))}
    return {"kind": "batch", "ops": draw(st.lists(card_op(ids, stages, lanes), max_size=3))}


#: The ``user`` of an operation message: absent, null, a name, or malformed (refused).
ABSENT = object()
GOOD_USERS = ["ana", "bo"]
BAD_USERS: list[Any] = ["", 5, True, {"name": "ana"}, ["ana"], "x" * 201]
users = st.one_of(
    st.sampled_from([ABSENT, None, *GOOD_USERS, *GOOD_USERS]), st.sampled_from(BAD_USERS)
)


def op_message(
    op_id: str, base: Any, op: Any, user: Any = ABSENT, view: str | None = None
) -> dict[str, Any]:
    """An ``op`` message as a view sends it: ``user`` unless ``ABSENT``, ``view`` when given."""
    message = {"type": "op", "op_id": op_id, "base_revision": base, "op": op}
    if user is not ABSENT:
        message["user"] = user
    if view is not None:
        message["view"] = view
    return message


@st.composite
def presence_message(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    """A ``presence`` message of one of three views, well formed or not."""
    card = draw(st.one_of(st.none(), st.sampled_from(ids or ["nope"]), st.sampled_from([5, ""])))
    user = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {"name": st.sampled_from([*GOOD_USERS, "", 3])},
                optional={
                    "display_name": st.sampled_from(["Ana", "<b>Bo</b>", "", None, 7]),
                    "color": st.sampled_from(["#e91e63", "var(--jp-collaborator-color1)", None, 1]),
                },
            ),
            st.sampled_from(["ana", 5]),
        )
    )
    view = draw(st.sampled_from(["v1", "v2", "v3", "", None, 4]))
    message = {"type": "presence", "view": view, "card": card, "user": user}
    if draw(st.booleans()) and draw(st.booleans()):
        del message[draw(st.sampled_from(["view", "card", "user"]))]
    return message
