"""A project: its short name (chosen once), name, organisation and whether it is archived."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from surveyapp.core import organisations, projects
from surveyapp.web import database
from surveyapp.web.forms import organisation_texts as texts
from surveyapp.web.forms.checks import TextField, text
from surveyapp.web.forms.people import name_field


class ProjectForm(FlaskForm):
    slug = TextField(
        _l("Short name in web addresses"),
        description=_l("Lower-case letters a–z, digits and hyphens, for example valpas-2027."),
        filters=[lambda value: text(value).strip().lower()],
        render_kw={"spellcheck": "false"},
    )
    name = name_field(_l("Name of the project"))
    organisation = SelectField(_l("Organisation"), validate_choice=False)
    archived = BooleanField(
        _l("Archived: the project's surveys take no more answers; their results stay readable")
    )

    def __init__(self, *args, organisations_list=(), project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [SelectChoice("", _("No organisation"))] + [
            SelectChoice(o.id, o.name) for o in organisations_list
        ]
        self.known = {o.id: o for o in organisations_list}
        if project is not None:
            del self.slug  # chosen once, when the project is created
        else:
            del self.archived

    def validate_slug(self, field) -> None:
        if not organisations.SLUG.match(field.data):
            raise StopValidation(texts.slug(field))
        if projects.slug_taken(database.session(), field.data):
            raise StopValidation(_("Another project already uses this short name."))

    def validate_organisation(self, field) -> None:
        if field.data and field.data not in self.known:
            raise StopValidation(texts.choose_one(field))

    def chosen_organisation(self):
        return self.known.get(self.organisation.data or "")
