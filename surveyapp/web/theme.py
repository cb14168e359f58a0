"""An organisation's theme as a stylesheet: CSS variables, their version, and its address."""

from __future__ import annotations

import hashlib

from flask import url_for
from markupsafe import Markup

from surveyapp.core import themes

VARIABLES = {
    "theme_brand": "--brand",
    "theme_brand_text": "--brand-text",
    "theme_accent": "--accent",
    "theme_heading": "--heading",
    "theme_border": "--line",
}


def theme_css(organisation) -> Markup:
    """The organisation's theme as CSS variables; only checked hex colours reach the page."""
    theme = themes.theme_of(organisation)
    return Markup(":root{" + ";".join(f"{VARIABLES[k]}:{v}" for k, v in theme.items()) + "}")


def theme_version(organisation) -> str:
    """A short hash of the theme: part of the stylesheet's address, so a changed theme is a new address."""
    return hashlib.sha256(str(theme_css(organisation)).encode()).hexdigest()[:12]


def theme_url(organisation) -> str:
    """The theme stylesheet of a page (served, not inline: the CSP allows no inline styles)."""
    if organisation is None:
        return url_for("info.theme_default", v=theme_version(None))
    return url_for("info.theme", org=organisation.slug, v=theme_version(organisation))
