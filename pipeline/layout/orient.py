"""Page orientation: read pages whose text does not run left to right on the displayed page.

pdfplumber (0.11) reports every object in the page's *displayed* orientation, with
``/Rotate`` already applied: on a page with ``/Rotate 90`` the width and height
are swapped, and characters that the producer drew upright now run top to bottom
(their ``matrix`` is ``(0, -1, 1, 0, …)`` and ``upright`` is False). The same
happens without ``/Rotate`` when text is drawn turned through the text or
transformation matrix (``0 1 -1 0 x y Tm`` or ``cm``), the usual way a landscape
table is set in a portrait report. The layout stage builds lines from upright
characters only (a vertical side label or a chart axis is noise in running text),
so such a page used to come out nearly empty; a page turned by 180° passed the
filter (pdfminer calls those characters upright) and read backwards.

What this module does: :func:`page_turn` finds the direction most of a page's
characters run in (from each character's matrix); when that is not left to right,
:class:`TurnedPage` presents the page turned so that this text is upright — a
pdfplumber derived page whose objects (characters, ruling lines, rectangles,
images) have their coordinates rotated. Everything downstream (the text-layer
check, ruled tables, words and lines) runs on it unchanged. The blocks found on it
are mapped back with :func:`unturn_page`, so that records keep their documented
coordinates: PDF points on the displayed page.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Callable

from pdfminer.utils import mult_matrix
from pdfplumber.page import DerivedPage

if TYPE_CHECKING:
    from pipeline.layout.page import PageLayout

#: The turns a page can be read with: the clockwise angle (degrees) by which the
#: text's baseline is turned on the displayed page, so also the turn that undoes it.
TURNS = (0, 90, 180, 270)

Box = tuple[float, float, float, float]
Point = tuple[float, float]


def char_turn(char: dict) -> int:
    """The clockwise turn (0, 90, 180, 270) of a character's baseline on the displayed page.

    Why the matrix: it holds the glyph's baseline direction whatever produced it
    (``/Rotate``, ``cm``, ``Tm``), while ``upright`` only says "not turned by 90°"
    and calls a character turned by 180° upright. The angle is rounded to the
    nearest quarter turn, so italic shear and slightly skewed scans count as level.
    """
    matrix = char.get("matrix")
    if not matrix:
        return 0
    a, b = matrix[0], matrix[1]
    # PDF space has y pointing up: a baseline going down the page has b < 0,
    # which is a clockwise turn on the displayed page.
    if b == 0:  # the common cases first: no trigonometry for level text
        return 180 if a < 0 else 0
    if a == 0:
        return 90 if b < 0 else 270
    quarter = round(math.degrees(math.atan2(b, a)) / 90)
    return (-quarter * 90) % 360


def turn_counts(chars: list[dict]) -> Counter[int]:
    """Non-blank characters per turn."""
    return Counter(char_turn(c) for c in chars if str(c.get("text", "")).strip())


def page_turn(page) -> int:
    """The turn that makes most of the page's text upright (0 when it already is).

    Ties go to 0 (no turn), so that a page whose text runs both ways is read as
    before; the characters left out are counted by the text check
    (:mod:`pipeline.layout.textcheck`) and reported when they matter.
    """
    return best_turn(turn_counts(page.chars))


def best_turn(counts: Counter[int]) -> int:
    """The turn most characters need (see :func:`page_turn`), from :func:`turn_counts`."""
    best = max(TURNS, key=lambda t: (counts.get(t, 0), t == 0))
    return best if counts.get(best, 0) > counts.get(0, 0) else 0


def _mapper(turn: int, width: float, height: float) -> Callable[[float, float], Point]:
    """Point map from a ``width`` × ``height`` frame (top-left origin) into the frame turned back by ``turn``.

    A baseline turned clockwise by ``turn`` runs left to right after the map.
    """
    if turn == 90:
        return lambda x, y: (y, width - x)
    if turn == 180:
        return lambda x, y: (width - x, height - y)
    if turn == 270:
        return lambda x, y: (height - y, x)
    return lambda x, y: (x, y)


def turned_size(turn: int, width: float, height: float) -> tuple[float, float]:
    """The size of a ``width`` × ``height`` page once turned by ``turn``."""
    return (height, width) if turn in (90, 270) else (width, height)


def turn_box(box: Box, turn: int, width: float, height: float) -> Box:
    """A box ``(x0, top, x1, bottom)`` of a ``width`` × ``height`` frame, turned by ``turn``."""
    f = _mapper(turn, width, height)
    (ax, ay), (bx, by) = f(box[0], box[1]), f(box[2], box[3])
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _matrix_turn(turn: int, width: float, height: float) -> tuple[float, ...]:
    """The same map as :func:`_mapper`, in PDF space (y up), as a pdfminer matrix.

    Composing a character's matrix with it gives the matrix of the upright glyph,
    so that the turned page stays self-consistent for anything reading ``matrix``.
    """
    if turn == 90:
        return (0, 1, -1, 0, height, 0)
    if turn == 180:
        return (-1, 0, 0, -1, width, height)
    if turn == 270:
        return (0, -1, 1, 0, 0, width)
    return (1, 0, 0, 1, 0, 0)


class TurnedPage(DerivedPage):
    """A pdfplumber page seen turned by ``turn`` degrees, so that its main text is upright.

    Characters running in the page's main direction become ``upright`` with their
    font size as height; characters running any other way are marked not upright,
    so that the layout stage leaves them out as it leaves out side labels on a
    normal page. ``bbox`` is ``(0, 0, width, height)`` of the turned page.
    """

    def __init__(self, parent_page, turn: int):
        if turn not in TURNS:
            raise ValueError(f"turn must be one of {TURNS}, not {turn}")
        x0, top, x1, bottom = parent_page.bbox
        super().__init__(parent_page)
        self.turn = turn
        self._origin = (float(x0), float(top))
        self._parent_size = (float(x1 - x0), float(bottom - top))
        w, h = turned_size(turn, *self._parent_size)
        self.bbox = self.mediabox = self.cropbox = (0, 0, w, h)

    @property
    def objects(self) -> dict[str, list[dict]]:
        if hasattr(self, "_objects"):
            return self._objects
        self._objects: dict[str, list[dict]] = {
            kind: [self._turn_object(o) for o in objs] for kind, objs in self.parent_page.objects.items()
        }
        return self._objects

    def _turn_object(self, obj: dict) -> dict:
        ox, oy = self._origin
        width, height = self._parent_size
        f = _mapper(self.turn, width, height)
        new_height = self.bbox[3]
        out = dict(obj)
        if all(k in obj for k in ("x0", "x1", "top", "bottom")):
            x0, top, x1, bottom = turn_box((obj["x0"] - ox, obj["top"] - oy, obj["x1"] - ox, obj["bottom"] - oy),
                                           self.turn, width, height)
            out.update(x0=x0, x1=x1, top=top, bottom=bottom, width=x1 - x0, height=bottom - top,
                       y0=new_height - bottom, y1=new_height - top, doctop=self.initial_doctop + top)
        if "pts" in obj:
            out["pts"] = [f(x - ox, y - oy) for x, y in obj["pts"]]
        if "path" in obj:
            out["path"] = [(cmd, *(f(x - ox, y - oy) for x, y in pts)) for cmd, *pts in obj["path"]]
        if obj.get("object_type") == "char":
            main = char_turn(obj) == self.turn
            out["upright"] = main
            if main:
                out["size"] = out["height"]
                if obj.get("matrix"):
                    out["matrix"] = mult_matrix(tuple(obj["matrix"]), _matrix_turn(self.turn, width, height))
        return out


def unturn_page(pl: "PageLayout", turn: int, width: float, height: float) -> None:
    """Map a page layout built on a :class:`TurnedPage` back to the displayed page, in place.

    Args:
        pl: The layout, in the turned page's coordinates.
        turn: The turn the page was read with.
        width, height: The displayed page's size.

    Boxes of blocks, furniture, footnote areas, tables and markers are mapped;
    column bounds are x ranges of the turned page, which on a page turned by a
    quarter are y ranges of the displayed one, so they are kept only for 180°.
    """
    if not turn:
        return
    back = (360 - turn) % 360
    tw, th = turned_size(turn, width, height)

    def box(b: Box) -> Box:
        return turn_box(b, back, tw, th)

    for b in [*pl.blocks, *pl.furniture]:
        b.x0, b.top, b.x1, b.bottom = box((b.x0, b.top, b.x1, b.bottom))
    pl.footnote_areas = [box(a) for a in pl.footnote_areas]
    pl.tables = [box(t) for t in pl.tables]
    pl.markers = [box(m) for m in pl.markers]
    pl.columns = sorted((tw - x1, tw - x0) for x0, x1 in pl.columns) if turn == 180 else []
    pl.width, pl.height = width, height
    pl.turn = turn
