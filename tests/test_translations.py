"""Every interface text exists in Finnish and Swedish, and the catalogs cover every text in the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "surveyapp" / "translations"


def msgids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as f:
        return msgids(read_po(f))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalog_translates_every_text_in_the_code(language, extracted):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    assert {"required", "Send", "Wrong PIN."} <= extracted  # templates, macros and Python all read
    assert extracted - msgids(catalog) == set(), "run pybabel extract and update, then translate"
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not m.string or (not isinstance(m.string, str) and not all(m.string)))
    ]
    assert untranslated == []
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
