"""EDTF dates: parsing, order and wording."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy.facts.dates import EdtfDate
from advocacy.i18n.words import date_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-07-31", "31 July 2025"),
        ("2025-08", "August 2025"),
        ("2004", "2004"),
        ("2016-05-16/2016-05-20", "16–20 May 2016"),
        ("2025-05~", "around May 2025"),
        ("2025-05?", "May 2025 (unconfirmed)"),
        ("2025-05/2025-08", "May – August 2025"),
        ("2024-12/2025-02", "December 2024 – February 2025"),
        ("2025-07-31/2025-07-31", "31 July 2025"),
        ("2019/..", "since 2019"),
        ("2025-05/", "from May 2025 (end unknown)"),
        ("../2019-04", "until April 2019"),
        ("/2019", "(start unknown) to 2019"),
    ],
)
def test_dates_in_words(text: str, words: str) -> None:
    assert date_words(EdtfDate.parse(text)) == words


def test_undated_reads_date_unknown() -> None:
    assert date_words(None) == "Date unknown"


def test_partial_dates_sort_by_start_wider_first_a_point_before_an_interval() -> None:
    texts = ["2016-05-16/2016-05-20", "2010-03-16", "2004", "2016-05", "2016-05-16", "2016"]
    ordered = sorted((EdtfDate.parse(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == [
        "2004",
        "2010-03-16",
        "2016",
        "2016-05",
        "2016-05-16",
        "2016-05-16/2016-05-20",
    ]


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_yaml_dates_and_iso_strings_are_the_same_date(day: dt.date) -> None:
    from_date, from_text = EdtfDate.parse(day), EdtfDate.parse(day.isoformat())
    assert from_date == from_text
    assert (from_date.lower, from_date.upper) == (day, day)


@given(st.integers(min_value=1000, max_value=2999))
def test_a_yaml_int_is_a_year(year: int) -> None:
    parsed = EdtfDate.parse(year)
    assert parsed.text == str(year)
    assert (parsed.lower, parsed.upper) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
    st.sampled_from(["", "~", "?", "%"]),
)
def test_the_fast_path_agrees_with_the_edtf_package(
    day: dt.date, precision: str, qualifier: str
) -> None:
    from advocacy.facts.dates import _parse_with_edtf

    text = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision]
    text = day.strftime(text) + qualifier
    fast, slow = EdtfDate.parse(text).start, _parse_with_edtf(text)
    assert (fast.lower, fast.upper, fast.precision) == (slow.lower, slow.upper, slow.precision)
    assert (fast.approximate, fast.uncertain) == (slow.approximate, slow.uncertain)


def test_other_edtf_forms_go_through_the_edtf_package() -> None:
    spring = EdtfDate.parse("2025-21")
    assert (spring.lower, spring.upper) == (dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    decade = EdtfDate.parse("201X")
    assert (decade.lower, decade.upper) == (dt.date(2010, 1, 1), dt.date(2019, 12, 31))


def test_an_open_interval_sorts_by_its_known_start() -> None:
    ongoing, closed = EdtfDate.parse("2025-05/.."), EdtfDate.parse("2025-05/2025-06")
    assert ongoing.lower == closed.lower == dt.date(2025, 5, 1)
    assert ongoing.is_interval and ongoing.upper == dt.date.max


def test_an_interval_needs_a_known_end() -> None:
    with pytest.raises(ValueError, match="needs at least one known end"):
        EdtfDate.parse("../..")


@pytest.mark.parametrize(
    ("text", "ru", "kk"),
    [
        # CLDR's forms: Russian genitive month in a full date, stand-alone month alone, genitive
        # after a preposition ("около мая"); Kazakh year first.
        ("2025-08-05", "5 августа 2025 г.", "2025 ж. 5 тамыз"),
        ("2025-05", "май 2025 г.", "2025 ж. мамыр"),
        ("2016-05-16/2016-05-20", "16–20 мая 2016 г.", "2016 ж. 16–20 мамыр"),
        ("2025-05~", "около мая 2025 г.", "шамамен 2025 ж. мамыр"),
        ("2025-08-07~", "около 7 августа 2025 г.", "шамамен 2025 ж. 7 тамыз"),
        ("2005?", "2005 (не подтверждено)", "2005 (расталмаған)"),
        (
            "2024-12/2025-02",
            "декабрь 2024 г. – февраль 2025 г.",
            "2024 ж. желтоқсан – 2025 ж. ақпан",
        ),
        ("2025-05/..", "с мая 2025 г.", "2025 ж. мамырдан бастап"),
        (
            "2025-05/",
            "с мая 2025 г. (окончание неизвестно)",
            "2025 ж. мамырдан бастап (аяқталуы белгісіз)",
        ),
        ("../2019-04", "до апреля 2019 г.", "2019 ж. сәуірге дейін"),
        ("/2019", "(начало неизвестно) — до 2019", "(басталуы белгісіз) 2019 жылға дейін"),
        ("2024-04-30/..", "с 30 апреля 2024 г.", "2024 ж. 30 сәуірден бастап"),
        ("../2019-12", "до декабря 2019 г.", "2019 ж. желтоқсанға дейін"),
    ],
)
def test_dates_in_words_in_russian_and_kazakh(text: str, ru: str, kk: str) -> None:
    date = EdtfDate.parse(text)
    # CLDR puts a narrow no-break space before "г." and "ж.": it reads as a space; a soft
    # hyphen (where a long word may break in a narrow column) reads as nothing.
    assert date_words(date, "ru").replace("\u202f", " ").replace("\u00ad", "") == ru
    assert date_words(date, "kk").replace("\u202f", " ") == kk


def test_undated_and_money_in_each_language() -> None:
    from advocacy.facts.models import Amount
    from advocacy.i18n.words import money_words

    assert [date_words(None, lang) for lang in ("ru", "kk")] == ["Дата неизвестна", "Күні белгісіз"]
    fine = Amount(amount="78640", currency="KZT")
    about = Amount(amount="78000", currency="KZT", approximate=True)
    dollars = Amount(amount="145.5", currency="USD")
    assert [money_words(a, "en") for a in (fine, about, dollars)] == [
        "KZT 78,640", "approximately KZT 78,000", "USD 145.5",
    ]  # fmt: skip
    assert [money_words(a, "ru").replace("\xa0", " ") for a in (fine, about, dollars)] == [
        "78 640 KZT", "около 78 000 KZT", "145,5 USD",
    ]  # fmt: skip
    assert money_words(about, "kk").replace("\xa0", " ") == "шамамен 78 000 KZT"
