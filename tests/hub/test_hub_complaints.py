"""Complaints and suggestions (投诉建议) over real HTTP: a reference number per complaint (gap-free
per day), an idempotent retry, clear refusals of what may not be kept (a text of 10,000
characters, a phone number without consent or not a mobile number), the status by reference;
and the forwarding to the 12345 platform through a real webhook receiver that fails twice — a
500, then an answer too late after it took the complaint — with a hub restart in between: one
complaint there, every request signed, the complaint forwarded and its phone number erased."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from contract import models as m
from hub import complaint_forwarding
from hub.context import HubSettings
from hub.db import ComplaintForwardRow, ComplaintRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg
from tests.hub.webhook_receiver import SECRET, Receiver, serving

ITEM = "XK00402001-990101-SJ"  # a sample catalog item (个体工商户设立登记)
ROOT = Path(__file__).resolve().parents[2]
TEXT = "3号窗口工作人员态度生硬，没有一次性告知需要的材料。"


def complaint(**changes: Any) -> m.ComplaintCreate:
    fields: dict[str, Any] = {
        "kind": m.ComplaintKind.COMPLAINT,
        "about": m.ComplaintAbout.WINDOW,
        "subject": "W03",
        "text": TEXT,
    }
    return m.ComplaintCreate(**(fields | changes))


def post(hub: EmbeddedHub, token: str, body: Any, key: str | None = "k-1") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return requests.post(
        f"{hub.base_url}/api/v1/complaints", json=body, headers=headers, timeout=10
    )


def body(**changes: Any) -> dict[str, Any]:
    return complaint().model_dump(mode="json") | changes


def stored(hub: EmbeddedHub) -> list[ComplaintRow]:
    with hub.context.sessions() as session:
        return list(session.execute(select(ComplaintRow)).scalars())


def forwards(hub: EmbeddedHub) -> list[ComplaintForwardRow]:
    with hub.context.sessions() as session:
        return list(session.execute(select(ComplaintForwardRow)).scalars())


def test_a_complaint_gets_a_reference_and_its_status(hub: EmbeddedHub, client: HubClient) -> None:
    first = client.submit_complaint(complaint(), idempotency_key="a")
    second = client.submit_complaint(
        complaint(about=m.ComplaintAbout.ITEM, subject=ITEM, kind=m.ComplaintKind.SUGGESTION),
        idempotency_key="b",
    )
    hall = client.submit_complaint(
        complaint(about=m.ComplaintAbout.HALL, subject=None), idempotency_key="c"
    )
    # TS + the hall's date + a gap-free daily sequence + the Luhn digit of the digits.
    assert [r.reference[:16] for r in (first, second, hall)] == [
        "TS20260302000001",
        "TS20260302000002",
        "TS20260302000003",
    ]
    assert first.reference == "TS202603020000011"
    assert (first.state, first.subject, first.subject_name) == (
        m.ComplaintState.RECEIVED,
        "W03",
        "3号窗口（企业开办）",
    )
    assert second.subject_name == "个体工商户设立登记"
    status = client.complaint_status(first.reference.lower())  # as typed on a kiosk, any case
    assert (status.reference, status.state, status.kind, status.forwarded_at) == (
        first.reference,
        m.ComplaintState.RECEIVED,
        m.ComplaintKind.COMPLAINT,
        None,
    )
    # Nothing forwarded without a platform: every complaint waits in the hub's outbox.
    assert sorted(f.reference for f in forwards(hub)) == sorted(
        r.reference for r in (first, second, hall)
    )
    assert complaint_forwarding.pending(hub.context) == 3


def test_unknown_reference_is_404(hub: EmbeddedHub, client: HubClient) -> None:
    with pytest.raises(HubRejected) as refused:
        client.complaint_status("TS202603020000026")
    assert (refused.value.status, refused.value.code) == (404, m.ProblemCode.NOT_FOUND)
    assert "投诉建议编号" in refused.value.citizen_message


def test_a_retry_makes_no_second_complaint(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("K01")
    first = post(hub, token, body(), key="same")
    again = post(hub, token, body(), key="same")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(stored(hub)) == 1 and len(forwards(hub)) == 1
    other = post(hub, token, body(text="另一件事"), key="same")
    assert (other.status_code, other.json()["code"]) == (409, "idempotency_key_reused")
    missing = post(hub, token, body(), key=None)
    assert (missing.status_code, missing.json()["code"]) == (428, "idempotency_key_required")
    assert len(stored(hub)) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "投" * 10_000}, "text"),
        ({"text": "投" * 2001}, "text"),
        ({"text": "   "}, "text"),
        ({"phone": "13800138000"}, "body"),  # no consent given
        ({"phone": "13800138000", "phone_consent": False}, "body"),
        ({"phone": "12800138000", "phone_consent": True}, "phone"),  # no such mobile prefix
        ({"phone": "021-12345678", "phone_consent": True}, "phone"),  # a landline
        ({"phone": "1380013800", "phone_consent": True}, "phone"),  # ten digits
        ({"about": "hall"}, "body"),  # the hall with a subject
        ({"subject": None}, "body"),  # a window without one
        ({"kind": "praise"}, "kind"),
    ],
)
def test_what_may_not_be_kept_is_a_clear_422(
    hub: EmbeddedHub, changes: dict[str, Any], field: str
) -> None:
    answer = post(hub, hub.register_terminal("K01"), body(**changes))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["code"] == "validation_failed"
    assert problem["detail"] == "填写的信息有误，请检查后重新提交。"
    assert [e["loc"][:2] for e in problem["errors"]] == [
        ["body"] if field == "body" else ["body", field]
    ]
    assert "13800138000" not in answer.text  # a refused number is not echoed either
    assert stored(hub) == []


def test_the_longest_text_and_a_consented_phone_are_kept(hub: EmbeddedHub) -> None:
    text = "建" * m.MAX_COMPLAINT_TEXT
    answer = post(
        hub, hub.register_terminal("K01"), body(text=text, phone="13800138000", phone_consent=True)
    )
    assert answer.status_code == 201
    (row,) = stored(hub)
    assert (row.text, row.phone, row.phone_given) == (text, "13800138000", True)


@pytest.mark.parametrize(
    ("about", "subject", "detail"),
    [
        ("window", "W99", "没有这个窗口"),
        ("clerk", "S999", "没有这个工号"),
        ("item", "NO-SUCH-ITEM", "没有找到该办理事项"),
    ],
)
def test_an_unknown_subject_is_refused(
    hub: EmbeddedHub, about: str, subject: str, detail: str
) -> None:
    answer = post(hub, hub.register_terminal("K01"), body(about=about, subject=subject))
    assert answer.status_code == 422
    assert detail in answer.json()["detail"]
    assert stored(hub) == []


def test_only_kiosks_post_complaints(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("counter-01", mode=m.TerminalMode.COUNTER)
    assert post(hub, token, body()).status_code == 403
    assert post(hub, "not-a-token", body()).status_code == 401


# -- forwarding to the 12345 platform ---------------------------------------------------------


def webhook_settings(url: str) -> HubSettings:
    return HubSettings(
        complaints_webhook_url=url,
        complaints_webhook_secret=SECRET,
        complaints_webhook_timeout=0.5,
        complaint_retry_seconds=0.3,
        complaint_poll_seconds=5.0,
    )


@pytest.fixture
def hub_on(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[[HubSettings], EmbeddedHub]]:
    """``start(settings)``: a hub on one database (kept across restarts), started."""
    if PG_URL:
        _reset_pg(PG_URL)
    started: list[EmbeddedHub] = []

    def start(settings: HubSettings) -> EmbeddedHub:
        hub = EmbeddedHub(tmp_path / "hub", clock=clock, db_url=PG_URL, settings=settings)
        hub.start()
        started.append(hub)
        return hub

    yield start
    for hub in started:
        hub.stop()


def eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("not within the time")
        time.sleep(0.05)


def test_forwarded_exactly_once_through_failures_and_a_restart(
    hub_on: Callable[[HubSettings], EmbeddedHub],
) -> None:
    with serving(Receiver(["500", "timeout"])) as receiver:
        hub = hub_on(webhook_settings(receiver.url))
        token = hub.register_terminal("K01")
        sent = body(phone="13800138000", phone_consent=True)
        answer = post(hub, token, sent)
        assert answer.status_code == 201
        reference = answer.json()["reference"]
        receiver.wait_for(1)  # the 500
        hub.stop()  # the hub goes down with the complaint not yet forwarded
        (row,) = stored(hub)
        (waiting,) = forwards(hub)
        assert (row.state, waiting.attempts, waiting.last_error) == ("received", 1, "HTTP 500")

        hub = hub_on(webhook_settings(receiver.url))  # restarted: it finds the forward
        with HubClient(hub.base_url, token=hub.register_terminal("K01")) as client:
            eventually(
                lambda: client.complaint_status(reference).state is m.ComplaintState.FORWARDED
            )
            status = client.complaint_status(reference)
        # 500; taken but answered too late (the hub timed out); sent again and deduplicated.
        assert [fate for fate, _ in receiver.requests] == ["500", "timeout", "ok"]
        assert all(signed for _, signed in receiver.requests)
        assert list(receiver.complaints) == [reference]  # one complaint at the platform
        kept = receiver.complaints[reference]
        assert (kept["reference"], kept["text"], kept["phone"], kept["subject"]) == (
            reference,
            TEXT,
            "13800138000",
            "W03",
        )
        assert (kept["site_code"], kept["terminal_id"]) == ("district", "K01")
        assert status.forwarded_at is not None
        (row,) = stored(hub)
        assert (row.platform_reference, row.phone, row.phone_given) == ("12345-00001", None, True)
        assert forwards(hub) == []


def test_a_wrongly_signed_forward_is_never_taken(
    hub_on: Callable[[HubSettings], EmbeddedHub],
) -> None:
    with serving(Receiver()) as receiver:
        settings = webhook_settings(receiver.url)
        settings.complaints_webhook_secret = b"another-secret-not-the-platform-s"
        hub = hub_on(settings)
        reference = post(hub, hub.register_terminal("K01"), body()).json()["reference"]
        receiver.wait_for(2)
        assert [signed for _, signed in receiver.requests[:2]] == [False, False]
        assert receiver.complaints == {}
        (waiting,) = forwards(hub)
        assert (waiting.reference, waiting.last_error) == (reference, "HTTP 401")


def signed(payload: dict[str, Any], secret: bytes = SECRET) -> tuple[bytes, dict[str, str]]:
    data = json.dumps(payload).encode()
    stamp = str(int(time.time()))
    digest = hmac.new(secret, stamp.encode() + b"." + data, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Yimen-Timestamp": stamp,
        "X-Yimen-Signature": f"sha256={digest}",
    }
    return data, headers


def test_the_platform_tells_replied_and_closed(
    hub_on: Callable[[HubSettings], EmbeddedHub], clock: FakeClock
) -> None:
    hub = hub_on(HubSettings(complaints_webhook_secret=SECRET))  # no webhook: updates only
    reference = post(hub, hub.register_terminal("K01"), body()).json()["reference"]
    url = f"{hub.base_url}/api/v1/complaints/platform-updates"

    def update(state: str, secret: bytes = SECRET) -> requests.Response:
        data, headers = signed({"reference": reference, "state": state}, secret)
        return requests.post(url, data=data, headers=headers, timeout=10)

    assert update("replied", b"guessed-secret-of-someone-else").status_code == 401
    clock.advance(days=2)
    replied = update("replied")
    assert replied.status_code == 200
    assert (replied.json()["state"], replied.json()["replied_at"]) == (
        "replied",
        clock().isoformat().replace("+00:00", "Z"),
    )
    clock.advance(days=1)
    closed = update("closed").json()
    assert closed["state"] == "closed" and closed["closed_at"] > closed["replied_at"]
    assert update("replied").json()["state"] == "closed"  # a late reply does not reopen it
    assert update("received").status_code == 422
    data, headers = signed({"reference": "TS202603020000026", "state": "closed"})
    assert requests.post(url, data=data, headers=headers, timeout=10).status_code == 404


# -- kiosk hub serve's options ----------------------------------------------------------------


def test_serve_forwards_to_the_webhook_its_options_name(tmp_path: Path) -> None:
    """``kiosk hub serve --complaints-webhook URL --complaints-secret-file FILE``, a process of
    its own: a complaint posted to it reaches the receiver, signed with the file's secret."""
    from contract.models import TerminalRegistration
    from hub.app import create_app
    from hub.auth import register_terminal

    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(db_url, seed_sample=True)
    token = register_terminal(app.state.hub, TerminalRegistration(terminal_id="K01")).token
    app.state.hub.engine.dispose()
    secret_file = tmp_path / "webhook-secret"
    secret_file.write_bytes(SECRET + b"\n")
    with serving(Receiver()) as receiver:
        command = [
            sys.executable, "-m", "kiosk", "hub", "serve", "--db", db_url, "--port", "0",
            "--data-dir", str(tmp_path), "--complaints-webhook", receiver.url,
            "--complaints-secret-file", str(secret_file),
        ]  # fmt: skip
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
            try:
                assert proc.stdout is not None
                line = proc.stdout.readline().strip()
                assert line.startswith("hub serving on http://127.0.0.1:"), line
                answer = requests.post(
                    f"{line.rsplit(' ', 1)[1]}/api/v1/complaints",
                    json=body(),
                    headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k"},
                    timeout=10,
                )
                assert answer.status_code == 201
                receiver.wait_for(1)
            finally:
                proc.terminate()
                proc.wait(30)
    assert receiver.requests == [("ok", True)]
    assert list(receiver.complaints) == [answer.json()["reference"]]


URL = "http://127.0.0.1:9/x"
SECRET_OPTION = "--complaints-secret-file"


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--complaints-webhook", URL], "go together"),
        (["--complaints-webhook", "ftp://platform/x", SECRET_OPTION, "{good}"], "not an http"),
        (["--complaints-webhook", URL, SECRET_OPTION, "{short}"], "at least 16 bytes"),
        (["--complaints-webhook", URL, SECRET_OPTION, "{none}"], "Cannot use"),
    ],
)
def test_serve_refuses_a_webhook_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], says: str
) -> None:
    from kiosk.cli import main

    (tmp_path / "good").write_text("a-secret-long-enough-for-hmac")
    (tmp_path / "short").write_text("short")
    files = {"good": tmp_path / "good", "short": tmp_path / "short", "none": tmp_path / "none"}
    options = [o.format(**files) for o in options]
    assert main(["hub", "serve", "--data-dir", str(tmp_path), "--port", "0", *options]) == 2
    error = capsys.readouterr().err
    assert says in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1
