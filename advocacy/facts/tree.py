"""The tree a YAML file is read into: dicts and lists that remember where each key, value and
item is written, so that a problem the models find later is placed in the file.

PyYAML composes the nodes (with libyaml's parser, in C, where PyYAML was built with it); the
values are made here, by YAML 1.2's core schema, as ruamel.yaml's round-trip loader made them
before: ``no``, ``on`` and ``1:20`` are text (Norway's country code is NO), ``0o17`` and ``1_000``
are numbers, ``2025-08-05`` is a date. A date no calendar has (``2025-02-30``) stays text, for
the model to say so at its place; a tag or a key YAML allows but a case file cannot mean is a
fault at its place.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from advocacy.facts.models.common import Loc

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # PyYAML built without libyaml: the same parser in Python, slower
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

Mark = tuple[int, int]
"""A line and a column, both counted from 0 as YAML's parsers count them."""

Fault = tuple[Loc, Mark, str]
"""Something wrong in a file that YAML itself accepts: where in the data, where in the file,
what is wrong."""

_PLAIN = "?"
"""The tag of a plain scalar until :func:`_plain` resolves it: the parser's own resolver is
YAML 1.1's (``no`` would be false)."""
_YAML = "tag:yaml.org,2002:"
_SKIP: Any = object()
"""What :meth:`_Builder._key` gives for a key a case file cannot have (a fault says so)."""
_STR, _SEQ, _MAP = f"{_YAML}str", f"{_YAML}seq", f"{_YAML}map"


class YamlMapping(dict[Any, Any]):
    """A YAML mapping: where it starts, and where each of its keys and values is written."""

    __slots__ = ("_places", "start")

    def __init__(self, start: Mark) -> None:
        super().__init__()
        self.start = start
        self._places: dict[Any, tuple[Mark, Mark]] = {}

    def key_at(self, key: Any) -> Mark:
        """Where ``key`` is written."""
        return self._places[key][0]

    def value_at(self, key: Any) -> Mark:
        """Where the value of ``key`` is written (for an alias, where its anchor is)."""
        return self._places[key][1]


class YamlSequence(list[Any]):
    """A YAML sequence: where it starts, and where each of its items is written."""

    __slots__ = ("_places", "start")

    def __init__(self, start: Mark) -> None:
        super().__init__()
        self.start = start
        self._places: list[Mark] = []

    def item_at(self, index: int) -> Mark:
        """Where the item at ``index`` is written."""
        return self._places[index]


class _Resolver:
    """Every plain scalar left to :func:`_plain`; the rest is text, a list or a mapping."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP


class _Loader(_Resolver, _Parser):
    """PyYAML's parser, libyaml's where it has it."""


class _PythonLoader(_Resolver, yaml.SafeLoader):
    """PyYAML's parser in Python, which reads what libyaml refuses to (see :func:`parse`)."""


def parse(text: str) -> tuple[Any, list[Fault]]:
    """The data of the one YAML document in ``text`` (None if it holds none), and every fault
    found making it.

    Raises yaml.YAMLError (a MarkedYAMLError, with its place, for bad syntax).
    """
    # libyaml breaks lines at U+0085, U+2028 and U+2029 as YAML 1.1 did; in YAML 1.2 they are
    # characters like any other (text pasted from the web holds them), so they are read as
    # characters no file holds, and given back in the values.
    breaks = [char for char in _OLD_BREAKS if char in text]
    unused = (char for char in map(chr, range(0xE000, 0xF900)) if breaks and char not in text)
    stand_ins = dict(zip(breaks, unused, strict=False))
    if stand_ins:
        text = text.translate({ord(char): stand_in for char, stand_in in stand_ins.items()})
    try:
        node = yaml.compose(text, Loader=_Loader)
    except ValueError as err:  # Python's parser, on an escape past U+10FFFF: no character
        raise yaml.YAMLError(NO_CHARACTER) from err
    except yaml.MarkedYAMLError as err:
        # libyaml refuses an escape that writes half of a character ("\\uD800"); PyYAML's
        # Python parser reads it, and the model then refuses it by name at its place, as it
        # refuses an escaped control character.
        if "invalid Unicode character escape code" not in str(err.problem):
            raise
        try:
            node = yaml.compose(text, Loader=_PythonLoader)
        except ValueError:
            raise err from None
    builder = _Builder({ord(stand_in): char for char, stand_in in stand_ins.items()})
    return (None if node is None else builder.value(node, ())), builder.faults


_OLD_BREAKS = "\x85\u2028\u2029"
NO_CHARACTER = "an escape here stands for no character (past U+10FFFF); remove it"
"""What is said of an escape such as "\\U00110000": past Unicode's last character."""


class _Builder:
    def __init__(self, restore: dict[int, str]) -> None:
        # An alias is the node of its anchor again: made once, shared as YAML means it (a
        # recursive alias makes a cycle, which the reader's count of values stops).
        self.made: dict[int, Any] = {}
        self.faults: list[Fault] = []
        self.restore = restore

    def value(self, node: Node, loc: Loc) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node, loc)
        made = self.made.get(id(node), _SKIP)
        if made is not _SKIP:
            return made
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        return self._sequence(node, loc)

    def _fault(self, loc: Loc, node: Node, message: str) -> None:
        self.faults.append((loc, (node.start_mark.line, node.start_mark.column), message))

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
        tag, text = node.tag, node.value
        if self.restore:
            text = text.translate(self.restore)
        if tag == _PLAIN:
            return _plain(text)
        if tag == _STR:
            return text
        make = _TAGGED.get(tag)
        if make is None:
            self._fault(loc, node, _misplaced_tag(tag, "a single value"))
            return text
        try:
            return make(text)
        except ValueError:
            self._fault(loc, node, f"this value cannot be read as {_short(tag)}; remove the tag")
            return text

    def _sequence(self, node: Node, loc: Loc) -> Any:
        if node.tag in (f"{_YAML}omap", f"{_YAML}pairs"):
            return self._pairs(node, loc)
        if node.tag != _SEQ:
            self._fault(loc, node, _misplaced_tag(node.tag, "a list"))
        sequence = self.made[id(node)] = YamlSequence(_mark(node))
        for index, item in enumerate(node.value):
            sequence.append(self.value(item, (*loc, index)))
            sequence._places.append(_mark(item))
        return sequence

    def _mapping(self, node: Node, loc: Loc) -> Any:
        if node.tag not in (_MAP, f"{_YAML}set"):
            self._fault(loc, node, _misplaced_tag(node.tag, "a mapping"))
        mapping = self.made[id(node)] = YamlMapping(_mark(node))
        merges: list[YamlMapping] = []
        merge_key: Node | None = None
        for key_node, value_node in node.value:
            if _is_merge(key_node):
                if merge_key is not None:
                    self._twice(loc, key_node, "<<", merge_key)
                else:
                    merge_key = key_node
                    merges = self._merged(value_node, loc)
                continue
            key = self._key(key_node, loc)
            if key is _SKIP:
                continue
            if key in mapping:
                self._twice(loc, key_node, key, mapping.key_at(key))
                continue
            mapping[key] = self.value(value_node, (*loc, key))
            mapping._places[key] = (_mark(key_node), _mark(value_node))
        # The file's own keys win over merged ones; of those merged, the first mapping's.
        for merged in merges:
            for key, value in list(merged.items()):
                if key not in mapping:
                    mapping[key] = value
                    mapping._places[key] = merged._places[key]
        if node.tag == f"{_YAML}set":
            self.made[id(node)] = set(mapping)
            return self.made[id(node)]
        return mapping

    def _key(self, node: Node, loc: Loc) -> Any:
        """The key ``node`` writes; ``_SKIP`` for one a case file cannot have (a fault)."""
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            self._fault(loc, node, f"a key here is {kind}; keys are names such as 'id' or 'date'")
            return _SKIP
        key = self._scalar(node, loc)
        if not isinstance(key, str):
            self._fault(
                loc,
                node,
                f"the key {key!r} is not text; "
                f"keys are names such as 'id' or 'date' (quote it if you meant '{node.value}')",
            )
            return _SKIP
        return key

    def _twice(self, loc: Loc, node: Node, key: Any, first: Node | Mark) -> None:
        line = (first if isinstance(first, tuple) else _mark(first))[0] + 1
        self._fault(loc, node, f"the key {key!r} is written twice (first at line {line}); keep one")

    def _merged(self, node: Node, loc: Loc) -> list[YamlMapping]:
        """The mappings ``<<: value`` merges, in the order they take precedence."""
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        merged: list[YamlMapping] = []
        for each in nodes:
            value = self.value(each, loc)
            if isinstance(value, YamlMapping):
                merged.append(value)
            else:
                self._fault(loc, each, "'<<' merges a mapping, or a list of them, into this one")
        return merged

    def _pairs(self, node: Node, loc: Loc) -> Any:
        """``!!omap`` (a mapping, in order) or ``!!pairs`` (a list of key, value pairs)."""
        omap = node.tag == f"{_YAML}omap"
        made: Any = YamlMapping(_mark(node)) if omap else YamlSequence(_mark(node))
        self.made[id(node)] = made
        for index, item in enumerate(node.value):
            if not isinstance(item, MappingNode) or len(item.value) != 1:
                self._fault((*loc, index), item, f"{_short(node.tag)} takes a list of `key: value`")
                continue
            key_node, value_node = item.value[0]
            key = self._key(key_node, (*loc, index))
            if key is _SKIP:
                continue
            value = self.value(value_node, (*loc, key) if omap else (*loc, index))
            if omap:
                made[key] = value
                made._places[key] = (_mark(key_node), _mark(value_node))
            else:
                made.append((key, value))
                made._places.append(_mark(item))
        return made


def _mark(node: Node) -> Mark:
    return node.start_mark.line, node.start_mark.column


def _is_merge(node: Node) -> bool:
    return node.tag == f"{_YAML}merge" or (node.tag == _PLAIN and node.value == "<<")


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _unknown_tag(tag: str) -> str:
    return f"the tag {_short(tag)} means nothing in a case file; remove it"


def _misplaced_tag(tag: str, kind: str) -> str:
    if tag.startswith(_YAML) and tag.removeprefix(_YAML) in _KNOWN:
        return f"the tag {_short(tag)} cannot mark {kind}; remove it"
    return _unknown_tag(tag)


# YAML 1.2's core schema, in ruamel.yaml's spelling of it (its resolver for version 1.2).
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


def _plain(text: str) -> Any:
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


_TAGGED: dict[str, Any] = {
    f"{_YAML}null": lambda text: None,
    f"{_YAML}bool": _bool,
    f"{_YAML}int": _int,
    f"{_YAML}float": _float,
    f"{_YAML}timestamp": _timestamp,
    f"{_YAML}binary": _binary,
    f"{_YAML}merge": str,
    f"{_YAML}value": str,
}
"""Scalars with an explicit tag (``!!int '12'``), made as the tag says."""
_KNOWN = {"str", "seq", "map", "set", "omap", "pairs", *(t.removeprefix(_YAML) for t in _TAGGED)}
