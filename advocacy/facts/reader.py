"""YAML files read with the position of every key and value, so that each problem found later
is reported where it stands: ``facts/x.yaml:12:7: events[3].sources[0]: ...``.

A case file is hand-written: anything that is not a mapping of text keys, a file too large, one
that is not UTF-8 or holds a control character, is a one-line error at its place. The tree it is
read into (:mod:`advocacy.facts.tree`) keeps the positions for as long as the case is loaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from advocacy.errors import FactsError, Problem
from advocacy.facts.models.common import Loc
from advocacy.facts.tree import NO_CHARACTER, YamlMapping, YamlSequence, parse

MAX_BYTES = 10 * 1024 * 1024
"""Case files are hand-written; anything larger is a mistake (a PDF renamed, a log)."""


MAX_VALUES = 1_000_000
"""Values in a case file, each use of an alias counted as a copy: far more than a case holds."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""What YAML does not allow in a file: control characters but tab and line breaks, U+FFFE and
U+FFFF (said as what they are: a short class compiles at start-up in a tenth of the time)."""


def read_yaml(path: Path) -> YamlMapping:
    """The YAML mapping in ``path``, with positions; a FactsError for anything else."""
    text = _read_text(path)
    try:
        data, faults = parse(text)
    except yaml.MarkedYAMLError as err:
        raise _not_yaml(path, text, err) from None
    except RecursionError:
        raise FactsError.single(path, "not valid YAML: nested too deeply") from None
    except yaml.YAMLError as err:
        raise FactsError.single(path, f"not valid YAML: {_one_line(str(err))}") from None
    if not isinstance(data, YamlMapping):
        raise FactsError.single(
            path, f"expected a mapping of keys (id:, people:, ...), found {_kind(data)}"
        )
    if _values_over(data, MAX_VALUES):
        raise FactsError.single(
            path,
            f"holds more than {MAX_VALUES:,} values, counting each use of an alias (*name) as a "
            "copy; a case file needs far fewer",
        )
    if faults:
        raise FactsError(
            [
                Problem(str(path), line + 1, column + 1, where(loc), message)
                for loc, (line, column), message in faults
            ]
        )
    return data


def _read_text(path: Path) -> str:
    """The text of ``path``: UTF-8 without control characters (YAML allows none)."""
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
    control = _CONTROL.search(text)
    if control:
        at = control.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise FactsError.single(
            path,
            f"contains the control character U+{ord(control[0]):04X}; remove it (it often comes "
            "from text pasted from a PDF)",
            line,
            column,
        )
    return text


def _not_yaml(path: Path, text: str, err: yaml.MarkedYAMLError) -> FactsError:
    """The parser's complaint, at its place, in one line (naming what libyaml leaves out)."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(str(part) for part in (err.context, err.problem) if part)
    lines = re.split(r"\r\n|\r|\n", text)
    rest = lines[line - 1][column - 1 :] if mark and line <= len(lines) else ""
    began = err.context_mark.line + 1 if err.context_mark and err.problem_mark else line
    if "exceeded maximum nesting depth" in what:  # libyaml's limit: 1,000 levels
        what, began = "nested too deeply", line
    elif "found duplicate anchor" in what:
        what = f"an anchor (&name) is given again here (first at line {began}); rename one"
        began = line
    elif "invalid Unicode character escape code" in what:
        what = NO_CHARACTER
    elif "found undefined alias" in what and (alias := re.match(r"\*([^\s,\[\]{}]+)", rest)):
        what = f"found undefined alias {alias[1]!r}"
    elif "character that cannot start any token" in what and rest:
        what = what.replace("character that", f"character {rest[0]!r} that")
    if "character '\\t' that cannot start" in what:
        what += "; indent with spaces, not tabs"
    if began != line:
        what += f" (the construct began at line {began})"
    return FactsError.single(path, f"not valid YAML: {_one_line(what)}", line, column)


def _values_over(data: Any, limit: int) -> bool:
    """Whether ``data`` holds more than ``limit`` values with its aliases expanded.

    YAML aliases share one node, so a small file can stand for billions of values ("billion
    laughs"), or for infinitely many (an alias inside its own anchor); anything that walks the
    data (pydantic too) would then run for hours.
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


def position(root: Any, loc: Loc, at_key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``loc`` in a tree :func:`read_yaml` gave.

    Walks as deep as the file goes: a missing key is placed at its parent, a value the model
    wrapped (a single mapping given where a list is allowed) at the value itself. With
    ``at_key``, the last step points at the key rather than its value (for unknown keys).
    """
    node: Any = root
    line, column = root.start if isinstance(root, YamlMapping | YamlSequence) else (0, 0)
    for depth, key in enumerate(loc, 1):
        if isinstance(node, YamlMapping) and not isinstance(key, int) and key in node:
            keyed = _is_collection(node[key]) or (at_key and depth == len(loc))
            line, column = node.key_at(key) if keyed else node.value_at(key)
            node = node[key]
        elif isinstance(node, YamlSequence) and isinstance(key, int) and 0 <= key < len(node):
            line, column = node.item_at(key)
            node = node[key]
        elif isinstance(node, dict) and isinstance(key, int):
            continue
        else:
            break
    return line + 1, column + 1


def at(
    path: Path, root: Any, loc: Loc, message: str, warning: bool = False, at_key: bool = False
) -> Problem:
    """A problem at ``loc`` of the YAML ``root`` read from ``path``, placed at its line (with
    ``at_key``, at its key rather than its value)."""
    written = _as_written(root, loc)
    line, column = position(root, written, at_key)
    return Problem(str(path), line, column, where(written), message, warning)


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
