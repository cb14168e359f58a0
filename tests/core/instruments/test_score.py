"""The score item type: a licensed measure's total in its declared range, its results and its change."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from surveyapp.core import change_report, pairing_codes, reports, results, submission, waves
from surveyapp.core.instruments.answers import AnswerValue, parse
from surveyapp.core.instruments.types.score import SCORE, ScoreItem
from tests.helpers import PAIRING_KEY, WAVE_FORM, make_collection, wave_form

SCORED = WAVE_FORM.replace(
    "      - code: kommentti\n",
    "      - code: kykyviisari\n"
    '        number: "5."\n'
    "        type: score\n"
    "        text: Kykyviisarin kokonaispistemäärä\n"
    "        min: 0\n"
    "        max: 100\n"
    "        higher_is_better: true\n"
    "      - code: kommentti\n",
)


@pytest.fixture
def form(tmp_path):
    return wave_form(tmp_path, form=SCORED)


def test_the_loader_reads_a_score_item(form):
    item = form.item("kykyviisari")
    assert isinstance(item, ScoreItem) and item.unit is SCORE
    assert (item.min, item.max, item.higher_is_better) == (0, 100, True)
    assert SCORE.codebook(item)[0][3:5] == ["score", "0–100"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("max: 100", "max: 0 is not more than min (0)"),
        ("higher_is_better: true", "higher_is_better: say whether a higher score is better"),
        ("min: 0", "min: expected a whole number, got '0'"),
    ],
)
def test_a_broken_score_item_is_refused(tmp_path, change, message):
    from surveyapp.core.instruments.loader import load_directory

    broken = {
        "max: 100": "max: 0",
        "higher_is_better: true": "higher_is_better: 1",
        "min: 0": "min: '0'",
    }[change]
    (tmp_path / "muutos.yaml").write_text(SCORED.replace("KIND", "card").replace(change, broken))
    _instruments, errors = load_directory(tmp_path, check_lock=False)
    assert len(errors) == 1 and message in str(errors[0])


@pytest.mark.parametrize(("typed", "stored"), [("0", "0"), (" 100 ", "100"), ("57", "57")])
def test_a_score_in_range_is_stored_as_its_number(form, typed, stored):
    parsed = parse(form, {"kykyviisari": typed})
    assert parsed.ok and parsed.answers == [AnswerValue("kykyviisari", choice_code=stored)]


@pytest.mark.parametrize("typed", ["101", "-1", "5,5", "viisi", "1e2"])
def test_a_score_out_of_range_or_not_whole_is_refused(form, typed):
    parsed = parse(form, {"kykyviisari": typed, "arvosana": "8"})
    assert [(e.field, e.code, e.params) for e in parsed.errors] == [
        ("kykyviisari", "score", {"min": 0, "max": 100})
    ]
    assert parsed.answers == [AnswerValue("arvosana", grade=8)]


def send(db, collection, instrument, fields):
    result = submission.submit(
        db,
        collection,
        instrument,
        {name: [value] for name, value in fields.items()},
        channel="web",
        day=dt.date(2026, 3, 4),
        precision="week",
        keyed=False,
        pairing_key=PAIRING_KEY,
    )
    assert result.stored
    db.commit()


def test_scores_are_counted_and_their_change_is_reported(db, form):
    start, end = make_collection(db, "muutos", "alku"), make_collection(db, "muutos", "loppu")
    series = waves.declare(db, start, "Sarja", "alku")
    waves.add_wave(db, series, end, "loppu")
    codes = pairing_codes.sheet(10)
    before = [40, 55, 60, 35, 70, 50, 45, 65, 30, 52]
    after = [48, 55, 66, 30, 80, 58, 45, 75]
    for code, score in zip(codes, before, strict=True):
        send(db, start, form, {"koodi": code, "kykyviisari": str(score)})
    for code, score in zip(codes, after, strict=False):
        send(db, end, form, {"koodi": code, "kykyviisari": str(score)})
    for score in (20, 90, 61, 33, 77):
        send(db, end, form, {"koodi.none": "1", "kykyviisari": str(score)})
    scope = reports.Scope(form.id, (start.id,))
    dashboard = results.for_scope(db, form, scope, reports.Filters(), min_cell=5)
    [shown] = [r for r in dashboard.items if r.item.code == "kykyviisari"]
    assert (shown.options.n, shown.options.mean) == (10, Fraction(sum(before), 10))
    [pair] = change_report.report(db, waves.waves(db, series), form, PAIRING_KEY, 5)
    [score] = [i for i in pair.items if i.item.code == "kykyviisari"]
    differences = [a - b for a, b in zip(after, before, strict=False)]
    assert score.change.n == 8
    assert score.change.mean_change == Fraction(sum(differences), 8)
    assert score.change.improved == Fraction(sum(d > 0 for d in differences), 8)
    assert score.change.worse == Fraction(sum(d < 0 for d in differences), 8)
