"""Complaint forwarding figures: the time from a kiosk's POST of a complaint to the 12345
platform's webhook having it, with the receiver up, beside the POST alone.

The hub is the embedded one (SQLite file, uvicorn on loopback) with its complaints webhook set
to a small http.server on 127.0.0.1 that checks each request's signature and notes when it has
the complaint. One kiosk posts COUNT complaints one after another (HubClient, Idempotency-Key),
each waited for at the receiver before the next; then the same COUNT against a hub with no
webhook (the POST alone, nothing forwarded). Printed, not asserted.

Run: PYTHONPATH=. python bench/complaints.py [COUNT]  (about 20 s for 200)
"""

from __future__ import annotations

import hashlib
import hmac
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from contract import models as m
from hub.context import HubSettings
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

SECRET = b"bench-webhook-secret-0123456789"
TEXT = "大厅空调温度过低，等候区的老人反映很冷，建议调高一些。"


class Receiver:
    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.bad_signatures = 0
        self.changed = threading.Condition()

    def took(self, key: str, signed: bool) -> None:
        with self.changed:
            if not signed:
                self.bad_signatures += 1
            self.arrived.setdefault(key, time.perf_counter())
            self.changed.notify_all()

    def wait(self, key: str, timeout: float = 30.0) -> float:
        with self.changed:
            if not self.changed.wait_for(lambda: key in self.arrived, timeout):
                raise TimeoutError(f"{key} never reached the receiver")
            return self.arrived[key]


def serve(receiver: Receiver) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stamp = self.headers.get("X-Yimen-Timestamp", "")
            digest = hmac.new(SECRET, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            signed = hmac.compare_digest(f"sha256={digest}", self.headers["X-Yimen-Signature"])
            receiver.took(self.headers.get("Idempotency-Key", ""), signed)
            answer = b'{"platform_reference": "bench"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/complaints"


def complaint(n: int) -> m.ComplaintCreate:
    return m.ComplaintCreate(
        kind=m.ComplaintKind.SUGGESTION, about=m.ComplaintAbout.HALL, text=f"{TEXT}（{n}）"
    )


def run(
    count: int, settings: HubSettings, receiver: Receiver | None
) -> tuple[list[float], list[float]]:
    posts: list[float] = []
    arrivals: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        hub = EmbeddedHub(Path(folder), settings=settings)
        with hub, HubClient(hub.start(), token=hub.register_terminal("K01")) as client:
            for n in range(count + 5):  # the first five warm the paths up, uncounted
                start = time.perf_counter()
                receipt = client.submit_complaint(complaint(n), idempotency_key=f"bench-{n}")
                answered = time.perf_counter()
                arrived = receiver.wait(receipt.reference) if receiver else answered
                if n >= 5:
                    posts.append((answered - start) * 1000)
                    arrivals.append((arrived - start) * 1000)
    return posts, arrivals


def line(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"{label:<44} median {statistics.median(values):7.1f} ms   p99 {p99:7.1f} ms"
        f"   max {ordered[-1]:7.1f} ms"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    receiver = Receiver()
    server, url = serve(receiver)
    settings = HubSettings(complaints_webhook_url=url, complaints_webhook_secret=SECRET)
    try:
        posts, arrivals = run(count, settings, receiver)
    finally:
        server.shutdown()
    alone, _ = run(count, HubSettings(), None)
    print(f"{count} complaints, one at a time, SQLite hub on loopback")
    print(line("POST /complaints alone (no webhook)", alone))
    print(line("POST /complaints (webhook configured)", posts))
    print(line("POST to the webhook receiver having it", arrivals))
    print(f"signatures refused by the receiver: {receiver.bad_signatures}")


if __name__ == "__main__":
    main()
