"""Terminal registration (admin), heartbeat and status; kiosks' journey runs (the funnel)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select

from contract import models as m
from hub import fleet, journey_runs
from hub.auth import ContextDep, TerminalDep, register_terminal, require_admin
from hub.db import Terminal
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(tags=["terminals"])
PROBLEMS = problems(401, 403, 422)


@router.post(
    "/terminals",
    status_code=201,
    response_model=m.TerminalCredentials,
    responses=PROBLEMS,
    dependencies=[Depends(require_admin)],
)
def register(body: m.TerminalRegistration, ctx: ContextDep) -> m.TerminalCredentials:
    return register_terminal(ctx, body)


@router.post("/terminals/me/heartbeat", response_model=m.HeartbeatAck, responses=PROBLEMS)
def heartbeat(body: m.Heartbeat, ctx: ContextDep, terminal: TerminalDep) -> m.HeartbeatAck:
    return fleet.record(ctx, terminal.terminal_id, body)


@router.post(
    "/terminals/me/journey-runs",
    status_code=201,
    response_model=m.JourneyRunsReceived,
    responses={
        200: {"description": "The batch was received before", "model": m.JourneyRunsReceived},
        **problems(401, 403, 409, 422),
    },
)
def post_journey_runs(
    body: m.JourneyRunBatch, ctx: ContextDep, terminal: TerminalDep, response: Response
) -> m.JourneyRunsReceived:
    """Runs of the citizens' journeys this kiosk kept (no personal data: journey, steps
    reached, how it ended, the hour it started), counted by the funnel report (201). A batch
    this terminal sent before is answered as then and counts nothing again (200); its id with
    other runs is refused (409). Hall and community terminals only (403)."""
    answer = journey_runs.receive(ctx, terminal, body)
    if answer.repeated:
        response.status_code = 200
    return answer


@router.get(
    "/terminals",
    response_model=list[m.TerminalStatus],
    responses=PROBLEMS,
    dependencies=[Depends(require_admin)],
)
def list_terminals(ctx: ContextDep) -> list[m.TerminalStatus]:
    """Every terminal with its last heartbeat: the hall's device and outbox overview."""
    with ctx.sessions() as session:
        rows = session.execute(select(Terminal).order_by(Terminal.terminal_id)).scalars()
        return [fleet.status(row) for row in rows]


@router.get(
    "/terminals/{terminal_id}",
    response_model=m.TerminalStatus,
    responses=problems(401, 403, 404),
    dependencies=[Depends(require_admin)],
)
def terminal_status(terminal_id: str, ctx: ContextDep) -> m.TerminalStatus:
    with ctx.sessions() as session:
        row = session.get(Terminal, terminal_id)
        if row is None:
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown terminal")
        return fleet.status(row)
