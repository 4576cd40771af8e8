"""Window (counter) figures for issue 14 (printed, not asserted, except that no ticket is called
twice).

    PYTHONPATH=. python bench/counter.py [--calls 30] [--windows 20] [--kiosks 10]  (about 30 s)

The hub runs on SQLite in its own process (``kiosk hub serve``, as bench/hub.py starts it), with
a queue and windows for the bench loaded by ``kiosk hub import-queues`` and clerks by
``kiosk hub import-staff`` before it serves. Its terminals (one per window, one per kiosk) are
registered through the hub's admin API: ``kiosk hub register-terminal`` costs a Python start-up
(about 1.4 s) per terminal, too slow for thirty of them.

1. Call-next latency p50/p99 while 20 windows serve (each loop: call next, start, finish with
   outcome "done", every click with its own Idempotency-Key as HubClient sends it) and 10 kiosks
   issue tickets without pause; beside it the kiosks' issuance latency during that load, and as
   baselines, in the same run, one window calling alone and one kiosk issuing alone. A window
   told ``no_ticket_waiting`` sleeps a little and tries again (not counted as a call). Every
   called ticket id is checked to be unique.
2. The clerk's inputs from call next to finished (and rated) for an appointment ticket: booked
   and checked in at a kiosk, then keyed and clicked through the clerk's real desk (ui.counter,
   offscreen Qt, over kiosk.counter.desk and HubClient), each input timed until the desk shows
   the result, and the wall time of the loop.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.hub import percentile, start_hub  # noqa: E402
from contract import models as m  # noqa: E402
from contract.pins import hash_pin  # noqa: E402
from hub.context import HubSettings  # noqa: E402
from hub.seed import sample_dir  # noqa: E402
from kiosk.api.client import HubClient  # noqa: E402
from kiosk.api.errors import HubRejected  # noqa: E402

A = m.TicketAction
PIN = "246810"  # the sample clerks' PIN (config/catalog/staff.toml), given to the bench's too
QUEUE = "bench"  # a queue of its own: the sample queues' 999 numbers run out under this load
DONE = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
APPOINTMENT_WINDOW = "W03"  # the sample hall's business window; nobody else calls there
APPOINTMENT_CLERK = "D00"
ID_NUMBER = "11010519491231002X"  # a well-formed sample ID number (the tests')


def hall_files(work: Path, windows: list[str]) -> tuple[Path, Path]:
    """The sample queues with the bench's queue and windows appended, and the bench's clerks:
    one per window (C00...) and an all-rounder for the appointment window."""
    queues = (sample_dir() / "queues.toml").read_text(encoding="utf-8")
    queues += (
        f'\n[[categories]]\ncode = "{QUEUE}"\nname = "压测"\nname_en = "Bench"\nprefix = "Z"\n'
        "range_start = 1\nrange_end = 99999\ndefault_service_minutes = 8\n"
    )
    queues += "".join(
        f'\n[[counters]]\ncode = "{w}"\nname = "{w}"\ncategories = ["{QUEUE}"]\n' for w in windows
    )
    pin = hash_pin(PIN)
    clerks = [(f"C{i:02d}", f"[{QUEUE!r}]".replace("'", '"')) for i in range(len(windows))]
    clerks.append((APPOINTMENT_CLERK, "[]"))
    staff = "".join(
        f'[[staff]]\nstaff_no = "{no}"\nname = "示例{no}"\ncategories = {categories}\n'
        f'pin_hash = "{pin}"\n\n'
        for no, categories in clerks
    )
    (work / "queues.toml").write_text(queues, encoding="utf-8")
    (work / "staff.toml").write_text(staff, encoding="utf-8")
    return work / "queues.toml", work / "staff.toml"


def load_hall(data: Path, windows: list[str]) -> None:
    """``kiosk hub import-queues`` and ``import-staff`` into the database start_hub serves."""
    where = ["--db", f"sqlite:///{data / 'hub.sqlite3'}", "--data-dir", str(data)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    queues, staff = hall_files(data, windows)
    for command, path in (("import-queues", queues), ("import-staff", staff)):
        subprocess.run(
            [sys.executable, "-m", "kiosk", "hub", command, str(path), *where],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip


def register(url: str, data: Path, terminal_id: str, mode: m.TerminalMode) -> str:
    """A terminal's token, from the hub's admin API (its admin token is in our data dir)."""
    import requests

    admin = (data / "admin-token").read_text(encoding="ascii").strip()
    body = m.TerminalRegistration(terminal_id=terminal_id, mode=mode).model_dump(mode="json")
    answer = requests.post(
        f"{url}{m.API_PREFIX}/terminals",
        json=body,
        headers={"Authorization": f"Bearer {admin}"},
        timeout=10,
    )
    answer.raise_for_status()
    return m.TerminalCredentials.model_validate(answer.json()).token


@dataclass(slots=True)
class WindowRun:
    call_next: list[float] = field(default_factory=list)  # seconds, answered calls only
    start: list[float] = field(default_factory=list)
    finish: list[float] = field(default_factory=list)
    ticket_ids: list[str] = field(default_factory=list)
    waits: int = 0  # no_ticket_waiting answers


def serve(client: HubClient, window: str, calls: int) -> WindowRun:
    """``calls`` full service loops at one window: call next, start, finish (done)."""
    run = WindowRun()
    while len(run.ticket_ids) < calls:
        began = time.perf_counter()
        try:
            called = client.call_next(window)
        except HubRejected as exc:
            if exc.code != m.ProblemCode.NO_TICKET_WAITING.value:
                raise
            run.waits += 1
            time.sleep(0.02)
            continue
        run.call_next.append(time.perf_counter() - began)
        run.ticket_ids.append(called.ticket_id)
        began = time.perf_counter()
        client.ticket_action(window, called.ticket_id, A.START)
        run.start.append(time.perf_counter() - began)
        began = time.perf_counter()
        client.finish_ticket(window, called.ticket_id, DONE)
        run.finish.append(time.perf_counter() - began)
    return run


def issue_until(client: HubClient, stop: threading.Event) -> list[tuple[float, float]]:
    """A kiosk issuing tickets without pause: (when each began, its latency), in seconds."""
    request = m.TicketIssueRequest(category_code=QUEUE)
    samples = []
    while not stop.is_set():
        began = time.perf_counter()
        client.issue_ticket(request)
        samples.append((began, time.perf_counter() - began))
    return samples


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ms(values: list[float]) -> str:
    return f"p50 {percentile(values, 50) * 1000:.1f} ms, p99 {percentile(values, 99) * 1000:.1f} ms"


def sign_in(url: str, data: Path, window: str, staff_no: str) -> HubClient:
    client = HubClient(url, token=register(url, data, f"desk-{window}", m.TerminalMode.COUNTER))
    client.sign_in_clerk(window, m.ClerkSignIn(staff_no=staff_no, pin=PIN))
    return client


def bench_windows(
    url: str,
    data: Path,
    hub_pid: int,
    kiosk_token: str,
    windows: list[str],
    kiosks: int,
    calls: int,
) -> None:
    desks = [sign_in(url, data, w, f"C{i:02d}") for i, w in enumerate(windows)]
    tills = [
        HubClient(url, token=register(url, data, f"kiosk-{k:02d}", m.TerminalMode.HALL))
        for k in range(kiosks)
    ]
    try:
        # Baselines, nothing else running: one kiosk issues the head start (the first few
        # warm the connection and are not counted), then one window calls alone.
        head_start = 1 + calls + 2 * len(windows)
        with HubClient(url, token=kiosk_token) as kiosk:
            request = m.TicketIssueRequest(category_code=QUEUE)
            alone_issue = []
            for n in range(head_start + 5):
                began = time.perf_counter()
                kiosk.issue_ticket(request)
                if n >= 5:
                    alone_issue.append(time.perf_counter() - began)
        warm = serve(desks[0], windows[0], 1)  # the hub's first call compiles its queries
        alone = serve(desks[0], windows[0], calls)

        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=kiosks + len(windows)) as pool:
            issuing = [pool.submit(issue_until, till, stop) for till in tills]
            began = time.perf_counter()
            hub_cpu, own_cpu = cpu_seconds(hub_pid), time.process_time()
            serving = [pool.submit(serve, d, w, calls) for d, w in zip(desks, windows, strict=True)]
            try:
                runs = [f.result() for f in serving]
            finally:
                ended = time.perf_counter()
                hub_cpu = _spent(hub_cpu, cpu_seconds(hub_pid))
                own_cpu = time.process_time() - own_cpu
                stop.set()
            issued = [s for f in issuing for s in f.result()]
    finally:
        for client in (*desks, *tills):
            client.close()

    during = [latency for start, latency in issued if began <= start <= ended]
    called = [i for run in (warm, alone, *runs) for i in run.ticket_ids]
    assert len(set(called)) == len(called), "a ticket was called twice"
    loaded = [t for run in runs for t in run.call_next]
    print(
        f"{len(windows)} windows x {calls} loops (call next, start, finish) while {kiosks} kiosks"
        f" issue without pause, {ended - began:.1f} s:"
    )
    print(f"  call next, {len(windows)} windows under load: {ms(loaded)}")
    print(f"  call next, one window alone (baseline): {ms(alone.call_next)}")
    print(
        f"  start {ms([t for run in runs for t in run.start])};"
        f" finish {ms([t for run in runs for t in run.finish])}"
    )
    print(
        f"  ticket issuance, {kiosks} kiosks during the load: {ms(during)} ({len(during)} tickets)"
    )
    print(f"  ticket issuance, one kiosk alone (baseline): {ms(alone_issue)}")
    answered = 3 * len(loaded) + len(during)
    cpu = f", hub process {hub_cpu:.1f} s" if hub_cpu is not None else ""
    print(
        f"  hub requests during the load: {answered / (ended - began):.0f}/s"
        f" ({len(windows) + kiosks} clients that never pause: latency ~ clients / rate);"
        f" CPU over the {ended - began:.1f} s{cpu}, bench clients {own_cpu:.1f} s"
    )
    waits = sum(run.waits for run in runs)
    print(
        f"  tickets called: {len(called)} ({1 + len(alone.ticket_ids)} alone, {len(loaded)} under"
        f" load), each once: yes (ids unique); 'nobody waiting' answers retried: {waits}"
    )


def settle(done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the Qt event loop until ``done()`` (the desk has shown the hub's answer)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not show the answer in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def bench_appointment(url: str, data: Path, kiosk_token: str) -> None:
    """An appointment ticket through the clerk's real desk (ui.counter, offscreen Qt): the
    inputs are F-keys and mouse clicks sent to it, each timed until the desk shows the result."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton

    from kiosk.counter.desk import CounterDesk
    from ui.counter.forms import OUTCOMES
    from ui.counter.rating_pad import RatingPad
    from ui.counter.window import ACTIONS, CounterWindow

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen platform's, once per window
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    today = datetime.now(ZoneInfo(HubSettings().time_zone)).date()
    kiosk = HubClient(url, token=kiosk_token)
    token = register(url, data, f"desk-{APPOINTMENT_WINDOW}", m.TerminalMode.COUNTER)
    client = HubClient(url, token=token)
    desk = CounterDesk(client, APPOINTMENT_WINDOW)
    window, pad = CounterWindow(desk, "bench"), RatingPad(desk, "bench")
    window.attach_pad(pad)  # the pad on the window PC's second screen
    try:
        free = [s for s in kiosk.appointment_slots("business", today) if s.booked < s.capacity]
        if not free:
            print(f"appointment ticket: the hall takes no appointments on {today} (rest day)")
            return
        book = m.AppointmentBook(
            category_code="business",
            id_number=ID_NUMBER,
            slot_date=today,
            slot_start=free[0].slot_start,
        )
        code = kiosk.book_appointment(book).code
        ticket = kiosk.check_in(m.CheckIn(code=code))
        assert ticket.priority is m.Priority.APPOINTMENT

        window.resize(1366, 768)
        window.show()
        pad.show()
        window.start()
        window.sign_in_page.staff_no.setText(APPOINTMENT_CLERK)
        window.sign_in_page.pin.setText(PIN)
        QTest.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
        settle(lambda: window.pages.currentWidget() is window.desk_page)
        settle(lambda: window.buttons["call_next"].isEnabled())

        def state() -> m.TicketState | None:
            return None if window.busy or window.current is None else window.current.state

        inputs: list[tuple[str, str, float]] = []  # the input, what it did, seconds

        def press(action: str, what: str, done: Callable[[], bool]) -> None:
            f_key = next(k for k, _label, name in ACTIONS if name == action)
            began = time.perf_counter()
            QTest.keyClick(window, getattr(Qt.Key, f"Key_{f_key}"))
            settle(done)
            inputs.append((f"{f_key} key", what, time.perf_counter() - began))

        def click(button: QPushButton, what: str, done: Callable[[], bool]) -> None:
            began = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            settle(done)
            inputs.append((f"click {button.text()}", what, time.perf_counter() - began))

        form = window.finish_form
        outcome = form.buttons[list(OUTCOMES).index(DONE.outcome)]
        loop_began = time.perf_counter()
        press("call_next", "call next", lambda: state() is m.TicketState.CALLED)
        assert window.current is not None and window.current.ticket_id == ticket.ticket_id
        press("start", "start", lambda: state() is m.TicketState.SERVING)
        press("finish", "open the finish form", lambda: window.side.currentWidget() is form)
        click(outcome, "choose the outcome", outcome.isChecked)
        click(form.ok, "finish with it", lambda: not window.busy and window.current is None)
        settle(lambda: pad.pages.currentWidget() is pad.rate_page)  # the pad asks by itself
        finished = time.perf_counter() - loop_began
        assert kiosk.get_ticket(ticket.ticket_id).state is m.TicketState.DONE
        began = time.perf_counter()  # the citizen's two taps on the pad
        QTest.mouseClick(
            pad.picker.level_buttons[m.Rating.VERY_SATISFIED], Qt.MouseButton.LeftButton
        )
        QTest.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
        settle(lambda: pad.pages.currentWidget() is pad.thanks_page)
        rated = time.perf_counter() - began
    finally:
        pad.timer.stop()
        pad.runner.wait()
        pad.close()
        window.refresh_timer.stop()
        window.retry_timer.stop()
        window.runner.wait()
        window.close()
        client.close()
        kiosk.close()

    keys = sum(1 for given, _, _ in inputs if given.endswith(" key"))
    print(
        f"appointment ticket {ticket.number}, booked and checked in at a kiosk (no clerk input),"
        f" then at the clerk's desk (ui.counter, offscreen) on {APPOINTMENT_WINDOW}; each input"
        " until the desk shows its result:"
    )
    for given, what, seconds in inputs:
        print(f"  {given:<10}\t{what:<22} {seconds * 1000:6.1f} ms")
    print(
        f"  rating pad (the citizen's: 非常满意, 提交评价; 0 clerk inputs): asked when finished,"
        f" rated in {rated * 1000:.1f} ms"
    )
    print(
        f"  clerk inputs from call next to finished and rated: {len(inputs)}"
        f" ({keys} F-keys, {len(inputs) - keys} mouse clicks);"
        f" wall time of the loop {finished * 1000:.0f} ms (no human time)"
    )


def _spent(before: float | None, after: float | None) -> float | None:
    return after - before if before is not None and after is not None else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30, help="service loops per window")
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--kiosks", type=int, default=10)
    args = parser.parse_args()
    windows = [f"X{i:02d}" for i in range(args.windows)]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        load_hall(data, windows)
        proc, url, kiosk_token = start_hub(data)
        try:
            print(f"hub: SQLite, separate process, {url}; {os.cpu_count()} CPUs")
            bench_windows(url, data, proc.pid, kiosk_token, windows, args.kiosks, args.calls)
            bench_appointment(url, data, kiosk_token)
        finally:
            proc.terminate()
            proc.wait(30)
            if proc.stdout is not None:
                proc.stdout.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
