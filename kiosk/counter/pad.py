"""A rating pad (评价器) as a terminal of its own, paired with one window through the hub
(blocking: the UI runs it off the GUI thread).

It pairs itself at start (``PUT /counters/{window}/pad``), then reads the window's state and the
service to rate (``GET /counters/{window}/pad``) every moment; the citizen's answer goes to the
hub as the window's own pad would send it.
"""

from __future__ import annotations

from contract import models as m
from kiosk.api.client import HubClient


class PadDesk:
    def __init__(self, client: HubClient, counter_code: str) -> None:
        self.client = client
        self.counter_code = counter_code

    def pair(self) -> m.PadView:
        return self.client.pair_pad(self.counter_code)

    def view(self) -> m.PadView:
        return self.client.pad_view(self.counter_code)

    def rate(self, request: m.EvaluationCreate) -> m.EvaluationRecorded:
        return self.client.evaluate(request)

    def not_rated(self, ticket_id: str) -> None:
        self.client.record_not_rated(self.counter_code, ticket_id)

    def photo(self, staff_no: str) -> bytes:
        return self.client.clerk_photo(staff_no)
