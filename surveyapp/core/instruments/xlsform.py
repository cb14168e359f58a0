"""An XLSForm (the subset README.md tabulates) read into an instrument's data, as YAML would give.

The data then goes through the one validator (loader.parse_data), whose errors are moved to the
sheet and row the item came from. What the subset cannot represent is refused, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from surveyapp.core.instruments import sheets, spec
from surveyapp.core.instruments.reader import CODE, LoadError
from surveyapp.core.instruments.sheets import N_, Place, Row

TEXTS = ("label", "hint")
COLUMNS = {
    "survey": {"type", "name", *TEXTS, "required", "relevant", "constraint", "appearance"}
    | {"number", "lines", "max_length", "overall", "role", "min_choices", "max_choices"}
    | {"higher_is_better"},
    "choices": {"list_name", "name", "label", "value", "dont_know", "agreeing"},
    "settings": {"form_id", "version", "form_title", "intro", "closing", "default_language"}
    | {"source_file", "source_lines", "source_notes"},
    "bands": {"name", "label", "min", "max"},
}
GRADE_RANGE = re.compile(r"^\.\s*>=\s*4\s+and\s+\.\s*<=\s*10$")
FOLLOW_UP = re.compile(r"^selected\(\s*\$\{(?P<item>[^}]+)\}\s*,\s*'(?P<option>[^']+)'\s*\)$")
YES = {"yes", "true", "1", "kyllä", "ja"}
NO = {"no", "false", "0", "ei", "nej"}
SUPPORTED = "integer, text, select_one, select_multiple, begin_group, end_group"

COMMON = {"type", "name", "label", "hint", "required", "number"}
# The columns each type may fill, besides COMMON.
OWN = {
    "integer": {"constraint", "appearance", "overall", "higher_is_better"},
    "text": {"appearance", "lines", "max_length"},
    "select_one": {"role"},
    "select_multiple": {"min_choices", "max_choices"},
    "begin_group": {"appearance"},
    "end_group": set(),
    "follow_up": {"type", "name", "label", "relevant", "lines", "max_length"},
}
APPEARANCES = {
    "integer": {"section_grade", "score"},
    "text": {"multiline", "pairing_card", "pairing_self"},
    "begin_group": {"table-list"},
}


@dataclass
class _Form:
    book: sheets.Workbook
    lists: dict[str, list[Row]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    origins: dict[str, Place] = field(default_factory=dict)
    items: dict[str, dict] = field(default_factory=dict)

    def error(self, place: Place | str, msgid: str, **params: Any) -> None:
        self.book.error(place, msgid, **params)


def read(content: bytes, name: str) -> tuple[dict | None, dict[str, Place], list[LoadError]]:
    """The instrument data of an XLSForm workbook, where each code came from, and the errors."""
    book = sheets.read(content, name, COLUMNS)
    if book.errors:
        return None, {}, book.errors
    form = _Form(book)
    if "survey" not in book.sheets:
        form.error(Place("survey"), N_("The workbook has no sheet named survey."))
        return None, {}, book.errors
    for row in book.sheets.get("choices", []):
        list_name = str(row.get("list_name") or "")
        if not list_name:
            form.error(row.place("list_name"), N_("Each choice needs its list_name."))
        form.lists.setdefault(list_name, []).append(row)
    data = _settings(form)
    scales = {n: _scale(form, rows) for n, rows in form.lists.items() if _is_scale(rows)}
    if scales:
        data["scales"] = scales
    data["sections"] = _sections(form)
    if "bands" in book.sheets:
        data["bands"] = [_band(form, row) for row in book.sheets["bands"]]
    for list_name, rows in form.lists.items():
        if list_name not in form.used and list_name not in scales:
            form.error(
                rows[0].place("list_name"),
                N_("The choice list '%(list)s' is not used by any question."),
                list=list_name,
            )
    _check_languages(form)
    return (None if book.errors else data), form.origins, book.errors


def _text(form: _Form, row: Row, base: str, required: bool = False) -> str | dict | None:
    texts = row.text(base)
    if not texts:
        if required:
            form.error(row.place(_column(row, base, "fi")), N_("The Finnish text is missing."))
        return None
    if "fi" not in texts:
        form.error(row.place(_column(row, base, "fi")), N_("The Finnish text is missing."))
    return texts["fi"] if set(texts) == {"fi"} else texts


def _column(row: Row, base: str, lang: str) -> str:
    """The header of ``base`` in ``lang`` as the workbook names it (or as the writer would)."""
    found = next((h for h in row.letters if sheets.language_of(h, base) == lang), None)
    return found or f"{base}::{sheets.LANGUAGE_NAMES[lang]}"


def _name(form: _Form, row: Row, header: str = "name") -> Any:
    """A name (a code answers are stored under), checked here to be named at its cell."""
    value = row.get(header)
    if value is None or not CODE.match(str(value)):
        form.error(
            row.place(header),
            N_(
                "Write the name with lower-case letters a-z, digits and _ (at most 40), "
                "starting with a letter, not '%(value)s'."
            ),
            value="" if value is None else value,
        )
    return value


def _yes(form: _Form, row: Row, header: str) -> bool:
    value = row.get(header)
    if value is None or value is False or str(value).strip().lower() in NO:
        return False
    if value is True or str(value).strip().lower() in YES:
        return True
    form.error(row.place(header), N_("Write yes or no here, not '%(value)s'."), value=value)
    return False


def _whole(form: _Form, row: Row, header: str) -> int | None:
    value = row.get(header)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        form.error(
            row.place(header), N_("Write a whole number here, not '%(value)s'."), value=value
        )
        return None
    return value


def _settings(form: _Form) -> dict:
    rows = form.book.sheets.get("settings", [])
    if not rows:
        form.error(Place("settings"), N_("The settings sheet needs a row with form_id."))
        return {}
    row = rows[0]
    data: dict[str, Any] = {
        "id": _name(form, row, "form_id"),
        "version": _whole(form, row, "version") or 1,
    }
    form.origins["id"] = row.place("form_id")
    for key, base in (("title", "form_title"), ("intro", "intro"), ("closing", "closing")):
        text = _text(form, row, base, required=key != "intro")
        if text is not None:
            data[key] = text
    if row.get("default_language") is not None:
        data["language"] = str(row.get("default_language"))
    # Without source columns the source is empty, so a renamed file is not a new version.
    source = {"file": row.get("source_file") or "", "lines": row.get("source_lines")}
    source["lines"] = "" if source["lines"] is None else str(source["lines"])
    if row.get("source_notes") is not None:
        source["notes"] = str(row.get("source_notes"))
    data["source"] = {k: str(v) for k, v in source.items()}
    return data


def _is_scale(rows: list[Row]) -> bool:
    """A list whose every option but "don't know" has a value is a scale."""
    counted = [r for r in rows if r.get("dont_know") is None or str(r.get("dont_know")) in NO]
    return bool(counted) and all(r.get("value") is not None for r in counted)


def _options(form: _Form, rows: list[Row]) -> tuple[list[dict], list[str]]:
    options, agreeing = [], []
    for row in rows:
        option: dict[str, Any] = {
            "code": _name(form, row),
            "label": _text(form, row, "label", True),
        }
        value = _whole(form, row, "value")
        if value is not None:
            option["value"] = value
        if _yes(form, row, "dont_know"):
            option["dont_know"] = True
        if _yes(form, row, "agreeing"):
            agreeing.append(option["code"])
        form.origins.setdefault(str(option["code"]), row.place("name"))
        options.append(option)
    return options, agreeing


def _scale(form: _Form, rows: list[Row]) -> dict:
    options, agreeing = _options(form, rows)
    return {"options": options, **({"agreeing": agreeing} if agreeing else {})}


def _band(form: _Form, row: Row) -> dict:
    return {
        "code": _name(form, row),
        "label": _text(form, row, "label", True),
        "min": _whole(form, row, "min"),
        "max": _whole(form, row, "max"),
    }


def _sections(form: _Form) -> list[dict]:
    from surveyapp.core.instruments.xlsform_items import read_survey

    return read_survey(form)


def _check_languages(form: _Form) -> None:
    """A language used anywhere is used everywhere: name every text cell it is missing from."""
    cells = []
    for sheet, rows in form.book.sheets.items():
        if sheet == "bands":
            continue  # results' grade bands: Finnish is enough, as in YAML
        bases = ("form_title", "intro", "closing") if sheet == "settings" else TEXTS
        for row in rows:
            if sheet == "survey" and row.get("relevant") is not None:
                continue  # a follow-up line: its label is not shown
            for base in bases:
                texts = row.text(base)
                if texts:
                    cells.append((row, base, texts))
    used = {lang for _row, _base, texts in cells for lang in texts}
    for lang in (lang for lang in spec.TEXT_KEYS if lang in used and lang != "fi"):
        for row, base, texts in cells:
            if lang not in texts:
                form.error(
                    row.place(_column(row, base, lang)),
                    N_(
                        "The text in %(language)s is missing here, though the form has it "
                        "elsewhere: translate it, or remove the language's column."
                    ),
                    language=sheets.LANGUAGE_NAMES[lang],
                )
