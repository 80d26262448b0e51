"""Malformed documents, part two: cards, metrics and unknown top-level keys.

``malformed_corpus.py`` says what a case holds and gathers both parts.
"""

from __future__ import annotations

from malformed_case import GOOD, Case, N, S, doc, drop_key, nested, set_key

PAY_CSAT_NOVEMBER = {"stage": "Pay", "metric": "CSAT", "value": 70.0, "period": "2026-11"}
CONTENT_CASES: list[Case] = [
    # cards
    Case("cards an object", doc(set_key(["cards"], {"c1": {}})), "cards", "an array", S),
    Case("card a string", doc(set_key(["cards", 1], "Hopeful")), "cards[1]", "a card object", S),
    Case(
        "card without stage",
        doc(drop_key(["cards", 2, "stage"])),
        "cards[2].stage",
        "a non-empty string",
        S,
    ),
    Case(
        "card stage a number",
        doc(set_key(["cards", 0, "stage"], 3)),
        "cards[0].stage",
        "a non-empty string",
        S,
    ),
    Case(
        "card on an unknown stage",
        doc(set_key(["cards", 2, "stage"], "Returns")),
        "cards[2].stage",
        "'Returns' is not one of the map's stages",
        N,
    ),
    Case(
        "card on an unknown lane",
        doc(set_key(["cards", 0, "lane"], "Feelings")),
        "cards[0].lane",
        "'Feelings' is not one of the map's lanes",
        N,
    ),
    Case(
        "card on an unknown step",
        doc(set_key(["cards", 0, "step"], "Checkout")),
        "cards[0].step",
        "not one of the steps of stage 'Browse'",
        N,
    ),
    Case(
        "duplicate card id",
        doc(set_key(["cards", 2, "id"], "c1")),
        "cards[2].id",
        "also the id of cards[0]",
        N,
    ),
    Case(
        "card id an object",
        doc(set_key(["cards", 1, "id"], {"x": 1})),
        "cards[1].id",
        "a string",
        S,
    ),
    Case(
        "card text a list",
        doc(set_key(["cards", 0, "text"], ["a", "b"])),
        "cards[0].text",
        "a string or null",
        S,
    ),
    Case(
        "score a string",
        doc(set_key(["cards", 1, "score"], "high")),
        "cards[1].score",
        "a number or null",
        S,
    ),
    Case(
        "score outside the scale",
        doc(set_key(["cards", 1, "score"], 5)),
        "cards[1].score",
        "outside the map's scale -2..2",
        N,
    ),
    Case(
        "score NaN",
        GOOD.replace(b'"score": 1.0', b'"score": NaN'),
        "cards[1].score",
        "NaN is not a JSON number",
        S,
    ),
    Case(
        "score -Infinity",
        GOOD.replace(b'"score": 1.0', b'"score": -Infinity'),
        "cards[1].score",
        "-Infinity is not a JSON number",
        S,
    ),
    Case(
        "huge float",
        GOOD.replace(b'"score": 1.0', b'"score": 1e999'),
        "cards[1].score",
        "too large",
        S,
    ),
    Case(
        "huge integer",
        GOOD.replace(b'"severity": 4.0', b'"severity": ' + b"9" * 5000),
        "cards[2].severity",
        "too large",
        S,
    ),
    Case(
        "integer over 64 bits",
        doc(set_key(["cards", 0, "score"], 99_999_999_999_999_999_999)),
        "cards[0].score",
        "fits 64 bits",
        N,
    ),
    Case(
        "severity out of range",
        doc(set_key(["cards", 2, "severity"], 9)),
        "cards[2].severity",
        "from 1 to 5",
        S,
    ),
    Case(
        "confidence unknown",
        doc(
            lambda d: (
                d["columns"].append({"name": "confidence"}),
                d["cards"][0].update(confidence="sure"),
            )
        ),
        "cards[0].confidence",
        "observed",
        S,
    ),
    Case(
        "card key not in columns",
        doc(set_key(["cards", 0, "mood"], "x")),
        "cards[0].mood",
        "not one of the document's columns",
        N,
    ),
    Case(
        "deeply nested card value",
        doc(set_key(["cards", 0, "tags"], nested(200))),
        "cards[0].tags",
        "nested more than 32 levels",
        N,
    ),
    Case(
        "NaN inside a card's list",
        GOOD.replace(b'"web"', b"NaN"),
        "cards[0].tags[0]",
        "NaN is not a JSON number",
        N,
    ),
    Case(
        "duplicate key in a card",
        GOOD.replace(b'"id": "c2",', b'"id": "c2", "id": "c9",'),
        "cards[1]",
        "'id' appears twice",
        N,
    ),
    # metrics
    Case("metrics an object", doc(set_key(["metrics"], {"Pay": 1})), "metrics", "an array", S),
    Case(
        "metric on an unknown stage",
        doc(set_key(["metrics", 0, "stage"], "Nowhere")),
        "metrics[0].stage",
        "'Nowhere' is not one of the map's stages",
        N,
    ),
    Case(
        "metric value text",
        doc(set_key(["metrics", 0, "value"], "71")),
        "metrics[0].value",
        "a number",
        S,
    ),
    Case(
        "metric n negative",
        doc(set_key(["metrics", 0, "n"], -3)),
        "metrics[0].n",
        "a whole number",
        S,
    ),
    Case(
        "metric unknown key",
        doc(set_key(["metrics", 0, "weight"], 1)),
        "metrics[0].weight",
        "unknown key",
        S,
    ),
    Case(
        "metric twice",
        doc(lambda d: d["metrics"].append(dict(d["metrics"][0]))),
        "metrics[1]",
        "twice",
        N,
    ),
    # metrics over time: a period on every row once one row has one, one row per period
    Case(
        "metric period empty",
        doc(set_key(["metrics", 0, "period"], " ")),
        "metrics[0].period",
        "a non-empty string",
        S,
    ),
    Case(
        "metric period a number",
        doc(set_key(["metrics", 0, "period"], 202611)),
        "metrics[0].period",
        "a non-empty string",
        S,
    ),
    Case(
        "metric period on one row only",
        doc(lambda d: d["metrics"].append({**d["metrics"][0], "period": "2026-11"})),
        "metrics[0].period",
        "a period on every metric, as metrics[1] has one",
        N,
    ),
    Case(
        "metric twice in a period",
        doc(set_key(["metrics"], [PAY_CSAT_NOVEMBER, PAY_CSAT_NOVEMBER])),
        "metrics[1]",
        "one row per stage and metric and period",
        N,
    ),
    # unknown top-level keys are ignored, but must still be JSON the format allows
    Case(
        "NaN in an unknown key",
        GOOD.replace(b'"title"', b'"extra": [NaN], "title"'),
        "extra[0]",
        "NaN",
        N,
    ),
]
