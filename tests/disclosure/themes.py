"""The attacker's reading of the themes of written answers, and the themes the test data gets.

Every themes page under every filter the coordinator is offered (counts and tagging lists) and the
public "you said, we did" page; attacker.solve puts the counts into its integer program.
"""

from __future__ import annotations

import re
from html import unescape

from surveyapp.core import reports, topics
from tests.disclosure import attacker
from tests.disclosure.attacker import Knowledge, Observation


def seed(db, collection, rng) -> dict[str, set[str]]:
    """Two themes on the comments at random, one quoted, the page published on the web and the tablets."""
    chosen = {
        "Kuljetus": topics.create(db, collection, topics.Texts(name="Kuljetus")),
        "Ryhmät": topics.create(db, collection, topics.Texts(name="Ryhmät")),
    }
    key, place = b"attacker" * 4, "seed"
    written = topics.written(db, collection, reports.Filters(), key, place)
    tags = {
        w.token: {
            t.id
            for t, p in ((chosen["Kuljetus"], 0.4), (chosen["Ryhmät"], 0.5))
            if rng.random() < p
        }
        for w in written
    }
    topics.save_tags(db, collection, reports.Filters(), key, place, tags)
    quotable = topics.tagged(db, chosen["Kuljetus"], key)
    if quotable:
        topics.choose_quote(db, chosen["Kuljetus"], key, quotable[0][0])
    topics.publish(db, collection, public=True, kiosk=True)
    names = {t.id: name for name, t in chosen.items()}
    return {w.text: {names[i] for i in tags[w.token]} for w in written}


def topic_counts(html: str, source: str, scope) -> list[Observation]:
    """A themes page's counts: its written answers (one per response in the attacker's data) and each theme's."""
    if "data-topics" not in html:
        return []
    table = html.split("data-topics")[1].split("</table>")[0]
    written = int(re.search(r"\(n = (\d+)\)", table).group(1))
    counts = {
        unescape(name) if topic else "(none)": int(n)
        for topic, name, n in re.findall(
            r'<tr data-topic="([0-9a-f]*)"[^>]*><th scope="row">([^<]*)</th><td>(\d+)</td>', table
        )
    }
    return [Observation(source, scope, n=written, topics=counts)]


def topic_page(html: str, source: str) -> list[Observation]:
    """The public "you said, we did" page: each theme's count over the whole collection."""
    counts = {
        unescape(name): int(n)
        for name, n in re.findall(
            r'<h2[^>]*>([^<]+)</h2>\s*<p class="topic-count" data-topic-n="(\d+)">', html
        )
    }
    return [Observation(source, lambda f: True, topics=counts)] if counts else []


def tagging_texts(html: str, source: str, scope) -> list[Observation]:
    """The written answers a tagging page lists (every one of its filter's)."""
    if "<legend>" not in html:
        return []
    texts = frozenset(
        unescape(t).strip() for t in re.findall(r"<legend>(.*?)</legend>", html, re.S)
    )
    return [Observation(source, scope, texts=texts)]


def read(client, slug: str, names, others, add) -> None:
    """The themes' counts and tagging lists under every offered filter, and the public page."""
    base = f"/coordinate/c/{slug}/teemat"
    unfiltered = client.get(base).get_data(as_text=True)
    for m in [None, *attacker.options(unfiltered, "municipality")]:
        for y in [None, *attacker.options(unfiltered, "year")]:
            query = {k: v for k, v in (("municipality", m), ("year", y)) if v}
            members = attacker.municipalities(m, "", names, others) if m else None
            years = attacker._years(y) if y else None

            def scope(f, members=members, years=years):
                return (members is None or f.municipality in members) and (
                    years is None or f.year in years
                )

            html = client.get(base, query_string=query).get_data(as_text=True)
            add(topic_counts(html, f"themes {query}", scope))
            listed = client.get(f"{base}/merkinnat", query_string=query).get_data(as_text=True)
            add(tagging_texts(listed, f"tagging {query}", scope))
    public = client.get(f"/c/{slug}/palaute").get_data(as_text=True)
    add(topic_page(public, "you said, we did"))


def check_read(knowledge: Knowledge, tagged: dict) -> None:
    """The theme counts were read, and read right (``tagged``: each comment's fine cell and themes)."""
    counted = [o for o in knowledge.observations if o.topics]
    assert counted and any(o.source == "you said, we did" for o in counted)
    for obs in counted:
        for name, n in obs.topics.items():
            inside = [themes for fine, themes in tagged.values() if obs.scope(fine)]
            true = (
                sum(name in t for t in inside) if name != "(none)" else sum(not t for t in inside)
            )
            assert n == true, (obs.source, name)
