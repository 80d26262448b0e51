"""Report generation time for 20- and 200-card maps: notebook, HTML and PDF, no kernel.

Side by side in the same run, the peer: nbconvert's own HTMLExporter ("lab" template) turning the
same report notebook into HTML (which, unlike ours, links require.js and MathJax from CDNs).
Budget: HTML <= 2 s warm for 200 cards, one file <= 1.5 MB.

    .venv/bin/python bench/bench_report.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

import journey_widget as jw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.report.conftest import make_map  # the same maps the tests use

from timing import median_ms  # bench/timing.py


def main() -> None:
    from nbconvert import HTMLExporter

    out = Path(tempfile.mkdtemp(prefix="bench-report-"))
    print(
        f"{'cards':>5} {'ipynb':>8} {'html':>8} {'pdf':>8} {'nbconvert':>10} "
        f"{'html KB':>8} {'peer KB':>8}"
    )
    for n in (20, 200):
        m = make_map(n, hostile=False)
        ipynb = median_ms(lambda m=m: jw.report(m, out / "r.ipynb", trust=False)) / 1000
        html = median_ms(lambda m=m: jw.report(m, out / "r.html")) / 1000
        pdf = (
            median_ms(lambda m=m: jw.report(m, out / "r.pdf"), 3) / 1000
            if shutil.which("chromium")
            else float("nan")
        )
        nb = nbformat.read(out / "r.ipynb", as_version=4)
        exporter = HTMLExporter(template_name="lab")
        peer = median_ms(lambda nb=nb, exporter=exporter: exporter.from_notebook_node(nb)) / 1000
        peer_kb = len(exporter.from_notebook_node(nb)[0].encode()) / 1024
        print(
            f"{n:>5} {ipynb:>7.3f}s {html:>7.3f}s {pdf:>7.3f}s {peer:>9.3f}s "
            f"{(out / 'r.html').stat().st_size / 1024:>8.1f} {peer_kb:>8.1f}"
        )


if __name__ == "__main__":
    main()
