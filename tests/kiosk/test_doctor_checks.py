"""The doctor's checks one by one: a hung check, fonts, voices, disk space, TLS to the hub."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.embedded import EmbeddedHub, TlsFiles
from kiosk.config import Settings, settings_from_dict
from kiosk.doctor import Check, Limits, Status, fail, ok, run_checks, seconds_text, system
from kiosk.doctor import hub as hub_check
from tests.kiosk.api.test_hub_client_tls import Pki


def settings(tmp_path: Path, **sections: dict[str, object]) -> Settings:
    raw: dict[str, dict[str, object]] = {
        "terminal": {"id": "K1", "hall_name": "大厅", "data_dir": str(tmp_path / "data")}
    }
    for name, values in sections.items():
        raw[name] = {**raw.get(name, {}), **values}
    return settings_from_dict(raw, source="kiosk.toml", environ={})


def test_a_hung_check_costs_its_timeout_and_says_what_to_look_at() -> None:
    release = threading.Event()

    def hang() -> list:  # type: ignore[type-arg]
        release.wait(30)
        return [ok("printer", "never said")]

    checks = [
        Check(("printer",), hang, "The printer did not answer within 0.2 s: check its cable."),
        Check(("font",), lambda: [ok("font", "fine")], "unused"),
    ]
    started = time.monotonic()
    findings = run_checks(checks, timeout=0.2)
    took = time.monotonic() - started
    release.set()
    assert [(f.check, f.status) for f in findings] == [
        ("printer", Status.FAIL),
        ("font", Status.OK),
    ]
    assert findings[0].message == "The printer did not answer within 0.2 s: check its cable."
    assert took < 0.2 + 1.5


def test_a_check_that_raises_is_one_failed_finding() -> None:
    def broken() -> list:  # type: ignore[type-arg]
        raise ValueError("secret detail")

    (found,) = run_checks([Check(("disk",), broken, "unused")], timeout=2)
    assert found == fail(
        "disk",
        "The disk check itself failed (ValueError); run kiosk -v doctor and report what it logs.",
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.4, "0 s"), (4.6, "5 s"), (65, "1 min 5 s"), (120, "2 min"), (3725, "1 h 2 min"),
     (7200, "2 h"), (-300, "5 min"), (3 * 86400, "3 days")],
)  # fmt: skip
def test_durations_read_as_a_technician_says_them(seconds: float, text: str) -> None:
    assert seconds_text(seconds) == text


def test_no_chinese_font_fails_with_the_package_to_install() -> None:
    (found,) = system.check_font(Limits(), fc_list="no-such-fc-list").run()
    assert found.status is Status.FAIL
    assert "apt install fontconfig fonts-noto-cjk" in found.message


def test_a_chinese_font_is_named(tmp_path: Path) -> None:
    fake = tmp_path / "fc-list"
    fake.write_text(
        "#!/bin/sh\nprintf 'Noto Sans CJK JP,Noto Sans CJK JP Bold\\nNoto Sans CJK SC\\n'\n"
    )
    fake.chmod(0o755)
    (found,) = system.check_font(Limits(), fc_list=str(fake)).run()
    assert found == ok("font", "Chinese is covered by Noto Sans CJK SC and 1 more.")
    fake.write_text("#!/bin/sh\n")
    (found,) = system.check_font(Limits(), fc_list=str(fake)).run()
    assert found.status is Status.FAIL and "No installed font covers Chinese" in found.message


def test_a_display_without_clips_or_espeak_cannot_call(tmp_path: Path) -> None:
    display = settings(tmp_path, terminal={"mode": "display"}, display={"voice": "clips"})
    check = system.check_voice(display, Limits(), espeak="no-such-espeak")
    assert check is not None
    (found,) = check.run()
    assert found.status is Status.FAIL
    assert "The calling display cannot speak" in found.message
    assert str(tmp_path / "data" / "voice-clips") in found.message
    assert "apt install espeak-ng" in found.message


def test_a_display_makes_its_clips_with_espeak_ng(tmp_path: Path) -> None:
    display = settings(tmp_path, terminal={"mode": "display"}, display={"voice": "clips"})
    check = system.check_voice(display, Limits())
    assert check is not None
    (found,) = check.run()
    assert found.status is Status.OK, found.message
    assert "espeak-ng with its Mandarin voice will make the" in found.message


def test_a_complete_recorded_clip_pack_needs_no_espeak(tmp_path: Path) -> None:
    from kiosk.display.voice import clips_for

    clips = tmp_path / "clips"
    clips.mkdir()
    for clip in clips_for():
        (clips / f"{clip}.wav").write_bytes(b"RIFF")
    display = settings(tmp_path, terminal={"mode": "display"}, display={"clips_dir": str(clips)})
    check = system.check_voice(display, Limits(), espeak="no-such-espeak")
    assert check is not None
    assert check.run() == [ok("voice", f"The calling voice's clip pack in {clips} is complete.")]


def test_a_kiosk_without_speech_is_only_a_warning(tmp_path: Path) -> None:
    kiosk = settings(tmp_path, terminal={"voice": "auto"})
    check = system.check_voice(kiosk, Limits(), espeak="no-such-espeak")
    assert check is not None
    (found,) = check.run()
    assert found.status is Status.WARN
    assert "the screens still say everything" in found.message
    quiet = settings(tmp_path, terminal={"voice": "none"})
    assert system.check_voice(quiet, Limits()) is None


def test_low_disk_space_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    terminal = settings(tmp_path)
    (found,) = system.check_disk(terminal, Limits()).run()
    assert found.status is Status.OK
    (found,) = system.check_disk(terminal, Limits(disk_free=1 << 60)).run()
    assert found.status is Status.WARN
    assert found.message.startswith(f"Space is low for the data directory {tmp_path / 'data'}")


# -- TLS: the hub's certificate as the kiosk verifies it --------------------------------------


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return Pki(tmp_path)


@pytest.fixture
def tls_hub(tmp_path: Path, pki: Pki) -> Iterator[EmbeddedHub]:
    cert, key = pki.server
    with EmbeddedHub(tmp_path / "hub", tls=TlsFiles(cert, key)) as hub:
        yield hub


def test_an_untrusted_hub_certificate_says_to_set_the_ca_bundle(
    tmp_path: Path, tls_hub: EmbeddedHub, pki: Pki
) -> None:
    token = tmp_path / "token"
    token.write_text(tls_hub.register_terminal("K1"))
    api = {"base_url": tls_hub.base_url, "token_file": str(token)}
    found, clock = hub_check.examine(settings(tmp_path, api=api), Limits())
    assert found.status is Status.FAIL, found.message
    assert found.message.startswith(f"TLS with the hub at {tls_hub.base_url} failed:")
    assert "not trusted (unable to get local issuer certificate)" in found.message
    assert "set api.ca_bundle" in found.message
    assert clock.status is Status.WARN
    trusted = settings(tmp_path, api={**api, "ca_bundle": str(pki.ca_path)})
    found, clock = hub_check.examine(trusted, Limits())
    assert found.status is Status.OK and "its TLS certificate is verified" in found.message
    assert clock.status is Status.OK


def test_a_missing_ca_bundle_file_is_named(tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("t")
    api = {
        "base_url": "https://hub.example",
        "token_file": str(token),
        "ca_bundle": str(tmp_path / "ca.pem"),
    }
    found, _ = hub_check.examine(settings(tmp_path, api=api), Limits())
    assert found == fail("hub", f"kiosk.toml: api.ca_bundle: there is no file {tmp_path}/ca.pem.")
