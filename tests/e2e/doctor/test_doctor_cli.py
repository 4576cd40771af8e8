"""``kiosk doctor`` as a district engineer runs it on a terminal, against real parts."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from doctor_parts import TERMINAL, Terminal

from drivers.idcard.samples import sample_resident
from drivers.printer.emulator import PrinterEmulator
from drivers.printer.status import PrinterStatus
from kiosk.cli import main

KIOSK = [sys.executable, "-m", "kiosk"]
EVERY_CHECK = [
    "config",
    "hub",
    "clock",
    "id_reader",
    "camera",
    "document_camera",
    "printer",
    "font",
    "disk",
    "outbox",
]


def doctor(config: Path, *options: str) -> tuple[int, list[dict[str, str]]]:
    """Run ``kiosk doctor --json`` in this process: the exit code and the findings."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["doctor", "--config", str(config), "--json", *options])
    return code, json.loads(out.getvalue())


def finding(findings: list[dict[str, str]], check: str) -> dict[str, str]:
    (found,) = [f for f in findings if f["check"] == check]
    return found


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KIOSK, "doctor", *args], capture_output=True, text=True, timeout=timeout
    )


def test_a_healthy_terminal_passes_every_check(terminal: Terminal) -> None:
    code, findings = doctor(terminal.config)
    assert [f["check"] for f in findings] == EVERY_CHECK
    assert {f["check"]: f["status"] for f in findings} == dict.fromkeys(EVERY_CHECK, "ok")
    assert code == 0
    said = {f["check"]: f["message"] for f in findings}
    assert "accepted this terminal's token" in said["hub"]
    assert "paper loaded" in said["printer"]
    assert f"serial {terminal.folder.parent / 'ttyIDCARD'}" in said["id_reader"]
    assert "640x480" in said["camera"]


def test_text_output_is_one_line_per_check_and_a_summary(terminal: Terminal) -> None:
    done = run_cli("--config", str(terminal.config))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:-1]] == [["OK", c] for c in EVERY_CHECK]
    assert lines[-1] == f"All {len(EVERY_CHECK)} checks passed."
    assert done.stderr == ""


def test_a_card_on_the_reader_is_mentioned_never_read(terminal: Terminal, reader) -> None:  # type: ignore[no-untyped-def]
    card = sample_resident()
    reader.place_card(card)
    code, findings = doctor(terminal.config)
    message = finding(findings, "id_reader")["message"]
    assert code == 0 and "a card lies on it now (not read)" in message
    everything = json.dumps(findings, ensure_ascii=False)
    assert card.name not in everything and card.id_number not in everything
    assert {c.name for c in reader.commands if c is not None} <= {"FIND_CARD", "STATUS"}


def test_the_hub_down_fails_quickly_with_what_to_check(terminal: Terminal) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = terminal.write(api={"base_url": f"http://127.0.0.1:{port}"})
    started = time.monotonic()
    done = run_cli("--config", str(config))
    took = time.monotonic() - started
    assert done.returncode == 1
    hub = next(line for line in done.stdout.splitlines() if line.split()[1] == "hub")
    assert hub.startswith("FAIL")
    assert f"The hub at http://127.0.0.1:{port} is unreachable (connection refused)" in hub
    assert "check that the hub runs" in hub
    assert "Traceback" not in done.stdout + done.stderr
    assert took < 5, f"took {took:.1f} s"


def test_a_hub_that_never_answers_costs_the_timeout_not_more(terminal: Terminal) -> None:
    with socket.socket() as silent:  # takes connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        config = terminal.write(api={"base_url": url})
        started = time.monotonic()
        code, findings = doctor(config, "--timeout", "1.5")
        took = time.monotonic() - started
    assert code == 1
    hub = finding(findings, "hub")
    assert hub["status"] == "fail"
    assert "did not answer within 1.5 s" in hub["message"]
    assert finding(findings, "clock")["status"] == "warn"
    assert took < 4, f"took {took:.1f} s"


def test_a_wrong_token_says_to_register_again(terminal: Terminal) -> None:
    terminal.token_file.write_text("not-the-token\n", encoding="utf-8")
    code, findings = doctor(terminal.config)
    assert code == 1
    hub = finding(findings, "hub")
    assert hub["status"] == "fail"
    assert "did not accept this terminal's token (HTTP 401)" in hub["message"]
    assert f"kiosk hub register-terminal {TERMINAL} --mode hall" in hub["message"]
    assert str(terminal.token_file) in hub["message"]
    assert "not-the-token" not in hub["message"]


@pytest.mark.parametrize(("skew", "side"), [(-300, "ahead of"), (95, "behind")])
def test_a_clock_off_the_hubs_fails(
    terminal: Terminal, skewed_hub: Callable[[float], tuple[str, str]], skew: float, side: str
) -> None:
    url, token = skewed_hub(skew)
    terminal.token_file.write_text(token, encoding="utf-8")
    code, findings = doctor(terminal.write(api={"base_url": url}))
    assert finding(findings, "hub")["status"] == "ok"
    clock = finding(findings, "clock")
    assert clock["status"] == "fail"
    assert f"This machine's clock is {abs(skew) // 60} min" in clock["message"]
    assert f"{side} the hub's (allowed 30 s)" in clock["message"]
    assert "timedatectl set-ntp true" in clock["message"]
    assert code == 1
    # A looser tolerance takes the same clock.
    code, findings = doctor(terminal.config, "--clock-tolerance", "600")
    assert finding(findings, "clock")["status"] == "ok" and code == 0


def test_a_printer_out_of_paper_fails(terminal: Terminal, printer: PrinterEmulator) -> None:
    printer.status = PrinterStatus(paper_out=True)
    code, findings = doctor(terminal.config)
    found = finding(findings, "printer")
    assert found["status"] == "fail" and code == 1
    assert found["message"] == (
        f"The receipt printer tcp://127.0.0.1:{printer.port} is out of paper: load a 80 mm roll"
        " and close the cover."
    )


def test_a_printer_that_does_not_answer_fails_within_the_timeout(
    terminal: Terminal, tmp_path: Path
) -> None:
    with PrinterEmulator(tmp_path / "mute", answers_status=False) as mute:
        port = mute.port
        config = terminal.write(devices={"printer": f"tcp://127.0.0.1:{port}"})
        started = time.monotonic()
        code, findings = doctor(config, "--timeout", "1")
        took = time.monotonic() - started
    found = finding(findings, "printer")
    assert found["status"] == "fail" and code == 1
    assert f"{port} did not answer a status request" in found["message"]
    assert "check its power and network cable" in found["message"]
    assert took < 3, f"took {took:.1f} s"


def test_a_missing_reader_fails_with_where_to_look(terminal: Terminal, tmp_path: Path) -> None:
    config = terminal.write(devices={"id_reader": f"serial:{tmp_path}/ttyNONE?baud=115200"})
    code, findings = doctor(config)
    found = finding(findings, "id_reader")
    assert found["status"] == "fail" and code == 1
    assert "is not there" in found["message"] and "dialout" in found["message"]


def test_a_malformed_config_names_file_and_key_exit_2(terminal: Terminal) -> None:
    config = terminal.write(terminal={"idle_timeout": "soon"})
    done = run_cli("--config", str(config))
    assert done.returncode == 2
    assert done.stdout.startswith(f"FAIL  config  {config}: terminal.idle_timeout:")
    assert "correct it and run kiosk doctor again" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    done = run_cli("--config", str(config), "--json")
    assert done.returncode == 2
    (only,) = json.loads(done.stdout)
    assert only["check"] == "config" and only["status"] == "fail"
    assert "terminal.idle_timeout" in only["message"]


def test_an_unknown_key_says_what_is_allowed(terminal: Terminal) -> None:
    code, findings = doctor(terminal.write(devices={"scanner": "0"}))
    assert code == 2
    message = finding(findings, "config")["message"]
    assert "unknown key 'devices.scanner'" in message
    assert "allowed in [devices]: camera, id_reader, printer" in message


def test_a_missing_config_file_says_where_examples_are(tmp_path: Path) -> None:
    code, findings = doctor(tmp_path / "nope.toml")
    assert code == 2
    assert "file not found; copy an example" in finding(findings, "config")["message"]


def test_an_old_waiting_case_is_a_warning(
    terminal: Terminal, case_request: Callable[..., object], material_pdf: bytes
) -> None:
    from kiosk.outbox.store import Outbox

    data = terminal.folder / "data"
    data.mkdir(mode=0o700)
    config = terminal.write(api={"base_url": "embedded"})
    then = datetime.now(UTC) - timedelta(hours=2, minutes=5)
    outbox = Outbox(
        data / "outbox.sqlite3", data / "outbox.key", terminal_id=TERMINAL, clock=lambda: then
    )
    with outbox:
        outbox.submit(case_request(), {"id_card": material_pdf})  # type: ignore[arg-type]
    code, findings = doctor(config)
    outbox = finding(findings, "outbox")
    assert outbox["status"] == "warn"
    assert outbox["message"].startswith("1 case(s) wait to upload, the oldest for 2 h 5 min")
    assert code == 0  # a warning is no failure
    assert "李四" not in json.dumps(findings, ensure_ascii=False)
    code, findings = doctor(config, "--outbox-age", str(3 * 3600))
    assert finding(findings, "outbox")["status"] == "ok"


def test_an_outbox_key_others_can_read_fails(terminal: Terminal) -> None:
    data = terminal.folder / "data"
    data.mkdir(mode=0o700)
    (data / "outbox.sqlite3").touch()
    key = data / "outbox.key"
    key.write_text("x" * 44 + "\n")
    key.chmod(0o644)
    code, findings = doctor(terminal.write(api={"base_url": "embedded"}))
    outbox = finding(findings, "outbox")
    assert outbox["status"] == "fail" and code == 1
    assert "readable by others (mode 644); chmod 600 it" in outbox["message"]
