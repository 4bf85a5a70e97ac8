"""Case and letterhead files: YAML in, validated models out, errors with file:line:col.

ruamel.yaml keeps the line and column of every key and value, so each problem pydantic finds is
reported where it stands in the file: ``facts/x.yaml:12:7: events[3].sources[0]: no source has the
id 'hrw'``. Every problem in a file is reported at once.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from advocacy.errors import FactsError, Problem
from advocacy.models import Case, Letterhead, Organisation, Person, Recipient
from advocacy.models.common import Loc

MAX_BYTES = 10 * 1024 * 1024
"""Case files are hand-written; anything larger is a mistake (a PDF renamed, a log)."""

MAX_VALUES = 1_000_000
"""Values in a case file, each use of an alias counted as a copy: far more than a case holds."""

LETTERHEADS = "letterheads"
"""Letterheads live in this folder beside the case files."""

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedCase:
    """A validated case, the letterheads its appeals use, and the warnings found on the way."""

    path: Path
    case: Case
    letterheads: dict[str, Letterhead] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    """Whom the appeal is sent to: the case's `recipients`, shared ones looked up."""
    places: dict[str, str] = field(default_factory=dict)
    """Where each recipient is written, by id: 'FILE:LINE:COL: recipients[3]'."""
    audience: str = "internal"
    """Who may read what ``case`` holds: 'internal' as loaded, 'public' once confidential facts
    are taken out (see :mod:`advocacy.audience`)."""
    lang: str | None = None
    """The language documents made from it are written in (None: the case's); once set, every
    translatable text holds that language's text (see :mod:`advocacy.localize`)."""

    @property
    def language(self) -> str:
        """The language documents made from it are written in."""
        return self.lang or self.case.language


def load_case(path: Path | str) -> LoadedCase:
    """Read, parse and validate a case file and the letterheads its appeals name.

    Raises FactsError listing every problem, each with its file, line and column.
    """
    path = Path(path)
    root = read_yaml(path)
    case = validate(Case, root, path)
    problems: list[Problem] = []
    if case.id != path.stem:
        problems.append(
            _at(
                path,
                root,
                ("id",),
                f"the id {case.id!r} must match the file name "
                f"{path.name!r}: rename the file to {case.id}.yaml or change the id",
            )
        )
    letterheads: dict[str, Letterhead] = {}
    for index, letter in enumerate(case.appeals):
        if letter.sender in letterheads:
            continue
        file = path.parent / LETTERHEADS / f"{letter.sender}.yaml"
        if not file.is_file():
            problems.append(
                _at(
                    path,
                    root,
                    ("appeals", index, "sender"),
                    f"no letterhead {letter.sender!r}: expected the file {file}",
                )
            )
            continue
        try:
            letterheads[letter.sender] = load_letterhead(file)
        except FactsError as err:
            problems.extend(err.problems)
    from advocacy.recipients import resolve

    recipients: tuple[Recipient, ...] = ()
    places: dict[str, str] = {}
    try:
        recipients, places = resolve(case, path, root)
    except FactsError as err:
        problems.extend(err.problems)
    if problems:
        raise FactsError(problems)
    warnings = tuple(alias_warnings(case, root, path))
    return LoadedCase(path, case, letterheads, warnings, recipients, places)


def load_letterhead(path: Path) -> Letterhead:
    """Read and validate a letterhead file."""
    from advocacy.models.text import without_own_language

    root = read_yaml(path)
    letterhead = validate(Letterhead, root, path)
    own = without_own_language(letterhead, letterhead.language)
    problems = [_at(path, root, loc, message) for loc, message in own]
    if letterhead.id != path.stem:
        message = f"the id {letterhead.id!r} must match the file name {path.name!r}"
        problems.append(_at(path, root, ("id",), message))
    if problems:
        raise FactsError(problems)
    return letterhead


def read_yaml(path: Path) -> Any:
    """The YAML mapping in ``path``, with positions; a one-line FactsError for anything else."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise FactsError.single(
            path,
            f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
            line,
            column,
        ) from None
    if not text.strip():
        raise FactsError.single(path, "the file is empty; `advocacy new CASE_ID` writes a start")
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        if err.context_mark and err.problem_mark and err.context_mark.line != mark.line:
            what += f" (the construct began at line {err.context_mark.line + 1})"
        raise FactsError.single(path, f"not valid YAML: {_one_line(what)}", line, column) from None
    except ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        raise FactsError.single(
            path,
            f"contains the control character U+{err.character:04X}; remove it (it often comes "
            "from text pasted from a PDF)"
            if isinstance(err.character, int)
            else f"not valid YAML: {_one_line(str(err))}",
            line,
            column,
        ) from None
    except RecursionError:
        raise FactsError.single(path, "not valid YAML: nested too deeply") from None
    except YAMLError as err:
        raise FactsError.single(path, f"not valid YAML: {_one_line(str(err))}") from None
    if not isinstance(data, dict):
        raise FactsError.single(
            path, f"expected a mapping of keys (id:, people:, ...), found {_kind(data)}"
        )
    if _values_over(data, MAX_VALUES):
        raise FactsError.single(
            path,
            f"holds more than {MAX_VALUES:,} values, counting each use of an alias (*name) as a "
            "copy; a case file needs far fewer",
        )
    bad_keys = list(_non_text_keys(data, ()))
    if bad_keys:
        raise FactsError(
            [
                Problem(
                    str(path),
                    line,
                    column,
                    where(loc),
                    f"the key {key!r} is not text; "
                    f"keys are names such as 'id' or 'date' (quote it if you meant '{key}')",
                )
                for loc, key, line, column in bad_keys
            ]
        )
    return data


def _values_over(data: Any, limit: int) -> bool:
    """Whether ``data`` holds more than ``limit`` values with its aliases expanded.

    YAML aliases share one node, so a small file can stand for billions of values ("billion
    laughs"); anything that walks the data (pydantic too) would then run for hours.
    """
    stack, count = [data], 0
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _non_text_keys(node: Any, loc: Loc) -> Iterator[tuple[Loc, object, int, int]]:
    """Keys YAML read as numbers, dates or null: `2025: x` or `~: x`."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if not isinstance(key, str):
                line, column = node.lc.key(key)
                yield loc, key, line + 1, column + 1
            else:
                yield from _non_text_keys(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _non_text_keys(value, (*loc, index))


def validate(model: type[M], root: Any, path: Path) -> M:
    """``model`` validated from the YAML ``root``; every error placed in the file."""
    from advocacy.models.recipients import UNION_TAGS
    from advocacy.models.text import TAGS

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
                _at(
                    path,
                    root,
                    error["loc"],
                    _message(model, error),
                    at_key=error["type"] == "extra_forbidden",
                )
                for error in _useful(errors)
            ]
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        # Inside the try: exists() itself fails in a folder the user may not enter.
        if not path.exists():
            raise FactsError.single(path, "no such file")
        if path.is_dir():
            raise FactsError.single(path, "is a folder; give the path of a .yaml case file")
        if not path.is_file():
            # A pipe would wait for a writer for ever, a device (/dev/zero) never ends.
            raise FactsError.single(
                path, "is not a regular file (a pipe or a device); give the path of a .yaml file"
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FactsError.single(
                path,
                f"is {size / 1024 / 1024:.1f} MB; a case file may be at most "
                f"{MAX_BYTES // 1024 // 1024} MB",
            )
        return path.read_bytes()
    except PermissionError:
        raise FactsError.single(path, "cannot be read: permission denied") from None
    except OSError as err:
        raise FactsError.single(path, f"cannot be read: {err.strerror}") from None


def _useful(errors: list[ErrorDetails]) -> Iterator[ErrorDetails]:
    """Drop errors that only echo another.

    A list 'too short' because its one item failed; a required key 'missing' because it was
    misspelt (the unknown key beside it says so, with the fix).
    """
    import difflib

    failed = {error["loc"] for error in errors}
    unknown = [error["loc"] for error in errors if error["type"] == "extra_forbidden"]
    for error in errors:
        loc = error["loc"]
        if error["type"] == "too_short" and any(
            other[: len(loc)] == loc and len(other) > len(loc) for other in failed
        ):
            continue
        if error["type"] == "missing" and any(
            other[:-1] == loc[:-1]
            and difflib.get_close_matches(str(other[-1]), [str(loc[-1])], n=1)
            for other in unknown
        ):
            continue
        yield error


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


def position(root: Any, loc: Loc, at_key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``loc`` in a ruamel round-trip tree.

    Walks as deep as the file goes: a missing key is placed at its parent, a value the model
    wrapped (a single mapping given where a list is allowed) at the value itself. With
    ``at_key``, the last step points at the key rather than its value (for unknown keys).
    """
    node: Any = root
    line, column = 0, 0
    if hasattr(root, "lc"):
        line, column = root.lc.line, root.lc.col
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    for depth, key in enumerate(loc, 1):
        if isinstance(node, CommentedMap) and not isinstance(key, int) and key in node:
            keyed = _is_collection(node[key]) or (at_key and depth == len(loc))
            line, column = node.lc.key(key) if keyed else node.lc.value(key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, column = node.lc.item(key)
            node = node[key]
        elif isinstance(node, dict) and isinstance(key, int):
            continue
        else:
            break
    return line + 1, column + 1


def _at(
    path: Path, root: Any, loc: Loc, message: str, warning: bool = False, at_key: bool = False
) -> Problem:
    written = _as_written(root, loc)
    line, column = position(root, written, at_key)
    return Problem(str(path), line, column, where(written), message, warning)


def problem_at(path: Path, root: Any, loc: Loc, message: str, warning: bool = False) -> Problem:
    """A problem at ``loc`` of a file already validated, whose YAML (:func:`read_yaml`) is
    ``root``."""
    return _at(path, root, loc, message, warning)


def at(path: Path, root: Any, loc: Loc, message: str) -> Problem:
    """A problem at ``loc`` of the YAML ``root`` read from ``path``, placed at its line."""
    return _at(path, root, loc, message)


def _as_written(root: Any, loc: Loc) -> Loc:
    """``loc`` as far as the file spells it: a demand written as a string, which the model reads
    as ``{text: ...}``, is ``demands[0]``, not ``demands[0].text``; written as text per language
    (``{en: ..., ru: ...}``), its Russian is ``demands[0].ru``."""
    node = root
    for depth, key in enumerate(loc):
        if isinstance(node, str):
            return loc[:depth]
        if key == "text" and isinstance(node, dict) and key not in node:
            return (*loc[:depth], *_as_written(node, loc[depth + 1 :]))
        try:
            node = node[key]
        except (LookupError, TypeError):
            break
    return loc


def where(loc: Loc) -> str:
    """``('events', 3, 'sources', 0)`` as ``events[3].sources[0]``."""
    text = ""
    for key in loc:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
    return text


def _is_collection(value: Any) -> bool:
    return isinstance(value, dict | list)


def _kind(data: Any) -> str:
    return "a list" if isinstance(data, list) else f"the single value {str(data)[:40]!r}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def texts(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every text of the case a document prints in prose, with its place in the file."""
    yield from narratives(case)
    for i, event in enumerate(case.events):
        for key in ("place", "date_note"):
            value = getattr(event, key)
            if value:
                yield ("events", i, key), value
    for i, letter in enumerate(case.appeals):
        yield ("appeals", i, "title"), letter.title
        if letter.authorities:
            yield ("appeals", i, "authorities"), letter.authorities


def narratives(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every narrative field of the case with its place in the file."""
    for i, paragraph in enumerate(case.background):
        yield ("background", i), paragraph.text
    for i, person in enumerate(case.people):
        if person.profile:
            yield ("people", i, "profile"), person.profile
    for i, event in enumerate(case.events):
        yield ("events", i, "text"), event.text
    for i, charge in enumerate(case.charges):
        yield ("charges", i, "text"), charge.text
    for i, letter in enumerate(case.appeals):
        yield ("appeals", i, "lead"), letter.lead
        if letter.profile:
            yield ("appeals", i, "profile"), letter.profile
        for j, paragraph in enumerate(letter.paragraphs):
            yield ("appeals", i, "paragraphs", j), paragraph.text
        yield ("appeals", i, "concern"), letter.concern
        for j, demand in enumerate(letter.demands):
            yield ("appeals", i, "demands", j), demand.text


def alias_warnings(case: Case, root: Any, path: Path) -> Iterator[Problem]:
    """Warn where a narrative spells a person or organisation by an alias instead of its name
    (in every language it is given in)."""
    from advocacy.models.text import languages_of

    spellings: list[tuple[re.Pattern[str], str, str]] = []
    entities: list[Person | Organisation] = [*case.people, *case.organisations]
    for entity in entities:
        for alias in entity.aliases:
            if alias.name.casefold() in entity.name.casefold():
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(alias.name)}(?!\w)", re.IGNORECASE)
            spellings.append((pattern, alias.name, entity.name))
    for loc, value in texts(case):
        for lang, text in languages_of(value):
            place = loc if lang is None else (*loc, lang)
            for pattern, spelling, name in spellings:
                if not pattern.search(text):
                    continue
                yield _at(
                    path,
                    root,
                    place,
                    f"{spelling!r} is another spelling of {name}; write {name!r} so every "
                    "document spells the name one way",
                    warning=True,
                )
