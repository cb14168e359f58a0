"""WCAG 2.x contrast ratios of sRGB colours written as #rrggbb."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEX = re.compile(r"^#[0-9a-f]{6}$")
# WCAG 2.1 SC 1.4.3 (text), 1.4.3 large text and SC 1.4.11 (user-interface boundaries).
TEXT = 4.5
LARGE_TEXT = 3.0
UI = 3.0


def normalise(value: str) -> str | None:
    """'#ABC', 'abc', '#AABBCC' → '#aabbcc'; None when it is not a hex colour."""
    value = value.strip().lower()
    if not value.startswith("#"):
        value = "#" + value
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value if HEX.match(value) else None


def relative_luminance(colour: str) -> float:
    """The relative luminance of WCAG 2.x (sRGB, the 0.04045 threshold of the sRGB standard)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def shown_ratio(value: float) -> float:
    """The ratio cut (never rounded up) to two decimals, so 4.499 shows as 4.49 and not as a passing 4.5."""
    return int(value * 100) / 100


@dataclass(frozen=True)
class Pair:
    """Two theme colours that are seen against each other, and the contrast they need."""

    foreground: str
    background: str
    minimum: float
    ratio: float

    @property
    def ok(self) -> bool:
        # WCAG thresholds are not rounded: 4.499:1 fails 4.5:1.
        return self.ratio >= self.minimum


def check(foreground: str, background: str, minimum: float) -> Pair:
    return Pair(foreground, background, minimum, ratio(foreground, background))
