"""The PostgreSQL + pgvector storage backend (ASSISTANT_DATABASE_URL): see storage.py."""
