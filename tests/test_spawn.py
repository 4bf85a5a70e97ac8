"""A build gives the same bytes however its worker processes start.

Windows and macOS start workers by ``spawn``: a new interpreter that inherits nothing of the
build's. Each start method this platform has builds into a folder of its own, two jobs, and every
file (the manifest with them) and every message must be what one job in this process gives.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

import pytest

from advocacy.campaign.build import build
from advocacy.campaign.manifest import Report
from advocacy.documents.options import options
from advocacy.documents.templates import export
from tests.conftest import BUNDLED, tiny_case

METHODS = [
    method
    for method in ("spawn", "forkserver", "fork")
    if method in multiprocessing.get_all_start_methods()
]

Built = tuple[dict[str, bytes], list[str]]
"""Every file under a build's folder, by relative path, and what its report says."""


def _built(case: Path, out: Path, start_method: str | None, **given: Any) -> Built:
    jobs = given.pop("jobs", None)
    emails = given.pop("emails", False)
    report = build(
        [case], options(**given), out=out, jobs=jobs, emails=emails, start_method=start_method
    )
    files = {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }
    assert any(name.endswith("manifest.json") for name in files)
    return files, _said(report, out)


def _said(report: Report, out: Path) -> list[str]:
    """The report, its paths relative to ``out``; failures and warnings in any order."""
    written = [path.relative_to(out).as_posix() for path in [*report.written, *report.manifests]]
    said = sorted(
        [f"failure: {f.path}: {f.message}" for f in report.failures]
        + [f"warning: {f.path}: {f.message}" for f in report.warnings]
    )
    return [*written, *(line.replace(str(out), "OUT") for line in said)]


def _same(one: Built, other: Built) -> None:
    assert one[0].keys() == other[0].keys()
    assert [name for name in one[0] if one[0][name] != other[0][name]] == []
    assert one[1] == other[1]


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bundled campaign (two languages, email drafts) built by one job, in this process."""
    out = tmp_path_factory.mktemp("alone")
    return _built(BUNDLED, out, None, jobs=1, emails=True)


@pytest.mark.parametrize("method", METHODS)
def test_the_bundled_campaign_is_the_same_bytes_whatever_starts_the_workers(
    alone: Built, tmp_path: Path, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    context = multiprocessing.get_context

    def spied(name: str | None = None) -> BaseContext:
        found = context(name)
        started.append(found.get_start_method())
        return found

    monkeypatch.setattr(multiprocessing, "get_context", spied)
    built = _built(BUNDLED, tmp_path, method, jobs=2, emails=True)
    assert started == [method]
    assert [line for line in built[1] if line.startswith("failure:")] == []
    _same(built, alone)


@pytest.mark.parametrize(
    ("composing", "count"),
    [(True, 60), (False, 6)],  # composed: two batches, so both workers lay the letters out
    ids=["composed", "rendered-whole"],
)
def test_letters_and_their_failures_are_the_same_from_spawned_workers(
    tmp_path: Path, composing: bool, count: int
) -> None:
    """Letters composed or (a template composing cannot trust) rendered whole, one of them too
    long for its window: spawned workers write and say what one job here does."""
    templates = None
    if not composing:
        templates = tmp_path / "mine"
        export(templates, ["appeal"])
        html = templates / "appeal" / "appeal.html"
        old = "<p>{{ appeal.lead|rich }}</p>"
        assert old in html.read_text()
        more = "{% if recipient and recipient.example %}<p>SAMPLE ADDRESS</p>{% endif %}"
        html.write_text(html.read_text().replace(old, old + more))
    recipients = [
        {"id": f"r{n:02d}", "title": f"Minister {n}", "address": [f"{n} Street", "City"]}
        for n in range(count)
    ]
    recipients[-2]["address"] = [
        f"Line {n} of an address far too long for any window, repeated" for n in range(6)
    ]

    def change(data: Any) -> None:
        data["recipients"] = recipients

    case = tiny_case(tmp_path / "facts", change)
    alone = _built(case, tmp_path / "alone", None, jobs=1, templates=templates)
    spawned = _built(case, tmp_path / "spawned", "spawn", jobs=2, templates=templates)
    (failed,) = [line for line in alone[1] if line.startswith("failure:")]
    where = f"OUT/tiny/appeal-first/r{count - 2:02d}.pdf: {case}:"
    assert failed.startswith(f"failure: {where}")
    assert failed.endswith(
        f"recipients[{count - 2}].address: does not fit the letter's window (85 x 40 mm): "
        "shorten it (not written)"
    )
    _same(spawned, alone)
