"""The machine around the kiosk: a Chinese font, a voice, disk space, the outbox.

Fonts and voices are asked of the tools the kiosk's libraries use (fontconfig's ``fc-list``,
espeak-ng, speech-dispatcher), each with a time limit. The outbox is read as
``kiosk outbox status`` reads it: counted without its key, never opened.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config import Mode, Settings
from kiosk.doctor import Check, Finding, Limits, fail, ok, seconds_text, warn
from kiosk.paths import data_dir_path

GIB = 1 << 30
DISK_FULL = 100 << 20  # below this the outbox cannot take a case with its scans


def _run(command: list[str], timeout: float) -> str | None:
    """The command's output; None when it is not installed. Raises TimeoutExpired."""
    if shutil.which(command[0]) is None:
        return None
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    return done.stdout


# -- fonts ----------------------------------------------------------------------------------


def check_font(limits: Limits, fc_list: str = "fc-list") -> Check:
    return Check(
        ("font",),
        lambda: [_font(fc_list, limits.timeout)],
        f"fc-list did not answer within {limits.timeout:g} s: rebuild the font cache"
        " (fc-cache -f).",
    )


def _font(fc_list: str, timeout: float) -> Finding:
    try:
        listed = _run([fc_list, ":lang=zh", "family"], timeout)
    except subprocess.TimeoutExpired:
        listed = None
    if listed is None:
        return fail(
            "font",
            "fontconfig's fc-list is missing, so no font can be found: install fontconfig and"
            " fonts-noto-cjk (apt install fontconfig fonts-noto-cjk).",
        )
    families = sorted({line.split(",")[0].strip() for line in listed.splitlines() if line.strip()})
    if not families:
        return fail(
            "font",
            "No installed font covers Chinese: the screens and slips would show empty boxes;"
            " install fonts-noto-cjk (apt install fonts-noto-cjk).",
        )
    chinese = [f for f in families if f.endswith((" SC", " CN"))] or families
    more = f" and {len(families) - 1} more" if len(families) > 1 else ""
    return ok("font", f"Chinese is covered by {chinese[0]}{more}.")


# -- voice ----------------------------------------------------------------------------------


def check_voice(settings: Settings, limits: Limits, espeak: str = "espeak-ng") -> Check | None:
    """The calling display's voice; a kiosk's spoken prompts (optional: the screen says it all
    too, so a missing voice there is a warning). None where nothing is spoken."""
    mode = settings.terminal.mode
    if mode is Mode.DISPLAY:
        how = settings.display.voice
        if how == "none":
            return None
        run = (lambda: [_clips(settings, espeak, limits.timeout)]) if how == "clips" else None
        if run is None:
            run = lambda: [_speech(espeak, limits.timeout, needed=True)]  # noqa: E731
    elif mode in (Mode.HALL, Mode.COMMUNITY) and settings.terminal.voice in ("auto", "speechd"):
        run = lambda: [_speech(espeak, limits.timeout, needed=False)]  # noqa: E731
    else:
        return None
    return Check(
        ("voice",),
        run,
        f"espeak-ng did not list its voices within {limits.timeout:g} s: reinstall espeak-ng.",
    )


def _mandarin(espeak: str, timeout: float) -> bool | None:
    """Whether espeak-ng has its Mandarin voice (cmn); None when espeak-ng is missing."""
    try:
        listed = _run([espeak, "--voices=cmn"], timeout)
    except subprocess.TimeoutExpired:
        return False
    if listed is None:
        return None
    return any(" cmn " in f" {line} " for line in listed.splitlines()[1:])


def _clips(settings: Settings, espeak: str, timeout: float) -> Finding:
    from kiosk.display.voice import clips_for

    display = settings.display
    folder = (
        Path(display.clips_dir)
        if display.clips_dir
        else data_dir_path(settings.terminal.data_dir) / "voice-clips"
    )
    wanted = clips_for(display.voice_template, display.english_template) - {"chime"}
    missing = sorted(c for c in wanted if not (folder / f"{c}.wav").is_file())
    if not missing:
        return ok("voice", f"The calling voice's clip pack in {folder} is complete.")
    mandarin = _mandarin(espeak, timeout)
    if mandarin:
        return ok(
            "voice",
            f"espeak-ng with its Mandarin voice will make the {len(missing)} missing call clips"
            f" in {folder} at start.",
        )
    why = "espeak-ng is not installed" if mandarin is None else "espeak-ng has no Mandarin voice"
    return fail(
        "voice",
        f"The calling display cannot speak: {len(missing)} clips are missing in {folder} and"
        f" {why}; install espeak-ng (apt install espeak-ng espeak-ng-data), or put recorded"
        " clips there.",
    )


def _speech(espeak: str, timeout: float, *, needed: bool) -> Finding:
    lacking = []
    if shutil.which("spd-say") is None:
        lacking.append("speech-dispatcher")
    mandarin = _mandarin(espeak, timeout)
    if not mandarin:
        lacking.append("espeak-ng" if mandarin is None else "espeak-ng's Mandarin voice")
    if not lacking:
        return ok("voice", "speech-dispatcher and espeak-ng's Mandarin voice are installed.")
    what = "The calling display cannot speak" if needed else "Spoken prompts will be off"
    after = "" if needed else " (the screens still say everything)"
    return (fail if needed else warn)(
        "voice",
        f"{what}: {' and '.join(lacking)} missing{after}; install them (apt install"
        " speech-dispatcher espeak-ng).",
    )


# -- disk -----------------------------------------------------------------------------------


def check_disk(settings: Settings, limits: Limits) -> Check:
    folder = data_dir_path(settings.terminal.data_dir)
    return Check(
        ("disk",),
        lambda: [_disk(folder, limits)],
        f"The disk of {folder} did not answer within {limits.timeout:g} s: check it (dmesg).",
    )


def _disk(folder: Path, limits: Limits) -> Finding:
    if folder.exists() and not (os.access(folder, os.W_OK) and os.access(folder, os.X_OK)):
        return fail(
            "disk",
            f"The data directory {folder} is not writable by {_user()}: the outbox lives there;"
            " run the doctor as the kiosk's user, or give the directory to it (chown).",
        )
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    usage = shutil.disk_usage(existing)
    share = usage.free / usage.total if usage.total else 0.0
    said = f"{usage.free / GIB:.1f} GiB free of {usage.total / GIB:.1f} GiB ({share:.0%})"
    made = "" if folder.exists() else " (not made yet: the kiosk makes it at start)"
    if usage.free < DISK_FULL:
        return fail(
            "disk",
            f"The data directory {folder}{made} is nearly full, {said}: cases cannot be kept;"
            " free space now (journalctl --vacuum-size=200M, old files in /var/tmp).",
        )
    if usage.free < limits.disk_free or share < limits.disk_share:
        return warn(
            "disk",
            f"Space is low for the data directory {folder}{made}: {said}; free some before it"
            " fills.",
        )
    return ok("disk", f"The data directory {folder}{made} has {said}.")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


# -- the outbox -----------------------------------------------------------------------------


def check_outbox(settings: Settings, limits: Limits) -> Check:
    path = data_dir_path(settings.terminal.data_dir) / "outbox.sqlite3"
    return Check(
        ("outbox",),
        lambda: [_outbox(path, limits.outbox_age)],
        f"The outbox {path} could not be read within {limits.timeout:g} s: is the disk"
        " healthy (dmesg)?",
    )


def _outbox(path: Path, max_age: float) -> Finding:
    import sqlite3

    from kiosk.errors import ConfigError
    from kiosk.outbox.crypto import load_or_create_key
    from kiosk.outbox.store import read_status

    if not path.exists():
        return ok("outbox", f"No case has waited to upload here yet ({path} not made).")
    key = path.with_name("outbox.key")
    try:
        if key.exists():
            load_or_create_key(key)  # what the kiosk does at start: refuses a key others read
        status = read_status(path)
    except ConfigError as exc:
        return fail("outbox", f"{exc.message} The kiosk does not start this way.")
    except (sqlite3.Error, OSError) as exc:
        return fail(
            "outbox",
            f"The outbox {path} cannot be read ({exc}): run the doctor as the kiosk's user;"
            " if it is damaged, keep a copy and see kiosk outbox status.",
        )
    if status.rejected:
        rejected = (
            f"; {status.rejected} case(s) the hub refused are kept there (kiosk outbox status)"
        )
    else:
        rejected = ""
    if not status.pending:
        return (warn if rejected else ok)(
            "outbox", f"Nothing waits to upload; {status.delivered} case(s) delivered{rejected}."
        )
    oldest = status.oldest_pending_at
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
    waiting = f"{status.pending} case(s) wait to upload, the oldest for {seconds_text(age)}"
    if age > max_age:
        return warn(
            "outbox",
            f"{waiting}{rejected}: they are safe here but the hub has not had them; fix what the"
            " hub check says and the kiosk sends them by itself.",
        )
    return (warn if rejected else ok)("outbox", f"{waiting} (sent as the hub answers){rejected}.")
