"""WTForms for coordinators; respondent forms are built from instruments in respond/."""
