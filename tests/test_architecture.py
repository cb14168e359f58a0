"""The layout's one rule: surveyapp.core (the domain) runs without Flask and never reaches into the web edge."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "surveyapp" / "core"

# The web framework and the request context. werkzeug.security alone is allowed: plain password
# hashing functions, no request in them.
FORBIDDEN = ("flask", "flask_babel", "flask_wtf", "wtforms", "werkzeug", "jinja2", "surveyapp.web")
ALLOWED = ("werkzeug.security",)


def imported_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.append("relative")
    return names


def forbidden(name: str) -> bool:
    if any(name == a or name.startswith(a + ".") for a in ALLOWED):
        return False
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN) or name in (
        "surveyapp",
        "surveyapp.config",
    )


def test_no_core_module_imports_the_web_framework_or_the_edge():
    found = {
        str(path.relative_to(ROOT)): name
        for path in sorted(CORE.rglob("*.py"))
        for name in imported_names(path)
        if forbidden(name)
    }
    assert found == {}


def test_the_rule_finds_what_it_forbids():
    assert [
        forbidden(n) for n in ("flask", "flask.globals", "werkzeug.local", "surveyapp.web.database")
    ] == [True] * 4
    assert [forbidden(n) for n in ("werkzeug.security", "sqlalchemy", "surveyapp.core.models")] == [
        False
    ] * 3


def test_every_core_module_loads_without_flask():
    """Imported for real, in a fresh interpreter: nothing pulls Flask in on the way."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted(CORE.rglob("*.py"))
    ]
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_babel', 'flask_wtf', 'wtforms')"
        " or m == 'werkzeug.local'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"
    assert len(modules) > 20


# What a module under tests/ may import from tests/: the shared helpers, the throwaway PostgreSQL,
# the deployed stack, a conftest's constants (never its fixtures: pytest finds those itself) and a
# support module of its own directory (browser/pages.py, hostile/strategies.py, …), never a test_*.
SHARED = ("tests.helpers", "tests.pg", "tests.stack")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def fixtures_of(module: str) -> set[str]:
    path = ROOT.joinpath(*module.split(".")).with_suffix(".py")
    return {
        node.name
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
    }


def imports_from_tests(module: str, source: str) -> list[tuple[str, list[str]]]:
    """(module, names) of each import from tests/ in ``source``, the module ``module``."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}".rstrip(".")
            for alias in node.names:
                as_module = f"{base}.{alias.name}"
                if ROOT.joinpath(*as_module.split(".")).with_suffix(".py").exists():
                    found.append((as_module, []))
                else:
                    found.append((base, [alias.name]))
    return [(name, names) for name, names in found if name.split(".")[0] == "tests"]


def import_faults(module: str, source: str) -> list[str]:
    faults = []
    for imported, names in imports_from_tests(module, source):
        if any(imported == s or imported.startswith(s + ".") for s in SHARED):
            continue
        if imported.endswith(".conftest"):
            faults += [f"fixture {imported}.{n}" for n in set(names) & fixtures_of(imported)]
            continue
        package, last = imported.rsplit(".", 1)
        if not last.startswith("test_") and module.rsplit(".", 1)[0] == package:
            continue
        faults.append(imported)
    return faults


def test_no_test_module_imports_another():
    found = {
        module_name(path): faults
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if (faults := import_faults(module_name(path), path.read_text()))
    }
    assert found == {}


def test_the_test_import_rule_finds_what_it_forbids():
    source = (
        "from tests.kiosk.test_kiosk import PIN\n"
        "from tests.conftest import coordinator, make_app\n"
        "from tests.browser.pages import AXE\n"
        "from tests.helpers import log_in\n"
        "from . import strategies\n"
    )
    assert import_faults("tests.hostile.test_posts", source) == [
        "tests.kiosk.test_kiosk",
        "fixture tests.conftest.coordinator",
        "tests.browser.pages",
    ]
