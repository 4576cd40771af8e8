"""Run the GA 467 reader emulator on a pty by hand, with the fictional sample card on it.

    PYTHONPATH=. python tools/idcard_emulator.py [--link /tmp/ttyIDCARD] [--pace]
        [--card resident|J|I|Y|none]
    kiosk idcard read --reader serial:/tmp/ttyIDCARD --json      # in another terminal

Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path

from drivers.idcard import samples
from drivers.idcard.emulator import ReaderEmulator

CARDS = {
    "resident": lambda: samples.sample_resident(long_address=True),
    "J": samples.sample_permit,
    "I": samples.sample_foreign_pr,
    "Y": samples.sample_foreign_pr_2023,
}


def main() -> None:
    parser = argparse.ArgumentParser(description="GA 467 reader emulator on a pseudo-terminal")
    parser.add_argument("--link", type=Path, default=Path("/tmp/ttyIDCARD"))
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--pace", action="store_true", help="send replies at wire speed")
    parser.add_argument("--card", choices=[*CARDS, "none"], default="resident")
    args = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    emulator = ReaderEmulator(baud=args.baud, pace=args.pace, link=args.link).start()
    try:
        if args.card != "none":
            emulator.place_card(CARDS[args.card]())
        print(f"GA 467 reader emulator on {emulator.port} ({args.card} card); Ctrl-C stops it")
        stop.wait()
    finally:
        emulator.unplug()


if __name__ == "__main__":
    main()
