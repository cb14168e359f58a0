"""The few figures at the top of a results page: answers, response rate, the lead item, its change.

Every figure is one the page's protected tables already show (the dashboard's own n and rate, the
lead item's mean or share agreeing, the published periods' means), so the band reveals nothing
new. Exact fractions throughout, rounded half-up and in Finnish format only when shown. ``_`` is
the caller's gettext, as in result_tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from surveyapp.core import batteries, grade_items
from surveyapp.core.results import Dashboard
from surveyapp.core.stats import fi_number, fi_percent, share
from surveyapp.core.summaries import ItemResult

Translate = Callable[..., str]


@dataclass(frozen=True)
class Fact:
    """One figure of the band: ``key`` names it for tests and styles; ``detail`` says what it is of."""

    key: str
    label: str
    value: str
    detail: str = ""


def signed(value: Fraction, places: int) -> str:
    """+0,25 or −0,25 (a minus sign, not a hyphen); ±0,00 for no change at this precision."""
    text = fi_number(value, places)
    if text.startswith("\u2212"):
        return text
    return ("+" if any(c not in "0," for c in text) else "\u00b1") + text


def lead_mean_change(dashboard: Dashboard) -> tuple[str, str, Fraction] | None:
    """(previous period, latest period, latest mean − previous mean) of the lead grade over the
    published periods; None for fewer than two periods with answers to it."""
    by_year = dashboard.breakdowns.get("year")
    if dashboard.grade_item is None or by_year is None:
        return None
    code = dashboard.grade_item.code
    periods = [
        (row.key, summary.mean)
        for row in by_year.rows
        if not row.hidden and (summary := row.item_grades.get(code)) and summary.n
    ]
    if len(periods) < 2:
        return None
    (before, mean_before), (after, mean_after) = periods[-2], periods[-1]
    return before, after, mean_after - mean_before


def agreement(result: ItemResult) -> tuple[int, int] | None:
    """(answers on the agreeing options, every answer, "don't know" included) over a battery's
    statements; None when its scale names no agreeing options."""
    agreeing = result.item.scale.agreeing if result.rows else ()
    if not agreeing:
        return None
    return (
        sum(summary.counts.get(code, 0) for _row, summary in result.rows for code in agreeing),
        sum(summary.n for _row, summary in result.rows),
    )


def facts(dashboard: Dashboard, lang: str, _: Translate) -> tuple[Fact, ...]:
    """The band of a dashboard in form language ``lang``; nothing but the count when it is hidden."""
    if dashboard.hidden:
        return ()
    band = [Fact("n", _("Answers"), fi_number(dashboard.n, 0))]
    if dashboard.response_rate is not None:
        band.append(
            Fact(
                "response-rate",
                _("Response rate"),
                fi_percent(dashboard.response_rate),
                _("of %(invited)s invited", invited=fi_number(dashboard.invited, 0)),
            )
        )
    results = {result.item.code: result for result in dashboard.items}
    lead = dashboard.grade_item
    lead_result = results.get(lead.code) if lead else None
    if lead and lead_result and lead_result.grades and lead_result.grades.n:
        band.append(
            Fact(
                "lead-mean",
                _("Mean grade"),
                fi_number(lead_result.grades.mean, 2),
                grade_items.label(lead, lang),
            )
        )
        change = lead_mean_change(dashboard)
        if change is not None:
            before, after, difference = change
            band.append(
                Fact(
                    "change",
                    _("Change since %(period)s", period=before),
                    signed(difference, 2),
                    _("mean grade %(period)s", period=after),
                )
            )
        return tuple(band)
    battery = next((result for result in dashboard.items if result.rows), None)
    if battery is not None:
        band.extend(battery_fact(battery, lang, _))
    return tuple(band)


def battery_fact(result: ItemResult, lang: str, _: Translate) -> tuple[Fact, ...]:
    """The lead battery's share agreeing where its scale says which options agree, else the mean of
    its coded answers (batteries.overall) with the scale's ends named."""
    counted = agreement(result)
    label = grade_items.label(result.item, lang)
    if counted and counted[1]:
        return (Fact("agreement", _("Agreeing"), fi_percent(share(*counted)), label),)
    mean = batteries.overall(result).mean
    ends = [o for o in result.item.scale.options if o.value is not None and not o.dont_know]
    if mean is None or not ends:
        return ()
    low, high = min(ends, key=lambda o: o.value), max(ends, key=lambda o: o.value)
    scale = f"{low.value} = {low.label.get(lang)} … {high.value} = {high.label.get(lang)}"
    return (
        Fact("battery-mean", _("Mean of the statements"), fi_number(mean, 2), f"{label} ({scale})"),
    )
