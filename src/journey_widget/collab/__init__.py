"""Real-time collaboration on ``.journey.json`` files: the server's shared document type.

With ``pip install 'journey-widget[collab]'`` (jupyter-collaboration), JupyterLab shares an
open ``.journey.json`` file as one Yjs document, of the type :class:`~.ydoc.YJourney`
(registered as the ``jupyter_ydoc`` entry point ``journey``). docs/collaboration.md describes
the document's layout, the contract the browser implements too.

- ``yshape``: the layout in a pycrdt document, read and written (pure);
- ``repair``: the file's document from the shared parts, repaired after concurrent edits;
- ``ydoc``: :class:`~.ydoc.YJourney`, what the Jupyter server loads, saves and merges.

Nothing else in journey_widget imports this package (``import journey_widget`` loads neither
pycrdt nor jupyter_ydoc).
"""

# jupyter_ydoc loads every registered document type, this package's YJourney included, when
# it is first imported. Importing it here, before .ydoc, lets ``import
# journey_widget.collab.ydoc`` come first without meeting its own half-made module.
import jupyter_ydoc  # noqa: F401  (see above)

from .repair import canonical
from .ydoc import MergedWithFile, YJourney
from .yshape import read_document, write_document

__all__ = ["MergedWithFile", "YJourney", "canonical", "read_document", "write_document"]
