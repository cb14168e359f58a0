"""XLSForm workbooks written in the test with openpyxl: rows as mappings of header to value."""

from __future__ import annotations

import io

from openpyxl import Workbook

FI, SV, EN = "label::Suomi (fi)", "label::Svenska (sv)", "label::English (en)"
SETTINGS = {
    "form_id": "oma_lomake",
    "form_title::Suomi (fi)": "Oma lomake",
    "form_title::Svenska (sv)": "Egen blankett",
    "closing::Suomi (fi)": "Kiitos!",
    "closing::Svenska (sv)": "Tack!",
}

FINNISH = {"form_id": "oma_lomake", "form_title": "Oma lomake", "closing": "Kiitos!"}


def workbook(survey: list[dict], choices: list[dict] = (), settings: dict | None = None, **sheets):
    """The .xlsx bytes of a form; ``sheets``: more sheets by name, each a list of rows."""
    book = Workbook()
    book.remove(book.active)
    all_sheets = {"survey": survey, "choices": list(choices), "settings": [settings or SETTINGS]}
    for title, rows in {**all_sheets, **sheets}.items():
        sheet = book.create_sheet(title)
        headers = list(dict.fromkeys(h for row in rows for h in row))
        sheet.append(headers or ["name"])
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def one_of_each(form_id: str = "oma_lomake") -> bytes:
    """A form with every construct of the subset, in Finnish and Swedish."""
    survey = [
        {
            "type": "begin_group",
            "name": "alku",
            FI: "Alku",
            SV: "Början",
            "hint::Suomi (fi)": "Ohje",
            "hint::Svenska (sv)": "Instruktion",
        },
        {
            "type": "integer",
            "name": "arvosana",
            FI: "Arvosana",
            SV: "Vitsord",
            "required": "yes",
            "constraint": ". >= 4 and . <= 10",
            "number": "1.",
            "overall": "yes",
        },
        {"type": "select_one samaa", "name": "q2", FI: "Viihdyin", SV: "Jag trivdes"},
        {"type": "select_one syy", "name": "q3", FI: "Miksi tulit?", SV: "Varför kom du?"},
        {
            "type": "text",
            "name": "q3_muu",
            FI: "Mikä?",
            "relevant": "selected(${q3}, 'muu')",
            "lines": 2,
        },
        {"type": "select_multiple tekeminen", "name": "q4", FI: "Mitä teit?", SV: "Vad gjorde du?"},
        {"type": "end_group"},
        {"type": "begin_group", "name": "loppu", FI: "Loppu", SV: "Slut"},
        {
            "type": "begin_group",
            "name": "q5",
            "appearance": "table-list",
            FI: "Arvioi",
            SV: "Bedöm",
        },
        {"type": "select_one samaa", "name": "q5_1", FI: "Ohjaus", SV: "Handledning"},
        {"type": "select_one samaa", "name": "q5_2", FI: "Tilat", SV: "Lokaler"},
        {"type": "end_group"},
        {
            "type": "text",
            "name": "q6",
            FI: "Terveiset",
            SV: "Hälsningar",
            "appearance": "multiline",
            "max_length": 500,
        },
        {"type": "end_group"},
    ]
    choices = [
        {
            "list_name": "samaa",
            "name": "samaa",
            FI: "Samaa mieltä",
            SV: "Av samma åsikt",
            "value": 2,
            "agreeing": "yes",
        },
        {"list_name": "samaa", "name": "eri", FI: "Eri mieltä", SV: "Av annan åsikt", "value": 1},
        {
            "list_name": "samaa",
            "name": "eos",
            FI: "En osaa sanoa",
            SV: "Vet inte",
            "dont_know": "yes",
        },
        {"list_name": "syy", "name": "kaveri", FI: "Kaveri", SV: "Kompis"},
        {"list_name": "syy", "name": "muu", FI: "Muu", SV: "Annat"},
        {"list_name": "tekeminen", "name": "pelit", FI: "Pelit", SV: "Spel"},
        {"list_name": "tekeminen", "name": "retki", FI: "Retki", SV: "Utflykt"},
    ]
    return workbook(survey, choices, {**SETTINGS, "form_id": form_id})


def store_one_of_each(db, project, user=None, form_id: str = "oma_lomake"):
    """one_of_each() uploaded to ``project`` as a draft (``form_id`` version 1), not committed."""
    from surveyapp.core import stored_instruments
    from surveyapp.core.instruments import validate
    from tests.helpers.data import SHIPPED, helsinki_today

    checked = validate.check("lomake.xlsx", one_of_each(form_id))
    return stored_instruments.store(db, project, user, checked, set(SHIPPED), helsinki_today())
