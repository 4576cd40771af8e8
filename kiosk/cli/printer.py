"""``kiosk print`` and ``kiosk printer-emulator``: receipts on real printers and a virtual one.

kiosk print test|ticket|receipt --printer URI [--data JSON|@FILE] [--paper 58mm|80mm]
                                [--encoding gb18030-fs|gb18030|utf-8] [--qr native|raster]
kiosk printer-emulator [--host 127.0.0.1] [--port 9100] --out DIR [--status paper-out]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import UsageError

if TYPE_CHECKING:
    from drivers.printer.document import Document

STATUSES = ("ok", "paper-near-end", "paper-out", "cover-open", "offline", "silent")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "print",
        help="print a test page, a queue ticket or a case receipt",
        description="Print on an ESC/POS printer. Without --data, ticket and receipt print "
        "demo data. URI: usb:VID:PID | serial:/dev/ttyS0?baud=19200 | tcp://HOST:9100 | "
        "file:PATH | preview:OUT.png",
    )
    parser.add_argument("what", choices=("test", "ticket", "receipt"))
    parser.add_argument("--printer", required=True, metavar="URI")
    parser.add_argument("--data", metavar="JSON", help="the ticket or receipt as JSON, or @FILE")
    parser.add_argument("--paper", default="80mm", choices=("58mm", "80mm"))
    parser.add_argument(
        "--encoding", default="gb18030-fs", choices=("gb18030-fs", "gb18030", "utf-8")
    )
    parser.add_argument("--qr", default="native", choices=("native", "raster"))
    parser.add_argument("--no-cutter", action="store_true", help="the printer has a tear bar only")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S")
    parser.add_argument(
        "--no-status", action="store_true", help="do not ask DLE EOT (printer never answers)"
    )
    parser.set_defaults(func=run_print)

    emulator = subparsers.add_parser(
        "printer-emulator",
        help="a virtual network receipt printer that writes each job as PNG and text",
        description="Serve a virtual ESC/POS printer on TCP; each job becomes DIR/job-NNNN.png "
        "and DIR/job-NNNN.txt. DLE EOT status requests get the --status answer.",
    )
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=9100)
    emulator.add_argument("--out", required=True, type=Path, metavar="DIR")
    emulator.add_argument("--paper", default="80mm", choices=("58mm", "80mm"))
    emulator.add_argument(
        "--status", default="ok", choices=STATUSES, help="answer to DLE EOT (silent: none)"
    )
    emulator.add_argument(
        "--ascii-start", action="store_true", help="start outside Chinese mode (Epson-like)"
    )
    emulator.set_defaults(func=run_emulator)


def run_print(args: argparse.Namespace) -> int:
    from drivers.printer.errors import PrinterError
    from drivers.printer.printer import open_printer
    from drivers.printer.profile import PrinterProfile
    from drivers.printer.samples import self_test_page
    from kiosk.documents import case_receipt, queue_ticket, sample_receipt, sample_ticket

    profile = PrinterProfile.from_dict(
        {
            "paper": args.paper,
            "encoding": args.encoding,
            "qr": args.qr,
            "cutter": not args.no_cutter,
            "timeout": args.timeout,
            "status": not args.no_status,
        }
    )
    data = _load_data(args.data) if args.data else None
    if args.what == "test":
        if data is not None:
            raise UsageError("kiosk print test takes no --data")
        document = self_test_page(profile)
    elif args.what == "ticket":
        ticket = _ticket(data) if data is not None else sample_ticket()
        document = queue_ticket(ticket, profile.paper)
    else:
        receipt = _receipt(data) if data is not None else sample_receipt()
        document = case_receipt(receipt, profile.paper)
    try:
        with open_printer(args.printer, profile) as printer:
            printer.print_document(document)
    except PrinterError as exc:
        # Nothing is lost: the citizen can be shown (or read) what the paper would have said.
        if exc.exit_code == 1:
            _show_instead(document)
        raise
    print(f"printed the {args.what} on {args.printer}")
    return 0


def _show_instead(document: Document) -> None:
    print("未能打印，凭条内容如下 / not printed, the slip reads:", file=sys.stderr)
    sys.stderr.write(document.transcript())


def run_emulator(args: argparse.Namespace) -> int:
    from drivers.printer.emulator import EmulatedJob, PrinterEmulator
    from drivers.printer.profile import PaperWidth
    from drivers.printer.status import PrinterStatus

    statuses = {
        "ok": PrinterStatus(),
        "paper-near-end": PrinterStatus(paper_near_end=True),
        "paper-out": PrinterStatus(online=False, paper_out=True, paper_near_end=True),
        "cover-open": PrinterStatus(online=False, cover_open=True),
        "offline": PrinterStatus(online=False),
        "silent": PrinterStatus(),
    }

    def announce(job: EmulatedJob) -> None:
        print(f"job {job.number}: {job.png}", flush=True)

    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {args.out}: {exc.strerror}") from None
    emulator = PrinterEmulator(
        args.out,
        paper=PaperWidth.parse(args.paper),
        host=args.host,
        port=args.port,
        status=statuses[args.status],
        chinese_at_start=not args.ascii_start,
        on_job=announce,
        answers_status=args.status != "silent",
    )
    try:
        emulator.start()
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    print(
        f"printer emulator listening on {args.host}:{emulator.port}, writing jobs to {args.out}",
        flush=True,
    )
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


def _load_data(text: str) -> dict[str, Any]:
    if text.startswith("@"):
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read --data file {text[1:]}: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"--data is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise UsageError("--data must be a JSON object")
    return data


def _fields(data: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in data]
    unknown = sorted(set(data) - set(required) - set(optional))
    if missing:
        raise UsageError(f"--data lacks {', '.join(missing)}")
    if unknown:
        raise UsageError(f"--data has unknown field(s) {', '.join(unknown)}")


def _text(data: dict[str, Any], name: str) -> str:
    value = data[name]
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"--data field {name} must be a non-empty string")
    return value


def _int(data: dict[str, Any], name: str) -> int:
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"--data field {name} must be a whole number >= 0")
    return value


def _when(data: dict[str, Any], name: str) -> datetime:
    try:
        return datetime.fromisoformat(_text(data, name))
    except ValueError:
        raise UsageError(
            f"--data field {name} must be a date and time like 2026-11-27T09:30"
        ) from None


def _day(data: dict[str, Any], name: str) -> date:
    try:
        return date.fromisoformat(_text(data, name))
    except ValueError:
        raise UsageError(f"--data field {name} must be a date like 2026-12-11") from None


def _ticket(data: dict[str, Any]) -> Any:
    from kiosk.documents import TICKET_NOTICE, QueueTicket

    required = ("hall_name", "number", "category", "waiting_ahead", "issued_at", "follow_url")
    texts = ("notice", "item", "wait_at", "validity", "hotline")
    _fields(data, required, (*texts, "estimated_wait_minutes"))
    estimate = data.get("estimated_wait_minutes")
    given = {name: _text(data, name) for name in texts if name in data}
    return QueueTicket(
        hall_name=_text(data, "hall_name"),
        number=_text(data, "number"),
        category=_text(data, "category"),
        waiting_ahead=_int(data, "waiting_ahead"),
        issued_at=_when(data, "issued_at"),
        follow_url=_text(data, "follow_url"),
        estimated_wait_minutes=None if estimate is None else _int(data, "estimated_wait_minutes"),
        notice=given.get("notice", TICKET_NOTICE),
        item=given.get("item", ""),
        wait_at=given.get("wait_at", ""),
        validity=given.get("validity", ""),
        hotline=given.get("hotline", ""),
    )


def _receipt(data: dict[str, Any]) -> Any:
    from kiosk.documents import RECEIPT_NOTICE, CaseReceipt, Delivery

    required = (
        "hall_name",
        "case_number",
        "item_name",
        "item_code",
        "applicant_name",
        "applicant_id",
        "materials",
        "accepted_at",
        "promised_date",
        "promised_days",
        "delivery",
        "track_url",
        "verification_code",
    )
    _fields(data, required, ("ems_address", "notice"))
    materials = data["materials"]
    if not isinstance(materials, list) or not all(isinstance(m, str) for m in materials):
        raise UsageError("--data field materials must be a list of strings")
    try:
        delivery = Delivery(data["delivery"])
    except ValueError:
        raise UsageError("--data field delivery must be window or ems") from None
    try:
        return CaseReceipt(
            hall_name=_text(data, "hall_name"),
            case_number=_text(data, "case_number"),
            item_name=_text(data, "item_name"),
            item_code=_text(data, "item_code"),
            applicant_name=_text(data, "applicant_name"),
            applicant_id=_text(data, "applicant_id"),
            materials=tuple(materials),
            accepted_at=_when(data, "accepted_at"),
            promised_date=_day(data, "promised_date"),
            promised_days=_int(data, "promised_days"),
            delivery=delivery,
            track_url=_text(data, "track_url"),
            verification_code=_text(data, "verification_code"),
            ems_address=_text(data, "ems_address") if "ems_address" in data else "",
            notice=_text(data, "notice") if "notice" in data else RECEIPT_NOTICE,
        )
    except ValueError as exc:
        raise UsageError(f"--data: {exc}") from None
