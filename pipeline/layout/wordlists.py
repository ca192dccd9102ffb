"""Word lists for the hyphenation decision, compiled once into a small on-disk cache.

The hyphenation check (:mod:`pipeline.layout.textjoin`) asks one question of a
language's word list: is this word in it? pyspellchecker ships the lists
(English: 160 000 words) as compressed JSON with frequencies; loading one takes
about 0.15 s and 40 MB of Python strings and dict entries, in every process that
reads a report, for membership alone.

The first use of a list compiles its words into a DAWG (the C extension pymorphy3
already depends on; a few hundred kilobytes, built in 0.05 s) and saves it in the
user's cache folder, under a name that carries the list's source version and this
format's version; later processes map that file in a few milliseconds and about
3 MB. A missing, unwritable or damaged cache only costs the slow path: the list is
then built in memory from pyspellchecker (as a DAWG when the extension is there,
else a frozenset), and a damaged file is replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

#: Bump when the cached file's content or layout changes.
FORMAT_VERSION = 1
#: Environment variable naming the cache folder (default: ``$XDG_CACHE_HOME/mgi-pipeline``,
#: else ``~/.cache/mgi-pipeline``).
CACHE_ENV = "MGI_CACHE_DIR"


def cache_dir() -> Path:
    """The folder of compiled word lists."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]) / "wordlists"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mgi-pipeline" / "wordlists"


def _source_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyspellchecker")
    except PackageNotFoundError:
        return "none"


def cache_path(code: str) -> Path:
    """Where ``code``'s compiled list is kept (its name changes with the source's version)."""
    return cache_dir() / f"{code}-pyspellchecker-{_source_version()}-v{FORMAT_VERSION}.dawg"


def _source_words(code: str) -> list[str] | None:
    """pyspellchecker's (lower-case) words for ``code``; None for a language it lacks."""
    try:
        from spellchecker import SpellChecker

        checker = SpellChecker(language=code, distance=1)
    except Exception:  # noqa: BLE001 - an unknown language simply has no list
        return None
    return list(checker.word_frequency.dictionary)


def _load(path: Path):
    try:
        import dawg
    except ImportError:
        return None
    try:
        return dawg.DAWG().load(str(path))
    except Exception:  # noqa: BLE001 - missing or damaged: rebuilt by the caller
        return None


def _save(words_dawg, path: Path) -> None:
    """Write atomically (a temporary sibling renamed), so that concurrent processes
    compiling the same list never read half a file; failures are ignored.

    Not :func:`pipeline.output.atomic.atomic_path`: the layout stage does not import
    the output stage (``tests/test_architecture.py``), and a cache file needs no fsync.
    """
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                words_dawg.write(fh)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@lru_cache(maxsize=8)
def word_list(code: str | None) -> Container[str] | None:
    """The words of language ``code`` (lower case), or None when there is no list.

    Membership is all a caller may use (``"word" in word_list("en")``).
    """
    if not code:
        return None
    path = cache_path(code)
    found = _load(path)
    if found is not None:
        return found
    words = _source_words(code)
    if words is None:
        return None
    try:
        import dawg
    except ImportError:
        return frozenset(words)
    compiled = dawg.DAWG(words)
    _save(compiled, path)
    return compiled
