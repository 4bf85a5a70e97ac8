"""Real cases' shapes, on fictional cases: several defenders, an update, a joint letter,
appeals recorded only as history, the letterhead's own "urges" line (issue 14).

The fixtures (tests/fixtures/cases/three-defenders.yaml, joint-statement.yaml) are fictional;
each test reads what a user sees: the text of the PDF and of the DOCX, their metadata, the
command's exit code and message.
"""

from __future__ import annotations

import email
import email.policy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader
from ruamel.yaml import YAML

from advocacy.cli.app import main
from tests.conftest import FIXTURES, Runner
from tests.extract import docx_text, in_order, normalise, pdf_text

CASES = FIXTURES / "cases"
THREE = CASES / "three-defenders.yaml"
JOINT = CASES / "joint-statement.yaml"

NAMES = ["Lena Fictional (Лена Фикшнл)", "Omar Fictional", "Rita Fictional (Рита Фикшнл)"]
OWN_PROFILES = [
    "Lena Fictional is a fictional lawyer who defends fictional prisoners.",
    "Omar Fictional is a fictional journalist who reports on fictional trials.",
    "Rita Fictional is a fictional teacher who runs a fictional legal clinic.",
]
LETTER_PROFILES = [
    "Lena Fictional, as the first letter puts it, has defended fictional prisoners for ten years.",
    "Omar Fictional, as the first letter puts it, writes for a fictional newspaper.",
    "Rita Fictional, as the first letter puts it, teaches at a fictional school.",
]
SIGNATORIES = [
    "One (Examplestan)",
    "Two (Examplestan)",
    "Three (Otherland)",
    "Four",
    "Five (Otherland)",
    "Six (Examplestan)",
    "Seven (Otherland)",
    "Eight",
    "Nine (Examplestan)",
    "Ten (Otherland)",
    "Eleven (Examplestan)",
    "Twelve (Otherland)",
]


def _each(profiles: list[str]) -> list[str]:
    """Each defender's name, then their profile, in the order of `defenders`."""
    return [part for pair in zip(NAMES, profiles, strict=True) for part in pair]


def _render(out: Path, kind: str, facts: Path, *more: str) -> None:
    try:
        main(["render", kind, str(facts), "-f", "pdf", "-f", "docx", "-o", str(out), *more])
    except SystemExit as done:
        assert done.code in (0, None)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every kind of the three defenders' case, and its first letter, in both formats."""
    out = tmp_path_factory.mktemp("three")
    for kind in ("appeal", "summary", "chronology"):
        _render(out, kind, THREE)
    _render(out, "appeal", THREE, "--appeal", "obs-2025-06-10")
    return out


@pytest.fixture(scope="module")
def joint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("joint")
    _render(out, "appeal", JOINT)
    return out


def _texts(out: Path, stem: str) -> tuple[str, str]:
    """The PDF's and the DOCX's text of ``stem``, normalised."""
    return normalise(pdf_text(out / f"{stem}.pdf")), normalise(docx_text(out / f"{stem}.docx"))


@pytest.mark.parametrize(
    ("stem", "parts"),
    [
        # The latest letter gives no profiles: each defender's own, in the order of `defenders`.
        ("appeal-obs-2025-08-05", _each(OWN_PROFILES)),
        # The first letter gives its own for each.
        ("appeal-obs-2025-06-10", _each(LETTER_PROFILES)),
        ("summary", _each(OWN_PROFILES)),
        ("chronology", ["Lena Fictional, Omar Fictional and Rita Fictional"]),
    ],
)
def test_every_kind_names_and_profiles_each_of_three_defenders_in_order(
    three: Path, stem: str, parts: list[str]
) -> None:
    for text in _texts(three, stem):
        assert in_order(text, parts) == []
    pdf, docx = _texts(three, stem)
    if stem.startswith("appeal"):
        assert pdf == docx


def test_the_chronology_names_each_defender_among_the_people_of_an_event(three: Path) -> None:
    for text in _texts(three, "chronology"):
        for name in ("Lena Fictional", "Omar Fictional", "Rita Fictional"):
            assert text.count(name) >= 2, name


def test_the_reference_is_under_the_date_and_in_the_metadata(three: Path) -> None:
    reference = "EXA 001/0625/OBS 041.1"
    for text in _texts(three, "appeal-obs-2025-08-05"):
        assert in_order(text, ["5 August 2025", f"Ref.: {reference}", "Update – Kazakhstan"]) == []
    info = PdfReader(three / "appeal-obs-2025-08-05.pdf").metadata
    assert info is not None and reference in str(info.get("/Keywords"))
    properties = WordDocument(str(three / "appeal-obs-2025-08-05.docx")).core_properties
    assert reference in properties.keywords


def test_a_letter_without_a_reference_prints_none(joint: Path) -> None:
    for text in _texts(joint, "appeal-joint-2025-08-05"):
        assert "Ref." not in text


def test_an_update_names_the_earlier_appeal_and_lists_the_events_since(three: Path) -> None:
    for text in _texts(three, "appeal-obs-2025-08-05"):
        assert (
            in_order(
                text,
                [
                    "Update – Kazakhstan: three fictional defenders still detained",
                    "This update follows our appeal of 10 June 2025 (ref. EXA 001/0625/OBS 041).",
                    "Since then:",
                    "20 June 2025: The Fictional City Court extended the pre-trial detention",
                    "15 July 2025: Omar Fictional was moved",
                    "Lena Fictional",
                ],
            )
            == []
        )
        # Before the earlier appeal, or after this one: not what changed.
        assert "Police arrested" not in text
        assert "denied a visit" not in text
    info = PdfReader(three / "appeal-obs-2025-08-05.pdf").metadata
    assert info is not None and info.title == (
        "Update – Kazakhstan: three fictional defenders still detained"
    )


def test_a_letter_that_updates_none_has_no_update_lines(three: Path) -> None:
    for text in _texts(three, "appeal-obs-2025-06-10"):
        assert "Update" not in text and "Since then" not in text
        assert "Kazakhstan: three fictional defenders arrested" in text


def test_the_letterhead_says_who_urges(three: Path) -> None:
    for text in _texts(three, "appeal-obs-2025-08-05"):
        assert "The Example Observatory urges the authorities in Kazakhstan to: 1." in text
        assert "Example League urges" not in text


def test_a_joint_letter_lists_its_twelve_signatories_numbered(joint: Path) -> None:
    pdf, docx = _texts(joint, "appeal-joint-2025-08-05")
    assert pdf == docx
    numbered = [f"{i}. Fictional Rights Group {s}" for i, s in enumerate(SIGNATORIES, 1)]
    for text in (pdf, docx):
        assert (
            in_order(
                text,
                [
                    "The undersigned organisations urge the authorities in Kazakhstan to:",
                    "1. Annul the fine;",
                    "Example Rights Watch",  # the signature
                    "Signed by:",
                    *numbered,
                    "Example Rights Watch Board",
                ],
            )
            == []
        )
        assert "Example Rights Watch urges" not in text


def test_history_appeals_are_cited_never_rendered(three: Path, run: Runner) -> None:
    # The history appeal is the latest by date; the letter rendered is the latest of the others.
    assert (three / "appeal-obs-2025-08-05.pdf").exists()
    assert not list(three.glob("appeal-erw-*"))
    for text in _texts(three, "summary"):
        assert (
            in_order(
                text,
                [
                    "Demands of the appeal of 5 August 2025",
                    "Other appeals",
                    "10 June 2025, Example Rights Watch and Example League (ref. EXA 001/0625/OBS 041)",
                    "12 August 2025, Example Rights Watch (ref. ERW-77): “Kazakhstan: fictional "
                    "defenders denied their lawyers”",
                ],
            )
            == []
        )
    result = run("render", "appeal", THREE, "--appeal", "erw-2025-08-12", "-o", three / "x")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "recorded only as history" in result.err
    assert "Traceback" not in result.err and not (three / "x").exists()


def test_a_build_writes_the_latest_letter_not_the_history_one(tmp_path: Path, run: Runner) -> None:
    result = run("build", THREE, "-o", tmp_path, "--jobs", "1", "--emails")
    assert result.code == 0, result.err
    out = tmp_path / "three-defenders"
    written = {p.name for p in out.iterdir()}
    assert "appeal-obs-2025-08-05.pdf" in written
    assert not [name for name in written if "erw" in name]
    addressed = out / "appeal-obs-2025-08-05"
    pdf, docx = _texts(addressed, "fictional-ministry")
    for text in (pdf, docx):
        assert in_order(text, ["Minister of Fictional Affairs", "Ref.: EXA", "Update – "]) == []
        assert in_order(text, ["Dear Minister,", "Since then:", "Rita Fictional (Рита"]) == []
    with (addressed / "fictional-ministry.eml").open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["Subject"] == "Update – Kazakhstan: three fictional defenders still detained"


def _variant(folder: Path, source: Path, change: Callable[[Any], None]) -> Path:
    """A copy of ``source`` in ``folder``, with the letterheads, after ``change`` edits it."""
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    change(data)
    shutil.copytree(CASES / "letterheads", folder / "letterheads")
    path = folder / source.name
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path


def _line_of(path: Path, needle: str) -> int:
    """The line (from 1) of the first line of ``path`` that contains ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _set(index: int, key: str, value: object) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["appeals"][index][key] = value

    return change


def _drop(index: int, *keys: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for key in keys:
            del data["appeals"][index][key]

    return change


@pytest.mark.parametrize(
    ("change", "needle", "where", "message"),
    [
        (
            _set(1, "updates", "no-such-appeal"),
            "updates: no-such-appeal",
            "appeals[1].updates",
            "'no-such-appeal' is not another appeal of the case",
        ),
        (
            _set(0, "updates", "obs-2025-08-05"),
            "updates: obs-2025-08-05",
            "appeals[0].updates",
            "not before this one",
        ),
        (
            _set(1, "updates", "obs-2025-08-05"),
            "updates: obs-2025-08-05",
            "appeals[1].updates",
            "is not another appeal",
        ),
        (
            _set(1, "profile", "One profile for three defenders."),
            "profile: One profile",
            "appeals[1].profile",
            "give each one's profile under `profiles`",
        ),
    ],
)
def test_a_wrong_appeal_is_reported_at_its_place(
    tmp_path: Path,
    run: Runner,
    change: Callable[[Any], None],
    needle: str,
    where: str,
    message: str,
) -> None:
    path = _variant(tmp_path, THREE, change)
    result = run("validate", path)
    assert result.code == 1
    line = _line_of(path, needle)
    assert f"{path}:{line}:" in result.err
    assert f": {where}: " in result.err and message in result.err
    assert "Traceback" not in result.err


def test_a_letter_needs_concern_and_demands_unless_it_is_history(
    tmp_path: Path, run: Runner
) -> None:
    path = _variant(tmp_path / "a", THREE, _drop(1, "concern", "demands"))
    result = run("validate", path)
    assert result.code == 1
    errors = result.err.strip().splitlines()
    assert len(errors) == 2
    assert "appeals[1].concern: a letter needs its statement of concern" in errors[0]
    assert "appeals[1].demands: a letter needs at least one demand" in errors[1]
    assert all(e.startswith(f"{path}:") for e in errors)

    def history(data: Any) -> None:
        _drop(1, "concern", "demands")(data)
        data["appeals"][1]["history"] = True

    path = _variant(tmp_path / "b", THREE, history)
    assert run("validate", path).code == 0


def test_a_profile_for_someone_not_a_defender_is_an_error(tmp_path: Path, run: Runner) -> None:
    def change(data: Any) -> None:
        data["people"].append({"id": "judge-fictional", "name": "Judge Fictional"})
        data["appeals"][0]["profiles"][2]["person"] = "judge-fictional"

    path = _variant(tmp_path, THREE, change)
    result = run("validate", path)
    assert result.code == 1
    assert "appeals[0].profiles[2].person: 'judge-fictional' is not one of the case's" in (
        result.err
    )
