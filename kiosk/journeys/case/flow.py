"""办件: submit a case for a self-service item.

Theory of operation: the citizen finds an item (FINDING) and reads its guide (GUIDE); items that
cannot be done here stop there. They prove who they are (IDENTIFYING: card, identity QR, or
typed where the item allows); for an item serving companies they are its agent (经办人) and
say which company applies, or that they apply for themselves where the item serves people too
(COMPANY); they fill the form (FORM), capture or defer materials (MATERIALS), choose how to
get the result (DELIVERY) and check everything on one page (REVIEW). 提交 stores
the case in the outbox (STORING, off the GUI thread); only when that commit is done does the
flow reach RECEIPT, where the number (the hub's, or the outbox's provisional one) is printed and
shown. A failure to store (disk full...) is FAILED, with nothing claimed. Each page can go back
one step; the answers stay in the draft until the session ends.

The journey's rules live here, not in its screens: identifying a different person drops the
answers, the card address and the company of the one before; a case in the outbox is never
stored twice (提交 again after a failed receipt step reuses it); a signed-in community worker's
shift counts every case stored while they are signed in, even one whose citizen left before it
was stored; a case whose citizen left while it was being stored is forgotten (with its pages)
once it is stored.
"""

from __future__ import annotations

import enum

from contract.models import AUTHORISATION_MATERIAL, ApplicantType, CatalogItem, Company
from kiosk.identity import Identity
from kiosk.journeys.case.service import CaseDraft, ReceiptData
from kiosk.journeys.machine import StateMachine
from kiosk.outbox.store import ProvisionalReceipt
from kiosk.staff import Shift


class CaseState(enum.Enum):
    FINDING = "finding"
    GUIDE = "guide"
    IDENTIFYING = "identifying"
    COMPANY = "company"  # which company applies (items serving companies)
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
    AGENT_IDENTIFIED = "agent_identified"  # identified, for an item serving companies
    BACK_TO_COMPANY = "back_to_company"
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
    (S.IDENTIFYING, E.AGENT_IDENTIFIED): S.COMPANY,
    (S.IDENTIFYING, E.BACK): S.GUIDE,
    (S.COMPANY, E.NEXT): S.FORM,
    (S.COMPANY, E.BACK): S.IDENTIFYING,
    (S.FORM, E.NEXT): S.MATERIALS,
    (S.FORM, E.BACK): S.IDENTIFYING,
    (S.FORM, E.BACK_TO_COMPANY): S.COMPANY,
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
        self.draft: CaseDraft | None = None
        self.stored: ProvisionalReceipt | None = None  # in the outbox: "已提交" is true
        self.receipt: ReceiptData | None = None

    @property
    def state(self) -> CaseState:
        return self.machine.state

    def fire(self, event: CaseEvent) -> CaseState:
        return self.machine.fire(event)

    def accepts(self, event: CaseEvent) -> bool:
        return self.machine.accepts(event)

    def choose(self, item: CatalogItem, agent: Shift | None = None) -> CaseDraft | None:
        """The citizen picked ``item``: a fresh draft (None when not finding an item now)."""
        if not self.accepts(CaseEvent.CHOSEN):
            return None
        self.draft, self.stored, self.receipt = CaseDraft(item, agent=agent), None, None
        self.fire(CaseEvent.CHOSEN)
        return self.draft

    def identified(self, who: Identity) -> bool:
        """Who applies. True when it is someone other than the draft's applicant so far: their
        answers and card address are dropped (the form starts afresh)."""
        draft = self.draft
        if draft is None or not self.accepts(CaseEvent.IDENTIFIED):
            return False
        changed = draft.applicant != who
        if changed:
            draft.applicant = who
            draft.answers.clear()
            draft.address = ""  # the last person's card address is not this one's
            draft.company = None  # nor the company they came for
        self.fire(CaseEvent.AGENT_IDENTIFIED if serves_companies(draft.item) else E.IDENTIFIED)
        return changed

    def company_entered(self, company: Company | None) -> bool:
        """Who applies: ``company`` (its agent identified before), or None where the item
        serves people too and the person applies for themselves. False when not now, or when
        the item serves companies only and no company was given."""
        draft = self.draft
        if draft is None or not self.accepts(CaseEvent.NEXT) or self.state is not S.COMPANY:
            return False
        if company is None and ApplicantType.PERSON not in draft.item.applicant_types:
            return False
        draft.company = company
        if company is not None:  # a company's case sends its authorisation letter
            draft.bring.discard(AUTHORISATION_MATERIAL)
        self.fire(CaseEvent.NEXT)
        return True

    def back_from_form(self) -> CaseState:
        """上一步 on the form: to the company step where the item has one."""
        draft = self.draft
        if draft is not None and serves_companies(draft.item):
            return self.fire(CaseEvent.BACK_TO_COMPANY)
        return self.fire(CaseEvent.BACK)

    def submit(self) -> bool:
        """提交 (or 重试 after a failure). True when the case must now be stored; False when the
        outbox has it already (never store twice) or nothing can be submitted."""
        if self.draft is None or not self.accepts(CaseEvent.SUBMIT):
            return False
        self.fire(CaseEvent.SUBMIT)
        return self.stored is None

    def stored_as(self, stored: ProvisionalReceipt, draft: CaseDraft) -> bool:
        """The outbox holds ``draft``'s case. The worker's shift counts it whatever happens
        next; False when its citizen left meanwhile (the draft is forgotten with its pages)."""
        shift = draft.agent
        if shift is not None and stored.entry_id not in shift.entry_ids:
            shift.entry_ids.append(stored.entry_id)
        if self.draft is not draft or self.state is not CaseState.STORING:
            forget_draft(draft)
            return False
        self.stored = stored
        self.fire(CaseEvent.STORED)
        return True

    def store_failed(self, draft: CaseDraft) -> None:
        """Nothing was stored: FAILED (提交 again may work); a left citizen's draft is forgotten."""
        if self.draft is not draft:
            forget_draft(draft)
        elif self.state is CaseState.STORING:
            self.fire(CaseEvent.STORE_FAILED)

    def receipt_ready(self, data: ReceiptData) -> bool:
        """The receipt's data, if this flow still shows that case's receipt."""
        if self.state is not CaseState.RECEIPT:
            return False
        self.receipt = data
        return True

    def forget(self) -> None:
        if self.draft is not None:
            self.draft.forget()
        self.draft, self.stored, self.receipt = None, None, None


def serves_companies(item: CatalogItem) -> bool:
    """Whether a company may apply for ``item`` (then there is a company step)."""
    return ApplicantType.COMPANY in item.applicant_types


def forget_draft(draft: CaseDraft) -> None:
    """Forget a draft whose citizen has left (its pages were only ever in memory)."""
    draft.forget()
