"""Audit chain figures: what the append costs a submission, and ``kiosk audit verify`` over a
million records.

Append: the hub's own case creation (hub.cases.create, in process, on an SQLite file with the
sample catalog) timed with its audit append and, interleaved in the same run, with the append
replaced by nothing — the baseline. The difference is the append's cost per submission.

Verify: a chain of N records (default 1,000,000) written in bulk through the module's own
hashing (hub.audit.append_many), then ``kiosk audit verify`` run as a command (a process of its
own: start-up included), the walk alone in process (hub.audit.verify), and, beside them, the
time of just reading the N rows.

Run: PYTHONPATH=. python bench/audit.py [N]   (about 5 minutes for a million)
"""

from __future__ import annotations

import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from contract import models as m
from hub import audit, cases
from hub.app import create_app
from hub.auth import register_terminal
from hub.db import AuditRecord, Terminal

SUBMISSIONS = 300


def a_case() -> m.CaseCreate:
    content = b"%PDF-1.4 id card scan"
    return m.CaseCreate(
        item_code="GG00515001-990101-WJ",
        applicant=m.Person(name="张示例", id_number="11010519491231002X"),
        form={"expected_date": "2026-08-01", "phone": "13900139000"},
        delivery=m.DeliveryMethod.ELECTRONIC,
        materials=[
            m.MaterialDeclaration(
                code="id_card",
                name="身份证",
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
            )
        ],
        receipt_code="ABCD2345EFGH",
    )


def append_cost(directory: Path) -> None:
    app = create_app(f"sqlite:///{directory / 'hub.sqlite3'}", seed_sample=True)
    ctx = app.state.hub
    register_terminal(ctx, m.TerminalRegistration(terminal_id="bench-01", site_code="district"))
    with ctx.reading() as session:
        terminal = session.get(Terminal, "bench-01")
        session.expunge(terminal)
    request = a_case()
    real_append = audit.append

    def skip(*_args: Any, **_kwargs: Any) -> None:
        return None

    timed: dict[bool, list[float]] = {True: [], False: []}
    for n in range(2 * SUBMISSIONS):
        with_audit = n % 2 == 0
        audit.append = real_append if with_audit else skip  # type: ignore[assignment]
        start = time.perf_counter()
        cases.create(ctx, terminal, request, uuid.uuid4().hex)
        timed[with_audit].append(time.perf_counter() - start)
    audit.append = real_append
    with ctx.reading() as session:
        result = audit.verify(session)
    assert result.ok
    on = statistics.median(timed[True]) * 1e6
    off = statistics.median(timed[False]) * 1e6
    print(f"submission (hub.cases.create, SQLite file), median of {SUBMISSIONS} each:")
    print(f"  with the audit append     {on:9.0f} µs")
    print(f"  without (baseline)        {off:9.0f} µs")
    print(f"  the append                {on - off:9.0f} µs per submission")
    ctx.engine.dispose()


def verify_cost(directory: Path, count: int) -> None:
    url = f"sqlite:///{directory / 'chain.sqlite3'}"
    app = create_app(url)
    ctx = app.state.hub
    acts = (
        (
            m.AuditKind.SUBMISSION,
            uuid.UUID(int=n).hex,
            {
                "case_id": uuid.UUID(int=n).hex,
                "case_number": f"YM20260302{n:07d}",
                "item_code": "GG00515001-990101-WJ",
                "terminal_id": "bench-01",
                "channel": "kiosk",
                "request_hash": hashlib.sha256(b"%d" % n).hexdigest(),
                "receipt_code_hash": hashlib.sha256(b"r%d" % n).hexdigest(),
                "materials": {"id_card": hashlib.sha256(b"m%d" % n).hexdigest()},
            },
        )
        for n in range(count)
    )
    start = time.perf_counter()
    with ctx.transaction() as session:
        audit.append_many(session, acts)
    print(f"\n{count:,} records written (bulk, same hashing): {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with ctx.reading() as session:
        columns = AuditRecord.__table__.c
        rows = session.execute(
            select(*columns).order_by(columns.seq).execution_options(yield_per=10_000)
        )
        read = sum(1 for _ in rows)
    reading = time.perf_counter() - start
    assert read == count

    start = time.perf_counter()
    with ctx.reading() as session:
        result = audit.verify(session)
    walking = time.perf_counter() - start
    assert result.ok and result.records == count

    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "verify", "--db", url],
        capture_output=True,
        text=True,
    )
    command = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    print(f"  reading the {count:,} rows alone       {reading:6.1f} s")
    print(f"  hub.audit.verify (in process)        {walking:6.1f} s")
    print(f"  kiosk audit verify (the command)     {command:6.1f} s")
    ctx.engine.dispose()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        append_cost(Path(tmp))
        verify_cost(Path(tmp), count)


if __name__ == "__main__":
    main()
