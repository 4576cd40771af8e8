"""A 12345 platform stand-in for tests: a real HTTP server on 127.0.0.1 that checks each
request's HMAC-SHA256 signature itself (not with the hub's code), keeps one complaint per
idempotency key, and fails the first requests as it is told to."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = b"test-webhook-secret-0123456789"


class Receiver:
    """``failures``: what the first requests meet, in order — ``"500"`` (an error answer) or
    ``"timeout"`` (the complaint is taken, then the answer comes too late for the hub)."""

    def __init__(self, failures: list[str] | None = None, *, late_seconds: float = 1.5) -> None:
        self.failures = list(failures or [])
        self.late_seconds = late_seconds
        self.complaints: dict[str, dict[str, Any]] = {}  # by idempotency key
        self.requests: list[tuple[str, bool]] = []  # (what it met, signature good)
        self.lock = threading.Lock()
        self.taken = threading.Condition(self.lock)
        self.url = ""

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        timestamp = handler.headers.get("X-Yimen-Timestamp", "")
        expected = hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        signed = (
            hmac.compare_digest(f"sha256={expected}", handler.headers.get("X-Yimen-Signature", ""))
            and abs(time.time() - int(timestamp or 0)) < 300
        )
        key = handler.headers.get("Idempotency-Key", "")
        with self.lock:
            fate = self.failures.pop(0) if self.failures else "ok"
            self.requests.append((fate, signed))
            if not signed:
                fate = "401"
            elif fate != "500":
                self.complaints.setdefault(key, json.loads(body))
            self.taken.notify_all()
            number = list(self.complaints).index(key) + 1 if key in self.complaints else 0
        if fate == "timeout":
            time.sleep(self.late_seconds)  # the hub has given up waiting by now
        if fate in ("500", "401"):
            handler.send_response(int(fate))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        answer = json.dumps({"platform_reference": f"12345-{number:05d}"}).encode()
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(answer)))
            handler.end_headers()
            handler.wfile.write(answer)
        except OSError:  # the hub hung up (the late answer)
            pass

    def wait_for(self, count: int, timeout: float = 20.0) -> None:
        """Until ``count`` requests arrived."""
        with self.lock:
            if not self.taken.wait_for(lambda: len(self.requests) >= count, timeout):
                raise AssertionError(f"{len(self.requests)} requests, not {count}")


@contextmanager
def serving(receiver: Receiver) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            receiver.handle(self)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/12345/complaints"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
