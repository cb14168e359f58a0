"""The project switcher: offered to someone with several projects, and only their own."""

from __future__ import annotations

import re

from surveyapp.core import people
from surveyapp.core.models import Project
from tests.helpers import add_coordinator, log_in, make_collection


def three_projects(db):
    """Collections "a" (project VALPAS), "b" (Bee) and "c" (Cee); returns the projects by slug."""
    make_collection(db, "session_feedback", slug="a")
    for slug, name in (("b", "Bee"), ("c", "Cee")):
        collection = make_collection(db, "session_feedback", slug=slug)
        collection.project = Project(slug=slug, name=name)
    db.commit()
    return {p.slug: p for p in db.query(Project)}


def switcher_links(html: str) -> list[str]:
    found = re.search(r'<details class="project-switcher">.*?</details>', html, re.S)
    return re.findall(r'href="/coordinate/\?project=([^"]+)"', found.group(0)) if found else []


def test_several_projects_get_a_switcher_of_their_own_projects_only(app, db, client):
    projects = three_projects(db)
    user = add_coordinator(db, "kaksi@example.fi", role="coordinator")
    people.give_role(db, user, projects["valpas"], "coordinator")
    people.give_role(db, user, projects["b"], "steering_reader")
    db.commit()
    assert log_in(client, "kaksi@example.fi").status_code == 302
    html = client.get("/coordinate/").get_data(as_text=True)
    assert switcher_links(html) == ["b", "valpas"]  # by name: Bee, VALPAS; never Cee
    assert "Cee" not in html
    chosen = client.get("/coordinate/?project=b").get_data(as_text=True)
    assert 'href="/coordinate/c/b/results"' in chosen and "/coordinate/c/a" not in chosen
    assert re.search(r'aria-current="true">Bee</a>', chosen)
    assert "Bee" in re.search(r"<h1>(.*?)</h1>", chosen).group(1)


def test_someone_elses_project_shows_nothing_of_it(app, db, client):
    projects = three_projects(db)
    user = add_coordinator(db, "kaksi@example.fi", role="coordinator")
    people.give_role(db, user, projects["valpas"], "coordinator")
    people.give_role(db, user, projects["b"], "coordinator")
    db.commit()
    assert log_in(client, "kaksi@example.fi").status_code == 302
    for slug in ("c", "tuntematon", "x" * 500):
        response = client.get(f"/coordinate/?project={slug}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Cee" not in html and "/coordinate/c/c" not in html
        assert "/coordinate/c/a" in html and "/coordinate/c/b" in html  # all of their own
        assert 'class="notice"' in html


def test_one_project_gets_no_switcher(app, db, client):
    projects = three_projects(db)
    user = add_coordinator(db, "yksi@example.fi", role="coordinator")
    people.give_role(db, user, projects["b"], "coordinator")
    db.commit()
    assert log_in(client, "yksi@example.fi").status_code == 302
    assert switcher_links(client.get("/coordinate/").get_data(as_text=True)) == []


def test_an_administrator_switches_between_every_project(app, db, client, coordinator):
    three_projects(db)
    html = client.get("/coordinate/c/b").get_data(as_text=True)
    assert switcher_links(html) == ["b", "c", "valpas"]
    assert re.search(r'aria-current="true">Bee</a>', html)
