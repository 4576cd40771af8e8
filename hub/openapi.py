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


def problems_only(document: dict[str, Any]) -> dict[str, Any]:
    """Every error response as the hub sends it: ``application/problem+json`` with the Problem
    schema (FastAPI would declare its own ``application/json`` validation error instead)."""
    from contract.models import Problem

    problem = {"$ref": "#/components/schemas/Problem"}
    for operation in (op for ops in document.get("paths", {}).values() for op in ops.values()):
        if "requestBody" in operation:  # a body that is not JSON at all: 400 malformed_body
            operation["responses"].setdefault("400", {"description": "Malformed body"})
        for status, response in operation.get("responses", {}).items():
            if status.isdigit() and int(status) >= 400:
                response["content"] = {"application/problem+json": {"schema": problem}}
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    definitions = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(definitions.pop("$defs", {}))
    schemas["Problem"] = definitions
    return document


def current_document() -> dict[str, Any]:
    """The document of a hub built on a throw-away in-memory database."""
    from hub.app import create_app

    return create_app("sqlite://").openapi()
