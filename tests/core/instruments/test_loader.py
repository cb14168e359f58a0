"""Instrument files: every shipped one loads; every broken one gives one line naming file and item."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.loader import load_directory, write_lock

ROOT = Path(__file__).resolve().parents[3]

TINY = """\
id: tiny
version: 1
title: {fi: Pieni, sv: Liten}
source: {file: seeds/000_9fba6d5199f312ee.txt, lines: "830-850"}
closing: Kiitokset vastauksistasi!
scales:
  a3:
    options:
      - {code: hyvin, label: Hyvin, value: 3}
      - {code: vahan, label: Vähän, value: 1}
      - {code: eos, label: en osaa sanoa, dont_know: true}
sections:
  - code: s1
    items:
      - {code: arvosana, number: "1.", type: grade, text: Arvosana, required: true}
      - code: q2
        number: "2."
        type: matrix
        scale: a3
        text: Arvioi
        rows:
          - {code: q2_1, text: Eka}
          - {code: q2_2, text: Toka}
"""


def write(directory: Path, name: str, body: str, *, lock: bool = True) -> Path:
    path = directory / f"{name}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    if lock:
        instruments, errors = load_directory(directory, check_lock=False)
        assert not errors, errors
        write_lock(directory, instruments)
    return path


def errors_of(directory: Path) -> list[str]:
    return [str(e) for e in load_directory(directory)[1]]


def test_shipped_instruments_all_load():
    instruments, errors = load_directory(ROOT / "instruments")
    assert errors == []
    assert sorted(i.id for i in instruments) == [
        "essote_client_satisfaction",
        "essote_group_wishes",
        "esy_client_eval",
        "esy_worker_eval",
        "kuusamo_elamantilanteen_arviointi",
        "oulunkaari_yhteistyokysely",
        "session_feedback",
        "valpas_kykyviisari",
        "valpas_partner_survey",
        "valpas_steering_survey",
    ]
    for instrument in instruments:
        assert instrument.source.file.startswith("seeds/")
        assert instrument.source.lines


def test_esy_client_form_keeps_paper_structure():
    instruments, _ = load_directory(ROOT / "instruments")
    esy = next(i for i in instruments if i.id == "esy_client_eval")
    numbers = [i.number for i in esy.items()]
    assert numbers == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11."]
    matrix = esy.item("q10")
    assert isinstance(matrix, spec.MatrixItem)
    assert [o.label.fi for o in matrix.scale.options] == [
        "Erittäin hyvin",
        "Hyvin",
        "Jonkin verran",
        "Vähän",
        "Ei lainkaan",
    ]
    assert len(matrix.rows) == 8 and all(r.number is None for r in matrix.rows)
    helped = esy.item("q4")
    assert [o.label.fi for o in helped.options] == [
        "ei auttanut, minkä vuoksi:",
        "jonkin verran auttoi, miten ja missä asioissa:",
        "auttoi paljonkin, miten ja missä asioissa:",
    ]
    assert all(o.follow_up for o in helped.options)
    assert esy.closing.fi == "Kiitokset vastauksistasi!"


def test_kuusamo_numbering_restarts_per_section():
    instruments, _ = load_directory(ROOT / "instruments")
    form = next(i for i in instruments if i.id == "kuusamo_elamantilanteen_arviointi")
    first, second = form.sections
    assert [i.number for i in first.items] == [f"{n}." for n in range(1, 10)] + [None]
    assert [i.number for i in second.items] == [f"{n}." for n in range(1, 11)] + [None, None]
    assert [i.type for i in second.items][-2:] == ["section_grade", "section_grade"]
    assert second.items[-1].text.fi == "KOKONAISARVIO PERHEEN HYVINVOINNISTA:"


def test_languages_are_those_with_every_text(tmp_path):
    write(tmp_path, "tiny", TINY)
    (instrument,), _ = load_directory(tmp_path)
    assert instrument.languages == ("fi",)  # the title has Swedish, nothing else does
    assert instrument.title.get("sv") == "Liten"
    assert instrument.item("arvosana").text.get("sv") == "Arvosana"  # falls back to Finnish


def test_plain_language_version_needs_every_text(tmp_path):
    selko = TINY.replace(
        "title: {fi: Pieni, sv: Liten}", "title: {fi: Pieni, sv: Liten, selko: Pieni kysely}"
    ).replace(
        "closing: Kiitokset vastauksistasi!",
        "closing: {fi: Kiitokset vastauksistasi!, selko: Kiitos!}",
    )
    write(tmp_path, "tiny", selko)
    (instrument,), _ = load_directory(tmp_path)
    assert instrument.title.get("selko") == "Pieni kysely"
    assert instrument.item("arvosana").text.get("selko") == "Arvosana"  # falls back to Finnish
    assert not instrument.plain_language  # the items have no selko texts
    assert instrument.languages == (
        "fi",
    )  # selko is a version of Finnish, not a language of its own


def test_session_feedback_has_a_plain_language_version():
    instruments, _ = load_directory(ROOT / "instruments")
    form = next(i for i in instruments if i.id == "session_feedback")
    assert (form.version, form.languages, form.plain_language) == (4, ("fi", "sv", "en"), True)
    assert [i.text.get("selko") for i in form.items()] == [
        "Anna arvosana tämän päivän ryhmälle tai retkelle. Huonoin arvosana on 4. Paras arvosana on 10.",
        "Haluatko sanoa vielä jotain? Voit kirjoittaa sen tähän.",
    ]
    # The same items, codes and printed numbers as the standard Finnish form.
    assert [(i.code, i.number) for i in form.items()] == [
        ("arvosana", "1."),
        ("vapaa_palaute", "2."),
    ]
    assert "translations made for this service" in form.source.notes


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ("title: {fi: Pieni, sv: Liten}", "title: {fi: Pieni, se: Unna}"),
            "tiny.yaml: title: unknown language 'se' (allowed: fi, sv, en, selko)",
        ),
        (
            ("type: grade, text: Arvosana", "type: grade, txet: Arvosana"),
            "tiny.yaml: sections[0] (s1).items[0] (arvosana): unknown key 'txet'",
        ),
        (
            ("type: grade, text", "type: slider, text"),
            "tiny.yaml: sections[0] (s1).items[0] (arvosana): unknown item type 'slider'",
        ),
        (
            ("text: Arvosana", "text: {sv: Vitsord}"),
            "tiny.yaml: sections[0] (s1).items[0] (arvosana).text: missing Finnish text (fi)",
        ),
        (
            ("{code: q2_2, text: Toka}", "{code: q2_1, text: Toka}"),
            "tiny.yaml: sections: duplicate item or row code 'q2_1'",
        ),
        (
            ("{code: vahan, label", "{code: hyvin, label"),
            "tiny.yaml: scales.a3.options: duplicate option code 'hyvin'",
        ),
        (
            ("scale: a3", "scale: a5"),
            "tiny.yaml: sections[0] (s1).items[1] (q2).scale: scale 'a5' is not defined under 'scales'",
        ),
        (
            ("required: true", "required: joo"),
            "tiny.yaml: sections[0] (s1).items[0] (arvosana).required: expected true or false, got 'joo'",
        ),
        (
            ("label: Vähän, value: 1", "label: Vähän"),
            "tiny.yaml: scales.a3.options[1] (vahan): a scale option needs a numeric 'value' or 'dont_know: true'",
        ),
        (
            ('source: {file: seeds/000_9fba6d5199f312ee.txt, lines: "830-850"}\n', ""),
            "tiny.yaml: missing required key 'source'",
        ),
    ],
)
def test_each_mistake_is_one_line_naming_file_and_item(tmp_path, change, expected):
    old, new = change
    assert old in TINY
    write(tmp_path, "tiny", TINY.replace(old, new), lock=False)
    lines = [line.replace(f"{tmp_path}/", "") for line in errors_of(tmp_path)]
    assert any(line.startswith(expected) for line in lines), lines
    assert all("\n" not in line for line in lines)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    write(tmp_path, "tiny", TINY.replace("closing: Kiitokset", "closing: [Kiitokset"), lock=False)
    (line,) = errors_of(tmp_path)
    assert line.startswith(f"{tmp_path}/tiny.yaml: line ")
    assert "YAML syntax error" in line


def test_file_name_must_match_id(tmp_path):
    write(tmp_path, "other", TINY, lock=False)
    assert f"{tmp_path}/other.yaml: id: file name must be tiny.yaml" in errors_of(tmp_path)


def test_changed_instrument_needs_a_new_version(tmp_path):
    path = write(tmp_path, "tiny", TINY)
    assert errors_of(tmp_path) == []
    path.write_text(TINY.replace("text: Eka", "text: Ensimmäinen"), encoding="utf-8")
    assert errors_of(tmp_path) == [
        f"{path}: version: content changed but version 1 was not bumped; "
        "raise 'version' so stored answers keep their meaning"
    ]
    path.write_text(
        TINY.replace("text: Eka", "text: Ensimmäinen").replace("version: 1", "version: 2")
    )
    assert errors_of(tmp_path) == [
        f"{path}: version: version 2 is not recorded in versions.lock; run `flask instruments lock`"
    ]


def test_formatting_and_comments_do_not_count_as_changes(tmp_path):
    path = write(tmp_path, "tiny", TINY)
    path.write_text(
        "# a comment\n"
        + TINY.replace(
            "closing: Kiitokset vastauksistasi!", "closing:   'Kiitokset vastauksistasi!'"
        ),
        encoding="utf-8",
    )
    assert errors_of(tmp_path) == []


def test_municipality_item_takes_options_from_collection(tmp_path):
    body = TINY.replace(
        "      - {code: arvosana,",
        "      - {code: kunta, type: choice, role: municipality, text: Paikkakunta, options: [{code: a, label: A}]}\n"
        "      - {code: arvosana,",
    )
    write(tmp_path, "tiny", body, lock=False)
    assert (
        f"{tmp_path}/tiny.yaml: sections[0] (s1).items[0] (kunta).options: a municipality item takes "
        "its options from the survey; remove 'options'"
    ) in errors_of(tmp_path)
