"""The shipped municipality classification against its source, its file format, and loading it:
official codes, typed municipalities that become official ones, mergers."""

from __future__ import annotations

import collections
import datetime as dt

import pytest
from sqlalchemy import func, select

from surveyapp.core import classification
from surveyapp.core.models import (
    County,
    InstrumentVersion,
    Municipality,
    MunicipalityMerger,
    Response,
)
from tests.helpers import make_collection
from tests.helpers.data import count_responses

# Read from the cited source (geofi's data/municipality_key_2026.rda, itself from Statistics
# Finland's classification service; see surveyapp/data/SOURCE.md), not typed from memory:
# code -> (Finnish name, Swedish name, county code, county's Finnish name, language status).
SAMPLE = {
    "020": ("Akaa", "Ackas", "08", "Pirkanmaan hyvinvointialue", 0),
    "049": ("Espoo", "Esbo", "03", "Länsi-Uudenmaan hyvinvointialue", 1),
    "091": ("Helsinki", "Helsingfors", "90", "Helsingin kaupunki", 1),
    "478": ("Maarianhamina", "Mariehamn", "91", "Ahvenanmaa", 2),
    "494": ("Muhos", "Muhos", "19", "Pohjois-Pohjanmaan hyvinvointialue", 0),
    "545": ("Närpiö", "Närpes", "17", "Pohjanmaan hyvinvointialue", 3),
    "599": ("Pedersören kunta", "Pedersöre", "17", "Pohjanmaan hyvinvointialue", 3),
    "638": ("Porvoo", "Borgå", "01", "Itä-Uudenmaan hyvinvointialue", 1),
    "905": ("Vaasa", "Vasa", "17", "Pohjanmaan hyvinvointialue", 1),
}
# The same source's count of municipalities per county code (21 counties, Helsinki 90, Åland 91).
PER_COUNTY = {
    "01": 7, "02": 6, "03": 10, "04": 2, "05": 27, "06": 16, "07": 11, "08": 23, "09": 10,
    "10": 6, "11": 9, "12": 11, "13": 19, "14": 13, "15": 22, "16": 18, "17": 14, "18": 8,
    "19": 30, "20": 8, "21": 21, "90": 1, "91": 16,
}  # fmt: skip


@pytest.fixture(scope="module")
def shipped():
    return classification.parse(classification.SHIPPED.read_text(encoding="utf-8"))


def test_the_shipped_file_has_308_municipalities_in_21_counties_helsinki_and_aland(shipped):
    assert len(shipped) == 308
    assert classification.year_of(classification.SHIPPED) == 2026
    assert collections.Counter(r.county_code for r in shipped) == PER_COUNTY
    counties = {r.county_code for r in shipped}
    assert len(counties - {"90", "91"}) == 21


def test_a_sample_matches_the_source(shipped):
    rows = {r.code: r for r in shipped}
    for code, (fi, sv, county, county_fi, language) in SAMPLE.items():
        row = rows[code]
        assert (row.name_fi, row.name_sv, row.county_code, row.county_fi, row.language) == (
            fi,
            sv,
            county,
            county_fi,
            language,
        )


def test_shipped_mergers_resolve_to_todays_municipalities(shipped):
    pairs = classification.parse_mergers(classification.SHIPPED_MERGERS.read_text(encoding="utf-8"))
    resolved, unresolved = classification.successors(pairs, {r.code for r in shipped})
    # Source rows: 099 joined 214 (Honkajoki, Kankaanpää), 911 joined 541 (Valtimo, Nurmes).
    assert resolved["099"] == "214" and resolved["911"] == "541"
    # Added by hand with its citation (SOURCE.md): Pertunmaa joined Mäntyharju on 1.1.2025.
    assert resolved["588"] == "507"
    # 565 was split between several municipalities: no single successor.
    assert "565" in unresolved and "565" not in resolved
    assert set(resolved.values()) <= {r.code for r in shipped}


def test_successors_follow_later_mergers():
    resolved, unresolved = classification.successors(
        [("001", "002"), ("002", "003"), ("004", "005"), ("004", "006"), ("007", "999")],
        {"003", "005", "006"},
    )
    assert resolved == {"001": "003", "002": "003"}
    assert unresolved == {"004", "007"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name\n", "the first line must be"),
        (
            "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n"
            "49,Espoo,Esbo,03,L,V,1\n",
            "line 2: codes are three",
        ),
        (
            "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n"
            "049,Espoo,Esbo,03,L,V,7\n",
            "line 2: language",
        ),
        (
            "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n049,Espoo,,03,L,V,1\n",
            "line 2: every column",
        ),
        (
            "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n"
            "049,Espoo,Esbo,03,L,V,1\n092,Vantaa,Vanda,03,X,V,1\n",
            "line 3: county 03 named differently",
        ),
        (
            "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n"
            "049,Espoo,Esbo,03,L,V,1\n049,Espoo,Esbo,03,L,V,1\n",
            "the same code twice",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_its_line(text, message):
    with pytest.raises(classification.ClassificationError, match=message):
        classification.parse(text, "f.csv")


def test_loading_twice_changes_nothing_and_keeps_typed_places_that_match_none(db):
    make_collection(db, "session_feedback", municipalities=("kemijarvi",))
    db.add(Municipality(code="tuntematon", name="Ei kunta"))
    first = classification.load_shipped(db)
    db.commit()
    assert first.added == 307  # Kemijärvi was typed: it took its official code instead
    assert first.adopted == ("kemijarvi",)
    assert db.scalar(select(func.count()).select_from(County)) == 23
    again = classification.load_shipped(db)
    assert (again.added, again.changed, again.adopted) == (0, 0, ())
    assert [m.code for m in classification.unmapped(db)] == ["tuntematon"]
    assert classification.loaded(db)


def test_a_typed_municipality_becomes_the_official_one_and_keeps_its_answers(db):
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    db.add(InstrumentVersion(instrument_id="session_feedback", version=1, content_hash="0" * 64))
    db.flush()
    db.add(
        Response(
            collection_id=collection.id,
            instrument_id="session_feedback",
            instrument_version=1,
            municipality_code="muhos",
            channel="paper",
            period_start=dt.date(2026, 11, 2),
            period_precision="week",
        )
    )
    db.commit()
    classification.load_shipped(db)
    db.commit()
    db.expire_all()
    assert sorted(m.code for m in collection.municipalities) == ["494", "889"]
    muhos = db.get(Municipality, "494")
    assert (muhos.name, muhos.name_sv, muhos.county.name_sv) == (
        "Muhos",
        "Muhos",
        "Norra Österbottens välfärdsområde",
    )
    # The stored response keeps its code; the merger makes it count under 494.
    assert db.scalar(select(Response.municipality_code)) == "muhos"
    assert classification.current_codes(db)["muhos"] == "494"
    assert db.get(MunicipalityMerger, "099").new_code == "214"
    assert count_responses(db) == 1
