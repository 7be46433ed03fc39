"""hands: when a participant raised their hand to speak

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 06:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hand_raised_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("hand_raised_at")
