"""A logged-in coordinator client."""
import pytest

from surveyapp.auth import create_user

PASSWORD = "oikein-pitka-salasana"


@pytest.fixture
def coordinator(app, session, client):
    user = create_user(session, email="koordinaattori@example.fi", name="Koordinaattori", password=PASSWORD,
                       role="admin")
    session.commit()
    page = client.get("/auth/login").get_data(as_text=True)
    import re
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"csrf_token": token, "email": "Koordinaattori@example.fi",
                                                  "password": PASSWORD})
    assert response.status_code == 302
    return user
