"""The forms of the form library: upload a form file (XLSForm or YAML) and publish a version."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import StopValidation

from surveyapp.core.instruments import sheets


class UploadForm(FlaskForm):
    project = SelectField(_l("Project"), description=_l("The project whose form this is."))
    file = FileField(
        _l("Form file"),
        description=_l(
            "An XLSForm workbook (.xlsx) or a YAML file (.yaml). Download a form below to see "
            "the format; the supported parts of XLSForm are listed under the upload."
        ),
        render_kw={"accept": ".xlsx,.yaml,.yml"},
    )

    def validate_file(self, field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", None):
            raise StopValidation(_("Choose the file to upload."))
        self.content = upload.read(sheets.MAX_BYTES + 1)
        self.filename = upload.filename


class PublishForm(FlaskForm):
    """Only the CSRF token: the version to publish is in the address."""


class DeleteDraftForm(FlaskForm):
    """Only the CSRF token: the page itself asks for the confirmation."""
