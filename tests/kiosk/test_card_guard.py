"""A card left on the reader at a session's end is not the next citizen's: a real monitor over
the simulated reader."""

from __future__ import annotations

import threading

from drivers.idcard import CardMonitor, CardRead, SimulatedReader
from drivers.idcard.samples import sample_resident
from kiosk.card_guard import LeftCardGuard

WAIT = 20.0


def _monitor_with_guard() -> tuple[SimulatedReader, CardMonitor, LeftCardGuard]:
    reader = SimulatedReader()
    monitor = CardMonitor(reader, poll_interval=0.02)
    guard = LeftCardGuard(monitor)
    return reader, monitor, guard


def test_a_card_left_at_the_end_blocks_until_it_is_taken() -> None:
    reader, monitor, guard = _monitor_with_guard()
    read = threading.Event()
    changes: list[bool] = []
    monitor.subscribe(lambda e: read.set() if isinstance(e, CardRead) else None)
    unwatch = guard.watch()
    guard.changes.subscribe(lambda _: changes.append(guard.blocked))
    with monitor:
        assert guard.session_ended() is False  # no card: nothing left behind
        assert not guard.blocked
        reader.place_card(sample_resident())
        assert read.wait(WAIT)
        assert guard.session_ended() is True
        assert guard.blocked and changes == [True]
        unblocked = threading.Event()
        guard.changes.subscribe(lambda _: unblocked.set() if not guard.blocked else None)
        reader.remove_card()
        assert unblocked.wait(WAIT)
        assert not guard.blocked and changes[-1] is False
    unwatch()


def test_without_a_reader_nothing_is_ever_left() -> None:
    guard = LeftCardGuard(None)
    guard.watch()()
    assert guard.session_ended() is False and not guard.blocked


def test_subscribers_get_a_left_card_as_left_card_seen() -> None:
    from kiosk.card_guard import LeftCardSeen

    reader, monitor, guard = _monitor_with_guard()
    read = threading.Event()
    monitor.subscribe(lambda e: read.set() if isinstance(e, CardRead) else None)
    guard.watch()
    with monitor:
        reader.place_card(sample_resident())
        assert read.wait(WAIT)
        assert guard.session_ended()
        seen: list[object] = []
        unsubscribe = guard.subscribe(seen.append)  # replays the card on the reader
        assert [e for e in seen if isinstance(e, LeftCardSeen | CardRead)] == [LeftCardSeen()]
        unsubscribe()
        again = threading.Event()
        guard.subscribe(lambda e: again.set() if isinstance(e, CardRead) else None)
        unblocked = threading.Event()
        guard.changes.subscribe(lambda _: unblocked.set() if not guard.blocked else None)
        reader.remove_card()
        assert unblocked.wait(WAIT)
        reader.place_card(sample_resident())
        assert again.wait(WAIT)  # the next card, placed after the left one went, is read
