"""One shape for the terminal's background senders (the outbox, the funnel's runs, the
heartbeat): a daemon thread running the sender's loop until stopped, woken early when there is
something new to send. What is not sent when it stops stays where it was kept."""

from __future__ import annotations

import threading


class BackgroundLoop:
    """``_run`` on a daemon thread named ``thread_name``; it waits on ``_wake`` (set by
    :meth:`notify`) and ends when ``_stop`` is set."""

    thread_name = "background"

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def notify(self) -> None:
        """Something new to send: wake the loop now rather than at its next round."""
        self._wake.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the thread, waiting up to ``timeout`` seconds for a pass under way."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        raise NotImplementedError
