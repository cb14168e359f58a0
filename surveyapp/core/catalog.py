"""What respondent pages read and coordinators rarely change, cached per app process and checked
by one version number.

A form page needs its collection (with its municipalities, project and organisation) and perhaps
the service's organisation; a tablet needs its group session. They change when a coordinator
saves. Every such save bumps the one-row ``config_version`` counter in its own transaction
(``_bump_if_changed``, on the app's sessions). A process reads the counter with one cheap statement per page (``check``), or gets it
back from the statement a submission sends anyway (``confirm``), and drops everything it cached
when the number has moved: a save is seen by every host on its next request, and the process that
saved drops its cache at the commit.

Cached objects are detached ORM instances with everything a respondent page reads loaded. They are
read, never changed, and never added to a request's session.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, joinedload, selectinload, sessionmaker

from surveyapp.core import group_sessions, organisations, responses
from surveyapp.core.instruments import spec
from surveyapp.core.models import (
    Collection,
    ConfigVersion,
    GroupSession,
    Municipality,
    Organisation,
    Project,
)

_VERSION = select(ConfigVersion.version).where(ConfigVersion.id == 1)
_BUMP = update(ConfigVersion).where(ConfigVersion.id == 1).values(version=ConfigVersion.version + 1)
# A group session's own counters (PIN lockout, late answers) change without changing its pages.
_GROUP_SESSION_PAGE = frozenset(
    {
        "collection_id",
        "group_name",
        "municipality_code",
        "held_on",
        "attendance",
        "idle_seconds",
        "kiosk_token",
        "closed_on",
        "language",
    }
)
_WATCHED = (Collection, Municipality, Project, Organisation)
# Enough for every collection and tablet in use; a flood of unknown addresses is never cached.
_MAX_ENTRIES = 2000
_BUMPED = "surveyapp.config_bumped"


class Changed(Exception):
    """What a request checked against was changed meanwhile: its transaction is to be rolled back
    and the request served again with fresh data."""


class Catalog:
    """One app's cache (``sessions``: the app's sessionmaker, whose saves bump the version)."""

    def __init__(self, sessions: sessionmaker):
        self._sessions = sessions
        self._engine = sessions.kw["bind"]
        self._lock = threading.Lock()
        self._recorded: set[tuple[str, int, str]] = set()
        self._reset(None)
        event.listen(sessions, "before_flush", _bump_if_changed)
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_rollback", _forget_bump)

    def _reset(self, version: int | None) -> None:
        with self._lock:
            self.version = version
            self._checked_at = time.monotonic()
            self._entries: dict[tuple[str, str | None], object] = {}

    def _current(self) -> bool:
        return self.version is not None

    def _after_commit(self, db: Session) -> None:
        """A save of this app's: nothing cached is current (other apps see the version move)."""
        if db.info.pop(_BUMPED, False):
            self._reset(None)

    def check(self, max_age: float = 0.0) -> None:
        """Read the version (one statement, outside any transaction) unless it was read less than
        ``max_age`` seconds ago; a moved version drops the cache."""
        if self._current() and time.monotonic() - self._checked_at < max_age:
            return
        with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            self._observe(conn.scalar(_VERSION))

    def _observe(self, version: int) -> None:
        if self._current() and version == self.version:
            self._checked_at = time.monotonic()
        else:
            self._reset(version)

    def confirm(self, version: int | None) -> None:
        """The version as a request's transaction read it (None: not read, so read it now); Changed
        when it is not the one the cache was loaded at."""
        if version is None:
            loaded = self.version
            self.check()
            if loaded is not None and self.version == loaded:
                return
        elif self._current() and version == self.version:
            self._checked_at = time.monotonic()
            return
        self._reset(None)
        raise Changed

    def collection(self, slug: str) -> Collection | None:
        """The collection with its municipalities, project and organisation, or None."""
        return self._get("collection", slug, _load_collection)

    def group_session(self, token: str) -> GroupSession | None:
        """The tablet's group session with its collection (as ``collection``) and municipality."""
        return self._get("group_session", token, _load_group_session)

    def service_organisation(self, slug: str | None) -> Organisation | None:
        """The organisation of pages that name none (organisations.service_default)."""
        return self._get("service_organisation", slug, organisations.service_default)

    def _get(self, kind: str, key: str | None, load):
        if self._current() and (kind, key) in self._entries:
            return self._entries[kind, key]
        with self._sessions() as db:
            version = db.scalar(_VERSION)
            found = load(db, key)
            if found is not None:
                _load_pages_of(found)
        # Closing the session detached what it loaded, with every attribute read above.
        self._observe(version)
        with self._lock:
            if found is not None or kind == "service_organisation":
                if len(self._entries) >= _MAX_ENTRIES:
                    self._entries.clear()
                self._entries[kind, key] = found
        return found

    def remembered(self, kind: str, key, make):
        """What ``make()`` returns for ``key``, made once per process at the version the cache holds
        (a respondent page rendered from what is cached here); made anew after the version moves."""
        entry = (kind, (key, self.version))
        if not self._current():
            return make()
        if entry in self._entries:
            return self._entries[entry]
        made = make()
        with self._lock:
            if len(self._entries) >= _MAX_ENTRIES:
                self._entries.clear()
            self._entries[entry] = made
        return made

    def record_instrument(self, instrument: spec.Instrument) -> None:
        """The instrument version answers are stored against, recorded once per process in a
        transaction of its own (so no rolled-back answer takes it away)."""
        recorded = (instrument.id, instrument.version, instrument.content_hash)
        if recorded in self._recorded:
            return
        with self._sessions() as db:
            responses.ensure_instrument_version(db, instrument)
            db.commit()
        self._recorded.add(recorded)


def _load_collection(db: Session, slug: str) -> Collection | None:
    return db.scalar(
        select(Collection)
        .where(Collection.slug == slug)
        .options(
            selectinload(Collection.municipalities),
            joinedload(Collection.project).joinedload(Project.organisation),
        )
    )


def _load_group_session(db: Session, token: str) -> GroupSession | None:
    return group_sessions.by_token(db, token)


def _load_pages_of(found) -> None:
    """Read every relationship a respondent page follows, while the session is open."""
    if isinstance(found, GroupSession):
        _ = found.municipality
        found = found.collection
    if isinstance(found, Collection):
        _ = found.municipalities
        if found.project is not None:
            _ = found.project.organisation


def _changes_pages(db: Session, instance) -> bool:
    if isinstance(instance, GroupSession):
        state = inspect(instance)
        return any(state.attrs[name].history.has_changes() for name in _GROUP_SESSION_PAGE)
    return isinstance(instance, _WATCHED) and db.is_modified(instance)


def _bump_if_changed(db: Session, _context, _instances) -> None:
    if db.info.get(_BUMPED):
        return
    added_or_deleted = (*db.new, *db.deleted)
    if any(isinstance(i, (*_WATCHED, GroupSession)) for i in added_or_deleted) or any(
        _changes_pages(db, i) for i in db.dirty
    ):
        db.connection().execute(_BUMP)
        db.info[_BUMPED] = True


def _forget_bump(db: Session) -> None:
    db.info.pop(_BUMPED, None)
