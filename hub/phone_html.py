"""The words and HTML of the citizen's phone pages, in Chinese and English.

Plain HTML first: every page is whole without JavaScript (a live ticket page then refreshes
itself every 30 s); the small script only swaps in what the hub sends over the stream and rings
the phone when the ticket is called. The same renderer makes the page and the live updates, so
the two never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from html import escape
from typing import Literal

from contract import models as m

Lang = Literal["zh", "en"]
S = m.TicketState

TEXT: dict[Lang, dict[str, str]] = {
    "zh": {
        "ticket": "排队号",
        "your_number": "您的号码",
        "not_found": "未找到该排队号，请核对小票上的二维码。",
        S.ISSUED: "等候中",
        S.CALLED: "请到 {window} 办理",
        S.SERVING: "正在 {window} 办理",
        S.HELD: "暂停办理，请留意叫号",
        S.DONE: "已办结，感谢您的耐心",
        S.NO_SHOW: "已过号",
        S.CANCELLED: "已取消",
        S.TRANSFERRED: "已转至其他业务",
        "ahead": "前面还有 {n} 人",
        "next": "下一位就是您，请留意叫号",
        "wait": "预计等候约 {n} 分钟",
        "called_help": "请携带身份证件和材料前往窗口。",
        "recalled": "第 {n} 次呼叫",
        "no_show_help": "叫号时您未到窗口。如仍需办理，请到咨询台（导办台）说明情况，或重新取号。",
        "moved": "新号码 {number}（{queue}）",
        "alerts": "开启声音和振动提醒",
        "alerts_on": "提醒已开启",
        "live": "实时更新中",
        "offline": "连接中断，正在重新连接……",
        "refresh": "本页每 30 秒自动刷新",
        "other_lang": "English",
        "case": "办件进度",
        "case_missing": "没有找到这份回执对应的办件，请核对回执或到窗口咨询。",
        "case_number": "办件编号",
        "item": "事项名称",
        "applicant": "申请人",
        "submitted": "申请时间",
        "due": "承诺办结",
        "history": "办理过程",
        "case_help": "如有疑问，请凭回执到窗口咨询，或拨打 12345。",
    },
    "en": {
        "ticket": "Queue ticket",
        "your_number": "Your number",
        "not_found": "Ticket not found. Please check the QR code on your ticket.",
        S.ISSUED: "Waiting",
        S.CALLED: "Please go to {window}",
        S.SERVING: "Being served at {window}",
        S.HELD: "On hold: please watch for your number",
        S.DONE: "Done. Thank you for waiting",
        S.NO_SHOW: "Missed",
        S.CANCELLED: "Cancelled",
        S.TRANSFERRED: "Moved to another service",
        "ahead": "{n} people ahead of you",
        "next": "You are next: please watch for your number",
        "wait": "Estimated wait about {n} min",
        "called_help": "Please bring your ID card and documents to the window.",
        "recalled": "Call {n}",
        "no_show_help": "You were called but did not come to the window. To still be served, "
        "ask at the information desk or take a new ticket.",
        "moved": "New number {number} ({queue})",
        "alerts": "Turn on sound and vibration",
        "alerts_on": "Alerts are on",
        "live": "Live",
        "offline": "Connection lost, reconnecting…",
        "refresh": "This page refreshes every 30 seconds",
        "other_lang": "中文",
        "case": "Case progress",
        "case_missing": "No case matches this receipt. Please check it or ask at a window.",
        "case_number": "Case number",
        "item": "Service",
        "applicant": "Applicant",
        "submitted": "Applied",
        "due": "Promised by",
        "history": "Progress",
        "case_help": "Questions? Bring your receipt to a window, or call 12345.",
    },
}

CASE_STATES: dict[Lang, dict[m.CaseState, str]] = {
    "zh": {
        m.CaseState.SUBMITTED: "已申请",
        m.CaseState.ACCEPTED: "已受理",
        m.CaseState.REJECTED: "不予受理",
        m.CaseState.SUPPLEMENT_REQUESTED: "需补正材料",
        m.CaseState.PROCESSING: "办理中",
        m.CaseState.SUSPENDED: "特别程序（暂停计时）",
        m.CaseState.DONE: "已办结",
        m.CaseState.DELIVERED: "已送达",
    },
    "en": {
        m.CaseState.SUBMITTED: "Submitted",
        m.CaseState.ACCEPTED: "Accepted",
        m.CaseState.REJECTED: "Not accepted",
        m.CaseState.SUPPLEMENT_REQUESTED: "Documents to supplement",
        m.CaseState.PROCESSING: "In progress",
        m.CaseState.SUSPENDED: "Special procedure (clock paused)",
        m.CaseState.DONE: "Completed",
        m.CaseState.DELIVERED: "Delivered",
    },
}


def language(asked: str | None, accept_language: str | None) -> Lang:
    """``?lang=`` when given, else the phone's first language: English only when it asks."""
    if asked in ("zh", "en"):
        return asked  # type: ignore[return-value]
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


@dataclass(frozen=True, slots=True)
class TicketPage:
    """What a ticket's page shows: numbers and names only, never who holds the ticket."""

    ticket_id: str
    number: str
    category_code: str
    queue: str
    queue_en: str
    state: m.TicketState
    ahead: int
    wait_minutes: int | None
    window: str  # the window's name, e.g. 3号窗口（企业开办）
    window_code: str  # W03
    calls: int  # how often the ticket has been called
    moved_to: tuple[str, str, str] | None = None  # a transfer: (number, queue, ticket id)
    service_date: date | None = None  # the day the ticket queues on

    @property
    def live(self) -> bool:
        """Whether anything can still change (a page of a finished ticket stops following)."""
        return self.state in (S.ISSUED, S.CALLED, S.SERVING, S.HELD)


def window_words(page: TicketPage, lang: Lang) -> str:
    if lang == "zh":
        return page.window or page.window_code
    digits = "".join(c for c in page.window_code if c.isdigit())
    return f"window {int(digits)}" if digits else page.window_code


def state_words(page: TicketPage, lang: Lang) -> str:
    return TEXT[lang][page.state].format(window=window_words(page, lang))


def ticket_title(page: TicketPage, lang: Lang) -> str:
    return f"{page.number} {state_words(page, lang)}"


def ticket_main(page: TicketPage, lang: Lang) -> str:
    """The body of a ticket's page; also what each live update replaces it with."""
    t = TEXT[lang]
    queue = page.queue_en if lang == "en" and page.queue_en else page.queue
    lines = [
        f'<p class="label">{t["your_number"]}</p>',
        f'<h1 id="number">{escape(page.number)}</h1>',
        f'<p class="queue">{escape(queue)}</p>',
        f'<p id="state" class="state {page.state.value}">{escape(state_words(page, lang))}</p>',
    ]
    if page.state is S.ISSUED:
        ahead = t["ahead"].format(n=page.ahead) if page.ahead else t["next"]
        if lang == "en" and page.ahead == 1:
            ahead = "1 person ahead of you"
        lines.append(f'<p id="ahead">{ahead}</p>')
        if page.wait_minutes is not None and page.ahead:
            lines.append(f'<p id="wait">{t["wait"].format(n=page.wait_minutes)}</p>')
    elif page.state is S.CALLED:
        if page.calls > 1:
            lines.append(f'<p id="calls">{t["recalled"].format(n=page.calls)}</p>')
        lines.append(f'<p class="help">{t["called_help"]}</p>')
    elif page.state is S.NO_SHOW:
        lines.append(f'<p class="help">{t["no_show_help"]}</p>')
    elif page.state is S.TRANSFERRED and page.moved_to:
        number, to_queue, ticket_id = page.moved_to
        moved = escape(t["moved"].format(number=number, queue=to_queue))
        lines.append(f'<p><a href="/q/{escape(ticket_id)}?lang={lang}">{moved}</a></p>')
    return "".join(lines)


def ticket_update(page: TicketPage, lang: Lang) -> str:
    """A live update as a server-sent event: the new body, title and what the script rings on."""
    data = {
        "state": page.state.value,
        "calls": page.calls,
        "live": page.live,
        "title": ticket_title(page, lang),
        "html": ticket_main(page, lang),
    }
    return f"event: ticket\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


_STYLE = (
    "body{font-family:'Noto Sans CJK SC',sans-serif;font-size:20px;line-height:1.5;margin:0;"
    "color:#111;background:#f4f6f8;padding:0 .5em}header,main,footer{max-width:32em;margin:0 auto;"
    "padding:0 1em}h2{font-size:22px;margin:1em 0 .3em}"
    "header{display:flex;justify-content:space-between;align-items:center;padding-top:.8em}"
    "main{background:#fff;border-radius:12px;padding:1em;margin-top:.6em}"
    "h1{font-size:64px;margin:0;letter-spacing:2px}p{margin:.4em 0}.label{color:#555;margin:0}"
    ".state{font-size:28px;font-weight:bold}.called,.serving{color:#b00000}.no_show{color:#8a5a00}"
    ".help{color:#333}button{font-size:20px;padding:.6em 1em;margin:.8em 0;width:100%}"
    "footer{color:#666;font-size:16px;padding-bottom:1em}.flash{animation:f 1s 5}"
    "@keyframes f{50%{background:#ffe08a}}table{border-collapse:collapse;width:100%}"
    "td,th{text-align:left;padding:.2em .4em .2em 0;vertical-align:top}th{color:#555;"
    "font-weight:normal;white-space:nowrap}"
)

# Swaps in each update, rings once per call (a tone needs the citizen's tap first: browsers
# keep sound off until then), and says when the stream is down so a frozen page is not trusted.
_SCRIPT = """
(function () {
  var main = document.getElementById("t"), status = document.getElementById("status");
  var button = document.getElementById("alerts");
  if (!window.EventSource || !main) return;
  var calls = +main.dataset.calls, state = main.dataset.state, audio = null;
  button.hidden = false;
  button.onclick = function () {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (Ctx && !audio) audio = new Ctx();
    if (audio) audio.resume();
    if (navigator.vibrate) navigator.vibrate(50);
    button.textContent = button.dataset.on; button.disabled = true;
  };
  function ring() {
    document.body.dataset.rang = (+(document.body.dataset.rang || 0) + 1);
    main.classList.remove("flash"); void main.offsetWidth; main.classList.add("flash");
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
    if (!audio) return;
    [0, 0.5, 1].forEach(function (at) {
      var tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = 880; gain.gain.value = 0.3;
      tone.connect(gain); gain.connect(audio.destination);
      tone.start(audio.currentTime + at); tone.stop(audio.currentTime + at + 0.3);
    });
  }
  var source = new EventSource(main.dataset.live);
  source.onopen = function () { status.textContent = status.dataset.live; };
  source.onerror = function () { status.textContent = status.dataset.offline; };
  source.addEventListener("ticket", function (e) {
    var d = JSON.parse(e.data);
    main.innerHTML = d.html; document.title = d.title;
    main.className = d.state;
    if (d.state === "called" && (state !== "called" || d.calls > calls)) ring();
    state = d.state; calls = d.calls;
    main.dataset.state = state; main.dataset.calls = calls;
    status.textContent = status.dataset.live;
    if (!d.live) { source.close(); status.textContent = ""; button.hidden = true; }
  });
})();
"""


def document(title: str, main: str, lang: Lang, *, head: str = "", tail: str = "") -> str:
    t = TEXT[lang]
    other = "en" if lang == "zh" else "zh"  # the same page in the other language
    return (
        f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{head}<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<header><span></span><a href="?lang={other}">{t["other_lang"]}</a></header>'
        f"{main}{tail}</body></html>"
    )


def ticket_document(page: TicketPage, lang: Lang) -> str:
    t = TEXT[lang]
    body = (
        f'<main id="t" class="{page.state.value}" data-state="{page.state.value}" '
        f'data-calls="{page.calls}" data-live="/q/{escape(page.ticket_id)}/live?lang={lang}">'
        f"{ticket_main(page, lang)}</main>"
    )
    head = tail = ""
    if page.live:
        # Without JavaScript the page refreshes itself; with it, the stream keeps it current.
        head = '<noscript><meta http-equiv="refresh" content="30"></noscript>'
        tail = (
            '<footer><button id="alerts" type="button" hidden '
            f'data-on="{t["alerts_on"]}">{t["alerts"]}</button>'
            f'<p id="status" data-live="{t["live"]}" data-offline="{t["offline"]}">'
            f"{t['refresh']}</p></footer><script>{_SCRIPT}</script>"
        )
    return document(
        ticket_title(page, lang),
        body,
        lang,
        head=head,
        tail=tail,
    )


def missing_document(key: str, lang: Lang) -> str:
    text = TEXT[lang][key]
    title = TEXT[lang]["ticket" if key == "not_found" else "case"]
    return document(title, f"<main><p>{text}</p></main>", lang)


def case_document(status: m.CaseStatus, lang: Lang, tz: tzinfo) -> str:
    t = TEXT[lang]
    states = CASE_STATES[lang]

    def when(moment: datetime) -> str:
        return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"

    rows = [
        (t["case_number"], status.case_number),
        (t["item"], status.item_name),
        (t["applicant"], status.applicant_name_masked),
        (t["submitted"], when(status.submitted_at)),
    ]
    if status.due_date is not None:
        rows.append((t["due"], f"{status.due_date:%Y-%m-%d}"))
    table = "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    history = "".join(
        f"<tr><th>{when(e.at)}</th><td>{states[e.state]}</td></tr>" for e in status.events
    )
    main = (
        f'<main><p class="label">{t["case"]}</p>'
        f'<p id="state" class="state">{states[status.state]}</p><table>{table}</table>'
        f'<h2>{t["history"]}</h2><table id="history">{history}</table>'
        f'<p class="help">{t["case_help"]}</p></main>'
    )
    return document(f"{t['case']} {status.case_number}", main, lang)
