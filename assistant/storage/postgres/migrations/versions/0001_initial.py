"""The first schema: documents, indexed parts with their records and passages, segmentations, versions.

A stored document is never changed: a new upload or a replacement is a new row. A *part* is one
document as indexed by one release (parsing, text and index code and the embedding model: its
`code_key`); its records, passages and vectors hang off it, so an index version is a list of parts
and publishing one copies no passage. A *segmentation* is a part's passages cut into search tokens
with one segmenter dictionary; a version reuses the segmentation of every part the new dictionary
words do not occur in. `serving` has one row, the published version: one UPDATE switches readers.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_RECORD_BASE = """
    id bigserial PRIMARY KEY,
    part_id bigint NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    file text NOT NULL,
    line integer NOT NULL,
    end_line integer NOT NULL,
    period jsonb NOT NULL,
    series text,
"""

UPGRADE = f"""
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    origin text NOT NULL CHECK (origin IN ('bundled', 'uploaded')),
    info jsonb NOT NULL,
    sha256 text NOT NULL,
    identity text NOT NULL UNIQUE,
    lines text[] NOT NULL,
    locations text[] NOT NULL DEFAULT '{{}}',
    source_name text,
    original bytea,
    stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_name ON documents (name);

CREATE TABLE uploaded_documents (
    name text PRIMARY KEY,
    look_alike text NOT NULL UNIQUE,
    document_id bigint NOT NULL REFERENCES documents (id)
);

CREATE TABLE parts (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    code_key text NOT NULL,
    records integer NOT NULL,
    passages integer NOT NULL,
    warnings jsonb NOT NULL DEFAULT '[]',
    terms text[] NOT NULL,
    indexed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parts_document ON parts (document_id, code_key);

CREATE TABLE passages (
    id bigserial PRIMARY KEY,
    part_id bigint NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    passage_key text NOT NULL,
    file text NOT NULL,
    line integer NOT NULL,
    end_line integer NOT NULL,
    text text NOT NULL,
    context text NOT NULL,
    prepared text NOT NULL,
    kind text NOT NULL,
    period jsonb,
    series text,
    doc_kind text NOT NULL,
    title text NOT NULL,
    years integer[] NOT NULL,
    agencies text[] NOT NULL,
    embedding vector(384) NOT NULL,
    UNIQUE (part_id, ordinal)
);
CREATE INDEX passages_embedding ON passages USING hnsw (embedding vector_cosine_ops);
CREATE INDEX passages_file ON passages (file, line);
CREATE INDEX passages_agencies ON passages USING gin (agencies);
CREATE INDEX passages_years ON passages USING gin (years);

CREATE TABLE segmentations (
    id bigserial PRIMARY KEY,
    part_id bigint NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    dictionary text NOT NULL,
    document_frequencies jsonb NOT NULL,
    tokens bigint NOT NULL
);
CREATE INDEX segmentations_part ON segmentations (part_id);

CREATE TABLE passage_tokens (
    segmentation_id bigint NOT NULL REFERENCES segmentations (id) ON DELETE CASCADE,
    passage_id bigint NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    lexemes tsvector NOT NULL,
    counts jsonb NOT NULL,
    length integer NOT NULL,
    PRIMARY KEY (segmentation_id, passage_id)
);
CREATE INDEX passage_tokens_lexemes ON passage_tokens USING gin (lexemes);
CREATE INDEX passage_tokens_passage ON passage_tokens (passage_id);

CREATE TABLE index_versions (
    id bigserial PRIMARY KEY,
    fingerprint text NOT NULL,
    code_key text NOT NULL,
    model text NOT NULL,
    terms text[] NOT NULL,
    user_words text[] NOT NULL,
    passages integer NOT NULL,
    tokens bigint NOT NULL,
    warnings jsonb NOT NULL DEFAULT '[]',
    built_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE version_members (
    version_id bigint NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
    position integer NOT NULL,
    part_id bigint NOT NULL REFERENCES parts (id),
    segmentation_id bigint NOT NULL REFERENCES segmentations (id),
    PRIMARY KEY (version_id, position)
);
CREATE INDEX version_members_part ON version_members (part_id);
CREATE INDEX version_members_segmentation ON version_members (segmentation_id);

CREATE TABLE version_terms (
    version_id bigint NOT NULL REFERENCES index_versions (id) ON DELETE CASCADE,
    term text NOT NULL,
    document_frequency integer NOT NULL,
    PRIMARY KEY (version_id, term)
);

CREATE TABLE serving (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version_id bigint NOT NULL REFERENCES index_versions (id),
    previous_id bigint REFERENCES index_versions (id) ON DELETE SET NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE progress_items ({_RECORD_BASE}
    year_roc integer NOT NULL,
    item_no integer,
    item_no_inferred integer,
    item_name text,
    category text,
    domain text,
    outline text,
    lead_agency text,
    co_agencies text[] NOT NULL,
    target text NOT NULL,
    work_items text NOT NULL,
    results text NOT NULL,
    status_code text NOT NULL,
    status_label text NOT NULL
);
CREATE INDEX progress_items_lead_agency ON progress_items (lead_agency);
CREATE INDEX progress_items_co_agencies ON progress_items USING gin (co_agencies);
CREATE INDEX progress_items_status ON progress_items (status_code);
CREATE INDEX progress_items_item_no ON progress_items (item_no);

CREATE TABLE strategy_kpis ({_RECORD_BASE}
    year_roc integer NOT NULL,
    theme_code text NOT NULL,
    theme_name text NOT NULL,
    perspective text NOT NULL,
    goal_code text NOT NULL,
    goal_name text NOT NULL,
    kpi_code text NOT NULL,
    kpi_name text NOT NULL,
    agencies text[] NOT NULL,
    agencies_raw text NOT NULL,
    wccd boolean NOT NULL
);
CREATE INDEX strategy_kpis_agencies ON strategy_kpis USING gin (agencies);
CREATE INDEX strategy_kpis_kpi_code ON strategy_kpis (kpi_code);

CREATE TABLE kpi_results ({_RECORD_BASE}
    "group" text NOT NULL,
    year_roc integer NOT NULL,
    kpi_code text NOT NULL,
    kpi_name text NOT NULL,
    goal_code text,
    goal_name text,
    perspective text,
    target double precision,
    target_raw text,
    actual double precision,
    actual_raw text,
    achievement double precision,
    achievement_raw text,
    rating text,
    rating_raw text,
    score double precision,
    agency text,
    value_line integer
);
CREATE INDEX kpi_results_agency ON kpi_results (agency);
CREATE INDEX kpi_results_kpi_code ON kpi_results (kpi_code, year_roc);

CREATE TABLE budget_figures ({_RECORD_BASE}
    "table" text NOT NULL,
    item text NOT NULL,
    year_roc integer NOT NULL,
    value double precision,
    value_raw text NOT NULL,
    unit text,
    agency text NOT NULL
);
CREATE INDEX budget_figures_agency ON budget_figures (agency, year_roc);

CREATE TABLE performance_goals ({_RECORD_BASE}
    year_roc integer NOT NULL,
    agency text NOT NULL,
    goal text NOT NULL,
    strategy text NOT NULL,
    results text NOT NULL,
    future text NOT NULL
);
CREATE INDEX performance_goals_agency ON performance_goals (agency, year_roc);
"""

_RECORD_TABLES = ("progress_items", "strategy_kpis", "kpi_results", "budget_figures", "performance_goals")


def upgrade() -> None:
    op.execute(UPGRADE)
    for table in _RECORD_TABLES:
        op.execute(f"CREATE INDEX {table}_part ON {table} (part_id, ordinal)")
        op.execute(f"CREATE INDEX {table}_source ON {table} (file, line)")


def downgrade() -> None:
    for table in (*_RECORD_TABLES, "serving", "version_terms", "version_members", "index_versions",
                  "passage_tokens", "segmentations", "passages", "parts", "uploaded_documents", "documents"):
        op.execute(f"DROP TABLE {table}")
