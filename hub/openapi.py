"""The committed copy of the OpenAPI document (``hub/openapi.json``), regenerated on purpose.

A test compares the served document with this file, so a contract change shows up in review as
a diff of ``openapi.json``. Regenerate with ``kiosk hub openapi --write``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).with_name("openapi.json")


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def current_document() -> dict[str, Any]:
    """The document of a hub built on a throw-away in-memory database."""
    from hub.app import create_app

    return create_app("sqlite://").openapi()
