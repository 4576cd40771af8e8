"""Write the pre-alembic hub databases that the migration tests adopt, as SQL dumps (text, to
review like code). Each is written by the hub of a past commit, run from a ``git archive`` of it::

    python tests/hub/legacy/make_dumps.py

They are history: there is no reason to run this again unless a dump is lost.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
# schema_version -> the last commit whose hub wrote it (7: main before alembic).
SOURCES = {1: "14f3d76", 4: "0b93a86", 6: "0e6a3c2", 7: "ef5fa0e"}
ID_NUMBER = "11010519491231002X"
RECEIPT_CODE = "K7M2P9QX"

# An empty database migrated by that hub, with a setting and a ticket category of its day.
EMPTY = """
import sys
from sqlalchemy import inspect, text
import hub
from hub import migrations
from hub.db import make_engine
assert hub.__file__.startswith(sys.argv[2]), hub.__file__
engine = make_engine(f"sqlite:///{sys.argv[1]}")
migrations.upgrade(engine)
step = "step" in {c["name"] for c in inspect(engine).get_columns("ticket_categories")}
with engine.begin() as connection:
    connection.execute(text("INSERT INTO hub_settings VALUES ('kept', 'yes')"))
    connection.execute(text(
        "INSERT INTO ticket_categories (code, name, name_en, prefix, range_start, range_end,"
        " real_name_limit, default_service_minutes, active, sort_order" + (", step" if step else "")
        + ") VALUES ('old', '旧类别', 'Old', 'Z', 1, 99, 0, 10, 1, 0" + (", 2" if step else "")
        + ")"
    ))
engine.dispose()
"""

# Main's hub serving the sample hall: a terminal, a ticket, a case with its material and receipt
# code, an identity code subject.
WITH_DATA = f"""
import hashlib, sys, uuid
from datetime import UTC, datetime
from pathlib import Path
import hub
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.models import (
    CaseCreate, DeliveryMethod, MaterialDeclaration, Person, TicketIssueRequest,
)
assert hub.__file__.startswith(sys.argv[2]), hub.__file__
now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
content = b"%PDF-1.4 id card scan"
with EmbeddedHub(Path(sys.argv[1]).parent, clock=lambda: now) as server:
    server.issue_identity_code("李四", "{ID_NUMBER}", ttl_seconds=3600)
    with HubClient(server.base_url, token=server.register_terminal("kiosk-01")) as client:
        client.issue_ticket(TicketIssueRequest(category_code="general"))
        case = client.create_case(
            CaseCreate(
                item_code="GG00515001-990101-WJ",
                applicant=Person(name="李四", id_number="{ID_NUMBER}"),
                form={{"expected_date": "2026-08-01", "phone": "13900139000"}},
                delivery=DeliveryMethod.ELECTRONIC,
                materials=[MaterialDeclaration(
                    code="id_card", name="身份证",
                    sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                )],
                receipt_code="{RECEIPT_CODE}",
            ),
            idempotency_key=uuid.uuid4().hex,
        )
        client.upload_material(case.case_id, "id_card", content)
"""


def write_dump(version: int, commit: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "hub", "kiosk", "config"],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(source, filter="data")
        database = Path(tmp) / "data" / "hub.sqlite3"
        database.parent.mkdir()
        script = WITH_DATA if version == 7 else EMPTY
        subprocess.run(
            [sys.executable, "-c", script, str(database), str(source)],
            cwd=tmp,
            env={**os.environ, "PYTHONPATH": str(source)},
            check=True,
        )
        connection = sqlite3.connect(database)
        try:
            dump = "\n".join(connection.iterdump()) + "\n"
        finally:
            connection.close()
    (HERE / f"schema-{version}.sql").write_text(dump, encoding="utf-8")


if __name__ == "__main__":
    for version, commit in SOURCES.items():
        write_dump(version, commit)
