"""Reference central API (the hub): FastAPI + SQLAlchemy 2, SQLite by default, PostgreSQL by URL.

Public API
----------
``hub.app.create_app(db_url, *, admin_token=None, settings=None, clock=utc_now,
seed_sample=False) -> FastAPI`` — migrates the database, optionally loads the sample hall
(示例数据) into an empty one, and serves everything under ``/api/v1`` (OpenAPI at
``/api/v1/openapi.json``). Errors are RFC 9457 ``application/problem+json`` everywhere.

``hub.embedded.EmbeddedHub(data_dir, *, host="127.0.0.1", port=0, seed_sample=True)`` — the hub
in-process on a background thread (uvicorn), SQLite file ``hub.sqlite3`` in ``data_dir``, admin
token in ``data_dir/admin-token`` (0600). Use as a context manager or call ``start()`` (returns
the base URL, valid at once), ``register_terminal(terminal_id) -> token`` and ``stop()``.

Endpoints (all need ``Authorization: Bearer <terminal token>`` unless noted):
``GET /ticket-categories``; ``POST /tickets`` (``Idempotency-Key`` honoured; numbers per category
with prefix, gap-free, reset each service day in the hall's time zone); ``GET /tickets/{id}``
(public: the opaque id printed as a QR is the capability); ``POST /terminals`` (admin token);
``POST /terminals/me/heartbeat``; ``GET /terminals/{id}`` (admin).

Example::

    with EmbeddedHub(Path("/tmp/hub")) as hub:
        token = hub.register_terminal("kiosk-01")
        client = HubClient(hub.base_url, token=token)
"""
