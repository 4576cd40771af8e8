"""Requests on a kept-alive connection are answered at once (no Nagle / delayed-ACK stall)."""

from __future__ import annotations

import socket
import statistics
import time

import requests

from hub.embedded import EmbeddedHub
from hub.listen import listening_socket


def test_the_listening_socket_says_tcp_so_accepted_sockets_get_nodelay() -> None:
    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
    finally:
        sock.close()


def test_a_kept_alive_request_does_not_wait_for_a_delayed_ack(hub: EmbeddedHub) -> None:
    target = f"{hub.base_url}/api/v1/identity-codes/public-key"
    times = []
    with requests.Session() as kept:
        kept.get(target, timeout=5).raise_for_status()
        for _ in range(20):
            start = time.perf_counter()
            kept.get(target, timeout=5).raise_for_status()
            times.append(time.perf_counter() - start)
    # With the stall every request took 40 ms or more; without it a few milliseconds.
    assert statistics.median(times) < 0.025, f"median {statistics.median(times) * 1000:.1f} ms"
