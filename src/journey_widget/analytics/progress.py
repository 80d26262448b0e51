"""A small progress bar for long analyses, shown only inside a Jupyter kernel.

It is an ipywidgets ``IntProgress`` with a label naming the current step; when the analysis ends
(or fails) the bar is replaced by one line of text and closed, so saved notebooks keep no dead
widget. Outside a kernel (scripts,
tests, CI) nothing is shown and nothing is imported.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

#: Logs at least this long show progress by default (in a kernel).
AUTO_THRESHOLD = 1_000_000


def in_kernel() -> bool:
    """True when running inside a Jupyter kernel (where widgets can be displayed)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


class Progress:
    """Steps of an analysis; displays a bar when ``enabled``."""

    def __init__(self, steps: int, enabled: bool, auto: bool = False) -> None:
        self.steps = steps
        self.done = 0
        self.labels: list[str] = []
        self.auto = auto  # decide once the size is known (see sized)
        self._bar: Any = None
        self._label: Any = None
        self._box: Any = None
        self._handle: Any = None
        self._started = time.perf_counter()
        if enabled:
            self._show()

    def _show(self) -> None:
        import ipywidgets
        from IPython.display import display

        self._bar = ipywidgets.IntProgress(
            value=self.done, min=0, max=self.steps, description="analyze", bar_style="info"
        )
        self._label = ipywidgets.Label("")
        self._box = ipywidgets.HBox([self._bar, self._label])
        self._handle = display(self._box, display_id=True)

    def sized(self, size: int) -> None:
        """Decide on the bar now that the log's size is known.

        The bar is shown if it was left to decide and the log is long (in a kernel).
        """
        if self.auto and self._box is None and size >= AUTO_THRESHOLD and in_kernel():
            self._show()
        self.auto = False

    @property
    def shown(self) -> bool:
        """True while the bar is on screen."""
        return self._box is not None

    def step(self, label: str) -> None:
        """Mark the start of the next step, called ``label``."""
        self.labels.append(label)
        if self._bar is not None:
            self._bar.value = self.done
            self._label.value = f"{label}…"
        self.done += 1

    def close(self) -> None:
        """Replace the bar by one line of text (so a saved notebook holds no dead widget)."""
        if self._box is not None:
            done = "done" if self.done == self.steps else f"stopped at {self.labels[-1]!r}"
            line = f"analyze: {done} in {time.perf_counter() - self._started:.2f} s"
            if self._handle is not None:
                self._handle.update({"text/plain": line}, raw=True)
            self._box.close()
            self._box = self._bar = self._label = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def progress_for(flag: bool | None, size: int | None, steps: int) -> Progress:
    """A :class:`Progress`, shown or not by ``flag`` and the log's ``size``.

    Shown when ``flag`` is True, or when ``flag`` is None, we are in a kernel and the log has at
    least :data:`AUTO_THRESHOLD` events (an unknown size is decided later, by
    :meth:`Progress.sized`).
    """
    if flag is None:
        if size is None:
            return Progress(steps, False, auto=True)
        flag = in_kernel() and size >= AUTO_THRESHOLD
    elif flag and not in_kernel():
        flag = False
    return Progress(steps, bool(flag))
