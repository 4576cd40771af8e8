"""The applicant's credit status on the workbench (信用查询), for items that require it.

Asked of the hub when the case opens, shown only while the case is open, never kept: closing the
case (or opening another) clears it. 失信 in red with each entry's source and date, 守信 in green,
未见记录 plainly; nothing at all for items that do not require a check.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from contract import models as m

S = m.CreditStatus
HEADLINES = {
    S.BLACK: QT_TRANSLATE_NOOP("CreditBadge", "失信"),
    S.RED: QT_TRANSLATE_NOOP("CreditBadge", "守信"),
    S.NOT_LISTED: QT_TRANSLATE_NOOP("CreditBadge", "未见记录"),
}
LISTS = {
    m.CreditList.BLACK: QT_TRANSLATE_NOOP("CreditBadge", "失信名单"),
    m.CreditList.RED: QT_TRANSLATE_NOOP("CreditBadge", "守信名单"),
}


def words(source: object) -> str:
    return QCoreApplication.translate("CreditBadge", str(source))


def describe(record: m.CreditRecord) -> str:
    """``信用：失信 — 失信名单 · 区发改委 · 2026-01-05 · 拒不履行法院判决`` (an entry per line)."""
    headline = QCoreApplication.translate("CreditBadge", "信用：%1")
    lines = [headline.replace("%1", words(HEADLINES[record.status]))]
    for entry in record.entries:
        parts = [words(LISTS[entry.list]), entry.source, f"{entry.listed_on:%Y-%m-%d}"]
        if entry.reason:
            parts.append(entry.reason)
        lines.append("  " + " · ".join(parts))
    return "\n".join(lines)


class CreditBadge(QLabel):
    """Hidden until a record (or a failure to get one) is shown for the open case."""

    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("CreditBadge")
        self.setWordWrap(True)
        self.status: m.CreditStatus | None = None  # what shows now (tests, the window)
        self.clear_record()

    def checking(self) -> None:
        self.status = None
        self._show(self.tr("信用：正在查询……"), "checking")

    def show_record(self, record: m.CreditRecord) -> None:
        self.status = record.status
        self._show(describe(record), record.status.value)

    def failed(self, message: str) -> None:
        self.status = None
        text = self.tr("信用：查询失败（%1），请在信用系统中核查。").replace("%1", message)
        self._show(text, "failed")

    def clear_record(self) -> None:
        self.status = None
        self._show("", "")

    def _show(self, text: str, kind: str) -> None:
        if kind != self.property("kind") or text != self.text():
            self.setText(text)
            self.setProperty("kind", kind)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setVisible(bool(text))
