"""Fixtures for the hub fault tests (helpers in faults.py, loaded by path: no test packages)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def load_sibling(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"_e2e_hub_{name}", Path(__file__).with_name(f"{name}.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


faults = load_sibling("faults")


@pytest.fixture
def hub_process(tmp_path: Path) -> Iterator[Any]:
    hub = faults.HubProcess(tmp_path / "hub")
    hub.data_dir.mkdir()
    yield hub
    hub.stop()


@pytest.fixture
def proxy_factory() -> Iterator[Callable[[int], Any]]:
    proxies: list[Any] = []

    def make(port: int) -> Any:
        proxy = faults.FaultProxy(port)
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()
