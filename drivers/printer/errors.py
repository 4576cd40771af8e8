"""Printer failures, each a named :class:`~drivers.errors.DeviceError`.

``reason`` is the machine code the device-health model and the UI use ("paper_out", ...);
``notice`` is a short Chinese sentence the kiosk can show a citizen as is. When a job fails, the
error carries the document, so the caller can show the ticket on screen instead: a number the hub
issued is never lost because the paper ran out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.errors import DeviceError

if TYPE_CHECKING:
    from drivers.printer.document import Document


class PrinterError(DeviceError):
    reason = "printer_error"
    notice = "打印机故障，请联系工作人员。"

    def __init__(self, message: str, *, document: Document | None = None) -> None:
        super().__init__(message)
        self.document = document


class PrinterConfigError(PrinterError):
    """A printer URI or profile is wrong (bad input: exit code 2)."""

    exit_code = 2
    reason = "config"
    notice = "打印机设置有误，请联系工作人员。"


class PrinterUnreachable(PrinterError):
    reason = "unreachable"
    notice = "打印机未连接，请联系工作人员。"


class PrinterConnectionLost(PrinterError):
    reason = "connection_lost"
    notice = "打印中断，请联系工作人员。"


class PrinterTimeout(PrinterError):
    reason = "timeout"
    notice = "打印机无响应，请联系工作人员。"


class PaperOut(PrinterError):
    reason = "paper_out"
    notice = "打印机缺纸，请联系工作人员补纸。"


class CoverOpen(PrinterError):
    reason = "cover_open"
    notice = "打印机盖未关好，请联系工作人员。"


class PrinterOffline(PrinterError):
    reason = "offline"
    notice = "打印机暂停服务，请联系工作人员。"
