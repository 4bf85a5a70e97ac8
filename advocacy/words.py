"""Dates, money and lists in words, per language, through Babel (CLDR)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from advocacy.dates import DatePart, EdtfDate
from advocacy.models.charges import Amount
from advocacy.models.sources import Source


def date_words(value: dt.date | EdtfDate | None, lang: str = "en") -> str:
    """A date as a reader writes it: '5 August 2025', 'August 2025', '16–20 May 2016'."""
    if value is None:
        return "Date unknown"
    if isinstance(value, dt.date):
        return _format(value, "day", lang)
    if value.end is None:
        return _qualified(value.start, _part_words(value.start, lang))
    if value.open_end:
        since = _qualified(value.start, _part_words(value.start, lang))
        return f"since {since}" if value.open_end == "open" else f"from {since} (end unknown)"
    if value.open_start:
        until = _qualified(value.end, _part_words(value.end, lang))
        return f"until {until}" if value.open_start == "open" else f"(start unknown) to {until}"
    return _interval_words(value.start, value.end, lang)


def _format(day: dt.date, precision: str, lang: str) -> str:
    from babel.dates import format_date

    pattern = {"day": "d MMMM y", "month": "LLLL y", "year": "y"}[precision]
    return format_date(day, pattern, locale=lang)


def _part_words(part: DatePart, lang: str) -> str:
    return _format(part.lower, part.precision, lang)


def _qualified(part: DatePart, words: str) -> str:
    if part.approximate:
        words = f"around {words}"
    if part.uncertain:
        words = f"{words} (unconfirmed)"
    return words


def _interval_words(start: DatePart, end: DatePart, lang: str) -> str:
    if start == end:
        return _qualified(start, _part_words(start, lang))
    same = start.precision == end.precision == "day" and not (
        start.approximate or start.uncertain or end.approximate or end.uncertain
    )
    if same and start.lower.year == end.lower.year and start.lower.month == end.lower.month:
        return f"{start.lower.day}–{_format(end.lower, 'day', lang)}"
    first, last = _part_words(start, lang), _part_words(end, lang)
    if (
        start.lower.year == end.lower.year
        and start.precision != "year"
        and not (start.approximate or start.uncertain)
    ):
        first = _format(start.lower, start.precision, lang).removesuffix(f" {start.lower.year}")
    return f"{_qualified(start, first)} – {_qualified(end, last)}"


def money_words(amount: Amount, lang: str = "en") -> str:
    """'KZT 78,640', 'approximately KZT 78,000'."""
    from babel.numbers import format_decimal

    number = format_decimal(Decimal(amount.amount), locale=lang, decimal_quantization=False)
    words = f"{amount.currency} {number}"
    return f"approximately {words}" if amount.approximate else words


def country_name(code: str, lang: str = "en") -> str:
    """'KZ' as 'Kazakhstan'."""
    from babel import Locale

    return str(Locale.parse(lang, sep="-").territories.get(code, code))


def list_words(items: list[str] | tuple[str, ...], lang: str = "en") -> str:
    """'a, b and c'."""
    from babel.lists import format_list

    return format_list(list(items), locale=lang) if items else ""


def citation(source: Source, lang: str = "en") -> str:
    """A source as a list of sources gives it: publisher, author, title, date, accessed.

    The URL is left to the template, which prints it as a link.
    """
    title = f"“{source.title}”" + (f" ({source.version})" if source.version else "")
    parts = [source.publisher, source.author, title]
    if source.published is not None:
        parts.append(date_words(source.published, lang))
    text = ". ".join(part.rstrip(".") for part in parts if part) + "."
    if source.accessed is not None:
        text += f" Accessed {date_words(source.accessed, lang)}."
    return text
