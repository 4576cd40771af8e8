"""Reports for the district office and hall managers (admin token until the console's
sign-in exists)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from contract import models as m
from contract.models.common import Code
from hub import reports
from hub.auth import ContextDep, require_admin
from hub.problems import HubProblem
from hub.reports import bulletin
from hub.routes import problems

router = APIRouter(tags=["reports"])

PDF = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
PROBLEMS = problems(401, 403, 422, 503)
Sites = Annotated[list[Code] | None, Query(max_length=100)]


# Before /reports/{name}: a path of its own, whatever the order (three segments, not two).
@router.get(
    "/reports/performance/bulletin",
    response_class=Response,
    responses={200: {"description": "The bulletin (A4 PDF)", "content": PDF}, **PROBLEMS},
    dependencies=[Depends(require_admin)],
)
def performance_bulletin(
    ctx: ContextDep,
    month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$", examples=["2026-11"])],
    site: Sites = None,
) -> Response:
    """The month's 绩效考评 as a printable bulletin (通报): how the score is made, then each
    site's rank, score, change from last month and indicators; ``site`` (repeatable): only
    those sites' lines, ranked among the whole district. 503: the hub has no Chinese font."""
    try:
        first = bulletin.parse_month(month)
    except ValueError as exc:
        raise HubProblem(
            422, m.ProblemCode.VALIDATION_FAILED, f"{exc}", "月份格式有误，应为“2026-11”。"
        ) from exc
    content = bulletin.bulletin_pdf(ctx, first, frozenset(site) if site else None)
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{bulletin.file_name(first)}"',
            "Cache-Control": "no-store",
        },
    )


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
    site: Sites = None,
) -> m.ReportTable:
    """One report over whole days ``from`` to ``to`` (hall time), a row per value of ``by``;
    ``site`` (repeatable): only what came from those sites."""
    return reports.run(ctx, name, first, last, by, frozenset(site) if site else None)
