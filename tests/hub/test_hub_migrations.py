"""Schema migrations on alembic (``hub.migrations``): a new database matches the models; one that a
hub from before alembic left is adopted with every row; one a newer hub migrated is refused; batch
changes on SQLite keep the rows that point at a rebuilt table."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Engine, Integer, Table, inspect, text

from contract.models import (
    CaseLookup,
    CaseReceiptEvaluation,
    CaseReceiptRef,
    Rating,
    TerminalMode,
    TicketIssueRequest,
)
from contract.payloads import check_character
from hub import migrations
from hub.db import Base, CaseRow, UtcDateTime, make_engine
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

LegacyDatabase = Callable[[int], Path]
# What tests/hub/legacy/make_dumps.py put in the version 7 database.
ID_NUMBER = "11010519491231002X"
RECEIPT_CODE = "K7M2P9QX"
COUNTER = TerminalMode.COUNTER


def differences(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def versions(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        query = text("SELECT version FROM schema_version ORDER BY version")
        return list(connection.execute(query).scalars())


def contents(engine: Engine) -> dict[str, list[Any]]:
    """Every row of every table, in a stable order."""
    with engine.connect() as connection:
        return {
            table: list(connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')))
            for table in inspect(connection).get_table_names()
        }


def kept(before: dict[str, list[Any]], engine: Engine) -> dict[str, list[Any]]:
    """The rows of the tables ``before`` had, in the columns it had (later revisions add
    tables and columns; what was there must be there unchanged)."""
    with engine.connect() as connection:
        out = {}
        for table, rows in before.items():
            columns = ", ".join(f'"{c}"' for c in rows[0]._fields) if rows else "*"
            query = text(f'SELECT {columns} FROM "{table}" ORDER BY 1')
            out[table] = list(connection.execute(query))
        return out


@pytest.fixture
def scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the hub's revisions that a test may add to."""
    copy = tmp_path / "alembic"
    shutil.copytree(migrations.SCRIPT_LOCATION, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrations, "SCRIPT_LOCATION", copy)
    return copy


def add_revision(scripts: Path, *upgrade: str) -> None:
    lines = "\n".join(f"    {line}" for line in upgrade)
    (scripts / "versions" / "next.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = 'next'\ndown_revision = {migrations.head()!r}\n\n"
        f"def upgrade():\n{lines}\n",
        encoding="utf-8",
    )


def test_a_new_database_is_created_at_head_and_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    assert migrations.current_revision(engine) is None
    assert migrations.upgrade(engine) is None
    assert migrations.current_revision(engine) == migrations.head()
    assert differences(engine) == []
    before = contents(engine)
    assert migrations.upgrade(engine) == migrations.head()  # nothing to do the second time
    assert contents(engine) == before
    # A hub from before alembic knew versions up to 7: it refuses this database.
    assert versions(engine) == [migrations.ALEMBIC_MARKER] == [8]
    engine.dispose()


def test_main_before_alembic_is_adopted_with_every_row(
    legacy_database: LegacyDatabase, clock: Any
) -> None:
    path = legacy_database(7)
    engine = make_engine(f"sqlite:///{path}")
    before = contents(engine)
    assert all(before[table] for table in ("tickets", "cases", "materials", "identity_subjects"))
    assert migrations.upgrade(engine) is None
    assert migrations.current_revision(engine) == migrations.head()
    assert differences(engine) == []
    after = kept(before, engine)
    assert after.pop("schema_version")[:-1] == before.pop("schema_version")
    assert after == before
    assert contents(engine)["alembic_version"] == [(migrations.head(),)]
    assert versions(engine) == [1, 2, 3, 4, 5, 6, 7, 8]
    engine.dispose()

    (ticket,), (case,) = before["tickets"], before["cases"]
    with (
        EmbeddedHub(path.parent, clock=clock) as hub,
        HubClient(hub.base_url, token=hub.register_terminal("kiosk-02")) as client,
        HubClient(hub.base_url, token=hub.register_terminal("window-01", mode=COUNTER)) as window,
    ):
        assert client.get_ticket(ticket.ticket_id).number == "A001"
        assert client.issue_ticket(TicketIssueRequest(category_code="general")).number == "A002"
        detail = window.get_case(case.case_id)
        assert detail.case_number == case.case_number and detail.materials_pending == []
        lookup = CaseLookup(case_number=case.case_number, id_number=ID_NUMBER)
        assert client.lookup_case(lookup).state == detail.state
        # The receipt code's hash (schema version 7) still proves the receipt.
        receipt = CaseReceiptRef(
            case_number=case.case_number,
            check=check_character(case.case_number),
            code=RECEIPT_CODE,
        )
        assert not client.case_to_rate(receipt).evaluated
        rating = CaseReceiptEvaluation(receipt=receipt, rating=Rating.SATISFIED)
        client.evaluate_case_receipt(rating)
        assert client.case_to_rate(receipt).evaluated
        with hub.context.sessions() as session:  # a case from before knows its holder's digest
            row = session.get(CaseRow, case.case_id)
            assert row is not None and row.applicant_id_digest == hub.context.id_digest(ID_NUMBER)


@pytest.mark.parametrize("version", [1, 4, 6])
def test_an_older_database_takes_the_legacy_steps_then_is_adopted(
    legacy_database: LegacyDatabase, version: int
) -> None:
    engine = make_engine(f"sqlite:///{legacy_database(version)}")
    assert versions(engine) == list(range(1, version + 1))
    assert migrations.upgrade(engine) is None
    assert migrations.current_revision(engine) == migrations.head()
    assert differences(engine) == []  # the legacy steps end where the baseline begins
    assert versions(engine) == [1, 2, 3, 4, 5, 6, 7, 8]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM hub_settings")).scalar() == "yes"
        # Version 1 had no number step: its category got step 3's default.
        step = connection.execute(text("SELECT step FROM ticket_categories WHERE code = 'old'"))
        assert step.scalar() == (1 if version < 3 else 2)
    engine.dispose()


def test_a_database_migrated_by_a_newer_hub_is_refused_and_left_alone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    migrations.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfacefeed'"))
    before = contents(engine)
    with pytest.raises(migrations.SchemaTooNew, match=r"f00dfacefeed.*newer hub"):
        migrations.upgrade(engine)
    assert contents(engine) == before
    engine.dispose()


def test_a_pre_alembic_database_above_version_7_is_refused(
    legacy_database: LegacyDatabase,
) -> None:
    engine = make_engine(f"sqlite:///{legacy_database(7)}")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO schema_version VALUES (9, '2030-01-01 00:00:00', 'a branch')")
        )
    with pytest.raises(migrations.SchemaTooNew, match="schema version 9"):
        migrations.upgrade(engine)
    assert migrations.current_revision(engine) is None
    engine.dispose()


def test_a_batch_rebuild_of_a_table_others_point_at_keeps_every_row(
    legacy_database: LegacyDatabase, scripts: Path
) -> None:
    # SQLite copies the table and drops the old one: were foreign keys enforced, the drop of
    # tickets would fail on the ticket events that point at it.
    add_revision(
        scripts,
        'with op.batch_alter_table("tickets", recreate="always") as batch:',
        '    batch.add_column(sa.Column("test_remark", sa.String(20)))',
    )
    engine = make_engine(f"sqlite:///{legacy_database(7)}")
    before = contents(engine)
    assert before["ticket_events"]
    assert migrations.upgrade(engine) is None
    assert migrations.current_revision(engine) == "next"
    after = kept(before, engine)
    assert after["ticket_events"] == before["ticket_events"]
    assert after["tickets"] == before["tickets"]
    with engine.connect() as connection:  # enforced again once migrated
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_revision_that_breaks_references_is_rolled_back_whole(
    legacy_database: LegacyDatabase, scripts: Path
) -> None:
    add_revision(scripts, 'op.execute("DELETE FROM tickets")')
    engine = make_engine(f"sqlite:///{legacy_database(7)}")
    before = contents(engine)
    with pytest.raises(RuntimeError, match="broken references"):
        migrations.upgrade(engine)
    assert migrations.current_revision(engine) is None  # not even adopted: one transaction
    assert contents(engine) == before
    engine.dispose()


def test_a_new_revision_writes_column_types_without_todays_classes(scripts: Path) -> None:
    scratch = Table(
        "scratch",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("at", UtcDateTime(), nullable=True),
    )
    try:
        path = migrations.new_revision("scratch table")
    finally:
        Base.metadata.remove(scratch)
    assert path.parent == scripts / "versions"
    source = path.read_text(encoding="utf-8")
    assert "sa.Column('at', sa.DateTime(timezone=True), nullable=True)" in source
    assert "hub.db" not in source
    compile(source, str(path), "exec")
