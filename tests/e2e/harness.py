"""A real JupyterLab, a real kernel and Debian's Chromium for end-to-end tests.

``Lab`` starts ``jupyter lab`` on a free loopback port in a temporary root. ``Notebook`` writes a
notebook, opens it in Chromium, runs its cells the way a user does (Shift+Enter) and gives a
second client on the *same* kernel, so tests assert on ``m.data`` where it lives.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import nbformat
from jupyter_client import BlockingKernelClient
from nbformat.sign import NotebookNotary
from playwright.sync_api import Page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The interpreter of the collaboration tests: a second virtualenv with jupyter-collaboration
# (`.ci/setup` makes it), so that installing it never changes the JupyterLab of other tests.
COLLAB_PYTHON = str(Path(__file__).resolve().parents[2] / ".venv-collab" / "bin" / "python")
# Its server: saves a shared document 0.5 s after the last change and looks for changes on disk
# every 0.5 s (defaults 1 s and 1 s), so tests wait less; the rules are the same.
COLLAB_ARGS = (
    "--YDocExtension.document_save_delay=0.5",
    "--YDocExtension.file_poll_interval=0.5",
)
# JupyterLab user settings: no news fetching, no update checks (the machine is offline).
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_serving(
    name: str,
    process: subprocess.Popen[bytes],
    log: IO[str],
    probe: Callable[[], object],
    timeout: float,
) -> None:
    """Wait until ``probe()`` stops raising ``OSError`` (the server answers), or fail naming it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited; see {log.name}")
        with contextlib.suppress(OSError):
            probe()
            return
        time.sleep(0.3)
    raise TimeoutError(f"{name} did not start in {timeout}s; see {log.name}")


def stop_server(process: subprocess.Popen[bytes], log: IO[str]) -> None:
    """Terminate a server started by a test (kill it if it will not stop) and close its log."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()


class Lab:
    """A JupyterLab server started for the test session and stopped by pid.

    ``app="notebook"`` starts Notebook 7 (``jupyter notebook``) instead, same options.
    ``python`` is the interpreter whose Jupyter runs (and whose kernel the notebooks get):
    the collaboration tests pass ``.venv-collab``'s (see :data:`COLLAB_PYTHON`).
    """

    def __init__(
        self, base: Path, app: str = "lab", python: str = sys.executable, args: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.root = base / "root"
        self.runtime = base / "runtime"
        settings = base / "settings"
        for d in (self.root, self.runtime, settings, base / "workspaces"):
            d.mkdir(parents=True, exist_ok=True)
        for name, value in SETTINGS.items():
            path = settings / name.replace("/", os.sep, 1).replace("/", os.sep)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "JUPYTER_RUNTIME_DIR": str(self.runtime),
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        }
        self.log = (base / "lab.log").open("w")
        self.process = subprocess.Popen(
            [
                python,
                "-m",
                "jupyter",
                app,
                "--allow-root",
                "--no-browser",
                f"--port={self.port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--ServerApp.port_retries=0",
                "--LabApp.news_url=None",
                *args,
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def api(self, path: str) -> Any:
        sep = "&" if "?" in path else "?"
        with urllib.request.urlopen(f"{self.url}{path}{sep}token={self.token}", timeout=10) as r:
            return json.loads(r.read())

    def _wait_ready(self, timeout: float = 90) -> None:
        wait_serving(
            "jupyter lab", self.process, self.log, lambda: self.api("/api/status"), timeout
        )

    def stop(self) -> None:
        stop_server(self.process, self.log)


class Kernel:
    """A second client on the notebook's own kernel: runs code, returns JSON printed by it."""

    def __init__(self, connection_file: Path) -> None:
        self.client = BlockingKernelClient()
        self.client.load_connection_file(str(connection_file))
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code: str) -> str:
        out: list[str] = []
        errors: list[str] = []

        def hook(msg: dict[str, Any]) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout":  # not logged warnings
                out.append(content["text"])
            elif kind == "error":
                errors.append("\n".join(content["traceback"]))

        self.client.execute_interactive(code, store_history=False, output_hook=hook, timeout=60)
        if errors:
            raise AssertionError(f"kernel raised:\n{errors[0]}")
        return "".join(out)

    def json(self, expr: str) -> Any:
        """Evaluate ``expr`` in the kernel and return it through JSON."""
        text = self.run(f"import json as _json\nprint(_json.dumps({expr}, default=str))")
        return json.loads(text)

    def records(self, name: str = "m") -> list[dict[str, Any]]:
        """``name.data`` as records, NaN as None: the DataFrame in the kernel."""
        text = self.run(f"print({name}.data.to_json(orient='records'))")
        return list(json.loads(text))

    def wait_for(self, expr: str, expected: Any, timeout: float = 15) -> Any:
        """Poll ``expr`` until it equals ``expected``; return the last value either way.

        ``expr`` may raise until the edit it waits for has landed (a column it reads does not
        exist yet, the kernel was busy drawing chart overlays): it is polled again until the
        timeout, and only the last error is raised.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.json(expr)
            except AssertionError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)
                continue
            if value == expected or time.monotonic() >= deadline:
                return value
            time.sleep(0.2)

    def close(self) -> None:
        self.client.stop_channels()


def write_notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(c, id=f"cell-{i}") for i, c in enumerate(cells)]
    nbformat.write(nb, path)


@contextlib.contextmanager
def open_notebook(lab: Lab, page: Page, name: str, cells: list[str]) -> Iterator[Kernel]:
    """Write ``name``.ipynb, open it in JupyterLab, run every cell, yield its kernel."""
    write_notebook(lab.root / f"{name}.ipynb", cells)
    if lab.app == "notebook":  # Notebook 7: one notebook per page, its own URL
        page.goto(f"{lab.url}/notebooks/{name}.ipynb?token={lab.token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        _wait_notebook7_kernel(page)
    else:
        page.goto(f"{lab.url}/lab/workspaces/{name}/tree/{name}.ipynb?reset&token={lab.token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        # Shift+Enter before the kernel is connected does nothing: wait for the status bar.
        page.get_by_text("| Idle").first.wait_for(timeout=60_000)
    page.locator(".jp-Notebook .jp-Cell .jp-InputArea-editor").first.click()
    for _ in cells:
        page.keyboard.press("Shift+Enter")
    kernel = Kernel(connection_file(lab, f"{name}.ipynb"))
    try:
        ready = kernel.wait_for("'__ready__' in globals()", True, timeout=30)
        if ready is not True and kernel.json("len(globals().get('In', []))") <= 1:
            # On a loaded machine the first Shift+Enter can reach a kernel not yet listening:
            # nothing ran at all, so run the cells again (only then: they are not idempotent).
            page.locator(".jp-Notebook .jp-Cell .jp-InputArea-editor").first.click()
            for _ in cells:
                page.keyboard.press("Shift+Enter")
        if ready is not True:
            ready = kernel.wait_for("'__ready__' in globals()", True, timeout=60)
        if ready is not True:
            raise TimeoutError(f"the cells of {name}.ipynb did not run")
        yield kernel
    finally:
        kernel.close()
        with contextlib.suppress(Exception):
            session = _session(lab, f"{name}.ipynb")
            req = urllib.request.Request(
                f"{lab.url}/api/sessions/{session['id']}?token={lab.token}", method="DELETE"
            )
            urllib.request.urlopen(req, timeout=10).close()


def _wait_notebook7_kernel(page: Page, timeout: float = 60) -> None:
    """Wait until Notebook 7's toolbar names a kernel that stays idle.

    Notebook 7 has no status bar; its indicator reads "idle" once before the kernel connects,
    too.
    """
    ready = (
        "() => { const k = document.querySelector('.jp-KernelName'); "
        "const i = document.querySelector('.jp-Notebook-ExecutionIndicator'); "
        "return !!k && !!i && !/No Kernel/.test(k.textContent) "
        "&& i.getAttribute('data-status') === 'idle'; }"
    )
    deadline, streak = time.monotonic() + timeout, 0
    while streak < 4:
        if time.monotonic() > deadline:
            raise TimeoutError("the notebook's kernel did not become idle")
        streak = streak + 1 if page.evaluate(ready) else 0
        time.sleep(0.25)


def _session(lab: Lab, path: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for session in lab.api("/api/sessions"):
            if session.get("path") == path and session.get("kernel"):
                return dict(session)
        time.sleep(0.3)
    raise TimeoutError(f"no kernel session for {path}")


def connection_file(lab: Lab, path: str) -> Path:
    kernel_id = _session(lab, path)["kernel"]["id"]
    file = lab.runtime / f"kernel-{kernel_id}.json"
    deadline = time.monotonic() + 30
    while not file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    return file


def wait_saved(path: Path, check: Callable[[str], bool], timeout: float = 15) -> str:
    """The file's text once ``check`` holds for a whole file (the server truncates, then writes)."""
    deadline = time.monotonic() + timeout
    text = path.read_text(encoding="utf-8")
    while not (text.rstrip().endswith("}") and check(text)) and time.monotonic() < deadline:
        time.sleep(0.2)
        text = path.read_text(encoding="utf-8")
    return text


def no_sessions(lab: Lab, name: str) -> bool:
    """True when no kernel session is open on the notebook ``name``."""
    return not any(s.get("path") == name for s in lab.api("/api/sessions"))


def wait_no_session(lab: Lab, name: str, timeout: float = 20) -> None:
    """Wait until the notebook ``name`` has no kernel session (after ``open_notebook`` ends)."""
    deadline = time.monotonic() + timeout
    while not no_sessions(lab, name) and time.monotonic() < deadline:
        time.sleep(0.3)


def reopen_without_kernel(lab: Lab, page: Page, name: str) -> None:
    """Open a notebook choosing "No Kernel" (its kernel metadata removed, signed again: trusted)."""
    path = lab.root / name
    nb = nbformat.read(path, as_version=4)
    for key in ("kernelspec", "language_info"):  # either lets JupyterLab pick a kernel itself
        nb.metadata.pop(key, None)
    notary = NotebookNotary()
    notary.sign(nb)
    assert notary.check_signature(nb)  # the server shares this signature store
    nbformat.write(nb, path)
    page.goto(f"{lab.url}/lab/workspaces/nokernel-{path.stem}/tree/{name}?reset&token={lab.token}")
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=60_000)
    dialog.get_by_role("button", name="No Kernel").click()


def type_into_card(page: Page, card_id: str, text: str) -> None:
    """Edit a card's text as a user does: double-click it, type, press Enter."""
    page.locator(f'[data-jw-card="{card_id}"]').first.dblclick()
    editor = page.locator("textarea[data-jw-editor]")
    editor.fill(text)
    editor.press("Enter")
