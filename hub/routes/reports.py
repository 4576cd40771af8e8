"""Reports for the district office and hall managers (admin token until the console's
sign-in exists)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from contract import models as m
from contract.models.common import Code
from hub import reports
from hub.auth import ContextDep, require_admin
from hub.routes import problems

router = APIRouter(tags=["reports"])


@router.get(
    "/reports/{name}",
    response_model=m.ReportTable,
    responses=problems(401, 403, 422),
    dependencies=[Depends(require_admin)],
)
def report(
    name: m.ReportName,
    ctx: ContextDep,
    first: Annotated[date, Query(alias="from")],
    last: Annotated[date, Query(alias="to")],
    by: m.Dimension = m.Dimension.ALL,
    site: Annotated[list[Code] | None, Query(max_length=100)] = None,
) -> m.ReportTable:
    """One report over whole days ``from`` to ``to`` (hall time), a row per value of ``by``;
    ``site`` (repeatable): only what came from those sites."""
    return reports.run(ctx, name, first, last, by, frozenset(site) if site else None)
