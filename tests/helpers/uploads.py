"""The form library's upload as a test drives it: a file posted with the page's CSRF token."""

from __future__ import annotations

import html
import io
import re

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from surveyapp.core.models import StoredInstrument
from tests.helpers.web import csrf_token

LIBRARY = "/coordinate/instruments/"

# A valid form of every item type, in YAML (Finnish only): tests break one part of it at a time.
FORM_YAML = """\
id: oma_lomake
version: 1
title: Oma lomake
source: {file: oma.yaml, lines: ""}
closing: Kiitos!
bands:
  - {code: heikko, label: Heikko, min: 4, max: 6}
  - {code: hyva, label: Hyvä, min: 7, max: 10}
scales:
  a3:
    options:
      - {code: hyvin, label: Hyvin, value: 3}
      - {code: vahan, label: Vähän, value: 1}
      - {code: eos, label: en osaa sanoa, dont_know: true}
    agreeing: [hyvin]
sections:
  - code: s1
    items:
      - {code: arvosana, number: "1.", type: grade, text: Arvosana, required: true, overall: true}
      - {code: osio, type: section_grade, text: Osion arvosana}
      - code: q2
        type: matrix
        scale: a3
        text: Arvioi
        rows:
          - {code: q2_1, text: Eka}
          - {code: q2_2, text: Toka}
      - {code: q3, type: scale, scale: a3, text: "Viihdyitkö?"}
      - code: q4
        type: choice
        text: Mistä kuulit?
        options:
          - {code: lehti, label: Lehdestä}
          - {code: muu, label: Muualta, follow_up: true}
      - code: q5
        type: multi
        text: Mitä teit?
        min_choices: 2
        max_choices: 3
        options:
          - {code: pelit, label: Pelasin}
          - {code: kahvi, label: Join kahvia}
          - {code: jutut, label: Juttelin}
      - {code: q6, type: score, text: Pisteet, min: 0, max: 20, higher_is_better: true}
      - {code: q7, type: text, text: Terveiset, multiline: true}
      - {code: koodi, type: pairing, text: Koodisi, kind: card}
      - {code: kunta, type: choice, role: municipality, text: Paikkakunta}
"""


def upload(client, content: bytes, name: str = "lomake.xlsx", project: str | None = None):
    """Post ``content`` as the file ``name`` to the library (for the first project offered)."""
    page = client.get(LIBRARY).get_data(as_text=True)
    project = project or re.search(r'<option value="([0-9a-f]{32})"', page).group(1)
    return post_file(client, content, name, csrf_token=csrf_token(page), project=project)


def post_file(client, content: bytes, name: str, **fields: str):
    """A multipart post of the file and ``fields``, encoded in memory (the test client would
    spool a large body to a temporary file it never closes)."""
    file = FileStorage(io.BytesIO(content), filename=name)
    boundary, body = encode_multipart({**fields, "file": file})
    return client.post(LIBRARY, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def stored(db) -> int:
    """How many form versions are stored."""
    db.expire_all()
    return db.scalar(select(func.count()).select_from(StoredInstrument))


def error_lines(page: str) -> list[str]:
    """The lines of the upload page's error summary, as text (the page's entities read)."""
    summary = re.search(r'<div class="error-summary" id="upload-errors".*?</ul>', page, re.S)
    lines = re.findall(r"<li>(.*?)</li>", summary.group(0), re.S) if summary else []
    return [html.unescape(line) for line in lines]
