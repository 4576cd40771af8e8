"""The hub work of 进度查询 (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.journeys.progress.flow import ComplaintLookup


class ProgressDesk:
    def __init__(self, client: HubClient) -> None:
        self._client = client

    def look_up(
        self, request: m.CaseLookup | m.ApplicantCases | ComplaintLookup
    ) -> m.CaseStatus | list[m.CaseStatus] | m.ComplaintStatus:
        """One case (by its number and a proof), the applicant's newest cases (by the card), or
        a complaint's status (by its reference)."""
        if isinstance(request, ComplaintLookup):
            return self._client.complaint_status(request.reference)
        if isinstance(request, m.ApplicantCases):
            return self._client.applicant_cases(request)
        return self._client.lookup_case(request)
