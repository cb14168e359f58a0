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
        forbidden(n) for n in ("flask", "flask.globals", "werkzeug.local", "surveyapp.web.db")
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
