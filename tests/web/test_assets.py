"""Static files are addressed by their content and cached for a year under that address only."""

from __future__ import annotations

import re


def test_static_addresses_carry_the_content_hash(client):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/app\.css\?v=([0-9a-f]{12}))"', page)
    assert href, "the stylesheet's address has its version"
    with client.get(href.group(1)) as versioned:
        assert versioned.status_code == 200
        assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Another or no version: revalidated as before, never kept for a year.
    for path in ("/static/app.css", "/static/app.css?v=000000000000"):
        with client.get(path) as reply:
            assert reply.status_code == 200
            assert "immutable" not in reply.headers.get("Cache-Control", "")
