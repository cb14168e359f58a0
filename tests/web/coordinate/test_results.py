"""Results through HTTP: the published figures recomputed from raw answers, small groups hidden."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from surveyapp.core import demo, responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.helpers import make_collection, pdf_text, shipped_instruments

INSTRUMENTS = shipped_instruments()
NBSP = "\u00a0"
# ESY client pilot, matrix 10 (seeds/002 lines 697-760; instruments-source-002.md §4.1):
# counts for Erittäin hyvin, Hyvin, Jonkin verran, Vähän, Ei lainkaan; five respondents.
ESY_PILOT = {
    "q10_1": (4, 1, 0, 0, 0),
    "q10_2": (4, 1, 0, 0, 0),
    "q10_3": (2, 3, 0, 0, 0),
    "q10_4": (3, 2, 0, 0, 0),
    "q10_5": (4, 1, 0, 0, 0),
    "q10_6": (3, 1, 0, 0, 1),
    "q10_7": (2, 2, 1, 0, 0),
    "q10_8": (2, 1, 1, 0, 1),
}
A5 = ("erittain_hyvin", "hyvin", "jonkin_verran", "vahan", "ei_lainkaan")


@pytest.fixture
def valpas(app, db):
    demo.load(db, app.extensions["surveyapp.instruments"])
    db.commit()


def text_of(html: str, attribute: str) -> list[str]:
    return re.findall(rf"<dd {attribute}>([^<]+)</dd>", html)


def test_steering_group_mean_is_9_17(client, coordinator, valpas):
    html = client.get("/coordinate/c/valpas-ohjausryhma-2017/results").get_data(as_text=True)
    assert text_of(html, "data-n") == ["6"]
    assert text_of(html, "data-mean") == ["9,17"]  # the report printed 9,16: 55 / 6 truncated


def test_spring_2019_partner_survey(client, coordinator, valpas):
    html = client.get("/coordinate/c/valpas-kumppanit-2019/results").get_data(as_text=True)
    assert text_of(html, "data-mean") == ["8,17"]
    assert re.search(rf'<dd data-band="hyva">68,6{NBSP}% \(24\)</dd>', html)
    # Utajärvi (4) is under the limit, so the next smallest (Muhos, 7) is combined with it.
    assert municipality_rows(html) == [
        ("kemijarvi", "15", f"42,9{NBSP}%"),
        ("pudasjarvi", "9", f"25,7{NBSP}%"),
        ("muut", "11", f"31,4{NBSP}%"),
    ]


def municipality_rows(html: str) -> list[tuple[str, str, str]]:
    table = html.split('data-breakdown="municipality"')[1].split("</table>")[0]
    return re.findall(r'<tr data-group="(\w+)">.*?<td>(\d+)</td><td>([^<]+)</td>', table, re.S)


def test_all_four_shares_when_the_limit_allows(tmp_path, database_url, coordinator_for):
    client, db, app = coordinator_for(MIN_CELL=4)
    demo.load(db, app.extensions["surveyapp.instruments"])
    db.commit()
    html = client.get("/coordinate/c/valpas-kumppanit-2019/results").get_data(as_text=True)
    assert municipality_rows(html) == [
        ("kemijarvi", "15", f"42,9{NBSP}%"),
        ("muhos", "7", f"20,0{NBSP}%"),
        ("pudasjarvi", "9", f"25,7{NBSP}%"),
        ("utajarvi", "4", f"11,4{NBSP}%"),
    ]
    assert "Osuus vastaajista" in html and "Vastausprosentti (vastaukset / kutsutut)" in html


def test_yearly_session_means_and_weighted_overall(client, coordinator, valpas):
    html = client.get("/coordinate/c/valpas-ryhmakerrat/results").get_data(as_text=True)
    years = html.split('data-breakdown="year"')[1].split("</table>")[0]
    assert re.findall(
        r'<tr data-group="(\d+)">.*?<td>(\d+)</td>.*?<td>([\d,]+)</td></tr>', years, re.S
    ) == [("2017", "50", "8,76"), ("2018", "100", "8,93"), ("2019", "60", "9,10")]
    assert text_of(html, "data-mean") == [
        "8,94"
    ]  # 1877 / 210, not the mean of the three means (8,93)
    only_2019 = client.get("/coordinate/c/valpas-ryhmakerrat/results?year=2019").get_data(
        as_text=True
    )
    assert text_of(only_2019, "data-mean") == ["9,10"]


def test_esy_client_pilot_matrix(client, db, coordinator):
    collection = make_collection(db, "esy_client_eval", municipalities=())
    for respondent in range(5):
        answers = []
        for row, counts in ESY_PILOT.items():
            column = [code for code, n in zip(A5, counts) for _ in range(n)]
            answers.append(AnswerValue(row, choice_code=column[respondent]))
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["esy_client_eval"],
            answers=answers,
            channel="paper",
            municipality_code=None,
            day=dt.date(2016, 5, 2),
            precision="week",
            key=None,
        )
    db.commit()
    html = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    for row, counts in ESY_PILOT.items():
        cells = re.search(rf'<tr data-row="{row}">(.*?)</tr>', html, re.S).group(1)
        shown = [int(n) for n in re.findall(r'data-option="\w+">(\d+) \(', cells)]
        assert tuple(shown) == counts, row
    means = re.findall(r"<td data-mean>([^<]+)</td>", html)
    assert means == ["4,80", "4,80", "4,40", "4,60", "4,80", "4,00", "4,20", "3,60"]


def test_fewer_answers_than_the_limit_show_nothing(client, db, coordinator):
    collection = make_collection(db, "session_feedback")
    for grade, comment in [(4, "Tylsää"), (10, "Mahtavaa"), (9, "Kiva")]:
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[
                AnswerValue("arvosana", grade=grade),
                AnswerValue("vapaa_palaute", text=comment),
            ],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    db.commit()
    html = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    assert 'data-total="hidden"' in html and "Vastauksia: &lt;&nbsp;5." in html
    for secret in ("Tylsää", "Mahtavaa", "Kiva", "data-mean", "7,67"):
        assert secret not in html
    assert client.get("/coordinate/c/testi/vastaukset.csv").status_code == 403


def test_filter_on_a_combined_municipality_is_refused(client, coordinator, valpas):
    html = client.get("/coordinate/c/valpas-kumppanit-2019/results?municipality=utajarvi").get_data(
        as_text=True
    )
    assert "ei ole käytettävissä" in html
    assert text_of(html, "data-n")[0] == "35"  # the filter was left out, not applied
    options = re.findall(
        r'<option value="(\w+)"', html.split('id="f-municipality"')[1].split("</select>")[0]
    )
    # The protected table's rows: "others combined" is a row too (its figures are the total minus the rest).
    assert options == ["kemijarvi", "pudasjarvi", "muut"]


def test_texts_are_escaped(client, db, coordinator):
    collection = make_collection(db, "session_feedback")
    for i in range(5):
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[
                AnswerValue("arvosana", grade=8),
                AnswerValue("vapaa_palaute", text=f"<script>alert({i})</script>"),
            ],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    db.commit()
    html = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    assert "<script>alert(" not in html and "&lt;script&gt;alert(0)&lt;/script&gt;" in html


def test_csv_export_is_streamed_in_pieces_with_one_byte_order_mark(client, db, coordinator, valpas):
    from surveyapp.core import exports

    response = client.get("/coordinate/c/valpas-kumppanit-2019/vastaukset.csv", buffered=False)
    assert response.is_streamed
    whole = b"".join(response.response)
    response.close()
    assert whole == client.get("/coordinate/c/valpas-kumppanit-2019/vastaukset.csv").data
    rows = [{"a": str(n), "b": "=1+1"} for n in range(5)]
    pieces = list(exports.csv_chunks(["a", "b"], rows, rows_per_chunk=2))
    assert len(pieces) == 4 and pieces[0] == b"\xef\xbb\xbfa;b\r\n"
    assert (
        b"".join(pieces) == exports.to_csv(["a", "b"], rows) and whole.count(b"\xef\xbb\xbf") == 1
    )
    assert pieces[1] == b"0;'=1+1\r\n1;'=1+1\r\n"


def test_csv_and_xlsx_exports(client, db, coordinator, valpas):
    data = client.get("/coordinate/c/valpas-kumppanit-2019/vastaukset.csv").data
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 35
    assert list(rows[0])[:9] == [
        "response",
        "collection",
        "instrument",
        "version",
        "municipality",
        "channel",
        "period",
        "paikkakunta",
        "kokonaisarvosana",
    ]
    assert {r["municipality"] for r in rows} == {
        "kemijarvi",
        "pudasjarvi",
        "muut",
    }  # small groups combined
    assert rows == sorted(rows, key=lambda r: r["response"])  # random-id order, never arrival order
    assert {r["period"] for r in rows} == {"2019-W12"}
    workbook = load_workbook(
        io.BytesIO(client.get("/coordinate/c/valpas-kumppanit-2019/vastaukset.xlsx").data)
    )
    assert workbook.sheetnames == ["vastaukset", "koodikirja"]
    assert workbook["vastaukset"].max_row == 36
    book = list(
        csv.reader(
            io.StringIO(
                client.get("/coordinate/c/valpas-kumppanit-2019/koodikirja.csv").data.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert [
        "kokonaisarvosana",
        "2.",
        "Kokonaisarvosana hankkeelle (4–10)",
        "grade",
        "9",
        "9",
        "9",
        "",
    ] in book


def test_report_pdf_has_the_figures(client, coordinator, valpas):
    pdf = client.get("/coordinate/c/valpas-ryhmakerrat/raportti.pdf")
    assert pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.data)
    for figure in ("8,76", "8,93", "9,10", "8,94", "210"):
        assert figure in text


def test_results_need_login(client, valpas):
    for path in (
        "/coordinate/c/valpas-kumppanit-2019/results",
        "/coordinate/c/valpas-kumppanit-2019/vastaukset.csv",
    ):
        with client.get(path) as response:
            assert response.status_code == 302


def test_the_results_page_draws_its_charts_itself_and_loads_no_script(client, coordinator, valpas):
    # The charts are SVG from core/svg_charts.py: the page loads no script at all.
    html = client.get("/coordinate/c/valpas-kumppanit-2019/results").get_data(as_text=True)
    assert "<script" not in html and "plotly" not in html
    charts = re.findall(r'<svg [^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert charts
    for labels in charts:
        title, desc = labels.split()
        assert re.search(rf'<title id="{title}">[^<]+</title><desc id="{desc}">[^<]+</desc>', html)
    assert len(charts) == len(set(charts))  # every id on the page once
