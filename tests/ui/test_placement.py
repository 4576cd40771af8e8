"""The placement pictures (where the card, the phone's code, the slip, the paper goes): they move
while their page is on screen, cost nothing once it is not, follow the look, and stand where the
citizen has to act."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from ui.theme import apply_theme
from ui.widgets.placement import Placement, PlacementAnimation


@pytest.mark.parametrize("kind", list(Placement))
def test_it_moves_while_shown_and_stops_when_its_page_goes(
    qtbot: QtBot, themed: QApplication, kind: Placement
) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    picture = PlacementAnimation(kind)
    other = QWidget()
    stack.addWidget(picture)
    stack.addWidget(other)
    stack.resize(picture.sizeHint())
    assert not picture.running  # built, not yet on screen
    stack.show()
    first = picture.grab().toImage()
    qtbot.waitUntil(lambda: picture.frame >= 8, timeout=5000)
    assert picture.grab().toImage() != first  # the object has moved on
    stack.setCurrentWidget(other)  # another page of the journey
    assert not picture.running  # no frame drawn for a page nobody sees
    stack.setCurrentWidget(picture)
    assert picture.running and picture.frame == 0  # from the start again
    stack.hide()
    assert not picture.running


def test_it_follows_the_look(qtbot: QtBot, themed: QApplication) -> None:
    """Larger and in the elder look's darker blue in 长者模式, from the theme."""
    holder = QWidget()
    qtbot.addWidget(holder)
    picture = PlacementAnimation(Placement.CARD, holder)
    holder.show()
    standard, ink = picture.sizeHint(), picture.ink.name()
    try:
        apply_theme(themed, elder=True)
        QApplication.processEvents()
        assert picture.sizeHint().height() > standard.height() * 1.15
        assert picture.ink.name() != ink
    finally:
        apply_theme(themed)
    assert picture.sizeHint() == standard and picture.ink.name() == ink
    assert picture.accessibleName() and picture.toolTip() == picture.accessibleName()
