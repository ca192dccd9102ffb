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

from types import MethodType
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode
from unicodedata import normalize as normalize_unicode

#: pdfplumber releases whose ``Page.process_object`` this module reproduces (prefixes).
TESTED_RELEASES = ("0.11.",)

#: Types of values the stock conversion's resolver returns unchanged (tuples of them: as an equal copy).
_PLAIN = frozenset((float, int, str, bool, type(None)))
_PLAIN_OR_TUPLE = _PLAIN | {tuple}


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


def _plain(values) -> bool:
    """Whether the resolver would return every one of ``values`` as it is (or an equal tuple)."""
    types = set(map(type, values))
    if not types <= _PLAIN_OR_TUPLE:
        return False
    return tuple not in types or all(_PLAIN.issuperset(map(type, v)) for v in values if type(v) is tuple)


def _process_object(self, obj) -> dict:
    """:meth:`pdfplumber.page.Page.process_object`, with a direct path for characters."""
    if type(obj) is not LTChar:
        return type(self).process_object(self, obj)
    attr = {k: v for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    if not _plain(attr.values()):
        attr = {k: resolve_all(v) for k, v in attr.items()}
    attr["object_type"] = "char"
    attr["page_number"] = self.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = _colour_space(getattr(obj, cs).name)
    text = obj.get_text()
    norm = self.pdf.unicode_norm
    attr["text"] = normalize_unicode(norm, text) if norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):  # rare byte-encoded font names: the stock path
        return type(self).process_object(self, obj)
    mb_x0, mb_top = self.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr
