"""The 政策項目 cell as printed (number and name), so an answer quotes a row's label as the table prints it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE progress_items ADD COLUMN item_cell text")


def downgrade() -> None:
    op.execute("ALTER TABLE progress_items DROP COLUMN item_cell")
