from __future__ import annotations

from dataclasses import dataclass

from drivers.events import Broadcaster


@dataclass(frozen=True)
class Ping:
    n: int


def test_new_subscriber_gets_current_state_first() -> None:
    hub: Broadcaster[Ping] = Broadcaster()
    hub.publish(Ping(1))
    hub.publish(Ping(2))
    seen: list[Ping] = []
    hub.subscribe(seen.append)
    hub.publish(Ping(3))
    assert seen == [Ping(2), Ping(3)]


def test_transient_events_are_not_replayed() -> None:
    hub: Broadcaster[Ping] = Broadcaster()
    hub.publish(Ping(1))
    hub.publish(Ping(9), is_state=False)
    seen: list[Ping] = []
    hub.subscribe(seen.append)
    assert seen == [Ping(1)]


def test_unsubscribe_and_broken_subscriber() -> None:
    hub: Broadcaster[Ping] = Broadcaster()
    seen: list[Ping] = []

    def broken(_: Ping) -> None:
        raise RuntimeError("boom")

    hub.subscribe(broken)
    stop = hub.subscribe(seen.append)
    hub.publish(Ping(1))
    stop()
    hub.publish(Ping(2))
    assert seen == [Ping(1)]
