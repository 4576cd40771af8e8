"""Which document proved the applicant's identity: sent with the case, kept in its own column
(schema version 5), shown to the counter; a case without it hashes as it did before."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect, select

from contract.models import (
    CaseCreate,
    DeliveryMethod,
    IdentitySource,
    MaterialDeclaration,
    Person,
)
from hub import migrations
from hub.context import request_hash
from hub.db import CaseRow, make_engine
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

ELDERLY = "GG00618002-990101-MZ"  # 老年人优待证: two materials, pickup or EMS


def _case(source: IdentitySource | None) -> CaseCreate:
    return CaseCreate(
        item_code=ELDERLY,
        applicant=Person(name="张示例", id_number="11010519491231002X", phone="13800138000"),
        identity_source=source,
        form={"phone": "13800138000"},
        materials=[
            MaterialDeclaration(code=code, name=code, sha256=f"{n:064x}", size=1024)
            for n, code in enumerate(("id_card", "photo"), start=1)
        ],
        delivery=DeliveryMethod.PICKUP,
    )


def test_identity_source_is_stored_and_shown_to_the_counter(
    hub: EmbeddedHub, client: HubClient, counter: HubClient
) -> None:
    receipt = client.create_case(
        _case(IdentitySource.SOCIAL_SECURITY_CARD), idempotency_key=uuid.uuid4().hex
    )
    silent = client.create_case(_case(None), idempotency_key=uuid.uuid4().hex)
    with hub.context.sessions() as session:
        rows = {row.case_id: row for row in session.execute(select(CaseRow)).scalars()}
        assert rows[receipt.case_id].applicant_identity_source == "social_security_card"
        assert "identity_source" not in rows[receipt.case_id].data  # its own column only
        assert rows[silent.case_id].applicant_identity_source is None
    detail = counter.get_case(receipt.case_id)
    assert detail.identity_source is IdentitySource.SOCIAL_SECURITY_CARD
    assert counter.get_case(silent.case_id).identity_source is None


def test_a_case_without_the_field_keeps_its_old_request_hash(
    hub: EmbeddedHub, client: HubClient
) -> None:
    """An outbox entry written before the field existed, retried after the upgrade, is the
    same request (not a reused Idempotency-Key)."""
    key = uuid.uuid4().hex
    first = client.create_case(_case(None), idempotency_key=key)
    old_body = _case(None).model_dump(mode="json")
    del old_body["identity_source"]
    del old_body["receipt_code"]  # nor the receipt code, which came later still
    del old_body["company"]  # nor company applicants, later again
    with hub.context.sessions() as session:
        row = session.get(CaseRow, first.case_id)
        assert row is not None and row.request_hash == request_hash(old_body)
    again = client.create_case(_case(None), idempotency_key=key)
    assert again.case_number == first.case_number


def test_a_version_4_database_gains_the_column(legacy_database: Callable[[int], Path]) -> None:
    engine = make_engine(f"sqlite:///{legacy_database(4)}")  # what a hub of version 4 left
    assert "applicant_identity_source" not in {
        c["name"] for c in inspect(engine).get_columns("cases")
    }
    migrations.upgrade(engine)
    assert "applicant_identity_source" in {c["name"] for c in inspect(engine).get_columns("cases")}
    assert migrations.current_revision(engine) == migrations.head()
    engine.dispose()
