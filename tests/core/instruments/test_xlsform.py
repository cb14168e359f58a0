"""XLSForm upload: every construct of the subset read, every refusal named at its cell, nothing
partial returned; shipped instruments round-trip to the same content hash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from surveyapp.core.instruments import downloads, spec, validate, xlsform_write
from surveyapp.core.instruments.loader import load_directory
from tests.helpers.xlsforms import EN, FI, SETTINGS, SV, one_of_each, workbook

ROOT = Path(__file__).resolve().parents[3]
SHIPPED, _ = load_directory(ROOT / "instruments")


def messages(content: bytes, name: str = "lomake.xlsx") -> list[str]:
    checked = validate.check(name, content)
    assert checked.instrument is None and checked.data is None
    return [str(e) for e in checked.errors]


@pytest.mark.parametrize("instrument", SHIPPED, ids=lambda i: i.id)
def test_every_shipped_instrument_round_trips_to_the_same_content_hash(instrument):
    content = downloads.xlsform_of(instrument)
    checked = validate.check(f"{instrument.id}.xlsx", content)
    assert checked.errors == []
    assert checked.instrument.content_hash == instrument.content_hash
    assert checked.instrument.version == instrument.version
    again = validate.check(f"{instrument.id}.yaml", downloads.yaml_of(instrument, checked.data))
    assert again.instrument.content_hash == instrument.content_hash


def test_the_shipped_example_xlsforms_are_current():
    examples = sorted((ROOT / "instruments" / "xlsform").glob("*.xlsx"))
    assert [p.stem for p in examples] == sorted(i.id for i in SHIPPED)
    for instrument in SHIPPED:
        path = ROOT / "instruments" / "xlsform" / f"{instrument.id}.xlsx"
        checked = validate.check(path.name, path.read_bytes())
        assert checked.instrument is not None, f"run `flask instruments xlsforms`: {checked.errors}"
        assert checked.data == downloads.data_of(instrument) | {"version": instrument.version}


def test_every_construct_of_the_subset_is_read():
    checked = validate.check("lomake.xlsx", one_of_each())
    assert checked.errors == []
    form = checked.instrument
    assert form.id == "oma_lomake" and form.languages == ("fi", "sv")
    assert [s.code for s in form.sections] == ["alku", "loppu"]
    assert form.sections[0].heading.sv == "Början" and form.sections[0].intro.fi == "Ohje"
    grade, scale, choice, multi = form.sections[0].items
    assert (grade.type, grade.required, grade.overall, grade.number) == ("grade", True, True, "1.")
    assert scale.type == "scale" and scale.scale.agreeing == ("samaa",)
    assert [o.value for o in scale.scale.options] == [2, 1, None]
    assert scale.scale.options[2].dont_know
    assert choice.type == "choice" and choice.option("muu").follow_up == spec.FollowUp(lines=2)
    assert choice.option("kaveri").follow_up is None
    assert multi.type == "multi" and [o.code for o in multi.options] == ["pelit", "retki"]
    matrix, text = form.sections[1].items
    assert matrix.type == "matrix" and [r.code for r in matrix.rows] == ["q5_1", "q5_2"]
    assert matrix.rows[1].text.sv == "Lokaler"
    assert (text.type, text.multiline, text.max_length) == ("text", True, 500)


def test_an_uploaded_form_downloads_and_uploads_back_unchanged():
    first = validate.check("lomake.xlsx", one_of_each())
    again = validate.check("toinen.xlsx", xlsform_write.write(first.data))
    assert again.data == first.data
    assert again.instrument.content_hash == first.instrument.content_hash


def test_questions_outside_a_group_form_a_section():
    content = workbook([{"type": "text", "name": "q1", FI: "Mitä?", SV: "Vad?"}])
    form = validate.check("lomake.xlsx", content).instrument
    assert [(s.code, [i.code for i in s.items]) for s in form.sections] == [("osio_1", ["q1"])]


def test_html_in_a_label_is_kept_as_text():
    label = '<script>alert("x")</script><b>Miksi?</b>'
    content = workbook([{"type": "text", "name": "q1", FI: label, SV: "Varför?"}])
    assert validate.check("lomake.xlsx", content).instrument.item("q1").text.fi == label


def test_a_partly_translated_language_names_each_missing_cell():
    content = workbook(
        [
            {"type": "text", "name": "q1", FI: "Mitä?", SV: "Vad?"},
            {"type": "text", "name": "q2", FI: "Miksi?"},
        ]
    )
    assert messages(content) == [
        "lomake.xlsx: sheet survey, row 3, column D (label::Svenska (sv)): The text in "
        "Svenska (sv) is missing here, though the form has it elsewhere: translate it, or "
        "remove the language's column."
    ]


@pytest.mark.parametrize(
    ("rows", "choices", "expected"),
    [
        (
            [{"type": "calculate", "name": "x", FI: "X"}],
            [],
            "sheet survey, row 2, column A (type): The type 'calculate' is not supported",
        ),
        (
            [{"type": "integer", "name": "x", FI: "Ikä", "constraint": ". >= 0"}],
            [],
            "sheet survey, row 2, column D (constraint): An integer question is a school grade",
        ),
        (
            [{"type": "select_one puuttuu", "name": "x", FI: "X"}],
            [],
            "sheet survey, row 2, column A (type): The choice list 'puuttuu' is not on the "
            "choices sheet.",
        ),
        (
            [{"type": "text", "name": "x", FI: "X"}, {"type": "text", "name": "x", FI: "Y"}],
            [],
            "sheet survey, row 3, column B (name): The name 'x' is used already in row 2.",
        ),
        (
            [{"type": "text", "name": "x", FI: "X", "relevant": "${y} > 3"}],
            [],
            "sheet survey, row 2, column D (relevant): relevant is supported only on a text "
            "question that is the follow-up line",
        ),
        (
            [{"type": "text", "name": "x", FI: "X", "calculation": "1 + 1"}],
            [],
            "sheet survey, row 1, column D (calculation): Unknown column 'calculation'",
        ),
        (
            [{"type": "text", "name": "x", EN: "X"}],
            [],
            "sheet survey, row 2, column label::Suomi (fi): The Finnish text is missing.",
        ),
        (
            [{"type": "begin_group", "name": "g", FI: "G"}, {"type": "text", "name": "x", FI: "X"}],
            [],
            "sheet survey, row 2, column A (type): This begin_group has no end_group.",
        ),
        (
            [{"type": "select_one a", "name": "x", FI: "X"}],
            [
                {"list_name": "a", "name": "k", FI: "Kyllä"},
                {"list_name": "b", "name": "e", FI: "E"},
            ],
            "sheet choices, row 3, column A (list_name): The choice list 'b' is not used",
        ),
        (
            [{"type": "select_one a", "name": "x", FI: "X"}],
            [
                {"list_name": "a", "name": "k", FI: "Kyllä"},
                {"list_name": "a", "name": "k", FI: "K"},
            ],
            "sheet survey, row 2, column B (name): sections[0] (osio_1).items[0] (x).options: "
            "duplicate option code 'k'",
        ),
        (
            [{"type": "text", "name": "Iso Nimi", FI: "X"}],
            [],
            "sheet survey, row 2, column B (name): Write the name with lower-case letters a-z, "
            "digits and _ (at most 40), starting with a letter, not 'Iso Nimi'.",
        ),
    ],
)
def test_what_the_subset_cannot_hold_is_refused_at_its_cell(rows, choices, expected):
    found = messages(workbook(rows, choices, {k: v for k, v in SETTINGS.items() if "sv" not in k}))
    assert any(expected in m for m in found), found


def test_an_unknown_sheet_is_refused():
    content = workbook([{"type": "text", "name": "x", FI: "X"}], external_choices=[{"a": 1}])
    assert any("Unknown sheet 'external_choices'" in m for m in messages(content))


def test_formulas_are_refused():
    content = workbook([{"type": "text", "name": "x", FI: '=CONCAT("a", "b")'}])
    assert any("row 2, column C (label::Suomi (fi)): Formulas" in m for m in messages(content))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("lomake.xlsm", one_of_each(), "Workbooks with macros are not accepted"),
        ("lomake.xlsx", b"PK\x03\x04 not really", "not a readable .xlsx workbook"),
        ("lomake.xlsx", b"\x00" * 100, "not a readable .xlsx workbook"),
        ("lomake.xlsx", b"x" * 2_000_001, "larger than 2 MB"),
        ("lomake.csv", b"type,name", "Upload an XLSForm workbook (.xlsx) or a YAML file"),
        ("lomake.yaml", b"id: [unclosed", "YAML syntax error on line"),
        ("lomake.yaml", b"\xff\xfe", "not UTF-8"),
    ],
)
def test_files_that_are_not_forms_are_refused(name, content, expected):
    assert any(expected in m for m in messages(content, name))


def test_a_workbook_with_a_macro_part_is_refused_whatever_its_name():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "a") as package:
        with zipfile.ZipFile(io.BytesIO(one_of_each())) as original:
            for member in original.infolist():
                package.writestr(member, original.read(member))
        package.writestr("xl/vbaProject.bin", b"macro")
    assert any("contains macros" in m for m in messages(out.getvalue()))


def test_a_yaml_error_names_its_line():
    data = yaml.safe_load((ROOT / "instruments" / "session_feedback.yaml").read_text())
    data["sections"][0]["items"][0]["type"] = "slider"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    # The error names the item; its line is where the item begins.
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.endswith("- code: arvosana"))
    found = messages(text.encode(), "palaute.yaml")
    assert len(found) == 1 and "unknown item type 'slider'" in found[0]
    assert found[0].startswith(f"palaute.yaml: line {line}: sections[0] (palaute).items[0]")


def test_a_partly_translated_yaml_form_is_refused():
    data = yaml.safe_load((ROOT / "instruments" / "session_feedback.yaml").read_text())
    data["closing"] = data["closing"]["fi"]  # the closing only in Finnish, the rest translated
    found = messages(yaml.safe_dump(data, allow_unicode=True).encode(), "palaute.yaml")
    assert [m.split(": ", 1)[1] for m in found] == [
        f"Some texts are in {name} and some are not: translate every text."
        for name in ("Svenska (sv)", "English (en)", "Selkosuomi (selko)")
    ]
