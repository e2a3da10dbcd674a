"""Upload statuses shared by every app server, so `GET /api/documents/uploads/{id}` answers from any of
them behind a load balancer (the job itself stays queued on the server that accepted it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        CREATE TABLE upload_statuses (
            id text PRIMARY KEY,
            status jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX upload_statuses_updated ON upload_statuses (updated_at);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE upload_statuses")
