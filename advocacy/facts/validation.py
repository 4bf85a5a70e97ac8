"""Pydantic's validation errors said as a user needs them: each at its place in the file, in
words that say what to write instead, errors that only echo another left out."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from advocacy.errors import FactsError
from advocacy.facts.models.common import Loc
from advocacy.facts.reader import at

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], root: Any, path: Path) -> M:
    """``model`` validated from the YAML ``root``; every error placed in the file."""
    from advocacy.facts.models.recipients import UNION_TAGS
    from advocacy.facts.models.text import TAGS

    try:
        return model.model_validate(root)
    except ValidationError as err:
        errors = list(err.errors(include_url=False))
        for error in errors:
            # A union's branch (a text per language, a kind of recipient entry) is no key of
            # the file.
            error["loc"] = tuple(
                k for k in error["loc"] if k not in TAGS and k not in UNION_TAGS and k != "[key]"
            )
        raise FactsError(
            [
                at(
                    path,
                    root,
                    error["loc"],
                    shortened(_message(model, error)),
                    at_key=error["type"] == "extra_forbidden",
                )
                for error in _useful(errors)
            ]
        ) from None


def _useful(errors: list[ErrorDetails]) -> Iterator[ErrorDetails]:
    """Drop errors that only echo another.

    A list 'too short' because its one item failed; a required key 'missing' because it was
    misspelt (the unknown key beside it says so, with the fix). Linear in the number of
    errors: a file with ten thousand misspelt keys is judged in a moment.
    """
    import difflib

    inside: set[Loc] = set()  # every place that holds a failed place below it
    for error in errors:
        loc = error["loc"]
        inside.update(loc[:n] for n in range(len(loc)))
    unknown: dict[Loc, set[str]] = {}  # misspelt keys, by the mapping they stand in
    for error in errors:
        if error["type"] == "extra_forbidden":
            unknown.setdefault(error["loc"][:-1], set()).add(str(error["loc"][-1]))
    for error in errors:
        loc = error["loc"]
        if error["type"] == "too_short" and loc in inside:
            continue
        if error["type"] == "missing" and difflib.get_close_matches(
            str(loc[-1]), sorted(unknown.get(loc[:-1], ())), n=1
        ):
            continue
        yield error


_QUOTED = re.compile(r"'[^'\s]{60,}'|\"[^\"\s]{60,}\"")
"""A value quoted in a message (its repr) long enough to bury the message: one run without a
space, so that the words between two short quoted values are never taken for one."""


def shortened(message: str) -> str:
    """``message`` with every long quoted value cut: "'1111…' (5,004 characters)"."""

    def cut(match: re.Match[str]) -> str:
        quoted = match.group()
        return f"{quoted[:31]}…{quoted[0]} ({len(quoted) - 2:,} characters)"

    return _QUOTED.sub(cut, message)


def _message(model: type[BaseModel], error: ErrorDetails) -> str:
    loc, kind = error["loc"], error["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        import difflib

        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed)
        return f"unknown key {loc[-1]!r}; {hint}"
    if kind == "missing":
        return f"the key {loc[-1]!r} is required here"
    if kind in ("list_type", "tuple_type"):
        return "expected a list (items on lines starting with '- ', or [a, b])"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping of keys (key: value lines)"
    if kind == "string_type":
        return "expected text" + (", found nothing" if error.get("input") is None else "")
    if kind == "string_unicode":
        # YAML's escapes can write one: "\uD800" is half of a character, not a character.
        return "contains half of a character (a lone surrogate such as \\uD800); remove it"
    if kind == "literal_error":
        import difflib

        expected = (error.get("ctx") or {}).get("expected", "")
        choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(error.get("input")), choices, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return (
            f"{error.get('input')!r} is not allowed here; {hint}choose one of: {', '.join(choices)}"
        )
    if kind in ("decimal_max_digits", "decimal_whole_digits", "decimal_max_places"):
        return (
            "too many digits for a sum: write at most 16 before the point and 2 after "
            "(78640 or 78640.50)"
        )
    if kind == "too_short":
        least = (error.get("ctx") or {}).get("min_length", 1)
        return "is empty; give at least one" if least == 1 else f"give at least {least}"
    if kind == "too_long" and isinstance(error.get("input"), list | tuple):
        context = error.get("ctx") or {}
        return (
            f"too many: at most {context.get('max_length')}, found {context.get('actual_length')}"
        )
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model``."""
    current: type[BaseModel] = model
    for key in loc:
        if isinstance(key, int):
            continue
        info = current.model_fields.get(key)
        found = _model_in(info.annotation) if info else None
        if found is None:
            return []
        current = found
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (
        typing.Union,
        types.UnionType,
        tuple,
        list,
        typing.Annotated,
    ):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
