"""What the page image says beyond Tesseract's words: skew and type weight.

A scan has no fonts, so the layout rules that rely on bold (headings set in body
size, the strength/gap subheadings of the domain chapters) see nothing. The ink
does show it: a bold face draws thicker strokes for the same size. Here the page
image is measured with OpenCV:

* :func:`deskew` straightens a page laid slightly askew on the scanner. Lines of a
  page skewed by half a degree drift by half a line height across the page, which
  breaks row grouping, column gutters and ruled tables alike.
* :func:`stroke_widths` gives each word's stroke width (ink area over half its
  outline length, with grey levels so that anti-aliased edges count in part), and
  :func:`bold_flags` compares it, relative to the word's size, with the page's usual
  weight.
"""

from __future__ import annotations

import statistics

import numpy as np

#: Skew angles tried (degrees either way) and the step of the search.
MAX_SKEW_DEG = 3.0
SKEW_STEP_DEG = 0.05
#: The skew is searched on the image shrunk by this factor (speed; the angle step
#: stays finer than a pixel of drift across the page at this scale).
SKEW_SHRINK = 0.25
#: A skew smaller than this is left alone (rotating resamples the image).
MIN_DESKEW_DEG = 0.1
#: A word is bold when its stroke width, relative to its size, is at least this many
#: times the page's usual relative stroke width (regular body words measure within
#: ±12 % of it on the sample scan, bold subheadings +30 % to +50 %).
BOLD_STROKE_RATIO = 1.2
#: The page's usual weight is taken over words with at least this many letters...
MIN_REFERENCE_LETTERS = 3
#: ...when the page has this many such words; otherwise :data:`REGULAR_STROKE_EM` is used.
MIN_REFERENCE_WORDS = 20
#: Stroke width of a regular text face relative to the font size (em), measured on
#: the sample scan's body text (2.25 px strokes at 27.8 px per em).
REGULAR_STROKE_EM = 0.081
#: Words shorter than this (letters) take their line's weight: a "и" or "№" is too
#: little ink to measure on its own.
MIN_MEASURED_LETTERS = 3


def to_grey(image) -> np.ndarray:
    """A PIL image as an 8-bit grey array."""
    return np.asarray(image.convert("L"), dtype=np.uint8)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Binarise with Otsu's threshold: 255 where there is ink."""
    import cv2

    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def estimate_skew(ink: np.ndarray) -> float:
    """The page's skew in degrees (counter-clockwise positive), by projection profiles.

    Why this method: text lines make the row sums of ink peak sharply when the rows
    run along them, and the variance of the row sums is largest at the right angle.
    It needs no text recognition and holds for tables and rules as for prose.
    """
    import cv2

    small = cv2.resize(ink, None, fx=SKEW_SHRINK, fy=SKEW_SHRINK, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    best_angle, best_score = 0.0, -1.0
    steps = int(round(MAX_SKEW_DEG / SKEW_STEP_DEG))
    for k in range(-steps, steps + 1):
        angle = k * SKEW_STEP_DEG
        rot = cv2.warpAffine(small, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h))
        score = float(np.var(rot.sum(axis=1, dtype=np.float64)))
        if score > best_score:
            best_angle, best_score = angle, score
    return best_angle


def deskew(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """Straighten a grey page image; returns the image and the angle it was turned by."""
    import cv2

    angle = estimate_skew(ink_mask(grey))
    if abs(angle) < MIN_DESKEW_DEG:
        return grey, 0.0
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=255)
    return out, angle


def stroke_width(grey: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int]) -> float | None:
    """Mean stroke width (pixels) of the ink in ``box = (left, top, width, height)``.

    Stroke width = 2 × ink area / outline length: a stroke of width *w* and length
    *L* has area *wL* and an outline of about *2L*. The area is summed from grey
    levels (an anti-aliased edge pixel counts in part), which makes the measure
    continuous; a distance transform on a 200 dpi binary image only yields a few
    discrete values (1, 1.4, 2, 2.8 px) for body strokes.
    """
    import cv2

    left, top, width, height = box
    if width <= 0 or height <= 0:
        return None
    crop = ink[top:top + height, left:left + width]
    contours, _ = cv2.findContours((crop > 0).astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(c, True) for c in contours)
    if outline <= 0:
        return None
    darkness = (255.0 - grey[top:top + height, left:left + width].astype(np.float64)) / 255.0
    return 2.0 * float(darkness.sum()) / outline


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def bold_flags(texts: list[str], strokes: list[float | None], sizes_px: list[float],
               lines: list[int]) -> list[bool]:
    """Which words are bold, from their stroke widths.

    Args:
        texts: The words' texts.
        strokes: Their stroke widths in pixels (None: not measured).
        sizes_px: Their estimated font sizes in pixels.
        lines: An id per word of the line it belongs to (short words take their
            line's weight).

    Returns:
        One flag per word: relative stroke width at least :data:`BOLD_STROKE_RATIO`
        times the page's usual one (the median over words of
        :data:`MIN_REFERENCE_LETTERS` letters or more, weighted by letters).
    """
    rel = [s / z if s and z > 0 else None for s, z in zip(strokes, sizes_px)]
    ref_values = []
    for t, r in zip(texts, rel):
        if r is not None and _letters(t) >= MIN_REFERENCE_LETTERS:
            ref_values.extend([r] * _letters(t))
    words_measured = sum(1 for t, r in zip(texts, rel) if r is not None and _letters(t) >= MIN_REFERENCE_LETTERS)
    reference = statistics.median(ref_values) if words_measured >= MIN_REFERENCE_WORDS else REGULAR_STROKE_EM
    line_values: dict[int, list[float]] = {}
    for t, r, ln in zip(texts, rel, lines):
        if r is not None and _letters(t) >= MIN_MEASURED_LETTERS:
            line_values.setdefault(ln, []).append(r)
    line_median = {ln: statistics.median(v) for ln, v in line_values.items()}
    flags = []
    for t, r, ln in zip(texts, rel, lines):
        value = r if r is not None and _letters(t) >= MIN_MEASURED_LETTERS else line_median.get(ln, r)
        flags.append(value is not None and value >= BOLD_STROKE_RATIO * reference)
    return flags


#: A tinted box's fill is told from the paper on a smoothed image: a median filter of
#: this side (pixels) takes out the sensor noise, a closing of :data:`TINT_CLOSE_PT`
#: takes out the text strokes, and a mean over :data:`TINT_SMOOTH_PT` evens the rest.
TINT_MEDIAN_PX = 5
TINT_CLOSE_PT = 1.8
TINT_SMOOTH_PT = 3.2
#: A fill is tinted when it is at most this share of the paper's brightness (the
#: layout's :data:`pipeline.layout.boxes.BOX_WHITE_LUMINANCE`: lighter fills are not
#: visible on paper)...
TINT_MAX_LUMINANCE = 0.97
#: ...and at least this share: a dark fill holds light text, which OCR does not read.
TINT_MIN_LUMINANCE = 0.6
#: Specks and text edges are cleared from the tint mask with an opening of this side (points).
TINT_OPEN_PT = 3.0
#: A tinted area is a box when it fills at least this share of its bounding rectangle.
TINT_RECTANGULARITY = 0.9
POINTS_PER_INCH = 72.0


def shaded_boxes(grey: np.ndarray, resolution: float) -> list[tuple[int, int, int, int, float]]:
    """Rectangles of a light tint on the page image: ``(x0, top, x1, bottom, luminance)`` in pixels.

    Why: a text layer has the rectangles a box is drawn with (:func:`pipeline.layout.boxes.find_boxes`);
    a scan has only their ink. A box set on a light tint (a pull quote, a highlighted
    statement) is then read as body text, and when it sits above the footnotes its small
    type runs into them. The fill shows as a rectangle a little darker than the paper.

    Args:
        grey: The page as an 8-bit grey array (deskewed).
        resolution: Its dpi (to turn the point sizes into pixels).

    Returns:
        Rectangles at least as large as :data:`pipeline.layout.boxes.BOX_MIN_WIDTH_PT` by
        :data:`pipeline.layout.boxes.BOX_MIN_HEIGHT_PT`, nearly filled by the tint; the
        luminance is the tint's relative to the paper (0 black, 1 paper).
    """
    import cv2

    from pipeline.layout.boxes import BOX_MIN_HEIGHT_PT, BOX_MIN_WIDTH_PT

    px = resolution / POINTS_PER_INCH

    def side(pt: float) -> int:
        return max(1, int(round(pt * px)))

    smooth = cv2.medianBlur(grey, TINT_MEDIAN_PX)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side(TINT_CLOSE_PT), side(TINT_CLOSE_PT)))
    smooth = cv2.morphologyEx(smooth, cv2.MORPH_CLOSE, kernel)
    smooth = cv2.blur(smooth, (side(TINT_SMOOTH_PT), side(TINT_SMOOTH_PT)))
    paper = float(np.median(smooth))
    if paper <= 0:
        return []
    lum = smooth.astype(np.float32) / paper
    mask = ((lum <= TINT_MAX_LUMINANCE) & (lum >= TINT_MIN_LUMINANCE)).astype(np.uint8) * 255
    opening = cv2.getStructuringElement(cv2.MORPH_RECT, (side(TINT_OPEN_PT), side(TINT_OPEN_PT)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, opening)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < BOX_MIN_WIDTH_PT * px or h < BOX_MIN_HEIGHT_PT * px:
            continue
        if cv2.contourArea(contour) < TINT_RECTANGULARITY * w * h:
            continue
        tint = float(np.median(lum[y:y + h, x:x + w]))
        out.append((x, y, x + w, y + h, round(min(tint, 1.0), 3)))
    return sorted(out, key=lambda b: (b[1], b[0]))
