"""A print is always the light version: dark text on white paper, light charts, whatever the
reader's system theme. Printed as the browser prints (page.pdf, A4), with and without the
browser's "background graphics", from a system in dark mode; each sheet is rendered to an
image (pdftoppm, from poppler-utils) and its dark pixels counted."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from harness import SHOTS, assert_no_error, new_page, open_page

DARK = 80  # luminance (0-255) under which a pixel is ink-heavy dark: text is thin, a dark page is not
MOST_DARK = 0.05  # text, lines and the chart's bars of a light print stay well under this
PRINTED = ["brief?country=KEN", "country?country=KEN", "funding", "map"]


def sheets(pdf: bytes, name: str) -> list[Path]:
    """Each page of the PDF as a PNG in tests/screenshots/ (look at them)."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: run ./test.sh, which installs poppler-utils")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "print.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(SHOTS / name)], check=True)
    return sorted(SHOTS.glob(f"{name}-*.png"))


def dark_share(image: Path) -> float:
    grey = Image.open(image).convert("L")
    histogram = grey.histogram()
    return sum(histogram[:DARK]) / (grey.width * grey.height)


@pytest.mark.parametrize("backgrounds", [False, True], ids=["plain", "background-graphics"])
@pytest.mark.parametrize("path", PRINTED)
def test_a_print_from_a_dark_system_is_light(browser, server, path, backgrounds):
    page = new_page(browser, server, dark=True)
    open_page(page, path)
    assert_no_error(page)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    name = f"print_dark_{path.split('?')[0]}_{'bg' if backgrounds else 'plain'}"
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    printed = sheets(page.pdf(format="A4", print_background=backgrounds), name)
    assert printed
    shares = {p.name: round(dark_share(p), 3) for p in printed}
    assert all(share < MOST_DARK for share in shares.values()), f"dark share of each printed sheet: {shares}"
    page.context.close()
