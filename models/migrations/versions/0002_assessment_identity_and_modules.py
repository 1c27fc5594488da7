"""assessment identity (uid, revision) and supplementary modules

Revision ID: 0002_modules
Revises: 0001_initial
Create Date: 2026-11-26

Every existing assessment gets a fresh uid (its identity when exchanged between offline
installations) and revision 1.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_modules"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))

    connection = op.get_bind()
    assessment = sa.table("assessment", sa.column("id", sa.Integer), sa.column("uid", sa.String))
    ids = [row.id for row in connection.execute(sa.select(assessment.c.id))]
    for assessment_id in ids:
        connection.execute(
            assessment.update().where(assessment.c.id == assessment_id).values(uid=uuid.uuid4().hex)
        )

    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=32), nullable=False)
        batch_op.alter_column("revision", existing_type=sa.Integer(), server_default=None)
        batch_op.create_unique_constraint("uq_assessment_uid", ["uid"])

    op.create_table(
        "assessment_module",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["questionnaire_id"], ["questionnaire.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("assessment_id", "questionnaire_id"),
    )


def downgrade() -> None:
    op.drop_table("assessment_module")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_constraint("uq_assessment_uid", type_="unique")
        batch_op.drop_column("revision")
        batch_op.drop_column("uid")
