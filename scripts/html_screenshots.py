"""Screenshots of the HTML report in Chromium, for the README (run from the project root):

    python scripts/html_screenshots.py

- docs/report-html.en.png     the bundled example in English, 1,400 px wide
- docs/report-html.pt-BR.png  the same in Brazilian Portuguese, 1,400 px wide
- docs/report-html.phone.png  pt-BR on a phone, 390 px wide

The report is made as a user would (`leadsla report examples/leads.csv --sla examples/sla.yaml
--as-of 2026-11-20T12:00:00-03:00 --format html --locale ...`), so the pictures only change
when the code does. Needs `chromium` (or `chromium-browser`) on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AS_OF = "2026-11-20T12:00:00-03:00"
SHOTS = [
    # (file, locale, width, height)
    ("report-html.en.png", "en", 1400, 2300),
    ("report-html.pt-BR.png", "pt-BR", 1400, 2300),
    ("report-html.phone.png", "pt-BR", 390, 2200),
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("chromium is not on PATH (apt-get install chromium)")


def report(locale: str, out: Path) -> None:
    done = subprocess.run(
        [
            sys.executable, "-m", "leadsla", "report", "examples/leads.csv",
            "--sla", "examples/sla.yaml", "--as-of", AS_OF, "--format", "html",
            "--locale", locale, "--quiet", "--output", str(out),
        ],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)


def screenshot(browser: str, page: Path, png: Path, width: int, height: int, work: Path) -> None:
    done = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-background-networking", "--disable-extensions",
            "--force-color-profile=srgb", "--force-prefers-color-scheme=light",
            f"--user-data-dir={work / ('profile-' + png.stem)}",
            f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if done.returncode != 0 or not png.exists():
        sys.exit(f"chromium failed for {png.name}: {done.stderr[-2000:]}")


def main() -> None:
    browser = chromium()
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages: dict[str, Path] = {}
        for name, locale, width, height in SHOTS:
            if locale not in pages:
                pages[locale] = work / f"report.{locale}.html"
                report(locale, pages[locale])
            screenshot(browser, pages[locale], DOCS / name, width, height, work)
            print(f"wrote docs/{name} ({width}×{height})")


if __name__ == "__main__":
    main()
