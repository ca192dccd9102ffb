"""A faster way to turn pdfminer's characters into pdfplumber's character dicts.

Half of what a pdfplumber parse of a text-heavy report costs is not pdfminer's
reading of the content streams but pdfplumber's conversion of each ``LTChar``
into a dict (:meth:`pdfplumber.page.Page.process_object`): for every attribute
of every character it calls a recursive resolver meant for PDF object
references, which a character's numbers, names and flags never are. On a
39-page report that is about 1.5 of 3 seconds.

:func:`speed_up` gives one page a ``process_object`` that builds the same dicts
(same keys, same order, equal values) for characters directly and hands every
other object (rects, lines, curves, images, annotations) to pdfplumber's own.
The equality is tested page by page against the stock conversion on every PDF
fixture (``tests/test_fastchars.py``), so a pdfplumber release that changes its
conversion fails that test instead of changing the records silently; releases
not listed in :data:`TESTED_RELEASES` use the stock conversion.
"""

from __future__ import annotations

from operator import itemgetter
from types import MethodType
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode
from unicodedata import normalize as normalize_unicode

#: pdfplumber releases whose ``Page.process_object`` this module reproduces (prefixes).
TESTED_RELEASES = ("0.11.",)

#: Types of values the stock conversion's resolver returns unchanged (a tuple of them: as an equal copy).
_PLAIN = frozenset((float, int, str, bool, type(None)))


def available() -> bool:
    """Whether the installed pdfplumber is one whose conversion is reproduced here."""
    return pdfplumber.__version__.startswith(TESTED_RELEASES)


def speed_up(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Give ``page`` the fast character conversion (before its objects are first read).

    Returns the page, unchanged when the installed pdfplumber is not a tested release.
    """
    if available() and "_objects" not in page.__dict__:
        page.process_object = MethodType(_process_object, page)
    return page


_DECODED: dict[str, Any] = {}


def _colour_space(name: str) -> Any:
    """The stock conversion's decoded colour-space name, computed once per name."""
    try:
        return _DECODED[name]
    except KeyError:
        _DECODED[name] = out = resolve_and_decode(name)
        return out


#: Per ``LTChar.__dict__`` key order: the keys the stock conversion keeps, and getters of
#: their values and of those but the ``matrix`` (every character of a pdfminer release has
#: the same keys, in the same order).
_LAYOUTS: dict[tuple[str, ...], tuple[tuple[str, ...], Any, Any]] = {}
#: Colour-space attributes the stock conversion looks for.
_COLOUR_SPACES = ("ncs", "scs")


def _getter(keys: tuple[str, ...]):
    """``d -> tuple of d[k] for k in keys`` (itemgetter returns a bare value for one key)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    return lambda d: tuple(d[k] for k in keys)


def _layout(d: dict) -> tuple[tuple[str, ...], Any, Any]:
    sig = tuple(d)
    found = _LAYOUTS.get(sig)
    if found is None:
        keys = tuple(k for k in sig if k in ALL_ATTRS)
        rest = tuple(k for k in keys if k != "matrix")
        found = _LAYOUTS[sig] = (keys, _getter(keys), _getter(rest) if "matrix" in keys else None)
    return found


def _plain(d: dict, others) -> bool:
    """Whether the resolver would return every value kept of ``d`` as it is (or an equal tuple).

    A character's values are numbers, names and flags, and its ``matrix`` a tuple of
    numbers; anything else (another tuple, an object reference) takes the resolver's path.
    """
    if others is None:
        return False
    matrix = d["matrix"]
    return (type(matrix) is tuple and _PLAIN.issuperset(map(type, matrix))
            and _PLAIN.issuperset(map(type, others(d))))


def _geometry(page) -> tuple[float, float, float, float]:
    """``(media box x0, media box top, height, initial doctop)`` of a page, read once."""
    geom = page.__dict__.get("_fastchars_geometry")
    if geom is None:
        mb_x0, mb_top = page.mediabox[:2]
        geom = page.__dict__["_fastchars_geometry"] = (mb_x0, mb_top, page.height, page.initial_doctop)
    return geom


def _process_object(self, obj) -> dict:
    """:meth:`pdfplumber.page.Page.process_object`, with a direct path for characters."""
    if type(obj) is not LTChar:
        return type(self).process_object(self, obj)
    d = obj.__dict__
    keys, every, others = _layout(d)
    values = every(d)
    if _plain(d, others):
        attr = dict(zip(keys, values))
    else:
        attr = {k: resolve_all(v) for k, v in zip(keys, values)}
    if isinstance(attr.get("fontname"), bytes):  # rare byte-encoded font names: the stock path
        return type(self).process_object(self, obj)
    attr["object_type"] = "char"
    attr["page_number"] = self.page_number
    for cs in _COLOUR_SPACES:
        if cs in d or hasattr(obj, cs):
            attr[cs] = _colour_space(getattr(obj, cs).name)
    text = obj.get_text()
    norm = self.pdf.unicode_norm
    attr["text"] = normalize_unicode(norm, text) if norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    mb_x0, mb_top, height, doctop = _geometry(self)
    if "y0" in attr:
        attr["top"] = top = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = doctop + top
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr
