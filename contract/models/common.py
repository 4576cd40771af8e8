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


def _check_uscc(value: str) -> str:
    """Upper-case (a code typed in lowercase is the same code); GB 32100's check character."""
    value = value.strip().upper()
    if not idnumber.credit_code_valid(value):
        raise ValueError("not a valid unified social credit code (GB 32100)")
    return value


# 统一社会信用代码: 18 characters, the last a check character (contract.idnumber).
Uscc = Annotated[
    str, StringConstraints(pattern=r"^\s*[0-9A-Za-z]{18}\s*$"), AfterValidator(_check_uscc)
]
# Every number a client sends is bounded: an unbounded int reaches the database as an overflow.
MAX_INT = 2**31 - 1


class ContractModel(BaseModel):
    """Every contract model: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
