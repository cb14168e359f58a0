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


def test_the_vendored_bundle_is_the_installed_packages_plotly_js():
    """Figures are made by the Python package for its plotly.js; the basic bundle must be that version."""
    vendored = plotly_assets.bundle_version(plotly_assets.PLOTLY_JS)
    assert vendored == plotly_assets.bundle_version(plotly_assets.FULL_BUNDLE)
    assert plotly_assets.PLOTLY_JS.read_text(encoding="utf-8")[:60].startswith(
        "/**\n* plotly.js (basic - minified) v"
    )
    licence = plotly_assets.PLOTLY_JS.with_name("plotly.js-LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Plotly Technologies Inc." in licence


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


def test_no_chart_can_reach_the_addresses_the_bundle_names():
    """The bundle's defaults that point elsewhere are switched off in the config every chart carries."""
    import html
    import json
    import re

    from surveyapp.core import charts
    from surveyapp.core.stats import GradeSummary

    summary = GradeSummary(n=1, total=8, distribution={g: int(g == 8) for g in range(4, 11)})
    figure = re.search(r'data-figure="([^"]*)"', str(charts.grade_distribution(summary))).group(1)
    config = json.loads(html.unescape(figure))["config"]
    assert config["displayModeBar"] is False and config["displaylogo"] is False
    assert config["showLink"] is False and config["showSendToCloud"] is False
    assert config["plotlyServerURL"] == "" and config["topojsonURL"] == ""
