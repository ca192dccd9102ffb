"""The visual debug path and the CLI's help texts."""

from __future__ import annotations

import pytest
from PIL import Image
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["run", "debug", "cite", "evidence", "export"])
def test_every_command_has_help(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0
    assert "Usage" in res.output


def test_debug_draws_blocks_on_page_image(sample_pdf, tmp_path):
    res = runner.invoke(app, ["debug", str(sample_pdf), "--page", "8", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    png = tmp_path / "mgi-kyrgyzstan-2022-ru-p008.png"
    assert png.exists()
    im = Image.open(png).convert("RGB")
    colours = {c for _, c in im.getcolors(maxcolors=1 << 24)}
    # The overlay colours of paragraphs (blue), headings (red) and footnotes (purple)
    # appear on the page: the boxes were drawn, not just the page rendered.
    assert any(r < 80 and 80 < g < 130 and b > 200 for r, g, b in colours)
    assert any(r > 200 and g < 60 and b < 60 for r, g, b in colours)
    assert any(120 < r < 160 and g < 60 and b > 160 for r, g, b in colours)


def test_debug_rejects_a_page_outside_the_document(sample_pdf, tmp_path):
    res = runner.invoke(app, ["debug", str(sample_pdf), "--page", "400", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "outside 1..39" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_evidence_on_an_empty_folder_says_why(tmp_path):
    res = runner.invoke(app, ["evidence", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "mgi run" in res.output
    assert not isinstance(res.exception, FileNotFoundError)
