"""Item types: each is one unit (core/instruments/types/) and one macro (templates/macros/items.html).

The throwaway "yes_no" type below is defined, registered and given its macro here, in the test
only: the loader, answer parsing, results, the codebook and the form pick it up with no other
change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from surveyapp.core import exports, results
from surveyapp.core.instruments import spec, types
from surveyapp.core.instruments.answers import AnswerValue, municipality_options, parse
from surveyapp.core.instruments.loader import load_directory
from surveyapp.core.instruments.types.base import ItemType, option_lines
from surveyapp.core.instruments.values import chosen_option
from surveyapp.core.reports import AnswerCell, Cell
from surveyapp.core.summaries import ItemResult, option_summary, options_data

ROOT = Path(__file__).resolve().parents[3]
ITEMS_HTML = ROOT / "surveyapp" / "templates" / "macros" / "items.html"
MACRO_ARGS = ["item", "options", "lang", "values", "errors", "printed"]
DAY = dt.date(2024, 3, 4)


# -- a type of the test's own: one module's worth of code ------------------------------------


@dataclasses.dataclass(frozen=True)
class YesNoItem(spec.Item):
    """Yes or no, "no" first when ``no_first``."""

    no_first: bool = False

    type = "yes_no"


YES_NO_OPTIONS = (
    spec.Option("kylla", spec.Text(fi="Kyllä", sv="Ja"), value=1),
    spec.Option("ei", spec.Text(fi="Ei", sv="Nej"), value=0),
)


class YesNo(ItemType):
    name = "yes_no"
    keys = frozenset({"no_first"})
    macro = "yes_no"

    def parse(self, reader, raw, path, common, scales):
        return YesNoItem(**common, no_first=reader.boolean(raw.get("no_first"), f"{path}.no_first"))

    def options(self, item, municipality_options=()):
        return YES_NO_OPTIONS[::-1] if item.no_first else YES_NO_OPTIONS

    def answer(self, item, form, out, municipality_options):
        option = chosen_option(item.code, self.options(item), item.required, form, out)
        if option:
            out.answers.append(AnswerValue(item.code, choice_code=option.code))

    def summarise(self, item, counted):
        counts = counted.choices.get(item.code, {})
        return ItemResult(item=item, options=option_summary(self.options(item), counts))

    def data(self, result, min_cell):
        return options_data(result.options)

    def codebook(self, item, municipality_options=()):
        number = item.number or ""
        return option_lines(item.code, number, item.text.fi, item.type, self.options(item))


YES_NO_MACRO = """
{% macro yes_no(item, options, lang, values, errors, printed=false) %}
<fieldset class="item yes-no" id="field-{{ item.code }}"><legend>{{ item.text.get(lang) }}</legend>
{% for o in options %}<label><input type="radio" name="{{ item.code }}" value="{{ o.code }}"
{%- if values.get(item.code) == o.code %} checked{% endif %}{% if printed %} disabled{% endif %}>
{{ o.label.get(lang) }}</label>{% endfor %}</fieldset>
{% endmacro %}
"""

FORM = """\
id: pieni
version: 1
title: Pieni
source: {file: seeds/000_9fba6d5199f312ee.txt, lines: "1-2"}
closing: Kiitos!
sections:
  - code: s1
    items:
      - {code: arvosana, number: "1.", type: grade, text: Arvosana}
      - {code: jatko, number: "2.", type: yes_no, text: "Jatkatko?", no_first: true}
"""


@pytest.fixture
def yes_no(monkeypatch):
    """The yes_no type, registered for one test."""
    monkeypatch.setitem(types.REGISTRY, "yes_no", YesNo())
    return types.REGISTRY["yes_no"]


def load(tmp_path: Path, body: str = FORM):
    (tmp_path / "pieni.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    instruments, errors = load_directory(tmp_path, check_lock=False)
    return (instruments[0] if instruments else None), [str(e) for e in errors]


def macros(source: str) -> dict[str, list[str]]:
    """The macros a template defines, with their argument names."""
    tree = jinja2.Environment().parse(source)
    return {m.name: [a.name for a in m.args] for m in tree.find_all(nodes.Macro)}


# -- every type has its macro -----------------------------------------------------------------


def test_every_registered_type_has_its_macro_in_items_html():
    defined = macros(ITEMS_HTML.read_text(encoding="utf-8"))
    assert list(types.REGISTRY) == [
        "grade",
        "section_grade",
        "scale",
        "matrix",
        "choice",
        "multi",
        "text",
        "score",
        "pairing",
    ]
    for unit in types.REGISTRY.values():
        assert unit.macro in defined, f"{unit.name}: no macro {unit.macro!r} in items.html"
        assert defined[unit.macro] == MACRO_ARGS, unit.macro


def test_every_shipped_item_has_a_unit_of_its_type():
    instruments, errors = load_directory(ROOT / "instruments")
    assert not errors
    for instrument in instruments:
        for item in instrument.items():
            assert types.of(item).name == item.type
            assert item.unit is types.of(item)


def test_options_of_an_item_come_from_its_unit():
    instruments, _errors = load_directory(ROOT / "instruments")
    places = municipality_options([("kuusamo", "Kuusamo")], "muu")
    seen = set()
    for item in (i for instrument in instruments for i in instrument.items()):
        offered = types.of(item).options(item, places)
        if getattr(item, "role", None) == "municipality":
            assert offered == places
        elif item.type in ("choice", "multi"):
            assert offered == item.options
        elif item.type in ("scale", "matrix"):
            assert offered == item.scale.options
        else:
            assert offered == ()
        seen.add(item.type if getattr(item, "role", None) is None else item.role)
    assert seen >= {
        "grade",
        "section_grade",
        "scale",
        "matrix",
        "choice",
        "multi",
        "text",
        "municipality",
    }


# -- a new type needs one module and one macro ------------------------------------------------


def test_the_loader_reads_a_registered_type(tmp_path, yes_no):
    instrument, errors = load(tmp_path)
    assert errors == []
    item = instrument.item("jatko")
    assert isinstance(item, YesNoItem) and item.no_first and item.number == "2."
    assert item.unit is yes_no


def test_a_registered_type_reports_errors_naming_file_and_item(tmp_path, yes_no):
    _instrument, errors = load(tmp_path, FORM.replace("no_first: true", "no_first: 1, rows: []"))
    assert errors == [
        f"{tmp_path}/pieni.yaml: sections[0] (s1).items[1] (jatko): unknown key 'rows' (allowed: "
        "code, help, no_first, number, required, text, type)",
        f"{tmp_path}/pieni.yaml: sections[0] (s1).items[1] (jatko).no_first: expected true or "
        "false, got 1",
    ]


def test_an_unregistered_type_is_unknown_to_the_loader(tmp_path):
    _instrument, errors = load(tmp_path)
    assert errors == [
        f"{tmp_path}/pieni.yaml: sections[0] (s1).items[1] (jatko): unknown item type 'yes_no' "
        "(allowed: grade, section_grade, scale, matrix, choice, multi, text, score, pairing)"
    ]


def test_answers_of_a_registered_type_are_parsed_and_checked(tmp_path, yes_no):
    instrument, _errors = load(tmp_path)
    parsed = parse(instrument, {"arvosana": "8", "jatko": "ei"})
    assert parsed.ok
    assert parsed.answers == [AnswerValue("arvosana", grade=8), AnswerValue("jatko", "ei")]
    wrong = parse(instrument, {"jatko": "ehka"})
    assert [(e.field, e.code) for e in wrong.errors] == [("jatko", "choice")]


def test_results_and_codebook_of_a_registered_type(tmp_path, yes_no):
    instrument, _errors = load(tmp_path)
    answers = [
        AnswerCell("kuusamo", DAY, "web", "jatko", "kylla", None, 4),
        AnswerCell("kuusamo", DAY, "web", "jatko", "ei", None, 2),
    ]
    dashboard = results.build(instrument, [Cell("kuusamo", DAY, "web", 6)], answers, [], min_cell=5)
    data = results.as_data(dashboard)["items"][1]
    assert data["type"] == "yes_no"
    assert (data["n"], data["counts"], data["mean"]) == (6, {"ei": 2, "kylla": 4}, 0.67)
    assert exports.codebook(instrument)[-2:] == [
        ["jatko", "2.", "Jatkatko?", "yes_no", "ei", "Ei", "0", ""],
        ["jatko", "2.", "Jatkatko?", "yes_no", "kylla", "Kyllä", "1", ""],
    ]
    item = instrument.item("jatko")
    assert [t.fi for t in yes_no.texts(item)] == ["Jatkatko?", "Ei", "Kyllä"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_form_renders_a_registered_type_by_its_macro(app, tmp_path, yes_no):
    instrument, _errors = load(tmp_path)
    source = ITEMS_HTML.read_text(encoding="utf-8") + YES_NO_MACRO  # the one macro added
    env = app.jinja_env.overlay(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader({"macros/items.html": source}), app.jinja_env.loader]
        )
    )
    page = env.from_string(
        '{% import "macros/items.html" as items %}'
        "{% for item in instrument.items() %}{{ items.item(item, 'fi', values, {}, ()) }}"
        "{{ items.item(item, 'fi', {}, {}, (), printed=true) }}{% endfor %}"
    )
    with app.test_request_context("/"):
        html = page.render(instrument=instrument, values={"jatko": "ei"})
    assert 'class="item grade' in html and 'class="grades"' in html
    web, printed = html.split('class="item yes-no"')[1:]
    assert web.index('value="ei" checked') < web.index('value="kylla"') and "disabled" not in web
    assert printed.count("disabled") == 2 and "checked" not in printed
