"""The error a malformed ``.journey.json`` document raises: what is wrong, where, in which file."""

from __future__ import annotations

import os

from ..model import JourneyError


class JourneyFormatError(JourneyError):
    """A document that is not a valid journey map.

    The message reads ``"<file>: <path>: <problem>"`` (the file only when there is one), e.g.
    ``"checkout.journey.json: cards[3].stage: 'Pay' is not one of the map's stages ['Browse',
    'Cart']"``. ``path`` is a JSON path into the document (``$`` for the document itself,
    ``cards[3].stage``, ``persona.goals[1]``), ``problem`` says what was found and what was
    expected.

    Attributes
    ----------
    problem : str
        What is wrong and what was expected.
    path : str
        Where in the document.
    file : str or None
        The file read, when there is one.
    """

    def __init__(
        self,
        problem: str,
        path: str = "$",
        file: str | os.PathLike[str] | None = None,
    ) -> None:
        self.problem = problem
        self.path = path
        self.file = None if file is None else os.fspath(file)
        where = f"{path}: " if path else ""
        super().__init__(f"{self.file}: {where}{problem}" if self.file else f"{where}{problem}")

    def in_file(self, file: str | os.PathLike[str]) -> JourneyFormatError:
        """The same error, naming ``file``."""
        return JourneyFormatError(self.problem, self.path, file)
