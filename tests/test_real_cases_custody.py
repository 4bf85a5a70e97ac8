"""Custody, charges and dates as real cases need them (issue 14), on a FICTIONAL case.

tests/fixtures/cases/custody.yaml holds three invented defenders: two in pre-trial detention
(one with confidential health and lawyer access), one sentenced to prison with an appeal and a
cassation, a pending charge, a hearing scheduled after `updated` and two events of one day
ordered by their time. Every kind is rendered in both formats for both audiences, and what a
reader sees is checked: the facts where they belong, the confidential ones only internally.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advocacy.cli.app import main
from tests.conftest import FIXTURES, Runner, tiny_case
from tests.extract import docx_text, in_order, normalise, pdf_text

CASE = FIXTURES / "cases" / "custody.yaml"

DANA = (
    "Dana Fictive: In pre-trial detention since 30 April 2024 at Fictive Detention Centre No. 1; "
    "next review 28 August 2025."
)
ERLAN = (
    "Erlan Fictive: In pre-trial detention since 28 June 2025 at Fictive Detention Centre No. 2; "
    "next review 1 September 2025."
)
GULNAR = "Gulnar Fictive: In prison since 15 September 2023 at Fictive Penal Colony No. 7."
HEALTH = "She has untreated high blood pressure."
LAWYER = "Her lawyer Zarina Invented was refused visits three times."

Rendered = Callable[..., Path]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """``rendered(kind, *options)``: the folder the kind was rendered into, PDF and DOCX."""
    made: dict[tuple[str, ...], Path] = {}

    def render(*args: str) -> Path:
        if args not in made:
            out = tmp_path_factory.mktemp("custody")
            try:
                main(["render", args[0], str(CASE), "-f", "pdf", "-f", "docx",
                      *args[1:], "-o", str(out)])  # fmt: skip
            except SystemExit as done:
                assert done.code in (0, None)
            made[args] = out
        return made[args]

    return render


def texts(folder: Path, stem: str) -> dict[str, str]:
    return {
        "pdf": normalise(pdf_text(folder / f"{stem}.pdf")),
        "docx": normalise(docx_text(folder / f"{stem}.docx")),
    }


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_summary_says_each_defenders_custody_first_in_both_formats(
    rendered: Rendered, audience: str
) -> None:
    folder = rendered("summary", "--audience", audience)
    for fmt, text in texts(folder, "summary").items():
        assert not in_order(
            text,
            [
                "What is happening now",
                DANA,
                ERLAN,
                GULNAR,
                "14 August 2025",
                "scheduled for 15 September 2025",
                "The trial of Dana Fictive opens",
                "Charges",
            ],
        ), fmt
        # The period that ended is history, not "now".
        assert "10 January" not in text, fmt


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_summary_tables_pending_charges_prison_terms_and_every_level_of_appeal(
    rendered: Rendered, audience: str
) -> None:
    folder = rendered("summary", "--audience", audience)
    for fmt, text in texts(folder, "summary").items():
        assert not in_order(
            text,
            [
                "Dana Fictive",
                "Criminal Code, Article 274",
                "Pending [1]",
                "Maximum penalty: up to 7 years of imprisonment",
                "Gulnar Fictive",
                "Criminal Code, Article 402",
                "14 September 2023: found guilty",
                "7 years and 6 months of imprisonment",
                "Maximum penalty: up to 10 years of imprisonment",
                "Appeal: Fictive Regional Court, 1 December 2023: upheld [1]",
                "Cassation: Fictive Supreme Court, 20 June 2024: upheld [2]",
            ],
        ), fmt
        # The pending charge never reads as decided.
        pending = text[text.index("Article 274") : text.index("Article 402")]
        assert "found guilty" not in pending and "None recorded" in pending, fmt


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_chronology_orders_a_day_by_time_and_lists_every_custody_period(
    rendered: Rendered, audience: str
) -> None:
    folder = rendered("chronology", "--audience", audience)
    for fmt, text in texts(folder, "chronology").items():
        assert not in_order(
            text,
            [
                "30 April 2024",
                "Police arrested Dana Fictive",
                "28 June 2025, 09:15",
                "Police detained Erlan Fictive outside the courthouse.",
                "28 June 2025, 18:45",
                "Investigators ordered Erlan Fictive held",
                "scheduled for 15 September 2025",
                "Custody",
                "Gulnar Fictive: In pre-trial detention 10 January – 14 September 2023 at "
                "Fictive Detention Centre No. 1.",
                GULNAR,
                "Term: 7 years and 6 months",
                DANA,
                "Authority: Fictive District Court",
                "Legal basis: Criminal Procedure Code, Article 147",
                "Term: two months, extended",
            ],
        ), fmt
        assert not in_order(text, [ERLAN, "Lawyer access: He sees his lawyer weekly."]), fmt


@pytest.mark.parametrize("kind", ["summary", "chronology", "appeal"])
def test_confidential_custody_fields_are_only_in_internal_documents(
    rendered: Rendered, kind: str
) -> None:
    stem = "appeal-first" if kind == "appeal" else kind
    for fmt, text in texts(rendered(kind), stem).items():
        assert HEALTH not in text and "Zarina Invented" not in text, (kind, fmt)
        assert "Dana Fictive" in text, (kind, fmt)
    if kind == "chronology":
        for fmt, text in texts(rendered(kind, "--audience", "internal"), stem).items():
            assert not in_order(text, [DANA, f"Lawyer access: {LAWYER}", f"Health: {HEALTH}"]), fmt


def test_custody_and_the_terms_read_in_russian_and_kazakh(rendered: Rendered) -> None:
    ru = texts(rendered("summary", "--lang", "ru", "--fallback"), "summary")
    kk = texts(rendered("summary", "--lang", "kk", "--fallback"), "summary")
    for fmt in ("pdf", "docx"):
        assert not in_order(
            ru[fmt],
            [
                "В предварительном заключении с 30 апреля 2024 г., место содержания: Fictive "
                "Detention Centre No. 1; следующее рассмотрение — 28 августа 2025 г.",
                "назначено на 15 сентября 2025 г.",
                "Решение не вынесено",
                "лишение свободы на срок 7 лет и 6 месяцев",
                "Кассация: Fictive Supreme Court",
            ],
        ), fmt
        assert not in_order(
            kk[fmt],
            [
                "2024 ж. 30 сәуірден бастап тергеу изоляторында қамауда",
                "2025 ж. 15 қыркүйекке белгіленген",
                "Қаралуда",
                "Кассация: Fictive Supreme Court",
            ],
        ), fmt


def _broken(tmp_path: Path, change: Callable[[Any], None]) -> Path:
    return tiny_case(tmp_path, change)


def _pending_with_a_decision(data: Any) -> None:
    data["charges"][0]["status"] = "pending"


def _confirmed_after_updated(data: Any) -> None:
    data["events"].append(
        {"date": "2025-09-15", "kind": "hearing", "text": "A hearing.", "sources": ["report"]}
    )


def _bad_time(data: Any) -> None:
    data["events"][0]["time"] = "25:00"


def _time_on_a_month(data: Any) -> None:
    data["events"][0]["date"] = "2025-07"
    data["events"][0]["time"] = "10:00"


def _custody_after_updated(data: Any) -> None:
    data["custody"] = [
        {"person": "ana-example", "kind": "prison", "date": "2025-09-01/..", "sources": ["report"]}
    ]


def _empty_term(data: Any) -> None:
    data["charges"][0]["imprisonment"] = {"suspended": True}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _pending_with_a_decision,
            [
                "tiny.yaml:32:12: charges[0].decided: a pending charge has no decision yet",
                "tiny.yaml:33:3: charges[0].penalty: a pending charge has no decision yet",
            ],
        ),
        (
            _confirmed_after_updated,
            ["events[1].date: 2025-09-15 is after the date the record is current to"],
        ),
        (_bad_time, ["events[0].time: '25:00' is not a time of day; write it as HH:MM"]),
        (_time_on_a_month, ["events[0].time: a time of day needs a date of one day"]),
        (
            _custody_after_updated,
            ["custody[0].date: 2025-09-01/.. starts after the date the record is current to"],
        ),
        (_empty_term, ["charges[0].imprisonment: give the term in `years`, `months` or both"]),
    ],
)
def test_mistakes_in_custody_charges_and_dates_are_reported_at_their_place(
    run: Runner, tmp_path: Path, change: Callable[[Any], None], expected: list[str]
) -> None:
    result = run("validate", _broken(tmp_path, change))
    assert result.code == 1
    assert "Traceback" not in result.err
    for message in expected:
        assert message in result.err, result.err


def test_validate_counts_the_custody_periods(run: Runner) -> None:
    result = run("validate", CASE)
    assert result.code == 0, result.err
    assert "5 events, 2 charges, 4 custody periods, 2 sources, 1 appeal;" in result.out


def test_a_scheduled_event_may_come_after_updated(run: Runner, tmp_path: Path) -> None:
    def scheduled(data: Any) -> None:
        _confirmed_after_updated(data)
        data["events"][-1]["status"] = "scheduled"

    result = run("validate", _broken(tmp_path, scheduled))
    assert result.code == 0, result.err


def test_the_public_case_drops_confidential_periods_fields_and_authorities(tmp_path: Path) -> None:
    from advocacy.facts.load import load_case
    from advocacy.views.audience import public_case

    def held(data: Any) -> None:
        data["organisations"].append(
            {"id": "secret-unit", "name": "Secret Unit", "confidential": True}
        )
        data["custody"] = [
            {"person": "ana-example", "kind": "arrest", "date": "2025-07-30",
             "place": "A hidden flat", "sources": ["report"], "confidential": True},
            {"person": "ana-example", "kind": "house-arrest", "date": "2025-07-31/..",
             "authority": "secret-unit", "health": "Unwell.", "term": "one month",
             "sources": ["report"], "confidential": ["health"]},
        ]  # fmt: skip

    case = load_case(_broken(tmp_path, held)).case
    public = public_case(case)
    assert [p.kind for p in case.custody] == ["arrest", "house-arrest"]
    (kept,) = public.custody
    assert (kept.kind, kept.term, kept.health, kept.authority) == (
        "house-arrest",
        "one month",
        None,
        None,
    )
    assert kept.confidential is False
