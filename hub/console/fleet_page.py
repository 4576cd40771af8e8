"""The console's fleet page: every terminal of the manager's sites, the troubled first, each with
what is wrong in one sentence (hub.fleet): silent, a device needing a hand, an outbox backing
up, a version other than the hall's."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from contract import models as m
from hub.console.pages import page, tabs
from hub.fleet import TerminalView
from hub.managers import Manager

MODE_TITLES = {
    "hall": "大厅自助机",
    "community": "社区终端",
    "counter": "窗口",
    "rating-pad": "评价器",
    "display": "叫号屏",
}
COMMAND_TITLES = {m.TerminalCommand.RELOAD: "重新载入事项", m.TerminalCommand.RESTART: "重启程序"}
KIND_TITLES = {
    "never": "从未连接",
    "silent": "失联",
    "device": "设备故障",
    "backlog": "办件积压",
    "version": "版本不一致",
    "error": "报错",
}


def fleet_page(manager: Manager, views: list[TerminalView], tz: tzinfo, problem: str = "") -> str:
    counts = {kind: 0 for kind in KIND_TITLES}
    for view in views:
        for kind in {f.kind for f in view.findings}:
            counts[kind] += 1
    summary = "，".join(f"{title} {counts[kind]}" for kind, title in KIND_TITLES.items())
    alert = f'<p class="problem" id="problem">{escape(problem)}</p>' if problem else ""
    listed = _table(views, tz) if views else '<p class="note" id="empty">还没有登记的终端。</p>'
    body = (
        f"{tabs('fleet')}<section>{alert}"
        f'<p id="summary">共 {len(views)} 台终端；{summary}。</p>{listed}</section>'
    )
    return page("终端", f"<main>{body}</main>", manager)


def _table(views: list[TerminalView], tz: tzinfo) -> str:
    heads = ("站点", "终端", "类型", "版本", "最后消息", "待上传", "情况")
    rows = "".join(_row(view, tz) for view in views)
    return (
        '<div class="scroll"><table id="fleet"><thead><tr>'
        f"{''.join(f'<th>{h}</th>' for h in heads)}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _row(view: TerminalView, tz: tzinfo) -> str:
    s = view.status
    state = "<br>".join(
        f'<span class="late" data-kind="{f.kind}">{escape(f.text)}</span>' for f in view.findings
    )
    if s.command is not None:
        asked = COMMAND_TITLES[s.command.command]
        note = f"已要求{asked}，待终端空闲时执行。"
        state += f'{"<br>" if state else ""}<span class="asked">{note}</span>'
    state += _ask_form(s.terminal_id)
    cells = (
        escape(s.site_code),
        escape(s.terminal_id),
        MODE_TITLES.get(s.mode.value, s.mode.value),
        escape(s.software_version or "—"),
        _when(s.last_seen_at, tz),
        "—" if s.outbox_depth is None else str(s.outbox_depth),
        state if view.findings else "正常" + state,
    )
    mark = "" if view.healthy else ' class="troubled"'
    return (
        f'<tr id="terminal-{escape(s.terminal_id)}"{mark}>'
        + "".join(f"<td>{c}</td>" for c in cells)
        + "</tr>"
    )


def _ask_form(terminal_id: str) -> str:
    buttons = "".join(
        f'<button name="command" value="{c.value}" class="plain">{title}</button>'
        for c, title in COMMAND_TITLES.items()
    )
    action = f"/console/fleet/{escape(terminal_id)}"
    return f'<form class="decision" method="post" action="{action}">{buttons}</form>'


def _when(at: datetime | None, tz: tzinfo) -> str:
    return "—" if at is None else f"{at.astimezone(tz):%m-%d %H:%M}"
