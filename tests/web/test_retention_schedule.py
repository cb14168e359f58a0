"""The shipped systemd files run `flask retention apply` (for real, not a dry run) once a day."""

from __future__ import annotations

import configparser
from pathlib import Path

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(SYSTEMD / name)
    return parser


def test_the_timer_starts_the_retention_service_daily():
    timer = unit("surveyapp-retention.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 03:30:00"  # every day
    assert timer["Timer"]["Persistent"] == "yes"  # a day missed while off runs at boot
    assert timer["Install"]["WantedBy"] == "timers.target"
    # With no Unit= the timer starts the service of its own name.
    assert "Unit" not in timer["Timer"]
    service = unit("surveyapp-retention.service")
    command = service["Service"]["ExecStart"].split()
    assert command[-4:] == ["--app", "surveyapp", "retention", "apply"]
    assert service["Service"]["Type"] == "oneshot"
    # As the app host's unit: the same user, working directory and settings file.
    app = unit("surveyapp@.service")["Service"]
    for key in ("User", "WorkingDirectory", "Environment"):
        assert service["Service"][key] == app[key]
    assert service["Service"]["EnvironmentFile"] == app["EnvironmentFile"].replace("%i", "app")
