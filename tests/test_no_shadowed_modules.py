"""Test folders are put on ``sys.path`` (they are not packages), so a folder named like a module
a library imports optionally becomes that module: a folder ``cups`` made python-escpos take it
for pycups and every printer test fail. This checks the optional imports our libraries make."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
OPTIONAL_IMPORTS = ("cups", "usb", "serial", "qrcode", "barcode", "PIL", "web", "win32print")


@pytest.mark.parametrize("name", OPTIONAL_IMPORTS)
def test_no_test_folder_answers_a_librarys_import(name: str) -> None:
    spec = importlib.util.find_spec(name)
    if spec is None:
        return  # not installed, and nothing of ours pretends to be it
    places = [Path(p) for p in (spec.submodule_search_locations or [])]
    if spec.origin:
        places.append(Path(spec.origin))
    assert not any(TESTS in place.parents or place == TESTS for place in places), (
        f"a test folder is imported as {name!r}: rename it"
    )
