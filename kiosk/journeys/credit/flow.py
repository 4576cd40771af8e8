"""信用查询 at a kiosk: the citizen's own credit record, after proving who they are.

Theory of operation: the kiosk asks the hub only for the citizen in front of it, so the number
comes from their ID or social security card on the reader, or from their e-ID code resolved at
the hub; nothing is typed (IDENTIFYING). With it the terminal asks the hub (LOOKING) and shows
the record (SHOWING: 守信, 失信 with each list's source and date, or no record), which the
citizen may print; or says why not (REFUSED). The number is dropped as soon as the hub has
answered; the record itself goes with the session (the session's wipe calls ``forget``).
"""

from __future__ import annotations

import enum
import logging

from contract import models as m
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.identity import CardRefusal, Identity
from kiosk.journeys.machine import StateMachine

logger = logging.getLogger(__name__)


class CreditState(enum.Enum):
    IDENTIFYING = "identifying"
    LOOKING = "looking"
    SHOWING = "showing"
    REFUSED = "refused"
    DONE = "done"


class CreditEvent(enum.Enum):
    LOOK_UP = "look_up"
    FOUND = "found"
    REFUSED = "refused"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


class CreditRefusal(enum.Enum):
    CARD_UNREADABLE = "card_unreadable"  # no identity on it, incomplete
    CARD_EXPIRED = "card_expired"
    IDENTITY_CODE = "identity_code"  # an e-ID code expired or not one
    HUB_REFUSED = "hub_refused"  # the hub's own words (hub_message)
    HUB_UNREACHABLE = "hub_unreachable"
    HUB_FAILURE = "hub_failure"


S, E = CreditState, CreditEvent
TRANSITIONS: dict[tuple[CreditState, CreditEvent], CreditState] = {
    (S.IDENTIFYING, E.LOOK_UP): S.LOOKING,
    (S.IDENTIFYING, E.REFUSED): S.REFUSED,
    (S.IDENTIFYING, E.BACK): S.DONE,
    (S.LOOKING, E.FOUND): S.SHOWING,
    (S.LOOKING, E.REFUSED): S.REFUSED,
    (S.SHOWING, E.DISMISS): S.DONE,
    (S.REFUSED, E.RETRY): S.IDENTIFYING,
    (S.REFUSED, E.DISMISS): S.DONE,
}
_CARD_REFUSALS = {
    CardRefusal.NO_IDENTITY: CreditRefusal.CARD_UNREADABLE,
    CardRefusal.INCOMPLETE: CreditRefusal.CARD_UNREADABLE,
    CardRefusal.EXPIRED: CreditRefusal.CARD_EXPIRED,
}


class CreditFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[CreditState, CreditEvent] = StateMachine(
            CreditState.IDENTIFYING, TRANSITIONS
        )
        self.identity: Identity | None = None  # until the hub answers
        self.record: m.CreditRecord | None = None
        self.refusal: CreditRefusal | None = None
        self.hub_message = ""

    @property
    def state(self) -> CreditState:
        return self.machine.state

    def identified(self, who: Identity | CardRefusal) -> m.CreditSelfQuery | None:
        """A card read or an e-ID code resolved: the query to send (and LOOKING), or None when
        the card does not identify anyone (REFUSED)."""
        if isinstance(who, CardRefusal):
            self.refused(_CARD_REFUSALS[who])
            return None
        self.identity = who
        query = m.CreditSelfQuery(id_number=who.id_number, identity_source=who.source)
        self.machine.fire(CreditEvent.LOOK_UP)
        return query

    def found(self, record: m.CreditRecord) -> None:
        self.identity = None  # the number has served its purpose
        self.record = record
        self.machine.fire(CreditEvent.FOUND)

    def failed(self, exc: Exception) -> None:
        if isinstance(exc, HubRejected):
            self.hub_message = exc.citizen_message
            self.refused(CreditRefusal.HUB_REFUSED)
        elif isinstance(exc, HubUnreachable):
            self.refused(CreditRefusal.HUB_UNREACHABLE)
        else:
            logger.error("credit lookup failed: %s", type(exc).__name__)
            self.refused(CreditRefusal.HUB_FAILURE)

    def refused(self, refusal: CreditRefusal) -> None:
        self.identity = None
        self.refusal = refusal
        self.machine.fire(CreditEvent.REFUSED)

    def retry(self) -> None:
        self.forget()
        self.machine.fire(CreditEvent.RETRY)

    def back(self) -> None:
        self.machine.fire(CreditEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(CreditEvent.DISMISS)

    def forget(self) -> None:
        self.identity = None
        self.record = None
        self.refusal = None
        self.hub_message = ""
