"""Catalog of items, with an ETag so terminals refresh only when it changed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response

from contract import models as m
from hub import catalog
from hub.auth import ContextDep, TerminalDep, require_admin
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(tags=["catalog"])


@router.get("/catalog", response_model=m.Catalog, responses=problems(401, 422))
def get_catalog(
    ctx: ContextDep,
    _terminal: TerminalDep,
    response: Response,
    site: Annotated[str | None, Query(pattern=m.CODE_PATTERN)] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> m.Catalog | Response:
    def etag(version: str) -> str:
        return f'"{version}-{site or "all"}"'

    # Compared before the items are read: an unchanged catalog costs one small query.
    if if_none_match is not None and if_none_match == etag(catalog.current_version(ctx)):
        return Response(status_code=304, headers={"ETag": if_none_match})
    result = catalog.load_catalog(ctx, site)
    response.headers["ETag"] = etag(result.version)
    return result


@router.get("/catalog/items/{code}", response_model=m.CatalogItem, responses=problems(401, 404))
def get_item(code: str, ctx: ContextDep, _terminal: TerminalDep) -> m.CatalogItem:
    item = catalog.get_item(ctx, code)
    if item is None:
        raise HubProblem(404, m.ProblemCode.UNKNOWN_ITEM, "Unknown item", "没有找到该办理事项。")
    return item


@router.put(
    "/catalog/items",
    response_model=m.CatalogImportReport,
    responses=problems(401, 403, 422),
    dependencies=[Depends(require_admin)],
)
def put_items(items: list[m.CatalogItem], ctx: ContextDep) -> m.CatalogImportReport:
    version = catalog.store_items(ctx, items, replace=False)
    return m.CatalogImportReport(imported=len(items), version=version)
