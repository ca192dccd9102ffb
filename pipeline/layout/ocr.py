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
#: The file format pytesseract writes page images in for Tesseract (see :func:`tesseract_image`).
TESSERACT_IMAGE_FORMAT = "PPM"
#: Seconds to wait for ``tesseract --list-langs`` (it answers in a few milliseconds).
LIST_LANGS_TIMEOUT = 30
POINTS_PER_INCH = 72.0
#: A page whose printable characters are more than this share of ``(cid:NN)``,
#: private-use or replacement glyphs has no usable text layer.
MAX_GARBAGE_RATIO = 0.3
#: Tesseract reports ``conf = -1`` for layout rows (blocks, lines) that carry no text.
NO_CONFIDENCE = -1.0
#: Typical glyph metrics of Latin and Cyrillic text faces, in ems (see :func:`ink_extent`).
CAP_HEIGHT = 0.70
X_HEIGHT = 0.50
DESCENDER = 0.22
#: Share of the em box above the baseline in pdfplumber's word boxes.
EM_ASCENT = 0.8
#: Lower-case letters that rise above the x-height or fall below the baseline.
ASCENDERS = frozenset("bdfhklt" + "бй")
DESCENDERS = frozenset("gjpqy" + "друзфцщ" + "ДЦЩ")
#: Page segmentation mode 3: fully automatic layout analysis (columns, footnotes).
TESSERACT_PSM = 3
#: A table read again without its rules: mode 4, a single column of text of varying
#: sizes (cells' lines keep their positions; Tesseract does not look for columns).
TABLE_PSM = 4
OCR_FONTNAME = "OCR-Tesseract"
#: Font name of a word measured bold on the image (matches the layout's bold pattern).
OCR_BOLD_FONTNAME = "OCR-Tesseract-Bold"
#: Report language → Tesseract language packs. English is always added because
#: reports in any language quote English titles and acronyms (MGI, IOM, SDG).
TESSERACT_LANGS = {"ru": "rus+eng", "en": "eng", "es": "spa+eng", "fr": "fra+eng", "pt": "por+eng",
                   "auto": "rus+eng"}
DEFAULT_TESSERACT_LANGS = "rus+eng"

_CID = re.compile(r"^\(cid:\d+\)$")


class OcrWords(list):
    """OCR words of a page (a list of word dicts) with what else the image showed.

    ``tables`` holds the page's ruled tables (:class:`pipeline.layout.tables.RawTable`, in
    points) found on the image; the layout stage reads them as it reads the tables
    pdfplumber finds in a text layer. ``boxes`` holds the tinted rectangles found on the
    image (:func:`pipeline.layout.ocr_image.shaded_boxes`) as rectangle dicts in points,
    like pdfplumber's ``page.rects``, for :func:`pipeline.layout.boxes.find_boxes`.
    """

    tables: list = []
    boxes: list = []


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
        ToUnicode map), or when the page is a scan whose invisible OCR layer is
        not text (:func:`pipeline.layout.ocr_layer.broken_ocr_layer`); True otherwise.
    """
    chars = [c.get("text", "") for c in page.chars]
    printable = [t for t in chars if t.strip()]
    if not printable:
        return False
    garbage = sum(1 for t in printable if _is_garbage(t))
    if garbage / len(printable) > MAX_GARBAGE_RATIO:
        return False
    from pipeline.layout.ocr_layer import broken_ocr_layer

    return not broken_ocr_layer(page)


def tesseract_image(pixels):
    """A page image as pytesseract hands it to Tesseract: an uncompressed PGM/PPM file.

    Why: pytesseract writes the image to a temporary file first, as PNG unless the
    image names another format; compressing a 300-dpi page to PNG costs about 0.4 s,
    a third of Tesseract's own time on it (``bench/bench_ocr_speed.py``). PNM is raw
    pixels with no resolution field, like the PNG pytesseract writes, so Tesseract
    reads exactly the same (BMP is lossless too but carries a resolution, which
    changes how Tesseract sizes the text: a table page read differently).
    """
    from PIL import Image

    image = Image.fromarray(pixels)
    image.format = TESSERACT_IMAGE_FORMAT
    return image


def tesseract_langs(lang: str | None) -> str:
    """Map a report language (``ru``, ``en``, ``auto``) to Tesseract's ``-l`` argument."""
    return TESSERACT_LANGS.get(lang or "auto", DEFAULT_TESSERACT_LANGS)


@functools.lru_cache(maxsize=None)
def tesseract_available(langs: str = DEFAULT_TESSERACT_LANGS) -> bool:
    """True when the ``tesseract`` program and every pack in ``langs`` ("rus+eng") are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    import subprocess

    # The program itself, not pytesseract: importing pytesseract costs a third of a
    # second per worker (it imports pandas and PIL), and most runs OCR nothing.
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=LIST_LANGS_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    # First line: 'List of available languages in "…" (N):'; then one code per line.
    installed = {line.strip() for line in (out.stdout or "").splitlines()[1:] if line.strip()}
    return out.returncode == 0 and all(code in installed for code in langs.split("+"))


def ink_extent(text: str) -> tuple[float, float]:
    """Expected ink extent of a word above and below the baseline, in ems.

    Tesseract's boxes hug the ink: "ВВЕДЕНИЕ" (capitals only) is 0.7 em tall,
    "эпоху" (x-height plus a descender) 0.72 em, "Республика" 0.92 em. pdfplumber's
    boxes span the font's em whatever the letters. Dividing a word's height by the
    extent its letters should have recovers the font size, which the layout stage
    compares with the body size to find headings and footnotes.
    """
    letters = [c for c in text if c.isalnum()]
    if not letters:
        return X_HEIGHT, 0.0
    above = CAP_HEIGHT if any(c.isupper() or c.isdigit() or c in ASCENDERS for c in letters) else X_HEIGHT
    below = DESCENDER if any(c in DESCENDERS for c in letters) else 0.0
    return above, below


def _kept_lines(data: dict[str, list]) -> dict[tuple, list[int]]:
    """Indices of Tesseract's words with text, grouped by (block, paragraph, line)."""
    lines: dict[tuple, list[int]] = {}
    for i in range(len(data.get("text", []))):
        text = (data["text"][i] or "").strip()
        if not text or float(data["conf"][i]) <= NO_CONFIDENCE:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(i)
    return lines


def line_geometry(data: dict[str, list]) -> dict[int, tuple[float, float]]:
    """Word index → (font size, baseline) in image pixels, one estimate per Tesseract line.

    The size is the median over the line's words of height / expected ink extent
    (see :func:`ink_extent`); the baseline the median of the words' bottoms less
    their descenders.
    """
    geometry: dict[int, tuple[float, float]] = {}
    for idx in _kept_lines(data).values():
        sizes, baselines = [], []
        for i in idx:
            above, below = ink_extent(data["text"][i])
            height = float(data["height"][i])
            if above + below > 0 and height > 0:
                sizes.append(height / (above + below))
            baselines.append(float(data["top"][i]) + height - below * (sizes[-1] if sizes else height))
        size = statistics.median(sizes) if sizes else float(data["height"][idx[0]])
        baseline = statistics.median(baselines)
        for i in idx:
            geometry[i] = (size, baseline)
    return geometry


def words_from_data(data: dict[str, list], *, scale: float, x_offset: float = 0.0,
                    y_offset: float = 0.0, bold: dict[int, bool] | None = None) -> list[dict]:
    """Convert ``pytesseract.image_to_data(..., output_type=DICT)`` to pdfplumber-style words.

    Args:
        data: Tesseract's TSV as a dict of columns.
        scale: PDF points per image pixel (72 / resolution).
        x_offset, y_offset: The page's origin in PDF points (cropped pages).
        bold: Word index → measured weight (:mod:`pipeline.layout.ocr_image`); a bold word
            gets a bold font name, as a text layer's bold word has.

    Returns:
        Word dicts with ``text, x0, x1, top, bottom, size, fontname, conf`` in
        Tesseract's reading order. ``size`` is one estimate per line (median of its
        words, see :func:`ink_extent`), and ``top``/``bottom`` span the em box on
        the line's baseline, as pdfplumber's do, so OCR lines and text-layer lines
        have the same geometry.
    """
    geometry = line_geometry(data)
    words = []
    for i in sorted(geometry):
        size, baseline = geometry[i][0] * scale, geometry[i][1] * scale
        left, width = float(data["left"][i]), float(data["width"][i])
        words.append({
            "text": data["text"][i].strip(),
            "x0": x_offset + left * scale,
            "x1": x_offset + (left + width) * scale,
            "top": y_offset + baseline - EM_ASCENT * size,
            "bottom": y_offset + baseline + (1 - EM_ASCENT) * size,
            "size": round(size, 2),
            "fontname": OCR_BOLD_FONTNAME if bold and bold.get(i) else OCR_FONTNAME,
            "conf": float(data["conf"][i]),
        })
    return words


def measure_weight(data: dict[str, list], grey) -> dict[int, bool]:
    """Word index → bold, measured on the (deskewed) page image (see :mod:`pipeline.layout.ocr_image`)."""
    from pipeline.layout import ocr_image

    ink = ocr_image.ink_mask(grey)
    geometry = line_geometry(data)
    index = sorted(geometry)
    lines = {i: n for n, idx in enumerate(_kept_lines(data).values()) for i in idx}
    strokes = [ocr_image.stroke_width(grey, ink, (int(data["left"][i]), int(data["top"][i]),
                                                  int(data["width"][i]), int(data["height"][i])))
               for i in index]
    flags = ocr_image.bold_flags([data["text"][i] for i in index], strokes,
                                 [geometry[i][0] for i in index], [lines[i] for i in index])
    return dict(zip(index, flags))


def ruled_tables(data: dict[str, list], grey, resolution: int, *, scale: float, x_offset: float = 0.0,
                 y_offset: float = 0.0, langs: str | None = None) -> list:
    """Ruled tables of the page image as :class:`pipeline.layout.tables.RawTable` in points.

    With ``langs``, each table is read again by Tesseract with its rules erased
    (:func:`pipeline.layout.ocr_tables.clean_table`); without, the page's words fill the cells.
    """
    from pipeline.layout import ocr_image, ocr_tables
    from pipeline.layout.tables import RawTable

    words = [ocr_tables.PixelWord(data["text"][i].strip(), float(data["left"][i]), float(data["top"][i]),
                                  float(data["left"][i]) + float(data["width"][i]),
                                  float(data["top"][i]) + float(data["height"][i]), key)
             for key, idx in _kept_lines(data).items() for i in idx]
    ink = ocr_image.ink_mask(grey)

    def reread(box: tuple[int, int, int, int]) -> list:
        import pytesseract

        crop = ocr_tables.clean_table(grey, ink, box, float(resolution))
        sub = pytesseract.image_to_data(tesseract_image(crop), lang=langs, config=f"--psm {TABLE_PSM}",
                                        output_type=pytesseract.Output.DICT)
        return [ocr_tables.PixelWord(sub["text"][i].strip(), box[0] + float(sub["left"][i]),
                                     box[1] + float(sub["top"][i]),
                                     box[0] + float(sub["left"][i]) + float(sub["width"][i]),
                                     box[1] + float(sub["top"][i]) + float(sub["height"][i]), key)
                for key, idx in _kept_lines(sub).items() for i in idx]

    found = ocr_tables.find_tables(ink, words, float(resolution), reread=reread if langs else None)

    def box(b):
        return (x_offset + b[0] * scale, y_offset + b[1] * scale, x_offset + b[2] * scale, y_offset + b[3] * scale)

    return [RawTable(box(t.bbox), [(box(rb), cells) for rb, cells in t.rows]) for t in found]


def tint_rects(grey, resolution: int, *, scale: float, x_offset: float = 0.0, y_offset: float = 0.0) -> list[dict]:
    """The page image's tinted boxes as filled rectangle dicts in points (as ``page.rects`` has them)."""
    from pipeline.layout import ocr_image

    return [{"x0": x_offset + a * scale, "top": y_offset + t * scale, "x1": x_offset + b * scale,
             "bottom": y_offset + u * scale, "fill": True, "stroke": False, "non_stroking_color": lum}
            for a, t, b, u, lum in ocr_image.shaded_boxes(grey, float(resolution))]


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
    if not page.chars and not page.images and not page.curves:
        return []  # a blank page: nothing to read, and rendering it costs a second
    from pipeline.layout import ocr_image

    # Straighten the page first: Tesseract reads a skewed page well enough, but its
    # boxes then drift across the lines, which the layout stage groups by position.
    grey, _ = ocr_image.deskew(ocr_image.to_grey(page.to_image(resolution=resolution).original))
    data = pytesseract.image_to_data(tesseract_image(grey), lang=langs, config=f"--psm {TESSERACT_PSM}",
                                     output_type=pytesseract.Output.DICT, timeout=timeout)
    x0, top = float(page.bbox[0]), float(page.bbox[1])
    scale = POINTS_PER_INCH / resolution
    words = OcrWords(words_from_data(data, scale=scale, x_offset=x0, y_offset=top, bold=measure_weight(data, grey)))
    from pipeline.layout import ocr_notes

    rules = ocr_notes.separator_rules(ocr_image.ink_mask(grey), float(resolution))
    ocr_notes.set_note_sizes(words, ocr_notes.scaled(rules, scale, x0, top), EM_ASCENT)
    words.boxes = tint_rects(grey, resolution, scale=scale, x_offset=x0, y_offset=top)
    words.tables = ruled_tables(data, grey, resolution, scale=scale, x_offset=x0, y_offset=top, langs=langs)
    if "rus" in langs.split("+"):
        fix_confusables(words, "ru")
    return words


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def fix_confusables(words: list[dict], lang: str) -> list[dict]:
    """Read Latin look-alike letters as the report's script where they must be.

    Why: Tesseract with ``rus+eng`` often reads a Cyrillic letter as its Latin twin
    (``KP`` for ``КР``, ``2020r.`` for ``2020г.``), which breaks abbreviations,
    years and citation patterns downstream. A word that already has Cyrillic
    letters, or a short all-capital abbreviation made only of look-alikes, takes the
    Cyrillic letters; other Latin words (``MGI``, ``Economist Impact``) are left
    alone. The letter table lives in the language's YAML (``ocr_confusables``).
    """
    from pipeline.lexicon import language_data

    conf = language_data(lang).get("ocr_confusables") or {}
    table = conf.get("latin_to_cyrillic") or {}
    if not table:
        return words
    trans = str.maketrans(table)
    abbrev_max = int(conf.get("abbreviation_max", 0))
    year = conf.get("year_suffix") or {}
    year_re = re.compile(year["pattern"]) if year.get("pattern") else None
    for w in words:
        text = w["text"]
        letters = [c for c in text if c.isalpha()]
        if _LATIN.search(text):
            if _CYRILLIC.search(text):
                text = text.translate(trans)
            elif (letters and len(letters) <= abbrev_max and all(c.isupper() and c in table for c in letters)):
                text = text.translate(trans)
        if year_re is not None:
            text = year_re.sub(year.get("replace", ""), text)
        w["text"] = text
    return words


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
