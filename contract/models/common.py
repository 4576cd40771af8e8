"""What every resource shares: the API prefix, header names, the base model, common field types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from contract import idnumber

API_PREFIX = "/api/v1"
PROBLEM_MEDIA_TYPE = "application/problem+json"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def _check_id_number(value: str) -> str:
    """Upper-case; a number shaped like a resident ID must pass GB 11643 (contract.idnumber).
    Other documents (old permanent-residence numbers, passports) are kept as given."""
    value = value.upper()
    if idnumber.looks_resident(value) and (why := idnumber.problem(value)) is not None:
        raise ValueError(f"not a valid resident ID number ({why.value})")
    return value


CODE_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"  # item, category, site, terminal codes
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
IdNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Za-z]{6,32}$"), AfterValidator(_check_id_number)
]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# Every number a client sends is bounded: an unbounded int reaches the database as an overflow.
MAX_INT = 2**31 - 1


class ContractModel(BaseModel):
    """Every contract model: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
