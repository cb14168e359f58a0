"""Historical data: import in the export format, results as JSON, and back out without loss."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from surveyapp.core import demo
from surveyapp.core.exports import header, neutralise
from surveyapp.core.models import Response
from tests.helpers import VALPAS, add_coordinator, log_in, make_app, make_collection

TEXTS = [
    "=SUMMA(A1:A9)",
    "Rivi yksi\nrivi kaksi",
    'Puolipiste; ja "lainaus"',
    "+358 40 123",
    "@kaikki",
]


@pytest.fixture
def app4(database_url, tmp_path):
    """MIN_CELL 4, so that all four VALPAS municipalities of 2019 are shown."""
    app = make_app(database_url, tmp_path, MIN_CELL=4)
    yield app
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def partner_csv(instrument, change=None) -> bytes:
    columns = header(instrument)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    i = 0
    for place, counts in demo.PARTNER_GRADES.items():
        for grade in demo.expand(counts):
            row = {
                "response": f"old{i}",
                "collection": "vanha",
                "instrument": "valpas_partner_survey",
                "version": str(instrument.version),
                "municipality": place,
                "channel": "paper",
                "period": "2019-W12",
                "paikkakunta": place,
                "kokonaisarvosana": str(grade),
                "perustelu": TEXTS[i % len(TEXTS)] if i < 10 else "",
            }
            if change:
                change(i, row)
            writer.writerow([neutralise(row.get(c, "")) for c in columns])
            i += 1
    return buffer.getvalue().encode("utf-8-sig")


def test_import_results_export_round_trip(app4, tmp_path):
    instrument = app4.extensions["surveyapp.instruments"]["valpas_partner_survey"]
    with app4.extensions["surveyapp.db"]() as db:
        make_collection(db, "valpas_partner_survey", slug="kumppanit", municipalities=tuple(VALPAS))
    source = tmp_path / "kevat2019.csv"
    source.write_bytes(partner_csv(instrument))
    runner = app4.test_cli_runner()
    result = runner.invoke(args=["responses", "import", "--collection", "kumppanit", str(source)])
    assert (result.exit_code, result.output) == (0, "imported 35 responses into kumppanit\n")

    figures = json.loads(
        runner.invoke(args=["results", "--collection", "kumppanit", "--by", "municipality"]).output
    )
    grade = next(item for item in figures["items"] if item["code"] == "kokonaisarvosana")
    assert (figures["n"], grade["n"], grade["mean"], grade["bands"]["hyva"]) == (
        35,
        35,
        8.17,
        {"n": 24, "percent": 68.6},
    )
    assert [(g["group"], g["n"], g["share_percent"]) for g in figures["groups"]] == [
        ("kemijarvi", 15, 42.9),
        ("muhos", 7, 20.0),
        ("pudasjarvi", 9, 25.7),
        ("utajarvi", 4, 11.4),
    ]
    assert sorted(next(i for i in figures["items"] if i["code"] == "perustelu")["texts"]) == sorted(
        TEXTS * 2
    )

    client = app4.test_client()
    with app4.extensions["surveyapp.db"]() as db:
        add_coordinator(db)
        assert log_in(client).status_code == 302
    exported = client.get("/coordinate/c/kumppanit/vastaukset.csv").data

    def rows(data):
        table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        return sorted(
            tuple((k, v) for k, v in row.items() if k not in ("response", "collection", "channel"))
            for row in table
        )

    assert rows(exported) == rows(source.read_bytes())
    assert {
        row["channel"]
        for row in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";")
    } == {"import"}
    assert b"'=SUMMA(A1:A9)" in exported and b"'+358 40 123" in exported and b"'@kaikki" in exported


def test_import_refuses_the_whole_file_on_any_bad_row(app4, tmp_path):
    instrument = app4.extensions["surveyapp.instruments"]["valpas_partner_survey"]
    with app4.extensions["surveyapp.db"]() as db:
        make_collection(db, "valpas_partner_survey", slug="kumppanit", municipalities=tuple(VALPAS))

    def spoil(i, row):
        if i == 2:
            row["kokonaisarvosana"] = "11"
        if i == 4:
            row["period"] = "kevät 2019"

    bad = tmp_path / "bad.csv"
    bad.write_bytes(partner_csv(instrument, spoil))
    result = app4.test_cli_runner().invoke(
        args=["responses", "import", "--collection", "kumppanit", str(bad)]
    )
    assert result.exit_code == 1
    assert f"{bad}: row 4: kokonaisarvosana: grade must be 4–10" in result.output
    assert (
        f"{bad}: row 6: period 'kevät 2019' is not like 2019-W12, 2019-03 or 2019-03-20"
        in result.output
    )
    with app4.extensions["surveyapp.db"]() as db:
        assert db.scalar(select(func.count()).select_from(Response)) == 0
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(
        "response;collection;instrument;version;municipality;channel;period;ip\r\n",
        encoding="utf-8-sig",
    )
    result = app4.test_cli_runner().invoke(
        args=["responses", "import", "--collection", "kumppanit", str(unknown)]
    )
    assert result.exit_code == 1 and "row 1: unknown column 'ip'" in result.output


def test_results_json_applies_small_group_protection(runner, db, app):
    demo.load(db, app.extensions["surveyapp.instruments"])
    db.commit()
    figures = json.loads(
        runner.invoke(
            args=["results", "--collection", "valpas-kumppanit-2019", "--by", "municipality"]
        ).output
    )
    assert [(g["group"], g["n"], g["members"]) for g in figures["groups"]] == [
        ("kemijarvi", 15, None),
        ("pudasjarvi", 9, None),
        ("muut", 11, ["muhos", "utajarvi"]),
    ]
    assert "utajarvi" not in json.dumps(
        next(i for i in figures["items"] if i["code"] == "paikkakunta")["groups"][:2]
    )
    steering = json.loads(
        runner.invoke(args=["results", "--collection", "valpas-ohjausryhma-2017"]).output
    )
    assert steering["items"][0]["mean"] == 9.17


@pytest.mark.parametrize(
    "configured, kept",
    [
        ("week", {("2019-03-18", "week"), ("2019-03-01", "month")}),
        ("month", {("2019-03-01", "month")}),
        ("day", {("2019-03-20", "day"), ("2019-03-18", "week"), ("2019-03-01", "month")}),
    ],
)
def test_import_keeps_periods_no_finer_than_the_date_precision(
    database_url, tmp_path, configured, kept
):
    """A day in the file becomes its ISO week (or month) like any other answer; a coarser period stays."""
    app = make_app(database_url, tmp_path, DATE_PRECISION=configured)
    try:
        instrument = app.extensions["surveyapp.instruments"]["valpas_partner_survey"]
        with app.extensions["surveyapp.db"]() as db:
            make_collection(
                db, "valpas_partner_survey", slug="kumppanit", municipalities=tuple(VALPAS)
            )
        periods = iter(["2019-03-20", "2019-W12", "2019-03"] * 12)
        source = tmp_path / "days.csv"
        source.write_bytes(partner_csv(instrument, lambda i, row: row.update(period=next(periods))))
        result = app.test_cli_runner().invoke(
            args=["responses", "import", "--collection", "kumppanit", str(source)]
        )
        assert result.exit_code == 0, result.output
        with app.extensions["surveyapp.db"]() as db:
            stored = {
                (r.period_start.isoformat(), r.period_precision)
                for r in db.scalars(select(Response))
            }
        assert stored == kept
    finally:
        app.extensions["surveyapp.db"].kw["bind"].dispose()
