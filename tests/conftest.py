"""Test-wide settings: Qt offscreen, no personal data in logs, a private data directory."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

# Must be set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")

import pytest

from contract.models import (
    CaseCreate,
    Channel,
    DeliveryMethod,
    MaterialDeclaration,
    Person,
)
from ui.widgets.virtual_keyboard import prepare_environment

prepare_environment()


@pytest.fixture
def material_pdf() -> bytes:
    """The one material (身份证) of ``case_request``'s cases, to upload."""
    return b"%PDF-1.4 id card scan"


@pytest.fixture
def case_request(material_pdf: bytes) -> Callable[..., CaseCreate]:
    """A complete self-service case of the sample catalog, with the receipt code its paper
    receipt would print (``None``: a receipt printed before receipts carried codes)."""

    def make(
        receipt_code: str | None, name: str = "李四", channel: Channel = Channel.KIOSK
    ) -> CaseCreate:
        content = material_pdf
        return CaseCreate(
            item_code="GG00515001-990101-WJ",
            applicant=Person(name=name, id_number="11010519491231002X"),
            form={"expected_date": "2026-08-01", "phone": "13900139000"},
            delivery=DeliveryMethod.ELECTRONIC,
            materials=[
                MaterialDeclaration(
                    code="id_card",
                    name="身份证",
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                )
            ],
            receipt_code=receipt_code,
            channel=channel,
        )

    return make
