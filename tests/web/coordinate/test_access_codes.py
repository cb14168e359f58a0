"""Access codes from generation to results: single use, counts for reminders, unlinkable from answers."""

from __future__ import annotations

import csv
import io
import json
import logging
import re

from openpyxl import load_workbook
from sqlalchemy import inspect, select, text

from surveyapp.core import access_codes, demo
from surveyapp.core.models import AccessCode, Collection
from tests.helpers import count_responses, csrf_token, form_tokens, make_collection, pdf_pages

NBSP = "\u00a0"
INVITED = {"kemijarvi": 30, "muhos": 20, "pudasjarvi": 18, "utajarvi": 10}


def code_round(db, slug="kumppanit", places=("kemijarvi", "muhos", "pudasjarvi", "utajarvi")):
    collection = make_collection(
        db, "valpas_partner_survey", slug, municipalities=places, audience="partners"
    )
    collection.access = "codes"
    db.commit()
    return collection


def make_codes(client, slug, place, count):
    page = client.get(f"/coordinate/c/{slug}").get_data(as_text=True)
    token = csrf_token(page)
    data = {"csrf_token": token, "count": str(count)} | ({"municipality": place} if place else {})
    response = client.post(f"/coordinate/c/{slug}/codes", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"batch=(\d+)", response.headers["Location"]).group(1))


def csv_codes(client, slug, batch):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/coordinate/c/{slug}/codes/{batch}.csv").data.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0] == ["municipality", "code", "address"]
    return rows[1:]


def answer_with(client, slug, code, grade, place):
    page = client.get(f"/c/{slug}", query_string={"koodi": code})
    assert page.status_code == 200
    response = client.post(
        f"/c/{slug}",
        data={
            **form_tokens(page.get_data(as_text=True)),
            "_code": code,
            "paikkakunta": place,
            "kokonaisarvosana": str(grade),
        },
    )
    assert response.status_code == 302
    return response


def code_counts(client, slug):
    table = (
        client.get(f"/coordinate/c/{slug}")
        .get_data(as_text=True)
        .split('id="code-counts"')[1]
        .split("</table>")[0]
    )
    return re.findall(
        r'<tr data-place="(\w*)">.*?<td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td>', table, re.S
    )


def test_codes_are_printed_as_slips_and_listed_for_a_mail_merge(client, db, coordinator):
    code_round(db)
    batch = make_codes(client, "kumppanit", "muhos", 3)
    rows = csv_codes(client, "kumppanit", batch)
    assert [r[0] for r in rows] == ["Muhos"] * 3
    assert all(
        re.fullmatch(r"[ACDEFHJKMNPQRTWXY34679]{4}-[ACDEFHJKMNPQRTWXY34679]{4}", r[1]) for r in rows
    )
    assert [r[2] for r in rows] == [f"http://localhost/c/kumppanit?koodi={r[1]}" for r in rows]
    pdf = client.get(f"/coordinate/c/kumppanit/codes/{batch}.pdf")
    assert pdf.mimetype == "application/pdf"
    printed = pdf_pages(pdf.data)[0]
    assert all(r[1] in printed for r in rows)
    assert "http://localhost/c/kumppanit" in printed.replace("\n", "")
    # Used codes are answers: never per municipality, and for the round only from k answers (none yet).
    assert code_counts(client, "kumppanit") == [
        ("kemijarvi", "0", "–", "–"),
        ("muhos", "3", "–", "–"),
        ("pudasjarvi", "0", "–", "–"),
        ("utajarvi", "0", "–", "–"),
        ("all", "3", "–", "–"),
    ]
    assert client.get("/coordinate/c/kumppanit/codes/9.csv").status_code == 404


def test_codes_only_for_a_code_round_and_its_own_municipalities(client, db, coordinator):
    code_round(db)
    make_collection(db, "session_feedback", "avoin")
    page = client.get("/coordinate/c/kumppanit").get_data(as_text=True)
    token = csrf_token(page)
    assert (
        client.post(
            "/coordinate/c/avoin/codes",
            data={"csrf_token": token, "count": "3", "municipality": "muhos"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/coordinate/c/kumppanit/codes",
            data={"csrf_token": token, "count": "3", "municipality": "oulu"},
        ).status_code
        == 400
    )
    too_many = client.post(
        "/coordinate/c/kumppanit/codes",
        data={"csrf_token": token, "count": "100000", "municipality": "muhos"},
        follow_redirects=True,
    )
    assert "Anna koodien määrä väliltä 1–500." in too_many.get_data(as_text=True)
    assert db.scalars(select(AccessCode)).all() == []


def test_spring_2019_partner_round_with_codes_gives_shares_and_true_response_rates(
    tmp_path, database_url, coordinator_for
):
    """35 answers (15 Kemijärvi, 7 Muhos, 9 Pudasjärvi, 4 Utajärvi) with codes; invited = codes issued."""
    client, db, app = coordinator_for(MIN_CELL=4)
    code_round(db)
    for place, counts in demo.PARTNER_GRADES.items():
        codes = [
            row[1]
            for row in csv_codes(
                client, "kumppanit", make_codes(client, "kumppanit", place, INVITED[place])
            )
        ]
        for code, grade in zip(codes, demo.expand(counts)):
            answer_with(client, "kumppanit", code, grade, place)
    assert count_responses(db) == 35
    # Used per municipality would be each municipality's web answers (Utajärvi's 4): only the round's total.
    assert code_counts(client, "kumppanit") == [
        ("kemijarvi", "30", "–", "–"),
        ("muhos", "20", "–", "–"),
        ("pudasjarvi", "18", "–", "–"),
        ("utajarvi", "10", "–", "–"),
        ("all", "78", "35", "43"),
    ]
    html = client.get("/coordinate/c/kumppanit/results").get_data(as_text=True)
    table = html.split('data-breakdown="municipality"')[1].split("</table>")[0]
    assert re.findall(
        r'<tr data-group="(\w+)">.*?<td>(\d+)</td><td>([^<]+)</td>\s*<td>([^<]+)</td>', table, re.S
    ) == [
        ("kemijarvi", "15", f"42,9{NBSP}%", f"50,0{NBSP}%"),
        ("muhos", "7", f"20,0{NBSP}%", f"35,0{NBSP}%"),
        ("pudasjarvi", "9", f"25,7{NBSP}%", f"50,0{NBSP}%"),
        ("utajarvi", "4", f"11,4{NBSP}%", f"40,0{NBSP}%"),
    ]
    assert f'data-response-rate="44,9{NBSP}%"' in html  # 35 / 78
    assert "Osuus vastaajista: kunnan osuus kaikista vastauksista." in html

    # Entered invited counts take the place of the codes issued.
    page = client.get("/coordinate/c/kumppanit/settings").get_data(as_text=True)
    token = csrf_token(page)
    assert (
        client.post(
            "/coordinate/c/kumppanit/settings",
            data={
                "csrf_token": token,
                "title": "Kumppanit",
                "access": "codes",
                "invited_kemijarvi": "25",
                "invited_muhos": "14",
                "invited_pudasjarvi": "15",
                "invited_utajarvi": "8",
            },
        ).status_code
        == 302
    )
    result = app.test_cli_runner().invoke(
        args=["results", "--collection", "kumppanit", "--by", "municipality"]
    )
    data = json.loads(result.output)
    assert (data["n"], data["invited"], data["response_rate_percent"]) == (35, 62, 56.5)
    assert [
        (g["group"], g["share_percent"], g["response_rate_percent"]) for g in data["groups"]
    ] == [
        ("kemijarvi", 42.9, 60.0),
        ("muhos", 20.0, 50.0),
        ("pudasjarvi", 25.7, 60.0),
        ("utajarvi", 11.4, 50.0),
    ]


def test_steering_group_round_is_one_project_level_unit(client, db, coordinator):
    collection = make_collection(
        db, "valpas_steering_survey", "ohjaus", municipalities=(), audience="steering_group"
    )
    collection.access = "codes"
    db.commit()
    rows = csv_codes(client, "ohjaus", make_codes(client, "ohjaus", None, 8))
    assert [r[0] for r in rows] == [""] * 8
    for code, grade in zip([r[1] for r in rows], demo.STEERING_GRADES):
        page = client.get("/c/ohjaus", query_string={"koodi": code})
        assert (
            client.post(
                "/c/ohjaus",
                data={
                    **form_tokens(page.get_data(as_text=True)),
                    "_code": code,
                    "arvosana": str(grade),
                },
            ).status_code
            == 302
        )
    assert code_counts(client, "ohjaus") == [("", "8", "–", "–"), ("all", "8", "6", "2")]
    html = client.get("/coordinate/c/ohjaus/results").get_data(as_text=True)
    assert f'data-response-rate="75,0{NBSP}%"' in html
    assert re.findall(r"<dd data-mean>([^<]+)</dd>", html) == ["9,17"]


def test_codes_and_answers_cannot_be_linked(tmp_path, database_url, coordinator_for, caplog):
    """Schema, rows, row versions, physical order, logs and exports: nothing ties a code to its answer."""
    client, db, app = coordinator_for(MIN_CELL=2)  # two answers, exported
    caplog.set_level(logging.DEBUG)
    collection = code_round(db, places=("muhos", "kemijarvi"))
    make_codes(client, "kumppanit", "muhos", 4)
    make_codes(client, "kumppanit", "kemijarvi", 3)
    engine = app.extensions["surveyapp.db"].kw["bind"]
    postgres = engine.dialect.name == "postgresql"
    order = "ctid" if postgres else "collection_id, code"
    with engine.connect() as conn:
        before = (
            conn.execute(text(f"SELECT code FROM access_code ORDER BY {order}")).scalars().all()
        )
    all_codes = sorted(db.scalars(select(AccessCode.code)))
    used = [
        c for c in all_codes if db.get(AccessCode, (collection.id, c)).municipality_code == "muhos"
    ][:2]
    for code, grade in zip(used, (7, 10)):
        answer_with(client, "kumppanit", access_codes.printed(code).lower(), grade, "muhos")

    inspector = inspect(engine)
    # The code table says only which round and municipality a code belongs to, its printout, and whether used.
    assert {c["name"] for c in inspector.get_columns("access_code")} == {
        "collection_id",
        "code",
        "municipality_code",
        "batch",
        "used",
    }
    assert {fk["referred_table"] for fk in inspector.get_foreign_keys("access_code")} == {
        "collection",
        "municipality",
    }
    for table in inspector.get_table_names():
        assert all(
            fk["referred_table"] != "access_code" for fk in inspector.get_foreign_keys(table)
        ), table
    with engine.connect() as conn:
        # No code, in any spelling, anywhere but its own table.
        for table in inspector.get_table_names():
            if table == "access_code":
                continue
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    for code in all_codes:
                        assert code not in str(value).upper().replace("-", ""), (table, row)
        after = conn.execute(text(f"SELECT code FROM access_code ORDER BY {order}")).scalars().all()
        assert after == before  # using a code does not move it
        if postgres:
            # Every code row of the round carries the same row version: the last use is not singled out.
            versions = (
                conn.execute(text("SELECT DISTINCT xmin::text FROM access_code")).scalars().all()
            )
            assert len(versions) == 1
            response_versions = (
                conn.execute(text("SELECT xmin::text FROM response")).scalars().all()
            )
            assert len(set(response_versions)) == 2
        else:
            sql = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'access_code'")
            ).scalar()
            assert sql.rstrip().endswith("WITHOUT ROWID")
    # The used and unused codes differ in nothing but the flag.
    rows = {c.code: c for c in db.scalars(select(AccessCode))}
    assert {(rows[c].batch, rows[c].used) for c in used} == {(1, True)}
    assert sorted(c for c in all_codes if rows[c].used) == sorted(used)
    # Logs and exports never hold a code.
    workbook = load_workbook(
        io.BytesIO(client.get("/coordinate/c/kumppanit/vastaukset.xlsx").data), read_only=True
    )
    exported = client.get("/coordinate/c/kumppanit/vastaukset.csv").data.decode("utf-8-sig") + repr(
        [list(sheet.values) for sheet in workbook.worksheets]
    )
    workbook.close()
    assert "7" in exported and "10" in exported
    for code in all_codes:
        assert all(
            code not in record.getMessage().upper().replace("-", "") for record in caplog.records
        )
        assert code not in exported.upper().replace("-", "")
    # Nor does the round's page say which codes were used.
    page = client.get("/coordinate/c/kumppanit").get_data(as_text=True)
    assert not any(code in page.replace("-", "") for code in all_codes)
    assert db.scalar(select(Collection.access)) == "codes"
