"""Queue statistics from the tickets' timestamps (wait = issued → first call, service = start →
end), per category and service day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from contract import models as m
from hub.context import HubContext
from hub.db import Ticket, TicketCategoryRow


def _mean_minutes(seconds: list[float]) -> float | None:
    return round(sum(seconds) / len(seconds) / 60, 1) if seconds else None


def ticket_stats(ctx: HubContext, day: date) -> list[m.CategoryStats]:
    with ctx.sessions() as session:
        codes = session.execute(
            select(TicketCategoryRow.code).order_by(TicketCategoryRow.sort_order)
        ).scalars()
        tickets = session.execute(select(Ticket).where(Ticket.service_date == day)).scalars().all()
    result = []
    for code in codes:
        mine = [t for t in tickets if t.category_code == code]
        by_state = {s: sum(1 for t in mine if t.state == s.value) for s in m.TicketState}
        waits = [(t.called_at - t.issued_at).total_seconds() for t in mine if t.called_at]
        services = [
            (t.ended_at - t.started_at).total_seconds()
            for t in mine
            if t.state == m.TicketState.DONE.value and t.started_at and t.ended_at
        ]
        result.append(
            m.CategoryStats(
                category_code=code,
                service_date=day,
                issued=len(mine),
                done=by_state[m.TicketState.DONE],
                no_show=by_state[m.TicketState.NO_SHOW],
                cancelled=by_state[m.TicketState.CANCELLED],
                transferred=by_state[m.TicketState.TRANSFERRED],
                mean_wait_minutes=_mean_minutes(waits),
                mean_service_minutes=_mean_minutes(services),
            )
        )
    return result
