"""Run a batch's documents on a dask.distributed cluster (``mgi run --executor dask``).

The client (``mgi run``) submits one task per document and collects the results as
they complete; :func:`pipeline.batch.run._write_outputs` then merges, writes and loads
the database on the client as after a local run: same records, manifest, database.

Isolation is the local pool's: each task forks a child of its dask worker and runs
:func:`pipeline.batch.run._work` there, so the CPU and memory limits of
:mod:`pipeline.batch.limits` and the wall-clock alarm of :func:`pipeline.batch.runner.time_limit`
(which needs a main thread; a task runs in a worker thread) bind that child only. A
file that kills its child (segfault, SIGXCPU, abort at the memory limit) fails with
the local run's reason and the dask worker goes on. Further guards: the task kills a
child that outlives ``2 × --timeout + 10 s`` (one blocked in a system call uses no
CPU time); the client fails a started file after that plus :data:`CLIENT_GRACE` (a
hung worker); a task that raises, or whose worker dies past the scheduler's
``allowed-failures`` (``KilledWorker``), fails its file. Losing the scheduler
mid-batch writes nothing (like Ctrl-C); the layout cache keeps what finished.

Files: workers are assumed to share the output folder with the client (same
absolute path): they write the layout cache and logs there. Inputs go as paths; a
worker that cannot see one (no such path, another size) is sent the bytes and
processes a private copy under the same name. Every worker must run the same code
(checked when connecting).
"""

from __future__ import annotations

import contextlib
import os
import queue as queue_mod
import shutil
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

#: Seconds allowed to reach the scheduler and to see a first worker.
CONNECT_TIMEOUT = 10.0
#: Seconds the client waits past the worker's own watchdog before failing a started file.
CLIENT_GRACE = 60.0
#: The event topic on which tasks report progress (start, pages).
TOPIC = "mgi-progress"
#: How often the client looks at its futures and progress events (seconds).
POLL_INTERVAL = 0.1


class ExecutorError(OSError):
    """The cluster cannot be used (dask missing, scheduler unreachable, no workers): one line."""


def watchdog_seconds(timeout: float | None) -> float | None:
    """Wall-clock seconds a task lets its child run before killing it (None: no limit)."""
    return 2 * float(timeout) + 10 if timeout and timeout > 0 else None


def client_seconds(timeout: float | None) -> float | None:
    """Seconds the client waits for a started task before failing its file (None: no limit)."""
    w = watchdog_seconds(timeout)
    return w + CLIENT_GRACE if w else None


# ----------------------------------------------------------------------------- worker side

_PRELOADED = False
_PRELOAD_LOCK = threading.Lock()
_DAEMON_LOCK = threading.Lock()


def _worker_fingerprint() -> str:
    """What a worker's records depend on: the package version and a hash of its code and
    data files, to compare with the client's (run on each worker when connecting)."""
    from pipeline.batch.fingerprint import package_version, source_hash

    return f"{package_version()}-{source_hash()[:12]}"


def _fingerprint_on_worker() -> str:  # sent by reference: runs the worker's own function
    return _worker_fingerprint()


def _reporter(tag: str):
    """A function sending ``msg`` to the client through the scheduler's event log (best effort)."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except Exception:  # noqa: BLE001 - not in a dask worker (a direct call)
        return lambda msg: None

    def report(msg: list) -> None:
        with contextlib.suppress(Exception):
            worker.log_event(TOPIC, [tag, *msg])

    return report


def _visible(path: Path, size: int | None) -> bool:
    try:
        return path.is_file() and (size is None or path.stat().st_size == size)
    except OSError:
        return False


def run_document(tag: str, key: str, path: str, sha256: str, size: int | None, opts: Any,
                 cache_dir: str, log_dir: str, data: bytes | None = None) -> tuple[str, Any]:
    """The dask task: one document, processed in a child process of this worker.

    Returns ``("done", _work result)``, ``("failed", reason)`` when the child died
    or was stopped, or ``("unseen", host)`` when this worker cannot see ``path``
    and no ``data`` was sent (the client then resubmits with the file's bytes).
    """
    global _PRELOADED
    report = _reporter(tag)
    src, tmp = Path(path), None
    if data is None and not _visible(src, size):
        return "unseen", socket.gethostname()
    report(["start", key])
    try:
        if data is not None:
            tmp = tempfile.mkdtemp(prefix="mgi-")
            src = Path(tmp) / Path(path).name  # same name: metadata read from it stays the same
            src.write_bytes(data)
        with _PRELOAD_LOCK:
            if not _PRELOADED:  # imported once per dask worker, shared by every forked child
                from pipeline.batch.pool import _preload

                _preload()
                _PRELOADED = True
        return _in_child(key, str(src), sha256, opts, cache_dir, log_dir, report)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _in_child(key: str, path: str, sha256: str, opts: Any, cache_dir: str, log_dir: str,
              report) -> tuple[str, Any]:
    """Run :func:`pipeline.batch.run._work` in a fresh child process; its death fails only this file.

    Forked, like the local pool's workers: it shares the loaded stages, and takes the alarm.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FuturesTimeout
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.batch.pool import _death_reason, _init_worker, _work
    from pipeline.batch.runner import timeout_reason

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    q = ctx.Queue()
    limit = watchdog_seconds(getattr(opts, "timeout", None))
    pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker, initargs=(q,))
    procs: list = []
    t0 = time.monotonic()
    try:
        with _may_have_children():
            fut = pool.submit(_work, key, path, sha256, opts, cache_dir, log_dir)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        while True:
            try:
                return "done", fut.result(timeout=POLL_INTERVAL * 5)
            except FuturesTimeout:
                _forward(q, key, report)
                if limit and time.monotonic() - t0 > limit:
                    for proc in procs:
                        with contextlib.suppress(Exception):
                            proc.kill()
                    return "failed", f"{timeout_reason(opts.timeout)}; stopped by the dask worker's watchdog"
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                return "failed", _death_reason([p.exitcode for p in procs], opts)
            except Exception as err:  # noqa: BLE001 - e.g. an unpicklable result
                return "failed", f"worker error ({type(err).__name__}: {err})"
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:  # an idle child exits on shutdown; anything else is killed
            with contextlib.suppress(Exception):
                proc.join(5)
                if proc.is_alive():
                    proc.kill()
                    proc.join(1)
        with contextlib.suppress(Exception):
            q.close()


@contextlib.contextmanager
def _may_have_children():
    """Let a daemonic process (a dask worker under its nanny) start the child.

    multiprocessing refuses children in daemonic processes, lest they outlive
    it. This child is killed by the task when done or stopped, and bounded by its
    own CPU and wall-clock limits should the whole worker be killed first.
    """
    import multiprocessing as mp

    config = mp.current_process()._config
    with _DAEMON_LOCK:  # task threads of one worker share the flag
        daemon = config.get("daemon")
        config["daemon"] = False
        try:
            yield
        finally:
            if daemon is None:
                config.pop("daemon", None)
            else:
                config["daemon"] = daemon


def _forward(q, key: str, report) -> None:
    """Send the child's latest page progress on to the client (one event per poll).

    Only page messages (:data:`pipeline.batch.pool.PAGE_MESSAGE`) go on: the others
    serve a local parent's warm-up, and the client reads no document.
    """
    from pipeline.batch.pool import PAGE_MESSAGE

    last = None
    while True:
        try:
            msg = q.get_nowait()
        except (queue_mod.Empty, OSError, ValueError, EOFError):
            break
        if msg[0] == PAGE_MESSAGE:
            last = msg
    if last is not None:
        _, _, page, total = last
        report(["page", key, int(page), int(total)])


# ----------------------------------------------------------------------------- client side

def connect(address: str | None, workers: int | None = None):
    """A ``distributed.Client`` for ``address`` (``None``/``"local"``: an in-process LocalCluster).

    Returns ``(client, cluster)``; ``cluster`` is None for a remote scheduler.
    Raises :class:`ExecutorError` with a one-line reason.
    """
    try:
        import distributed
    except ImportError:
        raise ExecutorError("dask is not installed: pip install 'distributed>=2024.8' "
                            "(or reinstall this project)") from None
    cluster = None
    if not address or address == "local":
        n = max(1, workers or os.cpu_count() or 1)
        try:
            cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            return distributed.Client(cluster), cluster
        except Exception as err:  # noqa: BLE001 - ports, processes: one line, exit status 4
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()
            raise ExecutorError(f"could not start a dask cluster on this machine ({_one_line(err)})") from None
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except Exception as err:  # noqa: BLE001 - OSError, TimeoutError, ValueError (bad address)
        raise ExecutorError(f"cannot reach the dask scheduler at {address} within {CONNECT_TIMEOUT:g} s "
                            f"({_one_line(err)})") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        _check_workers(client)
    except ExecutorError:
        client.close()
        raise
    except Exception:  # noqa: BLE001 - a timeout
        client.close()
        raise ExecutorError(f"the dask scheduler at {address} has no workers "
                            f"(none joined within {CONNECT_TIMEOUT:g} s)") from None
    return client, cluster


def _check_workers(client) -> None:
    """Every worker must run this project's code, in the same version (else records could differ)."""
    mine = _worker_fingerprint()
    try:
        theirs = client.run(_fingerprint_on_worker)
    except Exception as err:  # noqa: BLE001 - e.g. ModuleNotFoundError on the workers
        raise ExecutorError(f"dask workers cannot run this project ({_one_line(err)}); "
                            "install it on every worker") from None
    other = {w: fp for w, fp in theirs.items() if fp != mine}
    if other:
        w, fp = next(iter(other.items()))
        raise ExecutorError(f"dask worker {w} runs other pipeline code ({fp}, here {mine}): "
                            "install the same version on every worker")


def _one_line(err: BaseException) -> str:
    msg = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {msg}" if msg else type(err).__name__


def _task_error(err: BaseException) -> str:
    """One line for a task that raised on the cluster."""
    if type(err).__name__ == "KilledWorker":
        return "the dask worker processing this file died, on every retry (KilledWorker)"
    return f"worker error ({_one_line(err)})"


def process_dask(todo: list, opts: Any, cache_dir: Path, log_dir: Path, ui) -> dict[str, tuple]:
    """The dask counterpart of :func:`pipeline.batch.run._process_all`: ``{doc_id: _work result}``."""
    client, cluster = connect(getattr(opts, "scheduler", None), opts.workers)
    try:
        return _run(client, todo, opts, cache_dir, log_dir, ui)
    finally:
        with contextlib.suppress(Exception):
            client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


def _run(client, todo: list, opts: Any, cache_dir: Path, log_dir: Path, ui) -> dict[str, tuple]:
    from pipeline.batch.pool import _crashed
    from pipeline.batch.inputs import display_name
    from pipeline.batch.runner import timeout_reason

    opts = replace(opts, page_workers=1)  # one core per task: the cluster spreads the files
    tag = uuid.uuid4().hex[:12]
    names = {e.doc_id: display_name(e.path) for e in todo}
    events: queue_mod.Queue = queue_mod.Queue()
    client.subscribe_topic(TOPIC, lambda event: events.put(event[1]))
    futures: dict = {}
    started: dict[str, float] = {}
    done: dict[str, tuple] = {}
    limit = client_seconds(opts.timeout)

    def submit(e, data: bytes | None = None) -> None:
        size = e.path.stat().st_size if data is None and _visible(e.path, None) else None
        fut = client.submit(run_document, tag, e.doc_id, str(e.path), e.sha256, size, opts, str(cache_dir),
                            str(log_dir), data, key=f"mgi-{e.doc_id}-{tag}{'-bytes' if data else ''}",
                            pure=False, retries=0)
        futures[fut] = e

    def finish(e, value: tuple) -> None:
        done[e.doc_id] = value
        ui.done(e.doc_id)

    for e in todo:
        submit(e)
    try:
        while futures:
            time.sleep(POLL_INTERVAL)
            _drain(events, tag, started, names, ui)
            now = time.monotonic()
            for fut, e in list(futures.items()):
                if not fut.done():
                    if limit and now - started.get(e.doc_id, now) > limit:
                        del futures[fut]
                        fut.cancel()
                        finish(e, _crashed(e, f"{timeout_reason(opts.timeout)}; "
                                              f"no answer from its dask worker within {limit:g} s"))
                    continue
                del futures[fut]
                if fut.cancelled():
                    raise ExecutorError("lost the dask scheduler mid-batch: nothing written, previous outputs "
                                        "left intact; run again (finished files are in the layout cache)")
                try:
                    kind, value = fut.result()
                except Exception as err:  # noqa: BLE001 - the task raised on the cluster
                    finish(e, _crashed(e, _task_error(err)))
                    continue
                if kind == "unseen":  # that worker does not share the input's folder: send the bytes
                    started.pop(e.doc_id, None)
                    try:
                        submit(e, e.path.read_bytes())
                    except OSError as err:
                        finish(e, _crashed(e, f"cannot read: {err.strerror or err}"))
                elif kind == "failed":
                    finish(e, _crashed(e, value))
                else:
                    finish(e, tuple(value))
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            client.cancel(list(futures))
        raise
    finally:
        with contextlib.suppress(Exception):
            client.unsubscribe_topic(TOPIC)
    return done


def _drain(events: queue_mod.Queue, tag: str, started: dict, names: dict, ui) -> None:
    """Apply the progress events of this batch (others on the same cluster are ignored)."""
    while True:
        try:
            msg = events.get_nowait()
        except queue_mod.Empty:
            return
        if not isinstance(msg, (list, tuple)) or len(msg) < 3 or msg[0] != tag or msg[2] not in names:
            continue
        if msg[1] == "start":
            started[msg[2]] = time.monotonic()
        elif msg[1] == "page" and len(msg) == 5:
            ui.page(msg[2], names[msg[2]], msg[3], msg[4])
