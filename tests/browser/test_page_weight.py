"""Each respondent page stays light (at most 50 KB with everything it loads) and loads nothing from elsewhere."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ROOT, slug
from tests.browser.pages import BUDGET, origin
from tests.helpers import SHIPPED

pytestmark = pytest.mark.browser

WEIGHTS = ROOT / "test-artifacts" / "page-weight.json"


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_page_weight_and_own_origin_only(page, live_server, instrument_id):
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    page.goto(f"/c/{slug(instrument_id)}", wait_until="networkidle")
    assert requests and responses
    foreign = [url for url in requests if origin(url) != origin(live_server)]
    assert not foreign, f"requests to other origins: {foreign}"
    sizes = {response.url: len(response.body()) for response in responses}
    total = sum(sizes.values())
    WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    weights = json.loads(WEIGHTS.read_text()) if WEIGHTS.exists() else {}
    weights[instrument_id] = {
        "total": total,
        **{urlsplit(url).path: size for url, size in sizes.items()},
    }
    WEIGHTS.write_text(json.dumps(weights, indent=2, sort_keys=True))
    assert total <= BUDGET, f"{instrument_id}: {total} bytes > {BUDGET}: {sizes}"
