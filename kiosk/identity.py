"""Who the citizen is: one person type for every journey, from a card or an identity QR.

A card read gives a :class:`Identity` through :func:`from_card` (or a :class:`CardRefusal` the
screen words); a scanned dynamic identity QR is resolved by the hub, the judge of its key and
clock (:meth:`IdentityResolver.resolve`, or :class:`IdentityRefused`). An identity typed at a
guided window is ``IdentitySource.MANUAL``.

Personal data: an identity is shown masked only (``masked_name``, ``masked_id``); its repr never
spells the person out; the session forgets it when it ends.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from contract import models as m
from contract.payloads import PayloadKind, PayloadStatus, classify
from contract.privacy import mask_id, mask_name
from drivers.idcard.document import CardType, IdDocument
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from drivers.camera.camera import CameraWorker


@dataclass(frozen=True, slots=True, repr=False)
class Identity:
    """A person as a journey knows them: the full number goes to the hub, screens and paper
    show it masked."""

    name: str
    id_number: str
    # Card and QR data is never editable. (A factory: the enum's module, with the case models,
    # need not load before a journey runs.)
    source: m.IdentitySource = field(default_factory=lambda: m.IdentitySource.ID_CARD)
    address: str = ""  # the ID card's address (for EMS); a social security card has none

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name) if self.name else ""

    def __repr__(self) -> str:  # a stray log line or traceback must not spell the person out
        return f"Identity(source={self.source.value})"


class CardRefusal(enum.Enum):
    """Why a card read does not identify the citizen (the UI words it)."""

    NO_IDENTITY = "no_identity"  # a bare contactless card, or an ID card on a reader without SAM
    INCOMPLETE = "incomplete"  # no name, or a number that fails its check character
    EXPIRED = "expired"


def from_card(document: IdDocument, today: date) -> Identity | CardRefusal:
    """The person a resident ID card (or permit) or a social security card names.

    A social security card carries name and number (its 社会保障号码 is the ID number) but no
    address and no photo: the EMS page then asks for an address instead of offering the card's.
    """
    if document.card_type is CardType.CARD_UID:
        return CardRefusal.NO_IDENTITY
    if not document.name or not document.id_number or document.id_number_valid is False:
        return CardRefusal.INCOMPLETE
    valid_to = document.valid_to
    if isinstance(valid_to, date) and valid_to < today:
        return CardRefusal.EXPIRED
    if document.card_type is CardType.SOCIAL_SECURITY:
        return Identity(document.name, document.id_number, m.IdentitySource.SOCIAL_SECURITY_CARD)
    return Identity(
        document.name, document.id_number, m.IdentitySource.ID_CARD, document.address or ""
    )


def holder_of(document: IdDocument) -> Identity:
    """The card's holder as 取号 and 签到 need them: the number (the hub checks it) and the
    name to greet them by, masked."""
    return Identity(document.name or "", document.id_number or "")


class IdentityRefused(KioskError):
    """An identity QR that cannot stand for anyone: ``key`` is "identity_expired" or
    "identity_invalid"; ``hub_message`` the hub's own words when it gave some."""

    def __init__(self, key: str, hub_message: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.hub_message = hub_message


class IdentityResolver:
    """Resolves scanned identity QRs at the hub (blocking: run it off the GUI thread)."""

    def __init__(self, client: HubClient) -> None:
        self._client = client

    def resolve(self, text: str) -> Identity:
        """Who a scanned identity QR stands for. A text that is no identity code at all is
        refused here; an identity code always goes to the hub (its key, its clock)."""
        payload = classify(text, now=time.time())
        if payload.kind is not PayloadKind.IDENTITY or payload.status is PayloadStatus.INVALID:
            raise IdentityRefused("identity_invalid")
        try:
            resolved = self._client.resolve_identity_code(text)
        except HubRejected as exc:
            expired = exc.code == m.ProblemCode.IDENTITY_CODE_EXPIRED
            key = "identity_expired" if expired else "identity_invalid"
            raise IdentityRefused(key, exc.citizen_message) from None
        return Identity(resolved.name, resolved.id_number, m.IdentitySource.QR)

    def scan(self, camera: CameraWorker, timeout: float) -> Identity | None:
        """Look for an identity QR with ``camera`` for up to ``timeout`` seconds and resolve it
        (None: nothing was shown in time)."""
        from drivers.camera.scanner import scan_once

        text = scan_once(camera, timeout)
        return None if text is None else self.resolve(text)
