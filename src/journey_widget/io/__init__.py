"""Reading and writing journey maps: versioned JSON, CSV and Mermaid."""

from .csv_format import journey_from_csv, journey_to_csv
from .json_format import FORMAT_NAME, FORMAT_VERSION, journey_from_json, journey_to_json
from .mermaid import parse_mermaid, to_mermaid

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "journey_from_csv", "journey_from_json",
           "journey_to_csv", "journey_to_json", "parse_mermaid", "to_mermaid"]
