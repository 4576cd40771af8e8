"""Journey runs from kiosks: what the funnel report counts (``hub.reports.funnel``).

A hall or community terminal posts the runs it kept in batches (contract.models.funnel). A batch
is stored whole in one transaction — its id with the terminal's, each run with the terminal and
its site as they are now, and one row per step a run reached — or not at all. A batch whose id
this terminal sent before is answered as it was the first time and counts nothing again (the
terminal sends it again when an answer was lost); the same id with other runs is refused (409).
Two racing copies of one batch: the loser of the insert reads the winner's. A batch arriving
late (after an outage) with runs of a finished day clears that day's kept funnel figures
(``hub.reports.funnel_days``), so a report counts its runs again.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub.context import HubContext, request_hash
from hub.db import JourneyRunBatchRow, JourneyRunRow, JourneyRunStepRow, Terminal
from hub.problems import HubProblem
from hub.reports import funnel_days

SENDERS = frozenset({m.TerminalMode.HALL.value, m.TerminalMode.COMMUNITY.value})


def receive(ctx: HubContext, terminal: Terminal, batch: m.JourneyRunBatch) -> m.JourneyRunsReceived:
    if terminal.mode not in SENDERS:
        raise HubProblem(
            403, m.ProblemCode.FORBIDDEN, "Journey runs come from hall and community terminals"
        )
    digest = request_hash(batch.model_dump(mode="json"))
    try:
        with ctx.transaction() as session:
            earlier = _earlier(session, terminal.terminal_id, batch.batch_id, digest)
            if earlier is not None:
                return earlier
            return _store(session, ctx, terminal, batch, digest)
    except IntegrityError:
        with ctx.reading() as session:  # a copy of the batch sent at the same time was stored
            earlier = _earlier(session, terminal.terminal_id, batch.batch_id, digest)
        if earlier is None:
            raise
        return earlier


def _store(
    session: Session, ctx: HubContext, terminal: Terminal, batch: m.JourneyRunBatch, digest: str
) -> m.JourneyRunsReceived:
    now = ctx.now()
    session.add(
        JourneyRunBatchRow(
            terminal_id=terminal.terminal_id,
            batch_id=batch.batch_id,
            request_hash=digest,
            runs=len(batch.runs),
            received_at=now,
        )
    )
    rows = [
        JourneyRunRow(
            terminal_id=terminal.terminal_id,
            site_code=terminal.site_code,
            batch_id=batch.batch_id,
            journey=run.journey.value,
            ended_at=run.ended_at,
            outcome=run.outcome.value,
            started_at=run.started_hour,
        )
        for run in batch.runs
    ]
    session.add_all(rows)
    session.flush()  # the runs' ids, for their steps
    steps = [
        {"run_id": row.id, "step": step}
        for row, run in zip(rows, batch.runs, strict=True)
        for step in run.steps
    ]
    session.execute(insert(JourneyRunStepRow), steps)
    today = ctx.today()
    days = {run.started_hour.astimezone(ctx.tz).date() for run in batch.runs}
    funnel_days.forget_days(session, (day for day in days if day < today))
    return m.JourneyRunsReceived(batch_id=batch.batch_id, runs=len(rows), received_at=now)


def _earlier(
    session: Session, terminal_id: str, batch_id: str, digest: str
) -> m.JourneyRunsReceived | None:
    """The answer to this batch's first sending, if it was received before."""
    row = session.execute(
        select(JourneyRunBatchRow).where(
            JourneyRunBatchRow.terminal_id == terminal_id,
            JourneyRunBatchRow.batch_id == batch_id,
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.request_hash != digest:
        raise HubProblem(
            409,
            m.ProblemCode.IDEMPOTENCY_KEY_REUSED,
            "Batch id reused with other runs",
            "重复发送的内容不一致。",
        )
    return m.JourneyRunsReceived(
        batch_id=batch_id, runs=row.runs, received_at=row.received_at, repeated=True
    )
