"""Turn a report into the text a crawler would have saved: ``joined``, ``spaced`` or ``cell-lines``.

    python scripts/flatten.py ../shared/real/shuyang-ndrc-2023/report.html --form joined > /tmp/ndrc.txt
    python scripts/flatten.py REPORT --form cell-lines --out /tmp/report-cells.txt

The forms are described in ``gainer/readers/flatten.py``. Reads HTML, DOCX, PDF, Markdown and text.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gainer.errors import GainerError
from gainer.readers.flatten import FORMS, flatten


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", help="a report file (.html, .docx, .pdf, .md, .txt)")
    ap.add_argument("--form", choices=FORMS, default="joined", help="joined (default), spaced or cell-lines")
    ap.add_argument("--out", help="write the text here (UTF-8) instead of stdout")
    args = ap.parse_args(argv)
    try:
        text = flatten(args.report, args.form)
    except GainerError as e:
        print(f"flatten: {e}", file=sys.stderr)
        return 2
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
