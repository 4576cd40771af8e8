"""Credit systems the hub asks (``CreditProvider``), and which one a hub uses.

A hub uses the district's lists imported into its own database unless its settings name
another provider (``HubSettings.credit_provider``: ``package.module:factory``, a callable taking
the ``HubContext`` and returning a provider), e.g. an adapter for the provincial credit
platform's API.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from sqlalchemy import select

from contract import models as m
from hub.context import HubContext
from hub.db import CreditEntryRow

DISTRICT_LISTS = "district_lists"


class CreditUnavailable(Exception):
    """The credit system did not answer (a platform down or refusing): the hub says so with a
    503 rather than answer "no record" for a record it could not read."""


class CreditProvider(Protocol):
    """A credit system: every entry it holds for the subject (none: not listed)."""

    name: str  # shown as the record's ``provider``

    def lookup(self, subject: m.CreditSubject) -> list[m.CreditEntry]: ...


class DistrictLists:
    """The reference provider: the lists imported with ``kiosk hub import-credit``."""

    name = DISTRICT_LISTS

    def __init__(self, ctx: HubContext) -> None:
        self._ctx = ctx

    def lookup(self, subject: m.CreditSubject) -> list[m.CreditEntry]:
        digest = self._ctx.id_digest(subject.number)
        query = (
            select(CreditEntryRow)
            .where(CreditEntryRow.subject_digest == digest)
            .where(CreditEntryRow.subject_kind == subject.kind.value)
            .order_by(CreditEntryRow.listed_on.desc(), CreditEntryRow.id)
        )
        with self._ctx.reading() as session:
            rows = session.execute(query).scalars().all()
        return [
            m.CreditEntry(
                list=m.CreditList(row.list_kind),
                source=row.source,
                listed_on=row.listed_on,
                reason=row.reason,
            )
            for row in rows
        ]


def provider_for(ctx: HubContext) -> CreditProvider:
    """The provider the hub's settings name, or the district's lists."""
    path = ctx.settings.credit_provider
    if not path:
        return DistrictLists(ctx)
    module_name, _, attribute = path.partition(":")
    factory = getattr(importlib.import_module(module_name), attribute or "provider")
    provider: CreditProvider = factory(ctx)
    return provider
