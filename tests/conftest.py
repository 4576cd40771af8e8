"""Test-wide settings: Qt offscreen, no personal data in logs, a private data directory."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

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
    """A complete self-service case of the sample catalog (生育登记服务: one material, the ID
    card copy ``material``), with the receipt code its paper receipt would print (``None``: a
    receipt printed before receipts carried codes)."""

    def make(
        receipt_code: str | None = None,
        name: str = "李四",
        channel: Channel = Channel.KIOSK,
        *,
        id_number: str = "11010519491231002X",
        material: bytes = material_pdf,
    ) -> CaseCreate:
        return CaseCreate(
            item_code="GG00515001-990101-WJ",
            applicant=Person(name=name, id_number=id_number),
            form={"expected_date": "2026-08-01", "phone": "13900139000"},
            delivery=DeliveryMethod.ELECTRONIC,
            materials=[
                MaterialDeclaration(
                    code="id_card",
                    name="夫妻双方居民身份证",
                    sha256=hashlib.sha256(material).hexdigest(),
                    size=len(material),
                )
            ],
            receipt_code=receipt_code,
            channel=channel,
        )

    return make


@pytest.fixture
def sign_in_clerk() -> Callable[..., None]:
    """Signs a sample clerk in at a shown CounterWindow and waits for the desk (sample PIN)."""
    from PySide6.QtCore import Qt
    from pytestqt.qtbot import QtBot

    def sign_in(qtbot: QtBot, window: Any, staff_no: str = "S001") -> None:
        window.start()
        window.sign_in_page.staff_no.setText(staff_no)
        window.sign_in_page.pin.setText("246810")
        qtbot.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=10000)

    return sign_in
