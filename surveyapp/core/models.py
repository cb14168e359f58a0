"""Typed models. The constraints here are the last line of defence for the data's invariants."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from surveyapp.core.database import Base

CHANNELS = ("web", "kiosk", "paper", "import")
LANGUAGES = ("fi", "sv", "en")
AUDIENCES = ("participants", "partners", "steering_group", "clients", "workers")
PRECISIONS = ("day", "week", "month")
# What a group session was: a group meeting (ryhmäkerta), a trip (retki) or something else (seeds/000 l. 832-836).
SESSION_KINDS = ("group", "trip", "other")
# How respondents reach a collection: a shareable link, single-use access codes, or only paper forms.
ACCESS_MODES = ("open", "codes", "paper")

# SQLite tables get a hidden, insertion-ordered rowid unless told otherwise; the response tables
# must not reveal the order in which answers arrived, so they are keyed only by random ids.
NO_ROWID = {"sqlite_with_rowid": False}


def random_id() -> str:
    """128 random bits: no sequence, no time component."""
    return secrets.token_hex(16)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


LEGAL_BASES = ("public_task", "legitimate_interest", "consent")
ASSESSMENTS = ("self", "external")
LOGO_TYPES = ("image/png", "image/jpeg", "image/webp")
THEME_COLOURS = ("theme_brand", "theme_brand_text", "theme_accent", "theme_heading", "theme_border")


def _hex_colour(column: str) -> str:
    # Portable across SQLite and PostgreSQL: '#' and six characters; the digits are checked on saving.
    return f"length({column}) = 7 AND substr({column}, 1, 1) = '#'"


class Organisation(Base):
    """The provider of the service and controller of its data: a municipality, a wellbeing services county, an NGO.

    Its settings fill in the accessibility statement and the privacy notice, and its theme colours the pages.
    """

    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_sv: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    business_id: Mapped[str | None] = mapped_column(String(9))
    postal: Mapped[str | None] = mapped_column(String(300))  # postal address
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(300))
    # Privacy notice (GDPR Art. 13).
    dpo_contact: Mapped[str | None] = mapped_column(String(300))
    legal_basis: Mapped[str] = mapped_column(String(20))
    retention_years: Mapped[int] = mapped_column(Integer)
    processor: Mapped[str | None] = mapped_column(String(300))
    # Accessibility statement (Act on the Provision of Digital Services 306/2019).
    a11y_feedback_email: Mapped[str | None] = mapped_column(String(200))
    a11y_feedback_url: Mapped[str | None] = mapped_column(String(300))
    a11y_prepared_on: Mapped[dt.date] = mapped_column(Date)
    a11y_reviewed_on: Mapped[dt.date] = mapped_column(Date)
    a11y_assessment: Mapped[str] = mapped_column(String(10))
    a11y_assessor: Mapped[str | None] = mapped_column(String(200))
    # The supervisory authority's contact details; NULL: the service's default (Traficom's unit).
    authority_fi: Mapped[str | None] = mapped_column(Text)
    authority_sv: Mapped[str | None] = mapped_column(Text)
    authority_en: Mapped[str | None] = mapped_column(Text)
    # Theme: CSS variables; their contrast is checked before saving.
    theme_brand: Mapped[str] = mapped_column(String(7))
    theme_brand_text: Mapped[str] = mapped_column(String(7))
    theme_accent: Mapped[str] = mapped_column(String(7))
    theme_heading: Mapped[str] = mapped_column(String(7))
    theme_border: Mapped[str] = mapped_column(String(7))
    # Loaded only when the logo itself is served.
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_type: Mapped[str | None] = mapped_column(String(20))
    # The day the settings (and so the privacy notice) last changed.
    changed_on: Mapped[dt.date] = mapped_column(Date)

    projects: Mapped[list[Project]] = relationship(
        back_populates="organisation", order_by="Project.name"
    )

    __table_args__ = (
        CheckConstraint("slug <> '' AND name <> '' AND email <> ''", name="names_not_empty"),
        CheckConstraint(_in("legal_basis", LEGAL_BASES), name="legal_basis_known"),
        CheckConstraint("retention_years >= 1 AND retention_years <= 50", name="retention_1_to_50"),
        # The law requires a feedback channel: a form, an e-mail address or both.
        CheckConstraint(
            "a11y_feedback_email IS NOT NULL OR a11y_feedback_url IS NOT NULL",
            name="feedback_channel",
        ),
        CheckConstraint("a11y_reviewed_on >= a11y_prepared_on", name="a11y_dates_ordered"),
        CheckConstraint(_in("a11y_assessment", ASSESSMENTS), name="assessment_known"),
        CheckConstraint(
            "a11y_assessment = 'self' OR a11y_assessor IS NOT NULL", name="external_assessor_named"
        ),
        CheckConstraint("(logo IS NULL) = (logo_type IS NULL)", name="logo_has_type"),
        CheckConstraint(
            "logo_type IS NULL OR " + _in("logo_type", LOGO_TYPES), name="logo_type_known"
        ),
        *(CheckConstraint(_hex_colour(c), name=f"{c}_hex") for c in THEME_COLOURS),
    )

    def name_in(self, lang: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(lang) or self.name


class Project(Base):
    __tablename__ = "project"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # An archived project takes no answers; its results stay readable (projects.py).
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    collections: Mapped[list[Collection]] = relationship(back_populates="project")
    organisation: Mapped[Organisation | None] = relationship(back_populates="projects")


# An account is an administrator (everything) or not; what anyone else may do is their role in
# each project (PROJECT_ROLES, people.py). "coordinator" here is the name of "not an administrator".
ROLES = ("admin", "coordinator")
# coordinator: everything in the project; group_leader: their own group sessions; steering_reader:
# the protected results and PDF reports.
PROJECT_ROLES = ("coordinator", "group_leader", "steering_reader")

user_project = Table(
    "user_project",
    Base.metadata,
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "role",
        String(20),
        CheckConstraint(_in("role", PROJECT_ROLES), name="project_role_known"),
        nullable=False,
        server_default="coordinator",
    ),
)


class Membership(Base):
    """A person's role in one project (the rows of user_project)."""

    __table__ = user_project

    project: Mapped[Project] = relationship(viewonly=True)


class User(Base):
    """A coordinator or administrator. Respondents never have accounts."""

    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    # The account-wide login slowdown (login_guard.py), kept here so that every app host sees it:
    # wrong passwords since the last right one, and the Unix second until which tries wait (a
    # coordinator's account, never a respondent's data). Per-client locks are in ``throttle``.
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[int | None] = mapped_column(Integer)

    # Written as coordinator memberships (the column's default); read roles from ``memberships``.
    projects: Mapped[list[Project]] = relationship(secondary=user_project)
    memberships: Mapped[list[Membership]] = relationship(viewonly=True)

    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role_known"),)

    def role_in(self, project: Project) -> str | None:
        """ "admin", the user's role in ``project``, or None when they have none there."""
        if self.role == "admin":
            return "admin"
        return next((m.role for m in self.memberships if m.project_id == project.id), None)

    def can_see(self, project: Project) -> bool:
        """Everything in the project: an administrator or the project's coordinator."""
        return self.role_in(project) in ("admin", "coordinator")


class County(Base):
    """A wellbeing services county (hyvinvointialue) of Statistics Finland's classification; 90
    Helsinki and 91 Åland stand beside the 21 counties as the classification has them."""

    __tablename__ = "county"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_sv: Mapped[str] = mapped_column(String(100))


class Municipality(Base):
    """A municipality: one of the official classification (code "494", its year in
    ``classified``), or a place a coordinator typed before the classification was loaded (a slug
    code, ``classified`` NULL)."""

    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_sv: Mapped[str | None] = mapped_column(String(100))
    county_code: Mapped[str | None] = mapped_column(ForeignKey("county.code"))
    # kielisuhde: 0 Finnish, 1 bilingual (Finnish majority), 2 Swedish, 3 bilingual (Swedish majority)
    language: Mapped[int | None] = mapped_column(Integer)
    classified: Mapped[int | None] = mapped_column(Integer)

    county: Mapped[County | None] = relationship()

    __table_args__ = (
        CheckConstraint("language IS NULL OR language BETWEEN 0 AND 3", name="language_known"),
    )

    def name_in(self, language: str) -> str:
        """The name in ``language`` ("sv": the Swedish name where the classification has one)."""
        return self.name_sv if language == "sv" and self.name_sv else self.name


class MunicipalityMerger(Base):
    """A municipality that joined another (kuntaliitos): answers stored under the old code count
    under the new one."""

    __tablename__ = "municipality_merger"

    old_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    new_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))

    __table_args__ = (CheckConstraint("old_code <> new_code", name="merger_changes_code"),)


collection_municipality = Table(
    "collection_municipality",
    Base.metadata,
    Column("collection_id", ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_code", ForeignKey("municipality.code"), primary_key=True),
    # How many were invited to answer in this municipality, when the coordinator knows it.
    Column(
        "invited",
        Integer,
        CheckConstraint("invited IS NULL OR invited >= 1", name="invited_positive"),
    ),
)


class InstrumentVersion(Base):
    """Every instrument version responses were stored against, with its content hash."""

    __tablename__ = "instrument_version"

    instrument_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)


class Collection(Base):
    """An instrument used by a project in some municipalities, for one audience, between dates."""

    __tablename__ = "collection"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    # The title in Swedish, English and plain-language Finnish (selko); empty: the Finnish title is shown.
    title_sv: Mapped[str | None] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    title_selko: Mapped[str | None] = mapped_column(String(200))
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    audience: Mapped[str] = mapped_column(String(20))
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    access: Mapped[str] = mapped_column(String(10), default="open", server_default="open")
    # How many were invited when the collection has no municipalities (one project-level unit, e.g. a steering group).
    invited: Mapped[int | None] = mapped_column(Integer)

    project: Mapped[Project] = relationship(back_populates="collections")
    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=collection_municipality, order_by=Municipality.name
    )

    __table_args__ = (
        CheckConstraint(_in("audience", AUDIENCES), name="audience_known"),
        CheckConstraint(
            "closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on", name="dates_ordered"
        ),
        CheckConstraint("slug <> ''", name="slug_not_empty"),
        CheckConstraint(_in("access", ACCESS_MODES), name="access_known"),
        CheckConstraint("invited IS NULL OR invited >= 1", name="invited_positive"),
    )

    def title_in(self, language: str) -> tuple[str, str]:
        """(title, its language) in ``language`` (sv, en or selko), falling back to the Finnish title."""
        own = (
            getattr(self, f"title_{language}", None) if language in ("sv", "en", "selko") else None
        )
        return (own, language) if own else (self.title, "fi")

    def is_open(self, today: dt.date) -> bool:
        return (self.opens_on is None or self.opens_on <= today) and (
            self.closes_on is None or today <= self.closes_on
        )


class GroupSession(Base):
    """One group session or trip whose participants give feedback on a tablet (kiosk)."""

    __tablename__ = "group_session"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    collection_id: Mapped[str] = mapped_column(ForeignKey("collection.id"), index=True)
    group_name: Mapped[str] = mapped_column(String(200))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    attendance: Mapped[int | None] = mapped_column(Integer)
    # Seconds before a half-filled kiosk form is cleared; NULL: the app's default, 0: never.
    idle_seconds: Mapped[int | None] = mapped_column(Integer)
    # The tablet's address carries this random token; it stops working after the grace period.
    kiosk_token: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(300))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    # Kiosk PIN lockout, shared by every app host: wrong PINs in a row, the Unix second a lock ends.
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[int | None] = mapped_column(Integer)
    # Locks so far: each lock lasts twice as long as the one before (kiosk/pins.py).
    locks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The language each participant's form starts in; a participant may change it for themselves only.
    language: Mapped[str] = mapped_column(String(2), default="fi", server_default="fi")
    # Who created the session: a group leader sees only their own (NULL: before roles, or removed).
    leader_id: Mapped[str | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    # Answers queued on the tablet that arrived after closing: counted here and in the collection's
    # results, never linked to the session, so its closed figures do not change (group_sessions.py).
    late_answers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # What kind of activity the session was (SESSION_KINDS): the yearly activity table counts by it.
    kind: Mapped[str] = mapped_column(String(10), default="group", server_default="group")

    collection: Mapped[Collection] = relationship()
    municipality: Mapped[Municipality] = relationship()

    __table_args__ = (
        CheckConstraint("attendance IS NULL OR attendance >= 0", name="attendance_not_negative"),
        CheckConstraint(_in("language", LANGUAGES), name="language_known"),
        CheckConstraint("late_answers >= 0", name="late_answers_not_negative"),
        CheckConstraint(
            "idle_seconds IS NULL OR idle_seconds = 0 OR idle_seconds >= 30",
            name="idle_at_least_30",
        ),
        CheckConstraint("group_name <> ''", name="group_name_not_empty"),
        CheckConstraint(_in("kind", SESSION_KINDS), name="kind_known"),
    )


class Response(Base):
    """One anonymous response: no time of day, no client details, a random id."""

    __tablename__ = "response"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    # Looked up by ix_response_report_cells, which starts with it.
    collection_id: Mapped[str] = mapped_column(ForeignKey("collection.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int] = mapped_column(Integer)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    group_session_id: Mapped[str | None] = mapped_column(ForeignKey("group_session.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    # The first day of the day, ISO week or month the response was given in.
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_precision: Mapped[str] = mapped_column(String(5))
    # PostgreSQL: rewritten in random order since it arrived (surveyapp/core/mixing.py); SQLite never needs it.
    mixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.item_code"
    )

    __table_args__ = (
        ForeignKeyConstraint(
            ["instrument_id", "instrument_version"],
            ["instrument_version.instrument_id", "instrument_version.version"],
        ),
        CheckConstraint(_in("channel", CHANNELS), name="channel_known"),
        CheckConstraint(_in("period_precision", PRECISIONS), name="precision_known"),
        # Covers the results' grouping (municipality, period, channel) of one collection and instrument,
        # so dashboards read an index instead of the table (bench/results_scale.py measures it).
        Index(
            "ix_response_report_cells",
            "collection_id",
            "instrument_id",
            "municipality_code",
            "period_start",
            "channel",
        ),
        NO_ROWID,
    )


class Answer(Base):
    """The answer to one item (or one matrix row), by code, never by label or position.

    It carries copies of its response's grouping columns, so results count a million answers from one
    index without a join. Triggers (migration 0008) keep the copies true: an answer that does not
    match its response is refused, and a response's grouping columns are never rewritten.
    """

    __tablename__ = "answer"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    choice_code: Mapped[str | None] = mapped_column(String(40))
    grade: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    # The response's, copied (see above).
    collection_id: Mapped[str] = mapped_column(String(32))
    instrument_id: Mapped[str] = mapped_column(String(40))
    municipality_code: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))

    response: Mapped[Response] = relationship(back_populates="answers")

    __table_args__ = (
        CheckConstraint("grade IS NULL OR (grade >= 4 AND grade <= 10)", name="grade_4_to_10"),
        CheckConstraint(
            "choice_code IS NOT NULL OR grade IS NOT NULL OR text IS NOT NULL", name="not_empty"
        ),
        CheckConstraint("grade IS NULL OR choice_code IS NULL", name="grade_or_choice"),
        # The results' counts, read from the index alone, in grouping order.
        Index(
            "ix_answer_report_cells",
            "collection_id",
            "instrument_id",
            "municipality_code",
            "period_start",
            "channel",
            "item_code",
            "choice_code",
            "grade",
        ),
        # Written answers only (one in a hundred), in random-id order.
        Index(
            "ix_answer_texts",
            "collection_id",
            "instrument_id",
            "response_id",
            sqlite_where=sql("text IS NOT NULL"),
            postgresql_where=sql("text IS NOT NULL"),
        ),
        NO_ROWID,
    )


class SubmissionKey(Base):
    """Keys of submissions already stored, so a repeated post is stored once.

    Deliberately unlinked: no reference to the response it belonged to and no time.
    """

    __tablename__ = "submission_key"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # As Response.mixed, in a mix of its own, so a key never shares its response's transaction for long.
    mixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (NO_ROWID,)


class ArrivalMix(Base):
    """The one row whose lock serialises mixing (surveyapp/core/mixing.py) and the Unix second of the last mix."""

    __tablename__ = "arrival_mix"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_mix: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


class ConfigVersion(Base):
    """The one row whose number grows with every change of what respondent pages read (collections,
    municipalities, projects, organisations, group sessions): each app process caches that data and
    reloads it when the number has moved (core/catalog.py)."""

    __tablename__ = "config_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


class AccessCode(Base):
    """A single-use access code of a collection. Deliberately unlinkable from the answer given with it.

    Only the fact of use is kept: no reference to a response, no time. The rows are keyed by the
    code, not by insertion order, and using a code rewrites every code row of its collection in one
    statement (see access_codes.consume), so not even PostgreSQL's row versions tell which code was
    used last.
    """

    __tablename__ = "access_code"

    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    # Codes are printed in batches; a batch number says which printout a code is on, nothing about its use.
    batch: Mapped[int] = mapped_column(Integer)
    used: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        CheckConstraint("length(code) = 8", name="code_length"),
        CheckConstraint("batch >= 1", name="batch_positive"),
        NO_ROWID,
    )


class KioskAttempt(Base):
    """A kiosk send that failed validation, kept only until its error page is shown once (kiosk/attempts.py).

    The redirect after a failed send shows it at once; anything older than a minute is deleted with
    the next failed send. Never linked to a response.
    """

    __tablename__ = "kiosk_attempt"

    # SHA-256 of the one-time token in the error page's address: the token itself is never stored.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    group_session_id: Mapped[str] = mapped_column(
        ForeignKey("group_session.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[str] = mapped_column(Text)  # the posted fields as JSON
    deadline: Mapped[int] = mapped_column(Integer)  # Unix second

    __table_args__ = (NO_ROWID,)


class PinGuard(Base):
    """Wrong kiosk PINs across every group session, so guessing on many tablets is limited too (kiosk/pins.py)."""

    __tablename__ = "pin_guard"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[int | None] = mapped_column(Integer)
    locks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Throttle(Base):
    """Failed tries of one client (a wrong access code, a wrong password for one address), counted
    for every app host alike. Deliberately unlinked from everything else.

    The key is a keyed hash (HMAC, with a key derived from the secret and changed every day) of the
    client's address and what was tried for: never the address, the code or the e-mail address, no
    reference to a collection, an answer or an account. Rows end at ``expires`` and are deleted soon after.
    """

    __tablename__ = "throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    # Unix seconds: no try is looked at before ``blocked_until``; the row is forgotten at ``expires``.
    blocked_until: Mapped[int] = mapped_column(Integer)
    expires: Mapped[int] = mapped_column(Integer, index=True)

    __table_args__ = (CheckConstraint("failures >= 1", name="failures_positive"), NO_ROWID)


class Invitation(Base):
    """A one-time link that lets a person set their password and join a project in a role.

    Only the SHA-256 of the link's token is kept; accepting deletes the row (single use).
    """

    __tablename__ = "invitation"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    project_id: Mapped[str] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    expires: Mapped[int] = mapped_column(Integer)  # Unix second

    project: Mapped[Project] = relationship()

    __table_args__ = (
        CheckConstraint(_in("role", PROJECT_ROLES), name="role_known"),
        CheckConstraint("email <> '' AND name <> ''", name="names_not_empty"),
    )


class FirstRun(Base):
    """The one row the set-up inserts with the first administrator: a second set-up cannot insert it."""

    __tablename__ = "first_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    done_on: Mapped[dt.date] = mapped_column(Date)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


class RetentionRun(Base):
    """One run of the retention job (core/retention.py): its day and what it deleted, as counts only.

    Nothing names a collection, a municipality or a group: the log proves the deletions happened.
    """

    __tablename__ = "retention_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_on: Mapped[dt.date] = mapped_column(Date)
    responses: Mapped[int] = mapped_column(Integer)
    answers: Mapped[int] = mapped_column(Integer)
    texts: Mapped[int] = mapped_column(Integer)  # written answers among ``answers``
    access_codes: Mapped[int] = mapped_column(Integer)
    group_sessions: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(
            "responses >= 0 AND answers >= 0 AND texts >= 0 AND access_codes >= 0"
            " AND group_sessions >= 0",
            name="counts_not_negative",
        ),
    )


class KeptResults(Base):
    """A collection's protected results tables that its coordinators chose to keep past the
    retention time (core/kept_results.py): chosen when the row exists; ``tables`` is filled by the
    retention run that first deletes the collection's answers, before it deletes them. JSON of
    figures only: no response, no written answer, no group under the small-group limit."""

    __tablename__ = "kept_results"

    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True
    )
    chosen_on: Mapped[dt.date] = mapped_column(Date)
    answers_deleted_on: Mapped[dt.date | None] = mapped_column(Date)
    tables: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "(answers_deleted_on IS NULL) = (tables IS NULL)", name="kept_with_its_day"
        ),
    )


class LoginSession(Base):
    """A coordinator's login, so that logging out (or a new password) ends it on every app host.

    The browser's cookie holds a random token; only its SHA-256 is kept here, with the account and
    the Unix second the login was last used (for the idle expiry). Coordinators, never respondents.
    """

    __tablename__ = "login_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    last_seen: Mapped[int] = mapped_column(Integer, index=True)


class Topic(Base):
    """A theme of a collection's written answers ("teema", "tema"): named by a coordinator, who tags
    answers with it and may write what was done about it. ``topic`` in code: ``theme`` is the
    organisation's colours (themes.py)."""

    __tablename__ = "topic"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    name_sv: Mapped[str | None] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    # What the coordinators did or will do about it ("you said, we did"); empty: not answered yet.
    reply: Mapped[str | None] = mapped_column(Text)
    reply_sv: Mapped[str | None] = mapped_column(Text)
    reply_en: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("name <> ''", name="name_not_empty"),)


class TopicTag(Base):
    """One written answer tagged with one topic; ``quoted``: the answer the topic's page quotes.

    Keyed by the topic and the answer only (no time, no sequence; on SQLite WITHOUT ROWID), so the
    table shows nothing of when an answer came or was tagged. The PostgreSQL mix carries the tags of
    the answers it rewrites (mixing.py).
    """

    __tablename__ = "topic_tag"

    topic_id: Mapped[str] = mapped_column(
        ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    quoted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        ForeignKeyConstraint(
            ["response_id", "item_code"],
            ["answer.response_id", "answer.item_code"],
            ondelete="CASCADE",
        ),
        # At most one quote per topic.
        Index(
            "ix_topic_tag_one_quote",
            "topic_id",
            unique=True,
            sqlite_where=sql("quoted"),
            postgresql_where=sql("quoted"),
        ),
        NO_ROWID,
    )


class TopicPage(Base):
    """Where a collection's "you said, we did" page is shown: at its public address, on the tablets."""

    __tablename__ = "topic_page"

    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True
    )
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    kiosk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ShareLink(Base):
    """A read-only link to one collection's protected results and PDF report (core/share_links.py).

    For a steering group or a funder: opening it needs no account. Only the SHA-256 of the link's random
    token is kept, with a label for the coordinators and the last day it works; revoking deletes the row.
    Nothing about whoever opens it is stored.
    """

    __tablename__ = "share_link"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100))
    expires_on: Mapped[dt.date] = mapped_column(Date)  # the last day the link works

    collection: Mapped[Collection] = relationship()

    __table_args__ = (
        CheckConstraint("label <> ''", name="label_not_empty"),
        CheckConstraint("length(token_hash) = 64", name="token_hash_length"),
    )


__all__ = [
    "AccessCode",
    "KioskAttempt",
    "PinGuard",
    "Organisation",
    "Project",
    "User",
    "Municipality",
    "GroupSession",
    "Collection",
    "InstrumentVersion",
    "Response",
    "Answer",
    "SubmissionKey",
    "ArrivalMix",
    "Throttle",
    "LoginSession",
    "Membership",
    "Invitation",
    "FirstRun",
    "ShareLink",
    "Topic",
    "TopicTag",
    "TopicPage",
    "CHANNELS",
    "AUDIENCES",
    "ACCESS_MODES",
]


class Series(Base):
    """A measurement series: the waves (collections of one instrument) whose answers are paired."""

    __tablename__ = "series"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    project_id: Mapped[str] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))

    waves: Mapped[list[Wave]] = relationship(order_by="Wave.position", viewonly=True)

    __table_args__ = (CheckConstraint("name <> ''", name="name_not_empty"),)


class Wave(Base):
    """One wave of a series: a collection of its own (its link, kiosk sessions, paper forms, dates),
    named (alku, loppu, 1, 2 …) and ordered. A collection belongs to at most one series."""

    __tablename__ = "wave"

    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True
    )
    series_id: Mapped[str] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))

    collection: Mapped[Collection] = relationship()

    __table_args__ = (
        CheckConstraint("name <> ''", name="name_not_empty"),
        CheckConstraint("position >= 1", name="position_positive"),
        Index("ix_wave_position", "series_id", "position", unique=True),
        Index("ix_wave_name", "series_id", "name", unique=True),
    )


class PairingCode(Base):
    """A response's pairing code, sealed: nothing else (no time, person, session or access code).

    ``sealed`` is a random nonce and the code's keyed hash masked under the pairing key
    (core/pairing.py), so the same code gives a different value in every row: only with the key can
    two rows be found to carry one code. Keyed by the response's random id (WITHOUT ROWID on
    SQLite: no arrival order); the PostgreSQL mix carries it with its response (mixing.py).
    """

    __tablename__ = "pairing_code"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    sealed: Mapped[str] = mapped_column(String(96))

    __table_args__ = (CheckConstraint("length(sealed) = 96", name="sealed_length"), NO_ROWID)


class StoredInstrument(Base):
    """One version of a form a coordinator uploaded (core/stored_instruments.py): a draft until
    published, then never changed, only superseded by a higher version. Visible to its project and
    to the other projects of the project's organisation; the shipped YAML files are the seed set."""

    __tablename__ = "stored_instrument"

    instrument_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    # The same content hash as a shipped file's (the data without its version).
    content_hash: Mapped[str] = mapped_column(String(64))
    # The validated data, as JSON: the spec is parsed from it, the downloads written from it.
    body: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    uploaded_by: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    uploaded_on: Mapped[dt.date] = mapped_column(Date)
    published_on: Mapped[dt.date | None] = mapped_column(Date)

    project: Mapped[Project] = relationship()

    __table_args__ = (
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("length(content_hash) = 64", name="content_hash_length"),
        CheckConstraint("body <> ''", name="body_not_empty"),
    )
