"""The house rules of the code (docs/architecture.md), checked on the real import graph (grimp, the graph
import-linter reads) and the real sources; `make lint` runs this file beside the import-linter contracts.

- layers: plugin.py over gui | processing over core over toolbelt; core has no widgets (import-linter, pyproject);
- no import cycle between modules, imports inside functions included;
- an algorithm never imports another algorithm, no private name is imported from another module;
- no module over 800 lines, every module says in its first lines what it is for;
- one helper per job: no module defines its own translation, language, settings or task-keeping helper.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gw_plugin"
MAX_LINES = 800


def sources() -> list:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.fixture(scope="module")
def graph():
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return grimp.build_graph("gw_plugin", cache_dir=None)


def strongly_connected(nodes, edges) -> list:
    """Tarjan's strongly connected components with more than one member (iterative: no recursion limit)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_cycle_finder_finds_a_cycle():
    # the checker itself: a → b → c → a is one cycle, d alone is none
    found = strongly_connected(["a", "b", "c", "d"], {"a": ["b"], "b": ["c"], "c": ["a", "d"]})
    assert found == [["a", "b", "c"]]


def test_no_import_cycle_between_modules(graph):
    modules = sorted(m for m in graph.modules if m.startswith("gw_plugin"))
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    assert strongly_connected(modules, edges) == []


def test_an_algorithm_never_imports_another_algorithm(graph):
    algorithms = [m for m in graph.modules if m.rsplit(".", 1)[-1].startswith("alg_")]
    assert len(algorithms) >= 25
    wrong = [
        (m, other)
        for m in algorithms
        for other in graph.find_modules_directly_imported_by(m)
        if other.rsplit(".", 1)[-1].startswith("alg_")
    ]
    assert wrong == []


def test_no_private_name_is_imported_from_another_module():
    wrong = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                for alias in node.names:
                    if alias.name.startswith("_"):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}")
    assert wrong == []


def module_aliases(path: Path, tree) -> set:
    """Local names that stand for a gw_plugin module in ``path`` (``from ..data import schema as S`` binds S)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = package[: len(package) - node.level + 1] if node.level else []
            parts = base + (node.module.split(".") if node.module else [])
            for alias in node.names:
                target = ROOT.joinpath(*parts, alias.name)
                if target.with_suffix(".py").is_file() or (target / "__init__.py").is_file():
                    names.add(alias.asname or alias.name)
    return names


def test_no_private_name_is_used_through_another_module():
    wrong = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = module_aliases(path, tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert wrong == []


def test_no_module_over_the_limit_and_each_says_what_it_is_for():
    too_long, silent = [], []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {len(text.splitlines())} lines")
        if text.strip() and ast.get_docstring(ast.parse(text)) is None:
            silent.append(str(path.relative_to(ROOT)))
    assert too_long == [] and silent == []


#: one helper per job: patterns that mean a module wrote its own copy of a toolbelt helper
TWIN_HELPERS = {
    "translation helper (use toolbelt.i18n.tr)": re.compile(r"^\s*def _?tr\(\s*text", re.M),
    "language helper (use toolbelt.i18n.ui_language / is_zh / pick)": re.compile(
        r"^def (_lang|_zh|_pick|default_lang|ui_language|is_zh)\(", re.M
    ),
    "settings read in place (use toolbelt.settings)": re.compile(r"QgsSettings\(\)"),
    "task keeping (use toolbelt.qt.keep_until_finished)": re.compile(r"_ORPHANED_TASKS\s*[:=]"),
    "NULL to None (use toolbelt.qt.null_to_none)": re.compile(r"hasattr\(\w+, \"isNull\"\)"),
    "axis order set in place (use toolbelt.ogr)": re.compile(r"SetAxisMappingStrategy"),
}
#: the toolbelt modules that are the one home of each job
HOMES = {"toolbelt/i18n.py", "toolbelt/settings.py", "toolbelt/qt.py", "toolbelt/ogr.py"}


def test_one_helper_for_each_job():
    found = []
    for path in sources():
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in HOMES:
            continue
        text = path.read_text(encoding="utf-8")
        for job, pattern in TWIN_HELPERS.items():
            for match in pattern.finditer(text):
                found.append(f"{rel}:{text.count(chr(10), 0, match.start()) + 1} {job}")
    assert found == []


def test_import_linter_contracts_hold():
    """The layer contracts of pyproject.toml [tool.importlinter], checked by import-linter's own command."""
    import os
    import subprocess
    import sys

    command = Path(sys.executable).parent / "lint-imports"
    if not command.exists():
        pytest.skip("import-linter is not installed beside this Python (make setup installs it)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run([str(command), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout
