"""The lockout counter on its own: counted in one UPDATE, locking at the limit, cleared by a success."""

from __future__ import annotations

from surveyapp.core import lockout
from surveyapp.core.users import create_user


def test_counts_then_locks_then_clears(db):
    user = create_user(
        db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin"
    )
    db.commit()
    for expected in (1, 2):
        lockout.record_failure(db, user, now=1000, max_failures=3, lock_seconds=60)
        assert (user.failed_tries, user.locked_until, lockout.is_locked(user, 1000)) == (
            expected,
            None,
            False,
        )
    lockout.record_failure(db, user, now=1000, max_failures=3, lock_seconds=60)
    assert (user.failed_tries, user.locked_until) == (0, 1060)
    assert [lockout.is_locked(user, t) for t in (1000, 1059, 1060)] == [True, True, False]
    lockout.record_success(db, user)
    assert (user.failed_tries, user.locked_until) == (0, None)
