"""The terminal commands: ``kiosk run`` (production) and ``kiosk demo`` (try it out).

They live in the ui layer because they open windows; ``kiosk.cli`` finds them through the
``kiosk.commands`` entry point, so the core never imports the UI.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path
from typing import Any

from kiosk.paths import CONFIG_FILE as DEFAULT_CONFIG


def register(subparsers: Any) -> None:
    run = subparsers.add_parser(
        "run",
        help="run the terminal full-screen for citizens (production)",
        description="Run the terminal full-screen with the configuration of this machine.",
    )
    run.add_argument(
        "--config", default=DEFAULT_CONFIG, help=f"TOML file (default {DEFAULT_CONFIG})"
    )
    run.add_argument(
        "--windowed", action="store_true", help="a normal window instead of full-screen"
    )
    run.set_defaults(func=_run)

    display = subparsers.add_parser(
        "display",
        help="run the hall's calling display, or one window's screen (--window)",
        description=(
            "Run the calling display full-screen with this machine's configuration (as `run` does"
            ' with mode = "display"); --window shows one window\'s screen (窗口屏) instead.'
        ),
    )
    display.add_argument(
        "--config", default=DEFAULT_CONFIG, help=f"TOML file (default {DEFAULT_CONFIG})"
    )
    display.add_argument("--window", metavar="CODE", help="a window's code at the hub, e.g. W03")
    display.add_argument("--windowed", action="store_true", help="a window, not full-screen")
    display.set_defaults(func=_display)

    demo = subparsers.add_parser(
        "demo",
        help="try the kiosk: embedded hub, simulated devices, virtual printer",
        description=(
            "Run the kiosk on its embedded defaults: a local hub on 127.0.0.1, simulated ID reader "
            "and camera, and a virtual printer whose tickets are shown on screen. With --tour, "
            "walk every screen headless and write screenshots and printed tickets to OUTDIR."
        ),
    )
    demo.add_argument(
        "--mode",
        choices=("hall", "community", "counter", "display"),
        default="hall",
        help=(
            "counter: a clerk's desk and rating pad, with citizens arriving at a simulated kiosk;"
            " display: the hall's calling display, with simulated windows calling"
        ),
    )
    demo.add_argument("--windowed", action="store_true", help="a desktop-sized window")
    demo.add_argument("--tour", metavar="OUTDIR", help="run the scripted tour headless into OUTDIR")
    demo.set_defaults(func=_demo)

    from ui.counter import notice_cli  # argparse only: Qt loads when the command runs

    notice_cli.register(subparsers)


def _run(args: argparse.Namespace) -> int:
    from kiosk.app import build_terminal
    from kiosk.config import load_settings
    from kiosk.logs import log_to_journal_or_file
    from kiosk.paths import log_dir

    settings = load_settings(args.config)
    log_to_journal_or_file(log_dir)
    with build_terminal(settings) as terminal:
        from ui.app import run_window

        return run_window(terminal, fullscreen=not args.windowed)


def _display(args: argparse.Namespace) -> int:
    from kiosk.app import build_terminal
    from kiosk.config import load_settings, settings_from_dict
    from kiosk.logs import log_to_journal_or_file
    from kiosk.paths import log_dir

    base = load_settings(args.config)
    raw = base.model_dump(mode="json")
    raw["terminal"]["mode"] = "display"
    if args.window:
        raw["display"]["window"] = args.window
    settings = settings_from_dict(raw, source=base.source)
    log_to_journal_or_file(log_dir)
    with build_terminal(settings) as terminal:
        from ui.app import run_window

        return run_window(terminal, fullscreen=not args.windowed)


def _demo(args: argparse.Namespace) -> int:
    from kiosk.app import build_terminal, demo_settings, installed_local_hub

    demo_hub = installed_local_hub("demo")

    if args.tour:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        out = Path(args.tour)
        out.mkdir(parents=True, exist_ok=True)
        # Each tour starts from a fresh hall (numbers from 001, today's sample data), so its
        # screenshots do not depend on earlier runs.
        shutil.rmtree(out / ".data", ignore_errors=True)
        settings = demo_settings(args.mode, data_dir=out / ".data", voice="none")
        with build_terminal(settings, printed_dir=out, local_hub=demo_hub) as terminal:
            if terminal.counter is not None:
                written = _counter_tour(terminal, out)
            elif terminal.display is not None:
                written = _display_tour(terminal, out)
            else:
                from ui.tour import run_tour

                written = run_tour(terminal, out)
        print(f"Demo tour done: {len(written)} files written to {out.resolve()}/")
        for path in written:
            print(f"  {path.name}")
        return 0
    settings = demo_settings(args.mode)
    with build_terminal(settings, local_hub=demo_hub) as terminal:
        from ui.app import run_window

        if terminal.counter is None and terminal.display is None:
            return run_window(terminal, fullscreen=False, windowed=args.windowed)
        hall = _simulated_hall(terminal)
        hall.morning(8)
        if terminal.counter is not None:
            hall.community_cases(3)  # the workbench's 预审 queue
        hall.start()
        windows = _simulated_windows(terminal) if terminal.display is not None else None
        if windows is not None:
            windows.start()
        try:
            return run_window(terminal, fullscreen=False, windowed=True)
        finally:
            hall.stop()
            if windows is not None:
                windows.stop()


def _simulated_hall(terminal: Any) -> Any:
    """Citizens taking numbers at a kiosk of the demo's own hub, for the clerk's desk."""
    from kiosk.api.client import HubClient
    from kiosk.counter.simulated_hall import SimulatedHall

    hub = terminal.local_hub
    client = HubClient(hub.base_url, token=hub.register_terminal("DEMO-KIOSK"))
    terminal.on_close(client.close)
    return SimulatedHall(client)


def _simulated_windows(terminal: Any) -> Any:
    """Two sample clerks calling at W01 and W02 of the demo's own hub, for the display."""
    from contract.models import ClerkSignIn, TerminalMode
    from kiosk.api.client import HubClient
    from kiosk.counter.simulated_hall import SimulatedWindows

    hub = terminal.local_hub
    clients = {}
    for code, staff_no in (("W01", "S001"), ("W02", "S002")):
        token = hub.register_terminal(f"DEMO-{code}", mode=TerminalMode.COUNTER)
        client = HubClient(hub.base_url, token=token)
        terminal.on_close(client.close)
        client.sign_in_clerk(code, ClerkSignIn(staff_no=staff_no, pin="246810"))  # sample PIN
        clients[code] = client
    return SimulatedWindows(clients)


def _display_tour(terminal: Any, out: Path) -> list[Path]:
    from ui.app import application
    from ui.display.tour import run_display_tour

    application()
    return run_display_tour(terminal, _simulated_hall(terminal), _simulated_windows(terminal), out)


def _counter_tour(terminal: Any, out: Path) -> list[Path]:
    from ui.app import application
    from ui.counter.tour import run_counter_tour

    application()
    return run_counter_tour(terminal, _simulated_hall(terminal), out)
