"""journey_widget: editable customer journey maps in Jupyter, bound to a pandas DataFrame.

>>> import journey_widget as jw
>>> m = jw.JourneyMap(df, stages=[...], lanes=[...], title="Checkout")  # doctest: +SKIP
"""

from .api import load
from .events import EditEvent
from .model import Journey, JourneyError, Lane, Persona, Scale, Stage
from .widget import JourneyMap

__version__ = "0.1.0"
__all__ = ["EditEvent", "Journey", "JourneyError", "JourneyMap", "Lane", "Persona", "Scale",
           "Stage", "__version__", "load"]
