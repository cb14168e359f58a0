"""The form library for coordinators: upload a form (XLSForm or YAML), see the errors at their
cell, preview a version in each language (web form and print PDF), publish it, download any
form as XLSForm or YAML. A published version is never changed: a new upload supersedes it."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from surveyapp.core import stored_instruments
from surveyapp.core.instruments import downloads, sheets, validate
from surveyapp.core.models import StoredInstrument
from surveyapp.web import database, language
from surveyapp.web.auth import login_required, require_project
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.collections import visible_projects
from surveyapp.web.coordinate.views import pdf_response
from surveyapp.web.forms.instrument_uploads import DeleteDraftForm, PublishForm, UploadForm
from surveyapp.web.instrument_errors import error_lines
from surveyapp.web.registry import shipped
from surveyapp.web.submissions import today
from surveyapp.web.upload_limits import accepts_files

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A post with a form file: the file up to the validator's limit, and the form's other fields.
UPLOAD_BODY = sheets.MAX_BYTES + 64 * 1024


def too_large() -> str:
    """The validator's own words for a file over its limit (for a body too large to read)."""
    return _("The file is larger than %(limit)s MB.", limit=sheets.MAX_BYTES // 10**6)


def get_version(instrument_id: str, version: str) -> StoredInstrument:
    """A stored version, for a coordinator of a project that may use it: else 404."""
    if not version.isdigit() or len(version) > 9:
        abort(404)
    row = database.session().get(StoredInstrument, (instrument_id, int(version)))
    if row is None:
        abort(404)
    if g.user.role != "admin" and not any(
        stored_instruments.shares(p, row.project) for p in visible_projects()
    ):
        abort(404)
    return row


def coordinators_only() -> None:
    """Forms are for administrators and coordinators; a group leader or reader has no say."""
    if g.user.role != "admin" and not any(m.role == "coordinator" for m in g.user.memberships):
        abort(403)


@bp.route("/instruments/", methods=["GET", "POST"])
@accepts_files(UPLOAD_BODY, too_large)
@login_required
def instrument_library():
    coordinators_only()
    db = database.session()
    projects = visible_projects()
    form = UploadForm()
    form.project.choices = [(p.id, p.name) for p in projects]
    errors: list[str] = []
    if form.validate_on_submit():
        project = next(p for p in projects if p.id == form.project.data)
        require_project(project)
        row, errors = stored(db, project, validate.check(form.filename, form.content))
        if row is not None:
            flash(
                _(
                    "Version %(version)s of %(id)s was saved as a draft. Preview it, then publish.",
                    version=row.version,
                    id=row.instrument_id,
                ),
                "ok",
            )
            address = url_for(
                ".instrument_version", instrument_id=row.instrument_id, version=row.version
            )
            return redirect(address)
    return render_template(
        "coordinate/instruments.html",
        form=form,
        upload_errors=errors,
        shipped=list(shipped()),
        stored=stored_instruments.of_projects(db, projects),
    ), 422 if (form.errors or errors) else 200


def stored(db, project, checked) -> tuple[StoredInstrument | None, list[str]]:
    """The checked file stored as a draft and committed, or why not (nothing stored)."""
    errors = error_lines(checked.errors)
    if errors:
        return None, errors
    try:
        row = stored_instruments.store(db, project, g.user, checked, shipped().shipped_ids, today())
        db.commit()
    except stored_instruments.Refused as refused:
        db.rollback()
        return None, [_(refused.msgid, **refused.params)]
    except IntegrityError:  # the same form uploaded twice at the same moment
        db.rollback()
        return None, [_("The form was saved from elsewhere at the same moment: upload it again.")]
    return row, []


@bp.get("/instruments/liian-suuri")
@login_required
def upload_too_large():
    """The proxy's answer to a form file over its own limit (nginx: error_page 413 on the upload's
    address): the upload page again with the validator's words, as for a body the app will not read."""
    coordinators_only()
    flash(too_large(), "error")
    return redirect(url_for(".instrument_library"), 303)


@bp.get("/instruments/<instrument_id>/<version>/")
@login_required
def instrument_version(instrument_id: str, version: str):
    row = get_version(instrument_id, version)
    instrument = stored_instruments.spec_of(row)
    language.texts_for(instrument)
    return render_template(
        "coordinate/instrument_version.html",
        row=row,
        instrument=instrument,
        publish_form=PublishForm(),
        values={},
        errors={},
        options=(),
    )


@bp.get("/instruments/<instrument_id>/<version>/kiosk")
@login_required
def instrument_version_kiosk(instrument_id: str, version: str):
    row = get_version(instrument_id, version)
    instrument = stored_instruments.spec_of(row)
    language.texts_for(instrument)
    return render_template(
        "coordinate/instrument_kiosk.html",
        row=row,
        instrument=instrument,
        values={},
        errors={},
        options=(),
    )


@bp.get("/instruments/<instrument_id>/<version>/lomake.pdf")
@login_required
def instrument_version_pdf(instrument_id: str, version: str):
    row = get_version(instrument_id, version)
    instrument = stored_instruments.spec_of(row)
    return pdf_response(instrument, None, None, f"{row.instrument_id}-{row.version}.pdf")


@bp.post("/instruments/<instrument_id>/<version>/publish")
@login_required
def publish_instrument(instrument_id: str, version: str):
    row = get_version(instrument_id, version)
    require_project(row.project)
    if not PublishForm().validate_on_submit():
        abort(400)
    db = database.session()
    newer = stored_instruments.versions(db, instrument_id)[0]
    if newer.version != row.version:
        flash(_("A newer version exists: publish that one instead."), "error")
    else:
        stored_instruments.publish(db, row, today())
        db.commit()
        flash(_("Published: new surveys can use this version."), "ok")
    return redirect(url_for(".instrument_version", instrument_id=instrument_id, version=version))


@bp.route("/instruments/<instrument_id>/<version>/delete", methods=["GET", "POST"])
@login_required
def delete_instrument_version(instrument_id: str, version: str):
    """Asks first, then deletes a draft of the user's own project; a published one never."""
    row = get_version(instrument_id, version)
    require_project(row.project)
    db = database.session()
    form = DeleteDraftForm()
    back = url_for(".instrument_version", instrument_id=instrument_id, version=version)
    try:
        if row.published_on is not None:
            stored_instruments.refuse_deletion(row)
        if form.validate_on_submit():
            stored_instruments.delete_draft(db, row)
            db.commit()
            flash(
                _(
                    "Draft version %(version)s of %(id)s was deleted.",
                    version=version,
                    id=instrument_id,
                ),
                "ok",
            )
            return redirect(url_for(".instrument_library"))
    except stored_instruments.Refused as refused:
        db.rollback()
        flash(_(refused.msgid, **refused.params), "error")
        return redirect(back)
    return render_template(
        "coordinate/instrument_delete.html", row=row, form=form, back=back
    ), 422 if form.errors else 200


@bp.get("/instruments/<instrument_id>/<version>/<any(xlsx, yaml):kind>")
@login_required
def download_instrument_version(instrument_id: str, version: str, kind: str):
    row = get_version(instrument_id, version)
    instrument = stored_instruments.spec_of(row)
    data = stored_instruments.data_of(row)
    return _download(instrument.id, version, kind, instrument, data)


@bp.get("/instruments/shipped/<instrument_id>.<any(xlsx, yaml):kind>")
@login_required
def download_shipped_instrument(instrument_id: str, kind: str):
    coordinators_only()
    instrument = shipped().get(instrument_id)
    if instrument is None:
        abort(404)
    return _download(instrument.id, instrument.version, kind, instrument, None)


def _download(instrument_id: str, version: str, kind: str, instrument, data):
    if kind == "xlsx":
        body, mimetype = downloads.xlsform_of(instrument, data), XLSX
    else:
        body, mimetype = downloads.yaml_of(instrument, data), "application/yaml"
    filename = f"{instrument_id}-{version}.{kind}"
    return current_app.response_class(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
