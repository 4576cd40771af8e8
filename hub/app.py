"""The hub's application factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from contract.models import API_PREFIX
from hub import (
    audit_notary,
    complaint_forwarding,
    fleet,
    identity,
    migrations,
    notify,
    problems,
)
from hub import events as hub_events
from hub.context import Clock, HubContext, HubSettings, utc_now
from hub.db import make_engine
from hub.openapi import problems_only
from hub.routes import (
    acceptance,
    appointments,
    audit,
    cases,
    catalog,
    complaints,
    console,
    counters,
    credit,
    evaluations,
    events,
    follow,
    help_calls,
    reports,
    staff,
    terminals,
    tickets,
)
from hub.routes import identity as identity_routes
from hub.workdays import WorkCalendar

logger = logging.getLogger(__name__)


def create_app(
    db_url: str,
    *,
    admin_token: str | None = None,
    settings: HubSettings | None = None,
    clock: Clock = utc_now,
    seed_sample: bool = False,
    calendar: WorkCalendar | None = None,
    data_dir: Path | None = None,
) -> FastAPI:
    """Build the hub on ``db_url`` (migrated on the spot); ``seed_sample`` loads the sample hall
    into an empty database. ``admin_token`` enables the admin endpoints (terminal registration)."""
    engine = make_engine(db_url)
    migrations.upgrade(engine)
    ctx = HubContext(engine=engine, clock=clock, settings=settings or HubSettings())
    ctx.calendar = calendar or sample_calendar()
    ctx.signing_key = identity.load_or_create_key(data_dir)
    ctx.audit_key = identity.load_or_create_key(data_dir, audit_notary.KEY_FILE)
    ctx.data_dir = data_dir
    ctx.load_secrets()
    if seed_sample:
        from hub.seed import seed_if_empty

        seed_if_empty(ctx)
    hub_events.prune(ctx)
    fleet.prune(ctx)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        keeper = None
        if ctx.settings.report_keep_minutes > 0:
            keeper = asyncio.create_task(_keep_report_figures(ctx))
        platform = complaint_forwarding.configured_platform(ctx)
        forwarder = None if platform is None else complaint_forwarding.Forwarder(ctx, platform)
        if forwarder is not None:
            forwarder.start()
        # PostgreSQL: the other hub processes' events and changes to wait rates.
        with notify.listening(engine, ctx.bell, ctx.wait_rates.forget):
            yield
        if keeper is not None:
            keeper.cancel()
        if forwarder is not None:
            await asyncio.to_thread(forwarder.close)
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="一门通 Hub (一门受理 central API)",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.hub = ctx
    app.state.admin_token = admin_token
    problems.install(app)
    routers = (
        terminals,
        catalog,
        tickets,
        counters,
        acceptance,
        appointments,
        cases,
        evaluations,
        staff,
        reports,
        identity_routes,
        help_calls,
        complaints,
        credit,
        events,
        audit,
    )
    for module in routers:
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(counters.windows_router, prefix=API_PREFIX)
    app.include_router(follow.router)  # a page for phones, outside the versioned API
    app.include_router(console.router)  # the managers' web console, pages for people
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = problems_only(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


async def _keep_report_figures(ctx: HubContext) -> None:
    """Keep the finished days' report figures now and then, off the event loop, so that a
    report over months never waits for them (hub.reports.keep_history); and sign the audit
    chain's head once a day (hub.audit_notary)."""
    from hub import reports

    while True:
        try:
            # The audit chain's head, signed once a day for the notary (first: cheap).
            await asyncio.to_thread(audit_notary.keep_daily_head, ctx)
        except Exception:  # the database away for a moment: the next round catches up
            logger.exception("signing the audit chain's head failed; trying again later")
        try:
            kept = await asyncio.to_thread(reports.keep_history, ctx)
            if kept:
                logger.info("report figures kept for %d finished days", kept)
            await asyncio.to_thread(fleet.prune, ctx)  # heartbeats past their days, meanwhile
        except Exception:  # the database away for a moment: the next round catches up
            logger.exception("keeping report figures failed; trying again later")
        await asyncio.sleep(ctx.settings.report_keep_minutes * 60)


def sample_calendar() -> WorkCalendar:
    from hub.seed import sample_dir

    path = sample_dir() / "calendar.toml"
    return WorkCalendar.from_toml(path) if path.exists() else WorkCalendar()
