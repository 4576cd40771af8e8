"""A window (窗口) and its clerk: counters, calling, transfer."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from contract.models.common import Code, ContractModel


class CallSpecific(ContractModel):
    number: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}[0-9]{1,5}$")]


class TransferRequest(ContractModel):
    category_code: Code
    keep_priority: bool = True


class CounterInfo(ContractModel):
    code: str
    name: str
    category_codes: list[str]
