"""assessment identity (uid, revision), supplementary modules, tighter constraints

Revision ID: 0002_modules
Revises: 0001_initial
Create Date: 2026-11-26

Every existing assessment gets a fresh uid (its identity when exchanged between offline
installations) and revision 1. Item ids grow to 120 characters (``<module id>:<item id>``);
unit codes and top-level unit names become unique; a cycle cannot end before it starts;
evidence is indexed by its file's SHA-256.
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

    for table in ("answer", "audit_log"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "item_id", existing_type=sa.String(length=50), type_=sa.String(length=120), existing_nullable=table != "answer"
            )
    _rename_duplicates(connection)
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_org_unit_code", ["code"])
    op.create_index(
        "uq_org_unit_root_name",
        "org_unit",
        ["name_ja"],
        unique=True,
        sqlite_where=sa.text("parent_id IS NULL"),
        postgresql_where=sa.text("parent_id IS NULL"),
    )
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.create_check_constraint("ck_cycle_dates", "starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_sha256", ["sha256"], unique=False)


def _rename_duplicates(connection: sa.Connection) -> None:
    """Unit codes and top-level unit names become unique: a later duplicate (by id) gets a
    suffix, "-2" for a code and " (2)" for a name, so no row is lost."""
    org = sa.table(
        "org_unit", sa.column("id", sa.Integer), sa.column("parent_id", sa.Integer),
        sa.column("name_ja", sa.String), sa.column("code", sa.String),
    )
    for column, query, width, suffix in (
        ("code", sa.select(org.c.id, org.c.code).where(org.c.code.is_not(None)), 50, "-{n}"),
        ("name_ja", sa.select(org.c.id, org.c.name_ja).where(org.c.parent_id.is_(None)), 200, " ({n})"),
    ):
        rows = connection.execute(query.order_by(org.c.id)).all()
        taken = {value for _, value in rows}
        seen: set[str] = set()
        for row_id, value in rows:
            if value in seen:
                n = 2
                while (candidate := value[: width - len(suffix.format(n=n))] + suffix.format(n=n)) in taken:
                    n += 1
                connection.execute(org.update().where(org.c.id == row_id).values({column: candidate}))
                taken.add(candidate)
                value = candidate
            seen.add(value)


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_sha256")
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.drop_constraint("ck_cycle_dates", type_="check")
    op.drop_index("uq_org_unit_root_name", table_name="org_unit")
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_constraint("uq_org_unit_code", type_="unique")
    for table in ("answer", "audit_log"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "item_id", existing_type=sa.String(length=120), type_=sa.String(length=50), existing_nullable=table != "answer"
            )
    op.drop_table("assessment_module")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_constraint("uq_assessment_uid", type_="unique")
        batch_op.drop_column("revision")
        batch_op.drop_column("uid")
