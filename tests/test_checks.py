"""The template checker: each kind of mistake is named, with its line or its Word paragraph.

HTML templates broken on purpose live in tests/fixtures/templates/, one kind of mistake each.
Word templates are built here with python-docx, so each test shows the paragraphs it checks.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docxtpl import DocxTemplate, RichText
from jinja2 import TemplateError as JinjaError

from advocacy.authoring.checks import Finding, check_docx, check_source
from advocacy.documents.contexts import CONTEXT_MODELS, variables
from advocacy.documents.document import document
from advocacy.errors import TemplateError
from advocacy.facts.load import LoadedCase
from advocacy.facts.markup import runs
from advocacy.facts.models import Case, Event, Letter, Letterhead, Person
from advocacy.formats.environment import TemplateLoader, environment
from advocacy.formats.places import PlacedTemplate
from tests.conftest import FIXTURES, ROOT, TINY, Runner

BROKEN = FIXTURES / "templates"
ANA = Person.model_validate({"id": "ana", "name": "Ana"})
TEMPLATES = ROOT / "templates"

VARIABLES: dict[str, Any] = {
    "case": Case,
    "defender": Person,
    "defenders": list[Person],
    "updated": dt.date,
    "appeal": Letter | None,
    "letterhead": Letterhead,
    "lang": str,
    "title": str,
}
"""What the broken-on-purpose templates are given."""

KINDS: dict[str, dict[str, Any]] = {name: variables(name) for name in CONTEXT_MODELS}
"""What each shipped kind is given: the fields of its context model."""


def check_fixture(name: str) -> list[str]:
    env = environment(TemplateLoader(str(BROKEN)))
    return [str(f) for f in check_source((BROKEN / name).read_text(), name, VARIABLES, env)]


# HTML templates


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "misspelt-variable.html",
            ["misspelt-variable.html:3: 'defendr' is not defined; did you mean 'defender'?"],
        ),
        (
            "misspelt-attribute.html",
            [
                "misspelt-attribute.html:2: 'nmae' is not a field of Person (in case.people[0].nmae); did you mean 'name'?",
                "misspelt-attribute.html:3: 'profle' is not a field of Person (in case.person(…).profle); did you mean 'profile'?",
                "misspelt-attribute.html:4: 'isofromat' is not an attribute of date (in updated.isofromat); did you mean 'isoformat'?",
                "misspelt-attribute.html:5: 'titel' is not a field of Letter (in appeal.titel); did you mean 'title'?",
            ],
        ),
        (
            "loop-attribute.html",
            [
                "loop-attribute.html:5: 'nmae' is not a field of Award (in award.nmae); did you mean 'name'?",
                "loop-attribute.html:5: 'idx' is not an attribute of loop (in loop.idx); did you mean 'index'?",
                "loop-attribute.html:9: 'person' is not defined",
            ],
        ),
        (
            "filters.html",
            [
                "filters.html:3: 'nmae' is not a field of Person (in defenders|map(attribute='nmae')); did you mean 'name'?",
                "filters.html:4: 'nmae' is not a field of Person (in (defenders|last).nmae); did you mean 'name'?",
                "filters.html:5: 'borm' is not a field of Person (in defenders|rejectattr('borm')); did you mean 'born'?",
                "filters.html:6: 'dat' is not a field of Event (in (case.events|selectattr('date')|first).dat); did you mean 'date'?",
            ],
        ),
        (
            "include.html",
            [
                "include.html:5: cannot include 'partials/missing.html': not found in search path: "
                f"{str(BROKEN)!r}",
                "partials/person.html:3: 'nme' is not a field of Person (in person.nme); did you mean 'name'?",
            ],
        ),
        (
            "syntax-error.html",
            [
                "syntax-error.html:6: Encountered unknown tag 'endif'. You probably made a nesting "
                "mistake. Jinja is expecting this tag, but currently looking for 'endfor' or "
                "'else'. The innermost block that needs to be closed is 'for'."
            ],
        ),
        (
            "unknown-filter.html",
            ["unknown-filter.html:3: No filter named 'date_word'; did you mean 'date_words'?"],
        ),
        # Macro parameters, caller, loop, set, with, namespace, call blocks: all bound.
        ("scopes.html", []),
        # Tested with `is defined` / `is undefined`, or given a `|default`.
        ("guarded.html", []),
    ],
)
def test_each_mistake_is_named_at_its_line(name: str, expected: list[str]) -> None:
    assert check_fixture(name) == expected


class Plain:
    """An ordinary class: its instances may carry attributes it does not declare."""

    def __init__(self) -> None:
        self.anything = 1


@dataclass
class Entry:
    event: Event
    note: str | None


@pytest.mark.parametrize(
    ("source", "variables", "expected"),
    [
        ("{{ maybe.name }}", {"maybe": Person | None}, []),
        (
            "{{ maybe.nmae }}",
            {"maybe": Person | None},
            ["'nmae' is not a field of Person (in maybe.nmae); did you mean 'name'?"],
        ),
        ("{{ d.anything }} {{ d['x'].real }}", {"d": dict[str, int]}, []),
        (
            "{% for k, v in d.items() %}{{ k.upper() }}{{ v.real }}{{ v.imag }}{{ v.nope }}{% endfor %}",
            {"d": dict[str, int]},
            ["'nope' is not an attribute of int (in v.nope)"],
        ),
        (
            "{{ pair[0].name }} {{ pair[1].nme }}",
            {"pair": tuple[Person, Letter]},
            ["'nme' is not a field of Letter (in pair[1].nme)"],
        ),
        (
            "{% for p in people %}{{ p.name }}{{ p.nam }}{% endfor %}",
            {"people": Sequence[Person]},
            ["'nam' is not a field of Person (in p.nam); did you mean 'name'?"],
        ),
        (
            "{{ entry.event.text }} {{ entry.evnt }}",
            {"entry": Entry},
            ["'evnt' is not a field of Entry (in entry.evnt); did you mean 'event'?"],
        ),
        ("{{ x.whatever.goes }} {{ o.anything }} {{ o.other }}", {"x": Any, "o": Plain}, []),
        # A method's annotated return type is followed; `loop` has Jinja's attributes only.
        (
            "{{ case.appeal().titel }}",
            {"case": Case},
            ["'titel' is not a field of Letter (in case.appeal().titel); did you mean 'title'?"],
        ),
    ],
)
def test_types_are_followed_and_unknown_ones_never_reported(
    source: str, variables: dict[str, Any], expected: list[str]
) -> None:
    found = check_source(source, "t.html", variables, environment())
    assert [f.message for f in found] == expected
    assert all(f.line == 1 and f.file == "t.html" for f in found)


def shipped(suffix: str) -> list[Path]:
    paths = sorted(p for p in TEMPLATES.glob(f"*/*.{suffix}") if p.parent.name in KINDS)
    assert {p.parent.name for p in paths} == set(KINDS), "every kind has its template"
    return paths


@pytest.mark.parametrize("path", shipped("html"), ids=lambda p: p.name)
def test_the_shipped_html_templates_have_no_findings(path: Path) -> None:
    env = environment(TemplateLoader(str(TEMPLATES)))
    name = f"{path.parent.name}/{path.name}"
    assert check_source(path.read_text(), name, KINDS[path.parent.name], env) == []


@pytest.mark.parametrize("path", shipped("docx"), ids=lambda p: p.name)
def test_the_shipped_word_templates_have_no_findings(path: Path) -> None:
    assert check_docx(path, KINDS[path.parent.name], environment()) == []


def test_a_shipped_template_given_too_little_is_reported() -> None:
    """The checks above can fail: given no `letterhead`, its first use is a finding."""
    variables = {k: v for k, v in KINDS["appeal"].items() if k != "letterhead"}
    html = TEMPLATES / "appeal" / "appeal.html"
    env = environment(TemplateLoader(str(TEMPLATES)))
    found = check_source(html.read_text(), "appeal.html", variables, env)
    first = next(
        number
        for number, line in enumerate(html.read_text().splitlines(), 1)
        if "letterhead." in line and "{{" in line
    )
    assert str(found[0]) == f"appeal.html:{first}: 'letterhead' is not defined"
    docx = check_docx(TEMPLATES / "appeal" / "appeal.docx", variables, environment())
    assert str(docx[0]) == (
        "appeal.docx: paragraph 1 (\"{{ letterhead.organisation }}\"): 'letterhead' is not defined"
    )


# Word templates


def word(tmp_path: Path, build: Callable[[Any], None], name: str = "t.docx") -> Path:
    """A .docx made by ``build`` from python-docx's blank document."""
    doc = WordDocument()
    build(doc)
    path = tmp_path / name
    doc.save(str(path))
    return path


def paragraphs(*texts: str) -> Callable[[Any], None]:
    """Build a document of these paragraphs."""

    def build(doc: Any) -> None:
        for text in texts:
            doc.add_paragraph(text)

    return build


def checked(path: Path) -> list[str]:
    return [str(f) for f in check_docx(path, VARIABLES, environment())]


def test_word_findings_name_the_paragraph_the_cell_and_the_header(tmp_path: Path) -> None:
    def build(doc: Any) -> None:
        doc.add_paragraph("Urgent appeal")
        doc.add_paragraph("{{ defendr.name }} is a human rights defender in {{ case.country }}")
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Name"
        table.cell(1, 1).paragraphs[0].text = "Nationality"
        table.cell(1, 1).add_paragraph("{{ defender.nmae }}")
        # A loop variable used after its loop, in a cell: docxtpl-lint's DTL106, said once.
        leak = table.cell(1, 0)
        leak.paragraphs[0].text = "{%p for x in defenders %}"
        for text in ("{{ x.name }}", "{%p endfor %}", "{{ x.name }}"):
            leak.add_paragraph(text)
        # A tag split over runs of different formatting: docxtpl joins them, so does the check.
        split = doc.add_paragraph()
        split.add_run("Born {{ defender.").bold = True
        split.add_run("bron }} in").italic = True
        for text in ("{%p for p in defenders %}", "{{ p.name }}", "{%p endfor %}", "{{ p.name }}"):
            doc.add_paragraph(text)
        doc.sections[0].header.paragraphs[0].text = "{{ titel }}"

    leak = (
        "only exists inside a `for` loop (loop variable, `loop`, or a `set` inside the loop) but "
        "is used after it; Jinja does not leak loop scope, so it renders empty or raises "
        "UndefinedError [DTL106]"
    )
    assert checked(word(tmp_path, build)) == [
        "t.docx: paragraph 2 (\"{{ defendr.name }} is a human rights defender in {{ case.co…\"): 'defendr' is not defined; did you mean 'defender'?",
        f't.docx: table 1, row 2, cell 1, paragraph 4 ("{{{{ x.name }}}}"): `x` {leak}',
        "t.docx: table 1, row 2, cell 2, paragraph 2 (\"{{ defender.nmae }}\"): 'nmae' is not a field of Person (in defender.nmae); did you mean 'name'?",
        "t.docx: paragraph 11 (\"Born {{ defender.bron }} in\"): 'bron' is not a field of Person (in defender.bron); did you mean 'born'?",
        f't.docx: paragraph 15 ("{{{{ p.name }}}}"): `p` {leak}',
        "t.docx: header 1, paragraph 1 (\"{{ titel }}\"): 'titel' is not defined; did you mean 'title'?",
    ]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ("Defenders", "{%tr for p in defenders %}", "{{ p.name }}", "{%tr endfor %}"),
            [
                't.docx: paragraph 2 ("{%tr for p in defenders %}"): `{%tr for p in defenders %}` uses the `tr` prefix but is not inside a table cell [DTL203]',
                't.docx: paragraph 4 ("{%tr endfor %}"): `{%tr endfor %}` uses the `tr` prefix but is not inside a table cell [DTL203]',
            ],
        ),
        (
            ("{%p if defender %} Dear friend,", "{{ defender.name }}", "{%p endif %}"),
            [
                't.docx: paragraph 1 ("{%p if defender %} Dear friend,"): `{%p if defender %}` makes docxtpl replace the whole paragraph with the tag, so `Dear friend,` next to it disappears from the output without any error. Move that content to its own paragraph [DTL209]'
            ],
        ),
        (
            ("{{ defender.name", "}} is a defender"),
            [
                't.docx: paragraph 1 ("{{ defender.name"): warning: `{{` is only closed in paragraph ¶2; docxtpl merges these paragraphs and their formatting is lost (use --allow-cross-paragraph if intended) [DTL002]'
            ],
        ),
        (
            ("{%p if defender %}", "{{ defender.name }}"),
            [
                't.docx: paragraph 1 ("{%p if defender %}"): `{% if %}` is never closed: missing `{% endif %}` [DTL101]'
            ],
        ),
        (
            ("Issued", "{{ appeal.issued|date_word }}"),
            [
                "t.docx: paragraph 2 (\"{{ appeal.issued|date_word }}\"): No filter named 'date_word'; did you mean 'date_words'?"
            ],
        ),
    ],
    ids=[
        "tr-outside-a-table",
        "p-tag-beside-text",
        "tag-over-two-paragraphs",
        "unclosed",
        "filter",
    ],
)
def test_docxtpl_mistakes_are_named_once_at_their_paragraph(
    tmp_path: Path, texts: tuple[str, ...], expected: list[str]
) -> None:
    assert checked(word(tmp_path, paragraphs(*texts))) == expected


def test_a_file_that_is_not_a_word_document_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_text("not a zip")
    [finding] = check_docx(path, VARIABLES, environment())
    assert str(finding) == "letter.docx: is not a Word document (not a zip file): save it as .docx"


def test_finding_reads_file_line_message() -> None:
    assert str(Finding("a.html", 3, "'x' is not defined")) == "a.html:3: 'x' is not defined"
    docx = Finding("a.docx", None, "tag", where='paragraph 2 ("x")', warning=True, rule="DTL002")
    assert str(docx) == 'a.docx: paragraph 2 ("x"): warning: tag [DTL002]'


# Errors while rendering a Word template


def render_error(path: Path) -> str:
    template = PlacedTemplate(str(path))
    context = {"defender": ANA, "defenders": []}
    with pytest.raises((JinjaError, ArithmeticError)) as caught:
        template.render(context, environment(), autoescape=True)
    error = template.error(caught.value, path.name)
    assert isinstance(error, TemplateError)
    return str(error)


def _in_a_cell(doc: Any) -> None:
    doc.add_paragraph("Before the table")
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "{{ 1/0 }}"


def _in_a_row_tag(doc: Any) -> None:
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "{%tr for x in defender.nmae %}"
    table.cell(1, 0).text = "{{ x }}"
    table.cell(2, 0).text = "{%tr endfor %}"


def _in_a_header(doc: Any) -> None:
    doc.add_paragraph("Body")
    doc.sections[0].header.paragraphs[0].text = "{{ defendr }}"


ATTRIBUTE = "'advocacy.facts.models.people.Person object' has no attribute 'nmae'"


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            paragraphs(
                "Dear colleagues,",
                "{%p if defender %}",
                "{{ defender.nmae }} is a defender of human rights in Kazakhstan since 2010",
                "{%p endif %}",
            ),
            f'r.docx: paragraph 3 ("{{{{ defender.nmae }}}} is a defender of human rights in Kazakh…"): {ATTRIBUTE}',
        ),
        (_in_a_cell, 'r.docx: table 1, row 1, cell 2, paragraph 1 ("{{ 1/0 }}"): division by zero'),
        (
            _in_a_row_tag,
            f'r.docx: table 1, row 1, cell 2, paragraph 1 ("{{%tr for x in defender.nmae %}}"): {ATTRIBUTE}',
        ),
        (_in_a_header, "r.docx: header 1, paragraph 1 (\"{{ defendr }}\"): 'defendr' is undefined"),
        (
            paragraphs("Intro", "{% if %}"),
            "r.docx: paragraph 2 (\"{% if %}\"): Expected an expression, got 'end of statement block'",
        ),
    ],
    ids=["paragraph", "cell", "row-tag", "header", "syntax"],
)
def test_a_render_error_names_its_paragraph(
    tmp_path: Path, build: Callable[[Any], None], expected: str
) -> None:
    assert render_error(word(tmp_path, build, "r.docx")) == expected


def test_rendering_the_command_names_the_paragraph_of_a_broken_word_template(
    tmp_path: Path, run: Runner
) -> None:
    doc = WordDocument(str(TEMPLATES / "appeal" / "appeal.docx"))
    [title] = [p for p in doc.paragraphs if p.text == "{{ title }}"]
    title.runs[0].text = "{{ appeal.titel }}"
    (tmp_path / "mine" / "appeal").mkdir(parents=True)
    doc.save(str(tmp_path / "mine" / "appeal" / "appeal.docx"))
    result = run(
        "render", "appeal", TINY, "--templates", tmp_path / "mine", "-f", "docx", "-o", tmp_path
    )
    assert result.code == 1
    assert (
        'appeal.docx: paragraph 31 ("{{ appeal.titel }}"): \'advocacy.facts.models.appeals.Letter '
        "object' has no attribute 'titel'" in result.err
    )


# Placing paragraphs changes nothing in what docxtpl makes


def rendered_parts(cls: type[Any], path: Path, context: dict[str, Any]) -> dict[str, bytes]:
    template = cls(str(path))

    def rich(text: str) -> Any:
        out = RichText()
        for run in runs(text):
            out.add(run.text, italic=run.italic, bold=run.bold)
        return out

    template.render(context, environment(rich=rich), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("word/")}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_placed_templates_render_the_shipped_ones_byte_for_byte(
    kind: str, bundled: LoadedCase
) -> None:
    doc = document(bundled, kind)
    context = {**doc.template_context, "figure": "(figure)"}
    path = TEMPLATES / kind / f"{kind}.docx"
    placed = rendered_parts(PlacedTemplate, path, context)
    assert placed == rendered_parts(DocxTemplate, path, context)
    assert b"{#" not in placed["word/document.xml"]


def outcome(cls: type[Any], path: Path, context: dict[str, Any]) -> dict[str, bytes] | str:
    """The parts ``cls`` renders, or the kind of error it raises."""
    try:
        return rendered_parts(cls, path, context)
    except Exception as err:  # compared, not hidden: both classes must fail alike
        return type(err).__name__


@pytest.mark.parametrize(
    "texts",
    [
        ("{% raw %}kept as text", "{{ over }} two paragraphs{% endraw %}", "{{ defender.name }}"),
        ("{# a comment", "over two paragraphs #}", "{{ defender.name }}"),
        ("{{ defender", ".name }} over two paragraphs", "after"),
        ("{%p if defender %}", "{% if defender %}Ana{% endif %}", "{%p endif %}"),
        ("Intro", "{# never closed", ""),
    ],
    ids=["raw", "comment", "split-tag", "p-tags", "unclosed"],
)
def test_placed_templates_render_tricky_ones_as_docxtpl_does(
    tmp_path: Path, texts: tuple[str, ...]
) -> None:
    """Marks inside Jinja code (a raw block, a comment never closed) are dropped, not kept."""
    path = word(tmp_path, paragraphs(*texts))
    context = {"defender": ANA}
    assert outcome(PlacedTemplate, path, context) == outcome(DocxTemplate, path, context)
