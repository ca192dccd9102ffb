"""Run ``mgi run`` over the hostile folder and report time, memory and each file's status.

Makes the folder of :mod:`tests.hostile` in a temporary directory, puts the
sample report beside it, runs ``mgi run DIR --out OUT --no-progress --timeout T``
as a subprocess (under ``/usr/bin/time -v`` when installed) and prints:

- the generation time and size of the folder;
- the run's wall time, exit status, peak RSS of its largest process (from
  ``/usr/bin/time`` or ``getrusage``) and peak RSS of its whole process tree
  (sampled from ``/proc`` twice a second: workers run in parallel);
- ``manifest.json``'s status and reason for every file, each checked against
  the generator's expectation (✓ / ✗), plus expected files the manifest does
  not list and manifest rows that match no generated file;
- whether a file name was ever run by a shell (the ``pwned-by-name`` marker).

Safety: the run is a new session, killed as a group after ``--max-wall``
seconds; each of its processes gets ``RLIMIT_DATA`` of ``--mem-limit-gb`` so
that the decompression and operator bombs cannot make the machine's OOM
killer pick a random victim (0 turns the limit off).

Usage: python bench/hostile_run.py [--timeout 60] [--workers N] [--mem-limit-gb 6]
                                   [--max-wall 900] [--keep] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hostile import PWNED_MARKER, Expect, make_hostile_folder  # noqa: E402

SAMPLE = ROOT / "raw" / "mgi-kyrgyzstan-2022-ru.pdf"
MGI = ROOT / ".venv" / "bin" / "mgi"
TIME = Path("/usr/bin/time")


def _folder_bytes(folder: Path) -> int:
    """Bytes of the regular files in ``folder`` (links and FIFOs are not followed)."""
    root = os.fsencode(folder)
    total = 0
    for name in os.listdir(root):
        st = os.lstat(os.path.join(root, name))
        if (st.st_mode & 0o170000) == 0o100000:
            total += st.st_size
    return total


def _tree_rss(pid: int) -> tuple[int, int]:
    """Summed RSS (bytes) and number of processes of ``pid`` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/statm", "rb") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, count, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        count += p in rss
        todo.extend(children.get(p, []))
    return total, count


class _Sampler(threading.Thread):
    """Samples the process tree's summed RSS until stopped; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak, self.peak_procs = 0, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total, count = _tree_rss(self.pid)
            if total > self.peak:
                self.peak, self.peak_procs = total, count
            self.stop.wait(self.every)


def _limit_memory(gib: float):
    def apply() -> None:
        limit = int(gib * (1 << 30))
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return apply if gib > 0 else None


def _show(name: str, width: int) -> str:
    """A name printable on one line: escapes for newlines and undecodable bytes, cut to ``width``."""
    text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= width else text[:width - 1] + "…"


def _time_v(stderr: str) -> dict[str, str]:
    """The ``/usr/bin/time -v`` block of a standard error stream."""
    found = {}
    for key, pattern in (("wall", r"Elapsed \(wall clock\) time.*?: (\S+)"),
                         ("max_rss_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
                         ("exit", r"Exit status: (\d+)"),
                         ("signal", r"Command terminated by signal (\d+)"),
                         ("user", r"User time \(seconds\): (\S+)"),
                         ("system", r"System time \(seconds\): (\S+)")):
        m = re.search(pattern, stderr)
        if m:
            found[key] = m.group(1)
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="mgi run --timeout (seconds per file)")
    ap.add_argument("--workers", type=int, default=None, help="mgi run --workers")
    ap.add_argument("--mem-limit-gb", type=float, default=6.0, help="RLIMIT_DATA per process (0: none)")
    ap.add_argument("--max-wall", type=float, default=900.0, help="kill the run after this many seconds")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--full", action="store_true", help="print reasons in full")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="mgi-hostile-"))
    inp, out = tmp / "in", tmp / "out"
    t0 = time.perf_counter()
    expect: dict[str | bytes, Expect] = make_hostile_folder(inp, SAMPLE)
    gen = time.perf_counter() - t0
    size = _folder_bytes(inp)
    shutil.copy2(SAMPLE, inp / SAMPLE.name)
    expect[SAMPLE.name] = Expect(frozenset({"ok"}), None, "the sample report")
    print(f"hostile folder: {len(expect) - 1} files + the sample, made in {gen:.2f} s, "
          f"{size / 1e6:.1f} MB of regular files ({tmp})")

    cmd = [str(MGI), "run", str(inp), "--out", str(out), "--no-progress", "--timeout", f"{args.timeout:g}"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if TIME.exists():
        cmd = [str(TIME), "-v", *cmd]
    print("$", " ".join(cmd), f"  (cwd {tmp}, RLIMIT_DATA {args.mem_limit_gb:g} GiB/process, "
          f"killed after {args.max_wall:g} s)", flush=True)
    t0 = time.perf_counter()
    with open(tmp / "stdout.txt", "wb") as so, open(tmp / "stderr.txt", "wb") as se:
        proc = subprocess.Popen(cmd, cwd=tmp, stdout=so, stderr=se, start_new_session=True,
                                preexec_fn=_limit_memory(args.mem_limit_gb))
        sampler = _Sampler(proc.pid)
        sampler.start()
        killed = False
        try:
            code = proc.wait(timeout=args.max_wall)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the session we started: mgi and its workers
            code, killed = proc.wait(), True
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        finally:
            sampler.stop.set()
            sampler.join()
    wall = time.perf_counter() - t0
    stderr = (tmp / "stderr.txt").read_text(errors="replace")
    tv = _time_v(stderr)
    exit_code = int(tv["exit"]) if "exit" in tv else code
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print()
    print(f"wall time       {wall:.1f} s" + ("  (KILLED: --max-wall reached)" if killed else ""))
    if tv:
        print(f"cpu time        user {tv.get('user', '?')} s, system {tv.get('system', '?')} s")
    print(f"exit status     {exit_code}" + (f" (terminated by signal {tv['signal']})" if "signal" in tv else ""))
    print(f"peak RSS        {int(tv.get('max_rss_kb', children_rss)) / 1024:.0f} MiB (largest process)")
    print(f"peak tree RSS   {sampler.peak / 2**20:.0f} MiB (sum over {sampler.peak_procs} processes, sampled)")

    manifest_path = out / "manifest.json"
    if not manifest_path.exists():
        print(f"\nno manifest.json written ({manifest_path})")
        rows = []
    else:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8", errors="surrogateescape"))
        rows = manifest.get("files", [])
        print(f"manifest        exit_code {manifest.get('exit_code')}, counts {manifest.get('counts')}")

    by_name = {os.fsencode(k): k for k in expect}
    seen: set[bytes] = set()
    bad = 0
    width = 44
    print()
    print(f"{'':2}{'file':<{width}} {'status':<9} {'expected':<26} {'sec':>6}  reason")
    for row in rows:
        # The name's bytes: from file_bytes_hex when the manifest escapes an odd name, else the name.
        hexed = row.get("file_bytes_hex")
        raw = bytes.fromhex(hexed) if hexed else os.fsencode(row.get("file", ""))
        base = os.path.basename(raw)
        key = by_name.get(base)
        status, reason = row.get("status"), row.get("reason")
        if key is None:
            mark, wanted = "?", "(not generated)"
        else:
            seen.add(base)
            e = expect[key]
            ok = e.matches(status, reason)
            bad += not ok
            mark = "✓" if ok else "✗"
            wanted = "|".join(sorted(e.statuses)) + (f" «{e.reason}»" if e.reason and not ok else "")
        shown = reason or ""
        if not args.full and len(shown) > 110:
            shown = shown[:109] + "…"
        shown = shown.replace("\n", "\\n")
        print(f"{mark:2}{_show(os.fsdecode(base), width):<{width}} {status or '-':<9} {_show(wanted, 26):<26} "
              f"{row.get('seconds', 0) or 0:>6.1f}  {shown}")
    missing = [n for n in by_name if n not in seen]
    for name in missing:
        e = expect[by_name[name]]
        wanted = _show("|".join(sorted(e.statuses)), 26)
        print(f"{'✗':2}{_show(os.fsdecode(name), width):<{width}} {'ABSENT':<9} {wanted:<26} {'':>6}  "
              "(not in manifest.json)")
    bad += len(missing)
    print(f"\n{len(expect) - bad}/{len(expect)} files as expected")

    pwned = [p for p in (tmp / PWNED_MARKER, inp / PWNED_MARKER, Path.cwd() / PWNED_MARKER) if os.path.lexists(p)]
    print("shell injection: " + (f"FILE CREATED {pwned}" if pwned else f"no '{PWNED_MARKER}' file created"))
    lines = [ln for ln in stderr.splitlines() if not ln.startswith("\t")
             and not ln.startswith("Command being timed")]
    if lines:
        print("\nstderr of mgi run (last 20 lines):")
        print("\n".join(lines[-20:]))
    if args.keep:
        print(f"\nkept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if bad == 0 and not killed else 1


if __name__ == "__main__":
    sys.exit(main())
