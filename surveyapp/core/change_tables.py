"""The change report's tables (change_report.py) as rows to show: one table per pair of waves.

As result_tables: captions, headers and labels chosen here, figures left as numbers for the
templates' Finnish formatting; ``_`` is the caller's gettext.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from surveyapp.core.change_report import WavePair
from surveyapp.core.result_tables import Cell, Row, Table, Translate


@dataclass(frozen=True)
class PairTables:
    title: str
    matches: Table | None  # None: the pair is not shown
    changes: Table | None
    min_cell: int


def _percent(share: Fraction | None) -> Fraction | None:
    """A share (0–1) as the percentage the tables show."""
    return None if share is None else share * 100


def for_pairs(pairs: list[WavePair], lang: str, min_cell: int, _: Translate) -> list[PairTables]:
    out = []
    for pair in pairs:
        title = _(
            "From “%(first)s” to “%(second)s”", first=pair.first.name, second=pair.second.name
        )
        if not pair.shown:
            out.append(PairTables(title, None, None, min_cell))
            continue
        matches = Table(
            _("Paired answers (n = %(n)s)", n=pair.paired),
            (_("Wave"), _("Answers"), _("Paired"), _("Match rate")),
            tuple(
                Row(wave.name, (Cell(answered), Cell(pair.paired), Cell(_percent(rate), "percent")))
                for wave, answered, rate in zip(
                    (pair.first, pair.second), pair.answered, pair.rates, strict=True
                )
            ),
            "data",
            (("data-matches", None),),
        )
        rows = []
        for item_change in pair.items:
            item, figures = item_change.item, item_change.change
            label = f"{item.number} {item.text.get(lang)}" if item.number else item.text.get(lang)
            if figures is None:
                cells = (Cell(min_cell, "small"),) + (Cell(None),) * 6
            else:
                cells = (
                    Cell(figures.n),
                    Cell(figures.mean_change, "change"),
                    Cell(figures.low, "change"),
                    Cell(figures.high, "change"),
                    Cell(_percent(figures.improved), "percent"),
                    Cell(_percent(figures.unchanged), "percent"),
                    Cell(_percent(figures.worse), "percent"),
                )
            rows.append(Row(label, cells, (("data-item", item.code),)))
        changes = Table(
            _("Change per question, paired answers only"),
            (
                _("Question"),
                _("Pairs"),
                _("Mean change"),
                _("95 % CI, from"),
                _("95 % CI, to"),
                _("Improved"),
                _("Unchanged"),
                _("Worse"),
            ),
            tuple(rows),
            "data",
            (("data-changes", None),),
            note=_(
                "Change is the later answer minus the earlier one of the same person. The 95 %% "
                "confidence interval is the paired t interval: mean ± t(0,975; n − 1) · s / √n, "
                "where s is the standard deviation of the changes. “< %(k)s” means too few pairs, "
                "or too few answers left out of the pairs, to show the change without revealing "
                "a small group.",
                k=min_cell,
            ),
        )
        out.append(PairTables(title, matches, changes, min_cell))
    return out
