"""The hub and printer work of a check-in (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from contract import models as m
from contract.payloads import PayloadKind, PayloadStatus, classify
from drivers.errors import DeviceError
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.errors import KioskError
from kiosk.identity import Identity, IdentityRefused, IdentityResolver
from kiosk.journeys.checkin.flow import CheckInRefused, Refusal, RefusalKind
from kiosk.journeys.ticket.desk import TicketOutcome
from kiosk.printing import TicketPrinter

if TYPE_CHECKING:
    from kiosk.documents import InEnglish

logger = logging.getLogger(__name__)


def _closed_ticket_states() -> frozenset[str]:
    # Not a module constant: the ticket models need not load before a check-in.
    closed = (
        m.TicketState.DONE,
        m.TicketState.NO_SHOW,
        m.TicketState.CANCELLED,
        m.TicketState.TRANSFERRED,
    )
    return frozenset(s.value for s in closed)


class CheckInDesk:
    """The hub and printer work of a check-in (blocking: run it off the GUI thread)."""

    def __init__(self, client: HubClient, printer: TicketPrinter, hall_name: str) -> None:
        self._client = client
        self._identities = IdentityResolver(client)
        self._printer = printer
        self._hall_name = hall_name
        self._names_en: dict[str, str] = {}

    def category_name_en(self, code: str) -> str:
        """A category's English name, known once a check-in has been made (else "")."""
        return self._names_en.get(code, "")

    def by_id_number(self, id_number: str, *, english: bool = False) -> TicketOutcome:
        """Check in by the ID number a card gave (a bilingual slip when ``english``)."""
        return self._check_in(m.CheckIn(id_number=id_number), code=None, english=english)

    def by_scan(
        self,
        text: str,
        *,
        on_identity: Callable[[Identity], None] | None = None,
        english: bool = False,
    ) -> TicketOutcome:
        """Check in with a scanned QR: an appointment code, or an identity code (resolved by
        the hub, then checked in by its ID number). ``on_identity(Identity)`` is told who an
        identity code stood for."""
        payload = classify(text, now=time.time())
        if payload.kind is PayloadKind.APPOINTMENT and payload.ok:
            request = m.CheckIn(code=payload.reference)
            return self._check_in(request, code=payload.reference, english=english)
        if payload.kind is PayloadKind.IDENTITY and payload.status is not PayloadStatus.INVALID:
            # The hub is the judge of an identity code (its key, its clock): always ask it.
            holder = self.resolve_identity(text)
            if on_identity is not None:
                on_identity(holder)
            return self.by_id_number(holder.id_number, english=english)
        raise CheckInRefused(Refusal(RefusalKind.INVALID_CODE))

    def resolve_identity(self, text: str) -> Identity:
        try:
            return self._identities.resolve(text)
        except IdentityRefused as exc:
            expired = exc.key == "identity_expired"
            kind = RefusalKind.EXPIRED if expired else RefusalKind.INVALID_CODE
            raise CheckInRefused(Refusal(kind, exc.hub_message)) from None

    def _check_in(self, request: m.CheckIn, *, code: str | None, english: bool) -> TicketOutcome:
        try:
            ticket = self._client.check_in(request)
        except HubRejected as exc:
            raise CheckInRefused(self._refusal(exc, code)) from None
        if not self._names_en:  # for the English screen; the hub's ticket has the Chinese one
            try:
                categories = self._client.list_ticket_categories()
                self._names_en = {c.code: c.name_en for c in categories}
            except KioskError:  # the ticket is issued: a missing English name must not lose it
                logger.warning("category names unavailable; showing the hub's")
        try:
            png = self._printer.print_ticket(
                ticket, self._hall_name, english=self._in_english(ticket) if english else None
            )
        except DeviceError as exc:
            logger.warning("check-in ticket %s not printed: %s", ticket.number, exc.message)
            return TicketOutcome(ticket, printed=False, print_problem=exc.message)
        return TicketOutcome(ticket, printed=True, paper_png=png)

    def _in_english(self, ticket: m.TicketIssued) -> InEnglish:
        from kiosk.documents import InEnglish  # with the printing, after home is painted

        return InEnglish(category=self.category_name_en(ticket.category_code))

    def _refusal(self, exc: HubRejected, code: str | None) -> Refusal:
        problem = exc.code
        if problem == m.ProblemCode.APPOINTMENT_NOT_FOUND:
            return Refusal(RefusalKind.NO_APPOINTMENT, exc.citizen_message)
        if problem == m.ProblemCode.ALREADY_CHECKED_IN:
            number = exc.extensions.get("ticket_number")
            state = exc.extensions.get("ticket_state")
            return Refusal(
                RefusalKind.ALREADY_CHECKED_IN,
                exc.citizen_message,
                ticket_number=number if isinstance(number, str) else "",
                ticket_closed=state in _closed_ticket_states(),
            )
        if problem in (m.ProblemCode.APPOINTMENT_NOT_TODAY, m.ProblemCode.INVALID_TRANSITION):
            # The hub's answer covers several cases; the appointment itself tells them apart.
            appointment = self._appointment(code)
            if appointment is not None:
                return _refusal_for(appointment, exc.citizen_message)
            if problem == m.ProblemCode.APPOINTMENT_NOT_TODAY:
                return Refusal(RefusalKind.NOT_YET, exc.citizen_message)
            return Refusal(RefusalKind.ALREADY_CHECKED_IN, exc.citizen_message)
        if problem == m.ProblemCode.VALIDATION_FAILED:
            return Refusal(RefusalKind.INVALID_CODE, exc.citizen_message)
        return Refusal(RefusalKind.HUB_FAILURE, exc.citizen_message)

    def _appointment(self, code: str | None) -> m.Appointment | None:
        if code is None:
            return None
        try:
            return self._client.get_appointment(code)
        except HubRejected:
            return None


def _refusal_for(appointment: m.Appointment, hub_message: str) -> Refusal:
    state = appointment.state
    day = appointment.slot_date
    if state is m.AppointmentState.CHECKED_IN:
        return Refusal(RefusalKind.ALREADY_CHECKED_IN, hub_message, day)
    if state is m.AppointmentState.CANCELLED:
        return Refusal(RefusalKind.CANCELLED, hub_message, day)
    if state is m.AppointmentState.MISSED:
        return Refusal(RefusalKind.EXPIRED, hub_message, day)
    return Refusal(RefusalKind.NOT_YET, hub_message, day)
