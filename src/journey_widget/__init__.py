"""journey_widget: editable customer journey maps in Jupyter, bound to a pandas DataFrame.

>>> import journey_widget as jw
>>> m = jw.JourneyMap(df, stages=[...], lanes=[...], title="Checkout")  # doctest: +SKIP
"""

from . import analytics, metrics, templates
from .compare import CompareView, compare
from .magic import load_ipython_extension
from .model import Journey, JourneyError, Lane, Persona, Scale, Stage
from .practice import Finding, diff, emotion_change
from .report import report
from .widget import EditEvent, JourneyMap, load

__version__ = "0.1.0"
__all__ = ["CompareView", "EditEvent", "Finding", "Journey", "JourneyError", "JourneyMap", "Lane",
           "Persona", "Scale", "Stage", "__version__", "analytics", "compare", "diff",
           "emotion_change", "load", "load_ipython_extension", "metrics", "report", "templates"]
