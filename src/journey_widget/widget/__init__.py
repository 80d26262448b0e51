"""The kernel side of the map widget: the :class:`JourneyMap` class and what it is built from.

- ``map_widget``: the AnyWidget subclass (traits, message dispatch, the static fallback);
- ``api``, ``api_charts``, ``api_practice``: its public methods, written over the model's
  operations;
- ``protocol``: browser messages to model operations (table-driven, strict);
- ``payloads``: the trait payloads the front end draws;
- ``events``: :class:`EditEvent` and the edit callbacks;
- ``overlays``: chart overlays drawn under the map;
- ``messages``: replies to the view's requests (the Check panel);
- ``load``: open a saved map file.
"""

from .events import EditEvent
from .load import load
from .map_widget import JourneyMap

__all__ = ["EditEvent", "JourneyMap", "load"]
