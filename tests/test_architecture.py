"""The data layer imports in one direction: no circles, and no import hidden in a function."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "tajik_peace"
#: The data layer (issue 9); chapter and rendering modules are checked by their owners.
DATA_LAYER = (
    "paths",
    "report",
    "reader",
    "schema",
    "required_schema",
    "rules",
    "plausibility",
    "consistency",
    "provenance",
    "validate",
    "data",
    "names",
    "explain",
    "codebook",
    "cli",
    "dates",
    "text",
)
#: Imports a function may make: optional dependencies, not a way round a circle.
ALLOWED_LOCAL = {("text", "pandas")}


def _imports(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                out += [(node, n.split(".")[0]) for n in names]
            elif node.module:
                out.append((node, node.module.split(".")[0]))
        elif isinstance(node, ast.Import):
            out += [(node, a.name.split(".")[0]) for a in node.names]
    return out


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    for path in PACKAGE.glob("*.py"):
        for _, target in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if target in modules and target != path.stem:
                graph.add_edge(path.stem, target)
    return graph


def test_the_data_layer_has_no_import_cycle():
    graph = _graph().subgraph(DATA_LAYER)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles
    # the direction the validate docstring describes
    assert nx.has_path(graph, "data", "reader") and not nx.has_path(graph, "reader", "data")
    assert not nx.has_path(graph, "validate", "names")


def test_no_import_inside_a_function_in_the_data_layer():
    hidden = []
    for name in DATA_LAYER:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node, target in _imports(fn):
                    if (name, target) not in ALLOWED_LOCAL:
                        hidden.append(f"{name}.{fn.name} imports {target} (line {node.lineno})")
    assert not hidden, hidden
