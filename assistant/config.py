"""One settings class for the whole project, read from `ASSISTANT_*` environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the corpus and the indexes live, and how the search stage behaves."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder with the documents and manifest.yaml.")
    index_dir: Path = Field(PROJECT_ROOT / "indexes", description="Folder for built indexes (not committed).")
    cache_dir: Path = Field(
        Path.home() / ".cache" / "policy-qa",
        description="Content-addressed cache of passage embeddings, shared by every checkout on the machine.",
    )
    embed_threads: int = Field(2, ge=1, description="OpenMP threads for the embedding engine.")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings` instead."""
    return Settings()
