"""What Jinja's filters, and ours, give back: the type of ``value|filter`` from that of ``value``.

A filter the table does not know gives Any, so a new filter is never a false alarm; its name is
still checked, since Jinja refuses unknown filter names when it compiles a template.
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes

from advocacy.authoring.checks.typeinfo import Type, attribute_path, elements, normalise

GUARDS = {"default", "d"}
"""Filters that stand in for a missing value: what they filter may be undefined."""
_KEEP = {"sort", "list", "reverse", "unique", "select", "reject", "selectattr", "rejectattr"}
_ELEMENT = {"first", "last", "random", "min", "max"}
_TEXT = {
    "join", "string", "upper", "lower", "capitalize", "title", "trim", "striptags", "truncate",
    "wordwrap", "center", "indent", "format", "replace", "urlencode", "urlize", "e", "escape",
    "forceescape", "safe", "filesizeformat", "xmlattr", "tojson", "pprint",
    "plain", "date_words", "money", "country", "list_words", "citation",
}  # fmt: skip
_INT = {"length", "count", "wordcount", "int"}
# Filters whose `attribute` names a field of each element; some take it as their first argument.
_ATTRIBUTE = {"map", "sort", "unique", "sum", "min", "max", "selectattr", "rejectattr", "groupby"}
_POSITIONAL = {"selectattr", "rejectattr", "groupby"}


def filtered(node: nodes.Filter, value: Type) -> Type:
    """What the filter ``node`` gives for a value of type ``value``."""
    name = node.name
    if name in GUARDS:
        return value
    if name == "map":
        attr = keywords(node).get("attribute")
        if isinstance(attr, nodes.Const) and isinstance(attr.value, str):
            found = attribute_path(elements(value), attr.value)
            return list[Any if isinstance(found, tuple) else found]  # type: ignore[misc]
        return list[Any]
    if name in _KEEP:
        if name == "reverse" and normalise(value) is str:
            return str
        return list[elements(value)]  # type: ignore[misc]
    if name in _ELEMENT:
        return elements(value)
    if name in ("batch", "slice"):
        return list[list[elements(value)]]  # type: ignore[misc]
    if name in _TEXT:
        return str
    if name in _INT:
        return int
    if name in ("float", "round"):
        return float
    return Any


def attribute_argument(node: nodes.Filter) -> str | None:
    """The attribute path a filter reads off each element (``map(attribute='name')``), if any.

    None when there is none, when it is computed, or when a ``default`` covers its absence.
    """
    if node.name not in _ATTRIBUTE:
        return None
    given = keywords(node)
    attr = given.get("attribute")
    if attr is None and node.name in _POSITIONAL and node.args:
        attr = node.args[0]
    if "default" in given or not isinstance(attr, nodes.Const):
        return None
    return attr.value if isinstance(attr.value, str) else None


def keywords(node: nodes.Filter) -> dict[str, nodes.Expr]:
    """The keyword arguments of a filter, by name."""
    found: list[Any] = list(node.kwargs)  # Keyword nodes; Jinja's annotation says Pair
    return {keyword.key: keyword.value for keyword in found}
