"""Every refusal of the form validator reaches the upload page in the reader's language, at its
YAML line or workbook cell, with the offending value escaped; nothing is stored."""

from __future__ import annotations

import pytest

from tests.helpers.uploads import FORM_YAML, LIBRARY, error_lines, stored, upload
from tests.helpers.xlsforms import FI, FINNISH, workbook

LONG = "q5_" + "x" * 35  # 38 characters: with ".pelit" an answer's code would be 44

# (the text to replace in FORM_YAML, its replacement, the Finnish message, exactly)
CASES = [
    (
        "      - {code: q7, type: text, text: Terveiset, multiline: true}",
        "      - q7",
        "Tähän kuuluu avain: arvo -pareja, mutta löytyi: teksti.",
    ),
    (
        "type: text, text: Terveiset",
        "type: text, txet: Terveiset",
        "Tuntematon avain 'txet' (sallitut: code, help, lines, max_length, multiline, number, "
        "required, text, type).",
    ),
    ("closing: Kiitos!\n", "", "Pakollinen avain 'closing' puuttuu."),
    (
        "code: q7,",
        "code: Q7,",
        "'Q7' ei kelpaa koodiksi: siinä saa olla vain pieniä kirjaimia a–z, numeroita ja _ "
        "(enintään 40), ja sen pitää alkaa kirjaimella.",
    ),
    (
        "title: Oma lomake",
        "title: [Oma]",
        "Tähän kuuluu teksti tai tekstit kielittäin (fi/sv/en/selko), mutta löytyi: luettelo.",
    ),
    (
        "title: Oma lomake",
        "title: {fi: Oma lomake, se: Unna}",
        "Tuntematon kieli 'se' (sallitut: fi, sv, en, selko).",
    ),
    (
        "title: Oma lomake",
        "title: {fi: Oma lomake, sv: ' '}",
        "Tähän kuuluu teksti, joka ei ole tyhjä.",
    ),
    ("title: Oma lomake", "title: {sv: Egen}", "Suomenkielinen teksti (fi) puuttuu."),
    ("required: true", "required: joo", "Tähän kuuluu true tai false, ei 'joo'."),
    (
        "min_choices: 2",
        "min_choices: 1",
        "Tähän kuuluu kokonaisluku, joka on vähintään 2, ei 1.",
    ),
    (
        'number: "1."',
        "number: [1]",
        'Tulostettavan numeron pitää olla teksti, esimerkiksi "7.", ei [1].',
    ),
    (
        "        rows:\n          - {code: q2_1, text: Eka}\n          - {code: q2_2, text: Toka}",
        "        rows:",
        "Tähän kuuluu luettelo, jossa on ainakin yksi kohta, mutta löytyi: ei mitään.",
    ),
    (
        "      - {code: kunta,",
        "  - code: s1\n    items:\n      - {code: kunta,",
        "Osion koodi 's1' on käytössä kahdesti.",
    ),
    ("{code: q3,", "{code: q2,", "Kysymyksen tai rivin koodi 'q2' on käytössä kahdesti."),
    ("{code: muu, label", "{code: lehti, label", "Vaihtoehdon koodi 'lehti' on käytössä kahdesti."),
    (
        "{code: hyva, label",
        "{code: heikko, label",
        "Arvosanaluokan koodi 'heikko' on käytössä kahdesti.",
    ),
    (
        "agreeing: [hyvin]",
        "agreeing: [hyvin, hyvin]",
        "Samaa mieltä -vaihtoehto 'hyvin' on mainittu kahdesti.",
    ),
    (
        "label: Lehdestä}",
        "label: Lehdestä, value: kolme}",
        "Tähän kuuluu kokonaisluku, ei 'kolme'.",
    ),
    ("version: 1\n", "version: 1\nlanguage: sv\n", "Lomakkeen pääkielen pitää olla 'fi', ei 'sv'."),
    (
        "      - {code: kunta,",
        "      - {code: kotikunta, type: choice, role: municipality, text: Kotikunta}\n"
        "      - {code: kunta,",
        "Vain yhdellä kysymyksellä voi olla rooli 'municipality'.",
    ),
    ('lines: ""', "lines: [1]", "Tähän kuuluu teksti."),
    (
        "min: 4, max: 6",
        "min: 6, max: 4",
        "Arvosanaluokan rajojen pitää olla arvosanoja 4–10 ja min ≤ max, nyt 6–4.",
    ),
    (
        "scales:\n  a3:",
        "scales: [a3]\nunused:\n  a3:",
        "Tähän kuuluvat asteikot koodeineen (koodi: asteikko), mutta löytyi: luettelo.",
    ),
    (
        "{code: vahan, label: Vähän, value: 1}",
        "{code: vahan, label: Vähän}",
        "Asteikon vaihtoehdolla pitää olla lukuarvo 'value' tai 'dont_know: true'.",
    ),
    (
        "type: text,",
        "type: slider,",
        "Tuntematon kysymystyyppi 'slider' (sallitut: grade, section_grade, scale, matrix, "
        "choice, multi, text, score, pairing).",
    ),
    (
        "scale: a3\n        text: Arvioi",
        "scale: a5\n        text: Arvioi",
        "Asteikkoa 'a5' ei ole määritelty kohdassa 'scales'.",
    ),
    (
        "agreeing: [hyvin]",
        "agreeing: hyvin",
        "Tähän kuuluu luettelo vaihtoehtojen koodeista, mutta löytyi: teksti.",
    ),
    (
        "agreeing: [hyvin]",
        "agreeing: [paljon]",
        "'paljon' ei ole mikään vaihtoehdoista (hyvin, vahan, eos).",
    ),
    (
        "agreeing: [hyvin]",
        "agreeing: [eos]",
        "'eos' on ”en osaa sanoa” -vaihtoehto, joten sitä ei voi laskea samaa mieltä olevaksi.",
    ),
    (
        "        text: Mistä kuulit?\n",
        "        text: Mistä kuulit?\n        agreeing: [lehti, muu]\n",
        "Kaikki vaihtoehdot on laskettu samaa mieltä oleviksi: jätä ainakin yksi pois.",
    ),
    (
        "role: municipality",
        "role: kotikunta",
        "Tuntematon rooli 'kotikunta' (sallitut: municipality).",
    ),
    (
        "text: Paikkakunta}",
        "text: Paikkakunta, options: [{code: a, label: A}]}",
        "Kuntakysymyksen vaihtoehdot tulevat kyselyn kunnista: poista 'options'.",
    ),
    (
        "text: Paikkakunta}",
        "text: Paikkakunta, agreeing: [muu]}",
        "Kuntakysymyksessä ei voi olla samaa mieltä -vaihtoehtoja (agreeing).",
    ),
    (
        "type: section_grade, text: Osion arvosana}",
        "type: grade, text: Osion arvosana, overall: true}",
        "Vain yksi arvosanakysymys voi olla kokonaisarvosana 'overall: true' (nyt arvosana, osio).",
    ),
    (
        "code: q5\n",
        f"code: {LONG}\n",
        f"Koodi '{LONG}.pelit' (kysymyksen koodi, piste, vaihtoehdon koodi) on 44 merkkiä pitkä; "
        "enintään 40 merkkiä.",
    ),
    (
        "{code: pelit, label: Pelasin}",
        "{code: pelit, label: Pelasin, value: 1}",
        "Monivalintakysymyksen vaihtoehdoilla ei ole lukuarvoa (value): poista se.",
    ),
    ("max_choices: 3", "max_choices: 4", "max_choices 4 on enemmän kuin vaihtoehtoja on (3)."),
    (
        "min_choices: 2\n        max_choices: 3",
        "min_choices: 3\n        max_choices: 2",
        "min_choices 3 on suurempi kuin max_choices (2).",
    ),
    ("kind: card", "kind: qr", "Tähän kuuluu jokin näistä: card, self, ei 'qr'."),
    (
        "kind: card}",
        "kind: card, required: true}",
        "Yhdistämiskoodiin vastaaminen on aina vapaaehtoista: poista required.",
    ),
    (
        "min: 0, max: 20",
        "min: 20, max: 20",
        "Suurin arvo (max) 20 ei ole suurempi kuin pienin arvo (min) 20.",
    ),
    (
        ", higher_is_better: true}",
        "}",
        "Kerro, onko suurempi pistemäärä parempi (true tai false): muutosraportti tarvitsee "
        "tiedon.",
    ),
    (
        "title: Oma lomake",
        "title: {fi: Oma lomake, sv: Egen blankett}",
        "Osa teksteistä on kielellä Svenska (sv) ja osa ei: käännä jokainen teksti.",
    ),
]


def located(lines: list[str], message: str) -> bool:
    """Whether ``message`` is a line of its own or follows its YAML line (and path)."""
    return any(
        line == message or (line.startswith("Rivi ") and line.endswith(f": {message}"))
        for line in lines
    )


@pytest.fixture
def finnish(client, db, coordinator):
    from tests.helpers import make_collection

    make_collection(db, "session_feedback")  # the valpas project
    client.get(f"{LIBRARY}?lang=fi")
    return client


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[case[2][:40] for case in CASES])
def test_each_structural_refusal_is_in_finnish_and_nothing_is_saved(
    finnish, db, old, new, expected
):
    assert FORM_YAML.count(old) == 1, old
    response = upload(finnish, FORM_YAML.replace(old, new).encode(), "oma.yaml")
    assert response.status_code == 422
    lines = error_lines(response.get_data(as_text=True))
    assert located(lines, expected), lines
    assert stored(db) == 0


def test_the_base_form_is_accepted(finnish, db):
    assert upload(finnish, FORM_YAML.encode(), "oma.yaml").status_code == 302
    assert stored(db) == 1


def test_a_yaml_error_names_its_line_and_path(finnish, db):
    response = upload(
        finnish, FORM_YAML.replace("required: true", "required: joo").encode(), "o.yaml"
    )
    (line,) = error_lines(response.get_data(as_text=True))
    number = (
        FORM_YAML.splitlines().index(
            next(x for x in FORM_YAML.splitlines() if "required: true" in x)
        )
        + 1
    )
    assert line == (
        f"Rivi {number}: sections[0] (s1).items[0] (arvosana).required: "
        "Tähän kuuluu true tai false, ei 'joo'."
    )


def test_a_structural_refusal_of_a_workbook_names_its_cell(finnish, db):
    survey = [
        {"type": "select_multiple tehty", "name": "q5", FI: "Mitä teit?", "max_choices": 3},
    ]
    choices = [{"list_name": "tehty", "name": n, FI: n.title()} for n in ("pelit", "kahvi")]
    response = upload(finnish, workbook(survey, choices, settings=FINNISH))
    assert response.status_code == 422
    assert error_lines(response.get_data(as_text=True)) == [
        "Taulukko survey, rivi 2, sarake B (name): max_choices 3 on enemmän kuin vaihtoehtoja on (2)."
    ]
    assert stored(db) == 0


def test_the_offending_value_is_shown_escaped(finnish, db):
    response = upload(
        finnish, FORM_YAML.replace("type: text,", "type: <b>x</b>,").encode(), "oma.yaml"
    )
    page = response.get_data(as_text=True)
    assert "<b>x</b>" not in page and "&#39;&lt;b&gt;x&lt;/b&gt;&#39;" in page
    assert located(
        error_lines(page),
        "Tuntematon kysymystyyppi '<b>x</b>' (sallitut: grade, section_grade, "
        "scale, matrix, choice, multi, text, score, pairing).",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Här ska det stå true eller false, inte 'joo'."),
        ("en", "expected true or false, got 'joo'"),
    ],
)
def test_the_message_follows_the_page_language(finnish, db, lang, expected):
    finnish.get(f"{LIBRARY}?lang={lang}")
    response = upload(
        finnish, FORM_YAML.replace("required: true", "required: joo").encode(), "o.yaml"
    )
    (line,) = error_lines(response.get_data(as_text=True))
    assert line.endswith(f".required: {expected}")
