"""``HubClient``: the terminal's typed view of the central API.

Every create carries an ``Idempotency-Key`` (generated per call unless the caller passes one,
as the outbox does), so the transport may retry it; a repeat gets the first answer back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, TypeAdapter, ValidationError

from contract import models as m
from contract import multipart
from contract.multipart import Part
from kiosk.api.errors import HubFailure, HubRejected
from kiosk.api.transport import Transport

M = TypeVar("M", bound=BaseModel)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def lacks_operation(refusal: HubRejected) -> bool:
    """Whether a refusal means the hub does not offer the operation at all (an older hub, or a
    platform that implements only part of the contract) rather than refusing this request:
    405 or 415, or a 404 that names no resource (an unknown item is a 404 too, for the case)."""
    return refusal.status in (405, 415) or (
        refusal.status == 404 and refusal.code in ("not_found", "http_error")
    )


@dataclass(frozen=True, slots=True)
class CatalogFetch:
    """One catalog request. ``catalog`` is None when the hub answered 304 Not Modified: the
    copy named by the ETag sent is current (and no body crossed the network)."""

    catalog: m.Catalog | None
    etag: str | None  # the hub's name for this catalog version; send it back next time
    size: int  # bytes of body received

    @property
    def not_modified(self) -> bool:
        return self.catalog is None


@dataclass(frozen=True, slots=True)
class Ping:
    """One authenticated round trip: when it left and came back (this machine's clock) and the
    hub's clock from the answer's Date header (None when the hub sent none)."""

    sent_at: datetime
    received_at: datetime
    hub_time: datetime | None

    @property
    def clock_offset(self) -> float | None:
        """Seconds the hub's clock is ahead of ours (negative: behind), against the middle of
        the round trip; the Date header has whole seconds, so +-1 s is noise."""
        if self.hub_time is None:
            return None
        middle = self.sent_at + (self.received_at - self.sent_at) / 2
        return (self.hub_time - middle).total_seconds()


class HubClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        ca_bundle: Path | str | None = None,
        client_cert: tuple[Path | str, Path | str] | Path | str | None = None,
        retries: int = 2,
        backoff: float = 0.25,
    ) -> None:
        self._t = Transport(
            base_url,
            token=token,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            ca_bundle=ca_bundle,
            client_cert=client_cert,
            retries=retries,
            backoff=backoff,
        )

    @property
    def base_url(self) -> str:
        return self._t.base_url

    def close(self) -> None:
        self._t.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers

    def _parse(self, model: type[M], body: Any) -> M:
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            raise HubFailure(
                f"The hub answered outside the contract for {model.__name__}."
            ) from exc

    def _parse_list(self, model: type[M], body: Any) -> list[M]:
        try:
            return TypeAdapter(list[model]).validate_python(body)  # type: ignore[valid-type]
        except ValidationError as exc:
            raise HubFailure(
                f"The hub answered outside the contract for {model.__name__}."
            ) from exc

    def _create(self, path: str, payload: BaseModel, key: str | None) -> Any:
        headers = {m.IDEMPOTENCY_HEADER: key or new_idempotency_key()}
        return self._t.request(
            "POST", path, json_body=payload.model_dump(mode="json"), headers=headers
        )

    def _post(self, path: str, payload: BaseModel | None = None) -> Any:
        body = payload.model_dump(mode="json") if payload is not None else None
        return self._t.request("POST", path, json_body=body)

    # -- tickets

    def list_ticket_categories(self) -> list[m.TicketCategory]:
        return self._parse_list(m.TicketCategory, self._t.request("GET", "/ticket-categories"))

    def issue_ticket(
        self, request: m.TicketIssueRequest, *, idempotency_key: str | None = None
    ) -> m.TicketIssued:
        return self._parse(m.TicketIssued, self._create("/tickets", request, idempotency_key))

    def queues(self) -> list[m.QueueSnapshot]:
        return self._parse_list(m.QueueSnapshot, self._t.request("GET", "/queues"))

    def get_ticket(self, ticket_id: str) -> m.TicketView:
        return self._parse(m.TicketView, self._t.request("GET", f"/tickets/{ticket_id}"))

    # -- terminals

    def ping(self) -> Ping:
        """The cheapest authenticated read (the ticket categories): the hub answers, TLS holds
        and the token is accepted, or the usual HubError says which of these failed."""
        sent = datetime.now(UTC)
        reply = self._t.exchange("GET", "/ticket-categories")
        received = datetime.now(UTC)
        return Ping(sent, received, _http_date(reply.date))

    def heartbeat(self, heartbeat: m.Heartbeat) -> m.HeartbeatAck:
        return self._parse(m.HeartbeatAck, self._post("/terminals/me/heartbeat", heartbeat))

    def send_journey_runs(self, batch: m.JourneyRunBatch) -> m.JourneyRunsReceived:
        """Journey runs for the funnel report; a batch sent again (same id) counts once, so
        the transport may retry it (its id is the Idempotency-Key too)."""
        body = self._create("/terminals/me/journey-runs", batch, batch.batch_id)
        return self._parse(m.JourneyRunsReceived, body)

    # -- catalog

    def get_catalog(self, *, site: str | None = None, etag: str | None = None) -> CatalogFetch:
        """The catalog, or (given the ETag of the copy the caller holds) word that it is
        still current: a 304 is an outcome here, not an error."""
        params = {"site": site} if site else None
        headers = {"If-None-Match": etag} if etag else None
        reply = self._t.exchange("GET", "/catalog", params=params, headers=headers)
        if reply.status == 304:
            return CatalogFetch(None, reply.etag or etag, 0)
        return CatalogFetch(self._parse(m.Catalog, reply.body), reply.etag, reply.size)

    def get_item(self, code: str) -> m.CatalogItem:
        return self._parse(m.CatalogItem, self._t.request("GET", f"/catalog/items/{code}"))

    # -- appointments

    def appointment_slots(self, category_code: str, day: date) -> list[m.Slot]:
        params = {"category_code": category_code, "slot_date": day.isoformat()}
        body = self._t.request("GET", "/appointments/slots", params=params)
        return self._parse_list(m.Slot, body)

    def book_appointment(self, request: m.AppointmentBook) -> m.Appointment:
        return self._parse(m.Appointment, self._post("/appointments", request))

    def check_in(self, request: m.CheckIn) -> m.TicketIssued:
        return self._parse(m.TicketIssued, self._post("/appointments/check-in", request))

    def cancel_appointment(self, code: str) -> m.Appointment:
        return self._parse(m.Appointment, self._post(f"/appointments/{code}/cancel"))

    def get_appointment(self, code: str) -> m.Appointment:
        return self._parse(m.Appointment, self._t.request("GET", f"/appointments/{code}"))

    # -- cases

    def create_case(self, request: m.CaseCreate, *, idempotency_key: str) -> m.CaseReceipt:
        """Create (or find again, for the same key) a case; the key is required on purpose."""
        return self._parse(m.CaseReceipt, self._create("/cases", request, idempotency_key))

    def create_case_with_materials(
        self, request: m.CaseCreate, materials: Mapping[str, bytes], *, idempotency_key: str
    ) -> m.CaseReceipt:
        """Create (or find again) a case with its materials (code -> bytes, each as declared)
        in one request and one commit at the hub. A hub without this operation answers so that
        ``lacks_operation`` is true: then use ``create_case`` and ``upload_material``."""
        parts = [Part(m.CASE_PART, request.model_dump_json().encode(), "application/json")]
        parts += [
            Part(d.code, materials[d.code], d.media_type, d.code)
            for d in request.materials
            if d.code in materials
        ]
        content_type, body = multipart.encode(parts)
        headers = {"Content-Type": content_type, m.IDEMPOTENCY_HEADER: idempotency_key}
        reply = self._t.request("POST", "/cases/with-materials", data=body, headers=headers)
        return self._parse(m.CaseReceipt, reply)

    def upload_material(
        self, case_id: str, code: str, content: bytes, media_type: str = "application/pdf"
    ) -> m.CaseReceipt:
        # A PUT of bytes whose hash the hub checks is idempotent: safe to retry.
        body = self._t.request(
            "PUT",
            f"/cases/{case_id}/materials/{code}",
            data=content,
            headers={"Content-Type": media_type},
            idempotent=True,
        )
        return self._parse(m.CaseReceipt, body)

    def get_case(self, case_id: str) -> m.CaseDetail:
        return self._parse(m.CaseDetail, self._t.request("GET", f"/cases/{case_id}"))

    def returned_cases(self) -> list[m.ReturnedCase]:
        """This terminal's cases a window sent back (补正, 不予受理), with their notices."""
        return self._parse_list(m.ReturnedCase, self._t.request("GET", "/cases/returned"))

    def lookup_case(self, query: m.CaseLookup) -> m.CaseStatus:
        return self._parse(m.CaseStatus, self._post("/cases/lookup", query))

    def applicant_cases(self, query: m.ApplicantCases) -> list[m.CaseStatus]:
        """The citizen's newest cases (at most MAX_APPLICANT_CASES), newest first."""
        return self._parse_list(m.CaseStatus, self._post("/cases/by-applicant", query))

    def transition_case(self, case_id: str, step: m.CaseTransition) -> m.CaseDetail:
        return self._parse(m.CaseDetail, self._post(f"/cases/{case_id}/transitions", step))

    # -- evaluations

    def evaluate(self, request: m.EvaluationCreate) -> m.EvaluationRecorded:
        return self._parse(m.EvaluationRecorded, self._post("/evaluations", request))

    def case_to_rate(self, receipt: m.CaseReceiptRef) -> m.CaseToRate:
        """The item name and number of the case a receipt names, and whether it is rated."""
        body = self._post("/evaluations/case-receipt/check", receipt)
        return self._parse(m.CaseToRate, body)

    def evaluate_case_receipt(self, request: m.CaseReceiptEvaluation) -> m.EvaluationRecorded:
        """Rate a case named by its printed receipt; one evaluation per case."""
        body = self._post("/evaluations/case-receipt", request)
        return self._parse(m.EvaluationRecorded, body)

    # -- staff views (counter terminals)

    def bad_ratings(self, *, open_only: bool = True) -> list[m.BadEvaluation]:
        params = {"open": "true" if open_only else "false"}
        body = self._t.request("GET", "/evaluations/bad", params=params)
        return self._parse_list(m.BadEvaluation, body)

    def follow_up(self, evaluation_id: int, text: str) -> m.BadEvaluation:
        body = self._post(f"/evaluations/{evaluation_id}/follow-up", m.FollowUp(text=text))
        return self._parse(m.BadEvaluation, body)

    def ticket_stats(self, day: date | None = None) -> list[m.CategoryStats]:
        params = {"service_date": day.isoformat()} if day else None
        body = self._t.request("GET", "/stats/tickets", params=params)
        return self._parse_list(m.CategoryStats, body)

    # -- counters (counter terminals): every calling click sends one Idempotency-Key, so a
    # retry of the same click (the transport's, or the desk's after an uncertain answer) is
    # answered, never done twice. Pass the click's key to retry it by hand.

    def list_counters(self) -> list[m.CounterInfo]:
        return self._parse_list(m.CounterInfo, self._t.request("GET", "/counters"))

    def sign_in_clerk(self, counter_code: str, request: m.ClerkSignIn) -> m.CounterSession:
        body = self._post(f"/counters/{counter_code}/sign-in", request)
        return self._parse(m.CounterSession, body)

    def sign_out_clerk(self, counter_code: str) -> m.CounterSession:
        return self._parse(m.CounterSession, self._post(f"/counters/{counter_code}/sign-out"))

    def counter_session(self, counter_code: str) -> m.CounterSession:
        body = self._t.request("GET", f"/counters/{counter_code}/session")
        return self._parse(m.CounterSession, body)

    def set_window_state(self, counter_code: str, change: m.WindowStateChange) -> m.CounterSession:
        body = self._t.request(
            "PUT", f"/counters/{counter_code}/state", json_body=change.model_dump(mode="json")
        )
        return self._parse(m.CounterSession, body)

    def choose_queues(self, counter_code: str, choice: m.QueueChoice) -> m.CounterSession:
        body = self._t.request(
            "PUT", f"/counters/{counter_code}/queues", json_body=choice.model_dump(mode="json")
        )
        return self._parse(m.CounterSession, body)

    def window_queues(self, counter_code: str) -> m.CounterQueues:
        body = self._t.request("GET", f"/counters/{counter_code}/waiting")
        return self._parse(m.CounterQueues, body)

    def _click(self, path: str, payload: BaseModel | None, key: str | None) -> Any:
        headers = {m.IDEMPOTENCY_HEADER: key or new_idempotency_key()}
        body = payload.model_dump(mode="json") if payload is not None else None
        return self._t.request("POST", path, json_body=body, headers=headers)

    def call_next(self, counter_code: str, *, key: str | None = None) -> m.CounterTicket:
        body = self._click(f"/counters/{counter_code}/call-next", None, key)
        return self._parse(m.CounterTicket, body)

    def call_number(
        self, counter_code: str, number: str, reason: str = "", *, key: str | None = None
    ) -> m.CounterTicket:
        request = m.CallSpecific(number=number, reason=reason)
        return self._parse(
            m.CounterTicket, self._click(f"/counters/{counter_code}/call", request, key)
        )

    def ticket_action(
        self,
        counter_code: str,
        ticket_id: str,
        action: m.TicketAction,
        *,
        key: str | None = None,
    ) -> m.CounterTicket:
        path = f"/counters/{counter_code}/tickets/{ticket_id}/{action.value}"
        return self._parse(m.CounterTicket, self._click(path, None, key))

    def finish_ticket(
        self,
        counter_code: str,
        ticket_id: str,
        request: m.FinishRequest,
        *,
        key: str | None = None,
    ) -> m.CounterTicket:
        path = f"/counters/{counter_code}/tickets/{ticket_id}/finish"
        return self._parse(m.CounterTicket, self._click(path, request, key))

    def transfer_ticket(
        self,
        counter_code: str,
        ticket_id: str,
        request: m.TransferRequest,
        *,
        key: str | None = None,
    ) -> m.TicketIssued:
        path = f"/counters/{counter_code}/tickets/{ticket_id}/transfer"
        return self._parse(m.TicketIssued, self._click(path, request, key))

    def citizen_at_window(
        self, counter_code: str, ticket_id: str, card: m.CardAtWindow | None = None
    ) -> m.CitizenAtWindow:
        path = f"/counters/{counter_code}/tickets/{ticket_id}/citizen"
        body = self._t.request("GET", path) if card is None else self._post(path, card)
        return self._parse(m.CitizenAtWindow, body)

    def record_not_rated(self, counter_code: str, ticket_id: str) -> None:
        self._post(f"/counters/{counter_code}/tickets/{ticket_id}/not-rated")

    def pair_pad(self, counter_code: str) -> m.PadView:
        body = self._t.request("PUT", f"/counters/{counter_code}/pad")
        return self._parse(m.PadView, body)

    def pad_view(self, counter_code: str) -> m.PadView:
        return self._parse(m.PadView, self._t.request("GET", f"/counters/{counter_code}/pad"))

    def clerk_photo(self, staff_no: str) -> bytes:
        """The clerk's photo (PNG or JPEG bytes), for the rating pad."""
        return self._t.fetch_bytes(f"/staff/{staff_no}/photo")

    def windows(self) -> list[m.WindowStatus]:
        return self._parse_list(m.WindowStatus, self._t.request("GET", "/windows"))

    # -- the acceptance workbench (counter terminals): decisions carry an Idempotency-Key

    def open_case(
        self, counter_code: str, case_number: str, card: m.CardAtWindow | None = None
    ) -> m.CaseAtWindow:
        body = self._post(
            f"/counters/{counter_code}/cases/{case_number}/open", m.OpenCase(card=card)
        )
        return self._parse(m.CaseAtWindow, body)

    def review_materials(
        self, counter_code: str, case_id: str, reviews: list[m.MaterialReview]
    ) -> m.CaseAtWindow:
        body = self._t.request(
            "PUT",
            f"/counters/{counter_code}/cases/{case_id}/review",
            json_body=[r.model_dump(mode="json") for r in reviews],
        )
        return self._parse(m.CaseAtWindow, body)

    def decide_case(
        self, counter_code: str, case_id: str, decision: m.CaseDecision, *, key: str | None = None
    ) -> m.DecisionMade:
        path = f"/counters/{counter_code}/cases/{case_id}/decision"
        return self._parse(m.DecisionMade, self._click(path, decision, key))

    def case_progress(
        self, counter_code: str, case_id: str, step: m.CaseProgress, *, key: str | None = None
    ) -> m.CaseAtWindow:
        path = f"/counters/{counter_code}/cases/{case_id}/progress"
        return self._parse(m.CaseAtWindow, self._click(path, step, key))

    # -- 信用查询: a window's lookups and a citizen's own record (subjects in bodies, not paths)

    def credit_at_window(self, counter_code: str, subject: m.CreditSubject) -> m.CreditRecord:
        body = self._post(f"/counters/{counter_code}/credit", subject)
        return self._parse(m.CreditRecord, body)

    def case_applicant_credit(self, counter_code: str, case_id: str) -> m.CreditRecord:
        body = self._t.request("GET", f"/counters/{counter_code}/cases/{case_id}/credit")
        return self._parse(m.CreditRecord, body)

    def own_credit(self, query: m.CreditSelfQuery) -> m.CreditRecord:
        return self._parse(m.CreditRecord, self._post("/credit/self", query))

    def case_material(self, counter_code: str, case_id: str, material_code: str) -> bytes:
        """A material's PDF, for the clerk's viewer."""
        return self._t.fetch_bytes(
            f"/counters/{counter_code}/cases/{case_id}/materials/{material_code}"
        )

    def my_cases(self, counter_code: str) -> list[m.CaseLine]:
        return self._parse_list(
            m.CaseLine, self._t.request("GET", f"/counters/{counter_code}/my-cases")
        )

    def prereview_queue(self, counter_code: str) -> list[m.CaseLine]:
        return self._parse_list(
            m.CaseLine, self._t.request("GET", f"/counters/{counter_code}/prereview")
        )

    # -- calls for help (求助)

    def call_for_help(self, request: m.HelpCallCreate) -> m.HelpCall:
        """Tell the hall's staff that a citizen at this kiosk needs help. Safe to repeat (and
        so retried): while this terminal's call is open the hub answers that same call."""
        body = self._t.request(
            "POST", "/help-calls", json_body=request.model_dump(mode="json"), idempotent=True
        )
        return self._parse(m.HelpCall, body)

    # -- complaints and suggestions (投诉建议)

    def submit_complaint(
        self, request: m.ComplaintCreate, *, idempotency_key: str
    ) -> m.ComplaintReceipt:
        """The complaint's reference; the same key (a retry) answers with the same one."""
        body = self._create("/complaints", request, idempotency_key)
        return self._parse(m.ComplaintReceipt, body)

    def complaint_status(self, reference: str) -> m.ComplaintStatus:
        body = self._t.request("GET", f"/complaints/{quote(reference, safe='')}")
        return self._parse(m.ComplaintStatus, body)

    def help_call(self, call_id: int) -> m.HelpCall:
        """This kiosk's call as it stands (answered: ``answered_by_name`` says which window)."""
        return self._parse(m.HelpCall, self._t.request("GET", f"/help-calls/{call_id}"))

    def close_help_call(self, call_id: int) -> m.HelpCall:
        """This kiosk needs the help no more. Safe to repeat (and so retried): a call already
        closed or answered stays as it is."""
        body = self._t.request("POST", f"/help-calls/{call_id}/close", idempotent=True)
        return self._parse(m.HelpCall, body)

    def help_calls(self, state: m.HelpCallState = m.HelpCallState.OPEN) -> list[m.HelpCall]:
        """The calls of this counter terminal's site (open ones: the longest wait first)."""
        body = self._t.request("GET", "/help-calls", params={"state": state.value})
        return self._parse_list(m.HelpCall, body)

    def answer_help_call(self, call_id: int, counter_code: str) -> m.HelpCall:
        """Window ``counter_code`` goes to help; HubRejected ``help_call_answered`` (409) when
        another window already did (its code in ``extensions["answered_by"]``)."""
        body = self._post(
            f"/help-calls/{call_id}/answer", m.HelpCallAnswer(counter_code=counter_code)
        )
        return self._parse(m.HelpCall, body)

    # -- the hall's event stream

    def events(self, last_event_id: int | None = None) -> Iterator[m.HubEvent]:
        """The hub's events as they come (from now on, or after ``last_event_id``); a
        HubUnreachable ends it: reconnect with the last id seen."""
        headers = {"Last-Event-ID": str(last_event_id)} if last_event_id is not None else {}
        event: dict[str, str] = {}
        for line in self._t.stream_lines("/events", headers=headers):
            if not line:
                if "data" in event and "id" in event:
                    yield m.HubEvent(
                        id=int(event["id"]),
                        type=event.get("event", "message"),
                        data=json.loads(event["data"]),
                    )
                event = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(":")
                event[name] = value.removeprefix(" ")

    # -- identity codes

    def identity_public_key(self) -> m.IdentityPublicKey:
        body = self._t.request("GET", "/identity-codes/public-key")
        return self._parse(m.IdentityPublicKey, body)

    def resolve_identity_code(self, code: str) -> m.IdentityResolved:
        """Who a scanned identity QR stands for; HubRejected ``identity_code_expired`` (410)
        or ``identity_code_invalid`` (422) otherwise."""
        body = self._post("/identity-codes/resolve", m.IdentityResolve(code=code))
        return self._parse(m.IdentityResolved, body)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
