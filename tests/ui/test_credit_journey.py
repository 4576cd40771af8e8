"""信用查询 at a hall kiosk, end to end over the real hub: the card on the reader shows that
person's own record (and only theirs), printed masked; the session's end leaves nothing of it
on the screens, in the session or in the terminal's data folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from drivers.idcard.samples import sample_resident
from hub.credit.lists import import_credit_file
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

LISTED = sample_resident()  # 张示例, 11010519491231002X (fictional): on the black list
OTHER = dataclasses.replace(sample_resident(), name="李示例", id_number="320102198001011238")
WAIT = 20000


def import_lists(hall: Hall, folder: Path) -> None:
    path = folder / "lists.csv"
    path.write_text(
        "subject_type,id,list,source,listed_on,reason\n"
        f"person,{LISTED.id_number},black,区发改委,2026-01-05,拒不履行法院判决\n"
        f"person,{OTHER.id_number},red,省公共信用信息平台,2025-12-01,纳税信用A级\n",
        encoding="utf-8",
    )
    import_credit_file(hall.hub.context, path)


def open_credit(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.tiles["credit"], Qt.MouseButton.LeftButton)
    journey = window.journeys["credit"]
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.identify_page, timeout=5000)


def shown_record(qtbot: QtBot, window: KioskWindow) -> str:
    journey = window.journeys["credit"]
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.record_page, timeout=WAIT)
    return "\n".join(
        label.text()
        for label in (journey.subject_label, journey.status_label, journey.entries_label)
    )


def files_mentioning(folder: Path, *needles: str) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(n.encode() in data for n in needles):
                found.append(path)
    return found


def test_the_card_holder_sees_and_prints_their_own_record_and_nothing_stays(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow, tmp_path: Path
) -> None:
    window = hall_window
    import_lists(hall, tmp_path)
    open_credit(qtbot, window)
    hall.place_card(LISTED)
    text = shown_record(qtbot, window)
    assert "1101**********002X" in text and LISTED.id_number not in text
    assert "失信" in text and "区发改委" in text and "2026-01-05" in text
    assert "拒不履行法院判决" in text and "省公共信用信息平台" not in text  # not the other's
    journey = window.journeys["credit"]
    assert journey.flow.identity is None  # the number was dropped once the hub answered

    qtbot.mouseClick(journey.print_button, Qt.MouseButton.LeftButton)
    printed = tmp_path / "printed" / "credit-record.txt"
    qtbot.waitUntil(printed.exists, timeout=WAIT)
    slip = printed.read_text(encoding="utf-8")
    assert "信用记录查询结果" in slip and "1101**********002X" in slip and "失信" in slip
    assert "区发改委" in slip and "2026-01-05" in slip and LISTED.id_number not in slip
    printed.unlink()
    for other in (tmp_path / "printed").glob("credit-record.*"):
        other.unlink()  # the virtual printer's picture of the paper the citizen took

    hall.remove_card()
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.flow.record is None and journey.status_label.text() == ""
    assert journey.entries_label.text() == "" and journey.subject_label.text() == ""
    window.runner.wait()
    data = Path(hall.terminal.data_dir)
    assert files_mentioning(data, LISTED.id_number, "1101**********002X", "区发改委") == []

    # The next citizen's card: their own record, nothing of the first one.
    open_credit(qtbot, window)
    hall.place_card(OTHER)
    text = shown_record(qtbot, window)
    assert "3201**********1238" in text and "守信" in text and "省公共信用信息平台" in text
    assert "区发改委" not in text and "失信" not in text


def test_a_card_not_on_any_list_says_so(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow, tmp_path: Path
) -> None:
    open_credit(qtbot, hall_window)
    hall.place_card(LISTED)  # no list imported
    text = shown_record(qtbot, hall_window)
    assert "未见信用名单记录" in text
    assert hall_window.journeys["credit"].flow.record is not None
    assert hall_window.journeys["credit"].flow.record.status is m.CreditStatus.NOT_LISTED
