"""facilitation: timer, themes, dots per vote, break requests, spotlight, announcements

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 07:40:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "order_key",
            sa.String(length=64).with_variant(
                sa.String(length=64, collation="C"), "postgresql"
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_theme_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["breakout_group.id"],
            name=op.f("fk_theme_group_id_breakout_group"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme")),
        sa.UniqueConstraint("public_id", name=op.f("uq_theme_public_id")),
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_activity_id"), ["activity_id"], unique=False
        )

    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timer_duration", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("timer_started_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("timer_remaining", sa.Float(), nullable=True))

    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theme_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_note_theme_id"), ["theme_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_note_theme_id_theme"),
            "theme",
            ["theme_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("break_requested_at", sa.DateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("count", sa.Integer(), server_default="1", nullable=False)
        )

    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spotlight", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("announcement", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_column("announced_at")
        batch_op.drop_column("announcement")
        batch_op.drop_column("spotlight")

    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_column("count")

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("break_requested_at")

    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_note_theme_id_theme"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_note_theme_id"))
        batch_op.drop_column("theme_id")

    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("timer_remaining")
        batch_op.drop_column("timer_started_at")
        batch_op.drop_column("timer_duration")

    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_activity_id"))

    op.drop_table("theme")
