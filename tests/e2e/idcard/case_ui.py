"""The case journey's UI helpers of tests/ui (case_driver), for the PC/SC tests here: loaded by
path, not copied."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _load_driver() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "ui" / "case_driver.py"
    spec = importlib.util.spec_from_file_location("_case_driver", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


driver = _load_driver()
