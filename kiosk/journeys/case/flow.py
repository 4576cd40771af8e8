"""办件: submit a case for a self-service item.

Theory of operation: the citizen finds an item (FINDING) and reads its guide (GUIDE); items that
cannot be done here stop there. They prove who they are (IDENTIFYING: card, identity QR, or
typed where the item allows), fill the form (FORM), capture or defer materials (MATERIALS),
choose how to get the result (DELIVERY) and check everything on one page (REVIEW). 提交 stores
the case in the outbox (STORING, off the GUI thread); only when that commit is done does the
flow reach RECEIPT, where the number (the hub's, or the outbox's provisional one) is printed and
shown. A failure to store (disk full...) is FAILED, with nothing claimed. Each page can go back
one step; the answers stay in the draft until the session ends.
"""

from __future__ import annotations

import enum

from kiosk.journeys.machine import StateMachine


class CaseState(enum.Enum):
    FINDING = "finding"
    GUIDE = "guide"
    IDENTIFYING = "identifying"
    FORM = "form"
    MATERIALS = "materials"
    DELIVERY = "delivery"
    REVIEW = "review"
    STORING = "storing"
    RECEIPT = "receipt"
    FAILED = "failed"
    DONE = "done"


class CaseEvent(enum.Enum):
    CHOSEN = "chosen"
    APPLY = "apply"
    IDENTIFIED = "identified"
    NEXT = "next"
    SUBMIT = "submit"
    STORED = "stored"
    STORE_FAILED = "store_failed"
    BACK = "back"
    DISMISS = "dismiss"


S, E = CaseState, CaseEvent
TRANSITIONS: dict[tuple[CaseState, CaseEvent], CaseState] = {
    (S.FINDING, E.CHOSEN): S.GUIDE,
    (S.FINDING, E.BACK): S.DONE,
    (S.GUIDE, E.APPLY): S.IDENTIFYING,
    (S.GUIDE, E.BACK): S.FINDING,
    (S.IDENTIFYING, E.IDENTIFIED): S.FORM,
    (S.IDENTIFYING, E.BACK): S.GUIDE,
    (S.FORM, E.NEXT): S.MATERIALS,
    (S.FORM, E.BACK): S.IDENTIFYING,
    (S.MATERIALS, E.NEXT): S.DELIVERY,
    (S.MATERIALS, E.BACK): S.FORM,
    (S.DELIVERY, E.NEXT): S.REVIEW,
    (S.DELIVERY, E.BACK): S.MATERIALS,
    (S.REVIEW, E.SUBMIT): S.STORING,
    (S.REVIEW, E.BACK): S.DELIVERY,
    (S.STORING, E.STORED): S.RECEIPT,
    (S.STORING, E.STORE_FAILED): S.FAILED,
    (S.FAILED, E.SUBMIT): S.STORING,
    (S.FAILED, E.DISMISS): S.DONE,
    (S.RECEIPT, E.DISMISS): S.DONE,
}


class CaseFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[CaseState, CaseEvent] = StateMachine(
            CaseState.FINDING, TRANSITIONS
        )

    @property
    def state(self) -> CaseState:
        return self.machine.state

    def fire(self, event: CaseEvent) -> CaseState:
        return self.machine.fire(event)

    def accepts(self, event: CaseEvent) -> bool:
        return self.machine.accepts(event)
