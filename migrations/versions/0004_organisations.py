"""organisations

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from dialect import add_column, drop_constraint

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("business_id", sa.String(length=9), nullable=True),
        sa.Column("postal", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("dpo_contact", sa.String(length=300), nullable=True),
        sa.Column("legal_basis", sa.String(length=20), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=False),
        sa.Column("processor", sa.String(length=300), nullable=True),
        sa.Column("a11y_feedback_email", sa.String(length=200), nullable=True),
        sa.Column("a11y_feedback_url", sa.String(length=300), nullable=True),
        sa.Column("a11y_prepared_on", sa.Date(), nullable=False),
        sa.Column("a11y_reviewed_on", sa.Date(), nullable=False),
        sa.Column("a11y_assessment", sa.String(length=10), nullable=False),
        sa.Column("a11y_assessor", sa.String(length=200), nullable=True),
        sa.Column("authority_fi", sa.Text(), nullable=True),
        sa.Column("authority_sv", sa.Text(), nullable=True),
        sa.Column("authority_en", sa.Text(), nullable=True),
        sa.Column("theme_brand", sa.String(length=7), nullable=False),
        sa.Column("theme_brand_text", sa.String(length=7), nullable=False),
        sa.Column("theme_accent", sa.String(length=7), nullable=False),
        sa.Column("theme_heading", sa.String(length=7), nullable=False),
        sa.Column("theme_border", sa.String(length=7), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_type", sa.String(length=20), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "a11y_assessment = 'self' OR a11y_assessor IS NOT NULL",
            name=op.f("ck_organisation_external_assessor_named"),
        ),
        sa.CheckConstraint(
            "a11y_assessment IN ('self', 'external')", name=op.f("ck_organisation_assessment_known")
        ),
        sa.CheckConstraint(
            "legal_basis IN ('public_task', 'legitimate_interest', 'consent')",
            name=op.f("ck_organisation_legal_basis_known"),
        ),
        sa.CheckConstraint(
            "length(theme_accent) = 7 AND substr(theme_accent, 1, 1) = '#'",
            name=op.f("ck_organisation_theme_accent_hex"),
        ),
        sa.CheckConstraint(
            "length(theme_border) = 7 AND substr(theme_border, 1, 1) = '#'",
            name=op.f("ck_organisation_theme_border_hex"),
        ),
        sa.CheckConstraint(
            "length(theme_brand) = 7 AND substr(theme_brand, 1, 1) = '#'",
            name=op.f("ck_organisation_theme_brand_hex"),
        ),
        sa.CheckConstraint(
            "length(theme_brand_text) = 7 AND substr(theme_brand_text, 1, 1) = '#'",
            name=op.f("ck_organisation_theme_brand_text_hex"),
        ),
        sa.CheckConstraint(
            "length(theme_heading) = 7 AND substr(theme_heading, 1, 1) = '#'",
            name=op.f("ck_organisation_theme_heading_hex"),
        ),
        sa.CheckConstraint(
            "logo_type IS NULL OR logo_type IN ('image/png', 'image/jpeg', 'image/webp')",
            name=op.f("ck_organisation_logo_type_known"),
        ),
        sa.CheckConstraint(
            "slug <> '' AND name <> '' AND email <> ''",
            name=op.f("ck_organisation_names_not_empty"),
        ),
        sa.CheckConstraint(
            "(logo IS NULL) = (logo_type IS NULL)", name=op.f("ck_organisation_logo_has_type")
        ),
        sa.CheckConstraint(
            "a11y_feedback_email IS NOT NULL OR a11y_feedback_url IS NOT NULL",
            name=op.f("ck_organisation_feedback_channel"),
        ),
        sa.CheckConstraint(
            "a11y_reviewed_on >= a11y_prepared_on", name=op.f("ck_organisation_a11y_dates_ordered")
        ),
        sa.CheckConstraint(
            "retention_years >= 1 AND retention_years <= 50",
            name=op.f("ck_organisation_retention_1_to_50"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisation_slug")),
    )
    # Not batch mode: recreating `project` on SQLite would drop the table its collections and
    # accounts point to.
    add_column(
        "project",
        sa.Column("organisation_id", sa.String(length=32), nullable=True),
        constraint="fk_project_organisation_id_organisation",
        references=("organisation", "id"),
    )
    op.create_index(
        op.f("ix_project_organisation_id"), "project", ["organisation_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_project_organisation_id"), table_name="project")
    drop_constraint("project", "fk_project_organisation_id_organisation", "foreignkey")
    op.drop_column("project", "organisation_id")
    op.drop_table("organisation")
