"""One router per resource; `api.main` mounts them, with the API-key check on /api and /v1."""
