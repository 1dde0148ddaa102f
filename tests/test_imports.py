"""The import graph of avglint: no module imports itself through others, and the application layer
(avglint/app.py) stands without the command line, so that a language server can call it too.

Imports are read with ast from every module of the package (avglint/**/*.py, and rules/*.py installed
as avglint.rules), relative ones resolved and those inside functions included: an import that runs
only when a function is called still ties the two modules together. Imports under
``if TYPE_CHECKING:`` never run and are left out."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"avglint": ROOT / "avglint", "avglint.rules": ROOT / "rules"}


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by the name of its __init__)."""
    found = {}
    for package, directory in PACKAGES.items():
        for path in directory.rglob("*.py"):
            if package == "avglint" and ROOT / "rules" in path.parents:
                continue
            parts = [package, *path.relative_to(directory).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _runtime_nodes(tree: ast.AST):
    """Every node that runs, at module level or in a function: what ``if TYPE_CHECKING:`` holds does not."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of the package that ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:  # `from p import m` imports the module p.m when there is one
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {target for target in targets if target in modules and target != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each group of modules that import one another (Tarjan's strongly connected
    components), as the path from the group's first module back to itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while not group or module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_path_back(graph, group) for group in groups]


def _path_back(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        module = queue.pop(0)
        for target in sorted(graph[module] & group):
            if target == start:
                return [*paths[module], start]
            if target not in paths:
                paths[target] = [*paths[module], target]
                queue.append(target)
    raise AssertionError(f"no circle through {sorted(group)}")


def test_the_graph_holds_the_package():
    graph = _graph()
    assert {"avglint.cli", "avglint.app", "avglint.formats.sarif", "avglint.rules.consent"} <= set(graph)
    assert "avglint.app" in graph["avglint.cli"]
    assert "avglint.registry" in graph["avglint.rules.consent"]       # absolute
    assert "avglint.rules._common" in graph["avglint.rules.consent"]  # relative
    assert "avglint.vocab" in graph["avglint.engine"]                 # inside a function


def test_circles_are_found():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle():
    circles = _circles(_graph())
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(circle) for circle in circles)


def test_the_application_does_not_need_the_command_line():
    graph, modules = _graph(), _modules()
    reached, todo = {"avglint.app"}, ["avglint.app"]
    while todo:
        for target in graph[todo.pop()] - reached:
            reached.add(target)
            todo.append(target)
    assert not {"avglint.cli", "avglint.commands"} & reached
    for module in sorted(reached):
        tree = ast.parse(modules[module].read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and not node.level}
        assert "click" not in imported, f"{module} imports click"


def test_the_formats_stand_below_the_baseline():
    """Data flows one way: a format writes findings (fingerprints included) and needs nothing that
    reads or applies a baseline."""
    graph = _graph()
    formats = {name for name in graph if name == "avglint.formats" or name.startswith("avglint.formats.")}
    reached, todo = set(formats), list(formats)
    while todo:
        for target in graph[todo.pop()] - reached:
            reached.add(target)
            todo.append(target)
    assert "avglint.baseline" not in reached
