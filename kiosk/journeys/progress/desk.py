"""The hub work of 进度查询 (blocking: the UI runs it off the GUI thread)."""

from __future__ import annotations

from contract import models as m
from kiosk.api.client import HubClient


class ProgressDesk:
    def __init__(self, client: HubClient) -> None:
        self._client = client

    def look_up(
        self, request: m.CaseLookup | m.ApplicantCases
    ) -> m.CaseStatus | list[m.CaseStatus]:
        """One case (by its number and a proof), or the applicant's newest cases (by the card)."""
        if isinstance(request, m.ApplicantCases):
            return self._client.applicant_cases(request)
        return self._client.lookup_case(request)
