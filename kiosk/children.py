"""Child processes that cannot outlive the terminal.

Every process the terminal starts (the voice probe, the translation compiler) runs through
:func:`run_bounded`: the kernel kills it when the thread that started it dies
(``PR_SET_PDEATHSIG``), so a terminal that crashes, is killed by its watchdog or is stopped
by a benchmark leaves nothing behind, and the wait is bounded by ``timeout`` (the child is
killed then). A child that may block in code we do not control also ends itself at its own
alarm (see :data:`ALARM_PRELUDE`), in case its parent was stuck rather than dead.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

PR_SET_PDEATHSIG = 1

# Python source to put first in a ``python -c`` child: it ends itself after N seconds (argv[1]).
ALARM_PRELUDE = "import signal, sys; signal.alarm(int(sys.argv.pop(1)))\n"


def run_bounded(
    argv: Sequence[str], timeout: float, *, capture: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` for at most ``timeout`` seconds (``subprocess.TimeoutExpired`` then) in a
    child that dies with us. Output is captured, or thrown away."""
    # Imported with the first child, not at start-up; here, before the fork: the child only
    # uses them.
    import ctypes.util
    import subprocess

    def die_with_parent() -> None:  # runs in the child, between fork and exec
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.run(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
        timeout=timeout,
        check=False,
        preexec_fn=die_with_parent,
    )
