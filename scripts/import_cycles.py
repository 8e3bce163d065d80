"""List the import circles between the project's modules, and imports made inside functions.

    python scripts/import_cycles.py            # exit 1 for a circle of modules or of apps, or
                                               # an app importing one on a higher floor
    python scripts/import_cycles.py --strict   # also exit 1 for an import inside a function
                                               # without a comment on its line saying why
    python scripts/import_cycles.py --with-inner   # the circles those inner imports hide

Only the project's own modules count (apps, danvan/); tests, migrations, bench and scripts are
left out. An import inside `if TYPE_CHECKING:` is not a dependency at run time and is skipped.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "tests", "migrations", "bench", "scripts", "node_modules", "static", "build"}


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP & set(rel.parts) or rel.parts[0].endswith(".egg-info") or len(rel.parts) < 2:
            continue
        name = ".".join(rel.with_suffix("").parts)
        yield name.removesuffix(".__init__"), path


def resolve(module, node):
    """The absolute module names an ImportFrom/Import node refers to."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if not module_is_package(module):
            package = package[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base]) if base else ".".join(package)
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


PACKAGES = set()
# docs/architecture: a lower floor never imports a higher one.
FLOORS = {
    "danvan": 0,
    "units": 1,
    "criteria": 1,
    "accounts": 1,
    "audit": 1,
    "documents": 1,
    "campaigns": 2,
    "reports": 3,
    "review": 4,
    "ratings": 5,
    "dashboards": 6,
    "public": 6,
    "root": 7,
    "demo": 8,  # the demo province and the shared factories: uses every app, none uses it
}
# The project's URLconf and entry points sit above every app, though they live in danvan/.
ROOT_MODULES = {"danvan.urls", "danvan.wsgi", "danvan.asgi"}


def app_of(module):
    return "root" if module in ROOT_MODULES else module.split(".")[0]


WITH_INNER = "--with-inner" in sys.argv  # count imports inside functions as edges too


def module_is_package(module):
    return module in PACKAGES


def explained(lines, index):
    """A comment on the import's line, or above it among the imports and comments it follows."""
    while index >= 0:
        text = lines[index].strip()
        if "#" in text:
            return True
        if text and not text.startswith(("from ", "import ", ")")) and not text.endswith(","):
            return False
        index -= 1
    return False


def is_type_checking(node):
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def walk(module, tree, lines, known):
    """(top-level edges, [(line, text)] of imports inside functions without a why-comment)."""
    edges, inner = set(), []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and is_type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                targets = [t for t in resolve(module, child) if t in known and t != module]
                if in_function and targets and not explained(lines, child.lineno - 1):
                    inner.append((child.lineno, lines[child.lineno - 1].strip()))
                if not in_function or WITH_INNER:
                    edges.update(targets)
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            visit(child, inside)

    visit(tree, False)
    return edges, inner


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
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
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def main():
    strict = "--strict" in sys.argv
    found = dict(modules())
    PACKAGES.update(name for name, path in found.items() if path.name == "__init__.py")
    graph, inner = {}, {}
    for name, path in found.items():
        text = path.read_text(encoding="utf-8")
        edges, late = walk(name, ast.parse(text), text.splitlines(), found)
        # `from app import module` names the package and the module: keep the module.
        graph[name] = {
            e for e in edges if not (e in PACKAGES and any(x.startswith(e + ".") for x in edges))
        }
        if late:
            inner[name] = late
    circles = cycles(graph)
    apps = {}
    for name, edges in graph.items():
        apps.setdefault(app_of(name), set()).update(
            app_of(e) for e in edges if app_of(e) != app_of(name)
        )
    app_circles = cycles(apps)
    for circle in app_circles:
        print("apps in a circle:", " <-> ".join(circle))
    upward = [
        (name, e)
        for name, edges in sorted(graph.items())
        for e in sorted(edges)
        if FLOORS.get(app_of(e), 9) > FLOORS.get(app_of(name), 9)
    ]
    for name, e in upward:
        print(f"upward: {name} -> {e}")
    for circle in circles:
        print("circle:", " <-> ".join(circle))
    for name, late in sorted(inner.items()):
        for line, text in late:
            print(
                f"inside a function, no comment why: {found[name].relative_to(ROOT)}:{line}: {text}"
            )
    print(f"{len(circles)} circle(s), {sum(map(len, inner.values()))} unexplained inner import(s)")
    return 1 if circles or app_circles or upward or (strict and inner) else 0


if __name__ == "__main__":
    sys.exit(main())
