#!/usr/bin/env python3
"""Extract a report, write gainer's HTML page for it and screenshot the page with headless Chromium.

    python scripts/screenshot_html.py REPORT [--out page.png] [--html page.html] [--no-model]

Prints the paths of the HTML page and the PNG. Needs a Chromium or Chrome binary on PATH
(chromium, chromium-browser, google-chrome or google-chrome-stable), or one given with --browser.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser(explicit: str | None = None) -> str | None:
    if explicit:
        return shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html_path: Path, png_path: Path, *, browser: str, width: int = 1200, height: int = 2000, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium on a local HTML file and write a PNG screenshot of it."""
    png_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gainer-chromium-") as profile:
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--window-size={width},{height}",
            f"--screenshot={png_path}", html_path.resolve().as_uri(),
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", help="a report file (.txt .md .html .htm .docx .pdf)")
    ap.add_argument("--out", help="the PNG to write (default: <report stem>.png in the current directory)")
    ap.add_argument("--html", help="the HTML page to write (default: beside the PNG, .html)")
    ap.add_argument("--no-model", action="store_true", help="read prose with rules only")
    ap.add_argument("--browser", help="the Chromium/Chrome binary to use")
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--height", type=int, default=2000)
    args = ap.parse_args(argv)

    browser = find_browser(args.browser)
    if browser is None:
        print("screenshot_html: no Chromium found (looked for " + ", ".join(BROWSERS) + " on PATH); "
              "install one, e.g. `apt-get install chromium`, or pass --browser PATH", file=sys.stderr)
        return 2

    from gainer.api import Options, extract_full
    from gainer.errors import GainerError
    from gainer.visual import render_html

    report = Path(args.report)
    png = Path(args.out) if args.out else Path.cwd() / (report.stem + ".png")
    page = Path(args.html) if args.html else png.with_suffix(".html")
    try:
        ex = extract_full(report, Options(use_model=not args.no_model))
    except GainerError as e:
        print(f"screenshot_html: {e}", file=sys.stderr)
        return 1
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_html(ex), encoding="utf-8")
    try:
        proc = screenshot(page, png, browser=browser, width=args.width, height=args.height)
    except subprocess.TimeoutExpired:
        print(f"screenshot_html: {browser} did not finish in time", file=sys.stderr)
        return 1
    if proc.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
        print(f"screenshot_html: {browser} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr)
        return 1
    print(f"html: {page}")
    print(f"png:  {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
