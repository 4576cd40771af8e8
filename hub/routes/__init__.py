"""HTTP routes of the hub, one module per resource, all under ``/api/v1``."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problems an operation may answer with; their
    problem+json content is declared for every error at once (hub.openapi.problems_only)."""
    return {status: {"description": HTTPStatus(status).phrase} for status in statuses}
