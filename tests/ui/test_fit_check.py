"""ui.fit_check on lists: a list may scroll, but it must show its first entry whole."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui import fit_check
from ui.widgets import make_button
from ui.widgets.journey_kit import list_area


def test_a_list_squeezed_below_one_entry_is_a_fault(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    above = QLabel("the rest of the page")
    layout.addWidget(above)
    entries = QVBoxLayout()
    for name in ("居住证申领", "就业创业证申领", "老年人优待证办理"):
        button = make_button(name)
        button.setFixedHeight(90)
        entries.addWidget(button)
    layout.addWidget(list_area(entries), 1)
    window.resize(600, 700)
    window.show()
    QApplication.processEvents()
    assert fit_check.faults(window) == []
    above.setFixedHeight(640)  # as the on-screen keyboard would squeeze it
    QApplication.processEvents()
    found = fit_check.faults(window)
    assert len(found) == 1 and "'居住证申领'" in found[0], found


def test_a_page_that_scrolls_at_all_is_a_fault(qtbot: QtBot) -> None:
    """Even by a few pixels with nothing cut: a scroll bar at the side says there is more."""
    from PySide6.QtWidgets import QScrollArea

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    page = QWidget()
    body = QVBoxLayout(page)
    body.addWidget(QLabel("a page"))
    spacer = QWidget()
    body.addWidget(spacer)
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setWidget(page)
    layout.addWidget(holder)
    window.resize(600, 400)
    window.show()
    QApplication.processEvents()
    assert fit_check.faults(window) == []
    spacer.setMinimumHeight(600)  # empty room below the fold: the page scrolls
    qtbot.waitUntil(lambda: fit_check.faults(window) != [])
    found = fit_check.faults(window)
    assert len(found) == 1 and "scrolls" in found[0], found
    fit_check.mark_list(holder)  # a list may scroll
    assert fit_check.faults(window) == []
