"""The layout cache: a data format that cannot run code.

Re-running a batch skips PDF parsing and OCR (the slow part) for unchanged files.
The cache used to be a pickle, and ``pickle.load`` runs whatever a file asks it to:
anyone able to write into ``OUT/.cache/layout/`` (a shared or copied
``extracted/`` folder) could run code on the next ``mgi run``. Entries are now
gzip-compressed JSON: plain values, lists, tuples (tagged), and instances of the
layout stage's own dataclasses, rebuilt through their ``__init__`` from a fixed
allow-list of classes. Nothing else can be named, so nothing else can be built.

Each entry carries the key it was written under (content hash, package version,
layout-code fingerprint, options); an entry whose key does not match, or that
does not decode, is ignored (and deleted) and the layout is made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import json
from pathlib import Path
from collections.abc import Iterator
from typing import Any

#: Bump when the entry layout changes; older entries are then ignored.
CACHE_FORMAT = 2
#: gzip level: the cache is written once per parse and read on every re-run;
#: level 1 compresses the sample's layout about 8× at a fraction of level 9's cost.
GZIP_LEVEL = 1
SUFFIX = ".json.gz"
#: How deep :func:`save` streams an entry: the layout's fields (1), the items of its
#: lists (2: pages, blocks), each item encoded whole.
STREAM_DEPTH = 2
_TYPE = "__t"
_TUPLE = "__tuple"


class CacheError(ValueError):
    """An entry that cannot be used (damaged, foreign, or naming a class not allowed)."""


def _allowed() -> dict[str, type]:
    """The dataclasses an entry may name: those of the layout stage's modules."""
    from pipeline.layout import extract, page, reading

    allowed: dict[str, type] = {}
    for module in (page, reading, extract):
        for name, obj in vars(module).items():
            if (isinstance(obj, type) and dataclasses.is_dataclass(obj)
                    and obj.__module__ == module.__name__):
                allowed[name] = obj
    return allowed


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {_TYPE: type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if any(not isinstance(k, str) or k in (_TYPE, _TUPLE) for k in value):
            raise CacheError("dict keys must be plain strings")
        return {k: _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise CacheError(f"cannot cache a {type(value).__name__}")


def _decoder(allowed: dict[str, type]):
    def hook(obj: dict) -> Any:
        if _TUPLE in obj:
            if len(obj) != 1 or not isinstance(obj[_TUPLE], list):
                raise CacheError("malformed tuple")
            return tuple(obj[_TUPLE])
        if _TYPE in obj:
            name = obj.pop(_TYPE)
            cls = allowed.get(name) if isinstance(name, str) else None
            if cls is None:
                raise CacheError(f"class not allowed in a cache entry: {name!r}")
            try:
                return cls(**obj)
            except TypeError as err:
                raise CacheError(f"fields do not fit {name}: {err}") from None
        return obj

    return hook


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def dumps(layout: Any, key: str) -> bytes:
    """Serialise a layout under ``key`` (compressed JSON bytes)."""
    doc = {"format": CACHE_FORMAT, "key": key, "layout": _encode(layout)}
    return gzip.compress(_dumps(doc).encode("utf-8", "surrogatepass"), compresslevel=GZIP_LEVEL, mtime=0)


def _chunks(value: Any, depth: int = 0) -> Iterator[str]:
    """The JSON text :func:`dumps` compresses, in pieces: a dataclass field by field and a list
    item by item, down to :data:`STREAM_DEPTH` levels (below, a piece is one page or block)."""
    if depth >= STREAM_DEPTH:
        yield _dumps(_encode(value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield "{" + _dumps(_TYPE) + ":" + _dumps(type(value).__name__)
        for f in dataclasses.fields(value):
            yield "," + _dumps(f.name) + ":"
            yield from _chunks(getattr(value, f.name), depth + 1)
        yield "}"
    elif isinstance(value, list):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from _chunks(item, depth + 1)
        yield "]"
    else:
        yield _dumps(_encode(value))


def _write_entry(fh, layout: Any, key: str) -> None:
    """Write :func:`dumps`' JSON to ``fh`` gzip-compressed, a page at a time: the whole
    entry (its object tree, its text and their bytes) is never in memory at once."""
    with gzip.GzipFile(filename="", fileobj=fh, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as gz:
        gz.write(("{" + _dumps("format") + ":" + _dumps(CACHE_FORMAT) + "," + _dumps("key") + ":"
                  + _dumps(key) + "," + _dumps("layout") + ":").encode("utf-8"))
        for piece in _chunks(layout):
            gz.write(piece.encode("utf-8", "surrogatepass"))
        gz.write(b"}")


def loads(data: bytes, key: str) -> Any:
    """The layout stored in ``data``; raises :class:`CacheError` unless it was written under ``key``."""
    try:
        raw = gzip.decompress(data)
        head = json.loads(raw.decode("utf-8", "surrogatepass"), object_hook=_decoder(_allowed()))
    except CacheError:
        raise
    except (OSError, EOFError, ValueError, RecursionError, TypeError) as err:
        raise CacheError(f"damaged cache entry ({type(err).__name__})") from None
    if not isinstance(head, dict) or head.get("format") != CACHE_FORMAT or head.get("key") != key:
        raise CacheError("cache entry was written for another file, version or options")
    layout = head.get("layout")
    from pipeline.layout.extract import LayoutDocument

    if not isinstance(layout, LayoutDocument):
        raise CacheError("cache entry holds no layout")
    return layout


def load(path: Path, key: str) -> Any | None:
    """The cached layout at ``path`` when usable; a damaged or foreign entry is deleted."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return loads(data, key)
    except CacheError:
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def save(path: Path, layout: Any, key: str) -> None:
    """Write an entry atomically (a reader never sees half of one), streamed (see
    :func:`_write_entry`); errors are ignored (a value that cannot be cached: no entry)."""
    from pipeline.output.atomic import atomic_path

    with contextlib.suppress(OSError, CacheError), atomic_path(Path(path)) as tmp, open(tmp, "wb") as fh:
        _write_entry(fh, layout, key)
