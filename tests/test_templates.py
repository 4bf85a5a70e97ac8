"""The committed Word templates are what their build scripts make."""

from __future__ import annotations

import importlib.util

import pytest

from advocacy.documents import KINDS, TEMPLATES


@pytest.mark.parametrize("kind", KINDS)
def test_each_build_script_makes_the_committed_template(kind: str) -> None:
    script = TEMPLATES / kind / "build_docx.py"
    spec = importlib.util.spec_from_file_location(f"build_{kind}_docx", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (TEMPLATES / kind / f"{kind}.docx").read_bytes()
    assert module.build() == committed, f"rebuild it: .venv/bin/python {script}"
