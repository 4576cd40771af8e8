"""The clerk's calling desk (窗口叫号): the hub work of one window (blocking: the UI runs it off
the GUI thread).

Every click (call next, recall, call a chosen number, start, finish, no-show, park, transfer)
gets one Idempotency-Key when it is made. The transport retries it once with that key; when the
hub still does not answer, the click stays *uncertain* (``pending``): the desk refuses new clicks
and the clerk (or the desk's timer) sends the same click again, with the same key, until the hub
answers. So a lost answer never calls a second citizen or skips one, and a double click is one
click.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from contract import models as m
from kiosk.api.client import HubClient, new_idempotency_key
from kiosk.api.errors import HubFailure, HubUnreachable
from kiosk.errors import KioskError

logger = logging.getLogger(__name__)

A = m.TicketAction


class Uncertain(KioskError):
    """The hub did not answer a click; it is kept and will be sent again with its key."""

    def __init__(self, click: Click) -> None:
        super().__init__(f"「{click.label}」结果未确认，正在重试。")
        self.click = click


class ClickPending(KioskError):
    """A new click while an earlier one is still uncertain."""

    def __init__(self, click: Click) -> None:
        super().__init__(f"上一次操作「{click.label}」结果未确认，请先重试。")
        self.click = click


@dataclass(slots=True)
class Click:
    label: str  # what the clerk did, in words (for the uncertain banner)
    send: Callable[[str], Any]  # sends the click with the given Idempotency-Key
    key: str = field(default_factory=new_idempotency_key)


class CounterDesk:
    """One window's desk. Thread-safe: the UI may run a refresh beside a click."""

    def __init__(self, client: HubClient, counter_code: str) -> None:
        self.client = client
        self.counter_code = counter_code
        self._lock = threading.Lock()
        self._pending: Click | None = None

    @property
    def pending(self) -> Click | None:
        with self._lock:
            return self._pending

    # -- the window (not clicks: reading or setting state is safe to repeat)

    def session(self) -> m.CounterSession:
        return self.client.counter_session(self.counter_code)

    def sign_in(self, request: m.ClerkSignIn) -> m.CounterSession:
        return self.client.sign_in_clerk(self.counter_code, request)

    def sign_out(self) -> m.CounterSession:
        return self.client.sign_out_clerk(self.counter_code)

    def lists(self) -> m.CounterQueues:
        return self.client.window_queues(self.counter_code)

    def set_state(self, change: m.WindowStateChange) -> m.CounterSession:
        return self.client.set_window_state(self.counter_code, change)

    def choose_queues(self, codes: list[str]) -> m.CounterSession:
        return self.client.choose_queues(self.counter_code, m.QueueChoice(category_codes=codes))

    def citizen(self, ticket_id: str, card: m.CardAtWindow | None = None) -> m.CitizenAtWindow:
        """Who the ticket is for (masked), or who the card read here is (in full)."""
        return self.client.citizen_at_window(self.counter_code, ticket_id, card)

    # -- the rating pad on this PC's second screen (kiosk.counter.pad has the same three)

    def rate(self, request: m.EvaluationCreate) -> m.EvaluationRecorded:
        return self.client.evaluate(request)

    def not_rated(self, ticket_id: str) -> None:
        self.client.record_not_rated(self.counter_code, ticket_id)

    def photo(self, staff_no: str) -> bytes:
        return self.client.clerk_photo(staff_no)

    def categories(self) -> list[m.TicketCategory]:
        return self.client.list_ticket_categories()

    def counters(self) -> list[m.CounterInfo]:
        return self.client.list_counters()

    # -- the acceptance workbench (受理): reading and reviewing are safe to repeat

    def open_case(self, case_number: str, card: m.CardAtWindow | None = None) -> m.CaseAtWindow:
        """The case, held for this window's clerk while it waits for a decision."""
        return self.client.open_case(self.counter_code, case_number, card)

    def review(self, case_id: str, reviews: list[m.MaterialReview]) -> m.CaseAtWindow:
        return self.client.review_materials(self.counter_code, case_id, reviews)

    def material(self, case_id: str, code: str) -> bytes:
        return self.client.case_material(self.counter_code, case_id, code)

    def item(self, code: str) -> m.CatalogItem:
        return self.client.get_item(code)

    def my_cases(self) -> list[m.CaseLine]:
        return self.client.my_cases(self.counter_code)

    def prereview(self) -> list[m.CaseLine]:
        return self.client.prereview_queue(self.counter_code)

    # -- 信用查询: the applicant's credit status where the item requires it (never kept here)

    def case_credit(self, case_id: str) -> m.CreditRecord:
        return self.client.case_applicant_credit(self.counter_code, case_id)

    def credit(self, subject: m.CreditSubject) -> m.CreditRecord:
        return self.client.credit_at_window(self.counter_code, subject)

    # -- 求助: the site's calls for help (reading is safe to repeat; the first answer stands)

    def help_calls(self) -> list[m.HelpCall]:
        return self.client.help_calls()

    def answer_help(self, call_id: int) -> m.HelpCall:
        return self.client.answer_help_call(call_id, self.counter_code)

    # -- clicks

    def call_next(self) -> m.CounterTicket:
        code = self.counter_code
        return self._click("叫号", lambda key: self.client.call_next(code, key=key))

    def call_number(self, number: str, reason: str = "") -> m.CounterTicket:
        code = self.counter_code
        return self._click(
            f"呼叫 {number}", lambda key: self.client.call_number(code, number, reason, key=key)
        )

    def act(self, ticket_id: str, action: m.TicketAction) -> m.CounterTicket:
        code = self.counter_code
        labels = {A.RECALL: "重呼", A.START: "开始办理", A.NO_SHOW: "过号", A.HOLD: "挂起"}
        return self._click(
            labels.get(action, action.value),
            lambda key: self.client.ticket_action(code, ticket_id, action, key=key),
        )

    def finish(self, ticket_id: str, outcome: m.ServiceOutcome, note: str = "") -> m.CounterTicket:
        code = self.counter_code
        request = m.FinishRequest(outcome=outcome, note=note)
        return self._click(
            "办结", lambda key: self.client.finish_ticket(code, ticket_id, request, key=key)
        )

    def transfer(self, ticket_id: str, request: m.TransferRequest) -> m.TicketIssued:
        code = self.counter_code
        return self._click(
            "转移", lambda key: self.client.transfer_ticket(code, ticket_id, request, key=key)
        )

    def decide(self, case_id: str, decision: m.CaseDecision) -> m.DecisionMade:
        """受理, 补正 or 不予受理: a click like the calling ones (one key, retried if uncertain)."""
        code = self.counter_code
        labels = {
            m.Decision.ACCEPT: "受理",
            m.Decision.SUPPLEMENT: "补正",
            m.Decision.REJECT: "不予受理",
        }
        return self._click(
            labels[decision.decision],
            lambda key: self.client.decide_case(code, case_id, decision, key=key),
        )

    def progress(self, case_id: str, step: m.CaseProgress) -> m.CaseAtWindow:
        code = self.counter_code
        labels = {
            m.CaseAction.PROCESS: "开始办理",
            m.CaseAction.SUSPEND: "特别程序",
            m.CaseAction.RESUME: "恢复办理",
            m.CaseAction.FINISH: "办结",
            m.CaseAction.DELIVER: "送达",
        }
        return self._click(
            labels.get(step.step.action, step.step.action.value),
            lambda key: self.client.case_progress(code, case_id, step, key=key),
        )

    def retry_pending(self) -> Any:
        """Send the uncertain click again with its key; the hub's answer (to the first try, if
        that one reached it) clears it."""
        click = self.pending
        if click is None:
            return None
        return self._send(click)

    def _click(self, label: str, send: Callable[[str], Any]) -> Any:
        with self._lock:
            if self._pending is not None:
                raise ClickPending(self._pending)
            click = Click(label, send)
            self._pending = click  # until the hub answers, yes or no
        return self._send(click)

    def _send(self, click: Click) -> Any:
        try:
            result = click.send(click.key)
        except (HubUnreachable, HubFailure) as exc:
            logger.warning("window click %s not confirmed: %s", click.label, exc)
            raise Uncertain(click) from exc
        except Exception:
            self._settle(click)  # a refusal is an answer: nothing was done
            raise
        self._settle(click)
        return result

    def _settle(self, click: Click) -> None:
        with self._lock:
            if self._pending is click:
                self._pending = None
