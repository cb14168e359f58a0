"""plotly.js and its stylesheets, served by the app, for a page without inline styles.

The charts need only bar and scatter traces, so the results page loads plotly.js's *basic*
distribution (bar, pie, scatter: 1.2 MB, 0.4 MB gzipped) rather than the full bundle in the
installed plotly package (4.8 MB). It is vendored in static/vendor/ from the npm package
plotly.js-basic-dist-min (MIT, licence beside it) at the plotly.js version the installed Python
package was built for; `bundle_version` and its test keep the two in step.

plotly.js injects <style> elements, which the Content-Security-Policy (style-src 'self') blocks:
- its global rules, unless the page has an element with the id "plotly.js-style-global" and the
  class "no-inline-styles";
- bundled stylesheets (maplibre's), each unless the page has an element with that stylesheet's id.
The results page links stylesheets with those ids instead, holding the same rules, read here from
the installed plotly.min.js, so plotly.js injects nothing.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from pathlib import Path

import plotly
from flask import abort, make_response, request

PLOTLY_JS = Path(__file__).parents[1] / "static" / "vendor" / "plotly-basic.min.js"
FULL_BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
_VERSION = re.compile(r"\* plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)")
STYLE_ID = "plotly.js-style-global"
# The rules object: {"X,X div":'direction:ltr;…', …} then a loop replacing X and Y with the selectors.
_RULES = re.compile(r'=\{("X,X div":.*?)\};for\((\w+) in \w+\)')
_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)":(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\')')
SELECTORS = {"X": ".js-plotly-plot .plotly", "Y": ".plotly-notifier"}
_BUNDLED = re.compile(
    r'if\(!document\.getElementById\("(\w+)"\)\)\{var (\w+)=document\.createElement\("style"\);'
    r'\2\.id="\1",\2\.textContent=(\'(?:[^\'\\\\]|\\\\.)*\'|"(?:[^"\\\\]|\\\\.)*")'
)


def bundle_version(path: Path) -> str:
    """The plotly.js version named in a bundle's header comment."""
    with path.open(encoding="utf-8") as bundle:
        match = _VERSION.search(bundle.read(300))
    if match is None:
        raise ValueError(f"no plotly.js version in the header of {path}")
    return match.group(1)


@functools.cache
def script(path: Path = PLOTLY_JS) -> tuple[bytes, bytes, str]:
    """The bundle as it is and gzipped (read and compressed once per process), and its version tag."""
    body = path.read_bytes()
    return (
        body,
        gzip.compress(body, compresslevel=9, mtime=0),
        hashlib.sha256(body).hexdigest()[:12],
    )


@functools.cache
def stylesheet(path: Path = PLOTLY_JS) -> str:
    """plotly.js's global CSS rules as a stylesheet; ValueError when the bundle no longer has them."""
    match = _RULES.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"no global style rules found in {path}: check plotly.js's CSP support")
    rules = []
    for selector, double, single in _PAIR.findall(match.group(1)):
        selector = selector.replace(",", " ,") if selector.startswith(",") else selector
        selector = re.sub("[XY]", lambda m: SELECTORS[m.group()], selector)
        rules.append(f"{selector}{{{double or single}}}")
    return "\n".join(rules) + "\n"


@functools.cache
def bundled(path: Path = PLOTLY_JS) -> dict[str, str]:
    """The stylesheets plotly.js would inject on loading, by the element id it checks for first."""
    return {
        match.group(1): _js_string(match.group(3))
        for match in _BUNDLED.finditer(path.read_text(encoding="utf-8"))
    }


def _js_string(literal: str) -> str:
    """The value of a JavaScript string literal (as a JSON string: same escapes but for \\')."""
    if literal.startswith("'"):
        body = literal[1:-1].replace("\\'", "'")
        literal = '"' + re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', body) + '"'
    return json.loads(literal)


def script_response():
    """The bundle, gzipped for a browser that takes it; kept for a year under the address with its
    current version tag (``?v=``), revalidated under any other."""
    body, gzipped, tag = script()
    compressed = request.accept_encodings["gzip"] > 0
    response = make_response(gzipped if compressed else body)
    response.mimetype = "text/javascript"
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    current = request.args.get("v") == tag
    response.headers["Cache-Control"] = (
        "private, max-age=31536000, immutable" if current else "private, no-cache"
    )
    response.set_etag(f"{tag}-gz" if compressed else tag)
    return response.make_conditional(request)


def add_version(endpoint: str, values: dict) -> None:
    """url_for of a blueprint's plotly_js route names the bundle's current version tag."""
    if endpoint.endswith(".plotly_js"):
        values.setdefault("v", script()[2])


def stylesheet_response(name: str, cache_control: str):
    """plotly.js's style rules ("global", or a bundled stylesheet's id) as a stylesheet; 404 for any
    other name."""
    css = stylesheet() if name == "global" else bundled().get(name)
    if css is None:
        abort(404)
    response = make_response(css)
    response.mimetype = "text/css"
    response.headers["Cache-Control"] = cache_control
    return response
