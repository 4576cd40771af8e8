"""Names from data (the catalog's items and life events) as a push button's text: a button
neither wraps nor shows an "&" unless told, nor grows for a second line in a scrolling list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QPushButton

LINE_CHARS = 16  # what fits one item button in the narrowest look (elder, landscape column)
_BREAK_AFTER = "和及与、（"


def shown_as_is(text: str) -> str:
    """Data (a catalog name) for a button's text: an "&" in it is shown, not taken as the
    marker of a keyboard shortcut ("Social & medical", not "Social _medical")."""
    return text.replace("&", "&&")


class ItemButton(QPushButton):
    """An entry of a scrolling list of items, never shorter than its lines of text: the list
    gives each entry only its minimum height, and the theme's min-height (which the style sets
    again whenever it polishes the button) is one line's."""

    def __init__(self, text: str, min_height: int = 0) -> None:
        super().__init__(shown_as_is(text))
        self.setObjectName("ItemButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as every button (ui.widgets.make_button)
        self._min_height = min_height

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange):
            lines = max(self._min_height, self.minimumHeight(), self.sizeHint().height())
            if lines != self.minimumHeight():
                self.setMinimumHeight(lines)
        return done


def two_lines(name: str, limit: int = LINE_CHARS) -> str:
    """A long item name on two lines (a push button does not wrap): after a conjunction or
    mark near the middle when there is one, else in the middle; an English name (in letters
    about half as wide) between the words nearest its middle."""
    if " " in name and name.isascii():
        return _two_lines_of_words(name, 2 * limit)
    if len(name) <= limit:
        return name
    middle = len(name) // 2
    cuts = [i + 1 for i, ch in enumerate(name) if ch in _BREAK_AFTER and 0 < i + 1 < len(name)]
    cut = min(cuts, key=lambda i: abs(i - middle)) if cuts else middle
    if max(cut, len(name) - cut) > limit + 4:  # a lopsided cut: the middle is better
        cut = middle
    return name[:cut] + "\n" + name[cut:]


def _two_lines_of_words(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    middle = len(name) // 2
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
    return name[:cut] + "\n" + name[cut + 1 :]
