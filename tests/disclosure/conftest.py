"""The logged-in coordinator of tests/coordinate, for the attacker."""

from tests.coordinate.conftest import coordinator_for  # noqa: F401
