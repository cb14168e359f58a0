"""The survey sheet of an XLSForm read into sections and items (the data YAML would give)."""

from __future__ import annotations

import copy
from typing import Any

from surveyapp.core.instruments import xlsform_measures
from surveyapp.core.instruments.sheets import N_, Row
from surveyapp.core.instruments.xlsform import (
    APPEARANCES,
    COMMON,
    FOLLOW_UP,
    GRADE_RANGE,
    OWN,
    SUPPORTED,
    _Form,
    _is_scale,
    _name,
    _options,
    _text,
    _whole,
    _yes,
)


def read_survey(form: _Form) -> list[dict]:
    """The sections of the survey sheet; questions outside a group form sections of their own."""
    walk = _Walk(form)
    for row in form.book.sheets["survey"]:
        walk.row(row)
    if walk.matrix is not None or walk.explicit:
        opened = walk.matrix_row if walk.matrix is not None else walk.section_row
        form.error(opened.place("type"), N_("This begin_group has no end_group."))
    if not walk.sections:
        form.error("survey", N_("The survey sheet has no questions."))
    return walk.sections


class _Walk:
    def __init__(self, form: _Form):
        self.form = form
        self.sections: list[dict] = []
        self.section: dict | None = None
        self.section_row: Row | None = None
        self.explicit = False
        self.matrix: dict | None = None
        self.matrix_row: Row | None = None
        self.names: dict[tuple[str, str], int] = {}

    def row(self, row: Row) -> None:
        kind = " ".join(str(row.get("type") or "").split()).lower()
        kind = {"begin group": "begin_group", "end group": "end_group"}.get(kind, kind)
        base, _, list_name = kind.partition(" ")
        if not base:
            self.form.error(row.place("type"), N_("The type is missing."))
            return
        if base == "end_group":
            self._columns(row, "end_group")
            return self._end(row)
        name = row.get("name")
        # Sections and questions are named apart, as in YAML: a section may share its question's name.
        group = base == "begin_group" and row.get("appearance") != "table-list"
        key = ("section" if group else "question", str(name))
        if name is not None:
            if key in self.names:
                self.form.error(
                    row.place("name"),
                    N_("The name '%(name)s' is used already in row %(row)s."),
                    name=name,
                    row=self.names[key],
                )
                return
            self.names[key] = row.number
        if row.get("relevant") is not None:
            return self._follow_up(row, base)
        if base == "begin_group":
            return self._begin(row)
        if base not in OWN or base == "follow_up":
            self.form.error(
                row.place("type"),
                N_("The type '%(type)s' is not supported (supported: %(supported)s)."),
                type=kind,
                supported=SUPPORTED,
            )
            return
        self._columns(row, base)
        if self.matrix is not None:
            return self._matrix_row(row, base, list_name)
        item = self._common(row)
        self.form.origins[str(name)] = row.place("name")
        if row.get("appearance") in xlsform_measures.APPEARANCES:
            xlsform_measures.read(self.form, row, item)
        elif base == "integer":
            self._grade(row, item)
        elif base == "text":
            self._text_item(row, item)
        else:
            self._select(row, item, base, list_name)
        self._add(item)

    def _columns(self, row: Row, base: str) -> None:
        allowed = OWN[base] if base == "follow_up" else COMMON | OWN[base]
        for header, value in row.cells.items():
            plain = header.split("::", 1)[0]
            if value is not None and str(value).strip() and plain not in allowed:
                self.form.error(
                    row.place(header),
                    N_("The column %(column)s does not apply to a question of type %(type)s."),
                    column=header,
                    type=base,
                )
        appearance = row.get("appearance")
        if appearance is not None and appearance not in APPEARANCES.get(base, ()):
            self.form.error(
                row.place("appearance"),
                N_("The appearance '%(value)s' is not supported here."),
                value=appearance,
            )

    def _common(self, row: Row) -> dict[str, Any]:
        item: dict[str, Any] = {"code": _name(self.form, row)}
        text = _text(self.form, row, "label", required=True)
        item["text"] = text
        if row.get("number") is not None:
            item["number"] = str(row.get("number"))
        if _yes(self.form, row, "required"):
            item["required"] = True
        hint = _text(self.form, row, "hint")
        if hint is not None:
            item["help"] = hint
        return item

    def _add(self, item: dict) -> None:
        if self.section is None:
            self.section = {"code": f"osio_{len(self.sections) + 1}", "items": []}
            self.sections.append(self.section)
        self.section["items"].append(item)
        self.form.items[str(item["code"])] = item

    def _begin(self, row: Row) -> None:
        self._columns(row, "begin_group")
        if row.get("appearance") == "table-list":
            if self.matrix is not None:
                self.form.error(row.place("type"), N_("A group inside a table-list group."))
                return
            item = self._common(row)
            item["type"] = "matrix"
            item["rows"] = []
            self.form.origins[str(row.get("name"))] = row.place("name")
            self._add(item)
            self.matrix, self.matrix_row = item, row
            return
        if self.explicit or self.matrix is not None:
            self.form.error(
                row.place("type"),
                N_("A group inside a group is supported only as a table-list group (a matrix)."),
            )
            return
        section: dict[str, Any] = {"code": _name(self.form, row), "items": []}
        heading = _text(self.form, row, "label")
        if heading is not None:
            section["heading"] = heading
        intro = _text(self.form, row, "hint")
        if intro is not None:
            section["intro"] = intro
        self.sections.append(section)
        self.section, self.section_row, self.explicit = section, row, True
        self.form.origins[str(row.get("name"))] = row.place("name")

    def _end(self, row: Row) -> None:
        if self.matrix is not None:
            if not self.matrix["rows"]:
                self.form.error(
                    self.matrix_row.place("type"), N_("This table-list group is empty.")
                )
            self.matrix = None
        elif self.explicit:
            self.section, self.explicit = None, False
        else:
            self.form.error(row.place("type"), N_("This end_group has no begin_group."))

    def _grade(self, row: Row, item: dict) -> None:
        constraint = " ".join(str(row.get("constraint") or "").split())
        if not GRADE_RANGE.match(constraint):
            self.form.error(
                row.place("constraint"),
                N_(
                    "An integer question is a school grade: its constraint must be "
                    "'. >= 4 and . <= 10'."
                ),
            )
        item["type"] = "section_grade" if row.get("appearance") == "section_grade" else "grade"
        if _yes(self.form, row, "overall"):
            item["overall"] = True

    def _text_item(self, row: Row, item: dict) -> None:
        item["type"] = "text"
        if row.get("appearance") == "multiline":
            item["multiline"] = True
        for key in ("max_length", "lines"):
            value = _whole(self.form, row, key)
            if value is not None:
                item[key] = value

    def _select(self, row: Row, item: dict, base: str, list_name: str) -> None:
        role = row.get("role")
        item["type"] = "multi" if base == "select_multiple" else "choice"
        if role is not None:
            item["role"] = str(role)
            if role == "municipality" and list_name not in self.form.lists:
                return
        rows = self._list(row, list_name)
        if rows is None:
            return
        self.form.used.add(list_name)
        if base == "select_one" and _is_scale(rows):
            item["type"] = "scale"
            item["scale"] = list_name
            return
        options, agreeing = _options(self.form, rows)
        item["options"] = copy.deepcopy(options)
        if agreeing:
            item["agreeing"] = agreeing
        if base == "select_multiple":
            for key in ("min_choices", "max_choices"):
                value = _whole(self.form, row, key)
                if value is not None:
                    item[key] = value

    def _list(self, row: Row, list_name: str) -> list[Row] | None:
        if not list_name:
            self.form.error(row.place("type"), N_("Name the choice list after the type."))
            return None
        if list_name not in self.form.lists:
            self.form.error(
                row.place("type"),
                N_("The choice list '%(list)s' is not on the choices sheet."),
                list=list_name,
            )
            return None
        return self.form.lists[list_name]

    def _matrix_row(self, row: Row, base: str, list_name: str) -> None:
        rows = self._list(row, list_name) if base == "select_one" else None
        if base != "select_one" or (rows is not None and not _is_scale(rows)):
            self.form.error(
                row.place("type"),
                N_(
                    "Each question of a table-list group is a select_one of one scale "
                    "(a list whose options have values)."
                ),
            )
            return
        if rows is None:
            return
        self.form.used.add(list_name)
        scale = self.matrix.setdefault("scale", list_name)
        if scale != list_name:
            self.form.error(row.place("type"), N_("Every row of a matrix uses the same list."))
        for header in ("required", "hint"):
            if row.get(header) is not None:
                self.form.error(row.place(header), N_("Set this on the begin_group row."))
        line: dict[str, Any] = {
            "code": _name(self.form, row),
            "text": _text(self.form, row, "label", True),
        }
        if row.get("number") is not None:
            line["number"] = str(row.get("number"))
        self.form.origins[str(row.get("name"))] = row.place("name")
        self.matrix["rows"].append(line)

    def _follow_up(self, row: Row, base: str) -> None:
        self._columns(row, "follow_up")
        found = FOLLOW_UP.match(str(row.get("relevant")).strip())
        target = self.form.items.get(found.group("item")) if found else None
        if base != "text" or found is None:
            self.form.error(
                row.place("relevant"),
                N_(
                    "relevant is supported only on a text question that is the follow-up line "
                    "of one option: selected(${question}, 'option')."
                ),
            )
            return
        options = {o["code"]: o for o in (target or {}).get("options", ())}
        if found.group("option") not in options:
            self.form.error(
                row.place("relevant"),
                N_("No earlier select question with its own list has the option '%(option)s'."),
                option=found.group("option"),
            )
            return
        follow_up = {}
        for key in ("max_length", "lines"):
            value = _whole(self.form, row, key)
            if value is not None:
                follow_up[key] = value
        options[found.group("option")]["follow_up"] = follow_up
