"""The house's plan, checked: layers, no import cycles, small files, short functions.

CONTRIBUTING.md explains each rule and how to state a reason for an exception.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Lines of a function from its ``def`` to its end, its docstring left out. A function longer
#: than the limit says why in a comment starting with this, on the line
#: before its ``def`` or in its body.
REASON = "# long:"


def test_import_linter_contracts_are_kept() -> None:
    """The ``[tool.importlinter]`` contracts of pyproject.toml (layers, a pure model)."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("journey_widget", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def _sources() -> list[Path]:
    files = [
        *ROOT.glob("src/journey_widget/**/*.py"),
        *ROOT.glob("js/src/**/*.ts"),
        *ROOT.glob("js/src/**/*.css"),
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("js/tests/**/*.ts"),
        *ROOT.glob("bench/*.py"),
    ]
    return sorted(f for f in files if "node_modules" not in f.parts)


def test_no_file_is_over_400_lines() -> None:
    long = {
        str(f.relative_to(ROOT)): n
        for f in _sources()
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert long == {}


def _long_functions(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        doc = node.body[0] if node.body and ast.get_docstring(node) is not None else None
        if doc is not None:  # documentation does not make a function long
            length -= (doc.end_lineno or doc.lineno) - doc.lineno + 1
        span = lines[first - 2 : node.end_lineno]
        if length > MAX_FUNCTION_LINES and not any(REASON in line for line in span):
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.append(f"{shown}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_python_function_is_over_60_lines_without_a_reason() -> None:
    files = [f for f in _sources() if f.suffix == ".py"]
    assert [entry for f in files for entry in _long_functions(f)] == []


def test_the_checks_above_can_fail(tmp_path: Path) -> None:
    """The cycle and length checks find what they look for (so their passing means something)."""
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    sample = tmp_path / "long_sample.py"  # not in the tree: a parallel worker would see it
    sample.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert _long_functions(sample) == [f"long_sample.py:1 f ({MAX_FUNCTION_LINES + 1} lines)"]
    sample.write_text(f"{REASON} a table\ndef f():\n{body}\n", encoding="utf-8")
    assert _long_functions(sample) == []
    pkg = tmp_path / "cyc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("from . import a\n")
    sys.path.insert(0, str(tmp_path))
    try:
        assert _cycles(grimp.build_graph("cyc")) == [["cyc.a", "cyc.b"]]
    finally:
        sys.path.remove(str(tmp_path))
