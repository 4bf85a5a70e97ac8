"""Dates, money and lists in words, per language, through Babel (CLDR).

Dates follow each language's CLDR patterns: '5 August 2025' (English is written the British
way, as the appeals are), '5 августа 2025 г.', '2025 ж. 5 тамыз'; a month alone in the
stand-alone form ('май 2025 г.'), after 'around', 'since' and 'until' in the form the
sentence needs ('около мая 2025 г.'). The words around them ("around", "since",
"(unconfirmed)") come from the catalogs (:mod:`advocacy.i18n.catalogs`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from advocacy.i18n.catalogs import translate

if TYPE_CHECKING:  # facts are said in words here, never built: i18n stands below the facts
    from advocacy.facts.dates import DatePart, EdtfDate
    from advocacy.facts.models.charges import Amount
    from advocacy.facts.models.sources import Source


def date_words(value: dt.date | EdtfDate | None, lang: str = "en") -> str:
    """A date as a reader writes it: '5 August 2025', 'August 2025', '16–20 May 2016'."""
    if value is None:
        return translate(lang, "Date unknown")
    if isinstance(value, dt.date):
        return _format(value, "day", lang)
    if value.end is None:
        return _qualified(value.start, lang)
    if value.open_end:
        since = _governed(_qualified(value.start, lang, inflected=True), "from", lang)
        if value.open_end == "open":
            return translate(lang, "since %(date)s", date=since)
        return translate(lang, "from %(date)s (end unknown)", date=since)
    if value.open_start:
        until = _governed(_qualified(value.end, lang, inflected=True), "to", lang)
        if value.open_start == "open":
            return translate(lang, "until %(date)s", date=until)
        return translate(lang, "(start unknown) to %(date)s", date=until)
    return _interval_words(value.start, value.end, lang)


# Kazakh says "since" and "until" with a postposition after the date ("бастап", "дейін") that
# takes the date's last word in the ablative ("маусымнан") or the dative ("маусымға"). The
# date ends with a month's name (or a year, "2025 жылдан"), so the forms are listed here.
_KK_MONTHS = {
    "қаңтар": ("қаңтардан", "қаңтарға"),
    "ақпан": ("ақпаннан", "ақпанға"),
    "наурыз": ("наурыздан", "наурызға"),
    "сәуір": ("сәуірден", "сәуірге"),
    "мамыр": ("мамырдан", "мамырға"),
    "маусым": ("маусымнан", "маусымға"),
    "шілде": ("шілдеден", "шілдеге"),
    "тамыз": ("тамыздан", "тамызға"),
    "қыркүйек": ("қыркүйектен", "қыркүйекке"),
    "қазан": ("қазаннан", "қазанға"),
    "қараша": ("қарашадан", "қарашаға"),
    "желтоқсан": ("желтоқсаннан", "желтоқсанға"),
}


def _governed(words: str, by: str, lang: str) -> str:
    """``words`` (a date) in the form 'from' or 'to' governs: only Kazakh changes it."""
    if lang.split("-")[0] != "kk":
        return words
    head, _, last = words.rpartition(" ")
    index = 0 if by == "from" else 1
    if last in _KK_MONTHS:
        return f"{head} {_KK_MONTHS[last][index]}".strip()
    if last.isdigit():  # a year alone
        return f"{words} {('жылдан', 'жылға')[index]}"
    return words  # a qualified date ('(расталмаған)'): left as the catalog words it


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    # English documents write dates the British way ('5 August 2025'), as the appeals do.
    return Locale.parse("en-GB" if lang == "en" else lang, sep="-")


def _pattern(precision: str, lang: str, inflected: bool = False) -> str:
    """The CLDR pattern of a day, a month or a year in ``lang``.

    ``inflected`` gives a month in the form a preposition takes (Russian genitive 'мая'
    instead of the stand-alone 'май'); languages without such forms write it the same.
    """
    locale = _locale(lang)
    if precision == "day":
        return str(locale.date_formats["long"].pattern)
    if precision == "month":
        pattern = str(locale.datetime_skeletons["yMMMM"].pattern)
        return pattern.replace("LLLL", "MMMM") if inflected else pattern
    return "y"


def _format(day: dt.date, precision: str, lang: str, inflected: bool = False) -> str:
    from babel.dates import format_date

    return format_date(day, _pattern(precision, lang, inflected), locale=_locale(lang))


def _qualified(part: DatePart, lang: str, inflected: bool = False) -> str:
    words = _format(part.lower, part.precision, lang, inflected or part.approximate)
    if part.approximate:
        words = translate(lang, "around %(date)s", date=words)
    if part.uncertain:
        words = translate(lang, "%(date)s (unconfirmed)", date=words)
    return words


def _interval_words(start: DatePart, end: DatePart, lang: str) -> str:
    if start == end:
        return _qualified(start, lang)
    same = start.precision == end.precision == "day" and not (
        start.approximate or start.uncertain or end.approximate or end.uncertain
    )
    if same and start.lower.year == end.lower.year and start.lower.month == end.lower.month:
        return _day_range(start.lower, end.lower, lang)
    first, last = _qualified(start, lang), _qualified(end, lang)
    if (
        start.lower.year == end.lower.year
        and start.precision != "year"
        and not (start.approximate or start.uncertain)
    ):
        first = first.removesuffix(f" {start.lower.year}")
    return f"{first} – {last}"


def _day_range(start: dt.date, end: dt.date, lang: str) -> str:
    """Days of one month: '16–20 May 2016', '16–20 мая 2016 г.', '2016 ж. 16–20 мамыр'."""
    from babel.dates import format_date

    # The day field of the long pattern (outside its quoted literals) becomes the range.
    parts = _pattern("day", lang).split("'")
    days = f"'{start.day}–{end.day}'"
    parts[::2] = [re.sub(r"(?<!d)d{1,2}(?!d)", days, part) for part in parts[::2]]
    return format_date(end, "'".join(parts), locale=_locale(lang))


def scheduled_words(value: EdtfDate, lang: str = "en") -> str:
    """'scheduled for 15 September 2025': a date something is announced for."""
    words = date_words(value, lang)
    if not value.is_interval:
        words = _governed(words, "to", lang)
    return translate(lang, "scheduled for %(date)s", date=words)


def term_words(years: int, months: int, lang: str = "en") -> str:
    """'7 years and 6 months', '7 лет и 6 месяцев', through CLDR's units (plurals included)."""
    from babel.units import format_unit

    locale = _locale(lang)
    parts = [
        format_unit(number, unit, length="long", locale=locale)
        for number, unit in ((years, "duration-year"), (months, "duration-month"))
        if number
    ]
    return list_words(parts, lang)


def imprisonment_words(years: int, months: int, suspended: bool, lang: str = "en") -> str:
    """'7 years and 6 months of imprisonment', '2 years of imprisonment, suspended'."""
    term = term_words(years, months, lang)
    if suspended:
        return translate(lang, "%(term)s of imprisonment, suspended", term=term)
    return translate(lang, "%(term)s of imprisonment", term=term)


def money_words(amount: Amount, lang: str = "en") -> str:
    """'KZT 78,640', 'approximately KZT 78,000'; '78 640 KZT' in Russian.

    The number as the language writes it, and the currency's ISO code where the language puts
    its currency (before or after): the code reads the same in every language and font.
    """
    from babel.numbers import format_decimal

    locale = _locale(lang)
    number = format_decimal(Decimal(amount.amount), locale=locale, decimal_quantization=False)
    code_first = str(locale.currency_formats["standard"].pattern).lstrip("\u200f").startswith("¤")
    words = f"{amount.currency} {number}" if code_first else f"{number} {amount.currency}"
    return (
        translate(lang, "approximately %(amount)s", amount=words) if amount.approximate else words
    )


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
        accessed = translate(lang, "Accessed %(date)s.", date=date_words(source.accessed, lang))
        text += f" {accessed}"
    return text
