"""The attacker's reading of the session history's kinds and the yearly activity table (core/activities.py)."""

from __future__ import annotations

import re
from fractions import Fraction

from tests.disclosure.attacker import Observation, _cells, _mean, _number, _years


def session_kinds(history_html: str) -> tuple[dict[str, str], set[str]]:
    """Each session's kind, and the sessions with attendance entered, as the session history lists them."""
    kinds, attended = {}, set()
    for session_id, kind, attendance in re.findall(
        r'href="/coordinate/sessions/([^"]+)">[^<]*</a></th>\s*<td data-kind="(\w+)">[^<]*</td>\s*'
        r"<td>([^<]*)</td>",
        history_html,
    ):
        kinds[session_id] = kind
        if _number(attendance.strip()) is not None:
            attended.add(session_id)
    return kinds, attended


def _rate(text: str) -> Fraction | None:
    found = re.fullmatch(r"(\d+),(\d) %", text)
    return Fraction(int(found.group(1) + found.group(2)), 10) if found else None


def activity_table(
    html: str, kinds: dict[str, str], attended: set[str], k_source: str = "activities"
) -> list[Observation]:
    """The yearly activity table: answers and mean per period and kind, and the answers of the sessions
    with attendance wherever the response rate and the participants leave one possible count."""
    html = html.replace("\u00a0", " ")
    out = []
    for period, kind, rest in re.findall(
        r'<tr data-period="([^"]*)" data-kind="(\w+)"><th scope="row">.*?</th>(.*?)</tr>',
        html,
        re.S,
    ):
        cells = _cells(rest)
        years = _years(period) if period else None
        chosen = {s for s, kd in kinds.items() if kind == "all" or kd == kind}

        def scope(f, chosen=frozenset(chosen), years=years):
            return f.session in chosen and (years is None or f.year in years)

        n = _number(cells[3])
        source = f"{k_source} {period or 'all'} {kind}"
        if n is not None:
            out.append(Observation(source, scope, n=n, mean=_mean(cells[5])))
        rate, participants = _rate(cells[4]), _number(cells[1])
        if rate is not None and participants:
            possible = [
                a
                for a in range(0, 10 * participants + 1)
                if abs(Fraction(100 * a, participants) - rate) <= Fraction(1, 20)
            ]
            if len(possible) == 1:
                with_attendance = frozenset(chosen & attended)
                out.append(
                    Observation(
                        f"{source} rate",
                        lambda f, s=with_attendance, years=years: (
                            f.session in s and (years is None or f.year in years)
                        ),
                        n=possible[0],
                    )
                )
    return out
