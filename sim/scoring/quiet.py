"""Keep a C library's own printing off standard output while it runs.

HiGHS (the MILP solver behind `scipy.optimize.milp`) prints debug lines such as
"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();" with C stdio,
straight to file descriptor 1, whatever Python's `sys.stdout` is; on some inputs that text
landed in the middle of `sim autoplay --json`. Here file descriptor 1 points at a scratch
file for the duration of the call, and the C buffers are flushed before it is given back,
so the text is dropped instead of reaching whoever reads stdout. The terminal UI draws on
standard error, so it is not affected; a lock keeps two threads from swapping fd 1 at once.
"""

from __future__ import annotations

import ctypes
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.RLock()
_LIBC = ctypes.CDLL(None)  # the process's C library: its fflush(NULL) flushes every stream


def _flush_c() -> None:
    _LIBC.fflush(None)


@contextmanager
def stdout_silenced() -> Iterator[None]:
    """Run the body with file descriptor 1 writing to a scratch file that is then dropped."""
    with _LOCK:
        sys.stdout.flush()  # what Python wrote so far belongs to stdout, before the swap
        saved = os.dup(1)
        try:
            with tempfile.TemporaryFile() as sink:
                os.dup2(sink.fileno(), 1)
                try:
                    yield
                finally:
                    _flush_c()  # text still in C's buffer must land in the sink, not later
                    os.dup2(saved, 1)
        finally:
            os.close(saved)
