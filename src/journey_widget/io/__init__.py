"""Reading and writing journey maps: versioned JSON, CSV and Mermaid."""

from .csv_format import journey_from_csv, journey_to_csv
from .errors import JourneyFormatError
from .json_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SCHEMA_ID,
    SCHEMA_ID_V2,
    journey_from_json,
    journey_to_json,
    read_journey_file,
    schema_path,
)
from .mermaid import parse_mermaid, to_mermaid

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "SCHEMA_ID",
    "SCHEMA_ID_V2",
    "JourneyFormatError",
    "journey_from_csv",
    "journey_from_json",
    "journey_to_csv",
    "journey_to_json",
    "parse_mermaid",
    "read_journey_file",
    "schema_path",
    "to_mermaid",
]
