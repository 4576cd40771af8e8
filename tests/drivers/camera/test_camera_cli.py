"""``kiosk qr decode | scan | bench`` end to end, including bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from camera_media import blank_frame, write_video
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from qr_degrade import make_sample, paste, qr_image

from contract.payloads import appointment_code, identity_code
from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[3]


def photo_of(text: str, path: Path) -> Path:
    frame = paste(
        blank_frame(140),
        qr_image(text, 5),
        np.array([[100, 60], [300, 70], [290, 270], [95, 260]], dtype=np.float32),
    )
    cv2.imwrite(str(path), frame)
    return path


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_decode_json_one_line_per_code(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    booking = photo_of(appointment_code("A7K2Q9"), tmp_path / "booking.png")
    two = tmp_path / "two.png"
    sample = make_sample("two_codes", 9)
    cv2.imwrite(str(two), sample.frame)
    empty = tmp_path / "empty.jpg"
    cv2.imwrite(str(empty), blank_frame())
    assert main(["qr", "decode", str(booking), str(two), str(empty), "--json"]) == 0
    rows = json_lines(capsys.readouterr().out)
    assert [r["file"] for r in rows] == [str(booking), str(two), str(two), str(empty)]
    assert rows[0]["text"] == appointment_code("A7K2Q9")
    assert rows[0]["kind"] == "appointment" and rows[0]["decoder"] == "zxing"
    assert {r["text"] for r in rows[1:3]} == set(sample.texts)
    assert rows[3]["text"] is None and rows[3]["kind"] is None
    assert all(isinstance(r["ms"], float) and r["ms"] >= 0 for r in rows)
    assert rows[1]["ms"] == rows[2]["ms"]  # the decode time of that image


def test_decode_classifies_identity_codes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = identity_code(b"opaque-subject", Ed25519PrivateKey.generate(), now=0, ttl=60)
    image = photo_of(code, tmp_path / "id.png")
    assert main(["qr", "decode", str(image), "--json"]) == 0
    assert json_lines(capsys.readouterr().out)[0]["kind"] == "identity"


def test_decode_plain_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    image = photo_of("https://zwfw.example.gov.cn/x", tmp_path / "url.png")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), blank_frame())
    assert main(["qr", "decode", str(image), str(blank)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{image}: [url] https://zwfw.example.gov.cn/x"
    assert out[1].startswith(f"{blank}: no QR code found")


def test_decode_bad_files_are_named_and_the_rest_still_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    good = photo_of("still here", tmp_path / "good.png")
    text = tmp_path / "readme.jpg"
    text.write_text("not a picture")
    jpeg = tmp_path / "photo.jpg"
    cv2.imwrite(str(jpeg), make_sample("noise", 4).frame)
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(jpeg.read_bytes()[:5000])
    args = ["qr", "decode", str(text), str(corrupt), str(tmp_path / "nope.png"), str(good)]
    assert main([*args, "--json"]) == 2
    captured = capsys.readouterr()
    assert [r["text"] for r in json_lines(captured.out)] == ["still here"]
    errors = captured.err.splitlines()
    assert len(errors) == 3 and "Traceback" not in captured.err
    assert "not an image" in errors[0] and "damaged or truncated" in errors[1]
    assert "no such image" in errors[2]


def test_scan_sim_camera(capsys: pytest.CaptureFixture) -> None:
    assert main(["qr", "scan", "--camera", "sim:YM1:C:2026-000123:7", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["text"] == "YM1:C:2026-000123:7" and row["kind"] == "case_tracking"


def test_scan_video_file_finds_the_code_that_appears_later(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    frames = [blank_frame()] * 20 + [
        paste(
            blank_frame(),
            qr_image("late arrival", 5),
            np.array([[200, 100], [400, 100], [400, 300], [200, 300]], dtype=np.float32),
        )
    ] * 10
    clip = write_video(tmp_path / "late.avi", frames)
    assert main(["qr", "scan", "--camera", str(clip), "--timeout", "60"]) == 0
    assert capsys.readouterr().out.strip() == "[unknown] late arrival"


def test_scan_timeout_is_one_sentence_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    clip = write_video(tmp_path / "blank.avi", [blank_frame()] * 10)
    assert main(["qr", "scan", "--camera", str(clip), "--timeout", "0.5"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "kiosk: no QR code seen within 0.5 s."


@pytest.mark.parametrize(
    ("spec", "code", "message"),
    [
        ("missing.avi", 2, "no such camera, video file or image"),
        ("ftp://host/cam", 2, "unsupported stream scheme"),
        ("", 2, "empty camera spec"),
    ],
)
def test_scan_bad_specs(spec: str, code: int, message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["qr", "scan", "--camera", spec, "--timeout", "1"]) == code
    assert message in capsys.readouterr().err


def test_scan_broken_camera_says_why(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"\x00" * 4096)
    assert main(["qr", "scan", "--camera", str(broken), "--timeout", "1"]) == 1
    assert "gave no picture: cannot open camera" in capsys.readouterr().err


def test_bench_directory(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    for index, category in enumerate(("dim", "noise", "inverted")):
        sample = make_sample(category, index)
        cv2.imwrite(str(tmp_path / f"{index}.png"), sample.frame)
        (tmp_path / f"{index}.txt").write_text("\n".join(sample.texts))
    assert main(["qr", "bench", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines[1:]]
    assert names == ["zxing-cpp", "cv2.QRCodeDetectorAruco", "cv2.QRCodeDetector", "cascade"]
    assert lines[-1].split()[1] == "3/3"
    assert main(["qr", "bench", str(tmp_path / "nothing")]) == 2


def test_real_entry_point_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "qr", "decode", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("kiosk: ") and "Traceback" not in proc.stderr
