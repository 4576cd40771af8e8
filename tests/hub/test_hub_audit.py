"""The audit chain over the real hub: acts appended through the API, ``kiosk audit verify``
naming the record changed or deleted in the database, concurrent appenders leaving one chain,
signed daily heads (file and endpoint) catching a rewritten chain, and receipts' codes checked."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, text

from contract import models as m
from contract.payloads import new_receipt_code
from hub import audit, audit_notary
from hub.context import HubContext, HubSettings, utc_now
from hub.db import AuditRecord, make_engine
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.cli import main

PIN = "246810"
NAME, ID_NUMBER, PHONE = "李四", "11010519491231002X", "13900139000"


def verify(hub: EmbeddedHub, *extra: str) -> tuple[int, dict[str, Any]]:
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "verify", "--db", hub.db_url, "--json", *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in out.stderr
    return out.returncode, json.loads(out.stdout)


def sql(hub: EmbeddedHub, statement: str, **params: Any) -> None:
    with hub.context.engine.begin() as connection:
        connection.execute(text(statement), params)


def records(hub: EmbeddedHub) -> list[AuditRecord]:
    with hub.context.reading() as session:
        return list(session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars())


@pytest.fixture
def acted(
    hub: EmbeddedHub,
    client: HubClient,
    case_request: Callable[..., m.CaseCreate],
    material_pdf: bytes,
) -> dict[str, Any]:
    """A case submitted from a kiosk, accepted at window W01 and rated, and a complaint about
    W01 with a phone number, all over HTTP."""
    code = new_receipt_code()
    receipt = client.create_case(case_request(code), idempotency_key=uuid.uuid4().hex)
    client.upload_material(receipt.case_id, "id_card", material_pdf)
    token = hub.register_terminal("WIN-W01", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as window:
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        case = window.open_case("W01", receipt.case_number)
        decision = m.CaseDecision(decision=m.Decision.ACCEPT)
        window.decide_case("W01", case.case_id, decision, key=uuid.uuid4().hex)
    rated = client.evaluate(
        m.EvaluationCreate(
            subject_type=m.SubjectType.CASE,
            subject_id=receipt.case_id,
            rating=m.Rating.VERY_SATISFIED,
            comment=f"{NAME}的事办得快",
        )
    )
    complaint = client.submit_complaint(
        m.ComplaintCreate(
            kind=m.ComplaintKind.COMPLAINT,
            about=m.ComplaintAbout.WINDOW,
            subject="W01",
            text=f"{NAME}在W01等了很久",
            phone=PHONE,
            phone_consent=True,
        ),
        idempotency_key=uuid.uuid4().hex,
    )
    return {
        "receipt": receipt,
        "complaint": complaint.reference,
        "code": code,
        "evaluation_id": rated.evaluation_id,
        "material_sha256": hashlib.sha256(material_pdf).hexdigest(),
    }


def test_submission_decision_rating_and_admin_acts_are_chained_and_verify(
    hub: EmbeddedHub, acted: dict[str, Any]
) -> None:
    receipt = acted["receipt"]
    kept = records(hub)
    by_kind = {(r.kind, r.reference) for r in kept}
    assert ("admin", "kiosk-01") in by_kind  # the terminal registered
    assert ("admin", "WIN-W01") in by_kind
    assert ("submission", receipt.case_id) in by_kind
    assert ("decision", receipt.case_id) in by_kind  # 受理 at W01
    assert ("rating", str(acted["evaluation_id"])) in by_kind
    assert ("complaint", acted["complaint"]) in by_kind
    submission = next(r for r in kept if r.kind == "submission")
    attested = json.loads(submission.body)
    assert attested["case_number"] == receipt.case_number
    assert attested["materials"] == {"id_card": acted["material_sha256"]}
    assert [r.seq for r in kept] == list(range(1, len(kept) + 1))
    everything = "".join(r.body + r.reference for r in kept)
    for personal in (NAME, ID_NUMBER, ID_NUMBER[-6:], PHONE):
        assert personal not in everything  # digests and references only

    code, report = verify(hub)
    assert code == 0 and report["ok"]
    assert report["records"] == len(kept)
    assert report["head_hash"] == kept[-1].hash


def test_one_byte_changed_in_an_earlier_record_is_named(
    hub: EmbeddedHub, acted: dict[str, Any]
) -> None:
    submission = next(r for r in records(hub) if r.kind == "submission")
    changed = submission.body.replace('"item_code":"GG', '"item_code":"GH', 1)
    assert changed != submission.body
    sql(hub, "UPDATE audit_records SET body = :b WHERE seq = :s", b=changed, s=submission.seq)

    code, report = verify(hub)
    assert code == 1 and not report["ok"]
    assert report["broken"]["sequence"] == submission.seq
    assert report["broken"]["kind"] == "submission"
    assert report["broken"]["reference"] == acted["receipt"].case_id
    assert report["records"] == submission.seq - 1  # those before it hold

    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", "verify", "--db", hub.db_url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    assert f"record {submission.seq} (submission, {acted['receipt'].case_id})" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_deleted_record_and_a_cut_tail_are_found(hub: EmbeddedHub, acted: dict[str, Any]) -> None:
    kept = records(hub)
    middle = kept[len(kept) // 2].seq
    sql(hub, "DELETE FROM audit_records WHERE seq = :s", s=kept[-1].seq)
    code, report = verify(hub)
    assert code == 1 and report["broken"]["sequence"] == kept[-1].seq  # the head names it
    sql(hub, "DELETE FROM audit_records WHERE seq = :s", s=middle)
    code, report = verify(hub)
    assert code == 1 and report["broken"]["sequence"] == middle


def test_concurrent_appenders_leave_one_unbroken_chain(hub: EmbeddedHub) -> None:
    """Four hub contexts of their own (as four hub processes: separate connections, so on
    PostgreSQL the head's row lock is all that serialises them), 25 acts each."""
    before = len(records(hub))
    contexts = []
    for _ in range(4):
        ctx = HubContext(engine=make_engine(hub.db_url), clock=utc_now, settings=HubSettings())
        contexts.append(ctx)
    start = threading.Barrier(len(contexts))
    failures: list[BaseException] = []

    def act(ctx: HubContext, worker: int) -> None:
        try:
            start.wait()
            for n in range(25):
                with ctx.transaction() as session:
                    audit.admin(session, "test", f"worker-{worker}", ctx.now(), n=n)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=act, args=(ctx, i)) for i, ctx in enumerate(contexts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for ctx in contexts:
        ctx.engine.dispose()
    assert not failures
    kept = records(hub)
    assert len(kept) == before + 100
    assert [r.seq for r in kept] == list(range(1, len(kept) + 1))
    code, report = verify(hub)
    assert code == 0 and report["records"] == len(kept)


def rewrite_from(hub: EmbeddedHub, seq: int, body: str) -> None:
    """What someone with the database could do: change a record and recompute every hash after
    it, the head too — the chain then verifies on its own."""
    kept = records(hub)
    prev = kept[seq - 2].hash if seq > 1 else audit.GENESIS
    for record in kept[seq - 1 :]:
        new_body = body if record.seq == seq else record.body
        data = audit.record_bytes(record.seq, record.kind, record.reference, record.at, new_body)
        new_hash = audit.chain_hash(prev, data)
        sql(
            hub,
            "UPDATE audit_records SET body = :b, prev_hash = :p, hash = :h WHERE seq = :s",
            b=new_body,
            p=prev,
            h=new_hash,
            s=record.seq,
        )
        prev = new_hash
    sql(hub, "UPDATE audit_head SET hash = :h WHERE id = 1", h=prev)


def test_the_daily_signed_head_is_exported_and_catches_a_rewritten_chain(
    hub: EmbeddedHub, acted: dict[str, Any], tmp_path: Path
) -> None:
    ctx = hub.context
    signed = audit_notary.keep_daily_head(ctx)
    assert signed is not None
    assert audit_notary.keep_daily_head(ctx) is None  # once a day
    path = hub.data_dir / "audit-heads" / f"{signed.date.isoformat()}.json"
    assert m.SignedHead.model_validate_json(path.read_bytes()) == signed
    served = requests.get(f"{hub.base_url}{m.API_PREFIX}/audit/head", timeout=10)
    assert served.status_code == 200
    assert m.SignedHead.model_validate(served.json()) == signed
    day = requests.get(
        f"{hub.base_url}{m.API_PREFIX}/audit/heads/{signed.date.isoformat()}", timeout=10
    )
    assert m.SignedHead.model_validate(day.json()) == signed
    missing = requests.get(f"{hub.base_url}{m.API_PREFIX}/audit/heads/2020-01-01", timeout=10)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith(m.PROBLEM_MEDIA_TYPE)
    key_file = hub.data_dir / audit_notary.KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600

    notary = tmp_path / "kept.json"
    notary.write_bytes(path.read_bytes())  # what the notary keeps
    code, report = verify(hub, "--head", str(notary))
    assert code == 0 and report["heads"][0]["ok"]

    forged = json.loads(notary.read_text())
    forged["head_hash"] = "0" * 64
    bad = tmp_path / "forged.json"
    bad.write_text(json.dumps(forged))
    code, report = verify(hub, "--head", str(bad))
    assert code == 1 and report["heads"][0]["problem"] == "its signature does not hold"

    submission = next(r for r in records(hub) if r.kind == "submission")
    rewrite_from(hub, submission.seq, submission.body.replace('"item_code":"GG', '"item_code":"GH'))
    code, report = verify(hub)
    assert code == 0  # rewritten whole: the chain alone cannot tell
    code, report = verify(hub, "--head", str(notary))
    assert code == 1
    assert report["heads"][0]["problem"] == (
        f"record {signed.sequence} is not the record that was signed"
    )


def test_a_head_file_that_is_not_one_is_a_clear_refusal(
    hub: EmbeddedHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    for path in (junk, tmp_path / "missing.json"):
        assert main(["audit", "verify", "--db", hub.db_url, "--head", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("kiosk: ") and err.count("\n") == 1


def test_a_receipt_code_is_checked_against_the_chain(
    hub: EmbeddedHub, acted: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    number, code = acted["receipt"].case_number, acted["code"]
    assert main(["audit", "check-receipt", number, code, "--db", hub.db_url]) == 0
    assert f"belongs to case {number}" in capsys.readouterr().out
    assert main(["audit", "check-receipt", number, code.lower(), "--db", hub.db_url]) == 0
    capsys.readouterr()

    wrong = "0" * len(code) if code != "0" * len(code) else "1" * len(code)
    assert main(["audit", "check-receipt", number, wrong, "--db", hub.db_url]) == 1
    assert "is not the one" in capsys.readouterr().err
    assert main(["audit", "check-receipt", "YM000000000000", code, "--db", hub.db_url]) == 1
    assert "no submission" in capsys.readouterr().err

    # The cases table's hash changed to another code's: the chain still says no.
    other = new_receipt_code()
    from hub.cases import receipt_code_hash

    case_id = acted["receipt"].case_id
    sql(
        hub,
        "UPDATE cases SET receipt_code_hash = :h WHERE case_id = :c",
        h=receipt_code_hash(case_id, other),
        c=case_id,
    )
    assert main(["audit", "check-receipt", number, other, "--db", hub.db_url, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["code_matches"] is False

    # A broken record before the submission: the code matches, the chain does not hold.
    sql(hub, "UPDATE audit_records SET body = body || ' ' WHERE seq = 1")
    assert main(["audit", "check-receipt", number, code, "--db", hub.db_url]) == 1
    assert "the chain up to it is broken: record 1" in capsys.readouterr().err
