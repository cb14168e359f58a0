"""The change report's PDF and JSON: the page's protected figures, checked against values computed
here from the answers sent."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest

from surveyapp.core import pairing_codes, submission, waves
from tests.helpers import PAIRING_KEY, make_collection, pdf_text, serve_also, wave_form

# Student's t, two-sided 95 %, 5 degrees of freedom (statistical tables: 2.5706).
T_5 = Decimal("2.570581835636314")
START = [6, 7, 5, 8, 6, 7, 9, 4]
END = [8, 7, 7, 9, 6, 9]  # the first six at the start, with their codes again
UNPAIRED_END = [9, 9, 9]


def half_up(value, places: int) -> float:
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else value
    )
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


@pytest.fixture
def series(app, db, tmp_path, coordinator):
    instrument = wave_form(tmp_path)
    serve_also(app, instrument)
    app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    start, end = make_collection(db, "muutos", "alku"), make_collection(db, "muutos", "loppu")
    declared = waves.declare(db, start, "Ryhmä 2026", "alku")
    waves.add_wave(db, declared, end, "loppu")
    codes = pairing_codes.sheet(len(START))
    sent = [(start, {"koodi": c, "arvosana": g, "jaksaminen": 7}) for c, g in zip(codes, START)]
    sent += [(end, {"koodi": c, "arvosana": g}) for c, g in zip(codes, END)]
    sent += [(end, {"koodi.none": "1", "arvosana": g}) for g in UNPAIRED_END]
    for collection, fields in sent:
        result = submission.submit(
            db,
            collection,
            instrument,
            {name: [str(value)] for name, value in fields.items()},
            channel="web",
            day=dt.date(2026, 3, 4),
            precision="week",
            keyed=False,
            pairing_key=PAIRING_KEY,
        )
        assert result.stored
    db.commit()


def expected_arvosana() -> dict:
    differences = [after - before for before, after in zip(START, END)]
    n = len(differences)
    mean = Fraction(sum(differences), n)
    variance = sum((d - mean) ** 2 for d in differences) / (n - 1)
    with localcontext() as context:
        context.prec = 28
        half = T_5 * (Decimal(variance.numerator) / Decimal(variance.denominator) / n).sqrt()
        centre = Decimal(mean.numerator) / Decimal(mean.denominator)
        low, high = centre - half, centre + half
    return {
        "n": n,
        "mean_change": half_up(mean, 2),
        "ci95_low": half_up(low, 2),
        "ci95_high": half_up(high, 2),
        "improved_percent": half_up(Fraction(sum(d > 0 for d in differences) * 100, n), 1),
        "unchanged_percent": half_up(Fraction(differences.count(0) * 100, n), 1),
        "worse_percent": half_up(Fraction(sum(d < 0 for d in differences) * 100, n), 1),
    }


def test_the_json_gives_the_pages_protected_figures(client, series):
    data = client.get("/coordinate/c/alku/muutos.json").get_json()
    assert (data["collection"], data["series"], data["min_cell"]) == ("alku", "Ryhmä 2026", 5)
    [pair] = data["pairs"]
    paired, answered = len(END), [len(START), len(END) + len(UNPAIRED_END)]
    assert (pair["first"], pair["second"], pair["shown"]) == ("alku", "loppu", True)
    assert (pair["paired"], pair["answered"]) == (paired, answered)
    assert pair["match_rate_percent"] == [half_up(Fraction(paired * 100, a), 1) for a in answered]
    arvosana, jaksaminen = pair["items"]
    assert arvosana == {
        "code": "arvosana",
        "number": "2.",
        "text": "Millaisen arvosanan antaisit elämällesi nyt?",
        "n_text": "6",
        **expected_arvosana(),
    }
    assert arvosana["mean_change"] == 1.17 and arvosana["ci95_low"] == 0.13
    # Nobody answered jaksaminen at the end: no change, only "< 5".
    assert jaksaminen == {
        "code": "jaksaminen",
        "number": "3.",
        "text": "Millaisen arvosanan antaisit jaksamisellesi?",
        "n": None,
        "n_text": "< 5",
    }


def test_the_pdf_prints_the_same_figures_in_the_print_language(client, series):
    response = client.get("/coordinate/c/alku/muutos.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data).replace("\xa0", " ")
    figures = expected_arvosana()

    def fi(value: float, places: int) -> str:
        return f"{value:.{places}f}".replace(".", ",")

    assert "Muutos mittauskertojen välillä: Ryhmä 2026" in text
    for value in (figures["mean_change"], figures["ci95_low"], figures["ci95_high"]):
        assert f"+{fi(value, 2)}" in text
    for key in ("improved_percent", "unchanged_percent", "worse_percent"):
        assert f"{fi(figures[key], 1)} %" in text
    assert "75,0 %" in text and "66,7 %" in text
    swedish = pdf_text(client.get("/coordinate/c/alku/muutos.pdf?lang=sv").data)
    assert "Förändring mellan mätomgångarna: Ryhmä 2026" in swedish
    assert "+1,17" in swedish


def test_without_a_series_the_files_are_not_found(client, db, coordinator):
    make_collection(db, "session_feedback", "palaute")
    assert client.get("/coordinate/c/palaute/muutos.json").status_code == 404
    assert client.get("/coordinate/c/palaute/muutos.pdf").status_code == 404
