"""Case and letterhead files: YAML in, validated models out, errors with file:line:col.

Every problem in a file is reported at once, each where it stands in the file
(:mod:`advocacy.facts.reader` keeps the positions). A case comes with the letterheads its
appeals name and its recipients looked up (:mod:`advocacy.facts.recipients`), and with the YAML
of every file it was read from, so that what is found later (a text a language lacks) is placed
without reading any file again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from advocacy.errors import FactsError, Problem, count
from advocacy.facts.models import Case, Letterhead, Recipient
from advocacy.facts.models.text import without_own_language
from advocacy.facts.reader import at, read_yaml
from advocacy.facts.recipients import resolve
from advocacy.facts.shared import shared_folder
from advocacy.facts.spelling import alias_warnings
from advocacy.facts.tree import YamlMapping
from advocacy.facts.validation import validate

LETTERHEADS = "letterheads"
"""Letterheads live in this folder beside the case files."""


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
    trees: Mapping[Path, YamlMapping] = field(default_factory=dict, repr=False, compare=False)
    """The YAML of each file read, by its path: the case file, its letterheads, the recipients
    files. It knows where each fact is written (see :meth:`tree`)."""

    def warned(self) -> str:
        """The one line that `render` and `build` say of the warnings, which `validate` says
        in full: 'facts/x.yaml: 2 warnings: see `advocacy validate facts/x.yaml`'."""
        said = count(len(self.warnings), "warning")
        return f"{self.path}: {said}: see `advocacy validate {self.path}`"

    def examples(self, to: str | None = None, *, every: bool = True) -> tuple[str, ...]:
        """What of the case is sample data (`example: true`), said so that nobody sends it:
        each letterhead, named with its file, and the recipients, named: every one with
        ``every`` (a build writes to each), else only the one a letter goes ``to``."""
        said = [
            f"{letterhead_file(self.path, key)}: warning: the letterhead {key!r} is example data "
            "(`example: true`): put the sender's own details in before sending"
            for key, letterhead in self.letterheads.items()
            if letterhead.example
        ]
        examples = [r.id for r in self.recipients if r.example and (every or r.id == to)]
        if examples and not every:
            said.append(
                f"{self.places.get(examples[0], self.path)}: warning: the recipient "
                f"{examples[0]!r} has example contact details (`example: true`): check them "
                "before sending"
            )
        elif examples:
            names = ", ".join(examples[:10]) + (", ..." if len(examples) > 10 else "")
            said.append(
                f"{self.path}: warning: {len(examples)} of "
                f"{count(len(self.recipients), 'recipient')} "
                f"{'has' if len(examples) == 1 else 'have'} example contact details "
                f"(`example: true`): {names}; check them before sending"
            )
        return tuple(said)

    def tree(self, path: Path) -> YamlMapping:
        """The YAML read from ``path`` when the case was loaded, to place a problem in it with
        :func:`advocacy.facts.reader.at`; KeyError for a file the case was not read from."""
        return self.trees[path]


def letterhead_file(case_path: Path, key: str) -> Path:
    """Where the letterhead ``key`` of the case file at ``case_path`` is written."""
    return shared_folder(case_path, LETTERHEADS) / f"{key}.yaml"


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
            at(
                path,
                root,
                ("id",),
                f"the id {case.id!r} must match the file name "
                f"{path.name!r}: rename the file to {case.id}.yaml or change the id",
            )
        )
    letterheads: dict[str, Letterhead] = {}
    trees = {path: root}
    for index, letter in enumerate(case.appeals):
        if letter.sender in letterheads:
            continue
        file = letterhead_file(path, letter.sender)
        if not file.is_file():
            problems.append(
                at(
                    path,
                    root,
                    ("appeals", index, "sender"),
                    f"no letterhead {letter.sender!r}: expected the file {file}",
                )
            )
            continue
        try:
            letterheads[letter.sender], trees[file] = _letterhead(file)
        except FactsError as err:
            problems.extend(err.problems)

    recipients: tuple[Recipient, ...] = ()
    places: dict[str, str] = {}
    try:
        recipients, places, shared = resolve(case, path, root)
        trees.update(shared)
    except FactsError as err:
        problems.extend(err.problems)
    if problems:
        raise FactsError(problems)
    warnings = tuple(alias_warnings(case, root, path))
    return LoadedCase(path, case, letterheads, warnings, recipients, places, trees=trees)


def load_letterhead(path: Path) -> Letterhead:
    """Read and validate a letterhead file."""
    return _letterhead(path)[0]


def _letterhead(path: Path) -> tuple[Letterhead, YamlMapping]:
    root = read_yaml(path)
    letterhead = validate(Letterhead, root, path)
    own = without_own_language(letterhead, letterhead.language)
    problems = [at(path, root, loc, message) for loc, message in own]
    if letterhead.id != path.stem:
        message = f"the id {letterhead.id!r} must match the file name {path.name!r}"
        problems.append(at(path, root, ("id",), message))
    if problems:
        raise FactsError(problems)
    return letterhead, root
