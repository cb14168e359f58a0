"""plotly.js's style rules, read from the installed bundle, so that it needs to inject no <style>."""

from __future__ import annotations

from surveyapp.web import plotly_assets


def test_global_rules_are_read_from_the_bundle():
    css = plotly_assets.stylesheet()
    lines = css.splitlines()
    assert lines[0] == (
        ".js-plotly-plot .plotly,.js-plotly-plot .plotly div{direction:ltr;"
        'font-family:"Open Sans",verdana,arial,sans-serif;margin:0;padding:0;border:0;}'
    )
    assert (
        ".js-plotly-plot .plotly .main-svg{position:absolute;top:0;left:0;pointer-events:none;}"
        in lines
    )
    assert all(line.endswith("}") and "X" not in line.split("{")[0] for line in lines)


def test_bundled_stylesheets_are_found_by_their_ids():
    bundled = plotly_assets.bundled()
    assert len(bundled) == 1  # maplibre's, in plotly.js 3 and 4
    (css,) = bundled.values()
    assert css.startswith(".maplibregl-map{")


def test_served_to_coordinators_only(app, client, coordinator):
    with client.get("/coordinate/plotly/global.css") as response:
        assert (response.status_code, response.mimetype) == (200, "text/css")
        assert response.get_data(as_text=True) == plotly_assets.stylesheet()
    (name,) = plotly_assets.bundled()
    with client.get(f"/coordinate/plotly/{name}.css") as response:
        assert response.get_data(as_text=True) == plotly_assets.bundled()[name]
    assert client.get("/coordinate/plotly/muu.css").status_code == 404
    with app.test_client() as anonymous, anonymous.get("/coordinate/plotly/global.css") as response:
        assert response.status_code == 302
