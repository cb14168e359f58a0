"""A multi-select question for coordinators: printed boxes, paper entry, results as shares of the
respondents who answered it (golden figures), exports and codebook, and the import reading them back."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from openpyxl import load_workbook
from sqlalchemy import select

from surveyapp.core.models import Answer, Collection, Response
from tests.helpers import (
    Elements,
    count_responses,
    form_tokens,
    make_collection,
    pdf_text,
    shipped_instruments,
    submit,
)

WISHES = "essote_group_wishes"
ITEM = "ryhmatoiveet"
OPTIONS = ("luonto", "valokuvaus", "koira", "kadentaidot", "puutyot", "pelit", "ruoanlaitto", "muu")
NBSP = "\u00a0"
# Eight forms: seven answered the question (one of them ticked four options, two ticked two),
# one answered only the open question. The other-lines are kept with the "muu" ticks.
FORMS = [
    {"luonto": "1", "koira": "1", "pelit": "1", "ruoanlaitto": "1"},
    {"luonto": "1"},
    {"luonto": "1", "muu.text": "Sähly"},
    {"valokuvaus": "1"},
    {"koira": "1", "kadentaidot": "1"},
    {"ruoanlaitto": "1"},
    {"puutyot": "1", "muu": "1", "muu.text": "Kuoro"},
    {},
]
OPEN = "Ryhmä iltaisin"


def half_up(value: Fraction, places: int = 1) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def expected_figures() -> tuple[int, dict[str, int], dict[str, Decimal]]:
    """n answered, respondents per option and their percentages, counted from FORMS here."""
    answered = [f for f in FORMS if f]
    ticks = Counter()
    for form in answered:
        ticked = {name.split(".")[0] for name in form}  # a typed other-line ticks "muu"
        ticks.update(ticked)
    counts = {o: ticks[o] for o in OPTIONS}
    percents = {o: half_up(Fraction(100 * counts[o], len(answered))) for o in OPTIONS}
    return len(answered), counts, percents


def fill(client):
    for form in FORMS:
        answers = {f"{ITEM}.{name}": value for name, value in form.items()}
        if not form:
            answers["muut_toiveet"] = OPEN
        assert submit(client, "toiveet", answers).status_code == 302


def test_the_printed_form_has_a_box_per_option(client, db, coordinator):
    make_collection(db, WISHES, slug="toiveet")
    text = pdf_text(client.get("/coordinate/c/toiveet/lomake.pdf").data)
    flat = re.sub(r"\s+", " ", text)
    assert "1. Millaisia ryhmätoimintoja toivoisit alueella järjestettävän?" in flat
    assert "Valitse kaikki sopivat." in flat
    item = shipped_instruments()[WISHES].item(ITEM)
    labels = [o.label.fi for o in item.options]
    assert re.search(".*".join(re.escape(label) for label in labels), flat)


def test_paper_entry_stores_ticks_and_keeps_them_on_error(client, db, coordinator):
    make_collection(db, WISHES, slug="toiveet")
    page = client.get("/coordinate/c/toiveet/paper").get_data(as_text=True)
    assert Elements(page).attributes(f"{ITEM}.koira")["type"] == "checkbox"
    tokens = form_tokens(page)
    wrong = client.post(
        "/coordinate/c/toiveet/paper",
        data={**tokens, f"{ITEM}.koira": "1", f"{ITEM}.muu.text": "z" * 201, "_date": "7.3.2026"},
    )
    assert wrong.status_code == 422
    kept = Elements(wrong.get_data(as_text=True))
    assert kept.checked == {f"{ITEM}.koira": ["1"]}
    assert kept.attributes(f"{ITEM}.muu.text")["value"] == "z" * 201
    saved = client.post(
        "/coordinate/c/toiveet/paper",
        data={**tokens, f"{ITEM}.koira": "1", f"{ITEM}.muu.text": "Bändi", "_date": "7.3.2026"},
    )
    assert saved.status_code == 302
    response = db.scalars(select(Response)).one()
    assert response.channel == "paper"
    assert sorted((a.item_code, a.choice_code, a.text) for a in response.answers) == [
        (ITEM, "2", None),
        (f"{ITEM}.koira", "koira", None),
        (f"{ITEM}.muu", "muu", "Bändi"),
    ]


def test_golden_results_are_shares_of_the_respondents_who_answered(client, db, coordinator, runner):
    make_collection(db, WISHES, slug="toiveet")
    fill(client)
    n, counts, percents = expected_figures()
    assert (n, counts["luonto"], percents["luonto"]) == (7, 3, Decimal("42.9"))  # the data's shape
    html = client.get("/coordinate/c/toiveet/results").get_data(as_text=True)
    assert 'data-total="8"' in html
    section = html.split(f'id="result-{ITEM}"')[1].split("</section>")[0]
    assert f"Vaihtoehdon valinneet vastaajat (n = {n} vastasi)" in section
    assert f"prosentit ovat kysymykseen vastanneista {n} vastaajasta" in section
    for option in OPTIONS:
        row = re.search(rf'<tr data-option="{option}">(.*?)</tr>', section, re.S).group(1)
        cells = re.findall(r"<td>([^<]*)</td>", row)
        percent = f"{percents[option]}".replace(".", ",")
        assert cells == [str(counts[option]), f"{percent}{NBSP}%"], option
    assert "<li>Sähly</li>" in section and "<li>Kuoro</li>" in section
    # The results JSON: the same counts, the base, percentages of respondents.
    output = runner.invoke(args=["results", "--collection", "toiveet"]).output
    (item,) = [i for i in json.loads(output)["items"] if i["code"] == ITEM]
    assert (item["n"], item["percent_of"], item["counts"]) == (n, "respondents", counts)
    assert item["percent"] == {o: float(p) for o, p in percents.items()}
    assert sorted(item["texts"]["muu"]) == ["Kuoro", "Sähly"]
    # The printed report.
    report = re.sub(r"\s+", " ", pdf_text(client.get("/coordinate/c/toiveet/raportti.pdf").data))
    assert f"Vaihtoehdon valinneet vastaajat (n = {n} vastasi)" in report
    assert f"Koiratoiminta {counts['koira']} {str(percents['koira']).replace('.', ',')} %" in report


def test_exports_codebook_and_import_round_trip(app, client, db, coordinator, runner, tmp_path):
    make_collection(db, WISHES, slug="toiveet")
    fill(client)
    data = client.get("/coordinate/c/toiveet/vastaukset.csv").data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    columns = [f"{ITEM}.{o}" for o in OPTIONS]
    assert list(rows[0])[7:] == [*columns, f"{ITEM}.muu.text", "muut_toiveet"]
    exported = sorted(
        (tuple(r[c] for c in columns), r[f"{ITEM}.muu.text"], r["muut_toiveet"]) for r in rows
    )
    typed = []
    for form in FORMS:
        ticked = {name.split(".")[0] for name in form}
        boxes = tuple(("1" if o in ticked else "0") if form else "" for o in OPTIONS)
        typed.append((boxes, form.get("muu.text", ""), "" if form else OPEN))
    assert exported == sorted(typed)
    sheet = load_workbook(io.BytesIO(client.get("/coordinate/c/toiveet/vastaukset.xlsx").data))
    header = [c.value for c in sheet["vastaukset"][1]]
    assert header[7:] == [*columns, f"{ITEM}.muu.text", "muut_toiveet"]
    book = list(
        csv.reader(
            io.StringIO(
                client.get("/coordinate/c/toiveet/koodikirja.csv").data.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    question = "Millaisia ryhmätoimintoja toivoisit alueella järjestettävän?"
    assert [f"{ITEM}.koira", "1.", question, "multi", "1", "Koiratoiminta", "1", ""] in book
    assert [f"{ITEM}.muu.text", "1.", question, "follow_up_text", "muu", "", "", ""] in book
    # Read back into an empty collection: the same answers, none lost or added.
    make_collection(db, WISHES, slug="toiveet-tuotu")
    source = tmp_path / "toiveet.csv"
    source.write_bytes(data)
    result = runner.invoke(
        args=["responses", "import", "--collection", "toiveet-tuotu", str(source)]
    )
    assert (result.exit_code, result.output) == (0, "imported 8 responses into toiveet-tuotu\n")

    def answers_of(slug: str) -> list[tuple]:
        db.expire_all()
        rows = db.execute(
            select(Response.id, Answer.item_code, Answer.choice_code, Answer.text)
            .join(Answer)
            .join(Collection, Collection.id == Response.collection_id)
            .where(Collection.slug == slug)
        )
        by_response: dict[str, list] = {}
        for response_id, *answer in rows:
            by_response.setdefault(response_id, []).append(tuple(answer))
        return sorted(sorted(a) for a in by_response.values())

    assert answers_of("toiveet-tuotu") == answers_of("toiveet")
    assert count_responses(db) == 16


def test_an_import_with_a_wrong_box_names_the_row_and_stores_nothing(
    client, db, coordinator, runner, tmp_path
):
    make_collection(db, WISHES, slug="toiveet")
    fill(client)
    data = client.get("/coordinate/c/toiveet/vastaukset.csv").data.decode("utf-8-sig")
    lines = data.split("\r\n")
    cells = lines[1].split(";")
    cells[7] = "2"  # the first box: neither 1 nor 0
    lines[1] = ";".join(cells)
    make_collection(db, WISHES, slug="toiveet-tuotu")
    source = tmp_path / "virhe.csv"
    source.write_text("\r\n".join(lines), encoding="utf-8-sig")
    result = runner.invoke(
        args=["responses", "import", "--collection", "toiveet-tuotu", str(source)]
    )
    assert result.exit_code != 0
    assert (
        f"row 2: {ITEM}.luonto: Tick the box or leave it empty (1 or 0 in an imported file)."
        in result.output
    )
    assert count_responses(db) == 8
