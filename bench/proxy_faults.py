"""Tablets send through the shipped nginx to two app hosts while one host dies; nothing is lost or doubled.

The sibling of faults.py for the deployment of docs/deploy.md (tests/stack.py): kiosk answers over
HTTPS, each with its own key (also its text), and at a third of the run every process of app host 1
is SIGKILLed at once, requests in flight included. nginx answers those with 502 and sends new ones to
host 2; every answer that got no success reply is sent again with the same key, as the tablets do.
The host is started again afterwards, so the stack is whole for whoever uses it next.
"""

from __future__ import annotations

import collections
import threading
import time

from . import servers
from .faults import Outcome, Report, report_of, resend_pending, start_tablets


def tablet_session(url: str) -> servers.Fixture:
    """A new group session on the database's first session-feedback collection (or a seeded one)."""
    from sqlalchemy import select

    from surveyapp import create_app
    from surveyapp.core import group_sessions
    from surveyapp.core.models import Collection
    from tests.helpers.data import helsinki_today

    app = create_app(servers.app_config(url))
    try:
        with app.app_context(), app.extensions["surveyapp.db"]() as db:
            collection = db.scalar(
                select(Collection)
                .where(Collection.instrument_id == "session_feedback")
                .order_by(Collection.slug)
                .limit(1)
            )
            if collection is None:
                return servers.seed(url)
            group = group_sessions.create(
                db,
                collection=collection,
                group_name="Vikatesti",
                municipality_code=collection.municipalities[0].code,
                held_on=helsinki_today(),
                pin="2468",
            )
            db.commit()
            return servers.Fixture(collection.slug, group.kiosk_token, collection.id, group.id)
    finally:
        app.extensions["surveyapp.db"].kw["bind"].dispose()


def run(stack, *, clients: int = 30, seconds: float = 10) -> Report:
    fixture = tablet_session(stack.url)
    outcome, lock = Outcome(proxy_failures=frozenset({502, 504})), threading.Lock()
    threads, started = start_tablets(
        outcome, lock, stack.base, fixture.kiosk_token, clients, seconds
    )
    events = []
    time.sleep(seconds / 3)
    host = stack.apps[0]
    host.stop(hard=True)
    events.append(f"{time.monotonic() - started:.1f} s: app host 1 SIGKILLed (master and workers)")
    for thread in threads:
        thread.join()
    first_pass = collections.Counter(outcome.counts)
    resend_pending(outcome, lock, stack.base, fixture.kiosk_token)
    host.start()
    host.wait()
    events.append("app host 1 started again")
    return report_of(
        outcome, first_pass, stack.url, fixture.group_session_id, clients, seconds, events
    )
