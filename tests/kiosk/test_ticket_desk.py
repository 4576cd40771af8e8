"""The ticket desk over the embedded hub on loopback: the menu (categories, listable items,
real-name categories), identity codes, and what a real-name ticket sends and prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.health import DeviceHealth, HealthState
from drivers.printer.profile import PrinterProfile
from drivers.printer.render import render_escpos
from hub.db import Ticket
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.catalog_cache import CatalogCache, default_guide_path, load_guide
from kiosk.config import TicketSettings, settings_from_dict
from kiosk.errors import ConfigError
from kiosk.identity import Identity, IdentityRefused
from kiosk.journeys.availability import JOURNEYS, Availability, journey_status, journeys_for
from kiosk.journeys.ticket.desk import TicketDesk
from kiosk.printing import TicketPrinter

NUMBER = "11010519491231002X"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as running:
        yield running


@pytest.fixture
def client(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("K1")) as api:
        yield api


def desk(client: HubClient, tmp_path: Path, **ticket: object) -> TicketDesk:
    printer = TicketPrinter("virtual", PrinterProfile(), tmp_path / "printed")
    return TicketDesk(
        client,
        printer,
        "测试大厅",
        TicketSettings.model_validate(ticket),
        catalog=CatalogCache(client, tmp_path / "data"),
        guide=load_guide(default_guide_path()),
    )


def test_menu_lists_items_of_offered_queues_only(client: HubClient, tmp_path: Path) -> None:
    menu = desk(client, tmp_path, categories=["social_security", "housing"]).menu()
    assert [c.code for c in menu.categories] == ["social_security", "housing"]
    assert menu.items and {i.ticket_category for i in menu.items} == {"social_security", "housing"}
    assert menu.real_name == {"housing"}  # the hub's own real-name queue, real_name = false


def test_window_only_items_are_listed(client: HubClient, tmp_path: Path) -> None:
    menu = desk(client, tmp_path).menu()
    codes = {i.code for i in menu.items}
    assert "XK00405003-990101-SJ" in codes  # 食品经营许可: at a window too, not only here
    assert "QR00231001-990101-GA" in codes  # 居民身份证换领: hall only


@pytest.mark.parametrize(
    ("real_name", "expected"),
    [
        (False, {"housing", "residence"}),
        (True, {"general", "social_security", "business", "housing", "residence"}),
        (["general"], {"general", "housing", "residence"}),
    ],
)
def test_which_queues_ask_for_identity(
    client: HubClient, tmp_path: Path, real_name: object, expected: set[str]
) -> None:
    assert desk(client, tmp_path, real_name=real_name).menu().real_name == expected


def test_by_item_off_lists_no_items(client: HubClient, tmp_path: Path) -> None:
    assert desk(client, tmp_path, by_item=False).menu().items == []


def test_real_name_ticket_sends_the_id_and_prints_it_masked(
    client: HubClient, hub: EmbeddedHub, tmp_path: Path
) -> None:
    ticket_desk = desk(client, tmp_path, real_name=True)
    outcome = ticket_desk.take_ticket(
        "residence", item_code="QR00240001-990101-GA", holder=Identity("王示例", NUMBER)
    )
    assert outcome.ticket.item_name == "居住证申领"
    with hub.context.sessions() as session:
        stored = session.get(Ticket, outcome.ticket.ticket_id)
        assert stored is not None and stored.id_digest == hub.context.id_digest(NUMBER)
        assert stored.item_code == "QR00240001-990101-GA"
    assert outcome.paper_png is not None
    raw = outcome.paper_png.with_suffix(".bin").read_bytes()
    transcript = render_escpos(raw, ticket_desk._printer.profile.paper).transcript
    assert "办理事项：居住证申领" in transcript
    assert "实名取号：1101**********002X" in transcript
    assert NUMBER not in transcript and "王" not in transcript


def test_identity_codes_resolve_or_are_refused(
    client: HubClient, hub: EmbeddedHub, tmp_path: Path
) -> None:
    ticket_desk = desk(client, tmp_path)
    holder = ticket_desk.resolve_identity(hub.issue_identity_code("王示例", NUMBER))
    assert holder.id_number == NUMBER and holder.masked_name == "王*例"
    with pytest.raises(IdentityRefused) as info:
        ticket_desk.resolve_identity("https://example.com/")  # not an identity code at all
    assert info.value.key == "identity_invalid"
    forged = hub.issue_identity_code("王示例", NUMBER)[:-4] + "AAAA"
    with pytest.raises(IdentityRefused) as info:
        ticket_desk.resolve_identity(forged)
    assert info.value.key == "identity_invalid"


def test_real_name_setting_validates() -> None:
    base = {"terminal": {"id": "K1", "hall_name": "测试大厅"}}
    on = settings_from_dict({**base, "ticket": {"real_name": True}}, source="k", environ={})
    assert on.ticket.real_name_everywhere and on.ticket.asks_identity("general")
    some = settings_from_dict(
        {**base, "ticket": {"real_name": ["housing"]}}, source="k", environ={}
    )
    assert some.ticket.asks_identity("housing") and not some.ticket.asks_identity("general")
    assert not some.ticket.real_name_everywhere
    off = settings_from_dict(base, source="k", environ={})
    assert not off.ticket.asks_identity("general")
    assert off.ticket.asks_identity("general", hub_requires=True)
    env = settings_from_dict(base, source="k", environ={"KIOSK_TICKET__REAL_NAME": "true"})
    assert env.ticket.real_name is True
    with pytest.raises(ConfigError) as info:
        settings_from_dict({**base, "ticket": {"real_name": "yes"}}, source="k", environ={})
    assert "ticket.real_name" in info.value.message


def test_real_name_everywhere_needs_the_reader_or_the_camera() -> None:
    def down(device: str) -> DeviceHealth:
        return DeviceHealth(device, HealthState.DOWN, "unplugged")

    both = {"camera": down("camera"), "idcard": down("idcard")}
    one = {"camera": down("camera")}
    real_name = journeys_for(real_name_ticket=True)["ticket"]
    assert journey_status(real_name, both).availability is Availability.UNAVAILABLE
    assert journey_status(real_name, one).availability is Availability.DEGRADED
    assert journey_status(real_name, {}).availability is Availability.AVAILABLE
    plain = journeys_for(real_name_ticket=False)
    assert plain == JOURNEYS
    assert journey_status(plain["ticket"], both).availability is Availability.AVAILABLE


def test_an_english_ticket_is_bilingual(client: HubClient, tmp_path: Path) -> None:
    printer = TicketPrinter(
        "virtual",
        PrinterProfile(),
        tmp_path / "printed",
        TicketSettings.model_validate({"wait_at_en": {"social_security": "Zone B, 2nd floor"}}),
        "Sample District Service Centre",
    )
    ticket_desk = TicketDesk(client, printer, "测试大厅", TicketSettings())
    ticket_desk.menu()  # the screen loads it first: the queues' English names come with it
    outcome = ticket_desk.take_ticket("social_security", english=True)
    assert outcome.paper_png is not None
    raw = outcome.paper_png.with_suffix(".bin").read_bytes()
    text = render_escpos(raw, printer.profile.paper).transcript
    for words in ("Sample District Service Centre", "Your number", "Social & medical insurance"):
        assert words in text
    assert "Please wait at Zone B, 2nd floor" not in text  # no Chinese place set: none printed
    assert "Valid today only" in text
    chinese = ticket_desk.take_ticket("social_security")
    assert chinese.paper_png is not None
    raw = chinese.paper_png.with_suffix(".bin").read_bytes()
    assert "Your number" not in render_escpos(raw, printer.profile.paper).transcript
