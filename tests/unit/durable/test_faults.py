"""Fault tests with real processes: kill -9 after an edit, a writer killed mid-write, two writers.

Each child is a real ``python`` that opens the map with ``jw.open``; the parent kills it or
waits for it and then reads the file with ``jw.load``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from journey_helpers import checkout_map

import journey_widget as jw

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

PRELUDE = """
import os, signal, sys, time
import journey_widget as jw
path = sys.argv[1]
"""


def child(code: str, path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code), str(path), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_line(proc: subprocess.Popen[str], expected: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != expected:
        proc.kill()
        raise AssertionError(f"child said {line!r}, stderr:\n{proc.communicate()[1]}")


def text_of(m: jw.JourneyMap, card: str) -> str:
    return str(m.data.set_index("id").at[card, "text"])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "checkout.journey.json"
    checkout_map().save(target)
    return target


def test_kill_9_right_after_an_edit_is_acknowledged(path: Path) -> None:
    proc = child(
        """
        m = jw.open(path)
        time.sleep(0.2)                      # a pause, then one edit
        m.edit_card("c01", "text", "typed just before the crash")
        print("acked", flush=True)           # the edit call returned: acknowledged
        time.sleep(60)
    """,
        path,
    )
    wait_line(proc, "acked")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert text_of(jw.load(path), "c01") == "typed just before the crash"


@pytest.mark.parametrize("when", ["first write", "later write"])
def test_a_writer_killed_mid_write_leaves_the_old_map_never_a_torn_one(
    path: Path, when: str
) -> None:
    proc = child(
        """
        m = jw.open(path)
        if sys.argv[2] == "later write":
            m.edit_card("c02", "text", "written before")
        time.sleep(0.1)
        m._binding.before_replace = lambda tmp: os.kill(os.getpid(), signal.SIGKILL)
        print("ready", flush=True)
        m.edit_card("c01", "text", "never renamed into place")
        print("survived", flush=True)
    """,
        path,
        when,
    )
    wait_line(proc, "ready")
    proc.wait(timeout=20)
    assert proc.returncode == -signal.SIGKILL
    before = path.read_bytes()
    back = jw.load(path)  # parses: old, not torn
    assert text_of(back, "c01") != "never renamed into place"
    assert (text_of(back, "c02") == "written before") == (when == "later write")
    stale = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(stale) == 1  # the killed writer's temporary file...
    m = jw.open(path)
    try:
        assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # ...cleaned
        assert path.read_bytes() == before
    finally:
        m.close_file()


TWO_WRITERS = """
m = jw.open(path)
card, text = sys.argv[2], sys.argv[3]
print("open", flush=True)
sys.stdin.readline()                         # both open: go
m.edit_card(card, "text", text)
m.flush()
end = time.monotonic() + 20
while time.monotonic() < end:               # until this map has seen the other's edit
    other = "c02" if card == "c01" else "c01"
    if m.data.set_index("id").at[other, "text"].startswith("from ") or (
            m.file_status.state == "conflict"):
        break
    time.sleep(0.05)
m.close_file()
print(m.data.set_index("id").at[other, "text"], flush=True)
"""


def run_two(path: Path, a: tuple[str, str], b: tuple[str, str]) -> list[str]:
    procs = [child(TWO_WRITERS, path, *a), child(TWO_WRITERS, path, *b)]
    for proc in procs:
        wait_line(proc, "open")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outs.append(out.strip())
    return outs


def test_two_processes_editing_different_cards_both_land(path: Path) -> None:
    seen = run_two(path, ("c01", "from A"), ("c02", "from B"))
    back = jw.load(path)
    assert text_of(back, "c01") == "from A" and text_of(back, "c02") == "from B"
    assert seen == ["from B", "from A"]  # each map followed the other's edit
    assert not list(path.parent.glob("*.conflict-*"))


def test_two_processes_editing_one_card_keep_both_versions(path: Path) -> None:
    run_two(path, ("c01", "from A"), ("c01", "from B"))
    in_file = text_of(jw.load(path), "c01")
    (copy,) = path.parent.glob("checkout.conflict-*.journey.json")
    in_copy = text_of(jw.load(copy), "c01")
    assert {in_file, in_copy} == {"from A", "from B"}
