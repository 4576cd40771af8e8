"""Outbox fixtures: a case with two materials for the sample item 个体工商户设立登记."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from contract.models import CaseCreate, DeliveryMethod, MaterialDeclaration, Person

NAME = "王小明"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
ITEM = "XK00402001-990101-SJ"


def make_case(tag: str = "1", size: int = 4096) -> tuple[CaseCreate, dict[str, bytes]]:
    materials = {
        code: (f"%PDF-1.4 {code} {tag}\n".encode() + bytes(size))[:size]
        for code in ("application", "id_card", "premises")
    }
    case = CaseCreate(
        item_code=ITEM,
        applicant=Person(name=NAME, id_number=ID_NUMBER, phone=PHONE),
        form={
            "business_scope": f"日用百货零售 {tag}",
            "premises_address": "城东街道1号",
            "phone": PHONE,
        },
        materials=[
            MaterialDeclaration(
                code=code, name=code, sha256=hashlib.sha256(content).hexdigest(), size=len(content)
            )
            for code, content in materials.items()
        ],
        delivery=DeliveryMethod.PICKUP,
    )
    return case, materials


@pytest.fixture
def case_factory() -> Callable[..., tuple[CaseCreate, dict[str, bytes]]]:
    return make_case
