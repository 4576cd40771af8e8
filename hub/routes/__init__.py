"""HTTP routes of the hub, one module per resource, all under ``/api/v1``."""

from __future__ import annotations

from typing import Any

from contract.models import Problem


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json answers."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}}
        for status in statuses
    }
