"""The Python API: the README's example runs as written, and calls keep nothing between them."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import advocacy
from advocacy.errors import AdvocacyWarning, FactsError, UsageError
from tests.conftest import BAD, ROOT, TINY, Runner


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## From Python") :]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "the README's 'From Python' section has no python example"
    return found.group(1)


def test_the_readme_example_runs_as_written() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _readme_example()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "kz-toregozhina-2025 - 40 events, 5 recipients"
    assert lines[1] == "['appeal-fld-2025-08-05.pdf', 'appeal-fld-2025-08-05.docx']"
    assert lines[2] == "16 files; 0 failures"  # 3 documents and 5 letters, PDF and DOCX each
    # The Russian summary prints English texts the case lacks in Russian: said as warnings.
    assert "AdvocacyWarning" in done.stderr and "(--fallback)" in done.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_in_one_process_write_the_same_files(tmp_path: Path) -> None:
    first = advocacy.build([TINY], out=tmp_path / "first", jobs=1)
    second = advocacy.build([TINY], out=tmp_path / "second", jobs=1)
    assert first.failures == [] and second.failures == []
    assert [p.relative_to(tmp_path / "first") for p in first.written] == [
        p.relative_to(tmp_path / "second") for p in second.written
    ]
    one, two = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert set(one) >= {"tiny/manifest.json", "tiny/summary.pdf", "tiny/chronology.docx"}
    assert one == two


def test_render_returns_the_paths_and_writes_what_the_cli_writes(
    tmp_path: Path, run: Runner
) -> None:
    paths = advocacy.render(TINY, "summary", out=tmp_path / "api")
    assert [p.name for p in paths] == ["summary.pdf", "summary.docx"]
    result = run("render", "summary", TINY, "-o", tmp_path / "cli")
    assert result.code == 0, result.err
    assert [Path(line).name for line in result.out.splitlines()] == [p.name for p in paths]
    for path in paths:
        assert path.read_bytes() == (tmp_path / "cli" / path.name).read_bytes()


def test_bad_options_and_bad_files_raise_the_messages_the_cli_prints(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no audience 'press'; choose one of: public, internal"):
        advocacy.render(TINY, "appeal", out=tmp_path, audience="press")
    with pytest.raises(UsageError, match="no format 'odt'"):
        advocacy.render(TINY, "appeal", formats=["odt"], out=tmp_path)
    with pytest.raises(UsageError, match="no catalog for the language 'xx'"):
        advocacy.build([TINY], out=tmp_path, lang="xx")
    broken = next(iter(sorted(BAD.glob("*.yaml"))))
    with pytest.raises(FactsError) as raised:
        advocacy.load_case(broken)
    assert str(raised.value).startswith(f"{broken}:")
    assert list(tmp_path.iterdir()) == []


def test_fallback_texts_are_warnings(tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        advocacy.render(
            ROOT / "facts" / "kz-toregozhina-2025.yaml",
            "chronology",
            formats=["docx"],
            out=tmp_path,
            lang="kk",
            fallback=True,
        )
    said = [str(w.message) for w in caught if issubclass(w.category, AdvocacyWarning)]
    assert said and all("no text in 'kk'" in s or "unreviewed" in s for s in said)
