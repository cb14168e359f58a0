"""A session of a form with many grades: the review gives every grade item's n and mean, names the
lead one, and the coordinators' history says whose mean it shows."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from surveyapp.core import group_sessions
from tests.helpers import (
    close_kiosk,
    form_tokens,
    kiosk_leader,
    log_in,
    make_collection,
    shipped_instruments,
)
from tests.helpers.web import add_coordinator

FORM = shipped_instruments()["kuusamo_elamantilanteen_arviointi"]


def test_review_and_history_of_a_life_situation_session(client, db):
    collection = make_collection(db, FORM.id, slug="elama", municipalities=("muhos",))
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Perheryhmä",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin="2468",
    )
    db.commit()
    token = group.kiosk_token
    sent = [{"a1": "4", "a_kokonaisarvio": "9", "b3": str(g)} for g in (6, 7, 8, 9, 10, 10)]
    for answers in sent:
        tokens = form_tokens(client.get(f"/kiosk/{token}").get_data(as_text=True))
        assert client.post(f"/kiosk/{token}", data={**tokens, **answers}).status_code in (200, 303)
    kiosk_leader(client, token, "2468")
    review = client.get(close_kiosk(client, token, "8").headers["Location"]).get_data(as_text=True)
    review = review.replace("\u00a0", " ")
    assert 'data-lead="a_kokonaisarvio"' in review and "KOKONAISARVIO ARKIELÄMÄN" in review
    assert "<dd data-mean>9,00</dd>" in review  # the lead item's mean, not item 1's 4,00
    rows = dict(
        re.findall(r'<tr data-item="(\w+)"><th scope="row">.*?</th><td>(.*?)</td><td>', review)
    )
    means = dict(re.findall(r'<tr data-item="(\w+)">.*?</td><td>([^<]*)</td></tr>', review))
    assert len(rows) == 22 and rows["a1"] == "6" and rows["b1"] == "0"
    b3 = Fraction(sum(int(a["b3"]) for a in sent), len(sent))
    assert (means["a1"], means["b1"]) == ("4,00", "–")
    exact = Decimal(b3.numerator) / Decimal(b3.denominator)
    assert means["b3"] == str(exact.quantize(Decimal("0.01"), ROUND_HALF_UP)).replace(".", ",")
    client.get(f"/kiosk/{token}/lopeta")
    add_coordinator(db)
    assert log_in(client).status_code == 302
    history = client.get("/coordinate/c/elama/sessions").get_data(as_text=True)
    assert '<p class="help" data-lead>' in history and "KOKONAISARVIO ARKIELÄMÄN" in history
