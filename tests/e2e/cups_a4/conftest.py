"""A private cupsd with cups-pdf queues for the module (see cupsd.py), a fresh queue per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from cupsd import PrivateCups, Queue, cups_pdf_missing

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def cups() -> Iterator[PrivateCups]:
    missing = cups_pdf_missing()
    if missing:
        pytest.skip(missing)
    with PrivateCups() as server:
        yield server


@pytest.fixture
def queue(cups: PrivateCups) -> Iterator[Queue]:
    cups.start()  # again, if a test stopped it
    name = f"a4-{next(_numbers)}"
    out = cups.add_pdf_queue(name)
    yield Queue(name, out)
    cups.start()
    cups.remove_queue(name)
