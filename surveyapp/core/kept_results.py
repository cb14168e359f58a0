"""A collection's protected results tables, kept when the retention time deletes its answers.

A coordinator chooses per collection to keep them (a KeptResults row). The retention run that first
deletes answers of such a collection takes, just before it deletes them, the figures of the
collection's protected results page (core/results.py, small groups already merged or withheld):
the number of answers, every grade question's distribution and exact mean, and the tables by
municipality, wellbeing services county and period. Nothing else: no response, no written answer,
no option count, no hidden group and no group under the small-group limit. Later runs leave the
kept tables as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Callable, Mapping

from sqlalchemy.orm import Session

from surveyapp.core.instruments.spec import GRADES
from surveyapp.core.models import Collection, KeptResults
from surveyapp.core.result_tables import Cell, Row, Table, group_label
from surveyapp.core.results import Dashboard
from surveyapp.core.stats import GradeSummary
from surveyapp.core.summaries import number

Translate = Callable[..., str]
KEPT_BREAKDOWNS = ("municipality", "county", "year")


def chosen(db: Session, collection: Collection) -> KeptResults | None:
    return db.get(KeptResults, collection.id)


def choose(db: Session, collection: Collection, keep: bool, today: dt.date) -> None:
    """Keep the collection's results tables past the retention time, or not (flushes)."""
    row = chosen(db, collection)
    if keep and row is None:
        db.add(KeptResults(collection_id=collection.id, chosen_on=today))
    elif not keep and row is not None:
        db.delete(row)
    db.flush()


def _grades(summary: GradeSummary | None) -> dict | None:
    if summary is None or not summary.n:
        return None
    return {
        "n": summary.n,
        "total": summary.total,
        "distribution": {str(g): summary.distribution[g] for g in GRADES},
    }


def snapshot(dashboard: Dashboard) -> dict:
    """The figures of the protected results page worth keeping, as plain JSON data."""
    k = dashboard.min_cell
    if dashboard.hidden:
        return {"min_cell": k, "n": None}
    grades = [
        {"item": r.item.code, **_grades(r.grades)}
        for r in dashboard.items
        if r.grades is not None and r.grades.n >= k
    ]
    breakdowns = {
        by: [
            {
                "group": row.key,
                "members": list(row.members),
                "n": row.n,
                "grades": _grades(row.grades),
            }
            for row in dashboard.breakdowns[by].rows
            if not row.hidden and row.n >= k
        ]
        for by in KEPT_BREAKDOWNS
        if by in dashboard.breakdowns
    }
    return {"min_cell": k, "n": dashboard.n, "grades": grades, "breakdowns": breakdowns}


def keep(db: Session, collection: Collection, dashboard: Dashboard, today: dt.date) -> bool:
    """Store the snapshot of a collection whose coordinators chose it, once; whether it did."""
    row = chosen(db, collection)
    if row is None or row.tables is not None:
        return False
    row.tables = json.dumps(snapshot(dashboard), ensure_ascii=False, sort_keys=True)
    row.answers_deleted_on = today
    db.flush()
    return True


def kept(db: Session, collection: Collection) -> KeptResults | None:
    """The kept tables of a collection whose answers the retention time deleted, or None."""
    row = chosen(db, collection)
    return row if row is not None and row.tables is not None else None


def mean(grades: Mapping | None) -> Fraction | None:
    return Fraction(grades["total"], grades["n"]) if grades else None


def as_data(row: KeptResults) -> dict:
    """The kept figures for JSON: exact means rounded half-up to two decimals."""
    data = json.loads(row.tables)
    for entry in data.get("grades", ()):
        entry["mean"] = number(mean(entry), 2)
    for rows in data.get("breakdowns", {}).values():
        for entry in rows:
            entry["mean"] = number(mean(entry["grades"]), 2)
    return {"answers_deleted_on": row.answers_deleted_on.isoformat(), **data}


def tables(
    row: KeptResults,
    labels: Mapping[str, str],
    names: Mapping[str, str],
    _: Translate,
    printed: bool = False,
) -> list[Table]:
    """The kept figures as tables (``labels``: grade item code → its question in form language;
    ``names``: municipality code → name, and "county:01" → county name)."""
    data = json.loads(row.tables)
    css = None if printed else "data"
    out = []
    for entry in data.get("grades", ()):
        question = labels.get(entry["item"], entry["item"])
        counts = (Cell(entry["distribution"][str(g)]) for g in GRADES)
        out.append(
            Table(
                caption=_("%(question)s (n = %(n)s)", question=question, n=entry["n"]),
                headers=(_("Grade"), *map(str, GRADES), _("Mean")),
                rows=(Row(_("Answers"), (*counts, Cell(mean(entry), "number"))),),
                css=css,
            )
        )
    captions = {
        "municipality": _("By municipality"),
        "county": _("By wellbeing services county"),
        "year": _("By year"),
    }
    breakdowns = data.get("breakdowns", {})
    for by in (b for b in KEPT_BREAKDOWNS if len(breakdowns.get(b, ())) > 1):
        rows = tuple(
            Row(
                group_label(by, r["group"], names, _, tuple(r["members"])),
                (Cell(r["n"]), Cell(mean(r["grades"]), "number")),
                () if printed else (("data-group", r["group"]),),
            )
            for r in breakdowns[by]
        )
        headers = ("" if printed else captions[by], _("Answers"), _("Mean grade"))
        out.append(Table(captions[by], headers, rows, css))
    return out
