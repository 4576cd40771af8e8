"""``kiosk print`` and ``kiosk printer-emulator`` as a technician runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import main
from kiosk.documents import sample_ticket

ROOT = Path(__file__).resolve().parents[3]
TICKET = {
    "hall_name": "苏州市工业园区政务服务中心",
    "number": "B108",
    "category": "不动产登记",
    "waiting_ahead": 12,
    "issued_at": "2026-11-27T14:05",
    "follow_url": "https://yimen.example.cn/q/B108",
}
RECEIPT = {
    "hall_name": "苏州市工业园区政务服务中心",
    "case_number": "320571-20261127-0042",
    "item_name": "不动产登记资料查询",
    "item_code": "11320571MB0000000X4000117005000",
    "applicant_name": "李四",
    "applicant_id": "360426199101010071",
    "materials": ["身份证原件 1 份"],
    "accepted_at": "2026-11-27T14:20",
    "promised_date": "2026-11-27",
    "promised_days": 0,
    "delivery": "ems",
    "ems_address": "江苏省苏州市吴中区东吴北路 1 号",
    "track_url": "https://yimen.example.cn/c/42",
    "verification_code": "Q9Z1",
}


def test_print_test_page_to_a_preview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "test.png"
    assert main(["print", "test", "--printer", f"preview:{out}", "--paper", "58mm"]) == 0
    transcript = (tmp_path / "test.txt").read_text(encoding="utf-8")
    assert "打印机自检页" in transcript and "----+----1----+----2----+----3--" in transcript
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(out))] == [
        "https://yimen.example.cn/selftest?二维码=测试"
    ]
    assert "printed the test" in capsys.readouterr().out


def test_print_receipt_from_json_masks_the_citizen(tmp_path: Path) -> None:
    data = tmp_path / "receipt.json"
    data.write_text(json.dumps(RECEIPT, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.png"
    assert main(["print", "receipt", "--printer", f"preview:{out}", "--data", f"@{data}"]) == 0
    transcript = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "李*" in transcript and "3604**********0071" in transcript
    assert "李四" not in transcript and "360426199101010071" not in transcript
    assert "江苏省苏州市吴中区****" in transcript and "东吴北路" not in transcript


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("{not json", "not valid JSON"),
        ("[1]", "JSON object"),
        (json.dumps({**TICKET, "waiting_ahead": -1}), "whole number"),
        (json.dumps({**TICKET, "issued_at": "yesterday"}), "date and time"),
        (json.dumps({k: v for k, v in TICKET.items() if k != "number"}), "lacks number"),
        (json.dumps({**TICKET, "colour": "red"}), "unknown field(s) colour"),
    ],
)
def test_bad_data_is_exit_2_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str, words: str
) -> None:
    code = main(["print", "ticket", "--printer", f"preview:{tmp_path / 'x.png'}", "--data", data])
    assert code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


@pytest.fixture
def emulator_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    out = tmp_path / "jobs"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "printer-emulator",
            "--port",
            "0",
            "--out",
            str(out),
            "--paper",
            "58mm",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert "listening on 127.0.0.1:" in banner, banner
        port = int(banner.split("127.0.0.1:")[1].split(",")[0])
        yield process, port, out
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(30) == 0
        finally:
            if process.poll() is None:
                process.kill()
            if process.stdout:
                process.stdout.close()


def test_print_ticket_to_the_emulator_process(
    emulator_process: tuple[subprocess.Popen[str], int, Path],
) -> None:
    process, port, out = emulator_process
    code = main(
        [
            "print",
            "ticket",
            "--printer",
            f"tcp://127.0.0.1:{port}",
            "--paper",
            "58mm",
            "--data",
            json.dumps(TICKET, ensure_ascii=False),
        ]
    )
    assert code == 0
    assert process.stdout is not None
    assert process.stdout.readline().strip() == f"job 1: {out / 'job-0001.png'}"
    transcript = (out / "job-0001.txt").read_text(encoding="utf-8").splitlines()
    assert "不动产登记" in transcript
    assert transcript[transcript.index("您的号码") + 1].startswith("[IMAGE ")  # the number, drawn
    assert "B108  取号时间：2026-11-27 14:05" in transcript  # and in words under the QR code
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(out / "job-0001.png"))] == [
        TICKET["follow_url"]
    ]


def test_paper_out_emulator_refuses_and_shows_the_ticket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "jobs"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "printer-emulator",
            "--port",
            "0",
            "--out",
            str(out),
            "--status",
            "paper-out",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().split("127.0.0.1:")[1].split(",")[0])
        assert main(["print", "ticket", "--printer", f"tcp://127.0.0.1:{port}"]) == 1
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
        if process.stdout:
            process.stdout.close()
    err = capsys.readouterr().err
    assert "out of paper; nothing was sent" in err
    assert sample_ticket().number in err  # the slip, to show on screen instead
    assert list(out.iterdir()) == []


def test_emulator_port_in_use_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        assert main(["printer-emulator", "--port", str(port), "--out", str(tmp_path)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_printer_that_ignores_status_requests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "jobs"
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "printer-emulator", "--port", "0", "--out", str(out),
         "--status", "silent"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().split("127.0.0.1:")[1].split(",")[0])
        uri = f"tcp://127.0.0.1:{port}"
        assert main(["print", "ticket", "--printer", uri, "--timeout", "1"]) == 1
        assert "did not answer" in capsys.readouterr().err
        assert main(["print", "ticket", "--printer", uri, "--no-status"]) == 0
        assert process.stdout.readline().startswith("job 1: ")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
        if process.stdout:
            process.stdout.close()
    assert sample_ticket().number in (out / "job-0001.txt").read_text(encoding="utf-8")
