"""Failed tries counted per client in the database, under a keyed hash that changes every day."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from surveyapp.core import throttle
from surveyapp.core.models import Throttle
from surveyapp.web import clients

POLICY = throttle.Policy(limit=3, first_wait=30, max_wait=120, window=3600)
NOW = 1_800_000_000


def test_waits_double_up_to_the_longest():
    assert [POLICY.wait(n) for n in range(1, 8)] == [0, 0, 30, 60, 120, 120, 120]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_most_wrong_codes_a_day_with_the_shipped_settings(app):
    """The README's figure: 10 free, then 30 s, 60 s … up to an hour; a new count each day."""
    from surveyapp.web.respond.views import guessing_policy

    with app.app_context():
        assert guessing_policy().most_per_day() == 40


def test_counts_waits_and_forgets(db):
    assert throttle.blocked_for(db, "k", NOW) == 0
    assert [throttle.record_failure(db, "k", now=NOW, policy=POLICY) for _ in range(4)] == [
        0,
        0,
        30,
        60,
    ]
    assert throttle.blocked_for(db, "k", NOW + 10) == 50
    assert throttle.blocked_for(db, "other", NOW) == 0
    throttle.forget(db, "k")
    assert throttle.blocked_for(db, "k", NOW) == 0


def test_a_row_past_its_end_starts_again_and_is_cleaned_up(db):
    for _try in range(3):
        throttle.record_failure(db, "k", now=NOW, policy=POLICY)
    row = db.get(Throttle, "k")
    assert (row.failures, row.blocked_until, row.expires) == (3, NOW + 30, NOW + 3600)
    later = NOW + 3600
    assert throttle.blocked_for(db, "k", later) == 0
    assert throttle.record_failure(db, "k", now=later, policy=POLICY) == 0
    db.expire_all()
    assert db.get(Throttle, "k").failures == 1
    throttle.record_failure(db, "gone", now=NOW, policy=POLICY)
    assert throttle.clean(db, later) == 1
    assert db.scalar(select(func.count()).select_from(Throttle)) == 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_concurrent_failures_are_all_counted(app):
    """Twenty failures at once from separate connections (as from many workers and hosts): twenty counted."""
    from concurrent.futures import ThreadPoolExecutor

    sessions = app.extensions["surveyapp.db"]

    def fail(_index):
        with sessions() as db:
            throttle.record_failure(db, "k", now=NOW, policy=POLICY)
            db.commit()

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(fail, range(20)))
    with sessions() as db:
        row = db.get(Throttle, "k")
        assert (row.failures, row.blocked_until) == (20, NOW + POLICY.max_wait)


def test_the_key_changes_with_the_day_and_the_secret():
    day = clients.keyed("secret", NOW, "code", "192.0.2.1")
    assert day == clients.keyed("secret", NOW + 60, "code", "192.0.2.1")
    assert day != clients.keyed("secret", NOW + 24 * 3600, "code", "192.0.2.1")
    assert day != clients.keyed("another secret", NOW, "code", "192.0.2.1")
    assert day != clients.keyed("secret", NOW, "login", "192.0.2.1")
    assert "192.0.2.1" not in day and len(day) == 64


@pytest.mark.parametrize(
    "address, unit",
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("not an address", "not an address"),
    ],
)
def test_an_ipv6_client_is_its_64_network(address, unit):
    assert clients.network(address) == unit


def test_the_address_the_trusted_proxy_saw():
    assert clients.forwarded_address("198.51.100.1", "10.0.0.2", 0) == "10.0.0.2"
    assert clients.forwarded_address("198.51.100.1", "10.0.0.2", 1) == "198.51.100.1"
    # A client's own X-Forwarded-For comes first; the proxy appends what it saw.
    assert clients.forwarded_address("6.6.6.6, 198.51.100.1", "10.0.0.2", 1) == "198.51.100.1"
    assert clients.forwarded_address("198.51.100.1, 10.0.0.3", "10.0.0.2", 2) == "198.51.100.1"
    assert clients.forwarded_address("", "10.0.0.2", 1) == "10.0.0.2"
