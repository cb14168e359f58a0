"""The client forms in Swedish, English and plain-language Finnish (selko): complete, and the same codes as before.

The four forms were Finnish only up to version 1. Version 2 adds the other versions without touching an
item or option code, so answers given in any version pool into the same results.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import shipped_instruments

INSTRUMENTS = shipped_instruments()

CLIENT_FORMS = [
    "esy_client_eval",
    "kuusamo_elamantilanteen_arviointi",
    "essote_client_satisfaction",
]
TRANSLATED = [*CLIENT_FORMS, "esy_worker_eval"]

# The answer codes of version 1, written out: "item: option codes", "matrix: row codes | option codes".
A5 = "erittain_hyvin hyvin jonkin_verran vahan ei_lainkaan"
CODES = {
    "esy_client_eval": [
        "q1: erittain_hyva hyva ihan_ok huono erittain_huono",
        "q2: sopivasti_tapaamisia liian_vahan liian_paljon en_osaa_sanoa",
        "q3: liian_lyhyt liian_pitka sopiva en_osaa_sanoa",
        "q4: ei_auttanut jonkin_verran paljonkin",
        "q5: kylla ei osittain",
        "q6:",
        "q7:",
        "q8:",
        "q9:",
        f"q10: q10_1 q10_2 q10_3 q10_4 q10_5 q10_6 q10_7 q10_8 | {A5}",
        "q11: kylla ei",
    ],
    "esy_worker_eval": [
        "q1:",
        "q2:",
        "q3:",
        "q4:",
        "q5:",
        "q6:",
        f"q7: q7_1 q7_2 q7_3 q7_4 q7_5 q7_6 | {A5}",
        "q8:",
        "q9: todennakoisesti_kylla en_osaa_sanoa todennakoisesti_en",
        "q9_perustelut:",
    ],
    "kuusamo_elamantilanteen_arviointi": [
        *(f"a{n}:" for n in range(1, 10)),
        "a_kokonaisarvio:",
        *(f"b{n}:" for n in range(1, 11)),
        "b_kokonaisarvio_oma:",
        "b_kokonaisarvio_perhe:",
    ],
    "essote_client_satisfaction": [
        "asiakkuus: aikuissosiaalityo mipa_sosiaalityo",
        "vaittamat: asiallinen_kohtelu kuulluksi_tuleminen mielipiteen_huomioiminen tavoitettavuus vastaanottoaika "
        "tieto_avusta palvelujen_riittavyys kehittajaasiakkuus kohdatuksi_tuleminen avun_saaminen "
        "| taysin_eri osittain_eri ei_samaa_eika_eri osittain_samaa taysin_samaa",
    ],
}


def answer_codes(instrument) -> list[str]:
    lines = []
    for item in instrument.items():
        options = getattr(item, "options", ()) or getattr(
            getattr(item, "scale", None), "options", ()
        )
        rows = [row.code for row in getattr(item, "rows", ())]
        codes = [o.code for o in options]
        lines.append(f"{item.code}: " + " ".join(rows + ["|"] + codes if rows else codes))
    return [line.rstrip() for line in lines]


def plain_texts(instrument) -> list[str]:
    """Every selko text shown on the form (bands are not shown, so they need none)."""
    texts = [instrument.title, instrument.closing, instrument.intro]
    for section in instrument.sections:
        texts += [section.heading, section.intro]
        for item in section.items:
            texts += [item.text, item.help, *(row.text for row in getattr(item, "rows", ()))]
            options = getattr(item, "options", ()) or getattr(
                getattr(item, "scale", None), "options", ()
            )
            texts += [o.label for o in options]
    return [t.selko for t in texts if t is not None]


@pytest.mark.parametrize("instrument_id", TRANSLATED)
def test_every_text_is_in_swedish_and_english(instrument_id):
    """A text without Swedish (or English) takes the language off the form's first screen; this fails first."""
    form = INSTRUMENTS[instrument_id]
    assert form.version == 2
    assert form.languages == ("fi", "sv", "en")
    assert all(band.label.has("sv") and band.label.has("en") for band in form.bands)
    assert "project's own translations" in " ".join(form.source.notes.split())


@pytest.mark.parametrize("instrument_id", TRANSLATED)
def test_answer_codes_are_those_of_version_1(instrument_id):
    assert answer_codes(INSTRUMENTS[instrument_id]) == CODES[instrument_id]


@pytest.mark.parametrize("instrument_id", CLIENT_FORMS)
def test_client_forms_have_a_plain_language_version(instrument_id):
    form = INSTRUMENTS[instrument_id]
    assert form.plain_language
    notes = " ".join(form.source.notes.split())
    assert (
        "selko texts are adaptations written for this service after the Selkokeskus guidance"
        in notes
    )


@pytest.mark.parametrize("instrument_id", CLIENT_FORMS)
def test_plain_language_texts_follow_the_guidance(instrument_id):
    """No capitals, no paper-only ticking instructions, short sentences."""
    for text in plain_texts(INSTRUMENTS[instrument_id]):
        assert text != text.upper(), text
        assert not re.search(r"rastit|rasti ruutuun|\(X\)", text, re.I), text
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 12, sentence


def test_worker_form_stays_without_plain_language():
    """Selko is for clients; the worker form is offered in Finnish, Swedish and English."""
    assert not INSTRUMENTS["esy_worker_eval"].plain_language


def test_finnish_texts_are_still_word_for_word():
    """A sample of the paper's wording, typos and capitals included, next to the new versions."""
    esy = INSTRUMENTS["esy_client_eval"]
    assert esy.title.fi == "SOSIAALISEN KUNTOUTUKSEN PILOTOINTI: ESY-TYÖMENETELMÄN ARVIOINTI"
    assert esy.item("q1").text.fi.endswith("työskentely sinulle oli ?")
    assert esy.item("q4").text.get("sv") == (
        "Hjälpte den här arbetsmodellen dig att bättre förstå din livssituation? "
        "Kryssa för (X) ditt val och motivera kort."
    )
    assert "Rastita" not in esy.item("q4").text.get("selko")
    kuusamo = INSTRUMENTS["kuusamo_elamantilanteen_arviointi"]
    assert kuusamo.item("a1").text.fi == "PÄIVÄRYTMIN SÄÄNNÖLLISYYS"
    assert kuusamo.item("a1").text.get("sv") == "En regelbunden dygnsrytm"
    assert kuusamo.sections[0].heading.get("selko") == "Miten arki sujuu?"
    essote = INSTRUMENTS["essote_client_satisfaction"]
    assert [o.label.get("sv") for o in essote.item("vaittamat").scale.options] == [
        "helt av annan åsikt",
        "delvis av annan åsikt",
        "varken av samma eller annan åsikt",
        "delvis av samma åsikt",
        "helt av samma åsikt",
    ]
