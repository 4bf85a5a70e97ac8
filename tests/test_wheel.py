"""The wheel carries the package and its default templates, and renders from them alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, TINY
from tests.extract import pdf_text


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy: a build folder left in the checkout may hold files deleted since.
    source = out / "source"
    junk = shutil.ignore_patterns(".*", "build", "dist", "output", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, source, ignore=junk)
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "--wheel-dir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("advocacy-*.whl")
    return found


def test_the_wheel_holds_every_module_and_every_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "advocacy").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    shipped = {
        "advocacy/default_templates/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    }
    assert shipped <= names, f"missing from the wheel: {sorted(shipped - names)}"
    catalogs = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "advocacy" / "i18n" / "locales").rglob("*.po*")
    }
    assert {
        "advocacy/i18n/locales/ru/LC_MESSAGES/advocacy.po",
        "advocacy/i18n/locales/advocacy.pot",
    } <= catalogs
    assert catalogs <= names, f"missing from the wheel: {sorted(catalogs - names)}"
    assert not [
        n for n in names if n.startswith("advocacy/default_templates/") and n.endswith(".py")
    ]
    # The kit the Word templates are built with is a development tool, not shipped code.
    assert not [n for n in names if n.startswith("tools/") or "docx_kit" in n]


def test_an_installed_wheel_renders_from_its_own_templates(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}

    def advocacy(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "advocacy", *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)

    listing = advocacy("templates", "list")
    assert listing.returncode == 0, listing.stderr
    packaged = site / "advocacy" / "default_templates"
    assert f"appeal.html          {packaged / 'appeal' / 'appeal.html'}" in listing.stdout
    result = advocacy("render", "appeal", str(TINY), "-o", "out")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["out/appeal-first.pdf", "out/appeal-first.docx"]
    assert "Ana Example" in pdf_text(tmp_path / "out" / "appeal-first.pdf")
    # The catalogs came along: the words of the letter in Russian.
    russian = advocacy("render", "appeal", str(TINY), "-o", "ru", "--lang", "ru", "--fallback")
    assert russian.returncode == 0, russian.stderr
    assert "Страница 1 из 1" in (
        PdfReader(tmp_path / "ru" / "appeal-first.pdf").pages[0].extract_text() or ""
    )
