"""The tree a YAML file is read into: dicts and lists that remember where each key, value and
item is written, so that a problem the models find later is placed in the file.

PyYAML composes the nodes (with libyaml's parser, in C, where PyYAML was built with it); the
values are made here, scalars by YAML 1.2's core schema as ruamel.yaml read them before
(:mod:`advocacy.facts.scalars`: Norway's country code NO is text). A tag or a key that YAML
allows but a case file cannot mean (``!custom``, ``2025: x``, a key written twice) is a fault
at its place.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from advocacy.facts.models.common import Loc
from advocacy.facts.scalars import TAGGED, YAML, plain

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
"""The tag of a plain scalar until :func:`~advocacy.facts.scalars.plain` resolves it: the
parser's own resolver is YAML 1.1's (``no`` would be false)."""
_SKIP: Any = object()
"""What :meth:`_Builder._key` gives for a key a case file cannot have (a fault says so)."""
_STR, _SEQ, _MAP = f"{YAML}str", f"{YAML}seq", f"{YAML}map"


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
    """Every plain scalar left to :func:`~advocacy.facts.scalars.plain`; the rest is text, a
    list or a mapping."""

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
            return plain(text)
        if tag == _STR:
            return text
        make = TAGGED.get(tag)
        if make is None:
            self._fault(loc, node, _misplaced_tag(tag, "a single value"))
            return text
        try:
            return make(text)
        except ValueError:
            self._fault(loc, node, f"this value cannot be read as {_short(tag)}; remove the tag")
            return text

    def _sequence(self, node: Node, loc: Loc) -> Any:
        if node.tag in (f"{YAML}omap", f"{YAML}pairs"):
            return self._pairs(node, loc)
        if node.tag != _SEQ:
            self._fault(loc, node, _misplaced_tag(node.tag, "a list"))
        sequence = self.made[id(node)] = YamlSequence(_mark(node))
        for index, item in enumerate(node.value):
            sequence.append(self.value(item, (*loc, index)))
            sequence._places.append(_mark(item))
        return sequence

    def _mapping(self, node: Node, loc: Loc) -> Any:
        if node.tag not in (_MAP, f"{YAML}set"):
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
        if node.tag == f"{YAML}set":
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
        omap = node.tag == f"{YAML}omap"
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
    return node.tag == f"{YAML}merge" or (node.tag == _PLAIN and node.value == "<<")


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(YAML) if tag.startswith(YAML) else tag


def _unknown_tag(tag: str) -> str:
    return f"the tag {_short(tag)} means nothing in a case file; remove it"


def _misplaced_tag(tag: str, kind: str) -> str:
    if tag.startswith(YAML) and tag.removeprefix(YAML) in _KNOWN:
        return f"the tag {_short(tag)} cannot mark {kind}; remove it"
    return _unknown_tag(tag)


_KNOWN = {"str", "seq", "map", "set", "omap", "pairs", *(t.removeprefix(YAML) for t in TAGGED)}
