"""The county level as the results JSON (`flask results`), the PDF report and the results page
publish it, read back as the attacker's observations (tests/disclosure/attacker.py)."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from html import unescape

from tests.disclosure.attacker import Observation
from tests.helpers import pdf_text

ROW = re.compile(r'<tr data-group="([^"]*)"><th scope="row">.*?</th>(.*?)</tr>', re.S)


def years_of(label: str) -> set[int]:
    first, _, last = label.partition("–")
    return set(range(int(first[:4]), int((last or first)[:4]) + 1))


def scope(members, years):
    return lambda f: f.municipality in members and f.year in years


def json_output(app, slug: str, by: str) -> dict:
    args = ["results", "--collection", slug, "--by", by]
    return json.loads(app.test_cli_runner().invoke(args=args).output)


def members_of(row: dict, level: str, county_of: dict[str, str], places) -> tuple[str, ...]:
    """The municipalities of a published group: its own, or those a "muut" row names."""
    if row["members"]:
        return tuple(row["members"])
    if level == "county":
        return tuple(p for p in places if county_of[p] == row["group"])
    return (row["group"],)


def from_json(app, slug: str, county_of: dict[str, str], places) -> list[Observation]:
    """Every group of the JSON by municipality (with its county level) and by year."""
    every_year = set(range(2000, 2100))
    out = []
    by_place = json_output(app, slug, "municipality")
    for level, rows in (
        ("municipality", by_place["groups"]),
        ("county", by_place.get("counties", [])),
    ):
        for row in rows:
            if row["hidden"]:
                continue
            members = members_of(row, level, county_of, places)
            grades = {int(g): c for g, c in row["grades"]["distribution"].items()}
            out.append(
                Observation(
                    f"json {level} {row['group']}", scope(members, every_year), grades=grades
                )
            )
    for row in json_output(app, slug, "year")["groups"]:
        grades = {int(g): c for g, c in row["grades"]["distribution"].items()}
        out.append(
            Observation(
                f"json year {row['group']}", scope(places, years_of(row["group"])), grades=grades
            )
        )
    return out


def page_rows(html: str, heading: str, mean_column: int) -> dict[str, tuple[int, Fraction]]:
    """data-group -> (n, mean) of the shown rows of the results page's section so headed."""
    section = re.search(rf'<section aria-labelledby="{heading}">(.*?)</section>', html, re.S)
    out = {}
    for key, rest in ROW.findall(section.group(1) if section else ""):
        cells = [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S)
        ]
        if re.fullmatch(r"\d+", cells[0]):
            out[key] = (int(cells[0]), Fraction(cells[mean_column].replace(",", ".")))
    return out


def from_pages(client, slug, periods, members: dict, county_members: dict) -> list[Observation]:
    """Both levels of the results page in every period the collection offers as a filter."""
    out = []
    for period in periods:
        html = client.get(f"/coordinate/c/{slug}/results?year={period}").get_data(as_text=True)
        html = html.replace("\u00a0", " ")
        for heading, mean_column, groups in (
            ("h-municipalities", 3, members),
            ("h-counties", 2, county_members),
        ):
            for key, (n, mean) in page_rows(html, heading, mean_column).items():
                where = scope(groups[key], years_of(period))
                out.append(Observation(f"page {period} {key}", where, n=n, mean=mean))
    return out


def pdf_counties(client, slug: str) -> dict[str, tuple[int, Fraction]]:
    """The PDF report's county table: label -> (n, mean)."""
    text = pdf_text(client.get(f"/coordinate/c/{slug}/raportti.pdf").data).replace("\u00a0", " ")
    if "Hyvinvointialueittain" not in text:
        return {}
    # The heading, the header line (ending with the mean's column), the rows, then the note.
    after = text.split("Hyvinvointialueittain", 1)[1].split("keskiarvo", 1)[1]
    table = " ".join(after.split("Pienten ryhmien suoja")[0].split("\n"))
    return {
        label.strip(): (int(n), Fraction(mean.replace(",", ".")))
        for label, n, mean in re.findall(r"([^\d%–]+?) (\d+) \d+,\d % (\d+,\d\d)", table)
    }
