"""OCR for pages without a usable text layer (Tesseract through pytesseract).

Past reports come as scans (JPEG page images, no fonts) or as PDFs whose fonts
lack a Unicode map, so that pdfminer yields ``(cid:NN)`` placeholders. Both look
like text to a naive reader and neither is. :func:`text_layer_usable` tells them
apart; :func:`ocr_page` renders such a page and returns Tesseract's words in the
same shape as pdfplumber's ``extract_words(extra_attrs=["size", "fontname"])``,
in PDF points of the page, so that the layout stage builds lines and blocks from
OCR words exactly as from a text layer and later stages never need to know.

Tesseract is a system program (Debian's ``tesseract-ocr`` with ``-rus`` and
``-eng``, installed by ``scripts/setup-system.sh``); when it or a language is
missing, :func:`tesseract_available` says so and the document is reported as
``needs_ocr`` instead of failing.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
from typing import Any

#: Render resolution for vector pages (fonts without a Unicode map): Tesseract is
#: most accurate with ~10 px x-height, which 300 dpi gives 10-11 pt body text.
OCR_RESOLUTION = 300
#: A scanned page is rendered at its image's own resolution: resampling a 200 dpi
#: scan to 300 dpi adds interpolation blur and measurably raises the error rate
#: (CER 1.1 % vs 1.5 % on the sample scan) while taking 1.5x longer. Clamped so a
#: thumbnail is still upsampled and a 600 dpi scan is not rendered huge.
MIN_SCAN_RESOLUTION = 200
MAX_SCAN_RESOLUTION = 400
#: An image covering this share of the page makes it a scanned page.
SCAN_COVERAGE = 0.8
#: Tesseract's OpenMP threads fight each other (and our worker processes): one
#: thread per call is 4-6x faster on the sample scan with 2 cores.
OMP_THREAD_LIMIT = "1"
POINTS_PER_INCH = 72.0
#: A page whose printable characters are more than this share of ``(cid:NN)``,
#: private-use or replacement glyphs has no usable text layer.
MAX_GARBAGE_RATIO = 0.3
#: Tesseract reports ``conf = -1`` for layout rows (blocks, lines) that carry no text.
NO_CONFIDENCE = -1.0
#: Word-box height to font size: a line box spans ascender to descender, ~1.15 em
#: for Latin and Cyrillic faces, so dividing by this approximates the point size
#: the layout stage compares against body text.
LINE_HEIGHT_PER_EM = 1.15
#: Page segmentation mode 3: fully automatic layout analysis (columns, footnotes).
TESSERACT_PSM = 3
OCR_FONTNAME = "OCR-Tesseract"
#: Report language → Tesseract language packs. English is always added because
#: reports in any language quote English titles and acronyms (MGI, IOM, SDG).
TESSERACT_LANGS = {"ru": "rus+eng", "en": "eng", "auto": "rus+eng"}
DEFAULT_TESSERACT_LANGS = "rus+eng"

_CID = re.compile(r"^\(cid:\d+\)$")


class OcrUnavailable(RuntimeError):
    """Tesseract or a needed language pack is not installed."""


def _is_garbage(text: str) -> bool:
    """True for a glyph with no usable Unicode value."""
    if _CID.match(text):
        return True
    return any(0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd" for c in text)


def text_layer_usable(page: Any) -> bool:
    """Tell whether a pdfplumber page's text layer can be trusted.

    Args:
        page: A ``pdfplumber.page.Page``.

    Returns:
        False when the page has no characters at all (a scan, or a blank page) or
        when more than :data:`MAX_GARBAGE_RATIO` of its printable characters are
        ``(cid:NN)`` placeholders, private-use glyphs or U+FFFD (fonts without a
        ToUnicode map), True otherwise.
    """
    chars = [c.get("text", "") for c in page.chars]
    printable = [t for t in chars if t.strip()]
    if not printable:
        return False
    garbage = sum(1 for t in printable if _is_garbage(t))
    return garbage / len(printable) <= MAX_GARBAGE_RATIO


def tesseract_langs(lang: str | None) -> str:
    """Map a report language (``ru``, ``en``, ``auto``) to Tesseract's ``-l`` argument."""
    return TESSERACT_LANGS.get(lang or "auto", DEFAULT_TESSERACT_LANGS)


@functools.lru_cache(maxsize=None)
def tesseract_available(langs: str = DEFAULT_TESSERACT_LANGS) -> bool:
    """True when the ``tesseract`` program and every pack in ``langs`` ("rus+eng") are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return False
    return all(code in installed for code in langs.split("+"))


def words_from_data(data: dict[str, list], *, scale: float, x_offset: float = 0.0,
                    y_offset: float = 0.0) -> list[dict]:
    """Convert ``pytesseract.image_to_data(..., output_type=DICT)`` to pdfplumber-style words.

    Args:
        data: Tesseract's TSV as a dict of columns.
        scale: PDF points per image pixel (72 / resolution).
        x_offset, y_offset: The page's origin in PDF points (cropped pages).

    Returns:
        Word dicts with ``text, x0, x1, top, bottom, size, fontname, conf`` in
        reading order, ``size`` estimated from the height of the word's line.
    """
    n = len(data.get("text", []))
    line_heights: dict[tuple, list[float]] = {}
    keep: list[int] = []
    for i in range(n):
        text = (data["text"][i] or "").strip()
        conf = float(data["conf"][i])
        if not text or conf <= NO_CONFIDENCE:
            continue
        keep.append(i)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line_heights.setdefault(key, []).append(float(data["height"][i]))
    words = []
    for i in keep:
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        # The tallest word of a line spans ascender to descender; shorter words
        # ("на", "со") would understate the font size.
        line_h = max(line_heights[key]) * scale
        left, top = float(data["left"][i]), float(data["top"][i])
        width, height = float(data["width"][i]), float(data["height"][i])
        words.append({
            "text": data["text"][i].strip(),
            "x0": x_offset + left * scale,
            "x1": x_offset + (left + width) * scale,
            "top": y_offset + top * scale,
            "bottom": y_offset + (top + height) * scale,
            "size": round(line_h / LINE_HEIGHT_PER_EM, 2),
            "fontname": OCR_FONTNAME,
            "conf": float(data["conf"][i]),
        })
    return words


def render_resolution(page: Any) -> int:
    """Choose the render resolution: a scan's own dpi (clamped), else :data:`OCR_RESOLUTION`."""
    page_area = max(1.0, float(page.width) * float(page.height))
    for img in page.images:
        w, h = float(img["x1"]) - float(img["x0"]), float(img["bottom"]) - float(img["top"])
        src = img.get("srcsize") or (0, 0)
        if w * h / page_area >= SCAN_COVERAGE and src[0] and w > 0:
            dpi = round(float(src[0]) / w * POINTS_PER_INCH)
            return max(MIN_SCAN_RESOLUTION, min(MAX_SCAN_RESOLUTION, dpi))
    return OCR_RESOLUTION


def ocr_page(page: Any, lang: str | None = "auto", *, resolution: int | None = None,
             timeout: float = 0) -> list[dict]:
    """OCR one pdfplumber page.

    Args:
        page: A ``pdfplumber.page.Page`` (possibly cropped).
        lang: Report language (``ru``, ``en``, ``auto``) or a Tesseract spec ("rus+eng").
        resolution: Render resolution in dpi (default: :func:`render_resolution`).
        timeout: Seconds allowed to Tesseract (0 = no limit).

    Returns:
        Word dicts like pdfplumber's ``extract_words(extra_attrs=["size", "fontname"])``
        plus ``conf`` (0-100), coordinates in PDF points of ``page``.

    Raises:
        OcrUnavailable: Tesseract or a language pack is missing.
    """
    import pytesseract

    is_spec = bool(lang) and ("+" in lang or lang in {"rus", "eng"})
    langs = lang if is_spec else tesseract_langs(lang)
    if not tesseract_available(langs):
        raise OcrUnavailable(f"Tesseract with language(s) {langs} is not installed "
                             "(run scripts/setup-system.sh ocr)")
    resolution = resolution or render_resolution(page)
    os.environ.setdefault("OMP_THREAD_LIMIT", OMP_THREAD_LIMIT)
    image = page.to_image(resolution=resolution).original.convert("L")
    data = pytesseract.image_to_data(image, lang=langs, config=f"--psm {TESSERACT_PSM}",
                                     output_type=pytesseract.Output.DICT, timeout=timeout)
    x0, top = float(page.bbox[0]), float(page.bbox[1])
    return words_from_data(data, scale=POINTS_PER_INCH / resolution, x_offset=x0, y_offset=top)


def mean_confidence(words: list[dict]) -> float | None:
    """Mean Tesseract confidence (0-100) of OCR words, None when there are none."""
    confs = [float(w["conf"]) for w in words if w.get("conf") is not None]
    return round(statistics.fmean(confs), 2) if confs else None


def words_text(words: list[dict]) -> str:
    """Join OCR words into plain text, one line per Tesseract line (for CER measurement)."""
    lines: list[list[str]] = []
    last_top = None
    for w in words:
        if last_top is None or abs(w["top"] - last_top) > w["size"] * 0.5:
            lines.append([])
        lines[-1].append(w["text"])
        last_top = w["top"]
    return "\n".join(" ".join(line) for line in lines)
