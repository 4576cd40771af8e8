from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config import Mode, load_settings, settings_from_dict
from kiosk.errors import ConfigError
from kiosk.paths import example_config

MINIMAL = {"terminal": {"id": "K1", "hall_name": "测试大厅"}}


@pytest.mark.parametrize("mode", ["hall", "community", "counter", "rating-pad", "display"])
def test_example_configs_load(mode: str) -> None:
    settings = load_settings(example_config(mode), environ={})
    assert settings.terminal.mode is Mode(mode)
    # A pad belongs to a window of the hall's hub; every other example runs on its own.
    assert settings.api.base_url == ("https://hub.example" if mode == "rating-pad" else "embedded")


def test_defaults_fill_the_rest() -> None:
    settings = settings_from_dict(MINIMAL, source="k.toml", environ={})
    assert settings.terminal.idle_timeout == 60
    assert settings.printer.paper_width == 80
    assert settings.devices.printer == "virtual"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"terminal": {**MINIMAL["terminal"], "colour": "red"}}, "unknown key 'terminal.colour'"),
        ({"terminal": {**MINIMAL["terminal"], "mode": "mall"}}, "terminal.mode: allowed:"),
        ({**MINIMAL, "printer": {"paper_width": 70}}, "printer.paper_width: allowed: 58 or 80"),
        ({**MINIMAL, "devices": {"printer": "lpt1"}}, "devices.printer: must start with"),
        ({**MINIMAL, "api": {"base_url": "ftp://x"}}, "api.base_url: must be 'embedded'"),
        ({**MINIMAL, "api": {"public_url": "hall.example"}}, "api.public_url: must be empty"),
        ({**MINIMAL, "api": {"public_url": "https://h/?x=1"}}, "api.public_url: must be empty"),
        ({**MINIMAL, "screen": {}}, "unknown key 'screen' (allowed sections:"),
        ({"terminal": {"hall_name": "x"}}, "missing key 'terminal.id'"),
        (
            {**MINIMAL, "terminal": {**MINIMAL["terminal"], "idle_timeout": 1}},
            "terminal.idle_timeout",
        ),
        ({**MINIMAL, "source": "x"}, "unknown key 'source'"),
        (
            {"terminal": {**MINIMAL["terminal"], "mode": "counter"}},
            "counter.window: required when terminal.mode is counter",
        ),
        ({**MINIMAL, "counter": {"rating_pad": "tablet"}}, "counter.rating_pad: allowed:"),
        ({**MINIMAL, "ticket": {"hotline": "call us"}}, "ticket.hotline: "),
        ({**MINIMAL, "ticket": {"wait_at": {"general": "x" * 41}}}, "ticket.wait_at.general: "),
        (
            {**MINIMAL, "counter": {"notice_printer": "HP LaserJet"}},
            "counter.notice_printer: must be empty or a CUPS queue name as `lpstat -p` lists it",
        ),
        (
            {**MINIMAL, "counter": {"cups_server": "printhost:ipp"}},
            "counter.cups_server: must be empty (this machine's CUPS), HOST, HOST:PORT or a socket",
        ),
        ({**MINIMAL, "counter": {"notice_printer": 4}}, "counter.notice_printer: Input should"),
        ({**MINIMAL, "display": {"voice_english": "yes"}}, "display.voice_english: Input should"),
        (
            {**MINIMAL, "display": {"voice_template_en": "Window {window}: {number}"}},
            "display.voice_template_en: must hold {number}, and may hold {window} after it",
        ),
        (
            {**MINIMAL, "display": {"voice_template_en": "Nummer {number} / {window}"}},
            "in English letters, spaces and , . ' ! ? -",
        ),
    ],
)
def test_mistakes_name_file_key_and_allowed(raw: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_dict(raw, source="/etc/yimen/kiosk.toml", environ={})
    message = info.value.message
    assert message.startswith("/etc/yimen/kiosk.toml: ")
    assert expected in message
    assert "\n" not in message


def test_a_counters_notice_printer() -> None:
    counter = {"window": "W01", "notice_printer": " Notices-A4 ", "cups_server": "[::1]:631"}
    raw = {"terminal": {**MINIMAL["terminal"], "mode": "counter"}, "counter": counter}
    settings = settings_from_dict(raw, source="k.toml", environ={})
    assert settings.counter.notice_printer == "Notices-A4"
    assert settings.counter.cups_server == "[::1]:631"
    assert settings_from_dict(MINIMAL, source="k.toml", environ={}).counter.notice_printer == ""
    env = {"KIOSK_COUNTER__CUPS_SERVER": "/run/cups/cups.sock"}
    assert (
        settings_from_dict(raw, source="k", environ=env).counter.cups_server
        == env["KIOSK_COUNTER__CUPS_SERVER"]
    )


def test_environment_overrides_single_values() -> None:
    env = {
        "KIOSK_TERMINAL__IDLE_TIMEOUT": "30",
        "KIOSK_TICKET__CATEGORIES": '["B", "A"]',
        "KIOSK_TERMINAL__HALL_NAME": "覆盖大厅",
        "PATH": "/usr/bin",
    }
    settings = settings_from_dict(MINIMAL, source="k.toml", environ=env)
    assert settings.terminal.idle_timeout == 30
    assert settings.terminal.hall_name == "覆盖大厅"
    assert settings.ticket.categories == ["B", "A"]


@pytest.mark.parametrize(
    ("var", "expected"),
    [
        ("KIOSK_TERMINAL__IDLETIME", "no key 'idletime' in [terminal] (allowed: "),
        ("KIOSK_SCREEN__SIZE", "no section [screen]"),
    ],
)
def test_unknown_override_is_an_error(var: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(expected)):
        settings_from_dict(MINIMAL, source="k.toml", environ={var: "1"})


def test_override_with_bad_value_names_the_key() -> None:
    with pytest.raises(ConfigError, match=r"terminal\.idle_timeout"):
        settings_from_dict(MINIMAL, source="k.toml", environ={"KIOSK_TERMINAL__IDLE_TIMEOUT": "x"})


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[terminal\nid=", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)
