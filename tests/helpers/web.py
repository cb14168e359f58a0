"""Driving the app as a browser does (tokens, logging in, kiosk leader pages); reading its PDFs."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from surveyapp.core.users import create_user
from tests.helpers.data import KIOSK_PIN

PASSWORD = "oikein-pitka-salasana"
COORDINATOR = "koordinaattori@example.fi"


def hidden_value(html: str, name: str) -> str:
    """The value of the first hidden field ``name`` in a rendered page (hand-written or WTForms)."""
    return re.search(rf'name="{name}"[^>]*? value="([^"]+)"', html).group(1)


def csrf_token(html: str) -> str:
    """The csrf_token of the first form in a rendered page."""
    return hidden_value(html, "csrf_token")


def page_csrf(client, path: str) -> str:
    """The csrf_token of the page at ``path``."""
    return csrf_token(client.get(path).get_data(as_text=True))


def form_tokens(html: str) -> dict[str, str]:
    """The hidden csrf_token and _key of a rendered form."""
    return {name: hidden_value(html, name) for name in ("csrf_token", "_key")}


def add_coordinator(
    db, email: str = COORDINATOR, *, name="Koordinaattori", role="admin", projects=()
):
    """A coordinator account (an administrator unless told) with PASSWORD, committed."""
    user = create_user(db, email=email, name=name, password=PASSWORD, role=role)
    user.projects = list(projects)
    db.commit()
    return user


def log_in(client, email: str = COORDINATOR, password: str = PASSWORD, *, next: str | None = None):
    """Post the login form with its own token; returns the response (302 when accepted)."""
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    return client.post(
        "/auth/login" + (f"?next={next}" if next else ""),
        data={"csrf_token": token, "email": email, "password": password},
    )


def submit(
    client, slug: str, answers: dict[str, str], *, follow_redirects: bool = False, tokens=None
):
    """Open the form, then post ``answers`` with the page's own tokens."""
    if tokens is None:
        tokens = form_tokens(client.get(f"/c/{slug}").get_data(as_text=True))
    return client.post(f"/c/{slug}", data={**tokens, **answers}, follow_redirects=follow_redirects)


def make_share_link(client, slug: str, label: str = "Ohjausryhmä 2026", expires_on=None) -> str:
    """Make a share link on the coordinator's page (``client`` logged in); returns its path, /tulokset/…."""
    page = client.get(f"/coordinate/c/{slug}/share").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "label": label}
    data["expires_on"] = expires_on or hidden_value(page, "expires_on")  # the offered default
    made = client.post(f"/coordinate/c/{slug}/share", data=data)
    assert made.status_code == 201, made.get_data(as_text=True)
    address = re.search(r"data-share-address>([^<]+)<", made.get_data(as_text=True)).group(1)
    return address.removeprefix("http://localhost")


def kiosk_leader(client, token, pin=KIOSK_PIN):
    """Post the PIN on the kiosk's leader page."""
    csrf = csrf_token(client.get(f"/kiosk/{token}/lopeta").get_data(as_text=True))
    return client.post(f"/kiosk/{token}/lopeta", data={"csrf_token": csrf, "pin": pin})


def close_kiosk(client, token, attendance=""):
    """Close the kiosk's session from its closing page."""
    csrf = csrf_token(client.get(f"/kiosk/{token}/sulje").get_data(as_text=True))
    return client.post(f"/kiosk/{token}/sulje", data={"csrf_token": csrf, "attendance": attendance})


def text_of(html: str) -> str:
    """The page's main content as plain text, one line per element."""
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"[ \t]*\n[ \t\n]*", "\n", re.sub(r"<[^>]+>", "\n", main)).strip()


def language_choices(html: str) -> list[tuple[str, str, bool]]:
    """(address, name, chosen) of the language links on the form's first screen."""
    nav = re.search(r'<nav class="langs choice".*?</nav>', html, re.S)
    if nav is None:
        return []
    return [
        (href.replace("&amp;", "&"), name, bool(current))
        for href, current, name in re.findall(
            r'<a href="([^"]+)" lang="[a-z]+" hreflang="[a-z]+"( aria-current="true")?>([^<]+)</a>',
            nav.group(0),
        )
    ]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def printed_numbers(instrument) -> list[str]:
    """The printed numbers of the instrument file, in paper order."""
    out = []
    for item in instrument.items():
        if item.number:
            out.append(item.number)
        out.extend(row.number for row in getattr(item, "rows", ()) if row.number)
    return out


def post_settings_steps(client, slug: str, settings: dict, **extra) -> dict:
    """An organisation's settings posted as its step pages post them, each step its own fields and
    ``extra`` (a file or a checkbox) on the step that has it: step → response, in step order."""
    from surveyapp.core.organisation_sections import SECTIONS

    responses = {}
    for step, fields in SECTIONS.items():
        path = f"/coordinate/organisations/{slug}/{step}"
        data = {name: value for name, value in settings.items() if name in fields}
        data |= {name: value for name, value in extra.items() if name in fields}
        if step == "organisation" and "projects" in extra:
            data["projects"] = extra["projects"]
        responses[step] = client.post(path, data={**data, "csrf_token": page_csrf(client, path)})
    return responses
