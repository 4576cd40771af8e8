"""``kiosk idcard read|decode``: read an identity document, or decode a saved reader reply.

Human output shows the name and number in full (it is the operator's own terminal); nothing
personal goes to the log.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import UsageError

if TYPE_CHECKING:
    from drivers.idcard.document import IdDocument

_LABELS = (
    ("card_type", "证件类型"),
    ("name", "姓名"),
    ("name_en", "英文姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("nationality", "国籍"),
    ("birth_date", "出生日期"),
    ("address", "住址"),
    ("id_number", "证件号码"),
    ("issuer", "签发机关"),
    ("valid_from", "有效期起"),
    ("valid_to", "有效期止"),
    ("pass_number", "通行证号码"),
    ("issue_count", "签发次数"),
    ("card_number", "卡号"),
    ("card_uid", "卡片ID"),
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("idcard", help="read or decode identity documents")
    commands = parser.add_subparsers(dest="idcard_command", metavar="ACTION", required=True)

    read = commands.add_parser("read", help="wait for a card on a reader and print it")
    read.add_argument(
        "--reader",
        required=True,
        metavar="URI",
        help=(
            "serial:/dev/ttyUSB0[?baud=115200|auto] | pcsc[:NAME] | sim | sim:social-security"
            " | sim:staff-card | sim:empty"
        ),
    )
    read.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds to wait for a card"
    )
    read.add_argument("--json", action="store_true", help="print one JSON object")
    read.set_defaults(func=run_read)

    decode = commands.add_parser(
        "decode", help="decode a GA 467 read-response frame or a bare 256-byte text block"
    )
    decode.add_argument("file", type=Path, metavar="FILE", help="binary, or the same bytes as hex")
    decode.add_argument("--json", action="store_true", help="print one JSON object")
    decode.set_defaults(func=run_decode)


def run_read(args: argparse.Namespace) -> int:
    from drivers.idcard.reader import make_reader

    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    reader = make_reader(args.reader)
    reader.open()
    try:
        document = reader.read(args.timeout)
    finally:
        reader.close()
    _print(document, as_json=args.json)
    return 0


def run_decode(args: argparse.Namespace) -> int:
    from drivers.idcard.decode import decode_saved
    from drivers.idcard.errors import ProtocolError

    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from exc
    try:
        document = decode_saved(_maybe_hex(raw))
    except ProtocolError as exc:
        raise UsageError(f"{args.file} cannot be decoded: {exc.message}") from exc
    _print(document, as_json=args.json)
    return 0


def _maybe_hex(raw: bytes) -> bytes:
    """Accept the same bytes written as hex text (what people paste from a serial monitor)."""
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        return raw
    compact = "".join(text.split())
    if compact and len(compact) % 2 == 0 and all(c in string.hexdigits for c in compact):
        return bytes.fromhex(compact)
    return raw


def _print(document: IdDocument, *, as_json: bool) -> None:
    if document.note:
        print(f"kiosk: note: {document.note}", file=sys.stderr)
    data = document.to_json_dict()
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
        return
    for key, label in _LABELS:
        value = data[key]
        if value is None:
            continue
        if key == "id_number":
            value = f"{value}（{'校验正确' if data['id_number_valid'] else '校验错误'}）"
        print(f"{label}: {value}")
    region = document.region
    if region is not None:
        print(
            "号码归属地: "
            + "".join(p for p in (region.province, region.city, region.district) if p)
        )
    if document.card_type.value not in ("social_security", "card_uid"):
        print("照片: " + _photo_line(document))


def _photo_line(document: IdDocument) -> str:
    if not document.has_photo:
        return "无"
    if document.photo_image is None:
        return "有（WLT 格式，未安装解码库，不显示）"
    return "有"
