"""办件 end to end: from home to a printed receipt, over the real hub on loopback.

Three items with different forms and materials; each test asserts what the hub stored (form,
materials' hashes, delivery) and what the receipt says, and counts the citizen's taps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from drivers.idcard.samples import sample_resident
from drivers.printer.render import render_escpos
from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.screens.case_screen import CaseJourney
from ui.widgets.form_fields import ChoiceField, GroupField, LineField

RESIDENCE = "QR00240001-990101-GA"
BIRTH = "GG00515001-990101-WJ"
FLEXIBLE = "GG00124003-990101-RS"
ID_NUMBER = "11010519491231002X"
WAIT = 20000


@dataclass
class Citizen:
    """Drives the kiosk like a citizen and counts what they do."""

    qtbot: QtBot
    window: KioskWindow
    taps: int = 0
    keystrokes: int = 0
    log: list[str] = field(default_factory=list)

    @property
    def journey(self) -> CaseJourney:
        return self.window.case

    def tap(self, widget: QWidget) -> None:
        self.qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.taps += 1

    def at(self, page: str) -> None:
        try:
            self.qtbot.waitUntil(lambda: self.log[-1:] == [page], timeout=WAIT)
        except Exception:
            shown = [
                label.text()
                for label in self.window.findChildren(QLabel, "FieldError")
                if label.isVisible() and label.text()
            ]
            raise AssertionError(f"not at {page} (log {self.log}); messages: {shown}") from None

    def type_text(self, edit: QLineEdit, text: str) -> None:
        """Free text as the hosted pinyin keyboard delivers it (an input-method commit):
        one tap into the field; the characters are counted apart from taps."""
        self.taps += 1
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)
        assert edit.text().endswith(text)
        self.keystrokes += len(text)

    def type_digits(self, edit: QLineEdit, digits: str) -> None:
        """Digits on the form's own keypad: tap the field, then each key."""
        self.tap(edit)
        self.qtbot.waitUntil(lambda: edit.hasFocus(), timeout=WAIT)
        keypad = self.journey.form_view.keypad  # type: ignore[union-attr]
        for key in digits:
            self.tap(keypad.keys[key])

    def field(self, name: str) -> Any:
        view = self.journey.form_view
        assert view is not None
        return view.fields[name]

    def choose(self, name: str, *options: str) -> None:
        widget = self.field(name)
        assert isinstance(widget, ChoiceField)
        for option in options:
            self.tap(widget.buttons[option])


def _open(qtbot: QtBot, terminal: Terminal) -> Citizen:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    citizen = Citizen(qtbot, window)
    window.case.page_changed.connect(citizen.log.append)
    return citizen


def _begin(citizen: Citizen, event: str, item_code: str) -> None:
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.find_page.event_buttons[event])
    citizen.tap(journey.find_page.result_buttons[item_code])
    citizen.at("guide")
    citizen.tap(journey.guide_page.apply)  # type: ignore[arg-type]
    citizen.at("identifying")


def _capture(citizen: Citizen, code: str, pages: int = 1) -> None:
    materials = citizen.journey.materials_page
    citizen.tap(materials.capture_buttons[code])
    for n in range(1, pages + 1):
        citizen.tap(materials.shoot)
        citizen.qtbot.waitUntil(lambda n=n: materials._pages == n, timeout=WAIT)
    citizen.tap(materials.done)
    citizen.qtbot.waitUntil(lambda: not materials.panel.isVisible(), timeout=WAIT)


def _submit(citizen: Citizen) -> None:
    citizen.tap(citizen.journey.review_page.submit)  # type: ignore[arg-type]
    citizen.at("receipt")


def _stored(terminal: Terminal, number: str) -> dict[str, Any]:
    """The case as the hub keeps it, read from its database; materials' hashes checked."""
    import hashlib

    from sqlalchemy import text

    engine = _hub_engine(terminal)
    with engine.connect() as db:
        case = (
            db.execute(text("SELECT * FROM cases WHERE case_number = :n"), {"n": number})
            .mappings()
            .one()
        )
        rows = db.execute(
            text("SELECT material_code, sha256, content FROM materials WHERE case_id = :c"),
            {"c": case["case_id"]},
        ).all()
    data = case["data"] if isinstance(case["data"], dict) else json.loads(case["data"])
    hashes = {}
    for code, sha, content in rows:
        assert content is not None and hashlib.sha256(content).hexdigest() == sha
        hashes[code] = sha
    return {**data, "applicant_name": case["applicant_name"], "hashes": hashes}


def _hub_engine(terminal: Terminal) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    # NullPool: the connection is closed when the test is done with it.
    return create_engine(
        f"sqlite:///{terminal.data_dir / 'hub' / 'hub.sqlite3'}", poolclass=NullPool
    )


def _receipt_text(citizen: Citizen) -> str:
    receipt = citizen.journey.receipt
    assert receipt is not None
    printed = citizen.journey.printer.printed_dir / f"receipt-{receipt.number}.bin"
    return render_escpos(printed.read_bytes(), citizen.journey.printer.profile.paper).transcript


def _card(terminal: Terminal) -> None:
    assert terminal.devices.sim_reader is not None
    terminal.devices.sim_reader.place_card(sample_resident())


def test_residence_permit_with_group_address_and_ems(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    _begin(citizen, "居住", RESIDENCE)
    _card(terminal)
    citizen.at("form")
    address = citizen.field("residence_address")
    assert isinstance(address, LineField)
    citizen.type_text(address.edit, "示例区幸福路8号3栋201")
    citizen.type_digits(citizen.field("residence_since").edit, "20250301")
    citizen.choose("reason", "就业")
    family = citizen.field("family")
    assert isinstance(family, GroupField)
    citizen.tap(family.add_button)
    row = family.rows[0][1]
    citizen.type_text(row["name"].edit, "王小二")  # type: ignore[attr-defined]
    citizen.tap(row["relation"].buttons["子女"])  # type: ignore[attr-defined]
    citizen.type_digits(row["id_number"].edit, "110105201501010017")  # type: ignore[attr-defined]
    citizen.type_digits(citizen.field("phone").edit, "13800001234")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    _capture(citizen, "id_card")
    _capture(citizen, "residence_proof", pages=2)
    citizen.tap(journey.materials_page.bring_buttons["photo"])
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[_ems()])
    assert journey.delivery_page.card_address.isChecked()  # the card's address by default
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    summary = journey.review_page.summary.text()
    assert "张*例" in summary and "1101**********002X" in summary
    assert "北京市朝阳区****" in summary and "138****1234" in summary
    assert "示例路1号" not in summary and ID_NUMBER not in summary
    _submit(citizen)

    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    stored = _stored(terminal, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["form"]["residence_address"] == "示例区幸福路8号3栋201"
    assert stored["form"]["residence_since"] == "2025-03-01"
    assert stored["form"]["reason"] == "就业"
    assert json.loads(stored["form"]["family"]) == [
        {"name": "王小二", "relation": "子女", "id_number": "110105201501010017"}
    ]
    assert stored["delivery"] == "ems"
    assert stored["delivery_address"] == "北京市朝阳区示例路1号示例小区"
    draft = journey.draft
    assert draft is not None
    assert stored["hashes"] == {c: m.sha256 for c, m in draft.materials.items()}
    assert draft.materials["residence_proof"].pages == 2
    text = _receipt_text(citizen)
    assert receipt.number in text and "居住证申领" in text
    assert "EMS" in text and "北京市朝阳区****" in text and "张*例" in text
    assert "请到窗口提交：近期一寸免冠照片" in text and "示例路1号" not in text
    assert journey.receipt_page.qr.text_value == receipt.tracking_code
    record_property("taps", citizen.taps)
    record_property("keystrokes", citizen.keystrokes)

    rated: list[tuple[str, str]] = []
    journey.rate_case_requested.connect(lambda kind, number: rated.append((kind, number)))
    citizen.tap(journey.receipt_page.done)
    qtbot.waitUntil(lambda: citizen.window.stack.currentWidget() is citizen.window.home)
    assert rated == [("case", receipt.number)]
    assert journey.receipt is None and journey.draft is None  # wiped with the session
    assert not journey.desk.camera.work_dir.exists()


def test_birth_registration_date_and_electronic_delivery(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    _begin(citizen, "生育", BIRTH)
    _card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.field("phone").edit, "13900005678")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    _capture(citizen, "id_card", pages=2)  # both spouses' cards
    citizen.tap(journey.materials_page.bring_buttons["marriage"])
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")  # electronic only: chosen already
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    _submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    stored = _stored(terminal, receipt.number)
    assert stored["form"] == {"expected_date": "2027-03-15", "phone": "13900005678"}
    assert stored["delivery"] == "electronic" and stored["delivery_address"] is None
    assert set(stored["hashes"]) == {"id_card"}
    text = _receipt_text(citizen)
    assert "生育登记服务" in text and "电子送达" in text and "请到窗口提交：结婚证" in text
    record_property("taps", citizen.taps)


def test_flexible_employment_multi_choice_number_and_pickup(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    _begin(citizen, "就业", FLEXIBLE)
    _card(terminal)
    citizen.at("form")
    citizen.choose("insurances", "企业职工基本养老保险", "职工基本医疗保险")
    citizen.type_digits(citizen.field("monthly_base").edit, "4500")
    citizen.type_text(citizen.field("occupation").edit, "网约车司机")
    citizen.type_digits(citizen.field("phone").edit, "13700002222")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    _capture(citizen, "id_card")
    _capture(citizen, "employment")
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[_pickup()])
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    _submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    stored = _stored(terminal, receipt.number)
    assert stored["form"]["insurances"] == "企业职工基本养老保险、职工基本医疗保险"
    assert stored["form"]["monthly_base"] == "4500"
    assert stored["form"]["occupation"] == "网约车司机"
    assert "spouse_id" not in stored["form"]
    assert stored["delivery"] == "pickup"
    assert set(stored["hashes"]) == {"id_card", "employment"}
    text = _receipt_text(citizen)
    assert "窗口领取" in text and "灵活就业人员社会保险参保登记" in text
    record_property("taps", citizen.taps)


def _ems() -> Any:
    from kiosk.api.models import DeliveryMethod

    return DeliveryMethod.EMS


def _pickup() -> Any:
    from kiosk.api.models import DeliveryMethod

    return DeliveryMethod.PICKUP


def test_community_worker_submits_on_behalf_with_both_identities(
    qtbot: QtBot, themed: object, community_terminal: Terminal
) -> None:
    terminal = community_terminal
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    assert journey.worker_bar.isVisible()
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    staff = journey.staff_page
    staff.number_edit.setText("S0001")
    staff.pin_edit.setText("000000")
    citizen.tap(staff.ok)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "不正确" in staff.error.text(), timeout=WAIT)
    assert staff.pin_edit.text() == ""  # a wrong PIN is not kept on screen
    staff.number_edit.setText("S0001")
    staff.pin_edit.setText("246810")
    citizen.tap(staff.ok)  # type: ignore[arg-type]
    citizen.at("finding")
    assert "S0001" in journey.worker_label.text()

    citizen.tap(journey.find_page.event_buttons["养老"])
    citizen.tap(journey.find_page.result_buttons["GG00618002-990101-MZ"])  # 老年人优待证
    citizen.at("guide")
    citizen.tap(journey.guide_page.apply)  # type: ignore[arg-type]
    citizen.at("identifying")
    _card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("phone").edit, "13600003333")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    _capture(citizen, "id_card")
    _capture(citizen, "photo")
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[_pickup()])
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    assert "代办人：李*工" in journey.review_page.summary.text()
    _submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    stored = _stored(terminal, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["agent"]["name"] == "李社工"
    assert stored["agent"]["id_number"] == "990101198503050032"
    assert stored["channel"] == "community"
    text = _receipt_text(citizen)
    assert "代办人" in text and "李*工" in text and "社区工作人员代办" in text

    # The shift survives the citizen's session; its list shows the upload state.
    citizen.tap(journey.receipt_page.done)
    qtbot.waitUntil(lambda: citizen.window.stack.currentWidget() is citizen.window.home)
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.shift_button)
    citizen.at("shift")
    listing = journey.shift_page.listing.text()
    assert receipt.number in listing and "已上传" in listing
    citizen.tap(journey.shift_page.sign_out_button)  # type: ignore[arg-type]
    citizen.at("finding")
    assert journey.desk.shift is None and journey.sign_in_button.isVisible()
    # Only a slow hash of the PIN exists anywhere in the terminal's configuration.
    dumped = terminal.settings.model_dump_json()
    assert "246810" not in dumped and "scrypt$" in dumped


def test_form_messages_appear_next_to_fields_and_block(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    _begin(citizen, "就业", FLEXIBLE)
    _card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("monthly_base").edit, "45X")
    citizen.type_digits(citizen.field("spouse_id").edit, "110105194912310021")
    citizen.type_digits(citizen.field("phone").edit, "1370000")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    expected = {
        "insurances": "请选择参保险种。",
        "monthly_base": "这里只能填数字，例如 3000。",
        "occupation": "请填写从事职业。",
        "spouse_id": "身份证号码有误，请逐位核对。",
        "phone": "电话号码不对，手机号是 1 开头的 11 位数字。",
    }
    for name, message in expected.items():
        error = citizen.field(name).error
        assert error.isVisible() and error.text() == message, name
    assert citizen.log[-1] == "form"  # blocked
    citizen.choose("insurances", "失业保险")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    assert not citizen.field("insurances").error.isVisible()
    assert citizen.field("phone").error.isVisible()
    assert citizen.log[-1] == "form"


def test_search_by_pinyin_initials_and_guide(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.type_text(journey.find_page.search, "jzz")
    qtbot.waitUntil(lambda: RESIDENCE in journey.find_page.result_buttons, timeout=WAIT)
    assert next(iter(journey.find_page.result_buttons)) == RESIDENCE
    citizen.tap(journey.find_page.result_buttons[RESIDENCE])
    citizen.at("guide")
    guide = journey.guide_page.details.text()
    assert "15 个工作日" in guide and "居住证暂行条例" in guide and "居住证明" in guide
    assert journey.guide_page.apply.isEnabled()  # type: ignore[union-attr]
    citizen.tap(journey.guide_page.back)
    citizen.at("finding")
    journey.find_page.search.clear()
    citizen.type_text(journey.find_page.search, "食品经营")
    code = "XK00405003-990101-SJ"  # window only (not a kiosk channel)
    citizen.tap(journey.find_page.result_buttons[code])
    citizen.at("guide")
    assert not journey.guide_page.apply.isEnabled()  # type: ignore[union-attr]
    assert "窗口" in journey.guide_page.where.text()


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _untranslated(citizen: Citizen, data: set[str]) -> list[str]:
    """Chinese left on screen once the catalog's own words (item data) are taken out."""
    journey = citizen.journey
    leftover = []
    for widget in journey.findChildren(QWidget):
        if not widget.isVisibleTo(journey) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        for word in sorted(data, key=len, reverse=True):
            text = text.replace(word, "")
        if CJK.search(text):
            leftover.append(f"{widget.objectName()}: {widget.text()}")
    return leftover


def test_english_leaves_only_catalog_data_in_chinese(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = _open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)
    assert terminal.cases is not None
    item = terminal.cases.catalog
    catalog = item.refresh() and item.catalog
    guide = terminal.cases.guide
    data = set(guide.events) | {"张*例", "张示例", "1101**********002X", "北京市朝阳区****"}
    for entry in catalog.items:
        data |= {entry.name, entry.department, entry.legal_basis, entry.item_type.value}
        data |= {f.label for f in entry.form} | {o for f in entry.form for o in f.options}
        data |= {m.name for m in entry.materials} | {m.note for m in entry.materials if m.note}
        data |= {entry.fee.basis} if entry.fee.basis else set()
    data.discard("")
    journey = citizen.journey
    pages = []
    _begin(citizen, "生育", BIRTH)
    pages.append(("identify", _untranslated(citizen, data)))
    _card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "2027")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    pages.append(("form with messages", _untranslated(citizen, data)))
    citizen.type_digits(citizen.field("expected_date").edit, "0315")
    citizen.type_digits(citizen.field("phone").edit, "13900005678")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    citizen.tap(journey.materials_page.capture_buttons["id_card"])
    citizen.tap(journey.materials_page.shoot)
    qtbot.waitUntil(lambda: journey.materials_page._pages == 1, timeout=WAIT)
    pages.append(("capture", _untranslated(citizen, data)))
    citizen.tap(journey.materials_page.done)
    qtbot.waitUntil(lambda: not journey.materials_page.panel.isVisible(), timeout=WAIT)
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")
    pages.append(("delivery", _untranslated(citizen, data)))
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    pages.append(("review", _untranslated(citizen, data)))
    _submit(citizen)
    pages.append(("receipt", _untranslated(citizen, data)))
    assert [(name, left) for name, left in pages if left] == []
    window.end_session("finish")


def test_hub_down_at_submit_gives_a_provisional_receipt_then_the_case_arrives_once(
    qtbot: QtBot, themed: object, hub_outside: Any, terminal_on_outside_hub: Terminal
) -> None:
    terminal = terminal_on_outside_hub
    citizen = _open(qtbot, terminal)
    journey = citizen.journey
    _begin(citizen, "生育", BIRTH)  # the catalog comes from the hub while it is up
    _card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.field("phone").edit, "13900005678")
    citizen.tap(journey.form_next)  # type: ignore[arg-type]
    citizen.at("materials")
    _capture(citizen, "id_card")
    citizen.tap(journey.materials_page.next)  # type: ignore[arg-type]
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.next)  # type: ignore[arg-type]
    citizen.at("review")
    hub_outside.stop()
    _submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and receipt.provisional
    assert receipt.number.startswith("HALL-K01-")
    assert "临时编号" in journey.receipt_page.state.text()
    text = _receipt_text(citizen)
    assert receipt.number in text and "临时编号" in text
    entry = receipt.entry_id
    assert terminal.cases is not None
    outbox = terminal.cases.service.outbox
    assert outbox.receipt(entry).case_number is None

    hub_outside.start()
    terminal.cases.service.sender.notify()
    qtbot.waitUntil(lambda: outbox.receipt(entry).case_number is not None, timeout=60000)
    number = outbox.receipt(entry).case_number
    assert number is not None
    from kiosk.api.models import CaseLookup

    status = terminal.client.lookup_case(CaseLookup(case_number=number, id_number=ID_NUMBER))
    assert status.item_name == "生育登记服务"
    terminal.cases.service.sender.drain(force=True)  # a resend finds the same case
    with hub_outside.context.engine.connect() as db:
        from sqlalchemy import text as sql

        count = db.execute(sql("SELECT count(*) FROM cases WHERE item_code = :c"), {"c": BIRTH})
        assert count.scalar_one() == 1


def test_elder_mode_makes_the_case_pages_large(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = _open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)

    def small_texts() -> list[str]:
        journey = citizen.journey
        return [
            widget.text()
            for widget in journey.findChildren(QWidget)
            if widget.isVisibleTo(journey)
            and isinstance(widget, QLabel | QAbstractButton)
            and widget.text()
            and widget.fontInfo().pixelSize() < 30
        ]

    _begin(citizen, "居住", RESIDENCE)
    assert small_texts() == []
    _card(terminal)
    citizen.at("form")
    citizen.tap(citizen.journey.form_next)  # type: ignore[arg-type]
    assert small_texts() == []  # the messages too
    window.end_session("finish")
