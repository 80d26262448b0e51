"""Map checks for teaching: findings a facilitator can walk the room through.

Each rule looks for one common mistake in a journey map. Lane roles come from lane names by
the rule the widget and the static map draw them with (:func:`journey_widget.vocabulary.
lane_tone`): a "Pain points", "Problems", "Issues" or "Frustrations" lane holds pain points, an
"Opportunities" or "Ideas" lane opportunities; lane kinds (``emotion``, ``text``, ``metric``)
come from the map. The rules, in the order findings are listed:

==============================  ========  ===================================================
rule                            severity  fires when
==============================  ========  ===================================================
empty-stage                     warning   a stage holds no cards at all
stage-without-emotion           warning   a stage with cards has no scored card on an emotion
                                          lane (per persona when emotion cards carry one; a
                                          card without a persona counts for every persona);
                                          maps without an emotion lane are not checked
emotion-without-score           warning   a card on an emotion lane has no score, so the
                                          curve skips it
pain-without-evidence           warning   a pain point has no ``evidence`` and its
                                          ``confidence`` is not observed or reported
opportunity-without-owner       warning   an opportunity has no ``owner``
voted-pain-without-opportunity  warning   a pain point among the top 3 of a revealed voting
                                          round has no opportunity in its stage
                                          (:mod:`.room`)
open-comment                    warning   a card has an unresolved comment thread
                                          (:mod:`.room`)
score-on-text-lane              warning   a card on a text lane carries a score (scale
                                          misuse: scores belong on emotion or metric lanes)
score-off-step                  info      an emotion score falls between the points of the
                                          scale (0.5 on -2..2 in steps of 1)
extremes-only                   info      an emotion lane has 3 or more scores and every one
                                          sits at an end of the scale: the curve only says
                                          "great" or "awful"
flat-curve                      info      an emotion lane has 3 or more scores, all equal:
                                          the curve shows no highs and lows
==============================  ========  ===================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from ..model import Journey, JourneyError
from ..model.cards import is_missing
from ..model.journey import as_journey
from .evidence import evidenced
from .findings import Finding, Rule
from .findings import card_finding as _card_finding
from .findings import cards_in as _cards
from .findings import lanes_of as _lanes
from .findings import num as _num
from .findings import rows as _rows
from .findings import short as _short
from .room import open_comment, voted_pain_without_opportunity


# ---- the rules -------------------------------------------------------------------------------
def _empty_stage(journey: Journey) -> Iterator[Finding]:
    used = set(journey.table["stage"])
    for stage in journey.stage_names():
        if stage not in used:
            yield Finding("empty-stage", f"stage {stage!r} has no cards yet", "warning", stage)


def _stage_without_emotion(journey: Journey) -> Iterator[Finding]:
    lanes = _lanes(journey, "emotion")
    if not lanes:
        return
    t = journey.table
    scored = t[t["lane"].isin(lanes) & t["score"].notna()]
    people = (
        scored["persona"]
        if "persona" in scored.columns
        else pd.Series(None, index=scored.index, dtype=object)
    )
    personas = list(dict.fromkeys(str(p) for p in people if not is_missing(p)))
    used = set(t["stage"])
    for stage in journey.stage_names():
        if stage not in used:
            continue  # reported as empty-stage
        here = people[scored["stage"] == stage]
        if not personas and here.empty:
            yield Finding(
                "stage-without-emotion",
                f"stage {stage!r} has no emotion score: how does the customer feel here?",
                "warning",
                stage,
            )
            continue
        shared = bool(here.isna().any())
        for persona in personas:
            if not shared and persona not in {str(p) for p in here.dropna()}:
                yield Finding(
                    "stage-without-emotion",
                    f"stage {stage!r} has no emotion score for persona {persona!r}",
                    "warning",
                    stage,
                )


def _emotion_without_score(journey: Journey) -> Iterator[Finding]:
    cards = _cards(journey, _lanes(journey, "emotion"))
    for card in _rows(cards[cards["score"].isna()]):
        yield _card_finding(
            "emotion-without-score",
            f"emotion card {_short(card['text'])} ({card['id']}) has no score, "
            "so it is not on the curve",
            card,
        )


def _pain_without_evidence(journey: Journey) -> Iterator[Finding]:
    cards = _cards(journey, _lanes(journey, tone="pain"))
    for card in _rows(cards[~evidenced(cards)]):
        yield _card_finding(
            "pain-without-evidence",
            f"pain point {_short(card['text'])} ({card['id']}) has no evidence: "
            "add its source, or mark its confidence observed or reported",
            card,
        )


def _opportunity_without_owner(journey: Journey) -> Iterator[Finding]:
    cards = _cards(journey, _lanes(journey, tone="opportunity"))
    owners = (
        cards["owner"]
        if "owner" in cards.columns
        else pd.Series(None, index=cards.index, dtype=object)
    )
    missing = owners.map(lambda v: is_missing(v) or not str(v).strip()).astype(bool)
    for card in _rows(cards[missing]):
        yield _card_finding(
            "opportunity-without-owner",
            f"opportunity {_short(card['text'])} ({card['id']}) has no owner: "
            "who will take it forward?",
            card,
        )


def _score_on_text_lane(journey: Journey) -> Iterator[Finding]:
    cards = _cards(journey, _lanes(journey, "text"))
    for card in _rows(cards[cards["score"].notna()]):
        yield _card_finding(
            "score-on-text-lane",
            f"card {_short(card['text'])} ({card['id']}) on text lane "
            f"{card['lane']!r} has score {_num(card['score'])}; scores belong "
            "on emotion or metric lanes",
            card,
        )


def _score_off_step(journey: Journey) -> Iterator[Finding]:
    scale = journey.scale
    cards = _cards(journey, _lanes(journey, "emotion"))
    for card in _rows(cards[cards["score"].notna()]):
        steps = (float(card["score"]) - scale.min) / scale.step
        if abs(steps - round(steps)) > 1e-9:
            yield _card_finding(
                "score-off-step",
                f"score {_num(card['score'])} of {_short(card['text'])} "
                f"({card['id']}) falls between the points of the scale "
                f"{scale.describe()} (steps of {_num(scale.step)})",
                card,
                "info",
            )


def _scores_by_lane(journey: Journey) -> Iterator[tuple[str, pd.Series]]:
    t = journey.table
    for lane in _lanes(journey, "emotion"):
        scores = t.loc[(t["lane"] == lane) & t["score"].notna(), "score"].astype(float)
        if len(scores) >= 3:
            yield lane, scores


def _extremes_only(journey: Journey) -> Iterator[Finding]:
    scale = journey.scale
    for lane, scores in _scores_by_lane(journey):
        if scores.isin([scale.min, scale.max]).all() and scores.nunique() > 1:
            yield Finding(
                "extremes-only",
                f"all {len(scores)} scores on {lane!r} sit at the ends of the scale "
                f"({_num(scale.min)} or {_num(scale.max)}); use the middle of the "
                "scale for mixed feelings",
                "info",
                None,
                lane,
            )


def _flat_curve(journey: Journey) -> Iterator[Finding]:
    for lane, scores in _scores_by_lane(journey):
        if scores.nunique() == 1:
            yield Finding(
                "flat-curve",
                f"all {len(scores)} scores on {lane!r} are {_num(scores.iloc[0])}: "
                "the curve shows no highs and lows",
                "info",
                None,
                lane,
            )


#: Every rule by name, in the order :func:`check` lists its findings.
RULES: dict[str, Rule] = {
    "empty-stage": _empty_stage,
    "stage-without-emotion": _stage_without_emotion,
    "emotion-without-score": _emotion_without_score,
    "pain-without-evidence": _pain_without_evidence,
    "opportunity-without-owner": _opportunity_without_owner,
    "voted-pain-without-opportunity": voted_pain_without_opportunity,
    "open-comment": open_comment,
    "score-on-text-lane": _score_on_text_lane,
    "score-off-step": _score_off_step,
    "extremes-only": _extremes_only,
    "flat-curve": _flat_curve,
}


def check(source: Any, rules: Iterable[str] | None = None) -> list[Finding]:
    """Check a map for common journey-mapping mistakes (see the table in this module).

    Parameters
    ----------
    source : JourneyMap, Journey or pandas.DataFrame
        The map to check.
    rules : iterable of str, optional
        The rules to run (names from :data:`RULES`); all of them by default.

    Returns
    -------
    list of Finding
        Grouped by rule in :data:`RULES` order, each group in map order.

    Examples
    --------
    >>> import pandas as pd
    >>> cards = pd.DataFrame({"stage": ["Cart", "Pay"], "lane": ["Emotions", "Pain points"],
    ...                       "text": ["Unsure", "Card declined"], "score": [-1, None]})
    >>> [f.rule for f in check(cards)]
    ['stage-without-emotion', 'pain-without-evidence']
    """
    journey = as_journey(source)
    names = list(RULES) if rules is None else list(rules)
    unknown = [r for r in names if r not in RULES]
    if unknown:
        raise JourneyError(f"unknown rule(s) {unknown}; the rules are {list(RULES)}")
    return [finding for name in RULES if name in names for finding in RULES[name](journey)]
