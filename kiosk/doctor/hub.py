"""The hub and the clock: one authenticated request (``HubClient.ping``) answers both.

The request proves the hub answers, that TLS holds (verification is always on; the configured CA
bundle and client certificate are used as the kiosk uses them) and that this terminal's token is
accepted. The answer's Date header is the hub's clock: a terminal whose clock drifts prints
wrong times on tickets and receipts, and a clock far off breaks TLS altogether.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

from kiosk.api.client import HubClient, Ping
from kiosk.api.errors import HubFailure, HubRejected, HubUnreachable
from kiosk.config import Settings
from kiosk.doctor import Check, Finding, Limits, fail, ok, seconds_text, warn
from kiosk.errors import ConfigError

REGISTER = "kiosk hub register-terminal {id} --mode {mode}"


def check_hub(settings: Settings, limits: Limits) -> Check:
    url = settings.api.base_url
    where = "the embedded hub" if url == "embedded" else f"the hub at {url}"
    return Check(
        ("hub", "clock"),
        lambda: examine(settings, limits),
        f"{where} did not answer within {limits.timeout:g} s: check the network and that the"
        " hub runs.",
    )


def examine(settings: Settings, limits: Limits) -> list[Finding]:
    """[the hub's finding, the clock's finding]."""
    if settings.api.base_url == "embedded":
        return _embedded()
    try:
        client = _client(settings, limits.timeout)
    except ConfigError as exc:
        return [fail("hub", exc.message), _clock_unknown()]
    url = settings.api.base_url
    with client:
        try:
            ping = client.ping()
        except HubUnreachable as exc:
            return [fail("hub", _unreachable(url, exc, limits.timeout)), _clock_unknown()]
        except HubRejected as exc:
            return [fail("hub", _rejected(settings, exc)), _clock_unknown()]
        except HubFailure as exc:
            status = f"HTTP {exc.status}" if exc.status else "an answer outside the contract"
            return [
                fail(
                    "hub",
                    f"The hub at {url} failed ({status}): look at the hub's log"
                    " (journalctl -u yimen-hub) and try again.",
                ),
                _clock_unknown(),
            ]
    return [_reached(settings, ping), _clock(ping, limits.clock_tolerance)]


def _embedded() -> list[Finding]:
    from kiosk.app import local_hub_entry

    try:
        local_hub_entry()
    except ConfigError as exc:
        return [fail("hub", exc.message), _clock_unknown()]
    return [
        ok(
            "hub",
            'api.base_url is "embedded": this terminal runs its own hub on 127.0.0.1, there is'
            " no hub to reach (a hall of one terminal; set the hall's https:// hub otherwise).",
        ),
        ok("clock", "The embedded hub keeps this machine's time: there is no other clock."),
    ]


def _client(settings: Settings, timeout: float) -> HubClient:
    from kiosk.app import read_token

    api = settings.api
    for key, value in (("ca_bundle", api.ca_bundle), ("client_cert", api.client_cert)):
        if value and not Path(value).is_file():
            raise ConfigError(f"{settings.source}: api.{key}: there is no file {value}.")
    token = read_token(settings)
    if not token:
        raise ConfigError(
            f"{settings.source}: api.token_file {api.token_file} is empty: put the token"
            f" `{_register(settings)}` printed at the hub in it."
        )
    return HubClient(
        api.base_url,
        token=token,
        connect_timeout=min(api.connect_timeout, timeout),
        read_timeout=min(api.read_timeout, timeout),
        ca_bundle=api.ca_bundle or None,
        client_cert=api.client_cert or None,
        retries=0,
    )


def _register(settings: Settings) -> str:
    return REGISTER.format(id=settings.terminal.id, mode=settings.terminal.mode.value)


def _reached(settings: Settings, ping: Ping) -> Finding:
    url = settings.api.base_url
    took = (ping.received_at - ping.sent_at).total_seconds() * 1000
    said = f"The hub at {url} answered in {took:.0f} ms and accepted this terminal's token"
    if url.startswith("https://"):
        return ok("hub", f"{said}; its TLS certificate is verified.")
    if _loopback(url):
        return ok("hub", f"{said} (plain http on this machine).")
    return warn(
        "hub",
        f"{said}, but over plain http: the token and every case cross the network"
        " unencrypted; serve the hub over https:// and set api.base_url to it.",
    )


def _loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _rejected(settings: Settings, exc: HubRejected) -> str:
    url = settings.api.base_url
    if exc.status in (401, 403):
        return (
            f"The hub at {url} did not accept this terminal's token (HTTP {exc.status}):"
            f" re-register it at the hub with `{_register(settings)}` and put the new token"
            f" in {settings.api.token_file}."
        )
    return (
        f"The hub at {url} refused the check (HTTP {exc.status} {exc.code}): is api.base_url"
        " the hub's address, without /api/v1?"
    )


def _unreachable(url: str, exc: HubUnreachable, timeout: float) -> str:
    text = _causes(exc)
    host = urllib.parse.urlsplit(url).hostname or url
    if "SSLError" in text or "certificate" in text.lower() or "TLS" in exc.message:
        return _tls(url, host, text)
    if "ReadTimeout" in text or "Read timed out" in text:
        return (
            f"The hub at {url} took the connection but did not answer within {timeout:g} s:"
            " the hub is overloaded or hung; look at its log and restart it (systemctl restart"
            " yimen-hub)."
        )
    if "ConnectTimeout" in text or "timed out" in text:
        why = f"no connection within {timeout:g} s"
    elif "Connection refused" in text:
        why = "connection refused"
    elif re.search(r"NameResolution|Name or service not known|resolution", text):
        why = f"the name {host} does not resolve"
    elif "No route to host" in text or "unreachable" in text.lower():
        why = "no route to it"
    else:
        why = "no connection"
    return (
        f"The hub at {url} is unreachable ({why}): check that the hub runs, the address in"
        " api.base_url, and the network and firewall between this terminal and the hub."
    )


def _tls(url: str, host: str, text: str) -> str:
    now = datetime.now(UTC)
    found = re.search(r"certificate verify failed: ([^(\"']+?)\s*[(\"']", text)
    if found:
        return (
            f"TLS with the hub at {url} failed: its certificate is not trusted"
            f" ({found.group(1)}): set api.ca_bundle to the hall's CA certificate, check that"
            f" the hub's certificate names {host}, and that this machine's date is right (it"
            f" is {now:%Y-%m-%d %H:%M} UTC)."
        )
    if re.search(r"certificate required|alert (bad|unknown) certificate", text):
        return (
            f"TLS with the hub at {url} failed: the hub wants this terminal's client"
            " certificate: set api.client_cert to the terminal's PEM (certificate and key)."
        )
    return (
        f"TLS with the hub at {url} failed: is it https at that port, and is this machine's"
        f" date right (it is {now:%Y-%m-%d %H:%M} UTC)?"
    )


def _causes(exc: BaseException) -> str:
    """Every exception below ``exc`` (requests wraps urllib3 wraps ssl/socket), as text."""
    parts = []
    seen: set[int] = set()
    current: BaseException | None = exc.__cause__ or exc.__context__
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__
    return " | ".join(parts)


def _clock_unknown() -> Finding:
    return warn("clock", "Not compared with the hub's clock: the hub did not answer (see hub).")


def _clock(ping: Ping, tolerance: float) -> Finding:
    offset = ping.clock_offset
    if offset is None:
        return warn("clock", "The hub's answer had no Date header: the clocks cannot be compared.")
    if abs(offset) <= tolerance:
        return ok(
            "clock",
            f"Within {seconds_text(max(abs(offset), 1))} of the hub's clock"
            f" (allowed {seconds_text(tolerance)}).",
        )
    side = "behind" if offset > 0 else "ahead of"
    return fail(
        "clock",
        f"This machine's clock is {seconds_text(offset)} {side} the hub's (allowed"
        f" {seconds_text(tolerance)}): tickets and receipts would carry the wrong time; turn on"
        " time sync (timedatectl set-ntp true, with the hall's NTP server in"
        " /etc/systemd/timesyncd.conf).",
    )
