"""Input files of a batch: found, vetted and named safely before anything reads them.

A folder of reports handed to ``mgi run`` is not always tidy: names unpacked from a
Windows archive in cp1251 are not valid UTF-8, a download left a FIFO or a dangling
link behind, somebody named ``/dev/zero`` on the command line. Each of these used to
hang the batch (the file was hashed before any check) or crash it while tables were
written (an unencodable name). This module decides, for every path, *before its
content is read*, whether it is a regular file the pipeline may open, and gives
every path a display name that any writer (Parquet, CSV, JSON, SQL, HTML, a
terminal) can encode.

Names stay as given (``pathlib.Path`` with :pep:`383` surrogate escapes for bytes
that are not UTF-8), so the file can still be opened; only what is *shown* is
escaped: an undecodable byte as ``\\xcf``, a control character as ``\\n`` or
``\\x1b``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: Only these suffixes (any case) are taken from inside folders; a file named on
#: the command line is taken whatever its name (its content is checked later).
PDF_SUFFIXES = {".pdf"}
#: Bytes read per call while hashing.
HASH_CHUNK = 1 << 20

#: Characters shown escaped in display names: C0/C1 controls, DEL, line and
#: paragraph separators (they would break a manifest line or a terminal table).
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})

#: Hex digits of the content hash that make a document's id.
DOC_ID_LENGTH = 16


def doc_id_for(sha256: str) -> str:
    """A document's id: the first 16 hex digits of its content hash (a renamed copy keeps it).

    Here, beside the hashing, so that a re-run can name its documents without
    importing the stages (see :mod:`pipeline.batch.stamp`).
    """
    return sha256[:DOC_ID_LENGTH]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A path that is not processed, with a one-line reason for the manifest.

    Attributes:
        path: The path as given or found (may hold surrogate escapes).
        reason: Why it was not read (``file not found``, ``not a regular file (FIFO)``…).
    """

    path: Path
    reason: str

    @property
    def name(self) -> str:
        return display_name(self.path)


class NotRegularFile(OSError):
    """Raised when a path turned out not to be a regular file at the moment it was opened."""


def escape_name(name: str | os.PathLike) -> str:
    """A file name any writer can encode and any terminal shows on one line.

    Undecodable bytes (surrogate escapes) become ``\\xNN``; control characters
    become ``\\n``, ``\\t``, ``\\xNN``. Valid UTF-8 names are unchanged.
    """
    text = _raw(name).decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL)


def _raw(name: str | bytes | os.PathLike) -> bytes:
    """The bytes of a name: file-system names decode back to their bytes exactly."""
    name = os.fspath(name)
    if isinstance(name, bytes):
        return name
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file-system name holds
        return name.encode("utf-8", "surrogatepass")


def name_bytes_hex(name: str | os.PathLike) -> str | None:
    """The raw bytes of a name (hex) when its display differs from it, else None.

    Lets a user find the exact file again when the display had to escape it.
    """
    raw = _raw(name)
    try:
        if raw.decode("utf-8") == escape_name(name):
            return None
    except UnicodeDecodeError:
        pass
    return raw.hex()


def display_name(path: Path | str) -> str:
    """The path as the user knows it (relative to the cwd when below it), escaped."""
    path = Path(path)
    with contextlib.suppress(ValueError, OSError):
        return escape_name(path.absolute().relative_to(Path.cwd().absolute()))
    return escape_name(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def vet(path: Path) -> str | None:
    """Why ``path`` must not be opened (None: a regular file, possibly through a link).

    Uses ``lstat``/``stat`` only, so a FIFO or a device is never opened (opening a
    FIFO blocks until a writer comes; reading ``/dev/zero`` never ends).
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "file not found"
    except OSError as err:
        return f"cannot read: {err.strerror or err}"
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "dangling link: its target does not exist"
        except OSError as err:
            if err.errno == errno.ELOOP:
                return "link loop: the link points back to itself"
            return f"cannot follow link: {err.strerror or err}"
        if stat.S_ISDIR(st.st_mode):
            return "link to a folder (links to folders are not followed)"
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file: {_kind(st.st_mode)}"
    return None


def _walk(top: Path) -> tuple[list[Path], list[Rejected]]:
    """PDF-named entries below ``top`` (links to folders are not followed, so no loops)."""
    found: list[Path] = []
    rejected: list[Rejected] = []

    def onerror(err: OSError) -> None:
        where = Path(err.filename) if err.filename else top
        rejected.append(Rejected(where, f"cannot read folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        base = Path(root)
        names = files + [d for d in dirs if os.path.islink(os.path.join(root, d))]
        for name in names:
            if Path(name).suffix.lower() in PDF_SUFFIXES:
                found.append(base / name)
    return found, rejected


def collect_inputs(paths: list[Path]) -> tuple[list[Path], list[Rejected]]:
    """Expand folders to the PDFs inside (recursively, sorted); keep named files as given.

    A file named explicitly is taken whatever its extension (content is checked
    later); inside folders only ``*.pdf`` (any case) are taken. Paths that exist
    but must not be opened (FIFOs, devices, dangling links, link loops) are
    returned as :class:`Rejected` with a reason, for named paths and inside folders
    alike, so that the manifest lists them instead of the batch hanging on them.

    Returns:
        ``(files, rejected)``: regular files in order, each once, and the rest.
    """
    candidates: list[Path] = []
    rejected: list[Rejected] = []
    for p in map(Path, paths):
        if p.is_dir():  # a folder named on the command line is searched, even through a link
            inside, bad = _walk(p)
            candidates.extend(sorted(inside, key=lambda f: os.fsencode(f)))
            rejected.extend(bad)
        else:
            candidates.append(p)
    files: list[Path] = []
    seen: set[Path] = set()
    for f in candidates:
        why = vet(f)
        if why is not None:
            rejected.append(Rejected(f, why))
            continue
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            files.append(f)
    return files, rejected


def file_sha256(path: Path) -> str:
    """Hex sha256 of a regular file's content.

    The file is opened non-blocking and checked to be regular on the open
    descriptor, so a path swapped for a FIFO or a device after :func:`vet`
    raises :class:`NotRegularFile` instead of hanging.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"not a regular file: {_kind(mode)}")
        h = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as fh:
            for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
                h.update(chunk)
        return h.hexdigest()
    finally:
        os.close(fd)
