"""people and roles: archived projects, a role per project membership, invitations, first run

Revision ID: 0018
Revises: 0017

Every existing membership becomes a coordinator's (the column's default), so today's coordinators
keep everything in their projects and administrators stay administrators. Group sessions learn who
created them (NULL for the old ones: only coordinators see those). first_run holds at most one row,
inserted with the first administrator, so two set-ups at once cannot both succeed.
"""

import dialect
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

PROJECT_ROLES = "role IN ('coordinator', 'group_leader', 'steering_reader')"


def upgrade() -> None:
    op.add_column(
        "project",
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    dialect.add_column(
        "user_project",
        sa.Column("role", sa.String(length=20), server_default="coordinator", nullable=False),
        constraint="ck_user_project_project_role_known",
        check=PROJECT_ROLES,
    )
    dialect.add_column(
        "group_session",
        sa.Column("leader_id", sa.String(length=32), nullable=True),
        constraint="fk_group_session_leader_id_user_account",
        references=("user_account", "id"),
    )
    op.create_index(
        op.f("ix_group_session_leader_id"), "group_session", ["leader_id"], unique=False
    )
    op.create_table(
        "invitation",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("expires", sa.Integer(), nullable=False),
        sa.CheckConstraint(PROJECT_ROLES, name=op.f("ck_invitation_role_known")),
        sa.CheckConstraint(
            "email <> '' AND name <> ''", name=op.f("ck_invitation_names_not_empty")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_invitation_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_invitation")),
    )
    op.create_index(op.f("ix_invitation_project_id"), "invitation", ["project_id"], unique=False)
    op.create_table(
        "first_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_first_run_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_first_run")),
    )


def downgrade() -> None:
    op.drop_table("first_run")
    op.drop_index(op.f("ix_invitation_project_id"), table_name="invitation")
    op.drop_table("invitation")
    op.drop_index(op.f("ix_group_session_leader_id"), table_name="group_session")
    dialect.drop_constraint(
        "group_session", "fk_group_session_leader_id_user_account", "foreignkey"
    )
    dialect.drop_constraint("user_project", "ck_user_project_project_role_known", "check")
    with op.batch_alter_table("group_session") as batch:
        batch.drop_column("leader_id")
    with op.batch_alter_table("user_project") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("project") as batch:
        batch.drop_column("archived")
