"""Report the same QR text once while it stays in view, and again only after a pause."""

from __future__ import annotations


class Deduplicator:
    """A text is new if it was not seen within ``window`` seconds; every sighting renews it.

    A citizen holding a phone in front of the camera produces the same code in every frame: it
    is reported once. Taking the phone away for ``window`` seconds and showing it again reports
    it again, which is what a citizen who retries expects.
    """

    def __init__(self, window: float = 3.0, *, capacity: int = 256) -> None:
        if window < 0:
            raise ValueError("the de-duplication window cannot be negative")
        self.window = window
        self._capacity = capacity
        self._last_seen: dict[str, float] = {}

    def is_new(self, text: str, now: float) -> bool:
        last = self._last_seen.get(text)
        self._last_seen[text] = now
        if len(self._last_seen) > self._capacity:
            self._forget_before(now - self.window)
        return last is None or now - last >= self.window

    def reset(self) -> None:
        self._last_seen.clear()

    def _forget_before(self, cutoff: float) -> None:
        self._last_seen = {t: seen for t, seen in self._last_seen.items() if seen >= cutoff}
        while len(self._last_seen) > self._capacity:  # a flood of distinct codes: drop oldest
            self._last_seen.pop(next(iter(self._last_seen)))
