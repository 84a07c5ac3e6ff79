"""The layers of tool/aikg/ (the package aikg): no module imports a layer above its own.

core (errors, namespaces, bundle, output, progress, deadline) → rdf/ → sparql/
→ validation → engines/ → provenance/, interchange/ and stores/ (side by side:
none imports another) → render/ → api → cli/. A module may import its own layer
and those below. aikg/__init__.py and __main__.py sit on top and are not
checked; importing the package ``aikg`` itself (which Python does before any
submodule anyway) is not a layer. Every import counts, also those inside
functions. Only cli/ imports click.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

TOOL = REPO / "tool" / "aikg"
PACKAGE = "aikg"

# Layer name → index; provenance, interchange and stores share an index but not a layer.
LAYERS = {
    "core": 0,
    "rdf": 1,
    "sparql": 2,
    "validation": 3,
    "engines": 4,
    "provenance": 5,
    "interchange": 5,
    "stores": 5,
    "render": 6,
    "api": 7,
    "cli": 8,
}
SUBPACKAGES = {"rdf", "sparql", "engines", "provenance", "interchange", "stores", "render", "cli"}
TOP = {PACKAGE, PACKAGE + ".__main__"}  # exempt: their imports are not checked, importing them is no layer


def module_name(path: Path) -> str:
    parts = list(path.relative_to(TOOL).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


MODULES = {module_name(p): p for p in sorted(TOOL.rglob("*.py"))}


def layer_of(module: str) -> str | None:
    """The layer of an aikg module (None for the exempt top and for anything outside aikg)."""
    if module in TOP or not module.startswith(PACKAGE + "."):
        return None
    first = module.split(".")[1]
    if first in SUBPACKAGES:
        return first
    if first in ("validation", "api"):
        return first
    return "core"


def imports_of(module: str, path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import statement in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's package, one level up per extra dot
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                # `from aikg import bundle` imports the module aikg.bundle; `from aikg import __version__` imports aikg.
                submodule = f"{target}.{alias.name}"
                found.append((submodule if submodule in MODULES else target, node.lineno))
    return found


CHECKED = [m for m in MODULES if m not in TOP]


def test_every_module_has_a_layer():
    assert {layer_of(m) for m in CHECKED} <= set(LAYERS)
    # The layout this test knows is the layout on disk: a new subpackage must be given its layer here.
    on_disk = {p.name for p in TOOL.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert on_disk == SUBPACKAGES
    assert "aikg.api" in MODULES and "aikg.validation" in MODULES


def test_parser_sees_every_kind_of_import(tmp_path):
    """Imports inside functions and branches, relative ones, and modules named in ``from … import``."""
    source = tmp_path / "module.py"
    source.write_text(
        "import click\n"
        "from aikg import bundle, __version__\n"
        "def command():\n"
        "    from ..render import results\n"
        "    if True:\n"
        "        import aikg.stores.http as http\n"
        "    from .. import errors\n"
        "    from ..engines.fast import run_query_oxigraph\n"
    )
    found = sorted(target for target, _ in imports_of("aikg.cli.module", source))
    assert found == sorted(["click", "aikg.bundle", PACKAGE, "aikg.render.results", "aikg.stores.http", "aikg.errors",
                            "aikg.engines.fast"])


def test_the_cli_is_where_click_is():
    cli = [m for m in MODULES if layer_of(m) == "cli"]
    assert any(target == "click" for m in cli for target, _ in imports_of(m, MODULES[m]))


@pytest.mark.parametrize("module", CHECKED)
def test_no_upward_import(module):
    own = layer_of(module)
    wrong = []
    for target, line in imports_of(module, MODULES[module]):
        other = layer_of(target)
        if other is None or other == own:
            continue
        if LAYERS[other] > LAYERS[own]:
            wrong.append(f"{module} (layer {own}, {LAYERS[own]}) imports {target} (layer {other}, {LAYERS[other]}) "
                         f"at {MODULES[module].relative_to(REPO)}:{line}: an upward import")
        elif LAYERS[other] == LAYERS[own]:
            wrong.append(f"{module} (layer {own}) imports {target} (layer {other}) "
                         f"at {MODULES[module].relative_to(REPO)}:{line}: {own} and {other} may not import each other")
    if wrong:
        pytest.fail("\n".join(wrong), pytrace=False)


def test_only_the_cli_imports_click():
    importers = [
        f"{module} imports {target} at {path.relative_to(REPO)}:{line} (layer {layer_of(module) or 'top'}; only cli may)"
        for module, path in MODULES.items()
        for target, line in imports_of(module, path)
        if (target == "click" or target.startswith("click.")) and layer_of(module) != "cli"
    ]
    if importers:
        pytest.fail("\n".join(importers), pytrace=False)


# ------------------------------------------------------------------ import cost

HEAVY = ("rdflib", "pyshacl", "owlrl")


def imported_modules(statement: str) -> list[str]:
    """The modules ``python -X importtime -c statement`` imports, read from its report on stderr."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True, text=True, timeout=120, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert len(lines) > 10, done.stderr[-3000:]  # the report is there: this test can fail
    # import time: self [us] | cumulative | imported package  (nested imports indented)
    return [line.rsplit("|", 1)[1].strip() for line in lines[1:]]


def test_importing_aikg_and_its_cli_loads_no_heavy_dependency():
    modules = imported_modules("import aikg, aikg.cli")
    assert "aikg.cli" in modules  # the report is read: this can fail (click itself loads when a command runs)
    heavy = sorted({m for m in modules if m.split(".")[0] in HEAVY})
    assert not heavy, f"`import aikg, aikg.cli` imports {', '.join(heavy)}"


def _modules_of_command(args: list[str]) -> set[str]:
    """``sys.modules`` at the exit of ``aikg *args``, run twice in fresh interpreters (with the
    test's AIKG_CACHE_DIR): the second run's, as every run after the first has it."""
    statement = ("import sys, atexit; atexit.register(lambda: print(*sorted(sys.modules), file=sys.stderr)); "
                 f"sys.argv = ['aikg', *{args!r}]; from aikg.cli import main; main()")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", statement], capture_output=True, text=True, timeout=120, cwd=REPO)
        assert done.returncode == 0, done.stderr[-3000:]
    return set(done.stderr.splitlines()[-1].split())


# Modules a catalogue query on the bundled graph has no use for; each cost start-up time
# once (bench/startup.py measures it): the other commands, rdflib, logging, hashing,
# temporary files, JSON, decimals, threads for --timeout, subprocesses, dataclasses (each class
# compiles its methods at import), signal (its enums; only a command writing -o FILE takes SIGTERM over).
NOT_FOR_A_QUERY = {
    "signal", "rdflib", "pyparsing", "owlrl", "pyshacl", "logging", "hashlib", "tempfile", "shutil", "json", "decimal", "dataclasses",
    "ctypes", "traceback", "subprocess", "aikg.cli.graph", "aikg.cli.provenance", "aikg.cli.stores",
    "aikg.cli.interchange", "aikg.render.diagram", "aikg.render.text", "aikg.validation", "aikg.output",
    "aikg.rdf.labels", "aikg.engines.reference", "aikg.stores.http", "aikg.interchange", "aikg.provenance",
}


def test_a_catalogue_query_imports_only_what_it_needs(monkeypatch, tmp_path):
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path))
    modules = _modules_of_command(["query", "claims-by-hedge", "-f", "csv"])
    assert {"aikg.cli.query", "aikg.api", "pyoxigraph", "aikg.rdf.cache"} <= modules  # the report is read: this can fail
    unneeded = sorted(m for m in modules if m in NOT_FOR_A_QUERY or m.split(".")[0] in NOT_FOR_A_QUERY)
    assert not unneeded, f"`aikg query claims-by-hedge -f csv` imports {', '.join(unneeded)}"


def test_a_parameter_given_as_a_label_needs_no_rdflib(monkeypatch, tmp_path):
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path))
    modules = _modules_of_command(["query", "closed-models-of-developer", "-p", "developer=Meta", "-f", "csv"])
    assert "aikg.rdf.labels" in modules  # the label was looked up: this can fail
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "pyparsing")}


def test_obligations_imports_no_other_command(monkeypatch, tmp_path):
    monkeypatch.setenv("AIKG_CACHE_DIR", str(tmp_path))
    modules = _modules_of_command(["obligations", "aikgd:avocado"])
    assert "aikg.provenance.obligations" in modules
    unneeded = {"aikg.cli.graph", "aikg.cli.query", "aikg.cli.stores", "aikg.render.report", "aikg.validation",
                "pyshacl", "owlrl", "subprocess"} & modules  # (rdflib itself imports hashlib and tempfile)
    assert not unneeded, f"`aikg obligations` imports {', '.join(sorted(unneeded))}"
