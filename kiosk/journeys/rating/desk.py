"""The hub work of a rating (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.outbox.store import EntryState, Outbox


class RatingDesk:
    """The hub work of a rating (blocking: run it off the GUI thread). ``outbox`` is this
    terminal's case outbox (None where it takes no cases): it knows the provisional numbers
    the terminal printed, and the hub's number each became."""

    def __init__(self, client: HubClient, outbox: Outbox | None = None) -> None:
        self._client = client
        self._outbox = outbox

    def ticket(self, ticket_id: str) -> m.TicketView:
        return self._client.get_ticket(ticket_id)

    def case(self, number: str, receipt_code: str) -> m.CaseToRate:
        """The case a receipt names, by the hub's number; a provisional number this terminal
        printed stands for the hub's number once the case is uploaded (the receipt code is the
        same on both receipts). Without a code, nothing can prove the receipt is held."""
        # Imported with the first rating: the flow's levels load the evaluation models.
        from kiosk.journeys.rating.flow import (
            RatingRefusal,
            RatingRefused,
            looks_provisional,
            receipt_ref,
        )

        if not receipt_code:
            raise RatingRefused(RatingRefusal.NO_RECEIPT_CODE)
        local = self._outbox.find_provisional(number) if self._outbox is not None else None
        if local is not None:
            if local.case_number is None:  # not at the hub yet, or refused by it
                pending = local.state is EntryState.PENDING
                raise RatingRefused(
                    RatingRefusal.NOT_UPLOADED if pending else RatingRefusal.UNKNOWN
                )
            number = local.case_number
        try:
            return self._client.case_to_rate(receipt_ref(number, receipt_code))
        except HubRejected as exc:
            if exc.code == m.ProblemCode.NOT_FOUND and looks_provisional(number):
                raise RatingRefused(RatingRefusal.PROVISIONAL) from None
            raise

    def send(self, request: m.EvaluationCreate | m.CaseReceiptEvaluation) -> m.EvaluationRecorded:
        if isinstance(request, m.CaseReceiptEvaluation):
            return self._client.evaluate_case_receipt(request)
        return self._client.evaluate(request)
