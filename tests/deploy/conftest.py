"""The deployment stack (tests/stack.py) once per test session, with data, and Chromium pages on it over HTTPS."""

from __future__ import annotations

import datetime as dt
import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests import stack as stack_module
from tests.browser.conftest import TABLET
from tests.helpers import CI, ROOT, helsinki_today, make_app

PASSWORD = "oikein-pitka-salasana"
EMAIL = "koordinaattori@example.fi"
PIN = "2468"
SLUG = "palaute"
GRADES = (4, 6, 7, 8, 8, 9, 9, 10)


@dataclass(frozen=True)
class Seeded:
    slug: str
    kiosk_token: str
    group_session_id: str


def seed(url: str) -> Seeded:
    """An open session-feedback collection with answers enough to show and export, a coordinator, a tablet."""
    from surveyapp.core import group_sessions, responses
    from surveyapp.core.instruments.answers import AnswerValue
    from surveyapp.core.users import create_user
    from tests.helpers import VALPAS, make_collection

    app = make_app(url, ROOT)
    instrument = app.extensions["surveyapp.instruments"]["session_feedback"]
    with app.app_context(), app.extensions["surveyapp.db"]() as db:
        collection = make_collection(
            db, "session_feedback", slug=SLUG, municipalities=tuple(VALPAS)
        )
        for grade in GRADES:
            responses.submit(
                db,
                collection=collection,
                instrument=instrument,
                answers=[AnswerValue("arvosana", grade=grade)],
                channel="web",
                municipality_code="muhos",
                day=dt.date(2026, 3, 2),
                precision="week",
                key=None,
            )
        create_user(db, email=EMAIL, name="Koordinaattori", password=PASSWORD, role="admin")
        group = group_sessions.create(
            db,
            collection=collection,
            group_name="Ryhmä",
            municipality_code="muhos",
            held_on=helsinki_today(),
            pin=PIN,
        )
        db.commit()
        seeded = Seeded(SLUG, group.kiosk_token, group.id)
    app.extensions["surveyapp.db"].kw["bind"].dispose()
    return seeded


@pytest.fixture(scope="session")
def stack():
    """nginx → two app hosts and a reporting host → PostgreSQL primary and replica, for the whole session."""
    why = stack_module.missing()
    if why:
        if CI:
            pytest.fail(f"the deployment tests need {why}; scripts/system-deps.sh installs it")
        pytest.skip(f"the deployment tests need {why}")
    with stack_module.running(seed=seed) as running:
        yield running


@pytest.fixture
def new_page(browser, stack):
    """Pages on https://127.0.0.1:<port> through the proxy (self-signed certificate accepted), fresh cookies each."""
    contexts = []

    def factory(**options):
        options.setdefault("viewport", TABLET)
        options.setdefault("locale", "fi-FI")
        context = browser.new_context(base_url=stack.base, ignore_https_errors=True, **options)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


# Plain HTTPS clients (no browser): a new TLS connection per request, cookies kept by hand.


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Client:
    """A minimal HTTPS client with a cookie jar, for one origin (nginx, or an app host with forwarded headers)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None, source: str | None = None):
        parts = urlsplit(base)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.headers = headers or {}
        # The loopback address the client connects from (127.0.0.x), as if from another machine.
        self.source = (source, 0) if source else None
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[str] = []

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict | None = None,
        timeout: float = 30,
    ) -> Reply:
        if self.scheme == "https":
            conn = http.client.HTTPSConnection(
                self.host,
                self.port,
                timeout=timeout,
                context=stack_module.insecure_context(),
                source_address=self.source,
            )
        else:
            conn = http.client.HTTPConnection(
                self.host, self.port, timeout=timeout, source_address=self.source
            )
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            conn.close()
        for raw in reply.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(raw)
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value
        return reply

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict[str, str], headers: dict | None = None) -> Reply:
        return self.request(
            "POST",
            path,
            urlencode(data).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )

    def tokens(self, path: str) -> dict[str, str]:
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        return {
            name: value
            for name, value in re.findall(
                r'name="(csrf_token|_key)"[^>]*? value="([^"]+)"', page.text
            )
        }

    def log_in(self) -> Reply:
        tokens = self.tokens("/auth/login")
        return self.post_form(
            "/auth/login",
            {"csrf_token": tokens["csrf_token"], "email": EMAIL, "password": PASSWORD},
        )


@pytest.fixture
def client(stack):
    return Client(stack.base)


def direct(host: stack_module.AppHost, forwarded_host: str) -> Client:
    """A client talking to one app host as the proxy does (HTTP, X-Forwarded-Proto/Host)."""
    return Client(
        f"http://127.0.0.1:{host.port}",
        {"X-Forwarded-Proto": "https", "X-Forwarded-Host": forwarded_host, "Host": forwarded_host},
    )


def code_round(stack, slug: str, count: int) -> list[str]:
    """A partner-survey round answered with access codes, made on the primary; its codes."""
    from sqlalchemy import select

    from surveyapp.core import access_codes
    from surveyapp.core.models import AccessCode
    from tests.helpers import make_collection

    app = make_app(stack.url, ROOT)
    with app.extensions["surveyapp.db"]() as db:
        collection = make_collection(
            db, "valpas_partner_survey", slug, municipalities=("muhos",), audience="partners"
        )
        collection.access = "codes"
        access_codes.generate(db, collection, "muhos", count)
        db.commit()
        codes = sorted(
            db.scalars(select(AccessCode.code).where(AccessCode.collection_id == collection.id))
        )
    app.extensions["surveyapp.db"].kw["bind"].dispose()
    return codes


def new_group_session(stack, name: str) -> tuple[str, str]:
    """A new open group session of the seeded collection: its kiosk token and id."""
    from sqlalchemy import select

    from surveyapp.core import group_sessions
    from surveyapp.core.models import Collection

    app = make_app(stack.url, ROOT)
    with app.extensions["surveyapp.db"]() as db:
        collection = db.scalar(select(Collection).where(Collection.slug == SLUG))
        group = group_sessions.create(
            db,
            collection=collection,
            group_name=name,
            municipality_code="muhos",
            held_on=helsinki_today(),
            pin=PIN,
        )
        db.commit()
        found = (group.kiosk_token, group.id)
    app.extensions["surveyapp.db"].kw["bind"].dispose()
    return found
