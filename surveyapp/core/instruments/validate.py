"""The one validator of a form file, YAML or XLSForm: `flask instruments check` and upload use it.

A file passes whole or not at all: the errors name the YAML path (and line) or the workbook's
sheet, row and column.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

import yaml

from surveyapp.core.instruments import sheets, spec, xlsform
from surveyapp.core.instruments.loader import parse_data
from surveyapp.core.instruments.reader import LoadError
from surveyapp.core.instruments.sheets import N_, Place

CODE_IN_PATH = re.compile(r" ?\(([^()]+)\)")


@dataclass
class Checked:
    """A form file read and validated: the instrument and its data, or the errors."""

    instrument: spec.Instrument | None = None
    data: dict | None = None
    errors: list[LoadError] = field(default_factory=list)


def check(name: str, content: bytes) -> Checked:
    """Validate an uploaded or checked form file named ``name`` (.xlsx, .yaml or .yml)."""
    lower = name.lower()
    if len(content) > sheets.MAX_BYTES:
        return _refused(
            name, N_("The file is larger than %(limit)s MB."), limit=sheets.MAX_BYTES // 10**6
        )
    if lower.endswith(".xlsx"):
        data, origins, errors = xlsform.read(content, name)
        if errors:
            return Checked(errors=errors)
        return _validated(name, data, origins)
    if lower.endswith((".yaml", ".yml")):
        return _yaml(name, content)
    if lower.endswith((".xlsm", ".xltm", ".xlsb")):
        return _refused(name, N_("Workbooks with macros are not accepted: save as .xlsx."))
    return _refused(name, N_("Upload an XLSForm workbook (.xlsx) or a YAML file (.yaml)."))


def _refused(name: str, msgid: str, **params) -> Checked:
    return Checked(errors=[sheets.problem(name, "", msgid, **params)])


def _yaml(name: str, content: bytes) -> Checked:
    try:
        text = content.decode("utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        return _refused(name, N_("The file is not UTF-8 text."))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        return _refused(name, N_("YAML syntax error on line %(line)s."), line=line)
    checked = _validated(name, data, None)
    lines = _lines(node)
    checked.errors = [_at_line(e, lines) for e in checked.errors]
    return checked


def _validated(name: str, data, origins: dict[str, Place] | None) -> Checked:
    """``origins``: where each code came from in a workbook (None: a YAML file, lines later)."""
    instrument, errors = parse_data(data, name)
    if errors and origins is None:
        return Checked(errors=errors)
    if errors:
        return Checked(errors=[_located(e, origins) for e in errors])
    missing = _incomplete(instrument)
    if missing:
        return Checked(errors=missing)
    return Checked(instrument=instrument, data=data)


def _incomplete(instrument: spec.Instrument) -> list[LoadError]:
    """A language some texts have must be in every text (XLSForms name the cells already)."""
    texts = list(spec._texts(instrument))
    return [
        sheets.problem(
            instrument.path,
            "",
            N_("Some texts are in %(language)s and some are not: translate every text."),
            language=sheets.LANGUAGE_NAMES[lang],
        )
        for lang in spec.TEXT_KEYS
        if any(t.has(lang) for t in texts) and not all(t.has(lang) for t in texts)
    ]


def _located(error: LoadError, origins: dict[str, Place]) -> LoadError:
    """The validator's error moved to the sheet and row its item came from."""
    codes = [c for c in CODE_IN_PATH.findall(error.path) if c in origins]
    top = error.path.split(".", 1)[0].split("[", 1)[0]
    place = origins.get(codes[-1]) if codes else None
    if place is None and top in ("id", "title", "closing", "intro", "source", "version"):
        place = Place("settings")
    if place is None and top == "bands":
        place = Place("bands")
    if place is None and top == "scales":
        place = Place("choices")
    if place is None:
        return error
    return dataclasses.replace(error, place=place)


def _lines(node) -> dict[str, int]:
    """The line of every mapping key and list entry of a YAML document, by its error path."""
    found: dict[str, int] = {}

    def walk(value, path: str) -> None:
        if isinstance(value, yaml.MappingNode):
            for key, child in value.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                found[sub] = key.start_mark.line + 1
                walk(child, sub)
        elif isinstance(value, yaml.SequenceNode):
            for index, child in enumerate(value.value):
                found[f"{path}[{index}]"] = child.start_mark.line + 1
                walk(child, f"{path}[{index}]")

    if node is not None:
        walk(node, "")
    return found


def _at_line(error: LoadError, lines: dict[str, int]) -> LoadError:
    """The error with the line of the deepest YAML path it names."""
    path = CODE_IN_PATH.sub("", error.path).replace(" ", "")
    while path and path not in lines:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    if not path:
        return error
    return dataclasses.replace(error, line=lines[path])
