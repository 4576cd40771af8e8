"""``kiosk qr``: decode QR codes in image files, scan one from a camera, benchmark decoders."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kiosk.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("qr", help="decode, scan and benchmark QR codes")
    commands = parser.add_subparsers(dest="qr_command", metavar="ACTION", required=True)

    decode = commands.add_parser(
        "decode",
        help="decode the QR codes in image files",
        description="Decode every QR code in each image. Exit 0 when every file could be read, "
        "2 when a file is missing, not an image or damaged (the others are still decoded).",
    )
    decode.add_argument("images", nargs="+", metavar="IMAGE")
    decode.add_argument("--json", action="store_true", help="one JSON object per line per code")
    decode.set_defaults(func=_decode)

    scan = commands.add_parser(
        "scan",
        help="wait for the first QR code a camera sees",
        description="Exit 0 with the first code seen, 1 when none is seen before the timeout.",
    )
    scan.add_argument(
        "--camera",
        required=True,
        metavar="SPEC",
        help="0 | /dev/videoN | video file | rtsp://... | image file | sim:TEXT",
    )
    scan.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds (30)")
    scan.add_argument("--width", type=int, default=1280)
    scan.add_argument("--height", type=int, default=720)
    scan.add_argument("--fps", type=float, default=30.0)
    scan.add_argument("--json", action="store_true", help="print the code as one JSON object")
    scan.set_defaults(func=_scan)

    bench = commands.add_parser(
        "bench",
        help="decode rate and ms per frame of each decoder and our cascade on a folder of images",
        description="Images may have a NAME.txt beside them with the expected texts, one a line.",
    )
    bench.add_argument("directory", metavar="DIR")
    bench.set_defaults(func=_bench)


def _classify(text: str) -> str:
    from contract.payloads import classify

    return classify(text, now=time.time()).kind.value


def _decode(args: argparse.Namespace) -> int:
    from drivers.camera.errors import ImageError
    from drivers.camera.image_io import load_gray
    from drivers.camera.qr import QrCascade

    cascade = QrCascade()
    status = 0
    for name in args.images:
        try:
            gray = load_gray(name)
        except ImageError as exc:
            print(f"kiosk: {exc.message}", file=sys.stderr)
            status = 2
            continue
        result = cascade.decode(gray)
        ms = round(result.ms, 2)
        if args.json:
            rows = [
                {
                    "file": name,
                    "text": c.text,
                    "kind": _classify(c.text),
                    "decoder": c.decoder,
                    "ms": ms,
                }
                for c in result.codes
            ] or [{"file": name, "text": None, "kind": None, "decoder": None, "ms": ms}]
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
        elif not result.codes:
            print(f"{name}: no QR code found ({ms} ms)")
        else:
            for code in result.codes:
                print(f"{name}: [{_classify(code.text)}] {code.text}")
    return status


def _scan(args: argparse.Namespace) -> int:
    from drivers.camera.camera import CameraWorker
    from drivers.camera.errors import CameraError
    from drivers.camera.scanner import scan_first
    from drivers.camera.sources import CaptureSettings, check_spec, describe

    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds.")
    check_spec(args.camera)
    settings = CaptureSettings(width=args.width, height=args.height, fps=args.fps)
    with CameraWorker(args.camera, settings) as camera:
        scanned = scan_first(camera, args.timeout)
        health = camera.health.state
        frames = camera.frames_read
    if scanned is None:
        if not frames and health is not None and health.detail:
            raise CameraError(f"camera {describe(args.camera)} gave no picture: {health.detail}")
        raise CameraError(f"no QR code seen within {args.timeout:g} s.")
    kind = _classify(scanned.text)
    if args.json:
        row = {
            "text": scanned.text,
            "kind": kind,
            "decoder": scanned.decoder,
            "ms": round(scanned.ms, 2),
        }
        print(json.dumps(row, ensure_ascii=False))
    else:
        print(f"[{kind}] {scanned.text}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from drivers.camera.qr import decoders_for_comparison
    from drivers.camera.qrbench import format_table, load_dir, run_bench

    directory = Path(args.directory)
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory.")
    stats = run_bench(load_dir(directory), decoders_for_comparison())
    if not stats[0].frames:
        raise UsageError(f"{directory}: no images (PNG, JPEG, BMP, WebP, TIFF) in it.")
    print(format_table(stats))
    return 0
