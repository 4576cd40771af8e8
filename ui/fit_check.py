"""What a citizen cannot see on the screen as it is shown: an action or a value below the fold
(seen only after scrolling, or not at all) and text cut off by its box.

A page must fit without scrolling at all. Used by the demo tour on every screen of every look,
and so by the test that runs the tour.
A scrolling list (search results, a catalog) is the one place allowed to hold more than fits:
its area is marked with :func:`mark_list`; the area itself has to be in view, tall enough to show
its first entry whole (search results squeezed to nothing by the on-screen keyboard are not seen).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QLineEdit, QWidget

LIST_AREA = "scrollingList"
SLACK = 2  # px: rounding in layouts and font metrics


def mark_list(area: QAbstractScrollArea) -> None:
    """``area`` is a list that may scroll: its entries need not all be in view."""
    area.setProperty(LIST_AREA, True)


def _visible_part(widget: QWidget, window: QWidget) -> tuple[QRect, QRect, bool]:
    """(the widget's rect in window coordinates, the part of it that can be seen, whether it
    lies in a marked list): each ancestor's rect clips it, as the screen does."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    seen = QRect(rect)
    in_list = False
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        origin = parent.mapTo(window, parent.rect().topLeft())
        seen = seen.intersected(QRect(origin, parent.size()))
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.property(LIST_AREA):
            in_list = True
        parent = parent.parentWidget()
    return rect, seen.intersected(window.rect()), in_list


def _text_cut(widget: QWidget) -> str:
    """Why the widget's own text does not fit its box, or ""."""
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return f"text needs {need}px high, has {widget.height()}"
        else:
            need = widget.sizeHint().width()
            if need > widget.width() + SLACK:
                return f"text needs {need}px wide, has {widget.width()}"
    elif isinstance(widget, QAbstractButton) and widget.text() and not widget.layout():
        need = widget.sizeHint().width()
        if need > widget.width() + SLACK:
            return f"text needs {need}px wide, has {widget.width()}"
    return ""


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        text = widget.text() or (widget.placeholderText() if isinstance(widget, QLineEdit) else "")
    text = " ".join(text.split())
    return f"{type(widget).__name__} {text[:30]!r}" if text else type(widget).__name__


def _first_entry(area: QAbstractScrollArea) -> QWidget | None:
    content = area.viewport().findChildren(QWidget)
    shown = [w for w in content if _is_text(w) and w.isVisibleTo(area) and w.height() > 0]
    return min(shown, key=lambda w: w.mapTo(area, w.rect().topLeft()).y(), default=None)


def _is_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text()) or not widget.pixmap().isNull()
    return isinstance(widget, (QAbstractButton, QLineEdit))


def _list_faults(window: QWidget) -> list[str]:
    found: list[str] = []
    for area in window.findChildren(QAbstractScrollArea):
        if not area.property(LIST_AREA) or not area.isVisibleTo(window):
            continue
        entry = _first_entry(area)
        if entry is None:
            continue  # an empty list: its notice ("nothing found") is checked as any text
        seen = _visible_part(area, window)[1]
        room = max(0, min(seen.height(), area.viewport().height()))
        if room + SLACK < entry.height():
            found.append(f"list from {_name(entry)}: {room}px of its {entry.height()}px in view")
    return found


def _scroll_faults(window: QWidget) -> list[str]:
    """A page that scrolls at all: a scroll bar at its side, and something of it out of view."""
    found: list[str] = []
    for area in window.findChildren(QAbstractScrollArea):
        if area.property(LIST_AREA) or not area.isVisibleTo(window):
            continue
        if (extra := area.verticalScrollBar().maximum()) > SLACK:
            found.append(f"{_name(area)}: the page scrolls by {extra}px")
    return found


def faults(window: QWidget) -> list[str]:
    """Every button, field and text shown in ``window`` that is not wholly in view, or whose
    text is cut off; every list that does not show its first entry whole; every page that
    scrolls."""
    found: list[str] = _list_faults(window) + _scroll_faults(window)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            continue
        if not widget.isVisibleTo(window) or widget.width() <= 0 or widget.height() <= 0:
            continue
        if isinstance(widget, QLabel) and not widget.text() and widget.pixmap().isNull():
            continue
        rect, seen, in_list = _visible_part(widget, window)
        if in_list:
            continue
        if seen.isEmpty():
            found.append(f"{_name(widget)}: out of view")
            continue
        hidden = (rect.height() - seen.height(), rect.width() - seen.width())
        if hidden[0] > SLACK or hidden[1] > SLACK:
            side = f"{hidden[0]}px" if hidden[0] > SLACK else f"{hidden[1]}px at the side"
            found.append(f"{_name(widget)}: {side} out of view")
            continue
        if cut := _text_cut(widget):
            found.append(f"{_name(widget)}: {cut}")
    return found
