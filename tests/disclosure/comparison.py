"""The attacker reads the comparison of a collection's years: each year's (or period's) answers and
mean grade, on the page and in its JSON, as observations over the fine cells."""

from __future__ import annotations

import re
from fractions import Fraction
from html import unescape

from tests.disclosure import attacker
from tests.disclosure.attacker import Observation


def _table(html: str, caption: str) -> tuple[list[str], dict[str, list[str]]]:
    """(column headers, statement code → cell texts) of the comparison table with ``caption``."""
    if f"<caption>{caption}</caption>" not in html:
        return [], {}
    table = html.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    headers = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table)]
    rows = re.findall(
        r'<tr data-statement="([^"]*)"><th scope="row">.*?</th>(.*?)</tr>', table, re.S
    )
    return headers[1:], {code: attacker._cells(f"<tr>{cells}</tr>") for code, cells in rows}


def observations(client, slug: str) -> list[Observation]:
    """Every figure of the years comparison (page and JSON) that could narrow a cell."""
    page = client.get(f"/coordinate/c/{slug}/compare").get_data(as_text=True)
    html = page.replace("\u00a0", " ")
    labels, answers = _table(html, "Vastaukset")
    _, means = _table(html, "Keskiarvo")
    assert labels or "data-comparison" not in html, "the comparison was not read"
    out = []
    for i, label in enumerate(labels):
        n = attacker._number(answers[""][i])
        if n is None:
            continue  # "< k": nothing published
        mean = attacker._mean(means["arvosana"][i]) if means else None
        out.append(
            Observation(
                f"comparison {label}",
                lambda f, years=attacker._years(label): f.year in years,
                n=n,
                mean=mean,
            )
        )
    data = client.get(f"/coordinate/c/{slug}/vertailu.json").get_json()
    grade = next(s for s in data["statements"] if s["code"] == "arvosana")
    for column in data["columns"]:
        figures = grade["columns"][column["key"]]
        if column["hidden"]:
            assert figures is None, column
            continue
        mean = Fraction(str(figures["mean"])) if figures["mean"] is not None else None
        out.append(
            Observation(
                f"comparison JSON {column['label']}",
                lambda f, years=attacker._years(column["label"]): f.year in years,
                n=column["n"],
                mean=mean,
            )
        )
    return out
