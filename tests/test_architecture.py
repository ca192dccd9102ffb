"""The package layout is the pipeline: imports only go down it, and never in a circle.

Walks every module of ``pipeline/`` with :mod:`ast` (imports inside functions
included) and checks two things:

* no upward import: a module of stage *S* imports only its own stage, the shared
  modules, and stages before *S* in :data:`STAGES`;
* no cycle: the module import graph has no strongly connected component with
  more than one module (nor a module importing itself).

See ARCHITECTURE.md for what each stage takes in and gives out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

#: The stages in pipeline order; a stage may import the ones before it, never after.
#: ``output`` comes before ``corpus``: the cross-document stage reads the per-document
#: tables through :mod:`pipeline.output.records` and their declared columns
#: (:mod:`pipeline.output.schema`). ``batch`` and ``cli`` orchestrate every stage, so
#: they are last.
STAGES = ["layout", "structure", "citations", "domains", "output", "corpus", "review", "batch", "cli"]

#: Shared modules at the top of the package: typed objects exchanged between
#: stages and small helpers. Any stage may import them; they import only each other.
SHARED = {"pipeline", "pipeline.models", "pipeline.yamlio", "pipeline.lexicon", "pipeline.morph"}

#: Allowed upward imports: (importing module, imported module) -> why. Keep it empty
#: unless there is truly no better place for the code.
EXCEPTIONS: dict[tuple[str, str], str] = {}

#: No module over this many lines (big modules are split along their seams).
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    mods = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _is_package(mod: str) -> bool:
    return MODULES[mod].name == "__init__.py"


def _imports(mod: str) -> set[str]:
    """The ``pipeline`` modules that ``mod`` imports, at module level or inside functions."""
    tree = ast.parse(MODULES[mod].read_text(encoding="utf-8"))
    package = mod if _is_package(mod) else mod.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # ``from pipeline.output import schema`` imports the submodule ``schema``.
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:  # ``import pipeline.x.y as z`` etc.
                target = target.rpartition(".")[0]
            if target and target.split(".")[0] == "pipeline" and target != mod:
                found.add(target)
    return found


GRAPH = {mod: _imports(mod) for mod in MODULES}


def stage_of(mod: str) -> str | None:
    """The stage a module belongs to (None for the shared modules)."""
    if mod in SHARED:
        return None
    stage = mod.split(".")[1]
    if stage.startswith("cli"):  # pipeline/cli.py and the commands it keeps apart (cli_compare.py)
        return "cli"
    assert stage in STAGES, f"{mod}: not in a stage package nor in SHARED (add it to one)"
    return stage


def _rank(mod: str) -> int:
    stage = stage_of(mod)
    return -1 if stage is None else STAGES.index(stage)


def test_every_module_is_in_a_stage_or_shared():
    for mod in MODULES:
        stage_of(mod)


@pytest.mark.parametrize("stage", STAGES[:-1])
def test_each_stage_is_a_package_with_an_entry_point_and_a_docstring(stage):
    init = PACKAGE / stage / "__init__.py"
    assert init.exists(), f"pipeline/{stage}/ is not a package"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and len(doc) > 80, f"pipeline/{stage}/__init__.py: say what goes in and what comes out"


def test_imports_only_go_down_the_pipeline():
    upward = []
    for mod, targets in GRAPH.items():
        for target in targets:
            if mod in SHARED and target not in SHARED:
                upward.append(f"{mod} (shared) imports {target}")
            elif _rank(target) > _rank(mod) and (mod, target) not in EXCEPTIONS:
                upward.append(f"{mod} ({stage_of(mod)}) imports {target} ({stage_of(target)})")
    assert not upward, "upward imports:\n" + "\n".join(sorted(upward))


def test_no_import_cycles():
    # Tarjan's strongly connected components.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for mod in sorted(GRAPH):
        if mod not in index:
            visit(mod)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_checker_sees_function_level_and_relative_imports(tmp_path):
    """The walker must not miss an import hidden in a function (the usual way round a cycle)."""
    assert "pipeline.batch.runner" in GRAPH["pipeline.batch.pool"]  # imported inside _work
    assert "pipeline.structure" in GRAPH["pipeline.batch.runner"]  # inside process_document


def test_no_module_is_too_long():
    long = {mod: n for mod, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them along a seam): {long}"
