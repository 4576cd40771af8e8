"""Fault-injection helpers: the hub as a separate process, and a TCP proxy that can hold or
lose answers and run a hook when a request passes (to kill the hub mid-request)."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError("child process said nothing in time")
    return proc.stdout.readline().strip()


class HubProcess:
    """``kiosk hub serve`` in its own process, on a SQLite file that outlives it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db_url = f"sqlite:///{data_dir / 'hub.sqlite3'}"
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0

    def register(self, terminal_id: str) -> str:
        from contract.models import TerminalRegistration
        from hub.app import create_app
        from hub.auth import register_terminal

        app = create_app(self.db_url, seed_sample=True)
        token = register_terminal(
            app.state.hub, TerminalRegistration(terminal_id=terminal_id)
        ).token
        app.state.hub.engine.dispose()
        return token

    def start(self) -> int:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "hub", "serve", "--db", self.db_url, "--port", "0",
             "--data-dir", str(self.data_dir), "--public-url", "https://hall.example"],
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )  # fmt: skip
        line = read_line(self.proc, 60)
        assert line.startswith("hub serving on http://127.0.0.1:"), line
        self.port = int(line.rsplit(":", 1)[1])
        return self.port

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()


class FaultProxy:
    """Forwards 127.0.0.1:port to the upstream port. ``on_request(head)`` runs after a request
    chunk went upstream; ``hold_predicate`` keeps the answer to the first matching request
    from the client (it sets ``held`` once the hub answered) until ``release``; then the answer
    is relayed, or with ``drop_held`` thrown away and the connection closed (a lost answer)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.on_request: Callable[[bytes], None] | None = None
        self.hold_predicate: Callable[[bytes], bool] | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.drop_held = False
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._closing = threading.Event()
        self._threads: list[threading.Thread] = []
        self._spawn(self._accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            self._spawn(self._serve, client)

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        hold = threading.Event()  # set when this connection's current answer must be held
        self._spawn(self._pump_requests, client, upstream, hold)
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                if hold.is_set():
                    self.held.set()
                    self.release.wait()
                    hold.clear()
                    if self.drop_held:
                        break
                client.sendall(data)
        except OSError:
            pass
        finally:
            # shutdown, not just close: the request pump may sit in recv() on these sockets,
            # and only shutdown sends the FIN at once (close would wait for that recv).
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _pump_requests(
        self, client: socket.socket, upstream: socket.socket, hold: threading.Event
    ) -> None:
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                if self.hold_predicate is not None and self.hold_predicate(data):
                    self.hold_predicate = None
                    hold.set()
                upstream.sendall(data)
                if self.on_request is not None:
                    self.on_request(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                upstream.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._closing.set()
        self.release.set()
        self._sock.close()
