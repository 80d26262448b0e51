"""A map's JSON document and file text, kept up to date card by card.

Writing a bound map after every edit (:mod:`journey_widget.durable`) would otherwise convert and
encode every card each time: about 13 ms at 1,000 cards and 60 ms at 5,000, almost all of it
pandas' row conversion and the pure-Python indenting encoder. :class:`DocumentCache` keeps each
card's record and encoded text by id and redoes only the cards an edit touched, plus the small
header (title, persona, stages, lanes, columns, metrics, comments and voting). The result is
byte for byte what :func:`~journey_widget.io.json_format.journey_to_json` writes; any change of
the columns or their dtypes, or an edit that is neither about single cards nor about comments
and votes, rebuilds everything.
"""

from __future__ import annotations

import copy
import json
import secrets
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..model import Journey
from ..model.participation_ops import PARTICIPATION_KINDS
from .json_format import _jsonable, document_text, journey_to_dict

#: Kinds of edit events that change single cards, named by their ``id``.
CARD_EDITS = frozenset({"edit", "add", "move", "delete"})
#: Up to this many rows are converted cell by cell, more as one sub-frame.
FEW = 8


def card_records(table: pd.DataFrame, positions: list[int]) -> list[dict[str, Any]]:
    """The JSON records of the cards at ``positions``, as ``journey_to_dict`` writes them.

    Row by row with :func:`_jsonable`, which maps every missing marker to ``None`` as the full
    conversion does, without converting the whole table (tests/unit/durable compare the two).
    """
    columns = [str(c) for c in table.columns]
    if len(positions) <= FEW:  # a cell at a time beats building a sub-frame for a few rows
        width = range(len(columns))
        return [{columns[k]: _jsonable(table.iat[p, k]) for k in width} for p in positions]
    rows = table.iloc[positions].itertuples(index=False, name=None)
    return [{c: _jsonable(v) for c, v in zip(columns, row, strict=True)} for row in rows]


def _card_text(record: dict[str, Any]) -> str:
    """One card as ``json.dumps(..., indent=1)`` writes it inside the ``cards`` list."""
    return json.dumps(record, indent=1, ensure_ascii=False).replace("\n", "\n  ")


class DocumentCache:
    """The document of the map last rendered, reused for the cards that did not change.

    Examples
    --------
    >>> cache = DocumentCache()
    >>> doc, text = cache.render(m.journey, None)
    >>> m.edit_card("c1", "text", "Pays by card")
    >>> doc, text = cache.render(m.journey, {"c1"})
    >>> text == m.to_json().encode()
    True
    """

    def __init__(self) -> None:
        self._columns: list[Any] | None = None
        self._records: dict[str, dict[str, Any]] = {}
        self._texts: dict[str, str] = {}
        self._marker = f"\x00jw-cards-{secrets.token_hex(8)}\x00"
        self._head: tuple[tuple[Any, ...], dict[str, Any], tuple[str, str], Any] | None = None
        self.rebuilt = self.reused = 0  # counts, for tests and benchmarks

    @staticmethod
    def changed_ids(events: Iterable[Any]) -> set[str] | None:
        """The card ids a batch of edit events touched, or ``None`` when one was not a card edit.

        ``events`` are :class:`~journey_widget.widget.events.EditEvent` (``kind``, ``id``).
        """
        ids: set[str] = set()
        for event in events:
            if event.kind in PARTICIPATION_KINDS:  # comments and votes: the header holds them
                continue
            if event.kind not in CARD_EDITS or event.id is None:
                return None
            ids.add(str(event.id))
        return ids

    def render(self, journey: Journey, changed: set[str] | None) -> tuple[dict[str, Any], bytes]:
        """The document of ``journey`` and its file bytes.

        Parameters
        ----------
        journey : Journey
            The map now (a captured state's journey is fine).
        changed : set of str or None
            Ids of the cards changed since the last call; ``None``: anything may have changed.

        Returns
        -------
        (dict, bytes)
            ``journey_to_dict(journey)`` and ``journey_to_json(journey)`` encoded as UTF-8.
        """
        doc, marked = self._header(journey)
        if changed is None or doc["columns"] != self._columns:
            self._records.clear()
            self._texts.clear()
            self._columns = doc["columns"]
            changed = set()
        ids = list(map(str, journey.table["id"].tolist()))  # tolist: no per-item pandas calls
        self._refresh(journey, ids, changed)
        doc = {**doc, "cards": list(map(self._records.__getitem__, ids))}
        if not ids:
            return doc, document_text(doc).encode()
        before, after = marked
        cards = ",\n  ".join(map(self._texts.__getitem__, ids))
        return doc, f"{before}{cards}{after}".encode()

    def _header(self, journey: Journey) -> tuple[dict[str, Any], tuple[str, str]]:
        """Everything but the cards, as a document and as the text before and after them.

        Operations replace the map's parts rather than change them in place, so the parts
        themselves (by identity, and the column dtypes) say whether the last header holds.
        """
        table = journey.table
        key = (
            journey.title, journey.persona, journey.state, journey.scale,
            tuple(journey.stages), tuple(journey.lanes), tuple(map(str, table.columns)),
            tuple(table.dtypes), journey.participation,
        )  # fmt: skip
        head = self._head
        if head is not None and head[0] == key and head[3] is journey.metrics:
            return head[1], head[2]
        header = copy.copy(journey)
        header.table = table.iloc[:0]
        doc = journey_to_dict(header)
        text = document_text({**doc, "cards": [self._marker]})
        before, _, after = text.partition(json.dumps(self._marker))
        marked = (before, after)
        self._head = (key, doc, marked, journey.metrics)  # metrics: by identity, kept alive
        return doc, marked

    def _refresh(self, journey: Journey, ids: list[str], changed: set[str]) -> None:
        """Convert and encode the cards that changed or are new; forget the ones gone."""
        present = set(ids)
        known = self._records.keys()
        for gone in known - present:
            del self._records[gone], self._texts[gone]
        wanted = (changed & present) | (present - known)  # set operations: no loop over ids
        self.reused += len(ids) - len(wanted)
        if not wanted:
            return
        table = journey.table
        if len(wanted) <= FEW:  # list.index scans in C
            positions = sorted(ids.index(i) for i in wanted)
        else:
            positions = [k for k, i in enumerate(ids) if i in wanted]
        for record in card_records(table, positions):
            key = str(record["id"])
            self._records[key] = record
            self._texts[key] = _card_text(record)
        self.rebuilt += len(wanted)
