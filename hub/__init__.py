"""Reference central API (the hub): FastAPI + SQLAlchemy 2, SQLite by default, PostgreSQL by URL.

Public API
----------
``hub.app.create_app(db_url, *, admin_token=None, settings=None, clock=utc_now,
seed_sample=False, calendar=None, data_dir=None) -> FastAPI`` — migrates the database
(``hub.migrations``: alembic, revisions in ``hub/alembic/versions``; a pre-alembic
``schema_version`` database is adopted), optionally loads the sample hall
(示例数据, ``config/catalog/``) into an empty one, and serves everything under ``/api/v1``.
OpenAPI at ``/api/v1/openapi.json``; the committed copy is ``hub/openapi.json``
(``kiosk hub openapi --write`` after a deliberate contract change). Every error is RFC 9457
``application/problem+json`` with a machine ``code`` and a Chinese ``detail`` for citizens.

``hub.embedded.EmbeddedHub(data_dir, *, host="127.0.0.1", port=0, seed_sample=True,
settings=None, clock=utc_now, db_url=None, tls=None, calendar=None)`` — the hub in-process on a
background thread (uvicorn); SQLite ``hub.sqlite3``, admin token ``admin-token`` and identity
signing key ``identity-ed25519.pem`` (both 0600) in ``data_dir``. Context manager, or ``start()``
(returns the base URL, valid at once), ``register_terminal(terminal_id, mode=HALL) -> token``,
``issue_identity_code(name, id_number, ttl_seconds=120) -> QR text``, ``stop()``. Terminals get it
through the ``kiosk.local_hub`` entry point (never by import); ``demo_hub(data_dir)`` is the one
``kiosk demo`` runs: the sample hall, taking appointments every day.

Administration: ``kiosk hub serve|register-terminal|import-catalog|import-queues|openapi``
(``serve --sample`` loads the sample hall into an empty database; a real hall imports its own).

Endpoints (``Authorization: Bearer <terminal token>`` unless noted; (C) = counter terminals,
(A) = admin token):
- terminals: ``POST /terminals`` (A) → token; ``POST /terminals/me/heartbeat`` (device health,
  outbox depth); ``GET /terminals`` and ``GET /terminals/{id}`` (A).
- catalog: ``GET /catalog[?site=]`` (ETag / If-None-Match: 304 without reading the items),
  ``GET /catalog/items/{code}``, ``PUT /catalog/items`` (A). Import a district list:
  ``kiosk hub import-catalog FILE`` (TOML, CSV or XLSX; form field kinds in all three).
- tickets: ``GET /ticket-categories``, ``GET /queues``, ``POST /tickets`` (Idempotency-Key
  honoured; numbers prefix + range/step, gap-free, reset each service day in the hall's time zone;
  real-name limit; an ``appointment_code`` makes it a check-in), ``GET /tickets/{id}`` (public:
  the opaque id printed as a QR is the capability). ``follow_url`` is ``/q/{id}``, a small
  public HTML page for the citizen's phone (number, people ahead, estimated wait).
- counters (C): ``GET /counters``, ``POST /counters/{c}/call-next`` (appointment > priority >
  arrival), ``POST /counters/{c}/call`` (a specific number), ``POST /counters/{c}/tickets/{id}/
  {recall|start|finish|no-show|hold|cancel}``, ``POST .../{id}/transfer``.
- appointments: ``GET /appointments/slots``, ``POST /appointments``, ``POST
  /appointments/check-in`` (code or ID number → ticket; checked in already → 409
  ``already_checked_in`` with the ``ticket_number`` it issued), ``POST
  /appointments/{code}/cancel``, ``GET /appointments/{code}`` (missed ones are closed after
  their day).
- cases: ``POST /cases`` (``Idempotency-Key`` required: same key → same case; form answers
  checked against the item's form schema by kind, a group row by row, problems naming field,
  row and sub-field; answers of older terminals upgraded to the current shapes), ``PUT
  /cases/{id}/materials/{code}`` (raw bytes, SHA-256 and size checked), ``GET /cases/{id}``,
  ``POST /cases/{id}/transitions`` (C: accept, reject, request-supplement, supplement, process,
  suspend, resume, finish, deliver), ``POST /cases/lookup`` (case number + ID number or its last
  six; wrong proofs are throttled per case number: 429). 承诺时限 due date in working days
  (``hub.workdays``, calendar ``config/catalog/calendar.toml``).
- evaluations: ``POST /evaluations`` (five levels, reasons for bad ones, one per ticket or case);
  a case named by its receipt's QR (number + check character): ``POST
  /evaluations/case-receipt/check`` (item name, number, already rated?) and ``POST
  /evaluations/case-receipt`` (404 unknown number, 422 wrong check character);
  ``GET /evaluations/bad[?open=]`` and ``POST /evaluations/{id}/follow-up`` (C, 整改 answer).
- stats (C): ``GET /stats/tickets[?service_date=]`` (issued, done, no-show, mean wait/service).
- identity codes: ``GET /identity-codes/public-key`` (public), ``POST /identity-codes`` (A),
  ``POST /identity-codes/resolve`` (410 expired / 422 invalid).
- help calls (求助): ``POST /help-calls`` (hall and community terminals; 201, or 200 with the
  terminal's call still open), ``GET /help-calls/{id}`` and ``POST /help-calls/{id}/close``
  (the calling kiosk only: the answering window by name; closing is idempotent and leaves an
  answered call as it is), ``GET /help-calls[?state=open|answered|closed]`` (C, its own site),
  ``POST /help-calls/{id}/answer`` (C, a window signed in there; 409 ``help_call_answered``
  naming the window that went first, 409 ``help_call_closed`` once it ended unanswered). An
  open call nobody answered in ``HubSettings.help_call_minutes`` (15) is closed.
- complaints (投诉建议): ``POST /complaints`` (hall and community terminals; ``Idempotency-Key``
  required; a phone number only with ``phone_consent``) → a reference ``TS`` + date + daily
  sequence + check digit; ``GET /complaints/{reference}`` (status only: received, forwarded,
  replied, closed); ``POST /complaints/platform-updates`` (the 12345 platform, HMAC-signed).
  Forwarded to the platform's webhook (``kiosk hub serve --complaints-webhook URL
  --complaints-secret-file FILE``) from the hub's own outbox, retried, exactly once
  (``hub.complaint_forwarding``); with no webhook they wait, kept.

Example::

    with EmbeddedHub(Path("/tmp/hub")) as hub:
        client = HubClient(hub.base_url, token=hub.register_terminal("kiosk-01"))
        ticket = client.issue_ticket(TicketIssueRequest(category_code="general"))
"""
