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
    # Typos that validated and then broke a render, or buried themselves in echoes.
    ("updated: 2025-08-20", "updated: 9999-12-31", (5, 10, "updated", "the year 9999 is outside 1000–2999")),
    ("    born: 1970-02-01", "    born: 1962-13-23", (12, 11, "people[0].born", "'1962-13-23' is not a date")),
    ("    born: 1970-02-01", "    born: 19700", (12, 11, "people[0].born", "the year 19700 is outside 1000–2999")),
    ("    born: 1970-02-01", "    born: " + "1" * 5000, (12, 11, "people[0].born", "'111111111111111111111111111111…' (5,000 characters) is not a date")),
    ("  - date: 2025-07-31", "  - date: '2025-07-31 10:00'", (21, 11, "events[0].date", "give a date without a time of day")),
    ("  - date: 2025-07-31", "  - date: 2025-07-31T10:00:00", (21, 11, "events[0].date", "give a date without a time of day")),
    ("    penalty: {amount: 100, currency: KZT, sources: [report]}", "    penalty: {amount: 123456789012345678901234567, currency: KZT, sources: [report]}", (33, 23, "charges[0].penalty[0].amount", "too many digits for a sum")),
    ("people:", "people: null\nnobody:", (7, 9, "people", "expected a list")),
    ("  - id: first", "  - id: com1", (36, 9, "appeals[0].id", "'com1' is a name Windows keeps for a device")),
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
    [problem] = [p for p in caught.value.problems if p.where != "nobody"]
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


def test_a_case_at_the_edge_of_the_years_and_sums_renders(tmp_path: Path, run: Runner) -> None:
    # The largest date and sum validation lets through are ones documents can print.
    text = TINY.read_text().replace("updated: 2025-08-20", "updated: 2999-12-31")
    text = text.replace("amount: 100,", "amount: 9999999999999999,")
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    shutil.copytree(TINY.parent / "letterheads", tmp_path / "letterheads")
    result = run("render", "summary", path, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    from pypdf import PdfReader

    [pdf] = (tmp_path / "out").glob("*.pdf")
    words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "31 December 2999" in words
    assert "9,999,999,999,999,999" in " ".join(words.split())


# What a narrative writes, and the warning `validate` gives (None: no warning). The tiny case's
# Ana Example has the aliases below; 'AEX' is her acronym, 'Ana Exampla' a former name.
SPELLINGS = [
    ("Anna Example is at risk.", "'Anna Example' is another spelling of Ana Example"),
    ("ANNA EXAMPLE is at risk.", "'Anna Example' is another spelling of Ana Example"),
    ("Anna\u200bExample and Anna Ex\u200bample are at risk.", "'Anna Example' is another spelling"),
    ("Ana\u00a0Example is at risk.", None),  # a no-break space is a space
    ("The court calls her “Anna Example”.", None),  # a source quoted
    ("AEX is at risk.", None),
    ("Ana Exampla, as she was called, is at risk.", None),
    ("Аna Example is at risk.", "Ana Example is written with look-alike or invisible characters (U+0410 'А')"),
    ("Ana Exa\u00admple is at risk.", "Ana Example is written with look-alike or invisible characters (U+00AD '\\xad')"),
    ("Ana Example is at risk.", None),
]  # fmt: skip


@pytest.mark.parametrize(("concern", "warning"), SPELLINGS)
def test_names_are_compared_as_a_reader_sees_them(
    tmp_path: Path, concern: str, warning: str | None
) -> None:
    text = TINY.read_text().replace("concern: We are concerned.", f'concern: "{concern}"')
    text = text.replace(
        "    aliases: [Anna Example]",
        "    aliases:\n      - Anna Example\n      - {name: AEX, kind: acronym}\n"
        "      - {name: Ana Exampla, kind: former-name}",
    )
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    shutil.copytree(TINY.parent / "letterheads", tmp_path / "letterheads")
    said = [(w.where, w.message) for w in load_case(path).warnings]
    if warning is None:
        assert said == []
    else:
        [(where, message)] = said
        assert where == "appeals[0].concern"
        assert warning in message, message


def test_render_and_build_count_the_warnings_validate_gives(tmp_path: Path, run: Runner) -> None:
    text = TINY.read_text().replace(
        "concern: We are concerned.", "concern: Anna Example is at risk."
    )
    text = text.replace("She will appeal.", "Anna Example will appeal.")
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    shutil.copytree(TINY.parent / "letterheads", tmp_path / "letterheads")
    validated = run("validate", path)
    assert validated.err.count("warning: 'Anna Example' is another spelling") == 2
    rendered = run("render", "appeal", path, "--out", tmp_path / "out", "--format", "docx")
    assert rendered.code == 0
    assert rendered.err == f"{path}: 2 warnings: see `advocacy validate {path}`\n"
    built = run("build", path, "--out", tmp_path / "built", "--jobs", "1")
    assert built.code == 0
    assert built.err.count(f"{path}: 2 warnings: see `advocacy validate {path}`") == 1
    assert "another spelling" not in built.err


def test_a_case_in_a_folder_of_its_own_finds_the_shared_files_above_it(
    tmp_path: Path, run: Runner
) -> None:
    # An organisation's layout: cases/2026/<case>.yaml, cases/letterheads/, cases/recipients/.
    cases = tmp_path / "cases"
    shutil.copytree(TINY.parent / "letterheads", cases / "letterheads")
    (cases / "recipients").mkdir()
    (cases / "recipients" / "ministry.yaml").write_text(
        "# EXAMPLE recipients for a test: fictional.\nid: ministry\nrecipients:\n"
        "  - {id: minister, name: Minister Example, example: true}\n"
    )
    (cases / "2026").mkdir()
    case = cases / "2026" / "tiny.yaml"
    case.write_text(TINY.read_text() + "recipients: [{list: ministry}]\n")
    validated = run("validate", case)
    assert validated.code == 0, validated.err
    assert validated.said.splitlines() == [
        f"{cases / 'letterheads' / 'example-ngo.yaml'}: warning: the letterhead 'example-ngo' is "
        "example data (`example: true`): put the sender's own details in before sending",
        f"{case}: warning: 1 of 1 recipient has example contact details (`example: true`): "
        "minister; check them before sending",
    ]
    # Render and build say the same, naming each, as loud as validate.
    rendered = run("render", "appeal", case, "--to", "minister", "--out", tmp_path / "out")
    assert rendered.code == 0, rendered.err
    assert rendered.said.splitlines() == [
        validated.said.splitlines()[0],
        f"{cases / 'recipients' / 'ministry.yaml'}:4:5: recipients[0]: warning: the recipient "
        "'minister' has example contact details (`example: true`): check them before sending",
    ]
    built = run("build", case, "--out", tmp_path / "built", "--jobs", "1")
    assert built.code == 0, built.err
    for line in validated.said.splitlines():
        assert built.said.count(line) == 1, built.said
    assert (tmp_path / "built" / "tiny" / "appeal-first" / "minister.pdf").is_file()


def test_new_writes_a_case_for_its_country_that_names_its_own_path(
    tmp_path: Path, run: Runner
) -> None:
    folder = tmp_path / "cases"
    result = run("new", "az-fictive-2026", "--country", "az", "--dir", folder)
    assert result.code == 0, result.err
    path = folder / "az-fictive-2026.yaml"
    text = path.read_text()
    assert f"#   advocacy validate {path.as_posix()}\n" in text
    assert load_case(path).case.country == "AZ"
    wrong = run("new", "x-2026", "--country", "ZZ", "--dir", folder)
    assert wrong.code == 2
    assert "'ZZ' is not an ISO 3166-1 alpha-2 country code" in wrong.err
