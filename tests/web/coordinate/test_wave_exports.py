"""Nothing in the database or in any export links two waves' answers without the pairing key: no
code, no hash, no shared value; the paired export's numbers are new in every export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import Counter

import pytest
from sqlalchemy import MetaData, select

from surveyapp.core import pairing, pairing_codes, submission, waves
from surveyapp.core.models import PairingCode, Response
from tests.helpers import PAIRING_KEY, make_collection, serve_also, wave_form

CODES = pairing_codes.sheet(10)


@pytest.fixture
def series(app, db, tmp_path, coordinator):
    instrument = wave_form(tmp_path)
    serve_also(app, instrument)
    app.config["PAIRING_KEY"] = PAIRING_KEY.decode()
    start, end = make_collection(db, "muutos", "alku"), make_collection(db, "muutos", "loppu")
    declared = waves.declare(db, start, "Sarja", "alku")
    waves.add_wave(db, declared, end, "loppu")
    db.commit()
    for collection, grade in ((start, 6), (end, 8)):
        for i, code in enumerate(CODES):
            fields = {"arvosana": str(grade), "koodi": code if i < 8 else ""}
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
    return start, end


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def secrets_of(db) -> set[str]:
    """Every form the codes take: as typed, printed, hashed, and the sealed values kept."""
    found = {c for code in CODES for c in (code, pairing_codes.printed(code))}
    found |= {pairing_codes.keyed_hash(code, PAIRING_KEY) for code in CODES}
    found |= set(db.scalars(select(PairingCode.sealed)))
    return found


def test_no_export_holds_a_code_or_its_hash_and_pairs_are_numbered_anew(client, db, series):
    hidden = secrets_of(db)
    downloads = {}
    for slug in ("alku", "loppu"):
        for name in ("vastaukset.csv", "koodikirja.csv", "vastaukset.xlsx"):
            response = client.get(f"/coordinate/c/{slug}/{name}")
            assert response.status_code == 200, (slug, name)
            downloads[(slug, name)] = response.data
    paired = [client.get("/coordinate/c/alku/parit.csv").data for _ in range(3)]
    for key, data in [*downloads.items(), *((("parit", i), d) for i, d in enumerate(paired))]:
        texts = [data.decode("utf-8", "replace")]
        if key[1] == "vastaukset.xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                texts = [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
        for text in texts:
            assert not any(secret in text.upper() or secret in text for secret in hidden), key
    for slug in ("alku", "loppu"):
        header = rows(downloads[(slug, "vastaukset.csv")])[0].keys()
        assert not [c for c in header if c.startswith("koodi")]
    tables = [rows(data) for data in paired]
    for table in tables:
        assert "response" not in table[0]
        numbers = Counter(row["pair"] for row in table)
        assert numbers.pop("") == 4  # two without a code in each wave
        assert sorted(numbers) == [str(n) for n in range(1, 9)]
        assert set(numbers.values()) == {2}
        for row in table:
            if row["pair"]:
                partner = [r for r in table if r["pair"] == row["pair"] and r is not row]
                assert {row["wave"], partner[0]["wave"]} == {"alku", "loppu"}
    # A fresh random numbering each time (8! orders: three the same by chance 1 in 1,6 · 10⁹).
    assert len({tuple(r["pair"] for r in table) for table in tables}) > 1


def test_no_value_in_the_database_is_shared_by_the_two_waves_answers(db, series):
    start, end = series
    ids = {
        c.id: set(db.scalars(select(Response.id).where(Response.collection_id == c.id)))
        for c in (start, end)
    }
    metadata = MetaData()
    metadata.reflect(bind=db.get_bind())
    values: dict[str, set[str]] = {start.id: set(), end.id: set()}
    for table in metadata.sorted_tables:
        for row in db.execute(select(table)).all():
            cells = {str(v) for v in row if v is not None}
            for collection_id, responses in ids.items():
                if cells & responses:
                    values[collection_id] |= {c for c in cells if len(c) >= 16}
    shared = values[start.id] & values[end.id]
    assert shared == set(), shared
    # With the key, and only with it, the same 8 people are found in both.
    assert len(pairing.paired(db, start.id, end.id, PAIRING_KEY).pairs) == 8
