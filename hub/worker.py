"""One of the hub's worker processes (``kiosk hub serve --workers N``, PostgreSQL only).

Each worker is a process of its own, started by uvicorn's supervisor, which restarts one that
dies; all of them accept on the one listening socket the supervisor made. A worker builds its
app from what the supervisor put in its environment (``SETTINGS``), since the app itself cannot
be handed over to a new process. Whatever a hub keeps in memory is per worker and agrees
through the database: tokens are looked up again, wait rates forgotten on a NOTIFY, events
delivered by LISTEN/NOTIFY (hub.notify).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

# What the supervisor passes down, by environment variable.
SETTINGS = {
    "db": "YIMEN_HUB_DB",
    "data_dir": "YIMEN_HUB_DATA_DIR",
    "public_url": "YIMEN_HUB_PUBLIC_URL",
    "keep_reports_minutes": "YIMEN_HUB_KEEP_REPORTS_MINUTES",
    "bulletin_font": "YIMEN_HUB_BULLETIN_FONT",
    "bulletin_issuer": "YIMEN_HUB_BULLETIN_ISSUER",
    "complaints_webhook": "YIMEN_HUB_COMPLAINTS_WEBHOOK",
    "complaints_secret_file": "YIMEN_HUB_COMPLAINTS_SECRET_FILE",  # the file's path, not the secret
}


def app() -> FastAPI:
    """The hub for this worker (uvicorn calls it: ``factory=True``)."""
    from hub.app import create_app
    from hub.embedded import ADMIN_TOKEN_FILE, read_or_create_secret

    env = {name: os.environ.get(variable, "") for name, variable in SETTINGS.items()}
    data_dir = Path(env["data_dir"])
    token = read_or_create_secret(data_dir / ADMIN_TOKEN_FILE)  # a file, not the environment
    hub = create_app(env["db"], data_dir=data_dir, admin_token=token)
    settings = hub.state.hub.settings
    settings.public_base_url = env["public_url"] or None
    settings.report_keep_minutes = float(env["keep_reports_minutes"] or 0)
    settings.bulletin_font = env["bulletin_font"] or None
    settings.bulletin_issuer = env["bulletin_issuer"] or None
    if env["complaints_webhook"]:
        from hub.complaint_forwarding import read_secret

        settings.complaints_webhook_url = env["complaints_webhook"]
        settings.complaints_webhook_secret = read_secret(Path(env["complaints_secret_file"]))
    return hub
