"""Fixtures for the printer driver tests: sample documents on both paper widths."""

from __future__ import annotations

import pytest

from drivers.printer.profile import PaperWidth


@pytest.fixture(params=list(PaperWidth), ids=lambda p: p.value)
def paper(request: pytest.FixtureRequest) -> PaperWidth:
    return request.param
