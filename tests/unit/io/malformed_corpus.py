"""Malformed ``.journey.json`` documents, each with the JSON path and words its error must name.

Shared with the front end: ``python tests/unit/io/malformed_corpus.py`` writes
``tests/fixtures/malformed/corpus.json`` (``test_malformed_corpus.py`` checks it is current),
a list of ``{"name", "text" | "base64", "path", "expect", "schema"}``: ``text`` is the file
text (``base64`` its bytes when they are not UTF-8 text), ``path`` the JSON path the error
names (``""`` when the text is not JSON at all), ``expect`` words the message must contain, and
``schema`` whether the published JSON Schema alone rejects the document (the rest break rules
a JSON Schema cannot state: unique ids, cards on known stages...).
"""

from __future__ import annotations

import json
import pathlib

from malformed_case import GOOD, Case, valid
from malformed_content_cases import CONTENT_CASES
from malformed_participation_cases import PARTICIPATION_CASES
from malformed_structure_cases import STRUCTURE_CASES

OUT = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "malformed" / "corpus.json"
CASES: list[Case] = [*STRUCTURE_CASES, *CONTENT_CASES, *PARTICIPATION_CASES]
__all__ = ["CASES", "GOOD", "OUT", "Case", "corpus_json", "valid", "write"]


def corpus_json() -> str:
    return json.dumps([c.to_json() for c in CASES], indent=1, ensure_ascii=False) + "\n"


def write() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(corpus_json(), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {len(CASES)} cases to {OUT}")
