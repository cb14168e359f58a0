"""The few figures at the top of a results page: answers, response rate, the lead item, its change.

Every figure comes from the page's protected tables (the dashboard's own n and rate, the lead
item's mean or share agreeing, the published periods' figures), so the band reveals nothing new.
Exact fractions throughout, rounded half-up and in Finnish format only when shown. ``_`` is the
caller's gettext, as in result_tables.

A form without a grade leads with its first statement battery: its **share agreeing** (answers on
the options its scale lists under ``agreeing:``, out of every answer to its statements, "don't
know" included: the comparison page's definition, all statements pooled, each answer once), or,
where the scale names no agreeing options, the mean of its coded answers (core/batteries.py). Its
change since the previous period compares the same figure in the two latest published periods
(core/battery_periods.py): percentage points for the share, the difference of the means otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from surveyapp.core import batteries, grade_items
from surveyapp.core.battery_periods import Period
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


def facts(
    dashboard: Dashboard,
    lang: str,
    _: Translate,
    periods: tuple[Period, Period] | None = None,
) -> tuple[Fact, ...]:
    """The band of a dashboard in form language ``lang``; nothing when it is hidden. ``periods``:
    the lead battery in the previous and the latest published period (battery_periods.latest_two)."""
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
        if periods is not None and band[-1].key in ("agreement", "battery-mean"):
            band.extend(battery_change(band[-1].key, periods, _))
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


def battery_change(key: str, periods: tuple[Period, Period], _: Translate) -> tuple[Fact, ...]:
    """The band's battery figure (``key``) in the latest period minus the previous one; nothing
    where either period lacks it."""
    (before, previous), (after, latest) = ((p.label, p.result) for p in periods)
    if previous.item.code != latest.item.code:
        return ()
    label = _("Change since %(period)s", period=before)
    if key == "agreement":
        then, now = agreement(previous), agreement(latest)
        if not (then and then[1] and now and now[1]):
            return ()
        points = signed(share(*now) - share(*then), 1)
        return (
            Fact(
                "change",
                label,
                _("%(change)s percentage points", change=points),
                _("share agreeing %(period)s", period=after),
            ),
        )
    then, now = batteries.overall(previous).mean, batteries.overall(latest).mean
    if then is None or now is None:
        return ()
    detail = _("mean of the statements %(period)s", period=after)
    return (Fact("change", label, signed(now - then, 2), detail),)
