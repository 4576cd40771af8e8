"""Under systemd the terminal logs to the journal (stderr), elsewhere to its rotating file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import log_to_journal_or_file


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[len(before) :]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_under_systemd_the_log_goes_to_the_journal(
    root_handlers: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = log_to_journal_or_file(lambda: tmp_path, environ={"JOURNAL_STREAM": "8:1234"})
    logging.getLogger("kiosk.test").warning("printer out of paper")
    assert where == "journal"
    assert "WARNING kiosk.test: printer out of paper" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_elsewhere_the_log_goes_to_a_file(root_handlers: None, tmp_path: Path) -> None:
    where = log_to_journal_or_file(lambda: tmp_path, environ={})
    logging.getLogger("kiosk.test").warning("printer out of paper")
    assert where == str(tmp_path / "kiosk.log")
    assert "printer out of paper" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")
