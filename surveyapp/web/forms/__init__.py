"""WTForms for coordinators, one module per form family, all rendered by templates/macros/fields.html.

Respondent forms are built from instruments in respond/.
"""
