"""A score item on the web form and in the results: typed, refused out of range, counted."""

from __future__ import annotations

import re

from tests.helpers import WAVE_FORM, make_collection, serve_also, submit, wave_form

SCORED = WAVE_FORM.replace(
    "      - code: kommentti\n",
    "      - code: kykyviisari\n"
    '        number: "5."\n'
    "        type: score\n"
    "        text: Kykyviisarin kokonaispistemäärä\n"
    "        min: 0\n"
    "        max: 100\n"
    "        higher_is_better: true\n"
    "      - code: kommentti\n",
)


def test_a_score_is_typed_checked_and_counted(app, db, client, coordinator, tmp_path):
    serve_also(app, wave_form(tmp_path, form=SCORED))
    make_collection(db, "muutos", "alku")
    refused = submit(client, "alku", {"kykyviisari": "120", "arvosana": "8"})
    assert refused.status_code == 422
    assert "Anna kokonaisluku väliltä 0–100." in refused.get_data(as_text=True)
    for score in (40, 55, 61, 70, 52):
        assert submit(client, "alku", {"kykyviisari": str(score)}).status_code == 302
    page = client.get("/coordinate/c/alku/results").get_data(as_text=True)
    section = page.split('id="result-kykyviisari"')[1].split("</section>")[0]
    assert "Pisteet väliltä 0–100 (n = 5)" in section
    cells = re.findall(r"<td>(.*?)</td>", section.replace("\u00a0", " "))
    assert cells[:3] == ["5", "55,60", "55,0"]
