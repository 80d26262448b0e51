"""The ``journey-widget`` command.

journey-widget report MAP.journey.json [FUTURE.journey.json] -o report.html|.pdf|.ipynb
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._version import __version__
from .model import JourneyError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-widget", description="Customer journey maps as data."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    rep = commands.add_parser("report", help="write an HTML, PDF or notebook report of maps")
    rep.add_argument(
        "maps", nargs="+", help="one .journey.json (or .csv) map, or two: current and future state"
    )
    rep.add_argument(
        "-o", "--output", required=True, help="report.html, report.pdf or report.ipynb"
    )
    rep.add_argument("--title", help="the report's title (default: the first map's)")
    rep.add_argument("--format", choices=["html", "pdf", "ipynb"], help="override the suffix")
    rep.add_argument("--include-code", action="store_true", help="show the code of each section")
    rep.add_argument("--execute", action="store_true", help="run the notebook in a kernel")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .reports import report
    from .widget import load

    try:
        maps = [load(p) for p in args.maps]
        path = report(
            maps,
            args.output,
            title=args.title,
            format=args.format,
            include_code=args.include_code,
            execute=args.execute,
        )
    except (JourneyError, OSError) as err:
        print(f"journey-widget: {err}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
