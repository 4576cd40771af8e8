"""The terminal's side of the central API (一门受理 platform): the client and its errors.

Public API
----------
The contract itself (models, form answers, QR payloads) is the top-level ``contract`` package,
which the hub imports too.

``kiosk.api.client.HubClient(base_url, *, token, connect_timeout=3.0, read_timeout=10.0,
ca_bundle=None, client_cert=None, retries=2, backoff=0.25)`` — thread-safe; TLS verification
always on (``ca_bundle`` replaces the trust store, even over ``REQUESTS_CA_BUNDLE``;
``client_cert`` is a PEM path or a (cert, key) pair for mTLS). Creates send an
``Idempotency-Key`` (generated, or the caller's, as the outbox does), so they are retried with
backoff like reads and idempotent uploads; other writes are sent once. Methods:
``list_ticket_categories``, ``queues``, ``issue_ticket``, ``get_ticket``, ``heartbeat``,
``ping`` (a cheap authenticated read with the hub's clock from its Date header),
``send_journey_runs`` (the funnel's runs, in batches counted once by id),
``get_catalog(site=, etag=)`` (a ``CatalogFetch``: the catalog, or ``not_modified`` after a
304 when the ETag sent is current), ``get_item``, ``appointment_slots``, ``book_appointment``,
``check_in``, ``cancel_appointment``, ``get_appointment``,
``create_case_with_materials(request, materials, idempotency_key=)`` (one request, one commit;
where a hub lacks it, ``lacks_operation(refusal)`` is true and the two-step form remains:)
``create_case(request, idempotency_key=)``, ``upload_material``, ``get_case``, ``lookup_case``,
``transition_case``, ``evaluate``,
``list_counters``, ``call_next``, ``call_number``, ``ticket_action``, ``transfer_ticket``,
``bad_ratings``, ``follow_up``, ``ticket_stats``, ``identity_public_key``,
``resolve_identity_code``, ``call_for_help``, ``help_call``, ``close_help_call``, ``help_calls``,
``answer_help_call``, ``submit_complaint(request, idempotency_key=)``, ``complaint_status``.

``kiosk.api.errors`` — all subclass ``kiosk.errors.KioskError``: ``HubUnreachable`` (network or
TLS: keep the work and retry later), ``HubRejected`` (4xx: ``.code``, ``.citizen_message`` to
show, ``.status``), ``HubFailure`` (5xx or an answer outside the contract).

Example::

    with HubClient(base_url, token=token) as hub:
        ticket = hub.issue_ticket(TicketIssueRequest(category_code="general"))
        print(ticket.number, ticket.waiting_ahead)
"""
