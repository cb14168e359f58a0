"""An instrument's data written as an XLSForm that xlsform.read gives back key for key."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from surveyapp.core.instruments import spec, xlsform_measures
from surveyapp.core.instruments.sheets import LANGUAGE_NAMES

GRADE_CONSTRAINT = ". >= 4 and . <= 10"
SURVEY = ("type", "name", "label", "hint", "required", "relevant", "constraint", "appearance")
SURVEY_OWN = (
    "number",
    "lines",
    "max_length",
    "overall",
    "role",
    "min_choices",
    "max_choices",
    "higher_is_better",
)
CHOICES = ("list_name", "name", "label", "value", "dont_know", "agreeing")
SETTINGS = ("form_id", "version", "form_title", "intro", "closing", "default_language")
SETTINGS_OWN = ("source_file", "source_lines", "source_notes")
TRANSLATED = {"label", "hint", "form_title", "intro", "closing"}


def write(data: dict) -> bytes:
    """The XLSForm workbook (.xlsx bytes) of an instrument's validated data."""
    languages = [lang for lang in spec.TEXT_KEYS if _uses(data, lang)]
    survey: list[dict] = []
    choices: list[dict] = []
    for code, scale in (data.get("scales") or {}).items():
        choices.extend(_choice_rows(code, scale["options"], scale.get("agreeing", ())))
    for section in data["sections"]:
        survey.append(
            {"type": "begin_group", "name": section["code"]}
            | _texts("label", section.get("heading"))
            | _texts("hint", section.get("intro"))
        )
        for item in section["items"]:
            survey.extend(_item_rows(item, choices))
        survey.append({"type": "end_group"})
    settings = {
        "form_id": data["id"],
        "version": data.get("version"),
        "default_language": data.get("language"),
        "source_file": data["source"].get("file"),
        "source_lines": data["source"].get("lines"),
        "source_notes": data["source"].get("notes"),
    }
    for key, base in (("title", "form_title"), ("intro", "intro"), ("closing", "closing")):
        settings |= _texts(base, data.get(key))
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "survey", (*SURVEY, *SURVEY_OWN), survey, languages)
    _sheet(book, "choices", CHOICES, choices, languages)
    _sheet(book, "settings", (*SETTINGS, *SETTINGS_OWN), [settings], languages)
    if data.get("bands"):
        bands = [
            {"name": b["code"], "min": b["min"], "max": b["max"]} | _texts("label", b["label"])
            for b in data["bands"]
        ]
        _sheet(book, "bands", ("name", "label", "min", "max"), bands, languages)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _uses(value: Any, lang: str) -> bool:
    if isinstance(value, dict):
        return (
            lang in value
            and isinstance(value[lang], str)
            or any(_uses(v, lang) for v in value.values())
        )
    if isinstance(value, list):
        return any(_uses(v, lang) for v in value)
    return lang == "fi" and isinstance(value, str)


def _texts(base: str, text: Any) -> dict[str, str]:
    if text is None:
        return {}
    if isinstance(text, str):
        text = {"fi": text}
    return {f"{base}::{lang}": value for lang, value in text.items()}


def _yes(flag: Any) -> str | None:
    return "yes" if flag else None


def _choice_rows(list_name: str, options: list[dict], agreeing) -> list[dict]:
    return [
        {
            "list_name": list_name,
            "name": o["code"],
            "value": o.get("value"),
            "dont_know": _yes(o.get("dont_know")),
            "agreeing": _yes(o["code"] in agreeing),
        }
        | _texts("label", o["label"])
        for o in options
    ]


def _item_rows(item: dict, choices: list[dict]) -> list[dict]:
    kind = item["type"]
    row = (
        {
            "name": item["code"],
            "number": item.get("number"),
            "required": _yes(item.get("required")),
        }
        | _texts("label", item["text"])
        | _texts("hint", item.get("help"))
    )
    measured = xlsform_measures.written(item, row)
    if measured is not None:
        return [measured]
    if kind in ("grade", "section_grade"):
        row |= {"type": "integer", "constraint": GRADE_CONSTRAINT}
        row |= {"appearance": "section_grade" if kind == "section_grade" else None}
        return [row | {"overall": _yes(item.get("overall"))}]
    if kind == "text":
        row |= {"type": "text", "appearance": "multiline" if item.get("multiline") else None}
        return [row | {"lines": item.get("lines"), "max_length": item.get("max_length")}]
    if kind == "scale":
        return [row | {"type": f"select_one {item['scale']}"}]
    if kind == "matrix":
        rows = [row | {"type": "begin_group", "appearance": "table-list"}]
        for line in item["rows"]:
            rows.append(
                {"type": f"select_one {item['scale']}", "name": line["code"]}
                | {"number": line.get("number")}
                | _texts("label", line["text"])
            )
        return [*rows, {"type": "end_group"}]
    if item.get("role") == "municipality":
        return [row | {"type": "select_one municipality", "role": "municipality"}]
    select = "select_multiple" if kind == "multi" else "select_one"
    row |= {"type": f"{select} {item['code']}", "role": item.get("role")}
    row |= {"min_choices": item.get("min_choices"), "max_choices": item.get("max_choices")}
    choices.extend(_choice_rows(item["code"], item["options"], item.get("agreeing", ())))
    rows = [row]
    for option in item["options"]:
        follow_up = option.get("follow_up")
        if follow_up is None:
            continue
        follow_up = {} if follow_up is True else follow_up
        rows.append(
            {
                "type": "text",
                "name": f"{item['code']}__{option['code']}",
                "relevant": f"selected(${{{item['code']}}}, '{option['code']}')",
            }
            | {key: follow_up.get(key) for key in ("lines", "max_length")}
            | _texts("label", option["label"])
        )
    return rows


def _sheet(book: Workbook, title: str, columns, rows: list[dict], languages: list[str]) -> None:
    headers: list[tuple[str, str]] = []  # (key in the row, header)
    for column in columns:
        if column in TRANSLATED:
            headers += [
                (f"{column}::{lang}", f"{column}::{LANGUAGE_NAMES[lang]}") for lang in languages
            ]
        else:
            headers.append((column, column))
    sheet = book.create_sheet(title)
    sheet.append([header for _key, header in headers])
    for row in rows:
        sheet.append([row.get(key) for key, _header in headers])
