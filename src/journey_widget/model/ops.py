"""Every edit operation of the model, in one place to import from.

Each operation's ``apply(journey)`` validates before changing anything and returns
:class:`Applied`: the exact inverse and the changes made (see :mod:`.operation`).
"""

from .card_ops import AddCard, DeleteCard, DropRows, EditCard, InsertRows, MoveCard
from .meta_ops import SetMeta, SetPersona, SetState, SetTitle
from .operation import Applied, Batch, Change, Op, ReplaceCards
from .structure_ops import (
    AddItem,
    AddStep,
    MoveItem,
    MoveStep,
    RemoveItem,
    RemoveStep,
    RenameItem,
    RenameStep,
)

__all__ = [
    "AddCard",
    "AddItem",
    "AddStep",
    "Applied",
    "Batch",
    "Change",
    "DeleteCard",
    "DropRows",
    "EditCard",
    "InsertRows",
    "MoveCard",
    "MoveItem",
    "MoveStep",
    "Op",
    "RemoveItem",
    "RemoveStep",
    "RenameItem",
    "RenameStep",
    "ReplaceCards",
    "SetMeta",
    "SetPersona",
    "SetState",
    "SetTitle",
]
