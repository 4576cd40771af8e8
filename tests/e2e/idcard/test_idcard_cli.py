"""``kiosk idcard read|decode`` end to end: the serial emulator on a pty, the sim reader, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drivers.idcard import ga467, samples
from drivers.idcard.document import encode_text_block
from drivers.idcard.emulator import ReaderEmulator
from kiosk.cli import main

JSON_KEYS = {
    "card_type",
    "name",
    "name_en",
    "gender",
    "gender_code",
    "ethnicity",
    "ethnicity_code",
    "nationality",
    "birth_date",
    "address",
    "id_number",
    "id_number_valid",
    "issuer",
    "valid_from",
    "valid_to",
    "pass_number",
    "issue_count",
    "card_number",
    "card_uid",
    "has_photo",
}


def test_read_over_serial_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    with ReaderEmulator() as emu:
        emu.place_card(samples.sample_resident(long_address=True))
        code = main(["idcard", "read", "--reader", f"serial:{emu.port}?baud=auto", "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert data["address"] == samples.sample_resident(long_address=True).address
    assert (data["valid_to"], data["id_number_valid"]) == ("长期", True)


def test_read_over_serial_for_humans(capsys: pytest.CaptureFixture[str]) -> None:
    with ReaderEmulator() as emu:
        emu.place_card(samples.sample_permit())
        code = main(["idcard", "read", "--reader", f"serial:{emu.port}", "--timeout", "10"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "姓名: 陈示例" in out
    assert "通行证号码: H90000001" in out
    assert "照片: 有（WLT 格式，未安装解码库，不显示）" in out


def test_read_times_out_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with ReaderEmulator() as emu:
        code = main(["idcard", "read", "--reader", f"serial:{emu.port}", "--timeout", "0.3"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == "kiosk: no card was placed on the reader within 0.3 s\n"


def test_read_from_the_simulated_reader(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["idcard", "read", "--reader", "sim", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["name"], data["id_number"]) == ("张示例", "11010519491231002X")
    assert main(["idcard", "read", "--reader", "sim:empty", "--timeout", "0.2"]) == 1


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--reader", "tcp:1.2.3.4"], 2, "unknown reader URI"),
        (["--reader", "serial:/dev/idcard-does-not-exist"], 1, "no such device"),
        (["--reader", "sim", "--timeout", "-1"], 2, "--timeout must be a positive"),
    ],
)
def test_read_failures_are_one_sentence(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["idcard", "read", *argv]) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_decode_a_whole_read_reply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = samples.sample_foreign_pr_2023()
    reply = ga467.encode_response(
        ga467.Sw3.OK, ga467.encode_read_data(encode_text_block(doc), samples.SAMPLE_WLT)
    )
    path = tmp_path / "reply.bin"
    path.write_bytes(reply)
    assert main(["idcard", "decode", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["card_type"] == "foreign_pr_2023"
    assert data["name_en"] == "EXAMPLESON, SAMPLE ALEXANDER MAXIMILIAN"
    assert data["has_photo"] is True


def test_decode_a_bare_block_and_hex_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = encode_text_block(samples.sample_foreign_pr())
    (tmp_path / "block.bin").write_bytes(block)
    (tmp_path / "block.hex").write_text(block.hex(" ", 16).upper() + "\n")
    for name in ("block.bin", "block.hex"):
        assert main(["idcard", "decode", str(tmp_path / name), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["card_type"], data["nationality"]) == ("foreign_pr", "UTO")
        assert data["has_photo"] is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello", "neither a GA 467 read reply nor a 256-byte text block"),
        (ga467.encode_response(ga467.Sw3.FIND_CARD_FAILED), "no card found"),
        (ga467.encode_response(ga467.Sw3.OK, b"\x01\x00")[:-1] + b"\x00", "checksum"),
        (b" " * 496 + "Q".encode("utf-16-le") + b" " * 14, ""),  # 512 bytes: wrong size
    ],
)
def test_undecodable_files_exit_2(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(content)
    assert main(["idcard", "decode", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk: {path} cannot be decoded: ") and message in err
    assert err.count("\n") == 1


def test_decode_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["idcard", "decode", str(tmp_path / "nope.bin")]) == 2
    assert "cannot read" in capsys.readouterr().err
