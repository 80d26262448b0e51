"""Reading and writing journey maps: versioned JSON and CSV."""

from .csv_format import journey_from_csv, journey_to_csv
from .json_format import FORMAT_NAME, FORMAT_VERSION, journey_from_json, journey_to_json

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "journey_from_csv", "journey_from_json",
           "journey_to_csv", "journey_to_json"]
