"""``kiosk hub``: run the reference central API and administer it (joins the ``kiosk`` command
through the ``kiosk.commands`` entry point, so the terminal core never imports the hub).

  kiosk hub serve [--db URL] [--host 127.0.0.1] [--port 8700] [--data-dir DIR] [--sample]
                  [--keep-reports-minutes 30] [--bulletin-font FILE] [--bulletin-issuer NAME]
                  [--complaints-webhook URL --complaints-secret-file FILE]
  kiosk hub register-terminal TERMINAL_ID [--mode hall|community|counter] [--site CODE] [--json]
  kiosk hub import-catalog FILE [--replace] [--json]
  kiosk hub import-credit FILE [--source NAME] [--replace] [--json]   (信用 red and black lists)
  kiosk hub import-queues FILE
  kiosk hub import-weights FILE   (绩效考评 indicators and weights)
  kiosk hub openapi [--write | --check]
  kiosk audit verify | check-receipt   (hub.audit_cli)

Without ``--db`` the hub keeps a SQLite file in the data dir (default: the user data dir).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


class HubCommandError(Exception):
    """A hub command could not do its work: one sentence for stderr, and the exit code
    (1 failed, 2 bad input or configuration)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def _usage(message: str) -> HubCommandError:
    return HubCommandError(message, exit_code=2)


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """The command's own errors as the CLI's convention wants them: one line, an exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except HubCommandError as exc:
            print(f"kiosk: {exc.message}", file=sys.stderr)
            return exc.exit_code

    return run


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("hub", help="run and administer the central API (hub)")
    commands = parser.add_subparsers(dest="hub_command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help="database URL (default: SQLite in the data dir)")
        p.add_argument("--data-dir", type=Path, help="hub data dir (admin token, SQLite file)")

    serve = commands.add_parser("serve", help="serve the API over HTTP(S)")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700, help="0 picks a free port")
    serve.add_argument(
        "--sample",
        action="store_true",
        help="load the sample hall (示例数据: queues, catalog) into an empty database",
    )
    serve.add_argument("--public-url", help="base URL citizens' phones use (ticket follow links)")
    serve.add_argument(
        "--keep-reports-minutes",
        type=float,
        default=30,
        metavar="N",
        help="keep finished days' report figures every N minutes (0: when a report needs them)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes on one listening socket (more than one needs PostgreSQL)",
    )
    serve.add_argument(
        "--bulletin-font", metavar="FILE", help="a font with Chinese for the PDF bulletin"
    )
    serve.add_argument(
        "--bulletin-issuer", metavar="NAME", help="the office issuing the bulletin (通报)"
    )
    serve.add_argument(
        "--complaints-webhook",
        metavar="URL",
        help="the 12345 platform's webhook complaints are forwarded to (none: they wait)",
    )
    serve.add_argument(
        "--complaints-secret-file",
        type=Path,
        metavar="FILE",
        help="the webhook's shared HMAC-SHA256 secret (the file's text, at least 16 bytes)",
    )
    serve.add_argument("--certfile", type=Path, help="TLS certificate (PEM)")
    serve.add_argument("--keyfile", type=Path, help="TLS private key (PEM)")
    serve.add_argument("--client-ca", type=Path, help="CA for client certificates (mTLS)")
    serve.set_defaults(func=_guarded(_serve))

    reg = commands.add_parser("register-terminal", help="register a terminal, print its token")
    common(reg)
    reg.add_argument("terminal_id")
    reg.add_argument(
        "--mode", choices=["hall", "community", "counter", "rating-pad", "display"], default="hall"
    )
    reg.add_argument("--site", default="district")
    reg.add_argument("--json", action="store_true")
    reg.set_defaults(func=_guarded(_register))

    imp = commands.add_parser("import-catalog", help="import items from TOML, CSV or XLSX")
    common(imp)
    imp.add_argument("file", type=Path)
    imp.add_argument("--replace", action="store_true", help="remove items not in the file")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=_guarded(_import))

    credit = commands.add_parser(
        "import-credit", help="import the district's credit lists (守信/失信) from CSV or XLSX"
    )
    common(credit)
    credit.add_argument("file", type=Path)
    credit.add_argument("--source", metavar="NAME", help="who listed, where the file says not")
    credit.add_argument(
        "--replace", action="store_true", help="remove the entries of the file's sources first"
    )
    credit.add_argument("--json", action="store_true")
    credit.set_defaults(func=_guarded(_import_credit))

    queues = commands.add_parser("import-queues", help="load ticket categories and counters (TOML)")
    common(queues)
    queues.add_argument("file", type=Path)
    queues.set_defaults(func=_guarded(_import_queues))

    staff = commands.add_parser("import-staff", help="load the clerks of the hall (TOML)")
    common(staff)
    staff.add_argument("file", type=Path)
    staff.set_defaults(func=_guarded(_import_staff))

    weights = commands.add_parser(
        "import-weights", help="load the performance rating's indicators and weights (TOML)"
    )
    common(weights)
    weights.add_argument("file", type=Path)
    weights.set_defaults(func=_guarded(_import_weights))

    manager = commands.add_parser(
        "add-manager",
        help="give someone the web console (/console): the district, or some sites; prints the"
        " password",
    )
    common(manager)
    manager.add_argument("login", help="sign-in name: lowercase letters, digits, . _ -")
    manager.add_argument("--name", required=True, help="the person's name, shown when signed in")
    manager.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="CODE",
        help="a site they may see (repeat for several); none: the whole district",
    )
    manager.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    manager.set_defaults(func=_guarded(_add_manager))

    unmanager = commands.add_parser("remove-manager", help="take the web console away")
    common(unmanager)
    unmanager.add_argument("login")
    unmanager.set_defaults(func=_guarded(_remove_manager))

    fleet = commands.add_parser(
        "terminals", help="every terminal: silent ones, devices, outboxes, versions (the fleet)"
    )
    common(fleet)
    fleet.add_argument("--site", action="append", metavar="CODE", help="only these sites")
    fleet.add_argument("--json", action="store_true")
    fleet.set_defaults(func=_guarded(_terminals))

    ask = commands.add_parser(
        "ask", help="ask a terminal to reload its catalog or restart, when next idle at home"
    )
    common(ask)
    ask.add_argument("terminal_id")
    ask.add_argument("command", choices=["reload", "restart"])
    ask.set_defaults(func=_guarded(_ask))

    from hub import audit_cli  # ``kiosk audit``, beside ``kiosk hub`` (see its docstring)

    audit_cli.register(subparsers)

    spec = commands.add_parser("openapi", help="print, write or check the committed OpenAPI")
    group = spec.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="update hub/openapi.json")
    group.add_argument("--check", action="store_true", help="exit 1 if hub/openapi.json is stale")
    spec.set_defaults(func=_guarded(_openapi))


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    import platformdirs

    return Path(platformdirs.user_data_dir("yimen")) / "hub"


def _db_url(args: argparse.Namespace) -> str:
    from hub.embedded import DB_FILE

    if args.db:
        return str(args.db)
    directory = _data_dir(args)
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / DB_FILE}"


def _context(args: argparse.Namespace, *, seed: bool = False, keys: bool = False) -> Any:
    from sqlalchemy.exc import ArgumentError, OperationalError

    from hub.app import create_app
    from hub.migrations import SchemaTooNew

    url = _db_url(args)
    try:
        app = create_app(url, seed_sample=seed, data_dir=_data_dir(args) if keys else None)
    except ArgumentError as exc:
        raise _usage(f"--db {url!r} is not a database URL: {exc}") from exc
    except ModuleNotFoundError as exc:
        raise _usage(f"The database driver for {url!r} is not installed ({exc.name}).") from exc
    except OperationalError as exc:
        raise HubCommandError(f"Cannot open the hub database: {exc.orig}") from exc
    except SchemaTooNew as exc:
        raise HubCommandError(str(exc)) from exc
    return app


def _hub_server(bell: Any) -> Any:
    import asyncio
    import socket

    import uvicorn

    from host.sdnotify import Notifier, keep_alive

    class HubServer(uvicorn.Server):
        """Ends the hub's event streams when asked to stop (SIGTERM, Ctrl-C): an open stream
        never ends by itself, and the server would wait for it. Under systemd (``Type=notify``)
        it says when it listens and pings the watchdog from its own asyncio loop, so a loop that
        hangs gets the hub restarted."""

        notifier = Notifier()
        pings: asyncio.Task[None] | None = None

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if not self.started or self.should_exit:
                return
            self.notifier.ready("serving")
            interval = self.notifier.ping_interval()
            if interval is not None:
                self.pings = asyncio.create_task(keep_alive(self.notifier, interval))

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            self.notifier.stopping()
            if self.pings is not None:
                self.pings.cancel()
            await super().shutdown(sockets=sockets)
            self.notifier.close()

        def handle_exit(self, sig: int, frame: Any) -> None:
            bell.close()
            super().handle_exit(sig, frame)

    return HubServer


def _supervisor() -> Any:
    from uvicorn.supervisors import Multiprocess

    from host.sdnotify import Notifier

    class Supervisor(Multiprocess):
        """uvicorn's supervisor of the worker processes, telling systemd it is ready once the
        workers are started and pinging the watchdog from its own loop (every half second,
        right after it checked its workers: it restarts a hung one itself)."""

        notifier = Notifier()

        def init_processes(self) -> None:
            super().init_processes()
            self.notifier.ready(f"serving with {len(self.processes)} workers")

        def keep_subprocess_alive(self) -> None:
            super().keep_subprocess_alive()
            if self.notifier.watchdog_seconds is not None and not self.should_exit.is_set():
                self.notifier.ping()

        def terminate_all(self) -> None:
            self.notifier.stopping()
            super().terminate_all()

    return Supervisor


def _serve(args: argparse.Namespace) -> int:
    import ssl

    import uvicorn

    from hub.embedded import ADMIN_TOKEN_FILE, read_or_create_secret
    from hub.listen import listening_socket

    if bool(args.certfile) != bool(args.keyfile):
        raise _usage("--certfile and --keyfile go together.")
    if args.client_ca and not args.certfile:
        raise _usage("--client-ca (mTLS) needs --certfile and --keyfile.")
    if not 1 <= args.workers <= 64:
        raise _usage("--workers is 1 to 64.")
    if args.workers > 1 and not _db_url(args).startswith("postgresql"):
        raise _usage(
            "Several worker processes need PostgreSQL (--db postgresql+psycopg://…): SQLite"
            " lets one process write at a time, and the workers' events travel by NOTIFY."
        )
    webhook, secret = _complaints_webhook(args)
    app = _context(args, seed=args.sample, keys=True)
    app.state.hub.settings.complaints_webhook_url = webhook
    app.state.hub.settings.complaints_webhook_secret = secret
    if args.public_url:
        app.state.hub.settings.public_base_url = args.public_url
    app.state.hub.settings.report_keep_minutes = max(0.0, args.keep_reports_minutes)
    app.state.hub.settings.bulletin_font = args.bulletin_font
    app.state.hub.settings.bulletin_issuer = args.bulletin_issuer
    app.state.admin_token = read_or_create_secret(_data_dir(args) / ADMIN_TOKEN_FILE)
    try:
        sock = listening_socket(args.host, args.port)
    except OSError as exc:
        raise HubCommandError(f"Cannot listen on {args.host}:{args.port}: {exc.strerror}.") from exc
    port = sock.getsockname()[1]
    scheme = "https" if args.certfile else "http"
    tls: dict[str, Any] = {
        "ssl_certfile": str(args.certfile) if args.certfile else None,
        "ssl_keyfile": str(args.keyfile) if args.keyfile else None,
        "ssl_ca_certs": str(args.client_ca) if args.client_ca else None,
        "ssl_cert_reqs": ssl.CERT_REQUIRED if args.client_ca else ssl.CERT_NONE,
    }
    if args.workers > 1:
        print(f"hub serving on {scheme}://{args.host}:{port}", flush=True)
        app.state.hub.engine.dispose()  # migrated and checked here; each worker opens its own
        return _serve_workers(args, sock, tls)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,  # displays' event streams never end by themselves
        **tls,
    )
    print(f"hub serving on {scheme}://{args.host}:{port}", flush=True)
    _hub_server(app.state.hub.bell)(config).run(sockets=[sock])
    return 0


def _complaints_webhook(args: argparse.Namespace) -> tuple[str | None, bytes | None]:
    """The webhook's URL and secret from ``serve``'s options (both or neither)."""
    from hub.complaint_forwarding import read_secret

    if not args.complaints_webhook and not args.complaints_secret_file:
        return None, None
    if not (args.complaints_webhook and args.complaints_secret_file):
        raise _usage("--complaints-webhook and --complaints-secret-file go together.")
    if not args.complaints_webhook.startswith(("http://", "https://")):
        raise _usage(f"--complaints-webhook {args.complaints_webhook!r} is not an http(s) URL.")
    try:
        secret = read_secret(args.complaints_secret_file)
    except (OSError, ValueError) as exc:
        raise _usage(
            f"Cannot use {args.complaints_secret_file} as the webhook secret: {exc}"
        ) from exc
    return args.complaints_webhook, secret


def _serve_workers(args: argparse.Namespace, sock: Any, tls: dict[str, Any]) -> int:
    """``args.workers`` processes of hub.worker on ``sock``, kept alive by uvicorn's supervisor
    (one that dies is started again); SIGTERM stops them all."""
    import os

    import uvicorn

    from hub.worker import SETTINGS

    given = {
        "db": _db_url(args),
        "data_dir": str(_data_dir(args)),
        "public_url": args.public_url or "",
        "keep_reports_minutes": str(max(0.0, args.keep_reports_minutes)),
        "bulletin_font": args.bulletin_font or "",
        "bulletin_issuer": args.bulletin_issuer or "",
        "complaints_webhook": args.complaints_webhook or "",
        "complaints_secret_file": str(args.complaints_secret_file or ""),
    }
    os.environ.update({SETTINGS[name]: value for name, value in given.items()})
    config = uvicorn.Config(
        "hub.worker:app",
        factory=True,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,  # displays' event streams never end by themselves
        **tls,
    )
    _supervisor()(config, sockets=[sock]).run()
    return 0


def _register(args: argparse.Namespace) -> int:
    from contract.models import TerminalMode, TerminalRegistration
    from hub.auth import register_terminal

    try:
        registration = TerminalRegistration(
            terminal_id=args.terminal_id, mode=TerminalMode(args.mode), site_code=args.site
        )
    except ValueError as exc:
        raise _usage(
            f"Terminal id {args.terminal_id!r} is not valid (letters, digits, -_.)."
        ) from exc
    credentials = register_terminal(_context(args).state.hub, registration)
    if args.json:
        print(credentials.model_dump_json())
    else:
        print(credentials.token)
    return 0


def _import(args: argparse.Namespace) -> int:
    from hub.catalog import CatalogImportError, import_catalog_file

    ctx = _context(args).state.hub
    try:
        report = import_catalog_file(ctx, args.file, replace=args.replace)
    except CatalogImportError as exc:
        raise _usage(str(exc)) from exc
    if args.json:
        print(report.model_dump_json())
    else:
        print(f"imported {report.imported} items; catalog version {report.version}")
    return 0


def _import_credit(args: argparse.Namespace) -> int:
    from hub.credit.lists import CreditImportError, parse_credit_file, store_entries

    ctx = _context(args).state.hub
    try:
        listed = parse_credit_file(args.file, source=args.source, today=ctx.today())
    except CreditImportError as exc:
        raise _usage(str(exc)) from exc
    report = store_entries(ctx, listed, replace=args.replace)
    if args.json:
        print(report.model_dump_json())
    else:
        removed = f"; {report.replaced} earlier entries removed" if args.replace else ""
        print(f"imported {report.imported} credit entries (batch {report.batch}){removed}")
    return 0


def _import_queues(args: argparse.Namespace) -> int:
    from hub.seed import QueuesFileError, load_queues

    ctx = _context(args).state.hub
    try:
        count = load_queues(ctx, args.file)
    except QueuesFileError as exc:
        raise _usage(str(exc)) from exc
    print(f"loaded {count} ticket categories from {args.file}")
    return 0


def _import_staff(args: argparse.Namespace) -> int:
    from hub.clerks import StaffFileError, load_staff

    ctx = _context(args).state.hub
    try:
        count = load_staff(ctx, args.file)
    except StaffFileError as exc:
        raise _usage(str(exc)) from exc
    print(f"loaded {count} clerks from {args.file}")
    return 0


def _import_weights(args: argparse.Namespace) -> int:
    from hub import audit
    from hub.reports.performance import WeightsFileError, parse_weights, store_weights

    try:
        weights = parse_weights(args.file)
    except WeightsFileError as exc:
        raise _usage(str(exc)) from exc
    ctx = _context(args).state.hub
    with ctx.transaction() as session:
        store_weights(session, weights)
        audit.admin(
            session,
            "import-weights",
            "weights",
            ctx.now(),
            indicators=len(weights),
            file_sha256=audit.digest(args.file.read_bytes()),
        )
    print(f"loaded {len(weights)} indicators from {args.file}")
    return 0


def _add_manager(args: argparse.Namespace) -> int:
    from hub.managers import ManagerError, add_manager

    given = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    ctx = _context(args).state.hub
    try:
        password = add_manager(ctx, args.login, args.name, args.site, given)
    except ManagerError as exc:
        raise _usage(f"Cannot add the manager: {exc}.") from exc
    scope = "the whole district" if not args.site else "sites " + ", ".join(sorted(args.site))
    print(f"{args.login} may sign in at /console and sees {scope}.")
    if given is None:
        print(f"password: {password}")
    return 0


def _remove_manager(args: argparse.Namespace) -> int:
    from hub.managers import remove_manager

    if not remove_manager(_context(args).state.hub, args.login):
        raise HubCommandError(f"There is no manager {args.login!r}.")
    print(f"{args.login} can no longer sign in.")
    return 0


def _terminals(args: argparse.Namespace) -> int:
    """Exit 1 when some terminal needs a hand, so that a script can alert on it."""
    import json

    from hub.fleet import fleet

    views = fleet(_context(args).state.hub, frozenset(args.site) if args.site else None)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        **view.status.model_dump(mode="json"),
                        "findings": [{"kind": f.kind, "text": f.text} for f in view.findings],
                    }
                    for view in views
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for view in views:
            s = view.status
            mark = "OK  " if view.healthy else "FAIL"
            print(f"{mark}  {s.site_code:<16} {s.terminal_id:<20} {s.mode.value:<10}"
                  f" {s.software_version or '-':<10}")  # fmt: skip
            for finding in view.findings:
                print(f"        {finding.text}")
        troubled = sum(not v.healthy for v in views)
        print(f"{troubled} of {len(views)} terminals need a hand.")
    return 1 if any(not v.healthy for v in views) else 0


def _ask(args: argparse.Namespace) -> int:
    from contract.models import TerminalCommand
    from hub.fleet import ask

    asked = ask(_context(args).state.hub, args.terminal_id, TerminalCommand(args.command))
    if asked is None:
        raise HubCommandError(f"There is no terminal {args.terminal_id!r}.")
    print(
        f"{args.terminal_id} will {args.command} when it is next idle on its home screen"
        f" (it hears of it with its next heartbeat, within a minute)."
    )
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from hub.openapi import COMMITTED, current_document, render

    text = render(current_document())
    if args.write:
        COMMITTED.write_text(text, encoding="utf-8")
        return 0
    if args.check:
        if COMMITTED.read_text(encoding="utf-8") != text:
            raise HubCommandError(f"{COMMITTED} is stale: run `kiosk hub openapi --write`.")
        return 0
    sys.stdout.write(text)
    return 0
