"""safeguarding: the team’s safeguarding lead and the audit log of revealed authors

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 08:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("author_reveal",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("workshop_id", sa.Integer(), nullable=False),
    sa.Column("activity_id", sa.Integer(), nullable=True),
    sa.Column("note_id", sa.Integer(), nullable=True),
    sa.Column("revealed_by_id", sa.Integer(), nullable=True),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["activity_id"], ["activity.id"], name=op.f("fk_author_reveal_activity_id_activity"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["note_id"], ["note.id"], name=op.f("fk_author_reveal_note_id_note"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["revealed_by_id"], ["user.id"], name=op.f("fk_author_reveal_revealed_by_id_user"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], name=op.f("fk_author_reveal_workshop_id_workshop"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_author_reveal"))
    )
    with op.batch_alter_table("author_reveal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_author_reveal_workshop_id"), ["workshop_id"], unique=False)

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("safeguarding_lead_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_team_safeguarding_lead_id_user"), "user", ["safeguarding_lead_id"], ["id"], ondelete="SET NULL")



def downgrade():
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_team_safeguarding_lead_id_user"), type_="foreignkey")
        batch_op.drop_column("safeguarding_lead_id")

    with op.batch_alter_table("author_reveal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_author_reveal_workshop_id"))

    op.drop_table("author_reveal")
