"""``HubClient``: the terminal's typed view of the central API.

Every create carries an ``Idempotency-Key`` (generated per call unless the caller passes one,
as the outbox does), so the transport may retry it; a repeat gets the first answer back.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.api import models as m
from kiosk.api.errors import HubFailure
from kiosk.api.transport import Transport

M = TypeVar("M", bound=BaseModel)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


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

    def get_ticket(self, ticket_id: str) -> m.TicketView:
        return self._parse(m.TicketView, self._t.request("GET", f"/tickets/{ticket_id}"))
