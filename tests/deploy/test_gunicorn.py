"""gunicorn, started as the systemd unit starts it, stops at once on a broken instrument file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests import pg
from tests.helpers import ROOT
from tests.stack import SECRET, unit_command


def test_gunicorn_exits_with_the_instrument_errors_on_a_broken_file(tmp_path):
    broken = tmp_path / "instruments"
    shutil.copytree(ROOT / "instruments", broken)
    source = (broken / "session_feedback.yaml").read_text()
    (broken / "session_feedback.yaml").write_text(source.replace("type: grade", "type: gradez", 1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEYAPP_")}
    env.update(
        SURVEYAPP_INSTRUMENTS_DIR=str(broken),
        SURVEYAPP_SECRET_KEY=SECRET,
        SURVEYAPP_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SURVEYAPP_BIND=f"127.0.0.1:{pg.free_port()}",
    )
    command, unit_env = unit_command()
    env.update(unit_env)
    started = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    check = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "surveyapp", "instruments", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert check.returncode == 1
    errors = check.stderr.strip().splitlines()
    assert errors and all("session_feedback.yaml" in line for line in errors)
    assert started.stderr.strip().splitlines()[-len(errors) :] == errors
    assert "surveyapp will not start: invalid instruments" in started.stderr
    assert "Booting worker" not in started.stderr
