"""Pairing-code cards: a PDF sheet of random codes, each with its check character and a QR code of
the form's address with the code filled in (``?pari=``; the access log never keeps a query string);
for a survey in a measurement series, the series' address, which leads to the wave open then.

The codes are made when the sheet is printed and kept nowhere: the card is the only copy.
"""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import pairing_codes, waves
from surveyapp.core.instruments.types.pairing import card_item
from surveyapp.web import database
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.codes import qr_svg
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.coordinate.waves import series_page
from surveyapp.web.forms.waves import CardsForm
from surveyapp.web.registry import instruments

CARDS_PER_PAGE = 10


@bp.get("/c/<slug>/kortit.pdf")
@login_required
def pairing_cards(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    if card_item(instrument) is None:
        abort(404, description=_("This survey's form has no field for a code card."))
    form = CardsForm(request.args)
    if not form.validate():
        return series_page(collection, cards_form=form), 422
    declared = waves.series_of(database.session(), collection)
    cards = []
    for code in pairing_codes.sheet(form.count.data):
        printed = pairing_codes.printed(code)
        if declared is None:
            address = url_for("respond.form", slug=slug, pari=printed, _external=True)
        else:  # one card for every wave: the series' address leads to the wave open then
            address = url_for(
                "respond.series_link", series_id=declared.id, pari=printed, _external=True
            )
        cards.append({"code": printed, "qr": qr_svg(address, scale=2)})
    html = render_template(
        "print/pairing_cards.html",
        collection=collection,
        instrument=instrument,
        pages=[cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)],
        address=url_for("respond.form", slug=slug, _external=True)
        if declared is None
        else url_for("respond.series_link", series_id=declared.id, _external=True),
    )
    # Never cached: each print is a new sheet of codes.
    response = pdf_download(html, f"{slug}-koodikortit.pdf")
    response.headers["Cache-Control"] = "no-store"
    return response
