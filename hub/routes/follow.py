"""The page a citizen's phone opens from the QR on a queue ticket (no app, no login).

Public on purpose: the random ticket id is the capability, and the page shows no personal data.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from contract import models as m
from hub import tickets
from hub.auth import ContextDep
from hub.db import Ticket

router = APIRouter(include_in_schema=False)

_STATE_TEXT = {
    m.TicketState.ISSUED: "等候中",
    m.TicketState.CALLED: "请到窗口办理",
    m.TicketState.SERVING: "正在办理",
    m.TicketState.HELD: "暂停，请留意叫号",
    m.TicketState.DONE: "已办结",
    m.TicketState.NO_SHOW: "已过号，请咨询工作人员",
    m.TicketState.CANCELLED: "已取消",
    m.TicketState.TRANSFERRED: "已转至其他业务",
}


def _page(title: str, body: str, refresh: bool) -> str:
    meta = '<meta http-equiv="refresh" content="30">' if refresh else ""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{meta}<title>{escape(title)}</title><style>"
        "body{font-family:sans-serif;font-size:20px;line-height:1.5;margin:2em;color:#111}"
        "h1{font-size:48px;margin:0}p{margin:.4em 0}</style></head>"
        f"<body>{body}</body></html>"
    )


@router.get("/q/{ticket_id}", response_class=HTMLResponse)
def follow_page(ticket_id: str, ctx: ContextDep) -> HTMLResponse:
    with ctx.sessions() as session:
        ticket = session.get(Ticket, ticket_id[:32])
        if ticket is None:
            page = _page("排队号", "<p>未找到该排队号。</p>", refresh=False)
            return HTMLResponse(page, status_code=404)
        category = tickets.get_category(session, ticket.category_code)
        view = tickets.view(session, ticket, category)
    state = _STATE_TEXT[view.state]
    lines = [f"<h1>{escape(view.number)}</h1>", f"<p>{escape(category.name)}</p>"]
    lines.append(f"<p><strong>{escape(state)}</strong></p>")
    if view.state is m.TicketState.ISSUED:
        lines.append(f"<p>前面还有 {view.waiting_ahead} 人</p>")
        if view.estimated_wait_minutes is not None:
            lines.append(f"<p>预计等候约 {view.estimated_wait_minutes} 分钟</p>")
    if view.counter_code and view.state in (m.TicketState.CALLED, m.TicketState.SERVING):
        lines.append(f"<p>窗口：{escape(view.counter_code)}</p>")
    live = view.state in (m.TicketState.ISSUED, m.TicketState.CALLED, m.TicketState.HELD)
    return HTMLResponse(_page(f"{view.number} {state}", "".join(lines), refresh=live))
