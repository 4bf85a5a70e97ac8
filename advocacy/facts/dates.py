"""Partial, uncertain and approximate dates, written in EDTF.

Case files give dates as the sources give them: a day, a month, a year, an interval, "around May",
"May, unconfirmed". The Library of Congress Extended Date/Time Format says all of these
(``2025-07-31``, ``2025-08``, ``2004``, ``2016-05-16/2016-05-20``, ``2025-05~``, ``2025-05?``);
the ``edtf`` package parses them. :class:`EdtfDate` wraps one parsed value with what documents
need: its earliest and latest day, how precise it is, and a sort key.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, PlainValidator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

Precision = Literal["year", "month", "day"]
OpenEnd = Literal["", "open", "unknown"]
_OPEN: dict[str, OpenEnd] = {"..": "open", "": "unknown"}

_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")
"""A time of day after a date: '2025-07-31T10:00', '2025-07-31 10:00:00'."""
_PART = re.compile(r"^(?P<y>-?\d{4})(?:-(?P<m>\d{2}|XX))?(?:-(?P<d>\d{2}|XX))?(?P<q>[?~%])?$")

YEARS = range(1000, 3000)
"""The years a date may fall in. Beyond them a date is a typo (9999-12-31, a year of five
digits), and documents could not reckon with it: the day after 9999-12-31 does not exist."""

EDTF_HELP = (
    "use an EDTF date: 2025-07-31, 2025-08, 2004, 2016-05-16/2016-05-20, "
    "2025-05~ (approximate) or 2025-05? (uncertain)"
)


@dataclass(frozen=True)
class DatePart:
    """One end of a date (or the whole of a single date): its span and qualifiers."""

    lower: dt.date
    upper: dt.date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False


@dataclass(frozen=True)
class EdtfDate:
    """A date as precise as its source: a day, month, year or interval, maybe qualified."""

    text: str
    start: DatePart = field(compare=False)
    end: DatePart | None = field(default=None, compare=False)
    open_start: OpenEnd = field(default="", compare=False)
    """For ``../2019`` ("open": it reaches back indefinitely) or ``/2019`` ("unknown")."""
    open_end: OpenEnd = field(default="", compare=False)
    """For ``2019/..`` ("open": still going on) or ``2019/`` ("unknown")."""

    @classmethod
    def parse(cls, value: object) -> EdtfDate:
        """Parse an EDTF string; YAML's ints (``2004``) and dates (``2025-07-31``) count too.

        Raises ValueError with a message fit for a user.
        """
        text = _as_text(value)
        if "/" in text:
            first, _, second = text.partition("/")
            if first in _OPEN and second in _OPEN:
                raise ValueError(f"the interval {text!r} needs at least one known end")
            if second in _OPEN:  # EDTF level 1: 2019/.. (still going on), 2019/ (end unknown)
                start = _parse_part(first)
                end = DatePart(start.upper, dt.date.max, start.precision)
                return cls(text, start, end, open_end=_OPEN[second])
            if first in _OPEN:
                end = _parse_part(second)
                start = DatePart(dt.date.min, end.lower, end.precision)
                return cls(text, start, end, open_start=_OPEN[first])
            start, end = _parse_part(first), _parse_part(second)
            if end.upper < start.lower:
                raise ValueError(
                    f"the interval {text!r} ends ({second}) before it starts ({first})"
                )
            return cls(text, start, end)
        return cls(text, _parse_part(text))

    @property
    def is_interval(self) -> bool:
        """True for ``start/end`` dates."""
        return self.end is not None

    @property
    def lower(self) -> dt.date:
        """The earliest day the date can mean."""
        return self.start.lower

    @property
    def upper(self) -> dt.date:
        """The latest day the date can mean."""
        return (self.end or self.start).upper

    @property
    def approximate(self) -> bool:
        """True when the source gives the date only roughly (``~``)."""
        return self.start.approximate or bool(self.end and self.end.approximate)

    @property
    def uncertain(self) -> bool:
        """True when the source is unsure of the date (``?``)."""
        return self.start.uncertain or bool(self.end and self.end.uncertain)

    @property
    def sort_key(self) -> tuple[dt.date, bool, int]:
        """Order by start; on a tie a single date before an interval that starts then, and the
        wider date (a year, a month) before the days in it."""
        return (self.lower, self.is_interval, -(self.upper - self.lower).days)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "string"}, {"type": "integer"}],
            "examples": ["2025-07-31", "2025-08", "2004", "2016-05-16/2016-05-20", "2025-05~"],
        }


def _day(value: object) -> dt.date:
    """A full date: a YAML date or an ISO 'YYYY-MM-DD' string; never a number or a time."""
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time of day, e.g. 2025-08-05")
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not ISO: said below
            value = dt.date.fromisoformat(value.strip())
    if isinstance(value, dt.date):
        return _in_range(value, value)
    raise ValueError(f"{value!r} is not a date; give a full date: 2025-08-05")


def _in_range(lower: dt.date, upper: dt.date) -> dt.date:
    """``lower``, if it and ``upper`` lie in :data:`YEARS`; else a ValueError that says so."""
    for day in (lower, upper):
        if day.year not in YEARS:
            raise ValueError(
                f"the year {day.year} is outside {YEARS.start}–{YEARS.stop - 1}; correct the date"
            )
    return lower


Day = Annotated[dt.date, PlainValidator(_day, json_schema_input_type=str)]
"""A full date (``updated``, ``issued``, ``accessed``): partial dates make no sense there."""


def _validate(value: object) -> EdtfDate:
    if isinstance(value, EdtfDate):
        return value
    return EdtfDate.parse(value)


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date; {EDTF_HELP}")
    if isinstance(value, dt.datetime):
        raise ValueError("give a date without a time of day")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        if value not in YEARS:  # never str() a number of thousands of digits (Python refuses)
            what = f"the year {value}" if abs(value) < 10**6 else "a number too large for a year"
            raise ValueError(f"{what} is outside {YEARS.start}–{YEARS.stop - 1}; {EDTF_HELP}")
        return f"{value:04d}"
    if isinstance(value, str):
        text = value.strip()
        if _TIME.search(text):  # as YAML refuses an unquoted one: a time is no part of a date
            raise ValueError("give a date without a time of day")
        return text
    raise ValueError(f"{value!r} is not a date; {EDTF_HELP}")


def _parse_part(text: str) -> DatePart:
    part = _parse_any_part(text)
    _in_range(part.lower, part.upper)
    return part


def _parse_any_part(text: str) -> DatePart:
    match = _PART.match(text)
    if match is None:
        return _parse_with_edtf(text)
    qualifier = match["q"] or ""
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    year, month, day = match["y"], match["m"], match["d"]
    if "XX" in (month, day) or year.startswith("-"):
        return _parse_with_edtf(text)
    # The common forms (a year, a month, a day, maybe qualified) are computed here: the edtf
    # package's grammar takes milliseconds a date, and a case file holds a hundred of them.
    try:
        if day is not None:
            lower = upper = dt.date(int(year), int(month), int(day))
            return DatePart(lower, upper, "day", approximate, uncertain)
        if month is not None:
            lower = dt.date(int(year), int(month), 1)
            last = calendar.monthrange(lower.year, lower.month)[1]
            return DatePart(lower, lower.replace(day=last), "month", approximate, uncertain)
        lower = dt.date(int(year), 1, 1)
        return DatePart(lower, dt.date(int(year), 12, 31), "year", approximate, uncertain)
    except ValueError:  # month 21-24 are seasons; anything else out of range fails there
        return _parse_with_edtf(text)


def _parse_with_edtf(text: str) -> DatePart:
    """Every other EDTF form (unspecified digits, seasons, ...), through the edtf package."""
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
        lower, upper = _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())
    except (EDTFParseException, AttributeError, ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a date this tool understands; {EDTF_HELP}") from None
    span = (upper - lower).days
    precision: Precision = "day" if span == 0 else "month" if span < 32 else "year"
    return DatePart(lower, upper, precision, "~" in text or "%" in text, "?" in text or "%" in text)


def _to_date(value: Any) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
