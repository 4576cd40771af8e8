"""The terminal's side of the central API (一门受理 platform): contract, client, errors.

Public API
----------
``kiosk.api.models`` — the pydantic v2 contract shared with the hub (``hub`` imports only this
package). Key models: ``TicketCategory(code, name, name_en, prefix, ...)``,
``TicketIssueRequest(category_code, priority="normal", id_number=None, appointment_code=None)``,
``TicketIssued(ticket_id, number, category_code, category_name, waiting_ahead,
estimated_wait_minutes, issued_at, follow_url)``, ``Problem`` (RFC 9457 problem+json with a
machine ``code`` from ``ProblemCode`` and a Chinese, citizen-facing ``detail``).

``kiosk.api.client.HubClient(base_url, *, token, connect_timeout=3.0, read_timeout=10.0,
ca_bundle=None, client_cert=None)`` — thread-safe; TLS verification always on (``ca_bundle``
replaces the trust store, ``client_cert`` is a PEM path or a (cert, key) pair for mTLS). Every
create sends an ``Idempotency-Key`` so it can be retried safely; reads are retried with backoff,
other writes are sent once. Methods: ``list_ticket_categories()``, ``issue_ticket(request)``,
``get_ticket(ticket_id)``.

``kiosk.api.errors`` — all subclass ``kiosk.errors.KioskError``:
``HubUnreachable`` (network: keep the work and retry later), ``HubRejected`` (4xx: ``.code``,
``.citizen_message`` to show, ``.status``), ``HubFailure`` (5xx or an answer outside the contract).

Example::

    with HubClient(base_url, token=token) as hub:
        ticket = hub.issue_ticket(TicketIssueRequest(category_code="general"))
        print(ticket.number, ticket.waiting_ahead)
"""
