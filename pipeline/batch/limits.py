"""Per-file resource limits in worker processes: CPU time and memory.

A hostile PDF can keep a native library busy in one call (where no Python signal
handler runs) or grow a worker to gigabytes. The kernel enforces both limits for
us: ``RLIMIT_CPU`` ends a runaway worker with SIGXCPU, ``RLIMIT_AS`` makes an
allocation past the limit fail. The batch sees the worker's death or the
``MemoryError`` and records the file as failed; the other files go on.
"""

from __future__ import annotations

import contextlib
import os

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]

#: CPU-time backstop for --timeout in workers: generous, since the wall-clock limit
#: normally fires first and gives the clearer message.
CPU_LIMIT_FACTOR = 1.5
CPU_LIMIT_SLACK = 1
#: Default memory a worker may add while processing one file (--max-memory, MB).
#: The sample report needs about 300 MB; a hostile file of packed drawing operators
#: once grew a worker to 4-5 GB. Two such workers must not take a 24 GB machine down.
DEFAULT_MAX_MEMORY_MB = 2048
MB = 1 << 20


def _cpu_limit(timeout: float | None) -> int | None:
    """CPU seconds a worker may spend on one file: the kernel's backstop for --timeout."""
    if not timeout or timeout <= 0:
        return None
    return int(timeout * CPU_LIMIT_FACTOR) + CPU_LIMIT_SLACK


@contextlib.contextmanager
def _cpu_guard(timeout: float | None):
    """Limit this worker's CPU time for one file (RLIMIT_CPU, then SIGXCPU ends the worker).

    The wall-clock limit (:func:`pipeline.batch.runner.time_limit`) is a Python signal
    handler, which cannot run while a native library loops inside one call (a
    hostile content stream in PDFium's renderer). The kernel's CPU limit can: it
    ends the worker, the batch sees a dead worker and records the file as failed.
    Only used in worker processes, never in the main one.
    """
    limit = _cpu_limit(timeout)
    if limit is None or resource is None:
        yield
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(usage.ru_utime + usage.ru_stime)
    with _soft_limit(resource.RLIMIT_CPU, spent + limit):
        yield


@contextlib.contextmanager
def _soft_limit(which: int, soft: int):
    """Set a resource's soft limit (never above its hard limit) for a block, then restore it."""
    old = resource.getrlimit(which)
    if old[1] != resource.RLIM_INFINITY:
        soft = min(soft, old[1])
    try:
        resource.setrlimit(which, (soft, old[1]))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(which, old)


def _address_space() -> int | None:
    """This process's current virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def _memory_guard(max_mb: int | None):
    """Bound the memory a worker may add for one file (RLIMIT_AS above its current size).

    Why the address space and above the current size: a forked worker already maps
    the interpreter, spaCy and the morphology tables (hundreds of MB of virtual
    memory, more with thread stacks), so a fixed cap would either be too tight
    for normal files or too loose to matter. An allocation past the limit fails:
    Python raises ``MemoryError`` (the file fails with a reason), a native library
    usually aborts (the worker dies and the file fails). Only in worker processes.
    """
    base = _address_space()
    if not max_mb or max_mb <= 0 or resource is None or base is None:
        yield
        return
    with _soft_limit(resource.RLIMIT_AS, base + max_mb * MB):
        yield


