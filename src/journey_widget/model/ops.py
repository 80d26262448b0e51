"""Every edit operation of the model, in one place to import from.

Each operation's ``apply(journey)`` validates before changing anything and returns
:class:`Applied`: the exact inverse and the changes made (see :mod:`.operation`).
"""

from .card_ops import AddCard, DeleteCard, DropRows, EditCard, InsertRows, MoveCard
from .meta_ops import SetMeta, SetPersona, SetState, SetTitle
from .operation import Applied, Batch, Change, Op, ReplaceCards
from .participation_ops import (
    AddComment,
    CastVote,
    EndRound,
    RemoveComment,
    RemoveRound,
    RestoreComment,
    RestoreResolved,
    RestoreRound,
    SetCommentResolved,
    SetRoundEnded,
    SetVote,
    StartRound,
)
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
    "AddComment",
    "AddItem",
    "AddStep",
    "Applied",
    "Batch",
    "CastVote",
    "Change",
    "DeleteCard",
    "DropRows",
    "EditCard",
    "EndRound",
    "InsertRows",
    "MoveCard",
    "MoveItem",
    "MoveStep",
    "Op",
    "RemoveComment",
    "RemoveItem",
    "RemoveRound",
    "RemoveStep",
    "RenameItem",
    "RenameStep",
    "ReplaceCards",
    "RestoreComment",
    "RestoreResolved",
    "RestoreRound",
    "SetCommentResolved",
    "SetMeta",
    "SetPersona",
    "SetRoundEnded",
    "SetState",
    "SetTitle",
    "SetVote",
    "StartRound",
]
