"""Submitting a case: the draft a journey fills, the outbox it goes through, the receipt.

Theory of operation: ``CaseService.submit`` stores the case and its materials in the outbox
(durable, encrypted) before anything else; only then may the screen say "已提交". The sender
delivers it at once when the hub is up; ``submit`` waits a few seconds for that so a citizen
usually leaves with the hub's case number and promised date. The wait ends early at the
sender's first failed attempt for the entry (hub unreachable): the case is durable already, so
the citizen gets the provisional receipt at once instead of after the whole wait. A hub that is
slow but answers within the wait still gives its number. Without the number the receipt carries
the outbox's provisional number (and says so), the sender keeps trying, and the case arrives
exactly once (the entry id is its Idempotency-Key).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from contract.payloads import case_tracking_code, case_tracking_url, new_receipt_code
from kiosk.api.client import HubClient
from kiosk.config import Mode
from kiosk.forms import FieldSpec, to_case_form
from kiosk.identity import Identity
from kiosk.outbox.sender import AttemptFailed, OutboxSender
from kiosk.outbox.store import EntryState, Outbox, ProvisionalReceipt
from kiosk.staff import Shift

# The contract's models load with the first case (their modules are imported where used).
if TYPE_CHECKING:
    from contract.models import (
        CaseCreate,
        CatalogItem,
        Channel,
        Company,
        DeliveryMethod,
        MaterialSpec,
    )

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CapturedMaterial:
    code: str
    name: str
    pdf: bytes = field(repr=False)  # in memory only: the outbox is the first disk it reaches
    sha256: str
    size: int
    pages: int


class DeliveryProblem(enum.Enum):
    NO_METHOD = "no_method"
    NO_ADDRESS = "no_address"  # EMS without an address a courier can find


@dataclass
class CaseDraft:
    """What the citizen has told the kiosk so far; lives in the session, wiped with it."""

    item: CatalogItem
    applicant: Identity | None = None
    answers: dict[str, object] = field(default_factory=dict)
    materials: dict[str, CapturedMaterial] = field(default_factory=dict)
    bring: set[str] = field(default_factory=set)  # codes the citizen will bring to the window
    delivery: DeliveryMethod | None = None
    address: str = ""  # EMS address
    phone: str = ""
    agent: Shift | None = None  # 代办: the signed-in community worker
    # A company's case (法人): the company applies, and ``applicant`` is its agent (经办人).
    company: Company | None = field(default=None, repr=False)
    # Drawn before the case is stored, so the provisional and the official receipt print the
    # same code, and the hub (which keeps its hash) lets only the receipt's holder rate it.
    receipt_code: str = field(default_factory=new_receipt_code, repr=False)

    def forget(self) -> None:
        """Everything the citizen told and showed (the session ends); the item stays."""
        self.applicant = None
        self.company = None
        self.answers.clear()
        self.materials.clear()
        self.bring.clear()
        self.delivery = None
        self.address = ""
        self.phone = ""

    @property
    def card_address(self) -> str:
        """The ID card's address; a social security card, an identity QR or a typed identity
        has none to offer."""
        return self.applicant.address if self.applicant is not None else ""

    def prefill_delivery(self, *, ems_to_card: bool = True) -> None:
        """Before the delivery page: the only way offered is chosen, and EMS goes to the card's
        address unless another was given (or the item asks for a typed one: ``ems_to_card``
        False)."""
        if self.delivery is None and len(self.item.delivery) == 1:
            self.delivery = self.item.delivery[0]
        if ems_to_card and not self.address and self.card_address:
            self.address = self.card_address

    def delivery_problem(self) -> DeliveryProblem | None:
        """What keeps the delivery choice from being complete (the phone is the form's)."""
        from contract.models import ADDRESS_MIN_LENGTH, DeliveryMethod

        if self.delivery is None:
            return DeliveryProblem.NO_METHOD
        if self.delivery is DeliveryMethod.EMS and len(self.address.strip()) < ADDRESS_MIN_LENGTH:
            return DeliveryProblem.NO_ADDRESS
        return None

    def needs(self, spec: MaterialSpec) -> bool:
        """Whether ``spec`` must come with the case: a required material, or the authorisation
        letter of a company's case (optional for an item's people, not for its companies)."""
        from contract.models import AUTHORISATION_MATERIAL

        return spec.required or (spec.code == AUTHORISATION_MATERIAL and self.company is not None)

    def missing_materials(self) -> list[str]:
        """Needed materials not captured (optional ones may be skipped or brought)."""
        return [
            m.code for m in self.item.materials if self.needs(m) and m.code not in self.materials
        ]


class NumberWait(enum.Enum):
    """How the wait for the hub's case number ended."""

    SETTLED = "settled"  # delivered (the hub's number) or refused
    ATTEMPT_FAILED = "attempt_failed"  # the first attempt failed: provisional at once
    TIMED_OUT = "timed_out"  # the hub did not answer within the wait


@dataclass(frozen=True, slots=True)
class ReceiptData:
    number: str
    provisional: bool
    entry_id: str
    item_name: str
    item_code: str
    applicant_name: str
    applicant_id: str
    agent_name: str
    materials: tuple[str, ...]  # received with the case
    bring: tuple[str, ...]  # to be brought to the window
    department: str  # the item's department: whose window takes what is still to bring
    bring_by: date  # the last day to bring it (the item's bring_within_days, working days)
    submitted_at: datetime
    promised_date: date
    promised_days: int
    delivery: DeliveryMethod
    address: str
    tracking_code: str  # the receipt's QR text: number, check character and receipt code
    verification_code: str  # the receipt code, printed as 验证码
    wait: NumberWait = NumberWait.SETTLED
    # The catalog's English for the same words ("" where it has none), for a bilingual slip.
    item_name_en: str = ""
    materials_en: tuple[str, ...] = ()
    bring_en: tuple[str, ...] = ()
    department_en: str = ""
    # A company's case: the company (its code printed masked); the applicant above is its agent.
    company_name: str = ""
    company_uscc: str = ""

    def still_to_bring(self, english: bool) -> tuple[list[str], str]:
        """What is still to bring and whose window takes it, in the citizen's language (a
        word the catalog has no English for stays Chinese)."""
        if not english:
            return list(self.bring), self.department
        names = [en or zh for zh, en in zip(self.bring, self.bring_en or self.bring, strict=False)]
        return names, self.department_en or self.department


@dataclass
class _Waiter:
    """A screen waiting for one entry's number; ``why`` says what ended the wait."""

    done: threading.Event = field(default_factory=threading.Event)
    why: NumberWait = NumberWait.TIMED_OUT


def build_case(draft: CaseDraft, specs: list[FieldSpec], channel: Channel) -> CaseCreate:
    from contract.models import CaseCreate, DeliveryMethod, MaterialDeclaration, Person

    if draft.applicant is None or draft.delivery is None:
        raise ValueError("a case needs an applicant and a delivery choice")
    agent = None
    if draft.agent is not None:
        worker = draft.agent.worker
        agent = Person(name=worker.name, id_number=worker.id_number)
    return CaseCreate(
        item_code=draft.item.code,
        applicant=Person(
            name=draft.applicant.name,
            id_number=draft.applicant.id_number,
            phone=draft.phone or None,
        ),
        identity_source=draft.applicant.source,
        agent=agent,
        form=dict(to_case_form(specs, draft.answers)),
        materials=[
            MaterialDeclaration(
                code=m.code, name=m.name, sha256=m.sha256, size=m.size, media_type="application/pdf"
            )
            for m in draft.materials.values()
        ],
        delivery=draft.delivery,
        delivery_address=draft.address if draft.delivery is DeliveryMethod.EMS else None,
        channel=channel,
        receipt_code=draft.receipt_code,
        company=draft.company,
    )


def estimate_due(start: date, working_days: int) -> date:
    """Weekdays only (holidays are the hub's business): the provisional receipt's estimate."""
    day = start
    left = working_days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


class CaseService:
    def __init__(
        self,
        outbox: Outbox,
        client: HubClient,
        *,
        mode: Mode = Mode.HALL,
        wait_seconds: float = 8.0,
        public_url: str = "",
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.mode = mode  # the terminal's kind: the channel its cases come through
        self.wait_seconds = wait_seconds
        self.public_url = public_url  # receipts link to the hub's progress page when set
        self._waiting: dict[str, _Waiter] = {}
        self._lock = threading.Lock()
        self.sender = OutboxSender(
            outbox, client, on_settled=self._on_settled, on_attempt_failed=self._on_attempt_failed
        )

    @property
    def channel(self) -> Channel:
        """A community point's channel, a window's (窗口收件: the hall's), else a kiosk's."""
        from contract.models import Channel

        return {Mode.COMMUNITY: Channel.COMMUNITY, Mode.COUNTER: Channel.HALL}.get(
            self.mode, Channel.KIOSK
        )

    def start(self) -> None:
        self.sender.start()

    def stop(self) -> None:
        self.sender.stop()

    def _on_settled(self, receipt: ProvisionalReceipt) -> None:
        self._wake(receipt.entry_id, NumberWait.SETTLED)

    def _on_attempt_failed(self, failure: AttemptFailed) -> None:
        self._wake(failure.entry_id, NumberWait.ATTEMPT_FAILED)

    def _wake(self, entry_id: str, why: NumberWait) -> None:
        with self._lock:
            waiter = self._waiting.get(entry_id)
            if waiter is not None and not waiter.done.is_set():
                waiter.why = why
                waiter.done.set()

    def store(self, draft: CaseDraft, specs: list[FieldSpec]) -> ProvisionalReceipt:
        """Durably store the case in the outbox; from now on "已提交" is true."""
        case = build_case(draft, specs, self.channel)
        contents = {code: m.pdf for code, m in draft.materials.items()}
        # The lock is held across the commit: the sender may pick the entry up at once, and its
        # report must find the waiter (listeners take the same lock).
        with self._lock:
            stored = self.outbox.submit(case, contents)
            self._waiting[stored.entry_id] = _Waiter()
        self.sender.notify()
        logger.info("case for item %s stored as %s", draft.item.code, stored.provisional_number)
        return stored

    def submit(
        self,
        draft: CaseDraft,
        specs: list[FieldSpec],
        on_stored: Callable[[ProvisionalReceipt], None] | None = None,
    ) -> ReceiptData:
        """The whole of 提交 in one job (off the GUI thread): store durably (``on_stored`` is
        told at once: "已提交" is true from then on), wait a little for the hub's number,
        and give the receipt's data."""
        stored = self.store(draft, specs)
        if on_stored is not None:
            on_stored(stored)
        return self.await_number(stored, draft)

    def _tracking_code(self, number: str, receipt_code: str, delivered: bool) -> str:
        """A link to the hub's progress page when the hub's address for phones is known and the
        case has the hub's number; otherwise the code only the kiosk reads (a provisional
        number is not the hub's yet)."""
        if self.public_url and delivered and receipt_code:
            return case_tracking_url(self.public_url, number, receipt_code)
        return case_tracking_code(number, receipt_code)

    def await_number(self, stored: ProvisionalReceipt, draft: CaseDraft) -> ReceiptData:
        """Wait (a little) for the hub's case number; the receipt is provisional without it,
        at once when the first attempt to send the case fails."""
        with self._lock:
            waiter = self._waiting.get(stored.entry_id)
        if waiter is not None:
            waiter.done.wait(self.wait_seconds)
        with self._lock:
            self._waiting.pop(stored.entry_id, None)
            why = NumberWait.SETTLED if waiter is None else waiter.why  # TIMED_OUT unless woken
        current = self.outbox.receipt(stored.entry_id)
        assert draft.applicant is not None and draft.delivery is not None
        item = draft.item
        delivered = current.state is EntryState.DELIVERED and current.case_number is not None
        number = (
            current.case_number if delivered and current.case_number else current.provisional_number
        )
        # The hub's promised date came with its answer and waits in the outbox row.
        due = current.due_date if delivered else None
        submitted = current.created_at.astimezone()
        received = [m for m in item.materials if m.code in draft.materials]
        to_bring = [m for m in item.materials if m.code in draft.bring]
        return ReceiptData(
            number=number,
            provisional=not delivered,
            entry_id=stored.entry_id,
            item_name=item.name,
            item_code=item.code,
            applicant_name=draft.applicant.name,
            applicant_id=draft.applicant.id_number,
            agent_name=draft.agent.worker.name if draft.agent else "",
            materials=tuple(m.name for m in received),
            bring=tuple(m.name for m in to_bring),
            department=item.department,
            bring_by=estimate_due(submitted.date(), item.bring_within_days),
            submitted_at=submitted,
            promised_date=due or estimate_due(submitted.date(), item.promised_days),
            promised_days=item.promised_days,
            delivery=draft.delivery,
            address=draft.address,
            tracking_code=self._tracking_code(number, draft.receipt_code, delivered),
            verification_code=draft.receipt_code,
            wait=why,
            item_name_en=item.name_en,
            materials_en=tuple(m.name_en for m in received),
            bring_en=tuple(m.name_en for m in to_bring),
            department_en=item.department_en,
            company_name=draft.company.name if draft.company else "",
            company_uscc=draft.company.uscc if draft.company else "",
        )
