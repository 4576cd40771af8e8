"""A translator that makes every string 40% longer: a cheap test that layouts leave room for
translations (English and other languages run longer than the Chinese sources).

The demo tour shows every screen in this look, and ``ui.fit_check`` checks that nothing is cut
off; tests install it to check single screens.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

STRETCH = 0.4
FILLER = "长"


class StretchTranslator(QTranslator):
    """Every source string followed by ``FILLER`` characters, 40% of its length (at least one)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        text = source.replace("%n", str(n)) if n >= 0 else source
        return text + FILLER * max(1, round(len(text) * STRETCH))
