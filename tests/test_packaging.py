"""An ordinary (non-editable) install: the wheel carries the configs and the model, and predicts."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packages_listed_in_pyproject_are_the_packages_on_disk():
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gainer").rglob("__init__.py")}
    assert set(listed) == on_disk | {"gainer.configs"}, "add new packages to [tool.setuptools] packages"


def test_wheel_installs_and_predicts(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = wheels.glob("gainer-*.whl")
    target = tmp_path / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert inst.returncode == 0, inst.stderr[-2000:]
    report = tmp_path / "report.txt"
    report.write_text("2017年，本机关全年主动公开政府信息225条，其中规范性文件6条。\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import gainer, gainer.schema
        from pathlib import Path
        assert Path(gainer.__file__).resolve().is_relative_to(Path({str(target)!r}).resolve()), gainer.__file__
        assert Path(gainer.schema.CONFIG_DIR).resolve().is_relative_to(Path({str(target)!r}).resolve())
        r = gainer.extract({str(report)!r})
        print(r.fields["stats.active.total"].value, r.fields["stats.active.total"].source)
        """
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["225", "prose-model"]
