"""Layout on tablets and phones: screenshots, no sideways scrolling, touch targets of at least 44×44 px."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, SCREENSHOTS, TABLET
from tests.browser.pages import open_form, show_error_state
from tests.helpers import SHIPPED

pytestmark = pytest.mark.browser

MIN_TARGET = 44
REFLOW = {"width": 320, "height": 640}

# Every visible control or link of the page with its clickable box: a radio or checkbox is
# clicked through its label, so the label is measured; anything else is measured itself.
TARGETS = """() => {
    const out = [];
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
        if (el.type === "hidden") continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        const box = (["radio", "checkbox"].includes(el.type) && el.closest("label")) || el;
        const r = box.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || r.right <= 0 || r.bottom <= 0) continue;  // e.g. the unfocused skip link
        out.push({what: el.outerHTML.slice(0, 120), width: r.width, height: r.height});
    }
    return out;
}"""


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(
    ("size", "options"),
    [
        ("tablet", {"viewport": TABLET, "has_touch": True}),
        ("phone", {"viewport": PHONE, "has_touch": True, "is_mobile": True}),
    ],
)
def test_screenshots_of_session_feedback(new_page, size, options):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(**options)
    open_form(page, "session_feedback")
    page.screenshot(path=str(SCREENSHOTS / f"session-feedback-{size}.png"), full_page=True)
    show_error_state(page, "session_feedback")
    page.screenshot(path=str(SCREENSHOTS / f"session-feedback-{size}-error.png"), full_page=True)
    assert overflow(page) == 0


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_no_sideways_scrolling(new_page, instrument_id):
    """Nothing is wider than a tablet, a phone or the 320 px of WCAG's reflow criterion (1.4.10)."""
    page = new_page(has_touch=True)
    show_error_state(page, instrument_id)
    for viewport in (TABLET, PHONE, REFLOW):
        page.set_viewport_size(viewport)
        assert overflow(page) == 0, f"{instrument_id} is wider than {viewport['width']} px"


@pytest.mark.parametrize("state", ["form", "error"])
@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_touch_targets_at_tablet_size(new_page, instrument_id, state):
    page = new_page(viewport=TABLET, has_touch=True)
    if state == "form":
        open_form(page, instrument_id)
    else:
        show_error_state(page, instrument_id)
    targets = page.evaluate(TARGETS)
    assert len(targets) > 4
    small = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    assert not small, "targets smaller than 44×44 px:\n" + "\n".join(
        f"{t['width']:.0f}×{t['height']:.0f} {t['what']}" for t in small
    )
