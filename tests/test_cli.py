"""The command line: thin over the API, exit codes, output formats."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from gainer.cli import main

from report_builder import build_text, make_values


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(build_text(make_values(3), layout="flat"), encoding="utf-8")
    return p


def test_predict_json_one_file(report, capsys):
    assert main(["predict", str(report), "--no-model"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["template"] == "2021" and rec["fields"]["requests.new.total"]["value"] == make_values(3)["requests.new.total"]


def test_predict_formats(report, tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["predict", str(report), "--no-model", "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert any(r["field"] == "review.total" for r in rows)
    assert main(["predict", str(report), "--no-model", "--format", "table"]) == 0
    assert "checks:" in capsys.readouterr().out
    assert main(["predict", str(report), str(report), "--no-model", "--format", "jsonl", "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["template"] == "2021"


def test_predict_batch_exit_codes(tmp_path, report, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    assert main(["predict", str(report), str(bad), "--no-model", "--format", "jsonl", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "bad.pdf" in err and "1 of 2 reports failed" in err
    assert main(["predict", str(bad), "--no-model"]) == 3
    assert main(["predict", str(tmp_path / "nothing-here")]) in (2, 3)


def test_schema_listing(capsys):
    assert main(["schema", "review"]) == 0
    out = capsys.readouterr().out
    assert "review.total" in out and "litigation" not in out
    assert main(["schema", "nope."]) == 2


def test_usage_errors():
    assert main([]) == 2
    assert main(["predict"]) == 2
    assert main(["--version"]) == 0


def test_python_dash_m(report):
    r = subprocess.run([sys.executable, "-m", "gainer", "predict", str(report), "--no-model", "--format", "table"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "requests.new.total" in r.stdout
