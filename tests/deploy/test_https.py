"""The shipped deployment over HTTPS: headers, cookies, CSRF, hosts sharing sessions, the replica, exports."""

from __future__ import annotations

import gzip
import io
import json
import re
import secrets
import time

from sqlalchemy import create_engine, text
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.deploy.conftest import PIN, SLUG, Client, Reply, code_round, direct
from tests.helpers.uploads import FORM_YAML, LIBRARY

HSTS = "max-age=63072000; includeSubDomains"


def answer(client: Client, grade: str = "9", headers: dict | None = None):
    tokens = client.tokens(f"/c/{SLUG}")
    return client.post_form(f"/c/{SLUG}", {**tokens, "arvosana": grade}, headers)


def test_http_is_redirected_to_https(stack):
    plain = Client(f"http://127.0.0.1:{stack.nginx.http_port}")
    reply = plain.get(f"/c/{SLUG}?lang=sv")
    assert reply.status == 301
    assert reply.headers["Location"] == f"{stack.base}/c/{SLUG}?lang=sv"


def test_pages_are_https_with_hsts_and_secure_cookies(client):
    reply = client.get(f"/c/{SLUG}")
    assert reply.status == 200
    assert reply.headers["Strict-Transport-Security"] == HSTS
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    assert reply.headers["Server"] == "nginx"  # no version
    assert client.set_cookies, "the form sets its session cookie"
    for cookie in client.set_cookies:
        assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    # HTML is never compressed (BREACH), even when asked.
    assert (
        client.get(f"/c/{SLUG}", headers={"Accept-Encoding": "gzip"}).headers.get(
            "Content-Encoding"
        )
        is None
    )


def test_a_form_posted_without_referer_is_accepted(client):
    """The bug of issue 13: with no Referer (Referrer-Policy: no-referrer) every post over HTTPS was a 400."""
    reply = answer(client)
    assert reply.status == 302, reply.text[:500]
    assert reply.headers["Location"].endswith(f"/c/{SLUG}/kiitos")
    # What a browser sends under no-referrer: Origin null, or its own origin; and Sec-Fetch-Site.
    assert answer(client, headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"}).status == 302
    assert (
        answer(
            client, headers={"Origin": client_origin(client), "Sec-Fetch-Site": "same-origin"}
        ).status
        == 302
    )


def client_origin(client: Client) -> str:
    return f"https://{client.host}:{client.port}"


def test_a_cross_origin_post_is_refused_even_with_a_valid_token(stack, client):
    before = count(stack)
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": f"http://127.0.0.1:{stack.nginx.https_port}"},
    ):
        reply = answer(client, headers=headers)
        assert reply.status == 400, headers
        assert "Lomake oli vanhentunut" in reply.text
    assert count(stack) == before


def count(stack) -> int:
    engine = create_engine(stack.url)
    with engine.connect() as conn:
        n = conn.scalar(text("SELECT count(*) FROM response"))
    engine.dispose()
    return n


def test_a_code_guesser_behind_the_proxy_is_slowed_down_and_nobody_else(stack):
    """nginx forwards each client's own address, so guesses are counted per client across both app hosts."""
    codes = code_round(stack, "koodikierros", 2)
    guesser = Client(stack.base, source="127.0.0.2")
    for guess in range(11):  # ten are free, round robin over both hosts
        assert guesser.get(f"/c/koodikierros?koodi=AAAA-AA{guess % 10}A").status == 422
    refused = guesser.get(f"/c/koodikierros?koodi={codes[0]}")
    assert refused.status == 422 and "liian monta väärää koodia" in refused.text, re.sub(
        r"<[^>]+>", " ", refused.text
    )[-1500:]
    # Another respondent, at the same moment, through the same proxy, gets in with a valid code.
    respondent = Client(stack.base, source="127.0.0.3")
    page = respondent.get(f"/c/koodikierros?koodi={codes[0]}")
    assert page.status == 200 and 'name="kokonaisarvosana"' in page.text


def test_a_coordinator_logged_in_on_one_host_continues_on_the_other(stack):
    host = f"127.0.0.1:{stack.nginx.https_port}"
    first = direct(stack.apps[0], host)
    assert first.log_in().status == 302
    second = direct(stack.apps[1], host)
    second.cookies = dict(first.cookies)
    page = second.get("/coordinate/")
    assert page.status == 200 and "Testi palaute" in page.text
    # Through the proxy, requests go to the hosts in turn: every one of them is served.
    through = Client(stack.base)
    assert through.log_in().status == 302
    for _ in range(4):
        assert through.get(f"/coordinate/c/{SLUG}").status == 200


def test_paper_entry_and_the_kiosk_work_through_the_proxy(stack, client):
    assert client.log_in().status == 302
    tokens = client.tokens(f"/coordinate/c/{SLUG}/paper")
    reply = client.post_form(
        f"/coordinate/c/{SLUG}/paper",
        {**tokens, "arvosana": "7", "_municipality": "muhos", "_date": "7.3.2026"},
    )
    assert reply.status == 302, reply.text[:300]
    token = stack.seeded.kiosk_token
    kiosk = Client(stack.base)
    tokens = kiosk.tokens(f"/kiosk/{token}")
    sent = kiosk.post_form(f"/kiosk/{token}", {**tokens, "arvosana": "8"})
    assert (sent.status, sent.headers["Location"]) == (303, f"/kiosk/{token}/kiitos")
    key = secrets.token_urlsafe(24)
    body = json.dumps({"key": key, "answers": {"arvosana": "9"}}).encode()
    api = Client(stack.base)
    for status in (201, 200):  # stored, then the same key again: stored once
        reply = api.request(
            "POST", f"/kiosk/{token}/api", body, {"Content-Type": "application/json"}
        )
        assert reply.status == status, reply.text
    # A cross-site page cannot post to the api either.
    reply = api.request(
        "POST",
        f"/kiosk/{token}/api",
        body,
        {"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"},
    )
    assert (reply.status, json.loads(reply.body)["status"]) == (400, "invalid")
    # The leader's PIN page takes a post too.
    tokens = kiosk.tokens(f"/kiosk/{token}/lopeta")
    leader = kiosk.post_form(f"/kiosk/{token}/lopeta", {**tokens, "pin": PIN})
    assert (leader.status, leader.headers["Location"]) == (303, f"/kiosk/{token}/sulje")
    assert (
        'name="attendance"' in kiosk.get(f"/kiosk/{token}/sulje").text
    )  # the leader page, on either host


def test_results_come_from_the_replica(stack, client):
    """With the replica's replay paused, a new answer is on the primary but not on the results page.

    Counted against the primary, not against an earlier page: other answers may still be arriving
    from earlier tests, so only "fewer than the primary holds" proves the page reads the replica.
    """
    assert client.log_in().status == 302
    replica = create_engine(stack.replica.url(), isolation_level="AUTOCOMMIT")
    with replica.connect() as conn:
        conn.execute(text("SELECT pg_wal_replay_pause()"))
    try:
        assert answer(Client(stack.base)).status == 302
        on_primary = responses_in(stack.url)  # this answer and everything before it
        assert respondents(client) < on_primary  # the reporting host reads the paused replica
    finally:
        with replica.connect() as conn:
            conn.execute(text("SELECT pg_wal_replay_resume()"))
        replica.dispose()
    stack.wait_for_replica()
    # Replayed: the page shows it (asked a few times: a standby query sees a commit once its record is
    # replayed, which the LSN check above can report a moment before).
    deadline = time.monotonic() + 15
    while respondents(client) < on_primary and time.monotonic() < deadline:
        time.sleep(0.2)
    assert respondents(client) >= on_primary
    assert f'"GET /coordinate/c/{SLUG}/results" 200' in stack.reports.log_path.read_text()


def responses_in(url: str) -> int:
    """The collection's responses as the database at ``url`` holds them."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(
                text(
                    "SELECT count(*) FROM response JOIN collection ON collection.id = response.collection_id"
                    " WHERE collection.slug = :slug"
                ),
                {"slug": SLUG},
            )
    finally:
        engine.dispose()


def respondents(client: Client) -> int:
    """The n shown on the collection's results page."""
    page = client.get(f"/coordinate/c/{SLUG}/results")
    assert page.status == 200
    # The whole collection's n (the first row of a table would be one municipality's, and the fault
    # test's answers, earlier in the run, add rows).
    found = re.search(r'data-total="(\d+)"', page.text)
    assert found, page.text[:2000]
    return int(found.group(1))


def test_exports_and_pdfs_through_the_proxy(stack, client):
    assert client.log_in().status == 302
    csv = client.get(f"/coordinate/c/{SLUG}/vastaukset.csv")
    assert csv.status == 200 and csv.body.startswith("\ufeff".encode()) and b"arvosana" in csv.body
    xlsx = client.get(f"/coordinate/c/{SLUG}/vastaukset.xlsx")
    assert xlsx.status == 200 and xlsx.body[:2] == b"PK"
    for path in (f"/coordinate/c/{SLUG}/raportti.pdf", f"/coordinate/c/{SLUG}/lomake.pdf"):
        pdf = client.get(path)
        assert pdf.status == 200 and pdf.body.startswith(b"%PDF"), path
    assert f'"GET /coordinate/c/{SLUG}/raportti.pdf" 200' in stack.reports.log_path.read_text()


def test_static_files_are_versioned_compressed_and_cached(client):
    page = client.get(f"/c/{SLUG}").text
    href = re.search(r'href="(/static/app\.css\?v=[0-9a-f]{12})"', page).group(1)
    reply = client.get(href, headers={"Accept-Encoding": "gzip"})
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] == "gzip"
    assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"{" in gzip.decompress(reply.body)


def test_an_oversized_post_stops_at_the_proxy(stack, client):
    tokens = client.tokens(f"/c/{SLUG}")
    started = time.monotonic()
    reply = client.post_form(
        f"/c/{SLUG}", {**tokens, "arvosana": "9", "vapaa_palaute": "x" * 300_000}
    )
    assert reply.status == 413
    assert "Liian paljon tekstiä" in reply.text, reply.text[:500]  # the app's page, in Finnish
    assert time.monotonic() - started < 5


def stored_forms(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM stored_instrument"))
    finally:
        engine.dispose()


def upload(client: Client, content: bytes) -> Reply:
    """A form file posted to the form library the way a browser posts it (multipart)."""
    page = client.get(LIBRARY).text
    fields = {
        "csrf_token": re.search(r'name="csrf_token"[^>]*? value="([^"]+)"', page).group(1),
        "project": re.search(r'<option value="([0-9a-f]{32})"', page).group(1),
        "file": FileStorage(io.BytesIO(content), filename="oma.yaml"),
    }
    boundary, body = encode_multipart(fields)
    return client.request(
        "POST", LIBRARY, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )


def test_a_form_file_goes_through_the_proxy_up_to_its_limit(stack, client):
    """The upload's own address at the proxy takes a 300 KB form file to the validator; a body over
    the proxy's 3 MB gets the upload page again with the validator's message, nothing stored."""
    assert client.log_in().status == 302
    before = stored_forms(stack.url)
    form = FORM_YAML.encode()
    reply = upload(client, form + b"#" + b"x" * (300_000 - len(form) - 2) + b"\n")
    assert reply.status == 302, reply.text[:500]
    assert stored_forms(stack.url) == before + 1
    started = time.monotonic()
    reply = upload(client, form + b"#" + b"x" * 3_500_000 + b"\n")
    assert (reply.status, reply.headers["Location"]) == (303, LIBRARY)
    assert time.monotonic() - started < 5
    page = client.get(LIBRARY).text
    assert '<p class="flash error" role="status">Tiedosto on suurempi kuin 2 Mt.</p>' in page
    assert stored_forms(stack.url) == before + 1
