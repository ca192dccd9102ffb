"""Text in shapes on infographic pages: key figures and the shapes that hold text.

MGI profiles open with infographic pages: "87 indicators" with the number set huge in
a circle and the words under it, process steps in numbered circles, panels of text
placed at staggered heights. :mod:`pipeline.layout.regions` reads every shape (a filled or
framed box) as its own region and records it on its lines (``shape``); this module
works on the blocks made from those regions:

- :func:`join_key_figures`: a key figure and its caption are one statement, not a
  decoration followed by a fragment ("6" / "policy domains" → "6 policy domains");
- :func:`other_shape`: two blocks of one page read from different shapes never
  continue each other (the text of one panel does not run on into the next panel).
"""

from __future__ import annotations

import re

from pipeline.layout.page import Block, bbox_of

#: A key figure: a number, maybe with thousands separators, decimals, a sign or a percent.
KEY_FIGURE = re.compile(r"^[+~≈<>]?\d{1,3}(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?\s?[%+]?$")
#: A key figure is set at least this many times the body size (a chapter number is too,
#: but it is light or stands above a heading, never above a caption).
KEY_FIGURE_SIZE_RATIO = 1.6
#: Its caption starts at most this many times the figure's size below it...
CAPTION_GAP_RATIO = 1.5
#: ...is set at most this share of the figure's size...
CAPTION_SIZE_RATIO = 0.5
#: ...and has at most this many words (a label, not a paragraph that happens to follow).
CAPTION_MAX_WORDS = 8
#: Kinds a caption may have: text, not a heading (a dark chapter number above its title).
CAPTION_KINDS = frozenset({"paragraph", "box", "sidebar"})


def _centred_under(fig: Block, cap: Block) -> bool:
    """Whether ``cap`` stands under ``fig``, each one's centre within the other's extent."""
    fc, cc = (fig.x0 + fig.x1) / 2, (cap.x0 + cap.x1) / 2
    return cap.x0 <= fc <= cap.x1 and fig.x0 - fig.size / 2 <= cc <= fig.x1 + fig.size / 2


def _caption_of(fig: Block, cap: Block, body_size: float) -> bool:
    return (
        fig.n_lines == 1 and not fig.light and not fig.refs
        and bool(KEY_FIGURE.match(fig.text.strip()))
        and fig.size >= KEY_FIGURE_SIZE_RATIO * body_size
        and cap.kind in CAPTION_KINDS and cap.page == fig.page
        and cap.size <= CAPTION_SIZE_RATIO * fig.size
        and len(cap.text.split()) <= CAPTION_MAX_WORDS
        and fig.bottom - fig.size / 2 <= cap.top <= fig.bottom + CAPTION_GAP_RATIO * fig.size
        and _centred_under(fig, cap)
    )


def join_key_figures(blocks: list[Block], body_size: float) -> list[Block]:
    """Join each key figure to the caption under it: "87" + "indicators" → "87 indicators".

    Why: an infographic sets a figure huge (in a circle, on a tile) and its words
    small under it; read apart, the number becomes a decoration (a large number, like
    a chapter number) and the words a fragment that says nothing. A light number
    (a chapter or tile number printed as decoration) or a number over a heading is
    left alone. The joined block is a ``box`` in the figure's shape, so that it is not
    read into running text nor run on into the next figure.

    Args:
        blocks: A page's blocks in reading order (before decorations are marked).
        body_size: The document's body font size.

    Returns:
        The blocks, each figure and its caption replaced by one block.
    """
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        fig = blocks[k]
        cap = blocks[k + 1] if k + 1 < len(blocks) else None
        if cap is not None and _caption_of(fig, cap, body_size):
            x0, top, x1, bottom = bbox_of([fig, cap])
            head = fig.text.strip() + " "
            lead = len(cap.text) - len(cap.text.lstrip())
            refs = [(n, off - lead + len(head), s) for n, off, s in cap.refs]
            out.append(Block(kind="box", page=fig.page, x0=x0, top=top, x1=x1, bottom=bottom,
                             text=head + cap.text.strip(), size=cap.size, refs=refs,
                             n_lines=1 + cap.n_lines, boxed=True, shape=fig.shape or cap.shape,
                             starts_region=fig.starts_region, role=cap.role, tags=fig.tags + cap.tags))
            k += 2
            continue
        out.append(fig)
        k += 1
    return out


def other_shape(prev: Block, nxt: Block) -> bool:
    """Whether two blocks of one page were read from different shapes (or one from none).

    Why: a box paragraph may run on from the box's first column into its second, but
    the text of one panel, tile or circle never runs on into another one, nor into
    the running text beside it.
    """
    return prev.page == nxt.page and prev.shape != nxt.shape
