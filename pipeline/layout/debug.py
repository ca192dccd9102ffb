"""Visual debugging: draw what the layout stage saw on page images.

``mgi debug report.pdf --page 8`` writes ``<out>/<stem>-p008.png`` with:

- body blocks as boxes coloured by kind (paragraph blue, heading red, list item
  teal, table row orange), numbered in reading order;
- furniture (running headers, footers, page numbers) in grey, struck through;
- the footnote area as a purple box, each footnote outlined and labelled ``fnN``;
- superscript footnote markers as small green boxes;
- column extents as thin dashed lines; ruled tables in orange;
- reading-order regions as dashed frames numbered ``R1, R2…`` (boxes brown, sidebars
  olive), so a wrong reading order shows as numbers out of sequence.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from pipeline.layout.extract import LayoutDocument, extract_layout

COLOURS = {
    "paragraph": (30, 100, 220),
    "heading": (220, 30, 30),
    "list_item": (0, 150, 150),
    "table_row": (240, 140, 0),
    "footnote": (140, 40, 180),
    "furniture": (130, 130, 130),
    "box": (150, 90, 30),
    "sidebar": (120, 120, 0),
    "decoration": (200, 120, 200),
    "contents_entry": (60, 60, 160),
}
REGION_COLOURS = {"body": (0, 0, 0), "box": (150, 90, 30), "sidebar": (120, 120, 0)}
#: Regions are drawn this many points outside their lines, so their frames do not hide blocks.
REGION_PAD = 3.0
MARKER = (0, 170, 0)
STROKE = 2


def _rgba(rgb: tuple[int, int, int], alpha: int) -> tuple[int, int, int, int]:
    return (*rgb, alpha)


def draw_pages(
    pdf_path: Path,
    pages: list[int],
    out: Path,
    resolution: int = 110,
    layout: LayoutDocument | None = None,
) -> list[Path]:
    """Render ``pages`` (1-based) with the detected layout drawn on top.

    Args:
        pdf_path: The PDF.
        pages: Page numbers to draw.
        out: Output folder (created).
        resolution: Image resolution in dpi.
        layout: A layout already extracted (else it is extracted here).

    Returns:
        The PNG paths written.
    """
    with pdfplumber.open(pdf_path) as pdf:
        count = len(pdf.pages)
    bad = [n for n in pages if not 1 <= n <= count]
    if bad:
        raise ValueError(f"page {bad[0]} is outside 1..{count}")
    out.mkdir(parents=True, exist_ok=True)
    layout = layout or extract_layout(pdf_path)
    by_page = {p.number: p for p in layout.pages}
    written = []
    with pdfplumber.open(pdf_path) as pdf:
        for n in pages:
            im = pdf.pages[n - 1].to_image(resolution=resolution)
            pl = by_page.get(n)
            blocks = [b for b in layout.blocks if b.page == n]
            for i, b in enumerate(blocks, start=1):
                rgb = COLOURS.get(b.kind, (0, 0, 0))
                im.draw_rect((b.x0, b.top, b.x1, b.bottom), fill=_rgba(rgb, 28),
                             stroke=rgb, stroke_width=STROKE)
                label = f"fn{b.footnote_number}" if b.kind == "footnote" else str(i)
                im.draw.text(_scale(im, b.x0 - 14, b.top), label, fill=rgb)
            for f in layout.furniture:
                if f.page == n:
                    im.draw_rect((f.x0, f.top, f.x1, f.bottom), fill=_rgba(COLOURS["furniture"], 60),
                                 stroke=COLOURS["furniture"], stroke_width=1)
                    im.draw_line([(f.x0, (f.top + f.bottom) / 2), (f.x1, (f.top + f.bottom) / 2)],
                                 stroke=COLOURS["furniture"], stroke_width=1)
            if pl is not None:
                for area in pl.footnote_areas:
                    im.draw_rect(area, fill=(0, 0, 0, 0), stroke=COLOURS["footnote"],
                                 stroke_width=STROKE + 1)
                for m in pl.markers:
                    im.draw_rect(m, fill=_rgba(MARKER, 90), stroke=MARKER, stroke_width=1)
                for box in pl.tables:
                    im.draw_rect(box, fill=(0, 0, 0, 0), stroke=COLOURS["table_row"], stroke_width=1)
                for x0, x1 in pl.columns:
                    for x in (x0, x1):
                        im.draw_vline(x, stroke=(200, 200, 0), stroke_width=1)
                for k, (x0, top, x1, bottom, kind) in enumerate(pl.regions, start=1):
                    rgb = REGION_COLOURS.get(kind, (0, 0, 0))
                    pad = REGION_PAD
                    im.draw_rect((x0 - pad, top - pad, x1 + pad, bottom + pad), fill=(0, 0, 0, 0),
                                 stroke=rgb, stroke_width=1)
                    im.draw.text(_scale(im, x1 + pad + 1, top - pad), f"R{k}", fill=rgb)
            path = out / f"{Path(pdf_path).stem}-p{n:03d}.png"
            im.save(path)
            written.append(path)
    return written


def _scale(im, x: float, y: float) -> tuple[float, float]:
    """PDF points → image pixels (for text labels, which PageImage does not scale)."""
    s = im.scale
    return (max(0.0, x * s), max(0.0, y * s))
