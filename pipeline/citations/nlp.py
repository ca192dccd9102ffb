"""spaCy, imported without its command line.

``import spacy`` runs ``from .cli.info import info`` (to offer ``spacy.info()``),
and ``spacy.cli``'s package imports every command: the project tool (weasel),
``requests``, ``jinja2``, ``pygments``, the model downloader. The citation finder
needs none of it (a blank pipeline and the Matcher), yet those modules took 12–18 MB
of every worker's memory (a third of what spaCy costs), and a worker's peak is
the run's (issue #14: 250 MB on the sample).

:func:`import_spacy` imports spaCy with a placeholder in ``sys.modules`` for
``spacy.cli`` and ``spacy.cli.info``. Nothing is lost: the placeholder imports the
real command line the first time any of it is asked for (``spacy.info()``,
``from spacy.cli import download``, ``spacy.cli.info``), and a process that imported
spaCy before (a test, a notebook) keeps its spaCy as it is. Only spaCy's package
``__init__`` imports ``spacy.cli`` (checked for 3.8 by ``tests/test_import_footprint.py``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from pathlib import Path
from typing import Any

#: The modules ``spacy/__init__.py`` imports only to re-export ``spacy.info``.
CLI_MODULES = ("spacy.cli", "spacy.cli.info")

#: Re-entrant: the real command line may be asked for while spaCy is being imported.
_LOCK = threading.RLock()


def import_spacy() -> types.ModuleType:
    """``spacy``, imported without ``spacy.cli`` when this process has not imported it yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    with _LOCK:
        if "spacy" in sys.modules:
            return sys.modules["spacy"]
        spec = importlib.util.find_spec("spacy")
        if spec is None or not spec.submodule_search_locations:
            return importlib.import_module("spacy")  # ModuleNotFoundError as usual
        placed = _place_cli_placeholder(Path(next(iter(spec.submodule_search_locations))))
        try:
            spacy = importlib.import_module("spacy")
        except Exception:
            _remove_placeholder(placed)
            raise
        if placed:
            # Importing a submodule sets the package's attribute; a placeholder found
            # in sys.modules is not imported, so ``spacy.cli`` is set here.
            spacy.cli = sys.modules["spacy.cli"]
        return spacy


def _place_cli_placeholder(spacy_dir: Path) -> list[str]:
    if any(name in sys.modules for name in CLI_MODULES):
        return []
    cli = _LazyCli("spacy.cli")
    cli.__path__ = [str(spacy_dir / "cli")]  # submodules (``spacy.cli.download``) still import
    info = _LazyCli("spacy.cli.info")
    info.info = _real_info
    cli.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    return list(CLI_MODULES)


def _remove_placeholder(names: list[str]) -> None:
    for name in names:
        if isinstance(sys.modules.get(name), _LazyCli):
            del sys.modules[name]


def real_cli() -> types.ModuleType:
    """The real ``spacy.cli``, imported in place of the placeholder (once)."""
    with _LOCK:
        current = sys.modules.get("spacy.cli")
        if current is not None and not isinstance(current, _LazyCli):
            return current
        _remove_placeholder(list(CLI_MODULES))
        cli = importlib.import_module("spacy.cli")
        spacy = sys.modules.get("spacy")
        if spacy is not None:
            spacy.cli = cli
            spacy.info = cli.info  # the function, as ``from .cli.info import info`` gives
        return cli


def _real_info(*args: Any, **kwargs: Any) -> Any:
    return real_cli().info(*args, **kwargs)


class _LazyCli(types.ModuleType):
    """A stand-in for ``spacy.cli`` or ``spacy.cli.info`` that becomes the real one when used."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        cli = real_cli()
        module = cli if self.__name__ == "spacy.cli" else sys.modules["spacy.cli.info"]
        return getattr(module, name)
