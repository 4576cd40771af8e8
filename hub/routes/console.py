"""The web console's pages (``hub.console``): sign-in, the reports, their downloads.

Outside the versioned API and its OpenAPI document: these are pages for people, answered in
HTML (a wrong date is said on the page, not in problem+json). The session travels in an
HttpOnly, SameSite=Strict cookie, so no other site can make a manager's browser ask for
anything; the only state-changing requests are signing in and out.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Cookie, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contract import models as m
from hub import complaints, fleet, follow_ups, managers, reports
from hub.auth import ContextDep
from hub.console import labels, pages
from hub.console.fleet_page import fleet_page
from hub.console.follow_up_page import follow_up_page
from hub.context import HubContext
from hub.managers import Manager, SignInGuard
from hub.problems import HubProblem
from hub.reports import bulletin
from hub.reports.export import to_csv, write_xlsx

router = APIRouter(prefix="/console", include_in_schema=False)
COOKIE = "yimen_console"
CookieDep = Annotated[str, Cookie(alias=COOKIE)]


async def _form(request: Request) -> dict[str, str]:
    """A small url-encoded form (the console's are a few fields); the first of each name.
    Read here, so that the handlers themselves are plain functions run off the event loop
    (they query the database and check passwords)."""
    body = (await request.body())[:8192].decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body).items()}


FormDep = Annotated[dict[str, str], Depends(_form)]
HOME = "/console/reports/queue"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _guard(request: Request) -> SignInGuard:
    state = request.app.state
    if getattr(state, "console_guard", None) is None:
        state.console_guard = SignInGuard()
    guard: SignInGuard = state.console_guard
    return guard


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers={"Cache-Control": "no-store"})


def _to_sign_in() -> RedirectResponse:
    return RedirectResponse("/console/sign-in", status_code=303)


@router.get("")
@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get("/sign-in")
def sign_in_form() -> HTMLResponse:
    return _html(pages.sign_in_page())


@router.post("/sign-in")
def sign_in(request: Request, ctx: ContextDep, form: FormDep) -> Response:
    login, password = form.get("login", "")[:64], form.get("password", "")[:200]
    address = request.client.host if request.client else ""
    guard = _guard(request)
    wait = guard.wait(address, ctx.now())
    if wait is not None:
        minutes = int(wait.total_seconds() // 60) + 1
        text = f"密码错误次数过多，请 {minutes} 分钟后再试。"
        return _html(pages.sign_in_page(text, login), 429)
    token = managers.sign_in(ctx, login, password)
    if token is None:
        guard.failed(address, ctx.now())
        return _html(pages.sign_in_page("账号或密码不正确。", login), 401)
    guard.succeeded(address)
    response = RedirectResponse(HOME, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=managers.SESSION_HOURS * 3600,
        path="/console",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/sign-out")
def sign_out(ctx: ContextDep, token: CookieDep = "") -> RedirectResponse:
    if token:
        managers.sign_out(ctx, token)
    response = _to_sign_in()
    response.delete_cookie(COOKIE, path="/console")
    return response


@router.get("/reports/{name}")
def report(name: str, request: Request, ctx: ContextDep, token: CookieDep = "") -> Response:
    """A report page, or its table as ``.xlsx`` or ``.csv`` (the name's suffix)."""
    manager = managers.signed_in(ctx, token)
    if manager is None:
        return _to_sign_in()
    stem, _, suffix = name.partition(".")
    try:
        report_name = m.ReportName(stem)
    except ValueError:
        return _html(pages.page("没有这个报表", '<p class="problem">没有这个报表。</p>'), 404)
    view, status = _view(ctx, manager, report_name, request)
    if suffix in ("xlsx", "csv") and view.table is not None:
        return _download(view.table, suffix)
    if suffix == "pdf" and report_name is m.ReportName.PERFORMANCE and view.table is not None:
        return _bulletin(ctx, view)
    if suffix:
        return _html(pages.report_page(view), 404 if status == 200 else status)
    return _html(pages.report_page(view), status)


@router.get("/follow-ups")
def follow_up_list(request: Request, ctx: ContextDep, token: CookieDep = "") -> Response:
    """The bad ratings of the manager's sites under way (``all=1``: every one)."""
    manager = managers.signed_in(ctx, token)
    if manager is None:
        return _to_sign_in()
    everything = request.query_params.get("all") == "1"
    notice = ""
    if decided := request.query_params.get("decided", "")[:12]:
        notice = f"第 {decided} 号差评的申诉已决定。"
    return _follow_ups(ctx, manager, everything=everything, notice=notice)


@router.get("/fleet")
def fleet_list(ctx: ContextDep, token: CookieDep = "") -> Response:
    """The terminals of the manager's sites, the troubled first."""
    manager = managers.signed_in(ctx, token)
    if manager is None:
        return _to_sign_in()
    return _html(fleet_page(manager, fleet.fleet(ctx, manager.sites), ctx.tz))


@router.post("/fleet/{terminal_id}")
def ask_terminal(
    terminal_id: str, ctx: ContextDep, form: FormDep, token: CookieDep = ""
) -> Response:
    """Ask a terminal of the manager's sites to reload its catalog or restart when idle."""
    manager = managers.signed_in(ctx, token)
    if manager is None:
        return _to_sign_in()
    views = {v.status.terminal_id: v for v in fleet.fleet(ctx, manager.sites)}
    try:
        command = m.TerminalCommand(form.get("command", ""))
    except ValueError:
        command = None
    if terminal_id not in views or command is None:
        text = "没有这台终端，或它不在您负责的站点。"
        return _html(fleet_page(manager, list(views.values()), ctx.tz, text), 404)
    fleet.ask(ctx, terminal_id, command)
    return RedirectResponse("/console/fleet", status_code=303)


@router.post("/follow-ups/{evaluation_id}")
def decide_appeal(
    evaluation_id: int, ctx: ContextDep, form: FormDep, token: CookieDep = ""
) -> Response:
    """A manager upholds (the rating is voided) or dismisses a staff member's appeal."""
    manager = managers.signed_in(ctx, token)
    if manager is None:
        return _to_sign_in()
    site = follow_ups.site_of(ctx, evaluation_id) if 0 < evaluation_id < 2**31 else None
    if site is None or not manager.sees(site):
        text = f"没有第 {evaluation_id} 号差评，或它不在您负责的站点。"
        return _follow_ups(ctx, manager, problem=text, status=404)
    try:
        decision = m.AppealDecision(
            upheld=form.get("upheld") == "yes",
            decided_by=f"{manager.name}（{manager.login}）"[:50],
            note=form.get("note", ""),
        )
    except ValueError:
        return _follow_ups(ctx, manager, problem="请写明决定理由（至少5个字）。", status=422)
    try:
        follow_ups.decide(ctx, evaluation_id, decision)
    except HubProblem as problem:
        return _follow_ups(ctx, manager, problem=problem.detail, status=problem.status)
    return RedirectResponse(f"/console/follow-ups?decided={evaluation_id}", status_code=303)


def _follow_ups(
    ctx: HubContext,
    manager: Manager,
    *,
    everything: bool = False,
    problem: str = "",
    notice: str = "",
    status: int = 200,
) -> HTMLResponse:
    ratings = follow_ups.bad_ratings(ctx, open_only=not everything, sites=manager.sites)
    about_staff = complaints.about_staff(ctx, open_only=not everything, sites=manager.sites)
    text = follow_up_page(
        manager,
        ratings,
        ctx.tz,
        everything=everything,
        problem=problem,
        notice=notice,
        complaints=about_staff,
    )
    return _html(text, status)


def _view(
    ctx: HubContext, manager: Manager, name: m.ReportName, request: Request
) -> tuple[pages.ReportView, int]:
    """The page's choices from its query, then the report itself: (the view, HTTP status)."""
    query = request.query_params
    today = ctx.today()
    view = pages.ReportView(
        manager=manager,
        name=name,
        first=today.replace(day=1),
        last=today,
        by=m.Dimension.SITE,
        site=query.get("site", "")[:64],
        chart=query.get("chart", "")[:64],
        today=today,
    )
    if name is m.ReportName.PERFORMANCE:
        last = today.replace(day=1).fromordinal(today.replace(day=1).toordinal() - 1)
        view = replace(view, first=last.replace(day=1), last=last)
    try:
        view = replace(
            view,
            first=date.fromisoformat(query.get("from") or view.first.isoformat()),
            last=date.fromisoformat(query.get("to") or view.last.isoformat()),
        )
    except ValueError:
        return replace(view, problem="日期应写作 年-月-日，例如 2026-11-01。"), 422
    try:
        view = replace(view, by=m.Dimension(query.get("by") or view.by.value))
    except ValueError:
        return replace(view, problem="没有这种统计维度。"), 422
    if view.site and not manager.sees(view.site):
        return replace(view, problem=f"您无权查看站点 {view.site} 的数据。"), 403
    sites = frozenset([view.site]) if view.site else manager.sites
    try:
        table = reports.run(ctx, name, view.first, view.last, view.by, sites)
    except HubProblem as problem:
        return replace(view, problem=problem.detail), problem.status
    keys = labels.key_labels(ctx, view.by, (row[0] for row in table.rows))
    return replace(view, table=table, labels=keys), 200


def _bulletin(ctx: HubContext, view: pages.ReportView) -> Response:
    """The month's 通报 for the manager's sites (ranked among all), or why it cannot be made."""
    sites = frozenset([view.site]) if view.site else view.manager.sites
    try:
        content = bulletin.bulletin_pdf(ctx, view.first, sites)
    except HubProblem as problem:  # no Chinese font on this hub: the page says what to install
        return _html(pages.report_page(replace(view, problem=problem.detail)), problem.status)
    name = bulletin.file_name(view.first)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type="application/pdf", headers=headers)


def _download(table: m.ReportTable, suffix: str) -> Response:
    filename = f"{table.name.value}-{table.by.value}-{table.date_from}-{table.date_to}.{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if suffix == "csv":  # with a BOM: Excel and WPS then read the Chinese headings as UTF-8
        return Response(
            "\ufeff" + to_csv(table), media_type="text/csv; charset=utf-8", headers=headers
        )
    out = io.BytesIO()
    write_xlsx(table, out)
    return Response(out.getvalue(), media_type=XLSX, headers=headers)
