"""Scalars as YAML 1.2's core schema reads them, in ruamel.yaml's spelling of it (its resolver
and round-trip constructor for version 1.2), which case files were read by before: ``no`` and
``1:20`` are text, ``0o17`` and ``1_000`` numbers, ``2025-08-05`` a date. What looks like a
number or a date but cannot be one (``0b_``, ``2025-02-30``) stays text, as it is written.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

YAML = "tag:yaml.org,2002:"
"""The prefix of YAML's own tags: ``!!int`` is ``tag:yaml.org,2002:int``."""

_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
}
_FLOAT = re.compile(
    r"""[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.X,
)
_INT = re.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")
_TIMESTAMP = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9]{1,2})(?::(?P<tz_minute>[0-9]{2}))?))?)?""",
    re.X,
)
_NUMBER_START = frozenset("-+.0123456789")


def plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar as YAML 1.2 reads it; text unless it is a number,
    true/false, null or a date. A number or date that cannot be (``0b_``, ``2025-02-30``)
    stays text, as it is written."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] not in _NUMBER_START:
        return text
    try:
        if _FLOAT.fullmatch(text):
            return _float(text)
        if _INT.fullmatch(text):
            return _int(text)
        match = _TIMESTAMP.fullmatch(text)
        # Without a time of day, only YYYY-MM-DD is a date: 2025-8-5 is text.
        if match and (match["hour"] or len(match["month"]) == len(match["day"]) == 2):
            return _timestamp(text)
    except ValueError:
        pass
    return text


def _int(text: str) -> int:
    sign, digits = _signed(text.replace("_", ""))
    base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2], 10)
    return sign * int(digits[2:] if base != 10 else digits, base)


def _float(text: str) -> float:
    sign, digits = _signed(text.replace("_", "").lower())
    if digits == ".nan":
        return float("nan")
    return sign * (float("inf") if digits == ".inf" else float(digits))


def _signed(text: str) -> tuple[int, str]:
    if text[:1] in ("-", "+"):
        return (-1 if text[0] == "-" else 1), text[1:]
    return 1, text


def _timestamp(text: str) -> dt.date:
    """A date, or a date and time, as ruamel.yaml made it (its ``create_timestamp``)."""
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if match["hour"] is None:
        return dt.date(year, month, day)
    fraction = match["fraction"] or ""
    micro = int(fraction[:6].ljust(6, "0"))
    if len(fraction) > 6 and int(fraction[6]) > 4:
        micro += 1
    zone = None
    if match["tz_sign"]:
        offset = dt.timedelta(hours=int(match["tz_hour"]), minutes=int(match["tz_minute"] or 0))
        zone = dt.timezone(-offset if match["tz_sign"] == "-" else offset, match["tz"])
    elif match["tz"] == "Z":
        zone = dt.timezone(dt.timedelta(0), "Z")
    late = micro > 999_999  # .9999995 rounds up to the next second
    made = dt.datetime(
        year,
        month,
        day,
        int(match["hour"]),
        int(match["minute"]),
        int(match["second"]),
        0 if late else micro,
        zone,
    )
    return made + dt.timedelta(seconds=1) if late else made


def _bool(text: str) -> bool:
    # An explicit !!bool takes YAML 1.1's words too, as ruamel.yaml did.
    words = {"yes": True, "no": False, "y": True, "n": False, "on": True, "off": False}
    found = {**words, "true": True, "false": False}.get(text.lower())
    if found is None:
        raise ValueError(text)
    return found


def _binary(text: str) -> bytes:
    try:
        return base64.decodebytes(text.encode("ascii"))
    except (UnicodeEncodeError, binascii.Error) as err:
        raise ValueError(text) from err


TAGGED: dict[str, Callable[[str], Any]] = {
    f"{YAML}null": lambda text: None,
    f"{YAML}bool": _bool,
    f"{YAML}int": _int,
    f"{YAML}float": _float,
    f"{YAML}timestamp": _timestamp,
    f"{YAML}binary": _binary,
    f"{YAML}merge": str,
    f"{YAML}value": str,
}
"""Scalars with an explicit tag (``!!int '12'``), made as the tag says."""
