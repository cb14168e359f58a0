"""The coordinator pages, found from the app's routes: shared by the guide test and the browser
test of every coordinator page, so a new page is checked by both without being listed twice."""

from __future__ import annotations

import itertools

# Routes under /coordinate/ that are not pages: files, stylesheets, scripts and old addresses.
NOT_PAGES = {
    "coordinate.codes_csv",
    "coordinate.codes_pdf",
    "coordinate.export_codebook",
    "coordinate.collection_pdf",
    "coordinate.qr_download",
    "coordinate.report_pdf",
    "coordinate.export_csv",
    "coordinate.export_xlsx",
    "coordinate.instrument_pdf",
    "coordinate.old_new_collection_address",
    "coordinate.upload_too_large",
    "coordinate.compare_pdf",
    "coordinate.compare_json",
    "coordinate.change_pdf",
    "coordinate.change_json",
    "coordinate.pairing_cards",
    "coordinate.export_pairs",
    "coordinate.instrument_version_pdf",
    "coordinate.download_instrument_version",
    "coordinate.download_shipped_instrument",
}

# A <slug> that names something other than a survey, by the blueprint it is in.
PREFIXED = {"organisations": "organisation", "projects": "project", "people": "project"}

# An uploaded form's pages name it; every other <instrument_id> is the survey's own form.
UPLOADED = {
    "coordinate.instrument_version",
    "coordinate.instrument_version_kiosk",
    "coordinate.delete_instrument_version",
}


def coordinator_pages(app, values: dict) -> list[tuple[str, str]]:
    """(endpoint, path) of every GET page under /coordinate/, its arguments taken from ``values``
    (``uploaded_id`` names an uploaded form for the form library's version pages); a tuple of
    values gives one page each (every step of the organisation settings)."""
    pages = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/coordinate/") or "GET" not in rule.methods:
            continue
        if rule.endpoint in NOT_PAGES:
            continue
        choices = {}
        for name in rule.arguments:
            key = PREFIXED.get(rule.endpoint.split(".")[0], name) if name == "slug" else name
            if name == "instrument_id" and rule.endpoint in UPLOADED:
                key = "uploaded_id"
            assert key in values, f"{rule.endpoint} needs a value for <{name}> in this test"
            value = values[key]
            choices[name] = value if isinstance(value, tuple) else (value,)
        for chosen in itertools.product(*choices.values()):
            arguments = dict(zip(choices, chosen))
            pages.append((rule.endpoint, rule.build(arguments, append_unknown=False)[1]))
    return sorted(pages, key=lambda page: page[1])
