"""A case's recipients, resolved: the entries of its ``recipients`` list, shared ones looked up.

Shared recipients live in ``facts/recipients/<list>.yaml`` beside the case files. A case names
one by its id, or a whole list as ``{list: <list>}``; either is reported at its place in the case
file when it does not exist, with a suggestion when the id is close to one that does.
"""

from __future__ import annotations

from pathlib import Path

from advocacy.errors import FactsError, Problem
from advocacy.facts.models import Case, ListRef, Recipient, RecipientList
from advocacy.facts.models.common import suggest
from advocacy.facts.reader import at, read_yaml
from advocacy.facts.shared import shared_folder
from advocacy.facts.tree import YamlMapping
from advocacy.facts.validation import validate

RECIPIENTS = "recipients"
"""Shared recipients files live in this folder beside the case files."""


def resolve(
    case: Case, path: Path, root: YamlMapping
) -> tuple[tuple[Recipient, ...], dict[str, str], dict[Path, YamlMapping]]:
    """Every recipient of ``case`` (read from ``path``, whose YAML is ``root``), in order;
    where each is written ('FILE:LINE:COL: recipients[3]', for messages about it); and the
    YAML of each shared recipients file read, by its path.

    Raises FactsError listing every unknown reference and every recipient id used twice.
    """

    if not case.recipients:
        return (), {}, {}
    lists_folder = shared_folder(path, RECIPIENTS)
    lists = _shared_lists(lists_folder) if _needs_shared(case) else {}
    by_id = {r.id: r for shared, _ in lists.values() for r in shared.recipients}
    places: dict[str, str] = {}
    for shared, (file, shared_root) in lists.values():
        for index, recipient in enumerate(shared.recipients):
            places[recipient.id] = _place(at(file, shared_root, ("recipients", index), ""))
    problems: list[Problem] = []
    found: list[Recipient] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(case.recipients):
        loc: tuple[str | int, ...] = ("recipients", index)
        if isinstance(entry, ListRef):
            if entry.list not in lists:
                message = f"no recipients file {entry.list!r}: expected the file " + str(
                    lists_folder / f"{entry.list}.yaml"
                )
                problems.append(
                    at(path, root, (*loc, "list"), message + suggest(entry.list, lists, none=""))
                )
                continue
            chosen = list(lists[entry.list][0].recipients)
        elif isinstance(entry, str):
            if entry not in by_id:
                folder = lists_folder
                problems.append(
                    at(
                        path,
                        root,
                        loc,
                        f"no recipient has the id {entry!r} in {folder}"
                        + suggest(entry, by_id, none=""),
                    )
                )
                continue
            chosen = [by_id[entry]]
        else:
            chosen = [entry]
            places[entry.id] = _place(at(path, root, loc, ""))
        for recipient in chosen:
            if recipient.id in first:
                problems.append(
                    at(
                        path,
                        root,
                        loc,
                        f"the recipient {recipient.id!r} is already listed by "
                        f"recipients[{first[recipient.id]}]; each gets one letter",
                    )
                )
                continue
            first[recipient.id] = index
            found.append(recipient)
    if problems:
        raise FactsError(problems)
    trees = {file: shared_root for _, (file, shared_root) in lists.values()}
    return tuple(found), {r.id: places[r.id] for r in found}, trees


def _place(problem: Problem) -> str:
    """'FILE:LINE:COL: where', of a problem with no message."""
    return str(problem).removesuffix(": ").rstrip(":")


def _needs_shared(case: Case) -> bool:
    return any(not isinstance(entry, Recipient) for entry in case.recipients)


def _shared_lists(folder: Path) -> dict[str, tuple[RecipientList, tuple[Path, YamlMapping]]]:
    """Every recipients file in ``folder``, by id, with its path and YAML; FactsError for any
    broken one."""

    lists: dict[str, tuple[RecipientList, tuple[Path, YamlMapping]]] = {}
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    seen: dict[str, Path] = {}
    for file in files:
        try:
            root = read_yaml(file)
            shared = validate(RecipientList, root, file)
        except FactsError as err:
            problems.extend(err.problems)
            continue
        if shared.id != file.stem:
            problems.append(
                at(
                    file,
                    root,
                    ("id",),
                    f"the id {shared.id!r} must match the file name {file.name!r}",
                )
            )
            continue
        for index, recipient in enumerate(shared.recipients):
            if recipient.id in seen:
                problems.append(
                    at(
                        file,
                        root,
                        ("recipients", index, "id"),
                        f"the recipient id {recipient.id!r} is already used in {seen[recipient.id]}"
                        "; recipient ids must be unique across facts/recipients/",
                    )
                )
            seen[recipient.id] = file
        lists[shared.id] = (shared, (file, root))
    if problems:
        raise FactsError(problems)
    return lists
