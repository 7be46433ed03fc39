"""order keys sort by code point on PostgreSQL (collation "C"); a column's
notes indexed in order

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 05:10:00

Fractional-indexing keys must sort as they were generated, byte by byte.
SQLite compares bytes already; PostgreSQL sorts text by the database's
locale unless a column says otherwise, so this migration only acts there.
"""

from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ORDER_KEYS = (("note", "order_key"), ("pathway_card", "order_key"), ("activity", "position"))


def upgrade():
    _collate(old=None, new="C")
    op.create_index(
        "ix_note_order", "note", ["activity_id", "topic", "column", "order_key"]
    )


def downgrade():
    op.drop_index("ix_note_order", table_name="note")
    _collate(old="C", new=None)


def _collate(old, new):
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in ORDER_KEYS:
        op.alter_column(
            table,
            column,
            type_=sa.String(64, collation=new),
            existing_type=sa.String(64, collation=old),
            existing_nullable=False,
        )
