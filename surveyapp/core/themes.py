"""An organisation's theme: its colours, their defaults, and the contrast each pair must keep."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from surveyapp.core import contrast
from surveyapp.core.models import Organisation

# Colours of the Suomi.fi design tokens (MIT, © Population Register Centre; see static/NOTICE.md):
# brandBase, whiteBase, highlightBase, blackBase and depthDark1.
DEFAULT_THEME = {
    "theme_brand": "#00357a",
    "theme_brand_text": "#ffffff",
    "theme_accent": "#2a6ebb",
    "theme_heading": "#212121",
    "theme_border": "#5f686d",
}
# Forms are always on white, so that error and focus colours keep their contrast too.
PAGE_BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class ThemePair:
    """Two theme colours seen against each other: `kind` is text, large_text or ui."""

    code: str
    foreground: str
    background: str | None  # None: the white page
    kind: str

    @property
    def minimum(self) -> float:
        return (
            contrast.TEXT
            if self.kind == "text"
            else contrast.LARGE_TEXT
            if self.kind == "large_text"
            else contrast.UI
        )


THEME_PAIRS = (
    # The organisation's name and the language links in the header.
    ThemePair("header", "theme_brand_text", "theme_brand", "text"),
    # Links on the page, and the white text of buttons and chosen grades on this colour.
    ThemePair("accent", "theme_accent", None, "text"),
    # Headings are large text (at least 18.7 px bold).
    ThemePair("heading", "theme_heading", None, "large_text"),
    # The borders of answer boxes, radio buttons and text fields (WCAG 1.4.11).
    ThemePair("border", "theme_border", None, "ui"),
)


def theme_checks(colours: Mapping[str, str]) -> list[tuple[ThemePair, contrast.Pair]]:
    """Every theme pair with its measured contrast; ``colours`` must be valid hex colours."""
    out = []
    for pair in THEME_PAIRS:
        background = colours[pair.background] if pair.background else PAGE_BACKGROUND
        out.append((pair, contrast.check(colours[pair.foreground], background, pair.minimum)))
    return out


def theme_of(organisation: Organisation | None) -> dict[str, str]:
    """The theme colours to use, valid hex only: anything else falls back to the default colour."""
    if organisation is None:
        return dict(DEFAULT_THEME)
    return {
        name: contrast.normalise(getattr(organisation, name) or "") or default
        for name, default in DEFAULT_THEME.items()
    }
