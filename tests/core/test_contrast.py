"""WCAG contrast ratios, exact at the thresholds."""

from __future__ import annotations

import pytest

from surveyapp.core import contrast


def test_black_on_white_is_21_and_symmetric():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#ffffff", "#000000") == contrast.ratio("#000000", "#ffffff")
    assert contrast.ratio("#777777", "#777777") == 1.0


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("#00357a", 11.73),
        ("#2a6ebb", 5.18),
        ("#212121", 16.1),
        ("#5f686d", 5.69),  # the default theme
        ("#767676", 4.54),
        ("#777777", 4.47),  # the greys either side of 4.5:1
        ("#949494", 3.03),
        ("#959595", 2.99),  # and of 3:1
    ],
)
def test_ratios_on_white_are_cut_to_two_decimals(colour, expected):
    assert contrast.shown_ratio(contrast.ratio(colour, "#ffffff")) == expected


def test_threshold_is_not_rounded():
    assert contrast.check("#767676", "#ffffff", contrast.TEXT).ok
    assert not contrast.check("#777777", "#ffffff", contrast.TEXT).ok
    assert contrast.check("#949494", "#ffffff", contrast.UI).ok
    assert not contrast.check("#959595", "#ffffff", contrast.LARGE_TEXT).ok
    # 4.4999 shows as 4.49, never as a passing-looking 4.5.
    assert contrast.shown_ratio(4.4999) == 4.49


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("#00357A", "#00357a"),
        ("00357a", "#00357a"),
        (" #abc ", "#aabbcc"),
        ("#12345", None),
        ("blue", None),
        ("#00357a;}", None),
    ],
)
def test_normalise(raw, expected):
    assert contrast.normalise(raw) == expected
