"""Command line: instruments check/lock, db upgrade, demo load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from surveyapp.core.models import Answer, Collection, Project, Response
from surveyapp.web.cli import instruments_cli
from tests.helpers import make_app

ROOT = Path(__file__).resolve().parents[2]


def test_instruments_check_passes_on_shipped_files():
    result = CliRunner().invoke(instruments_cli, ["check", str(ROOT / "instruments")])
    assert result.exit_code == 0
    assert result.output == f"10 instruments OK in {ROOT / 'instruments'}\n"


def test_instruments_check_prints_one_line_per_error_and_exits_1(tmp_path):
    shutil.copy(ROOT / "instruments" / "session_feedback.yaml", tmp_path)
    shutil.copy(ROOT / "instruments" / "versions.lock", tmp_path)
    (tmp_path / "broken.yaml").write_text(
        "id: broken\nversion: 1\ntitle: [unclosed\n", encoding="utf-8"
    )
    path = tmp_path / "session_feedback.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: grade", "type: stars"), encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "surveyapp",
            "instruments",
            "check",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"{tmp_path}/broken.yaml: line 4: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        f"{tmp_path}/session_feedback.yaml: sections[0] (palaute).items[0] (arvosana): unknown item type 'stars' "
        "(allowed: grade, section_grade, scale, matrix, choice, multi, text, score, pairing)",
    ]
    assert "Traceback" not in result.stderr


def test_app_refuses_to_start_with_an_invalid_instrument(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    env_run = subprocess.run(
        [sys.executable, "-c", "from surveyapp import create_app; create_app()"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "SURVEYAPP_INSTRUMENTS_DIR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "SURVEYAPP_SECRET_KEY": "x",
        },
    )
    assert env_run.returncode == 1
    assert "Traceback" not in env_run.stderr
    assert f"{tmp_path}/broken.yaml: missing required key 'version'" in env_run.stderr


def test_lock_records_new_versions(tmp_path):
    shutil.copy(ROOT / "instruments" / "session_feedback.yaml", tmp_path)
    result = CliRunner().invoke(instruments_cli, ["lock", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("recorded session_feedback 4 ")
    assert CliRunner().invoke(instruments_cli, ["check", str(tmp_path)]).exit_code == 0


def test_db_upgrade_on_an_empty_database(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'new.sqlite3'}", tmp_path)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert result.output == "database at head\n"
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def test_demo_load_recreates_valpas_once(runner, db):
    result = runner.invoke(args=["demo", "load"])
    assert result.output == (
        "demo data loaded: project VALPAS of Nuorten Ystävät (Muhos, Utajärvi, Pudasjärvi, Kemijärvi); "
        "coordinator login koordinaattori@valpas.demo / demo-salasana-2026\n"
    )
    assert runner.invoke(args=["demo", "load"]).output == "demo data already loaded\n"
    valpas = db.scalars(select(Project)).one()
    partners = db.scalar(select(Collection).where(Collection.slug == "valpas-kumppanit-2019"))
    assert [m.name for m in partners.municipalities] == [
        "Kemijärvi",
        "Muhos",
        "Pudasjärvi",
        "Utajärvi",
    ]
    assert valpas.name == "VALPAS"
    assert (valpas.organisation.name, valpas.organisation.email) == (
        "Nuorten Ystävät",
        "tietosuoja@nuorten-ystavat.example",
    )
    by_place = dict(
        db.execute(
            select(Response.municipality_code, func.count())
            .where(Response.collection_id == partners.id)
            .group_by(Response.municipality_code)
        ).all()
    )
    assert by_place == {"kemijarvi": 15, "muhos": 7, "pudasjarvi": 9, "utajarvi": 4}
    grades = db.scalars(
        select(Answer.grade)
        .join(Response)
        .where(Response.collection_id == partners.id, Answer.item_code == "kokonaisarvosana")
    ).all()
    assert (len(grades), sum(grades), sum(1 for g in grades if g in (8, 9))) == (35, 286, 24)


def test_instruments_check_validates_one_form_file_as_an_upload_is(tmp_path):
    example = ROOT / "instruments" / "xlsform" / "session_feedback.xlsx"
    result = CliRunner().invoke(instruments_cli, ["check", str(example)])
    assert result.exit_code == 0 and result.output == f"{example}: session_feedback OK\n"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    result = CliRunner().invoke(instruments_cli, ["check", str(broken)])
    assert result.exit_code == 1
    assert "broken.xlsx: The file is not a readable .xlsx workbook." in result.output


def test_instruments_xlsforms_writes_every_example(tmp_path):
    for path in (ROOT / "instruments").glob("*.yaml"):
        shutil.copy(path, tmp_path)
    shutil.copy(ROOT / "instruments" / "versions.lock", tmp_path)
    result = CliRunner().invoke(instruments_cli, ["xlsforms", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "xlsform").glob("*.xlsx"))) == 10
