"""Loading case files: every kind of mistake gets its one-line, positioned message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advocacy.errors import FactsError
from advocacy.facts.load import load_case
from tests.conftest import BAD, TINY, Runner

# file, line, column, where in the model, what the message says
BROKEN = [
    ("unknown-key", 9, 5, "people[0].nmae", "unknown key 'nmae'; did you mean 'name'?"),
    ("unknown-source", 26, 15, "events[0].sources[0]", "no source has the id 'reprot'; did you mean 'report'?"),
    ("unknown-person", 24, 14, "events[0].people[0]", "no person has the id 'ana-exampel'"),
    ("duplicate-id", 19, 9, "organisations[1].id", "the id 'city-court' is already used by organisations[0]"),
    ("interval-backwards", 21, 11, "events[0].date", "ends (2025-07-01) before it starts (2025-07-31)"),
    ("event-after-updated", 21, 11, "events[0].date", "2025-09-02 is after the date the record is current to"),
    ("event-before-birth", 21, 11, "events[0].date", "1969 is before Ana Example was born (1970-02-01)"),
    ("appeal-after-updated", 37, 13, "appeals[0].issued", "2025-12-05 is after the date the record is current to"),
    ("unknown-currency", 33, 38, "charges[0].penalty[0].currency", "'KZX' is not an ISO 4217 currency code"),
    ("bad-date", 52, 16, "sources[0].published", "'August 2025' is not a date this tool understands; use an EDTF date"),
    ("missing-key", 36, 5, "appeals[0].title", "the key 'title' is required here"),
    ("bad-country", 3, 10, "country", "'Kazakhstan' is not an ISO 3166-1 alpha-2 country code"),
    ("no-sources", 26, 5, "events[0].sources", "is empty; give at least one"),
    ("missing-letterhead", 38, 13, "appeals[0].sender", "no letterhead 'nobody-ngo'"),
    ("bad-link", 44, 14, "appeals[0].concern", "must point to an https://, http:// or mailto: address"),
    ("control-character", 9, 11, "people[0].name", "contains the control character U+0007 at position 4"),
    ("wrong-id", 2, 5, "id", "the id 'tiny' must match the file name 'wrong-id.yaml'"),
    ("malformed", 4, 7, "", "not valid YAML: while parsing a flow sequence"),
    ("empty", 1, 1, "", "the file is empty"),
    ("not-utf8", 3, 11, "", "not UTF-8 text (byte 0xe9)"),
    ("list", 1, 1, "", "expected a mapping of keys"),
    ("non-text-key", 4, 1, "", "the key 2025 is not text"),
    ("timestamp-date", 5, 10, "updated", "1754352000 is not a date; give a full date"),
    ("link-with-space", 44, 14, "appeals[0].concern", "a link points to 'ftp://files.example/x'"),
    ("interval-after-updated", 21, 11, "events[0].date", "2025-07-31/2025-12 is after the date the record is current to"),
    ("misspelt-choice", 53, 11, "sources[0].kind", "'ngo-statment' is not allowed here; did you mean 'ngo-statement'?"),
    ("raw-control", 9, 14, "", "contains the control character U+0007"),
    ("bad-language-key", 40, 77, "appeals[0].lead.r!", "'r!' is not a BCP 47 language tag"),
    ("no-text-in-case-language", 44, 5, "appeals[0].concern", "gives no text in the file's language 'en' (only in ru); add 'en: ...'"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "column", "where", "message"), BROKEN)
def test_each_mistake_is_reported_once_at_its_place(
    name: str, line: int, column: int, where: str, message: str
) -> None:
    path = BAD / f"{name}.yaml"
    with pytest.raises(FactsError) as caught:
        load_case(path)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file, problem.line, problem.column) == (str(path), line, column)
    assert problem.where == where
    assert message in problem.message
    place = f"{path}:{line}:{column}:"
    assert str(problem).startswith(f"{place} {where}: " if where else f"{place} ")
    assert "\n" not in str(problem)


@pytest.mark.parametrize(("name", "line", "column", "where", "message"), BROKEN)
def test_the_command_prints_the_message_and_exits_1(
    run: Runner, name: str, line: int, column: int, where: str, message: str
) -> None:
    result = run("validate", BAD / f"{name}.yaml")
    assert result.code == 1
    assert result.out == ""
    assert f":{line}:{column}:" in result.err and message in result.err
    assert "Traceback" not in result.err


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    with pytest.raises(FactsError) as caught:
        load_case(BAD / "many-problems.yaml")
    found = [(p.line, p.where) for p in caught.value.problems]
    assert found == [
        (9, "people[0].nmae"),
        (26, "events[0].sources[0]"),
        (33, "charges[0].penalty[0].currency"),
    ]


def test_a_missing_file_a_folder_and_an_oversized_file(tmp_path: Path, run: Runner) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    expectations = {
        tmp_path / "nowhere.yaml": "no such file",
        tmp_path: "is a folder; give the path of a .yaml case file",
        big: "is 11.0 MB; a case file may be at most 10 MB",
    }
    for path, message in expectations.items():
        result = run("validate", path)
        assert result.code == 1
        assert result.err == f"{path}:1:1: {message}\n"


def test_a_valid_file_validates_with_a_summary(run: Runner) -> None:
    result = run("validate", TINY)
    assert result.code == 0
    assert result.out == (
        f"{TINY}: ok: tiny (Ana Example): 1 defender, 1 person, 1 event, 1 charge, "
        "1 source, 1 appeal; current to 2025-08-20\n"
    )


def test_alias_in_a_narrative_is_a_warning_not_an_error(tmp_path: Path, run: Runner) -> None:
    text = TINY.read_text().replace(
        "concern: We are concerned.", "concern: Anna Example is at risk."
    )
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    (tmp_path / "letterheads").mkdir()
    letterhead = TINY.parent / "letterheads" / "example-ngo.yaml"
    (tmp_path / "letterheads" / "example-ngo.yaml").write_text(letterhead.read_text())
    result = run("validate", path)
    assert result.code == 0
    line = text.splitlines().index("    concern: Anna Example is at risk.") + 1
    assert result.err == (
        f"{path}:{line}:14: appeals[0].concern: warning: 'Anna Example' is another spelling of "
        "Ana Example; write 'Ana Example' so every document spells the name one way\n"
    )


def test_yaml_ints_and_dates_are_the_same_edtf_dates_as_strings(tmp_path: Path) -> None:
    text = TINY.read_text()
    quoted = text.replace("born: 1970-02-01", 'born: "1970-02-01"').replace(
        "published: 2025-08", 'published: "2025-08"'
    )
    bare = text.replace("published: 2025-08", "published: 2025")
    for name, body in (("tiny", quoted), ("tiny2", bare.replace("id: tiny", "id: tiny2"))):
        folder = tmp_path / name
        (folder / "letterheads").mkdir(parents=True)
        (folder / "letterheads" / "example-ngo.yaml").write_text(
            (TINY.parent / "letterheads" / "example-ngo.yaml").read_text()
        )
        (folder / f"{name}.yaml").write_text(body)
    first = load_case(tmp_path / "tiny" / "tiny.yaml").case
    assert str(first.people[0].born) == "1970-02-01"
    assert str(load_case(TINY).case.people[0].born) == "1970-02-01"
    assert str(load_case(tmp_path / "tiny2" / "tiny2.yaml").case.sources[0].published) == "2025"


def test_a_broken_id_list_does_not_bury_its_error_under_false_ones(tmp_path: Path) -> None:
    text = TINY.read_text().replace("  - id: report\n", "  - id: 2025\n")
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    with pytest.raises(FactsError) as caught:
        load_case(path)
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("sources[0].id", "expected text")
    ]


def test_alias_warnings_ignore_case_and_cover_titles(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        'title: "Kazakhstan: Ana Example fined"', 'title: "ANNA EXAMPLE fined"'
    )
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    shutil.copytree(TINY.parent / "letterheads", tmp_path / "letterheads")
    warnings = load_case(path).warnings
    assert [(w.where, w.warning) for w in warnings] == [("appeals[0].title", True)]
    assert "'Anna Example' is another spelling of Ana Example" in warnings[0].message


# A line of the tiny case as written, the line instead, then what loading it says (None: it
# loads) at which line, column and place.
YAML_READINGS = [
    ("country: KZ", "country: NO", None),  # YAML 1.2: Norway's code is text, not false
    ("updated: 2025-08-20", "updated: 2025-02-30", (5, 10, "updated", "'2025-02-30' is not a date")),
    ("language: en", "language: en\nlanguage: ru", (5, 1, "", "the key 'language' is written twice (first at line 4); keep one")),
    ("    name: Ana Example", "    name: !custom Ana Example", (9, 11, "people[0].name", "the tag !custom means nothing in a case file")),
    ("defenders: [ana-example]", "defenders: &r [*r]", (1, 1, "", "holds more than 1,000,000 values")),
    ("defenders: [ana-example]", "defenders:\n\t- ana-example", (7, 1, "", "found character '\\t' that cannot start any token; indent with spaces")),
]  # fmt: skip


@pytest.mark.parametrize(("line", "instead", "said"), YAML_READINGS)
def test_what_yaml_reads_is_what_ruamel_read_or_a_placed_error(
    tmp_path: Path, line: str, instead: str, said: tuple[int, int, str, str] | None
) -> None:
    text = TINY.read_text()
    assert f"\n{line}\n" in text
    path = tmp_path / "tiny.yaml"
    path.write_text(text.replace(f"\n{line}\n", f"\n{instead}\n"))
    shutil.copytree(TINY.parent / "letterheads", tmp_path / "letterheads")
    if said is None:
        assert load_case(path).case.country == "NO"
        return
    with pytest.raises(FactsError) as caught:
        load_case(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.where) == said[:3]
    assert said[3] in problem.message


def test_the_country_codes_are_those_cldr_names_in_english() -> None:
    # The codes come from CLDR's global data (quick to load), not from a locale's: the same set.
    from babel import Locale

    from advocacy.facts.models.countries import _NOT_COUNTRIES, _countries

    names = map(str, Locale("en").territories)
    named = {code for code in names if len(code) == 2 and code.isalpha()}
    assert _countries() == named - _NOT_COUNTRIES
    assert {"KZ", "NO", "XK"} <= _countries()
