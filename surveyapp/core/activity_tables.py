"""The activity table as rows to show (templates/macros/tables.html), on the sessions page and in print."""

from __future__ import annotations

from surveyapp.core.activities import ALL, Activity, Row
from surveyapp.core.result_tables import Cell, Table, Translate
from surveyapp.core.result_tables import Row as TableRow


def kind_name(kind: str, _: Translate) -> str:
    """A session kind's name: the seeds' own words, "ryhmäkerta" and "retki" (seeds/000 l. 832-836)."""
    return {"group": _("group session"), "trip": _("trip"), "other": _("other")}[kind]


def row_label(row: Row, _: Translate) -> str:
    if row.period is None:
        return _("All years")
    if row.kind == ALL:
        return _("%(period)s, all kinds", period=row.period)
    return f"{row.period}, {kind_name(row.kind, _)}"


def cells(row: Row, _: Translate) -> tuple[Cell, ...]:
    hidden = Cell(_("not shown"), "text")
    if row.answers is None:
        answers = rate = mean = hidden
    else:
        answers = Cell(row.answers)
        rate = (
            Cell(row.response_rate, "percent")
            if row.attended_answers is not None or not row.participants
            else hidden
        )
        mean = Cell(row.mean, "number")
    return (
        Cell(row.sessions),
        Cell(row.participants),
        Cell(row.without_attendance),
        answers,
        rate,
        mean,
    )


def activity_table(activity: Activity, _: Translate, printed: bool = False) -> Table:
    """Sessions, participants, answers, response rate and mean grade by year and kind of session."""
    headers = (
        _("Year and kind"),
        _("Sessions"),
        _("Participants"),
        _("Sessions without attendance"),
        _("Answers"),
        _("Response rate (answers / participants)"),
        _("Mean grade"),
    )
    rows = tuple(
        TableRow(
            row_label(row, _),
            cells(row, _),
            () if printed else (("data-period", row.period or ""), ("data-kind", row.kind)),
        )
        for row in (*activity.rows, activity.total)
    )
    note = _(
        "Participants: the attendance the leaders entered. A session without it counts as held, adds "
        "no participants and its answers are left out of the response rate. Answers: those stored "
        "with the sessions (on the tablet, or paper forms entered for the session), counted once "
        "the session is closed. "
        "“Not shown”: the figure would reveal fewer than %(min)s answers (small-group protection).",
        min=activity.min_cell,
    )
    caption = _("Activities by year")
    if printed:
        return Table(caption, headers, rows, note=note)
    return Table(caption, headers, rows, "data activities", (("data-activities", None),), note)
