"""Imported answers carry their pairing codes as the web form stores them; a mistyped card code
refuses the whole file naming its row; exports still carry no code."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from surveyapp.core import exports, imports, pairing, pairing_codes, submission
from surveyapp.core.models import PairingCode, Response
from tests.helpers import PAIRING_KEY, make_collection, mistyped, wave_form

CODES = pairing_codes.sheet(3)


@pytest.fixture
def form(tmp_path):
    return wave_form(tmp_path)


def csv_of(instrument, rows: list[dict]) -> bytes:
    columns = [*exports.header(instrument), "koodi", "koodi.none"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=";")
    writer.writeheader()
    for row in rows:
        fixed = {"instrument": instrument.id, "version": instrument.version, "period": "2026-03"}
        writer.writerow(fixed | {"municipality": "muhos"} | row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def import_rows(db, collection, instrument, rows):
    return imports.import_csv(
        db,
        collection,
        instrument,
        csv_of(instrument, rows),
        (),
        precision="week",
        pairing_key=PAIRING_KEY,
    )


def test_imported_codes_are_sealed_as_the_web_forms_and_pair_with_them(db, form):
    start, end = make_collection(db, "muutos", "alku"), make_collection(db, "muutos", "loppu")
    rows = [
        {"koodi": pairing_codes.printed(CODES[0]), "arvosana": "6"},
        {"koodi": pairing_codes.printed(CODES[1]).lower().replace("-", " "), "arvosana": "7"},
        {"koodi.none": "1", "arvosana": "8"},
        {"arvosana": "9"},
    ]
    assert import_rows(db, start, form, rows) == (4, [])
    for code in CODES:
        result = submission.submit(
            db,
            end,
            form,
            {"koodi": [code], "arvosana": ["8"]},
            channel="web",
            day=dt.date(2026, 6, 1),
            precision="week",
            keyed=False,
            pairing_key=PAIRING_KEY,
        )
        assert result.stored
    db.flush()
    sealed = db.scalars(
        select(PairingCode.sealed).join(Response).where(Response.collection_id == start.id)
    ).all()
    assert sorted(pairing.unseal(s, PAIRING_KEY) for s in sealed) == sorted(
        pairing_codes.keyed_hash(c, PAIRING_KEY) for c in CODES[:2]
    )
    assert len(pairing.paired(db, start.id, end.id, PAIRING_KEY).pairs) == 2
    # The export carries neither the code nor its hash.
    assert "koodi" not in exports.header(form)


def test_a_mistyped_card_code_names_its_row_and_nothing_is_stored(db, form):
    start = make_collection(db, "muutos", "alku")
    rows = [
        {"koodi": pairing_codes.printed(CODES[0]), "arvosana": "6"},
        {"koodi": mistyped(CODES[1]), "arvosana": "7"},
        {"koodi": "ACD", "arvosana": "7"},
    ]
    stored, errors = import_rows(db, start, form, rows)
    assert stored == 0
    assert [str(e) for e in errors] == [
        "row 3: koodi: the pairing code does not check: a character is mistyped; compare it with "
        "the card, or leave the cell empty",
        "row 4: koodi: a pairing code has six letters and digits and a check character "
        "(e.g. ACD-EF3X); correct it, or leave the cell empty",
    ]
    db.flush()
    assert db.scalar(select(func.count()).select_from(Response)) == 0
    assert db.scalar(select(func.count()).select_from(PairingCode)) == 0
