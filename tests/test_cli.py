"""The command line: summaries, new case files, usage errors, start-up cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from advocacy.facts.load import LoadedCase
from tests.conftest import BUNDLED, Runner


def test_the_bundled_case_validates(run: Runner, bundled: LoadedCase) -> None:
    result = run("validate", BUNDLED)
    assert result.code == 0, result.err
    # Not even an alias warning; only that its recipients' addresses are examples, by name.
    assert result.err == (
        f"{BUNDLED}: warning: 5 of 5 recipients have example contact details (`example: true`): "
        "kz-president, kz-prosecutor-general, kz-human-rights-commissioner, "
        "un-sr-human-rights-defenders, kz-embassy-ireland; check them before sending\n"
    )
    case = bundled.case
    assert result.out.startswith(f"{BUNDLED}: ok: kz-toregozhina-2025 (Bakhytzhan Toregozhina): ")
    assert f"{len(case.events)} events" in result.out
    assert "1 appeal, 5 recipients; current to 2025-08-20" in result.out


def test_new_writes_a_case_file_that_validates(tmp_path: Path, run: Runner) -> None:
    result = run("new", "kz-someone-2026", "--dir", tmp_path)
    path = tmp_path / "kz-someone-2026.yaml"
    assert result.code == 0
    assert result.out == f"{path}\n"
    assert path.read_text().startswith("# yaml-language-server: $schema=case.schema.json\n")
    assert run("validate", path).code == 0


def test_new_never_overwrites(tmp_path: Path, run: Runner) -> None:
    assert run("new", "one", "--dir", tmp_path).code == 0
    before = (tmp_path / "one.yaml").read_text()
    result = run("new", "one", "--dir", tmp_path)
    assert result.code == 1 and "already exists" in result.err
    assert (tmp_path / "one.yaml").read_text() == before


def test_a_bad_id_is_wrong_usage(tmp_path: Path, run: Runner) -> None:
    result = run("new", "Not An Id", "--dir", tmp_path)
    assert result.code == 2 and "is not an id" in result.err
    assert list(tmp_path.iterdir()) == []


def test_wrong_usage_exits_2(run: Runner) -> None:
    assert run("validate").code == 2
    assert run("frobnicate").code == 2
    assert run("schema", "nonsense").code == 2


def test_help_imports_no_heavy_library() -> None:
    # `advocacy --help` must answer at once: pydantic, WeasyPrint and docxtpl load only when used.
    code = (
        "import sys; from advocacy.cli.app import app; "
        "print(sorted(m for m in ('pydantic', 'weasyprint', 'docxtpl', 'edtf', 'ruamel.yaml', 'yaml') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
