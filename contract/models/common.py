"""What every resource shares: the API prefix, header names, the base model, common field types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

API_PREFIX = "/api/v1"
PROBLEM_MEDIA_TYPE = "application/problem+json"
IDEMPOTENCY_HEADER = "Idempotency-Key"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _check_id_number(value: str) -> str:
    """Upper-case; an 18-character resident ID (GB 11643) must carry the right check character.
    Other documents (old permanent-residence numbers, passports) are kept as given."""
    value = value.upper()
    if len(value) == 18 and value[:17].isdigit():
        total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
        if "10X98765432"[total % 11] != value[17]:
            raise ValueError("the ID number's check character is wrong")
    return value


Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
IdNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Za-z]{6,32}$"), AfterValidator(_check_id_number)
]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ContractModel(BaseModel):
    """Every contract model: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
