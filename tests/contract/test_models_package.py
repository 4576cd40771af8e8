"""contract.models loads each resource's module when one of its names is first used."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from contract import models

INIT = Path(models.__file__)
ROOT = Path(__file__).resolve().parents[2]


def type_checking_imports() -> dict[str, str]:
    """Name -> module, from the imports the type checkers read."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    found: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.module is not None
        for alias in node.names:
            found[alias.name] = node.module.rsplit(".", 1)[1]
    return found


def test_the_names_the_type_checkers_see_are_the_names_served() -> None:
    assert type_checking_imports() == models._MODULE_OF
    assert sorted(models.__all__) == sorted(models._MODULE_OF)


@pytest.mark.parametrize("name", sorted(models._MODULE_OF))
def test_every_name_is_its_module_s_object(name: str) -> None:
    value = getattr(models, name)
    module = sys.modules[f"contract.models.{models._MODULE_OF[name]}"]
    assert value is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Ticket_"):
        models.Ticket_  # noqa: B018


CHILD = """
import json, sys
from contract import models as m
loaded = lambda: sorted(n for n in sys.modules if n.startswith("contract.models."))
before = loaded()
m.TicketIssued
print(json.dumps([before, loaded()]))
"""


def test_importing_the_package_builds_no_model() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after = json.loads(out.stdout)
    assert before == []
    assert after == ["contract.models.common", "contract.models.tickets"]
