"""Statistics for the window and the reports."""

from __future__ import annotations

from datetime import date

from contract.models.common import ContractModel


class CategoryStats(ContractModel):
    """One service day of one queue, from the tickets' timestamps."""

    category_code: str
    service_date: date
    issued: int
    done: int
    no_show: int
    cancelled: int
    transferred: int
    mean_wait_minutes: float | None  # issued -> first call
    mean_service_minutes: float | None  # start -> end
