"""Codes checked against CLDR (through Babel): countries, currencies, languages."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field

# CLDR territory codes that are groupings or placeholders, not countries.
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}


@cache
def _countries() -> frozenset[str]:
    from babel.core import get_global

    # The territories CLDR knows the languages of are those English names (Locale('en')
    # .territories), without loading a locale's data: validating a case need not wait for it.
    codes = (str(code) for code in get_global("territory_languages"))
    return frozenset(
        code for code in codes if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _country(value: str) -> str:
    code = value.upper() if len(value) == 2 else value
    if code not in _countries():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code, e.g. 'KZ'")
    return code


def _currency(value: str) -> str:
    if value not in _currencies():
        hint = f"; did you mean {value.upper()!r}?" if value.upper() in _currencies() else ""
        raise ValueError(f"{value!r} is not an ISO 4217 currency code, e.g. 'KZT'{hint}")
    return value


def _language(value: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value, sep="-")
    except (ValueError, UnknownLocaleError):
        raise ValueError(
            f"{value!r} is not a BCP 47 language tag known to CLDR, e.g. 'en' or 'ru'"
        ) from None
    return value


CountryCode = Annotated[str, AfterValidator(_country)]
CurrencyCode = Annotated[str, AfterValidator(_currency)]
LanguageTag = Annotated[
    str,
    Field(min_length=2, max_length=35, description="A BCP 47 tag: 'en', 'ru', 'kk'."),
    AfterValidator(_language),
]
