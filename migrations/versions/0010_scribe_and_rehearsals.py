"""scribe entry and rehearsals: participants without a device, changes entered on their behalf, rehearsal copies

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 07:55:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("on_behalf_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_event_on_behalf_of_id_participant"), "participant", ["on_behalf_of_id"], ["id"], ondelete="SET NULL")

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("has_device", sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rehearsal_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_workshop_rehearsal_of_id"), ["rehearsal_of_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_workshop_rehearsal_of_id_workshop"), "workshop", ["rehearsal_of_id"], ["id"])



def downgrade():
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_workshop_rehearsal_of_id_workshop"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_workshop_rehearsal_of_id"))
        batch_op.drop_column("rehearsal_of_id")

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("has_device")

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_event_on_behalf_of_id_participant"), type_="foreignkey")
        batch_op.drop_column("on_behalf_of_id")

