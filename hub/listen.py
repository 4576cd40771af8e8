"""The hub's listening socket, made once for ``kiosk hub serve`` and the embedded hub.

It is created with protocol ``IPPROTO_TCP`` rather than 0: asyncio sets TCP_NODELAY only on
accepted sockets whose protocol says TCP, and without it Nagle's algorithm holds back the second
part of every small response until the client's delayed ACK (about 40 ms), so each request on a
kept-alive connection (every terminal keeps its connections) waited 44 ms instead of 2.
"""

from __future__ import annotations

import socket


def listening_socket(host: str, port: int, backlog: int = 128) -> socket.socket:
    """A bound, listening TCP socket (``port`` 0 picks a free one); OSError when it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock
