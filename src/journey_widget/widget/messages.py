"""The widget's ``check`` message: the browser's Check button asks for ``m.check()``.

Browser to kernel ``{"type": "check", "request_id": "..."}``; kernel to browser
``{"type": "findings", "request_id": "...", "findings": [...]}`` with one
:meth:`Finding.to_dict` per finding (``rule``, ``message``, ``severity``, ``stage``, ``lane``,
``card``), or ``"error"`` naming what went wrong. Checks only read the map: nothing changes and
the revision stays. See docs/protocol.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Journey, JourneyError
from ..practice import check
from .events import logger


def is_check_message(content: Any) -> bool:
    """True for a ``{"type": "check"}`` message."""
    return isinstance(content, Mapping) and content.get("type") == "check"


def findings_reply(journey: Journey, content: Mapping[str, Any]) -> dict[str, Any]:
    """The ``findings`` reply to a ``check`` message, never raising.

    Parameters
    ----------
    journey : Journey
        The map to check.
    content : mapping
        The message; ``request_id`` is echoed back, an optional ``rules`` list limits the rules.

    Examples
    --------
    >>> import pandas as pd
    >>> j = Journey(pd.DataFrame({"stage": ["A"], "lane": ["Pain points"], "text": ["Slow"]}),
    ...             stages=["A", "B"])
    >>> reply = findings_reply(j, {"type": "check", "request_id": "r1"})
    >>> reply["type"], reply["request_id"], [f["rule"] for f in reply["findings"]]
    ('findings', 'r1', ['empty-stage', 'pain-without-evidence'])
    """
    reply: dict[str, Any] = {"type": "findings", "request_id": content.get("request_id")}
    rules = content.get("rules")
    try:
        if rules is not None and (
            not isinstance(rules, list) or not all(isinstance(r, str) for r in rules)
        ):
            raise JourneyError(f"rules must be a list of rule names, got {rules!r}")
        reply["findings"] = [f.to_dict() for f in check(journey, rules)]
    except JourneyError as err:
        reply.update(findings=[], error=str(err))
    except Exception as err:  # a bug must still answer the view, visibly
        logger.exception("journey_widget failed to check the map")
        reply.update(findings=[], error=f"internal error: {type(err).__name__}: {err}")
    return reply
