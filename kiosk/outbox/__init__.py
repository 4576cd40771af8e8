"""The offline outbox: a case is stored (encrypted) before it is sent and sent exactly once.

Public API
----------
``Outbox(path, key_file, *, terminal_id)`` — SQLite in WAL mode with ``synchronous=FULL``;
payloads and materials sealed with AES-256-GCM (key file created 0600 if missing).
``submit(case: CaseCreate, materials: dict[code, bytes]) -> ProvisionalReceipt`` returns only
after the commit: ``provisional_number`` (``<terminal>-<yyyymmdd>-<seq>``) and the true message
"已提交，待上传"; ``receipt(entry_id)`` later carries the hub's case number.
``status()``, ``depth()`` (for the heartbeat).

``OutboxSender(outbox, client, *, on_settled=None, on_attempt_failed=None)`` — ``start()`` a
background thread, ``submit(case, materials)`` (stores, then wakes the thread to send at once),
``stop()``; ``drain()`` tries every pending entry once; ``on_settled(receipt)`` is called when an
entry is delivered (with its case number) or rejected, ``on_attempt_failed(AttemptFailed)``
when an attempt failed and the entry waits for a retry. Delivery is marked only
on the hub's answer; the entry id is the Idempotency-Key, so a resend after kill -9 or a lost
answer finds the same case.
"""
