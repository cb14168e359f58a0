"""One term per concept (docs/glossary.md): known wrong variants never reach a catalog, template or form text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "surveyapp" / "translations"
TEMPLATES = ROOT / "surveyapp" / "templates"
INSTRUMENTS = ROOT / "instruments"

# Wrong variant → why (the glossary's "Never" column). Matched case-insensitively on whole words where \b says so.
WRONG = {
    "fi": {
        r"keräy": "keräys suggests fundraising: kysely",
        r"paikkakun": "municipality is kunta",
        r"väliviiv": "a hyphen is yhdysviiva",
        r"tietokan": "no database wording: say the answer could not be saved",
        r"nimettöm": "answers are saved without names (tallennetaan ilman nimiä)",
        r"lopeta ryhmäkerta": "closing a session is päätä ryhmäkerta; leaving kiosk mode is poistu tablettitilasta",
    },
    "sv": {
        r"surfplatt": "Finland-Swedish: pekplatta",
        r"svarsfrekvens": "response rate is svarsprocent",
        r"medelvitsord": "mean grade is vitsordens medeltal",
        r"medelvärde": "mean is medeltal",
        r"\bsvarare": "respondent is den som svarar / de svarande",
        r"kännas igen av|känns igen av": "recognised from: kännas igen på",
        r"fritt ord": "fritt ord is freedom of speech: övriga kommentarer",
        r"insamling": "a survey is an enkät (insamling suggests fundraising)",
        r"\borten?\b|\borter(na)?\b": "municipality is kommun",
        r"\bparti(er|et|erna)?\b": "a batch of codes is an omgång",
        r"handledar": "the group leader is gruppledaren",
        r"\banonym": "answers are saved without names (sparas utan namn)",
        r"\bdatabas": "no database wording: say the answer could not be saved",
    },
    "en": {
        r"\banonymous\b": "answers are saved without names",
        r"\bdatabase\b": "no database wording to respondents",
        r"\brounds?\b|\bcollections?\b": "a survey is a survey (collection is the code's word for it)",
    },
}

# Concept → the one term, checked on the catalog entry that names it (msgid → fi, sv).
TERMS = {
    "Survey": ("Kysely", "Enkät"),
    "Group sessions": ("Ryhmäkerrat", "Gruppträffar"),
    "Close the session": ("Päätä ryhmäkerta", "Avsluta gruppträffen"),
    "Leave kiosk mode": ("Poistu tablettitilasta", "Lämna pekplattläget"),
    "Channel": ("Vastauskanava", "Svarskanal"),
    "How respondents answer": ("Vastaustapa", "Svarssätt"),
    "Municipality": ("Kunta", "Kommun"),
    "Response rate": ("Vastausprosentti", "Svarsprocent"),
    "Share of respondents": ("Osuus vastaajista", "Andel av de svarande"),
    "tablet": ("tabletti", "pekplatta"),
    "Mean grade": ("Arvosanojen keskiarvo", "Vitsordens medeltal"),
    "Mean": ("Keskiarvo", "Medeltal"),
}


def catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def strings(value) -> list[str]:
    return [value] if isinstance(value, str) else [s for s in value if s]


def wrong_in(text: str, language: str) -> list[str]:
    return [
        f"{m.group(0)!r}: {why}"
        for pattern, why in WRONG[language].items()
        for m in re.finditer(pattern, text, re.IGNORECASE)
    ]


def form_texts(node, language: str):
    """Every text of an instrument in ``language`` (selko counts as Finnish), leaving out its source notes."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source":
                continue
            if key == language or (language == "fi" and key == "selko"):
                if isinstance(value, str):
                    yield value
            else:
                yield from form_texts(value, language)
    elif isinstance(node, list):
        for value in node:
            yield from form_texts(value, language)


def test_the_patterns_catch_the_variants_the_issue_names():
    assert wrong_in("Ge surfplattan till nästa", "sv") and wrong_in("Svarsfrekvens: 40 %", "sv")
    assert wrong_in("så att ingen kan kännas igen av sitt svar", "sv") and wrong_in(
        "Fritt ord", "sv"
    )
    assert wrong_in("Svararens samtycke", "sv") and wrong_in("Parti 2: 10 koder", "sv")
    assert wrong_in("Vi sparar orten", "sv") and wrong_in("Medelvitsord per år", "sv")
    assert wrong_in("Keräykset", "fi") and wrong_in("Tietokantaan ei saatu yhteyttä", "fi")
    assert not wrong_in(
        "Svarsprocent, vitsordens medeltal, pekplatta, partner, kommunen, Övriga kommentarer", "sv"
    )
    assert not wrong_in("Kyselyt, kunta, yhdysviivat, tallennetaan ilman nimiä", "fi")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalog_uses_no_wrong_variant(language):
    found = [
        f"{m.id!r}: {problem}"
        for m in catalog(language)
        if m.id
        for text in strings(m.string)
        for problem in wrong_in(text, language)
    ]
    assert found == []


def test_english_source_strings_use_no_wrong_variant():
    found = [
        f"{m.id!r}: {problem}"
        for m in catalog("fi")
        if m.id
        for text in strings(m.id)
        for problem in wrong_in(text, "en")
    ]
    assert found == []


def test_templates_hard_code_no_wrong_variant():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = re.sub(
            r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL
        )  # comments are for developers
        found += [
            f"{path.relative_to(ROOT)}: {p}"
            for language in ("fi", "sv")
            for p in wrong_in(text, language)
        ]
    assert found == []


def test_swedish_form_texts_use_no_wrong_variant():
    found = []
    for path in sorted(INSTRUMENTS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [
            f"{path.name}: {p}" for text in form_texts(data, "sv") for p in wrong_in(text, "sv")
        ]
    assert found == []


@pytest.mark.parametrize("language,index", [("fi", 0), ("sv", 1)])
def test_each_concept_has_its_one_term(language, index):
    entries = catalog(language)
    assert {msgid: entries[msgid].string for msgid in TERMS} == {
        msgid: terms[index] for msgid, terms in TERMS.items()
    }


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_closing_a_session_and_leaving_kiosk_mode_are_two_words(language):
    entries = catalog(language)
    assert entries["Close the session"].string != entries["Leave kiosk mode"].string
    assert entries["Channel"].string != entries["How respondents answer"].string
