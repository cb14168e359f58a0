"""Form and thank-you pages rendered once per process (web/page_cache.py): each respondent still
gets tokens of their own, and a page is never served in another language or for another address."""

from __future__ import annotations

from tests.helpers import count_responses, form_tokens, make_collection


def test_respondents_of_one_cached_page_get_tokens_of_their_own_and_each_answer_is_stored(app, db):
    make_collection(db, "session_feedback")
    first, second = app.test_client(), app.test_client()
    pages = [c.get("/c/testi").get_data(as_text=True) for c in (first, second, first)]
    tokens = [form_tokens(p) for p in pages]
    assert len({t["_key"] for t in tokens}) == 3  # a new submission key on every page
    assert tokens[0]["csrf_token"] != tokens[1]["csrf_token"]
    assert "Placeholder" not in "".join(pages)
    for client, own in ((first, tokens[2]), (second, tokens[1])):
        reply = client.post("/c/testi", data={**own, "arvosana": "9"})
        assert reply.status_code == 302
    # A token from another respondent's session is refused, as without the cache.
    refused = first.post("/c/testi", data={**tokens[1], "arvosana": "9"})
    assert refused.status_code == 400
    assert count_responses(db) == 2


def test_a_cached_page_is_kept_apart_by_language_and_address(app, db):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    client = app.test_client()
    english = client.get("/c/testi?lang=en").get_data(as_text=True)
    finnish = app.test_client().get("/c/testi").get_data(as_text=True)
    assert '<html lang="en">' in english and '<html lang="fi">' in finnish
    again = app.test_client().get("/c/testi?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in again
    linked = app.test_client().get("/c/testi?kunta=utajarvi").get_data(as_text=True)
    assert "kunta=utajarvi" in linked and "kunta=utajarvi" not in finnish
    thanks_en = app.test_client().get("/c/testi/kiitos?lang=en").get_data(as_text=True)
    thanks_fi = app.test_client().get("/c/testi/kiitos").get_data(as_text=True)
    assert '<html lang="en">' in thanks_en and '<html lang="fi">' in thanks_fi
