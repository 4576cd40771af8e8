"""The console's list of bad ratings (差评) and their follow-up: where each stands, its deadline,
who did what; an appeal (申诉) waits here for a manager to uphold or dismiss it.

Nothing about the citizen who rated: GB/T 39734 keeps raters confidential, and the list shows
what the hall's staff may see (hub.follow_ups). Complaints and suggestions (投诉建议) about a
window or a clerk are listed below them, with their kind: the 12345 platform answers the
citizen, the hall puts right what they name. A phone number left with consent shows masked,
and only until the platform has it.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from contract import models as m
from hub.complaints import ComplaintView
from hub.console.pages import page, tabs
from hub.managers import Manager
from hub.reports.ratings import REASON_TITLES

F, St = m.FollowUpState, m.FollowUpStep
STATE_TITLES = {
    F.OPEN: "待回访",
    F.VISITED: "已回访",
    F.RECTIFIED: "已整改",
    F.ANSWERED: "已答复",
    F.APPEALED: "申诉待定",
    F.VOIDED: "申诉成立",
}
STEP_TITLES = {
    St.VISIT: "回访",
    St.RECTIFY: "整改",
    St.ANSWER: "答复",
    St.APPEAL: "申诉",
    St.UPHOLD: "申诉成立",
    St.DISMISS: "申诉驳回",
}
LEVEL_TITLES = {m.Rating.UNSATISFIED: "不满意", m.Rating.VERY_UNSATISFIED: "非常不满意"}
KIND_TITLES = {m.ComplaintKind.COMPLAINT: "投诉", m.ComplaintKind.SUGGESTION: "建议"}
COMPLAINT_STATE_TITLES = {
    m.ComplaintState.RECEIVED: "待转交12345",
    m.ComplaintState.FORWARDED: "已转交12345",
    m.ComplaintState.REPLIED: "12345已答复",
    m.ComplaintState.CLOSED: "已办结",
}
TEXT_SHOWN = 200  # characters of a complaint's text in the list


def follow_up_page(
    manager: Manager,
    ratings: list[m.BadEvaluation],
    tz: tzinfo,
    *,
    everything: bool,
    problem: str = "",
    notice: str = "",
    complaints: list[ComplaintView] | None = None,
) -> str:
    switch = (
        '<a href="/console/follow-ups">只看办理中</a>'
        if everything
        else '<a href="/console/follow-ups?all=1">全部（含已办结）</a>'
    )
    alert = f'<p class="problem" id="problem">{escape(problem)}</p>' if problem else ""
    done = f'<p class="done" id="notice">{escape(notice)}</p>' if notice else ""
    overdue = sum(r.overdue for r in ratings)
    summary = f'<p id="summary">共 {len(ratings)} 条，其中逾期 {overdue} 条。</p>'
    about_staff = complaints or []
    listed = (
        _complaints_table(about_staff, tz)
        if about_staff
        else '<p class="note" id="no-complaints">没有关于窗口或工作人员的投诉建议。</p>'
    )
    body = (
        f'{tabs("follow-ups")}<section>{alert}{done}<div class="quick">{switch}</div>'
        f"{summary}{_table(ratings, tz) if ratings else _nothing()}</section>"
        f'<section><h2>投诉建议（窗口、工作人员）</h2><p id="complaints-summary">共'
        f" {len(about_staff)} 条。</p>{listed}</section>"
    )
    return page("差评整改", f"<main>{body}</main>", manager)


def _nothing() -> str:
    return '<p class="note" id="empty">没有需要整改的差评。</p>'


def _table(ratings: list[m.BadEvaluation], tz: tzinfo) -> str:
    heads = ("编号", "评价时间", "窗口", "部门", "评价", "原因", "状态", "期限", "经过")
    rows = "".join(_row(rating, tz) for rating in ratings)
    return (
        '<div class="scroll"><table id="follow-ups"><thead><tr>'
        f"{''.join(f'<th>{h}</th>' for h in heads)}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _row(rating: m.BadEvaluation, tz: tzinfo) -> str:
    reasons = "、".join(REASON_TITLES[r][0] for r in rating.reasons)
    if rating.comment:
        reasons += f"：{rating.comment}"
    state = STATE_TITLES[rating.state]
    if rating.overdue:
        state += '<br><strong class="late">逾期</strong>'
    steps = "<br>".join(
        f"{STEP_TITLES[s.step]} {escape(s.by)} {s.at.astimezone(tz):%m-%d %H:%M}：{escape(s.note)}"
        for s in rating.steps
    )
    if rating.state is F.APPEALED:
        steps += _decision_form(rating.evaluation_id)
    cells = (
        str(rating.evaluation_id),
        f"{rating.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
        escape(rating.counter_code or "—"),
        escape(rating.department or "—"),
        LEVEL_TITLES.get(rating.rating, str(int(rating.rating))),
        escape(reasons) or "—",
        state,
        str(rating.due_date or "—"),
        steps or "—",
    )
    return f'<tr id="rating-{rating.evaluation_id}">{"".join(f"<td>{c}</td>" for c in cells)}</tr>'


def _decision_form(evaluation_id: int) -> str:
    return (
        f'<form class="decision" method="post" action="/console/follow-ups/{evaluation_id}">'
        '<textarea name="note" required minlength="5" maxlength="1000" rows="2"'
        ' placeholder="决定理由（至少5个字）"></textarea>'
        '<button name="upheld" value="yes">申诉成立（评价作废）</button>'
        '<button name="upheld" value="no" class="plain">驳回申诉</button></form>'
    )


def _complaints_table(complaints: list[ComplaintView], tz: tzinfo) -> str:
    heads = ("编号", "提交时间", "类型", "对象", "内容", "联系电话", "状态", "期限")
    rows = "".join(_complaint_row(c, tz) for c in complaints)
    return (
        '<div class="scroll"><table id="complaints"><thead><tr>'
        f"{''.join(f'<th>{h}</th>' for h in heads)}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _complaint_row(complaint: ComplaintView, tz: tzinfo) -> str:
    status = complaint.status
    if status.about is m.ComplaintAbout.WINDOW:
        subject = f"窗口 {status.subject_name or status.subject}"
    else:
        subject = f"工作人员 工号{status.subject}"
    text = complaint.text[:TEXT_SHOWN] + ("…" if len(complaint.text) > TEXT_SHOWN else "")
    phone = complaint.phone_masked or ("已转交12345" if complaint.phone_given else "—")
    cells = (
        escape(status.reference),
        f"{status.submitted_at.astimezone(tz):%Y-%m-%d %H:%M}",
        KIND_TITLES[status.kind],
        escape(subject),
        escape(text),
        phone,
        COMPLAINT_STATE_TITLES[status.state],
        str(complaint.due_date),
    )
    row_id = f"complaint-{escape(status.reference)}"
    return f'<tr id="{row_id}">{"".join(f"<td>{c}</td>" for c in cells)}</tr>'
