"""The leader's forms on the tablet use the coordinators' field macro: error tied to its field, typed value kept."""

from __future__ import annotations

from tests.helpers import Elements, close_kiosk, kiosk_leader


def test_a_refused_attendance_is_described_and_kept(client, kiosk):  # noqa: F811
    kiosk_leader(client, kiosk.kiosk_token)
    response = close_kiosk(client, kiosk.kiosk_token, "kuusi")
    assert response.status_code == 422
    page = Elements(response.get_data(as_text=True))
    attendance = page.attributes("attendance")
    assert (attendance["aria-describedby"], attendance["aria-invalid"], attendance["value"]) == (
        "err-attendance",
        "true",
        "kuusi",
    )
    assert page.by_id["err-attendance"][0] == "p"
    # The other form on the page is untouched: the session's saved language, no error.
    assert "aria-invalid" not in page.attributes("language")
    assert page.selected == {"language": [kiosk.language]}


def test_a_wrong_pin_is_announced_and_describes_the_field(client, kiosk):  # noqa: F811
    response = kiosk_leader(client, kiosk.kiosk_token, "0000")
    assert response.status_code == 403
    page = Elements(response.get_data(as_text=True))
    assert page.by_id["pin-error"][1]["role"] == "alert"
    assert page.attributes("pin")["aria-describedby"] == "pin-error"
