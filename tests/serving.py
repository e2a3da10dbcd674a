"""An app server process over the settings in the environment (`ASSISTANT_*`), with the fake embedder:
what the multi-server tests run as real processes, so they need neither the bundled model nor a build.

    python -m tests.serving PORT
"""

import sys

import uvicorn

from api.holder import IndexHolder
from api.main import create_app
from assistant.config import Settings
from tests.fakes import fake_embedder_for


def main(port: int) -> None:
    settings = Settings()
    app = create_app(settings, IndexHolder(settings, embedder=fake_embedder_for(settings)))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(int(sys.argv[1]))
