"""The hub work of a complaint (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

from contract import models as m
from kiosk.api.client import HubClient


class ComplaintDesk:
    def __init__(self, client: HubClient) -> None:
        self._client = client

    def send(self, request: m.ComplaintCreate, idempotency_key: str) -> m.ComplaintReceipt:
        """The complaint's reference. The key is drawn once per complaint: sending again after
        a failure (the citizen taps 重试) can never make a second one."""
        return self._client.submit_complaint(request, idempotency_key=idempotency_key)

    def status(self, reference: str) -> m.ComplaintStatus:
        return self._client.complaint_status(reference)
